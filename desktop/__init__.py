"""Parallax: a claims desk for editors and fact-checkers."""

__version__ = "0.1.0"
APP_NAME = "Parallax"
