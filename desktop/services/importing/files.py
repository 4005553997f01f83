"""Which reader a file needs, judged by its name and, for .json, by its first bytes."""

import re
from pathlib import Path

from desktop.services.importing.claimreview_reader import ClaimReviewPageSource, ClaimReviewSource, has_claim_review
from desktop.services.importing.csv_reader import CsvSource
from desktop.services.importing.encoding import SAMPLE_BYTES, detect_bytes
from desktop.services.importing.json_reader import JsonLinesSource, JsonRowsSource, ParallaxJsonSource
from desktop.services.importing.records import ImportFileError, ImportOptions
from desktop.services.importing.source import Source, file_error
from desktop.services.input_files import UnreadableFile, read_head

DATA_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".jsonld")
PAGE_SUFFIXES = (".html", ".htm")
_PARALLAX = re.compile(r'"format"\s*:\s*"parallax"')


def _json_kind(path: Path) -> type[Source]:
    head = read_head(path, SAMPLE_BYTES)
    text = head.decode(detect_bytes(head), errors="replace")
    if _PARALLAX.search(text):
        return ParallaxJsonSource
    if "ClaimReview" in text or "@context" in text:
        return ClaimReviewSource
    return JsonRowsSource if text.lstrip("\ufeff \t\r\n").startswith("[") else ParallaxJsonSource


def is_data_file(path: Path) -> bool:
    """Whether this importer reads the file: tables and JSON, and web pages that hold a ClaimReview."""
    suffix = path.suffix.lower()
    return suffix in DATA_SUFFIXES or (suffix in PAGE_SUFFIXES and has_claim_review(path))


def source_class(path: Path) -> type[Source]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return CsvSource
    if suffix in (".jsonl", ".ndjson"):
        return JsonLinesSource
    if suffix == ".jsonld":
        return ClaimReviewSource
    if suffix in PAGE_SUFFIXES:
        return ClaimReviewPageSource
    if suffix == ".json":
        return _json_kind(path)
    raise ImportFileError(f"Parallax cannot import “{path.suffix or path.name}” files (it reads {', '.join(DATA_SUFFIXES + PAGE_SUFFIXES)})")


def open_source(path: Path, options: ImportOptions) -> Source:
    """The file opened with the reader it needs; ImportFileError when it cannot be read at all."""
    try:
        return source_class(path)(path, options)
    except UnreadableFile as error:
        raise file_error(error) from None
    except OSError as error:
        raise ImportFileError(f"the file cannot be read: {error.strerror or error}") from error
    except LookupError as error:
        raise ImportFileError(f"unknown encoding: {options.encoding}") from error
