"""Ordinary broken files and hostile ones (issue 14): each is read whole or refused with its file and
line named, quickly, and a refused import leaves the database as it was."""

import json
import os
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.entities import Document
from desktop.services.articles import ArticleError, read_article
from desktop.services.exporting.csv_export import write_csv
from desktop.services.importing import ImportOptions, import_files
from desktop.services.importing import json_stream
from desktop.services.importing.files import open_source
from desktop.services.importing.limits import MAX_COLUMNS, MAX_JSON_VALUE_CHARS, MAX_LINE_CHARS
from desktop.services.importing.preview import preview_file
from desktop.services.importing.records import ImportFileError, Problem
from desktop.services.input_files import FileTooLarge, InputFile, UnreadableFile
from desktop.storage.database import Database
from importing_helpers import counts, statements, write


def _within(seconds: float, call, unblock=None):
    """`call()`'s result, or a failure when it has not returned within `seconds` (`unblock` then frees it)."""
    result: dict = {}

    def run():
        try:
            result["value"] = call()
        except BaseException as error:  # handed to the test below
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if unblock is not None:
            unblock()
        thread.join(seconds)
        pytest.fail(f"still reading after {seconds} s")
    if "error" in result:
        raise result["error"]
    return result["value"]


def _open_writer(path: Path) -> None:
    """Open the FIFO for writing and close it: a reader blocked on it then sees its end."""
    os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


# Item 11: anything but a regular file is refused; the size limit holds while reading ----------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("suffix", [".csv", ".json", ".jsonl", ".txt", ".html"])
def test_a_named_pipe_is_refused_without_blocking(db, tmp_path, suffix):
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    if suffix == ".txt":
        with pytest.raises(ArticleError, match="not a regular file"):
            _within(5, lambda: read_article(path), lambda: _open_writer(path))
        return
    summary = _within(5, lambda: import_files(db, [path]), lambda: _open_writer(path))
    assert not summary.committed and counts(db)["statement"] == 0
    assert f"{path}: it is not a regular file" in summary.report()
    assert "not a regular file" in str(_within(5, lambda: preview_file(path, ImportOptions()).problems, lambda: _open_writer(path)))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
@pytest.mark.parametrize("suffix", [".csv", ".html", ".txt"])
def test_a_device_named_like_a_file_is_refused(db, tmp_path, suffix):
    path = tmp_path / f"zero{suffix}"
    path.symlink_to("/dev/zero")
    if suffix == ".txt":
        with pytest.raises(ArticleError, match="not a regular file"):
            _within(5, lambda: read_article(path))
        return
    summary = _within(5, lambda: import_files(db, [path]))
    assert "not a regular file" in summary.report() and counts(db)["statement"] == 0


def test_a_file_growing_past_the_limit_is_refused_as_it_is_read(tmp_path):
    path = write(tmp_path, "growing.csv", "text\n" + "x\n" * 10)
    with InputFile(path, limit=100) as file:
        with path.open("ab") as writer:
            writer.write(b"y\n" * 100)
        with pytest.raises(FileTooLarge, match="more than 100 bytes"):
            file.readall()
    with pytest.raises(UnreadableFile, match="at most 100 bytes"):
        InputFile(path, limit=100)


# Item 10: time in proportion to the size, memory bounded, limits with clear errors ----------------


def _timed_messages(path: Path, seconds: float) -> str:
    """The problems an import of the file reports (or fails on), read within `seconds`."""
    started = time.monotonic()
    report = "\n".join(str(problem) for problem in _read_all(path))
    assert time.monotonic() - started < seconds, f"{path.name} took {time.monotonic() - started:.1f} s"
    return report


