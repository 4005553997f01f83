"""Where Parallax finds its bundled files and keeps the user's data."""

import sys
from pathlib import Path

from platformdirs import user_cache_path, user_data_path, user_log_path

from desktop import APP_NAME

_ORG = "Parallax"


def install_root() -> Path:
    """The folder holding resources/ and seeds/: the source tree, or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def seeds_dir() -> Path:
    """The seed article and the sample data set made from it."""
    return install_root() / "seeds"


def resources_dir() -> Path:
    """Icons and styles."""
    return install_root() / "resources"


def default_database_path() -> Path:
    """The database opened when none is named: in the user's data folder."""
    return user_data_path(APP_NAME, _ORG) / "parallax.db"


def log_dir() -> Path:
    """The folder for the application's log file."""
    return user_log_path(APP_NAME, _ORG)


def cache_dir() -> Path:
    """Where derived data that can be rebuilt at any time is kept (statement columns)."""
    return user_cache_path(APP_NAME, _ORG)
