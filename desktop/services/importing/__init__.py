"""Importing statements from CSV, JSON, JSON Lines and ClaimReview files: no Qt."""

from desktop.services.importing.dates import DayOrder
from desktop.services.importing.records import ImportOptions, Problem
from desktop.services.importing.service import import_files
from desktop.services.importing.summary import ImportSummary

__all__ = ["DayOrder", "ImportOptions", "ImportSummary", "Problem", "import_files"]