def _read_all(path: Path) -> list[Problem]:
    """Every problem met on reading the whole file, the error that stopped it last."""
    problems = []
    try:
        with open_source(path, ImportOptions()) as source:
            problems += [item for item in source.items() if isinstance(item, Problem)]
    except ImportFileError as error:
        problems.append(Problem(str(path), error.line, str(error)))
    return problems


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("keys.json", '[{"text": "x", ' + ", ".join(f'"k{i}": 0' for i in range(100_000)) + "}]",
         f":1: the object has more than {MAX_COLUMNS:,} keys; an object may have at most {MAX_COLUMNS:,}"),
        ("keys.jsonl", "".join(f'{{"text": "x", "k{i}": 1}}\n' for i in range(100_000)),
         f":{MAX_COLUMNS}: the file names more than {MAX_COLUMNS:,} different keys"),
        ("object.json", '{"format": "parallax", "version": 1, "statements": [{"text": "x", '
         + ", ".join(f'"k{i}": 0' for i in range(100_000)) + "}]}", f":1: the object has more than {MAX_COLUMNS:,} keys"),
        ("columns.csv", ",".join(f"c{i}" for i in range(100_000)) + ",text\nx\n",
         f":1: the header names 100,001 columns; a file may have at most {MAX_COLUMNS:,}"),
        ("wide.csv", ",".join(f"column {i}" for i in range(200_000)) + ",text\nx\n",
         f":1: the line is longer than {MAX_LINE_CHARS:,} characters"),
        ("cells.csv", "text\nfine\n" + ("a," * 20_000 + "\n") * 1000, f":3: the row has 20,001 cells; a file may have at most {MAX_COLUMNS:,} columns"),
        ("line.csv", "text\nfine\n" + "a," * 10_000_000, f":3: the line is longer than {MAX_LINE_CHARS:,} characters"),
        ("string.json", '[{"text": "fine"},\n{"text": "' + "x" * 30_000_000 + '"}]',
         f":2: not valid JSON: a single value is longer than {MAX_JSON_VALUE_CHARS:,} characters"),
        ("strings.json", '[{"text": "' + "x" * 5_000_000 + '"}, {"text": "' + "y" * 5_000_000 + '"}]',
         ":1: the text is 5,000,000 characters long; the limit is 20,000"),
    ],
)
def test_a_shape_that_took_minutes_is_read_or_refused_in_seconds(tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    assert message in _timed_messages(path, 10)


class _MeasuredDecoder:
    """The stream's decoder, noting the most text it was given to decode at once, and how much each
    time it found a value cut short."""

    def __init__(self):
        self.most = 0
        self.cut_short: list[int] = []

    def raw_decode(self, text: str, start: int):
        self.most = max(self.most, len(text) - start)
        try:
            return json.JSONDecoder().raw_decode(text, start)
        except json.JSONDecodeError:
            self.cut_short.append(len(text) - start)
            raise


_KEYS = ", ".join(f'"k{i}": 0' for i in range(300_000))  # 3.6 MB


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("keys.json", '[{"text": "fine"},\n{"text": "x", ' + _KEYS + "}]", ":2: the object has more than"),
        ("spread.json", '[{"text": "x", "more": [' + ", ".join(['{"a": 1}'] * 20_000) + "], " + _KEYS + "}]", ":1: the object has more than"),
        ("nested.json", '[{"text": "x", "more": {"a": [1, {"b": 2}], ' + _KEYS + "}}]", ":1: the object has more than"),
        ("parallax.json", '{"format": "parallax", "version": 1,\n"statements": [{"text": "x", ' + _KEYS + "}]}", ":2: the object has more than"),
        ("review.json", '[{"@type": "ClaimReview", "itemReviewed": {' + _KEYS + "}}]", ":1: the object has more than"),
    ],
)
def test_an_object_of_too_many_keys_is_refused_before_it_is_decoded(tmp_path, monkeypatch, name, text, message):
    """Decoding an object of 10 MB of keys to count them took 2 to 4.6 s: its keys are counted in its text."""
    decoder = _MeasuredDecoder()
    monkeypatch.setattr(json_stream, "_DECODER", decoder)
    path = write(tmp_path, name, text)
    report = _timed_messages(path, 10)
    assert decoder.most < 600_000  # not the 3.6 MB object, only its first few pieces
    assert f"{path}{message} {MAX_COLUMNS:,} keys" in report


_NESTED = ",".join(['[[[[{"a": 1}]]]]'] * 200_000)  # 3.4 MB


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"text": "x", "speaker": "P", "more": [' + _NESTED + ']},\n{"text": "y", "speaker": "P"}]', ":1: the key “more” is not one Parallax knows"),
        ('[{"text": "x", "speaker": "P", "more": [' + ",".join(['["a\\\\", "]\\"}", {"b": "[["}]'] * 150_000) + "]}]", ":1: the key “more” is not one"),
        ('{"statements": [[' + ",".join([_NESTED] * 3) + "]]}", "a single value is longer than 8,388,608 characters"),
    ],
)
def test_a_long_value_is_decoded_once_its_brackets_close(tmp_path, monkeypatch, text, message):
    """Decoding a value again each time twice as much had been read took 5.5 s to refuse 11 MB of small
    nested objects: until a scan of its text finds it closed, a long value is not decoded."""
    decoder = _MeasuredDecoder()
    monkeypatch.setattr(json_stream, "_DECODER", decoder)
    path = write(tmp_path, "nested.json", text)
    report = _timed_messages(path, 10)
    assert max(decoder.cut_short) < 600_000  # found cut short only in its first few pieces, not again at 1, 2, 4 MB
    assert message in report


