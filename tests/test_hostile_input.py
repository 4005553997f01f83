"""Hostile input: every reader and the article extractor give a result or a clear error, never a crash or a hang.

Hypothesis feeds arbitrary bytes and text, and documents that are nearly right, to the
CSV, TSV, JSON, JSON Lines, ClaimReview (JSON-LD and web page) and article readers and to
the extractor; explicit cases cover the size limits, deep nesting, a 10 MB line, NUL bytes,
invalid UTF-8, 10,000 columns, and texts built to make a careless pattern take quadratic
time. Run with `-s` to see how many inputs were tried (docs/RELIABILITY.md).
"""

import contextlib
import gc
import csv
import io
import json
import time
import tracemalloc
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.domain.extraction import Context, KnownOutlet, KnownSpeaker, Proposal, extract
from desktop.domain.values import MAX_TEXT_LENGTH
from desktop.services.article_pages import MAX_HTML_DEPTH
from desktop.services.articles import MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS, ArticleError, read_article
from desktop.services.importing import ImportOptions, ImportSummary, import_files
from desktop.services.importing.files import open_source
from desktop.services.importing.headers import FIELDS
from desktop.services.importing.limits import MAX_ERRORS, MAX_FILE_BYTES, MAX_PAGE_BYTES
from desktop.services.importing.preview import preview_file
from desktop.services.importing.records import ImportFileError, Problem
from desktop.storage.database import Database
from importing_helpers import counts

TRIED: Counter = Counter()  # inputs tried, by target
DATA_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".jsonld", ".html")
ARTICLE_SUFFIXES = (".txt", ".md", ".html")
# A loaded two-core machine: generous deadlines; a hang still fails, as the time limits below do.
FUZZ = settings(
    max_examples=700,
    deadline=timedelta(seconds=10),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WORDS = [
    "Dmitry Peskov ", "Peskov ", "Песков ", "the Kremlin ", "He ", "They ", "a senior official ", "Sputnik ",
    "said ", "told TASS ", "denied ", "according to ", "citing sources ", "reported ", "added that ",
    "“", "”", '"', "'", "«", "»", ", ", ". ", "! ", "? ", "\n", "\n\n", "# ", "**", "_", "[", "](", ")",
    "<p>", "</p>", "<b>", "<script>", "on Monday ", "12 November 2021 ", "2021-11-12 ", "(AP) — ", "\x00", "\ufeff",
]


@pytest.fixture(scope="module", autouse=True)
def report_inputs_tried():
    yield
    print(f"\nhostile inputs tried: {sum(TRIED.values()):,} ({', '.join(f'{n:,} {k}' for k, n in sorted(TRIED.items()))})")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def _file(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    return path


def _read_as_data(path: Path) -> list:
    """Preview the file, then read all of it: only records, Problems or an ImportFileError may come out."""
    TRIED[f"{path.suffix} files"] += 1
    preview = preview_file(path, ImportOptions())
    assert all(isinstance(problem, Problem) and problem.message for problem in preview.problems)
    try:
        with open_source(path, ImportOptions()) as source:
            items, errors = [], 0
            for item in source.items():  # as an import reads: it stops after MAX_ERRORS errors
                items.append(item)
                errors += isinstance(item, Problem) and item.is_error
                if errors >= MAX_ERRORS:
                    break
            return items
    except ImportFileError as error:
        assert str(error)
        return []


def _read_as_article(path: Path) -> None:
    """An article, which the extractor reads into proposals within the text, or an ArticleError."""
    TRIED[f"{path.suffix} articles"] += 1
    try:
        article = read_article(path)
    except ArticleError as error:
        assert path.stem in str(error)
        return
    _check_proposals(article.text, extract(article.text, Context(article.published_on)))


def _check_proposals(text: str, proposals: list[Proposal]) -> None:
    for proposal in proposals:
        assert 0 <= proposal.start <= proposal.end <= len(text)
        assert 0 < proposal.confidence <= 1


cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["2021-11-12", "11/12/2021", "12 ноября 2021", "31/02/2021", "yes", "no", "=cmd|' /C calc'!A0",
                     "javascript:alert(1)", "https://example.com/a", "1,5", "NaN", "1e999", "'@SUM(A1)", "3; 7", "#12"]),
)
headers = st.lists(st.sampled_from([alias for aliases in FIELDS.values() for alias in aliases]) | st.text(max_size=12), max_size=10)


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(DATA_SUFFIXES))
def test_any_bytes_under_any_data_file_name(folder, data, suffix):
    _read_as_data(_file(folder, suffix, data))


