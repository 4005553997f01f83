"""Reading an article (plain text, Markdown or a saved web page) into a document to extract from."""

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from charset_normalizer import from_bytes

from desktop.domain.extraction.dates import find_dates
from desktop.domain.extraction.layout import FURNITURE, Cleaned, Kind, article_date, kind_of, without_furniture
from desktop.services.article_pages import MAX_HTML_DEPTH, TooManyElements, nested_too_deep, read_page
from desktop.services.errors import ParallaxError
from desktop.services.importing.encoding import SAMPLE_BYTES, mend, mostly_utf8
from desktop.services.importing.rows import kept_link
from desktop.services.input_files import FileTooLarge, UnreadableFile, read_whole

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
ARTICLE_KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_MAX_TITLE = 300
MAX_ARTICLE_CHARS = 1_000_000  # of text read from a file: extraction takes about a second per 100,000


class ArticleError(ParallaxError):
    """An article that cannot be read: too large, not text, empty or of an unknown kind."""


@dataclass(frozen=True)
class Article:
    """A document to extract from: its full text and what is known of where it came from."""

    title: str
    text: str
    url: str = ""
    publisher: str = ""
    published_on: date | None = None
    cuts: tuple[tuple[int, int], ...] = ()  # where page furniture was left out of the text as read
    warnings: tuple[str, ...] = ()  # what was left out on reading it, by line ("line 3: the link … was dropped")
    snapshot: str = ""  # read from a link: the page as fetched, from `snapshot_url` at `read_at`
    snapshot_url: str = ""
    read_at: datetime | None = None

    def offset_as_read(self, offset: int, end: bool = False) -> int:
        """Where an offset of the text lies in the text as read, before its page furniture was left out."""
        return Cleaned(self.text, self.cuts).original(offset, end)

    def document_values(self) -> dict:
        """The values of the Document row that stores this article."""
        return {
            "title": self.title,
            "text": self.text,
            "url": self.url,
            "publisher": self.publisher,
            "published_on": self.published_on,
            "snapshot": self.snapshot,
            "snapshot_url": self.snapshot_url,
            "read_at": self.read_at,
        }


def is_article_path(path: str | Path) -> bool:
    """True for the file kinds Parallax reads as articles."""
    return Path(path).suffix.lower() in ARTICLE_KINDS


def _size_message(name: str, size: int) -> str:
    return f"{name} is {size / 1024 / 1024:.1f} MB; Parallax reads articles of up to {MAX_ARTICLE_BYTES // 1024 // 1024} MB."


def read_article(path: str | Path) -> Article:
    """Read a .txt, .md or .html file; raises ArticleError naming the file when it cannot."""
    path = Path(path)
    kind = ARTICLE_KINDS.get(path.suffix.lower())
    if kind is None:
        raise ArticleError(f"{path.name} is not an article Parallax can read: use a .txt, .md or .html file.")
    try:
        raw = read_whole(path, MAX_ARTICLE_BYTES)
    except FileTooLarge as error:
        raise ArticleError(_size_message(path.name, error.size) if error.stated else f"{path.name}: {error}.") from None
    except UnreadableFile as error:
        raise ArticleError(f"{path.name}: {error}.") from None
    except OSError as error:
        raise ArticleError(f"{path.name} cannot be read: {error.strerror or error}") from error
    return article_from_text(decode_text(raw, path.name), kind, fallback_title=path.stem)


def article_from_text(text: str, kind: str = "text", fallback_title: str = "Pasted article") -> Article:
    """An article from text already in memory (a paste, or a file's decoded contents)."""
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(_size_message(fallback_title, size))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = {"html": _from_html, "markdown": _from_markdown}.get(kind, _from_plain)
    article = _with_openable_link(reader(text, fallback_title), text)
    # The top of the text may date it (a time stamp, a dateline) before its furniture is left out.
    published_on = article.published_on or article_date(article.text, date.today())
    cleaned = without_furniture(article.text)
    article = replace(article, text=cleaned.text, cuts=cleaned.cuts, published_on=published_on)
    if not article.text.strip():
        raise ArticleError(f"{fallback_title} has no article text.")
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ArticleError(
            f"{fallback_title} holds {len(article.text):,} characters of text; "
            f"Parallax reads articles of up to {MAX_ARTICLE_CHARS:,}."
        )
    return article