def test_colons_in_long_strings_are_not_taken_for_keys(tmp_path, monkeypatch):
    article = "At 12:30: the minister spoke. " * 40_000  # 80,000 colons, 1.2 MB, read in several pieces
    path = write(tmp_path, "parallax.json", json.dumps({"format": "parallax", "version": 1, "documents": [
        {"id": "d", "title": "t", "text": article}, {"id": "e", "title": "u", "text": article + '"{:}["'}]}))
    assert _read_all(path) == []


# Item 12: every reader error names the file and the line ---------------------------------------------

_BIG = "1" * 5000
_SPAN = 10**20


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("surrogate.jsonl", '{"text": "fine", "speaker": "P"}\n{"text": "a\\ud800b", "speaker": "P"}\n', ":2: not valid JSON: a string holds \\ud800"),
        ("surrogate.json", '[{"text": "fine", "speaker": "P"},\n{"text": "a\\udc00", "speaker": "P"}]', ":2: not valid JSON: a string holds \\udc00"),
        ("surrogate-key.jsonl", '{"text": "fine", "speaker": "P", "\\ud800": 1}\n', ":1: not valid JSON: a string holds \\ud800"),
        ("parallax.json", '{"format": "parallax", "version": 1,\n"statements": [{"text": "a\\ud800", "speaker": "P"}]}', ":2: not valid JSON: a string holds"),
        ("review.jsonld", '{"@type": "ClaimReview",\n"claimReviewed": "x\\ud800", "itemReviewed": {"author": "P"}}', ":2: not valid JSON: a string holds"),
        ("digits.jsonl", '{"text": "a", "speaker": "P", "rating_value": ' + _BIG + "}\n", ":1: not valid JSON: a number is longer than 4,300 digits"),
        ("digits.json", '[\n{"text": "a", "speaker": "P", "rating_value": ' + _BIG + "}]", ":2: not valid JSON: a number is longer than 4,300 digits"),
        ("span.json", '{"format": "parallax", "version": 1, "documents": [{"id": "d", "title": "t", "text": "abc"}],\n"statements": '
         f'[{{"text": "a", "speaker": "P", "document": "d", "span_start": {_SPAN}, "span_end": {_SPAN + 1}}}]}}',
         f":2: statement: {_SPAN} is not a place in a document's text"),
        ("reference.csv", f"text,speaker,rebuts\na,P,{'9' * 25}\n", f":2: “{'9' * 25}” is neither an id in this file nor a stored statement"),
    ],
)
def test_a_value_python_cannot_take_is_an_error_naming_file_and_line(db, tmp_path, name, text, message):
    path = write(tmp_path, name, text)
    before = counts(db)
    summary = import_files(db, [path])
    report = summary.report()
    assert not summary.committed and counts(db) == before
    assert f"{path}{message}" in report
    report.encode("utf-8")  # printable: no half character reaches the report


# Item 1: a UTF-8 file with a few stray bytes stays UTF-8, the bytes reported by line --------------------


def test_one_latin1_byte_leaves_a_utf8_csv_utf8_and_is_reported_at_its_line(db, tmp_path):
    rows = "".join(f"Café au lait n°{i},Pierre Dupont\n" for i in range(200))
    path = tmp_path / "cafe.csv"
    path.write_bytes(("text,speaker\n" + rows).encode() + "Déjà vu,Alice\n".encode("cp1252"))
    summary = import_files(db, [path])
    assert summary.committed and summary.imported == 201
    assert {s.text for s in statements(db)} == {f"Café au lait n°{i}" for i in range(200)} | {"Déjà vu"}
    assert [str(w) for w in summary.warnings] == [
        f"{path}:202: bytes that are not UTF-8 (E9 E0) were read as Windows-1252 has them, “éà”; if that is wrong, choose the file's encoding"
    ]


