"""spaCy, for the syntax layer: its modules and data files without its test suite, and
only the languages Parallax reads (PyInstaller's own hook collects all seventy)."""

from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, get_package_paths

KEPT_LANGUAGES = {"en", "ru"}
LANGUAGES = Path(get_package_paths("spacy")[1]) / "lang"
LEFT_OUT = ["tests"] + [f"lang.{path.name}" for path in LANGUAGES.iterdir()
                        if path.is_dir() and path.name != "__pycache__" and path.name not in KEPT_LANGUAGES]


def _wanted(module: str) -> bool:
    return not any(module == f"spacy.{part}" or module.startswith(f"spacy.{part}.") for part in LEFT_OUT)


hiddenimports = collect_submodules("spacy", filter=_wanted)
datas = collect_data_files("spacy", excludes=[part.replace(".", "/") + "/**" for part in LEFT_OUT])