@FUZZ
@given(
    header=headers,
    rows=st.lists(st.lists(cells, max_size=10), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251", "latin-1"]),
    suffix=st.sampled_from([".csv", ".tsv"]),
)
def test_tables_nearly_right(folder, header, rows, delimiter, encoding, suffix):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    _read_as_data(_file(folder, suffix, buffer.getvalue().encode(encoding, errors="replace")))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | cells,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(
        ["text", "speaker", "date", "@type", "itemReviewed", "author", "reviewRating", "claimReviewed", "appearance",
         "name", "@graph", "statements", "sides", "from", "to", "type", "aliases", "span_start", "parallaxLinks"]
    ) | st.text(max_size=8), inner, max_size=5),
    max_leaves=25,
)


def _document(shape: str, value) -> str:
    if shape == "rows":
        return json.dumps([value, {"text": value}])
    if shape == "lines":
        return "\n".join(json.dumps(item) for item in (value if isinstance(value, list) else [value]))
    if shape == "parallax":
        return json.dumps({"format": "parallax", "version": 1, "statements": [value], "links": [value]})
    return json.dumps({"@context": "https://schema.org", "@type": "ClaimReview", "itemReviewed": value, "reviewRating": value})


@FUZZ
@given(
    value=json_values,
    shape=st.sampled_from(["rows", "lines", "parallax", "claimreview"]),
    cut=st.none() | st.integers(min_value=0, max_value=400),
    suffix=st.sampled_from([".json", ".jsonl", ".jsonld", ".html"]),
)
def test_json_documents_nearly_right(folder, value, shape, cut, suffix):
    text = _document(shape, value)[:cut]
    if suffix == ".html":
        text = f'<html><script type="application/ld+json">{text}</script><p>{text}</p>'
    _read_as_data(_file(folder, suffix, text.encode()))


# What a file may open with, and pieces that repeated make a shape a careless reader takes quadratic
# time or a lot of memory over: many keys, open quotes, brackets, tags, long lines, stray bytes.
PREFIXES = ["", "text,speaker\n", "[", '[{"text": "', '{"format": "parallax", "version": 1, "statements": [',
            '{"@graph": [', '<script type="application/ld+json">', "---\ntitle: ", "<html><body><p>"]
UNITS = [b'"k": 0, ', b'{"text": "x", "k', b'"', b"a,", b"[", b"{", b"<div>", b"<!--", b"\\ud800", b"\xe9", b"\x00",
         b'"a\n', b"x" * 64, b"\n", b"**a ", b"Peskov said ", b"1" * 40]
SHAPE_BYTES = 512 * 1024
# Processor time, which other programs on the machine do not inflate; generous (the slowest shape, an
# article of blank lines, takes 0.8 s alone), yet a quadratic reader takes far longer on half a
# megabyte (100,000 keys in an object, 1.1 MB, took 47 s).
SHAPE_SECONDS = 5
SHAPE_MEMORY = 80 * SHAPE_BYTES  # at most, as tracemalloc counts it


def _read_whole(path: Path, article: bool) -> None:
    if article:
        with contextlib.suppress(ArticleError):
            read_article(path)  # the extractor's own time is checked below
    else:
        _read_as_data(path)