@pytest.mark.parametrize("name", ["late.jsonl", "late.json", "late.csv"])
def test_a_stray_byte_past_the_first_64_kib_is_a_warning_not_the_end_of_the_file(db, tmp_path, name):
    count = 3000  # 70 KB of UTF-8
    if name.endswith(".csv"):
        head, rows, tail = "text,speaker\n", [f"Ещё {i},Песков\n" for i in range(count)], "Caf\xe9,A\n"
    else:
        head, rows, tail = "", [f'{{"text": "Ещё {i}", "speaker": "Песков"}}\n' for i in range(count)], '{"text": "Caf\xe9", "speaker": "A"}\n'
    if name.endswith(".json"):
        head, rows, tail = "[", [row.replace("\n", ",\n") for row in rows], tail + "]"
    path = tmp_path / name
    path.write_bytes((head + "".join(rows)).encode() + tail.encode("cp1252"))
    summary = import_files(db, [path])
    assert summary.committed and summary.imported == count + 1, summary.report()
    line = count + (2 if name.endswith(".csv") else 1)
    assert [str(w) for w in summary.warnings] == [
        f"{path}:{line}: bytes that are not UTF-8 (E9) were read as Windows-1252 has them, “é”; if that is wrong, choose the file's encoding"
    ]
    assert "Café" in {s.text for s in statements(db)}


def test_an_article_with_a_stray_byte_stays_utf8(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes("Пресс-секретарь Кремля Дмитрий Песков заявил, что это ложь.\n".encode() * 20 + "Caf\xe9.\n".encode("cp1252"))
    text = read_article(path).text
    assert "Дмитрий Песков" in text and "Café" in text


# Item 2: a stray quote is reported with the line where it opened ------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('text,speaker,date\n"Opening quote never closed,Alice,2021-11-12\nSecond,Bob,2021-11-13\n'
         '"Third, quoted",Carol,2021-11-14\nFourth,Dan,2021-11-15\n',
         ":2: a quote opened on this line closes only on line 4: 3 lines were read as one cell"),
        ('text,speaker,date\nFirst,Alice,2021-11-12\n"Never closed,Bob,2021-11-13\n' + "".join(f"Row {i},Carol,2021-11-14\n" for i in range(49)),
         ":3: a quote opened on this line is never closed: the 50 lines after it were read as one cell"),
        ('text,speaker\nA,"B\n', ":2: a quote opened on this line is never closed: the line after it was read as one cell"),
        ('text,speaker\nA,B\n"' + "line\n" * 300 + '",C\n', ":3: a quote opened on this line closes only on line 303: 301 lines were read as one cell"),
    ],
)
def test_a_quote_left_open_is_an_error_at_the_line_it_opened(db, tmp_path, text, message):
    path = write(tmp_path, "quotes.csv", text)
    summary = import_files(db, [path])
    assert not summary.committed and counts(db)["statement"] == 0
    assert f"{path}{message}" in summary.report()


def test_a_cell_over_a_few_lines_is_read(db, tmp_path):
    path = write(tmp_path, "lines.csv", 'text,speaker\n"He said:\nno, never,\nnot once",Peskov\nNext,Bob\n')
    summary = import_files(db, [path])
    assert summary.committed and [s.text for s in statements(db)] == ["He said:\nno, never,\nnot once", "Next"]


# Item 3: a file that changes while it is read is refused ----------------------------------------------


@pytest.mark.parametrize("name", ["growing.csv", "growing.jsonl", "growing.json"])
def test_a_file_written_while_it_is_imported_is_refused(db, tmp_path, name):
    rows = [f"Claim {n},Speaker {n % 7}\n" for n in range(5000)]
    if name.endswith((".jsonl", ".json")):
        rows = [f'{{"text": "Claim {n}", "speaker": "S"}}\n' for n in range(5000)]
    text = "text,speaker\n" + "".join(rows) if name.endswith(".csv") else "".join(rows)
    if name.endswith(".json"):
        text = "[" + ",".join(row.strip() for row in rows) + "]"
    path = write(tmp_path, name, text)
    appended = []

    def another_program_writes(done, total):
        if not appended and done > 0:  # while the file is being read
            with path.open("a") as file:
                file.write("Claim cut of")  # a last row without its end
            appended.append(done)

    summary = import_files(db, [path], progress=another_program_writes)
    assert appended and not summary.committed and counts(db)["statement"] == 0
    assert f"{path}: the file changed while it was read" in summary.report()


def test_an_article_written_while_it_is_read_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path, "article.txt", "Peskov said it was false.\n")
    real_fstat = os.fstat
    calls = []

    def fstat_after_a_write(fd):
        calls.append(fd)
        if len(calls) == 2:  # once read: another program has written meanwhile
            with path.open("a") as file:
                file.write("More")
        return real_fstat(fd)

    monkeypatch.setattr(os, "fstat", fstat_after_a_write)
    with pytest.raises(ArticleError, match="article.txt: the file changed while it was read"):
        read_article(path)


