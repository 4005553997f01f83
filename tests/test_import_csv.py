"""CSV import: encodings, header aliases, quoting and line numbers, dates."""

from datetime import date

import pytest

from desktop.services.importing import DayOrder, ImportOptions, import_files
from desktop.services.importing.dates import DateProblem, parse_date
from desktop.services.importing.encoding import detect_encoding
from desktop.services.importing.source import TABLE_BATCH
from importing_helpers import speaker_named, statements, write

ROWS = (
    "Claim,Speaker,Said On,Side,Reported By\n"
    "Эти сообщения ложны и беспочвенны,Дмитрий Песков,12 Nov 2021,Russia,ТАСС\n"
)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1251", "cp1251"), ("utf-8", "utf-8")],
)
def test_every_encoding_is_detected_and_read(db, tmp_path, encoding, expected):
    path = write(tmp_path, "claims.csv", ROWS, encoding)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    assert detect_encoding(path) == expected
    summary = import_files(db, [path])
    assert summary.committed, summary.report()
    [statement] = statements(db)
    assert statement.text == "Эти сообщения ложны и беспочвенны"
    assert speaker_named(db, "Дмитрий Песков") is not None


def test_latin_1_is_detected(db, tmp_path):
    path = write(tmp_path, "fr.csv", "text,speaker,outlet\nLe président a été très clair à Zürich,François Hollande,Le Monde\n", "latin-1")
    assert path.read_bytes().count(b"\xe9") == 3
    assert detect_encoding(path) in ("cp1252", "latin_1")
    assert import_files(db, [path]).committed
    assert statements(db)[0].text == "Le président a été très clair à Zürich"


def test_utf16_file_exact_bytes_start_with_a_bom(db, tmp_path):
    path = write(tmp_path, "u16.csv", "text,speaker\nNo invasion,Peskov\n", "utf-16")
    assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert import_files(db, [path]).imported == 1


def test_header_aliases_are_matched_without_regard_to_case(db, tmp_path):
    path = write(
        tmp_path, "aliases.csv",
        "QUOTE,Speaker,said_on,ROLE,side,Source,LINK,Rating,Notes\n"
        "We will not attack,Peskov,2021-11-12,Kremlin spokesperson,Russia,Sputnik,https://example.org/p,False,checked\n",
    )
    summary = import_files(db, [path])
    assert summary.committed and not summary.warnings, summary.report()
    [statement] = statements(db)
    assert (statement.said_on, statement.url, statement.verdict, statement.note) == (
        date(2021, 11, 12), "https://example.org/p", "False", "checked")
    speaker = speaker_named(db, "Peskov")
    assert speaker.role == "Kremlin spokesperson"


def test_crlf_newlines_in_quotes_and_blank_lines_keep_line_numbers(db, tmp_path):
    text = (
        "text,speaker,date\r\n"
        "\r\n"
        '"A claim that runs\r\nover two lines",US media,2021-11-01\r\n'
        "\r\n"
        ",US media,2021-11-02\r\n"
    )
    path = write(tmp_path, "crlf.csv", text)
    summary = import_files(db, [path])
    assert [(e.line, e.message) for e in summary.errors] == [(6, "the row has no statement text")]
    assert "crlf.csv:6:" in str(summary.errors[0])

    path = write(tmp_path, "crlf_ok.csv", text.replace(",US media,2021-11-02", "Second,US media,2021-11-02"))
    assert import_files(db, [path]).imported == 2
    assert statements(db)[0].text == "A claim that runs\r\nover two lines"