@settings(FUZZ, max_examples=25, deadline=None)
@given(
    prefix=st.sampled_from(PREFIXES),
    unit=st.sampled_from(UNITS) | st.binary(min_size=1, max_size=24),
    suffix=st.sampled_from(DATA_SUFFIXES + ARTICLE_SUFFIXES),
)
def test_every_reader_takes_time_and_memory_in_proportion_to_the_file(folder, prefix, unit, suffix):
    """Half a megabyte of a repeated piece, under every reader's file name: read whole (or refused) within
    seconds of processor time, and never holding more than 80 times the file in memory."""
    data = prefix.encode() + (unit * (SHAPE_BYTES // len(unit) + 1))[:SHAPE_BYTES]
    path = _file(folder, suffix, data)
    article = suffix in ARTICLE_SUFFIXES[:2] or (suffix == ".html" and not data.startswith(b"<script"))
    TRIED[f"{suffix} {'articles' if article else 'files'} of repeated pieces"] += 1
    gc.collect()
    gc.freeze()  # what earlier tests left is not walked by every collection the reading makes
    try:
        started = time.process_time()
        _read_whole(path, article)
        took = time.process_time() - started
    finally:
        gc.unfreeze()
    assert took < SHAPE_SECONDS, f"{suffix} of {unit!r} took {took:.1f} s"
    tracemalloc.start()
    try:
        _read_whole(path, article)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < SHAPE_MEMORY, f"{suffix} of {unit!r} held {peak / 2**20:.0f} MB"


@FUZZ
@given(data=st.binary(max_size=4096) | st.text(max_size=2000).map(str.encode), suffix=st.sampled_from(ARTICLE_SUFFIXES))
def test_any_bytes_as_an_article(folder, data, suffix):
    _read_as_article(_file(folder, suffix, data))


news = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=120).map("".join)


@FUZZ
@given(text=news, suffix=st.sampled_from(ARTICLE_SUFFIXES))
def test_newsy_text_as_an_article(folder, text, suffix):
    _read_as_article(_file(folder, suffix, text.encode()))


@FUZZ
@given(text=news | st.text(max_size=500), known=st.booleans(), today=st.none() | st.dates(date(1900, 1, 1), date(2100, 1, 1)))
# The parse once took the '#' for the subject of 'added', and the speaker's words were none.
@example(text="Dmitry Peskov " * 10 + ", # added that Dmitry Peskov Dmitry Peskov ", known=False, today=None)
def test_the_extractor_reads_any_text(text, known, today):
    TRIED["texts extracted"] += 1
    context = Context(today)
    if known:
        context = Context(today, (KnownSpeaker("Dmitry Peskov", ("Песков",), "spokesman", "Russia"),), (KnownOutlet("TASS"),), ("Russia",))
    _check_proposals(text, extract(text, context))


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory):
    database = Database(tmp_path_factory.mktemp("fuzzdb") / "fuzz.parallax")
    yield database
    database.close()


@settings(FUZZ, max_examples=60)
@given(header=headers, rows=st.lists(st.lists(cells, max_size=8), max_size=8), suffix=st.sampled_from([".csv", ".jsonl"]))
def test_an_import_of_anything_is_all_or_nothing(folder, fuzz_db, header, rows, suffix):
    TRIED["imports"] += 1
    if suffix == ".csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows([header, *rows])
        data = buffer.getvalue()
    else:
        data = "\n".join(json.dumps(dict(zip(header, row))) for row in rows)
    before = counts(fuzz_db)
    summary = import_files(fuzz_db, [_file(folder, suffix, data.encode())])
    assert isinstance(summary, ImportSummary)
    assert summary.committed or counts(fuzz_db) == before, summary.report()


# Explicit cases --------------------------------------------------------------------------------


def _messages(path: Path) -> str:
    return "\n".join(problem.message for problem in preview_file(path, ImportOptions()).problems)


def test_a_field_over_its_limit_is_an_error_naming_the_line(db, tmp_path):
    TRIED["explicit cases"] += 1
    path = _file(tmp_path, ".csv", f"text,speaker\nfine,A\n{'x' * (MAX_TEXT_LENGTH + 1)},B\n".encode())
    summary = import_files(db, [path])
    assert not summary.committed and counts(db)["statement"] == 0
    assert [str(e) for e in summary.errors] == [f"{path}:3: the text is {MAX_TEXT_LENGTH + 1:,} characters long; the limit is {MAX_TEXT_LENGTH:,}"]