# Item 6: numbers that are not finite are refused ------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "1e999", "NaN", "-Infinity", "nan"])
def test_a_rating_that_is_not_a_finite_number_is_refused_at_its_line(db, tmp_path, value):
    path = write(tmp_path, "ratings.csv", f"text,speaker,rating_value\nfine,A,\nodd,B,{value}\n")
    summary = import_files(db, [path])
    assert not summary.committed and counts(db)["statement"] == 0
    assert [str(e) for e in summary.errors] == [f"{path}:3: the rating value “{value}” is not a number"]


@pytest.mark.parametrize("value", ["1e999", "-1e999"])
def test_a_json_rating_too_large_for_a_number_is_refused_at_its_line(db, tmp_path, value):
    path = write(tmp_path, "ratings.jsonl", f'{{"text": "fine", "speaker": "A"}}\n{{"text": "odd", "speaker": "B", "rating_value": {value}}}\n')
    summary = import_files(db, [path])
    assert not summary.committed and counts(db)["statement"] == 0
    assert [e.line for e in summary.errors] == [2] and "is not a number" in summary.errors[0].message


# Item 7: an apostrophe before = or + is text, except where Parallax's own export put it -------------

APOSTROPHES = ["'=quoted in the text", "'+1 for the Kremlin", "''-x", "'plain", "=1+1", "+7 495"]


def test_apostrophes_survive_a_csv_round_trip(db, tmp_path):
    source = write(tmp_path, "source.csv", "text,speaker\n" + "".join(f'"{text}",Peskov\n' for text in APOSTROPHES))
    assert import_files(db, [source]).committed
    assert [s.text for s in statements(db)] == APOSTROPHES  # another tool's CSV: kept as written
    exported = tmp_path / "export.csv"
    write_csv(db, exported)
    again = Database(tmp_path / "again.parallax")
    try:
        summary = import_files(again, [exported])
        assert summary.committed, summary.report()
        assert [s.text for s in statements(again)] == APOSTROPHES  # Parallax's own CSV: neutralising undone
    finally:
        again.close()


# Item 8: an HTML article without text is refused ----------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [b"", b"<script>alert(1)</script>", b"<html><head><title>T</title><style>p {}</style></head><body><script>x()</script></body></html>",
     b"<html><body><p>   </p><noscript>Enable JavaScript</noscript></body></html>"],
)
@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_an_html_article_without_text_is_refused(tmp_path, page, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(page)
    with pytest.raises(ArticleError, match="^empty has no article text.$"):
        read_article(path)


# Item 15: a document's link is stored only when it is http or https ---------------------------------


def test_a_document_link_that_is_not_a_web_address_is_dropped_and_reported_by_line(db, tmp_path):
    path = write(tmp_path, "documents.json", '{"format": "parallax", "version": 1, "documents": [\n'
                 '{"id": "d", "title": "t", "url": "javascript:alert(1)", "text": "abc"},\n'
                 '{"id": "e", "title": "u", "url": "https://example.org/a", "text": "def"}],\n'
                 '"statements": [{"text": "a", "speaker": "P", "document": "d"}]}')
    summary = import_files(db, [path])
    assert summary.committed
    assert [str(w) for w in summary.warnings] == [
        f"{path}:2: document: the link “javascript:alert(1)” was dropped: only http and https links are kept"
    ]
    with db.reading() as session:
        assert sorted(session.execute(select(Document.url)).scalars()) == ["", "https://example.org/a"]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("front.md", "---\ntitle: T\nurl: javascript:alert(1)\n---\nPeskov said so.\n", 3),
        ("page.html", '<html><head>\n<meta property="og:url" content="javascript:alert(1)">\n</head><body><p>Peskov said so.</p></body></html>', 2),
        ("canonical.html", '<html><head><link rel="canonical" href="data:text/html,hi"></head><body><p>Peskov said so.</p></body></html>', 1),
    ],
)
def test_an_article_link_that_is_not_a_web_address_is_dropped_and_reported_by_line(tmp_path, name, text, line):
    article = read_article(write(tmp_path, name, text))
    assert article.url == "" and article.text.strip().endswith("Peskov said so.")
    [warning] = article.warnings
    assert warning.startswith(f"line {line}: the link “") and warning.endswith("was dropped: only http and https links are kept")


def test_the_import_command_prints_an_article_link_dropped(tmp_path, capsys):
    from desktop.cli import main

    path = write(tmp_path, "front.md", "---\ntitle: T\nurl: javascript:alert(1)\n---\nDmitry Peskov said the reports were false.\n")
    assert main(["import", "--db", str(tmp_path / "x.parallax"), str(path)]) == 0
    assert f"{path}: warning: line 3: the link “javascript:alert(1)” was dropped" in capsys.readouterr().err
