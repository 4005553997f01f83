"""Reading articles: saved web pages, Markdown and plain text in any encoding, with a size limit."""

import socket
import time
from datetime import date
from pathlib import Path

import pytest

from desktop.services.article_pages import MAX_PAGE_ELEMENTS
from desktop.services.articles import MAX_ARTICLE_BYTES, ArticleError, article_from_text, is_article_path, read_article

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def test_html_takes_the_article_element_title_date_publisher_and_url():
    article = read_article(FIXTURES / "kremlin-page.html")
    assert article.title == "Kremlin denies plans to invade Ukraine"
    assert article.publisher == "Example Wire"
    assert article.published_on == date(2021, 11, 13)
    assert article.url == "https://example.org/world/kremlin-denies"
    assert "“Russia poses no threat to anyone,” Peskov told reporters." in article.text
    for noise in ("window.tracking", "color: red", "Politics", "Most read", "© Example Wire", "Troops near the border"):
        assert noise not in article.text
    assert article.text.startswith("Kremlin denies plans to invade Ukraine\n\n")


def test_html_without_an_article_element_takes_the_largest_text_block_and_json_ld():
    article = read_article(FIXTURES / "no-article-tag.html")
    assert article.title == "Blinken meets Kuleba"
    assert article.publisher == "Example Daily"
    assert article.published_on == date(2021, 11, 11), "<time datetime> comes before JSON-LD"
    assert "Antony Blinken said on Wednesday" in article.text
    assert "Sections" not in article.text


def test_markdown_front_matter_and_markup_are_read_into_plain_text():
    article = read_article(FIXTURES / "briefing.md")
    assert (article.title, article.publisher, article.url) == (
        "Moscow answers the reports", "Example Weekly", "https://example.org/briefing",
    )
    assert article.published_on == date(2021, 11, 13)
    assert "Kremlin spokesman Dmitry Peskov said on Friday that Russia posed no threat." in article.text
    for markup in ("**", "](", "![", "> ", "---", "# "):
        assert markup not in article.text


def test_plain_text_in_a_legacy_encoding_is_decoded():
    article = read_article(FIXTURES / "cp1252.txt")
    assert article.title == "Peskov’s warning"
    assert "“Russia poses no threat to anyone,” Peskov said on Friday — café talk aside." in article.text


def test_plain_text_title_skips_time_stamps_and_reads_a_published_date(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Last Updated: 13 November 2021\n\nKremlin refutes reports\n\nPeskov said it was calm.\n")
    article = read_article(path)
    assert article.title == "Kremlin refutes reports"
    assert article.published_on == date(2021, 11, 13)


def test_a_file_over_the_size_limit_is_refused_by_name(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))
    with pytest.raises(ArticleError, match=r"huge\.txt is 5\.0 MB; Parallax reads articles of up to 5 MB"):
        read_article(path)


def test_pasted_text_over_the_limit_is_refused():
    with pytest.raises(ArticleError, match="Pasted article"):
        article_from_text("a" * (MAX_ARTICLE_BYTES + 1))


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("photo.png", b"\x89PNG", "not an article Parallax can read"),
        ("binary.txt", b"\x00\x01\x02\x03" * 10, "not a text file"),
        ("empty.md", b"\n\n", "has no article text"),
    ],
)
def test_unreadable_files_are_explained(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        read_article(path)


def test_a_missing_file_is_explained(tmp_path):
    with pytest.raises(ArticleError, match="gone.txt cannot be read"):
        read_article(tmp_path / "gone.txt")


def test_article_kinds():
    assert all(is_article_path(f"a.{ext}") for ext in ("txt", "md", "markdown", "html", "htm", "HTML"))
    assert not is_article_path("a.csv") and not is_article_path("a.json")


def test_the_text_is_read_without_its_page_furniture_and_dated_by_its_dateline():
    text = (
        "Last Updated:\n\nKremlin answers\n\nImage: AP\n\n"
        "MOSCOW, Nov 13, 2021 (Reuters) - Peskov said the talks had failed.\n\nShare  Tweet  Email\n"
    )
    article = article_from_text(text)
    assert article.title == "Kremlin answers"
    assert article.text == "Kremlin answers\n\nMOSCOW, Nov 13, 2021 (Reuters) - Peskov said the talks had failed.\n"
    assert article.published_on == date(2021, 11, 13)
    start = article.text.index("Peskov")
    assert text[article.offset_as_read(start):article.offset_as_read(start + 6, end=True)] == "Peskov"


def test_list_items_read_as_bullets():
    page = "<html><body><article><h1>Live</h1><ul><li>Kyiv says the talks failed</li></ul><p>Peskov spoke.</p></article></body></html>"
    assert "• Kyiv says the talks failed" in article_from_text(page, "html").text
    assert "• Kyiv says the talks failed" in article_from_text("# Live\n\n- Kyiv says the talks failed\n\n* * *\n", "markdown").text


_BUSY_PAGE = """<html><head><title>Port levy | Harbour Herald</title></head><body>
<div class="cookie-banner">We use cookies to improve your experience on our site. Manage your preferences</div>
<article><h1>Port levy goes ahead</h1>
<p>Maria Ellison, the finance minister, said on Monday that the harbour levy would go ahead despite objections.</p>
<div class="related"><h3>Read more</h3><ul><li><a href="/a">Ten things to know before the summer holidays</a></li>
<li><a href="/b">How the parking rules changed again this spring</a></li></ul></div>
<p>“We have listened to the shipping firms, and we will not back down,” Ellison told reporters.</p>
<p>Critics say the levy was drawn up in haste and that the shipping firms were never consulted.</p>
<div class="share-bar">Share this article on social networks or copy the link to send it by email</div>
<section class="comments"><h3>Comments</h3><p class="comment">Reader comment from harbourwatch: finally someone stands up to the lobby</p></section>
</article><footer><p>Copyright 2026 Harbour Media Group. All rights reserved.</p></footer></body></html>"""


def test_a_page_is_read_without_the_related_links_share_bar_and_comments_inside_its_article():
    text = article_from_text(_BUSY_PAGE, "html").text
    for said in ("would go ahead despite objections", "we will not back down", "were never consulted"):
        assert said in text
    for boilerplate in ("cookies", "Ten things to know", "Share this article", "harbourwatch", "Copyright"):
        assert boilerplate not in text


def test_reading_a_page_opens_no_connection(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("a saved page was read over the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = _BUSY_PAGE.replace(
        "<head>", '<head><base href="http://127.0.0.1:9/"><link rel="stylesheet" href="http://127.0.0.1:9/s.css">'
    ).replace("<article>", '<article><img src="http://127.0.0.1:9/a.jpg"><iframe src="http://127.0.0.1:9/"></iframe>')
    assert "we will not back down" in article_from_text(page, "html").text


def test_a_page_of_too_many_elements_is_refused_in_time():
    started = time.monotonic()
    with pytest.raises(ArticleError, match=f"more than {MAX_PAGE_ELEMENTS:,} HTML elements"):
        article_from_text("<div><p>Peskov said it.</p></div>" * 100_000, "html", "busy.html")
    assert time.monotonic() - started < 10


def test_control_characters_in_a_page_lose_none_of_its_text():
    text = article_from_text("<p>Peskov said\x0b the reports were false.</p><p>Kuleba\x01 disagreed.</p>", "html").text
    assert "Peskov said the reports were false." in text and "Kuleba disagreed." in text
