"""Importing an article from a link: pages served on 127.0.0.1, never the internet."""

import re
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select
from web_server import ARTICLE

from desktop.commands.import_article import import_article
from desktop.domain.entities import Document
from desktop.services.fetching import MAX_REDIRECTS, FetchError, fetch_article, fetch_page, is_link


def test_an_article_is_read_with_its_page_as_fetched_its_final_address_and_when(web):
    before = datetime.now(timezone.utc)
    article = fetch_article(web.url("/first"))
    assert "we will not back down" in article.text and "Copyright" not in article.text
    assert article.title == "Harbour levy goes ahead" and article.publisher == "Harbour Herald"
    assert article.snapshot == ARTICLE
    assert article.snapshot_url == article.url == web.url("/article")
    assert before <= article.read_at <= datetime.now(timezone.utc)


def test_the_stored_document_keeps_the_page_as_fetched_its_final_address_and_when(web, db):
    summary = import_article(web.url("/article"), db)
    with db.reading() as session:
        document = session.get(Document, summary["document_id"])
        assert (document.snapshot, document.snapshot_url) == (ARTICLE, web.url("/article"))
        assert abs(document.read_at.replace(tzinfo=timezone.utc) - datetime.now(timezone.utc)) < timedelta(minutes=1)
        assert "harbour levy would go ahead" in document.text
        assert session.exec(select(Document)).all() == [document]


@pytest.mark.parametrize(
    ("path", "charset"),
    [("/header-charset", "the HTTP header"), ("/meta-charset", "<meta charset>"), ("/detected-charset", "detection")],
)
def test_the_pages_charset_is_honoured(web, path, charset):
    assert "Министр заявил, что пошлина будет введена" in fetch_article(web.url(path)).text, charset


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop-a", "redirects in a loop"),
        ("/chain", f"redirected more than {MAX_REDIRECTS} times"),
        ("/to-file", "redirected to “file:///etc/passwd”, which Parallax does not open"),
        ("/gone", "There is no page at .*/gone .*not found"),
        ("/broken", "could not give the page at .*/broken: it answered 500"),
        ("/report.pdf", "is not a web page \\(it is application/pdf\\)"),
    ],
)
def test_a_page_that_cannot_be_read_says_why(web, path, message):
    with pytest.raises(FetchError, match=message):
        fetch_page(web.url(path))


@pytest.mark.parametrize(("path", "message"), [("/large", "is 0.3 MB"), ("/endless", "is over 0.1 MB")])
def test_a_page_over_the_size_limit_is_refused(web, path, message):
    with pytest.raises(FetchError, match=f"{message}; Parallax reads pages of up to"):
        fetch_page(web.url(path), max_bytes=100_000)


def test_a_site_that_stalls_is_given_up_after_the_timeout(web):
    started = time.monotonic()
    with pytest.raises(FetchError, match="127.0.0.1 did not answer within 0.3 seconds"):
        fetch_page(web.url("/stall"), timeout=0.3)
    assert time.monotonic() - started < 3


def test_a_cancelled_reading_stops(web):
    with pytest.raises(FetchError, match="cancelled"):
        fetch_page(web.url("/endless"), cancelled=lambda: True)


@pytest.mark.parametrize(
    "address", ["ftp://example.org/a.html", "file:///etc/passwd", "javascript:alert(1)", "http://", "example.org", "http://[::1"]
)
def test_only_http_and_https_addresses_are_opened(address):
    assert not is_link(address)
    with pytest.raises(FetchError, match="only http and https addresses are|not a web address Parallax can read"):
        fetch_page(address)


def test_links_are_told_from_text():
    assert is_link(" https://example.org/news/1 ") and is_link("HTTP://example.org")
    assert not is_link("https://example.org/a said Peskov")


def test_parallax_import_reads_an_article_from_its_address_and_says_why_one_cannot_be_read(web, tmp_path, capsys):
    from desktop.cli import main

    database = tmp_path / "desk.parallax"
    assert main(["import", web.url("/second"), "--db", str(database), "--min-confidence", "0"]) == 0
    assert f"{web.url('/second')}: 2 statements stored of 2 proposed" in capsys.readouterr().out
    assert main(["import", web.url("/gone"), "ftp://example.org/a.html", "--db", str(database)]) == 1
    errors = capsys.readouterr().err
    assert f"{web.url('/gone')}: There is no page at {web.url('/gone')}" in errors
    assert "ftp://example.org/a.html: “ftp://example.org/a.html” is not a web address Parallax opens" in errors
    assert "2 of 2 articles could not be imported" in errors


def test_a_statement_from_a_fetched_page_says_where_and_when_the_page_was_read(web, db):
    from desktop.domain.entities import Statement
    from desktop.services.cards import statement_detail

    import_article(web.url("/first"), db, min_confidence=0)
    with db.reading() as session:
        statement_id = session.exec(select(Statement.id)).first()
    provenance = statement_detail(db, statement_id).document.provenance
    today = datetime.now().astimezone()
    assert re.fullmatch(rf"Read from {re.escape(web.url('/article'))} on {today.day} {today:%b %Y} at \d\d:\d\d", provenance)