@pytest.mark.parametrize(
    ("suffix", "limit", "message"),
    [(".csv", MAX_FILE_BYTES, "at most 1 GiB"), (".jsonl", MAX_FILE_BYTES, "at most 1 GiB"), (".html", MAX_PAGE_BYTES, "at most 20 MiB")],
)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, suffix, limit, message):
    TRIED["explicit cases"] += 1
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as file:
        file.truncate(limit + 1)  # sparse: nothing is written
    assert message in _messages(path)


def test_an_article_over_the_size_limit_is_refused(tmp_path):
    TRIED["explicit cases"] += 1
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(MAX_ARTICLE_BYTES + 1)
    with pytest.raises(ArticleError, match="Parallax reads articles of up to 5 MB"):
        read_article(path)


def test_an_article_with_more_text_than_extraction_reads_is_refused(tmp_path):
    TRIED["explicit cases"] += 1
    path = _file(tmp_path, ".md", ("Peskov said so. " * (MAX_ARTICLE_CHARS // 16 + 1)).encode())
    with pytest.raises(ArticleError, match=f"up to {MAX_ARTICLE_CHARS:,}"):
        read_article(path)


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("suffix", "text", "message"),
    [
        (".json", DEEP, "nested too deeply"),
        (".json", '{"format": "parallax", "version": 1, "statements": [' + DEEP + "]}", "nested too deeply"),
        (".jsonl", '{"text": ' + DEEP + "}", "nested too deeply"),
        (".jsonld", '{"@graph": ' + DEEP + "}", "nested too deeply"),
        (".html", '<script type="application/ld+json">{"a": "ClaimReview", "b": ' + DEEP + "}</script>", "nested too deeply"),
        # Within the decoder's depth but past Python's: read without recursion.
        (".jsonl", '{"text": ' + "[" * 900 + '"a"' + "]" * 900 + "}", None),
        (".jsonld", '{"@graph": ' + "[" * 900 + '{"@type": "ClaimReview", "claimReviewed": "x"}' + "]" * 900 + "}", None),
    ],
)
def test_deeply_nested_json_is_read_or_a_clear_problem(tmp_path, suffix, text, message):
    path = _file(tmp_path, suffix, text.encode())
    _read_as_data(path)
    if message:
        assert message in _messages(path)
    else:
        assert [record.text for record in preview_file(path, ImportOptions()).records] in (["a"], ["x"])


def test_deep_json_ld_in_an_article_page_is_passed_over(tmp_path):
    page = '<script type="application/ld+json">' + DEEP + "</script><article><p>Peskov said it was false.</p></article>"
    _read_as_article(_file(tmp_path, ".html", page.encode()))
    assert "Peskov said it was false." in read_article(tmp_path / "input.html").text


def test_a_page_nested_deeper_than_browsers_go_is_refused(tmp_path):
    TRIED["explicit cases"] += 1
    path = _file(tmp_path, ".html", ("<div>" * 1_000_000 + "<p>Peskov said so.</p>").encode())
    started = time.monotonic()
    with pytest.raises(ArticleError, match=f"more than {MAX_HTML_DEPTH} deep"):
        read_article(path)
    assert time.monotonic() - started < 10


TEN_MB = 10 * 2**20


@pytest.mark.parametrize(
    ("suffix", "text", "message"),
    [
        (".csv", "text\n" + "x" * TEN_MB, "the line is longer than"),
        (".tsv", "text\tspeaker\n" + '"' + "x" * TEN_MB, "the line is longer than"),
        (".jsonl", json.dumps({"text": "x" * TEN_MB}), "the line is longer than"),
        (".json", json.dumps([{"text": "x" * TEN_MB}]), "a single value is longer than"),
    ],
)
def test_a_10_mb_line_is_a_clear_problem(tmp_path, suffix, text, message):
    _read_as_data(_file(tmp_path, suffix, text.encode()))
    assert message in _messages(tmp_path / f"input{suffix}")


def test_a_10_mb_article_on_one_line_is_refused_and_1_mb_is_extracted_in_time(tmp_path):
    with pytest.raises(ArticleError):
        read_article(_file(tmp_path, ".txt", b"Peskov said " * (TEN_MB // 12)))
    TRIED["explicit cases"] += 1
    started = time.monotonic()
    _check_proposals(text := "Peskov said the reports were false and " * 25_000, extract(text))
    assert time.monotonic() - started < 30


@pytest.mark.parametrize(
    ("suffix", "data"),
    [
        (".csv", b"text,speaker\nhello\x00world,A\n"),
        (".jsonl", b'{"text": "a\x00b"}\n{"text": "a\\u0000b"}\n'),
        (".json", b'[{"text": "\x00"}]'),
        (".txt", b"Peskov\x00 said it."),
        (".csv", b"text,speaker\n\xff\xfe\xfa\x80 said,\xc3\x28\n"),
        (".jsonl", b'{"text": "\xff\xfe caf\xe9"}\n'),
        (".md", b"# \xff\xfe\xfa\n\nPeskov said \xc3\x28 it.\n"),
        (".html", b"<p>\xff\xfe Peskov said it.</p>"),
    ],
)
def test_nul_bytes_and_invalid_utf8_are_read_or_refused_clearly(tmp_path, suffix, data):
    path = _file(tmp_path, suffix, data)
    if suffix in ARTICLE_SUFFIXES[:2]:
        _read_as_article(path)
    else:
        _read_as_data(path)


def test_a_csv_with_10000_columns_is_read(db, tmp_path):
    TRIED["explicit cases"] += 1
    names = [f"column {i}" for i in range(10_000)]
    path = _file(tmp_path, ".csv", (",".join([*names, "text"]) + "\n" + ",".join(["x"] * 10_000 + ["Peskov said so"]) + "\n").encode())
    summary = import_files(db, [path])
    assert summary.committed and summary.imported == 1
    assert "columns Parallax does not know were left out" in summary.report()


SLOW_ONCE = [  # texts that took minutes at 40 KB before the patterns and loops were bounded
    "Dmitry Peskov Kremlin Spokesman ", "said ", "told the ", "Peskov said the reports were false and ", "Mr. Gen. St. ",
    "peskov said\n", "— said Peskov — ", "A", '"A b." ', "according to x" + " " * 2000 + "y ", "on x ",
    "Peskov said the reports were false on Monday. He said they lied. ",
]


@pytest.mark.parametrize("unit", SLOW_ONCE)
def test_extraction_takes_time_in_proportion_to_the_text(unit):
    TRIED["explicit cases"] += 1
    piece = (unit * (2900 // len(unit) + 1))[:2900] + ". Then "  # sentences just short of the longest read
    text = (piece * 35)[:100_000]
    started = time.monotonic()
    _check_proposals(text, extract(text))
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("unit", ["**a ", "__a ", "*a ", "[a ", "![a](", "<a ", " \n", "---\n"])
def test_markdown_takes_time_in_proportion_to_the_text(tmp_path, unit):
    TRIED["explicit cases"] += 1
    started = time.monotonic()
    with contextlib.suppress(ArticleError):  # past MAX_ARTICLE_CHARS, some of them: what counts is the time taken
        read_article(_file(tmp_path, ".md", (unit * (1_000_000 // len(unit)) + " Peskov said so.").encode()))
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("unit", ["<a ", "<!--", "</", "<script ", "<![CDATA["])
def test_a_hostile_page_is_scanned_for_claim_reviews_in_time(tmp_path, unit):
    TRIED["explicit cases"] += 1
    started = time.monotonic()
    _read_as_data(_file(tmp_path, ".html", (unit * (2_000_000 // len(unit))).encode()))
    assert time.monotonic() - started < 10