def _with_openable_link(article: Article, text: str) -> Article:
    """The article without its link unless that is http or https, a warning naming the line it was on."""
    dropped: list[str] = []
    if kept_link(article.url, dropped):
        return article
    found = text.find(article.url) if dropped else -1
    where = f"line {text.count(chr(10), 0, found) + 1}: " if found >= 0 else ""
    return replace(article, url="", warnings=tuple(where + warning for warning in dropped))


def decode_text(raw: bytes, name: str) -> str:
    """Text of unknown encoding: UTF-8 (a few stray bytes mended), else as detected; ArticleError naming `name`."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{name} is not a text file.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if mostly_utf8(raw):  # a few stray bytes do not make the rest of a UTF-8 text something else
            return mend(raw.decode("utf-8-sig", errors="surrogateescape"))
        best = from_bytes(raw[:SAMPLE_BYTES]).best()  # judged from the start: the whole would take ten times its size
        if best is None:
            raise ArticleError(f"{name} is not a text file Parallax can decode.") from None
        return raw.decode(best.encoding, errors="replace")


def _title(candidates, fallback: str) -> str:
    for candidate in candidates:
        candidate = " ".join((candidate or "").split())
        if candidate:
            return candidate[:_MAX_TITLE]
    return fallback


def _first_date(values) -> date | None:
    for value in values:
        if not value:
            continue
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            found = next((d.said_on for d in find_dates(value, None) if d.said_on), None)
            if found:
                return found
    return None


def _from_plain(text: str, fallback: str) -> Article:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = next((line for line in lines[:10] if kind_of(line) not in {*FURNITURE, Kind.BYLINE} and len(line) <= _MAX_TITLE), "")
    return Article(_title([title], fallback), text)


_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$", re.M)
_TOP_HEADING = re.compile(r"^[ \t]{0,3}#[ \t]+(\S.*)$", re.M)


def _heading_text(match: re.Match) -> str:
    """A Markdown heading's words, without the #s that may close it."""
    return match.group(1).rstrip().rstrip("#").rstrip()


# Each rule stays on its line and cannot run past the next mark of its own kind, so no
# rule scans the rest of the text again from every place it could start.
_MARKDOWN_RULES = (
    (_HEADING, _heading_text),
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),
    (re.compile(r"^[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})[ \t]*$", re.M), ""),
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.M), "• "),
    (re.compile(r"^[ \t]*\[[^\[\]\n]+\]:[ \t]+\S+.*$", re.M), ""),
    (re.compile(r"^[ \t]*```.*$", re.M), ""),
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),
    (re.compile(r"\[([^\[\]]+)\]\([^()]*\)"), r"\1"),
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),
    (re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)((?:[^_\n]|_(?!_))+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),
)


def _from_markdown(text: str, fallback: str) -> Article:
    fields: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group("body").splitlines():
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end():]
    heading = _TOP_HEADING.search(text)
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return Article(
        _title([fields.get("title"), _heading_text(heading) if heading else ""], _from_plain(text, fallback).title),
        text,
        url=fields.get("url", fields.get("link", "")),
        publisher=fields.get("publisher", fields.get("source", fields.get("site", ""))),
        published_on=_first_date([fields.get("date"), fields.get("published"), fields.get("published_on")]),
    )


def _from_html(html: str, fallback: str) -> Article:
    if nested_too_deep(html):
        raise ArticleError(f"{fallback} nests its HTML elements more than {MAX_HTML_DEPTH} deep; Parallax does not read such a page.")
    try:
        page = read_page(html)
    except TooManyElements as error:
        raise ArticleError(f"{fallback} {error}.") from None
    blocks = [block for block in page.blocks if block.strip()]
    if not blocks:  # else the title alone (the file's name, when the page has none) would be stored as the article
        raise ArticleError(f"{fallback} has no article text.")
    title = _title(page.titles, fallback)
    if blocks and title and title not in blocks[0]:
        blocks.insert(0, title)
    return Article(title, "\n\n".join(blocks) + "\n", url=page.url, publisher=page.publisher, published_on=_first_date(page.dates))