def test_semicolon_separated_excel_files_are_read(db, tmp_path):
    path = write(tmp_path, "eu.csv", "text;speaker;date\nNo troops;Peskov;12 November 2021\n", "cp1252")
    assert import_files(db, [path]).imported == 1


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2021-11-12", date(2021, 11, 12)),
        ("2021-11-12T09:30:00Z", date(2021, 11, 12)),
        ("12 Nov 2021", date(2021, 11, 12)),
        ("12 November 2021", date(2021, 11, 12)),
        ("November 12, 2021", date(2021, 11, 12)),
        ("Friday, November 12th, 2021", date(2021, 11, 12)),
        ("12-Nov-2021", date(2021, 11, 12)),
        ("12 ноября 2021 г.", date(2021, 11, 12)),
        ("13/11/2021", date(2021, 11, 13)),
        ("11/13/2021", date(2021, 11, 13)),
        ("", None),
    ],
)
def test_date_forms(written, expected):
    assert parse_date(written) == expected


def test_ambiguous_date_is_an_error_unless_the_day_order_is_chosen(db, tmp_path):
    path = write(tmp_path, "us.csv", "text,speaker,date\nA claim,Someone,11/12/2021\n")
    summary = import_files(db, [path])
    assert not summary.committed and "could be 11 Dec or 12 Nov 2021" in summary.errors[0].message
    assert summary.errors[0].line == 2
    assert import_files(db, [path], ImportOptions(day_order=DayOrder.MONTH_FIRST)).committed
    assert statements(db)[0].said_on == date(2021, 11, 12)
    with pytest.raises(DateProblem):
        parse_date("11/12/2021")
    assert parse_date("11/12/2021", DayOrder.DAY_FIRST) == date(2021, 12, 11)


@pytest.mark.parametrize("written", ["2021-02-30", "31 Apr 2021", "32/01/2021", "yesterday"])
def test_impossible_or_unreadable_dates_are_errors(written):
    with pytest.raises(DateProblem):
        parse_date(written)


def test_line_numbers_hold_past_many_batches_of_rows(db, tmp_path):
    """Rows are read a batch at a time; a cell over several lines (CR LF, CR, LF) or a blank row in
    a later batch still gives every row its own line."""
    rows = [f"Claim {n},Speaker {n % 7},2021-11-{1 + n % 28:02d}\r\n" for n in range(3 * TABLE_BATCH)]
    rows[TABLE_BATCH + 5] = '"Runs over\r\nthree\rlines",Speaker 1,2021-11-02\r\n'
    rows[2 * TABLE_BATCH + 1] = "\r\n"
    rows[2 * TABLE_BATCH + 2] = " , ,\r\n"
    rows[2 * TABLE_BATCH + 9] = ",Speaker 2,2021-11-03\r\n"
    path = write(tmp_path, "long.csv", "text,speaker,date\r\n" + "".join(rows))
    summary = import_files(db, [path])
    # the header is line 1; the three-line cell pushes every later row two lines down
    assert [(e.line, e.message) for e in summary.errors] == [(2 * TABLE_BATCH + 9 + 2 + 2, "the row has no statement text")]

    fixed = path.read_bytes().decode().replace(",Speaker 2,2021-11-03", "Fixed,Speaker 2,2021-11-03")
    path = write(tmp_path, "fixed.csv", fixed)
    summary = import_files(db, [path])
    assert summary.imported == 3 * TABLE_BATCH - 2
    assert "Runs over\r\nthree\rlines" in [s.text for s in statements(db)]


def test_a_bad_byte_in_a_later_batch_is_a_warning_at_its_line(db, tmp_path):
    """A UTF-8 file stays UTF-8 past a byte that is not: the byte is read as Windows-1252 has it, and
    named at its own line (the file is decoded 8 KB at a time, the lines counted as they are read)."""
    count = 2 * TABLE_BATCH + 500
    rows = b"".join(f"Claim {n},Speaker,2021-11-01\n".encode() for n in range(count))
    path = tmp_path / "bad-byte.csv"
    path.write_bytes(b"text,speaker,date\n" + rows + b"Caf\xe9 claim,Speaker,2021-11-01\n")
    summary = import_files(db, [path], ImportOptions(encoding="utf-8"))
    assert summary.committed and summary.imported == count + 1
    [warning] = summary.warnings
    assert warning.line == count + 2 and "(E9) were read as Windows-1252 has them, “é”" in warning.message
