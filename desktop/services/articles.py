"""Reading an article (plain text, Markdown or a saved web page) into a document to extract from."""

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from desktop.domain.extraction.dates import find_dates
from desktop.domain.extraction.verbs import is_credit
from desktop.services.errors import ParallaxError

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
ARTICLE_KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_NOISE = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, figure, figcaption"
_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, pre, blockquote"
_MAX_TITLE = 300


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

    def document_values(self) -> dict:
        """The values of the Document row that stores this article."""
        return {
            "title": self.title,
            "text": self.text,
            "url": self.url,
            "publisher": self.publisher,
            "published_on": self.published_on,
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
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(_size_message(path.name, size))
        raw = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"{path.name} cannot be read: {error.strerror or error}") from error
    return article_from_text(_decode(raw, path.name), kind, fallback_title=path.stem)


def article_from_text(text: str, kind: str = "text", fallback_title: str = "Pasted article") -> Article:
    """An article from text already in memory (a paste, or a file's decoded contents)."""
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(_size_message(fallback_title, size))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = {"html": _from_html, "markdown": _from_markdown}.get(kind, _from_plain)
    article = reader(text, fallback_title)
    if not article.text.strip():
        raise ArticleError(f"{fallback_title} has no article text.")
    return article


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(f"{name} is not a text file.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(raw).best()
        if best is None:
            raise ArticleError(f"{name} is not a text file Parallax can decode.") from None
        return str(best)


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
    title = next((line for line in lines[:10] if not is_credit(line) and len(line) <= _MAX_TITLE), "")
    stamps = [line.split(":", 1)[1] for line in lines[:12] if is_credit(line) and ":" in line]
    return Article(_title([title], fallback), text, published_on=_first_date(stamps))


_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)
_MARKDOWN_RULES = (
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M), r"\1"),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"^\s*[-*+]\s+", re.M), ""),
    (re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M), ""),
    (re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.M), ""),
    (re.compile(r"^\s*```.*$", re.M), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
)


def _from_markdown(text: str, fallback: str) -> Article:
    fields: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group("body").splitlines():
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip().strip("\"'")
        text = text[front.end():]
    heading = re.search(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", text, re.M)
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return Article(
        _title([fields.get("title"), heading.group(1) if heading else ""], _from_plain(text, fallback).title),
        text,
        url=fields.get("url", fields.get("link", "")),
        publisher=fields.get("publisher", fields.get("source", fields.get("site", ""))),
        published_on=_first_date([fields.get("date"), fields.get("published"), fields.get("published_on")]),
    )


def _meta(tree: HTMLParser, *names: str) -> str:
    for name in names:
        node = tree.css_first(f'meta[property="{name}"]') or tree.css_first(f'meta[name="{name}"]')
        if node is not None and (node.attributes.get("content") or "").strip():
            return node.attributes["content"].strip()
    return ""


def _json_ld(tree: HTMLParser) -> list[dict]:
    found: list[dict] = []
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text() or "null")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(v for k, v in item.items() if k == "@graph")
    return found


def _text_of(node: Node) -> str:
    return " ".join(node.text(deep=True, separator=" ").split())


def _main_node(tree: HTMLParser) -> Node | None:
    articles = tree.css("article") or tree.css("main, [role=main]")
    if articles:
        return max(articles, key=lambda n: len(_text_of(n)))
    holders: dict[int, tuple[Node, int]] = {}
    for paragraph in tree.css("p"):
        parent = paragraph.parent
        if parent is not None:
            node, size = holders.get(parent.mem_id, (parent, 0))
            holders[parent.mem_id] = (node, size + len(_text_of(paragraph)))
    return max(holders.values(), key=lambda pair: pair[1])[0] if holders else tree.body


def _from_html(html: str, fallback: str) -> Article:
    tree = HTMLParser(html)
    linked = _json_ld(tree)
    title_node, h1 = tree.css_first("title"), tree.css_first("h1")
    title = _title([_meta(tree, "og:title", "twitter:title"), title_node.text() if title_node else "", h1.text() if h1 else ""], fallback)
    published = [_meta(tree, "article:published_time", "datePublished", "date", "pubdate")]
    published += [(node.attributes.get("datetime") or "") for node in tree.css("time[datetime]")[:1]]
    published += [str(item.get("datePublished", "")) for item in linked]
    publisher = _meta(tree, "og:site_name") or next(
        (p.get("name", "") if isinstance(p := item.get("publisher"), dict) else str(p) for item in linked if item.get("publisher")), ""
    )
    canonical = tree.css_first('link[rel="canonical"]')
    url = _meta(tree, "og:url") or (canonical.attributes.get("href") or "" if canonical else "")
    for node in tree.css(_NOISE):
        node.decompose()
    main = _main_node(tree)
    blocks = []
    for node in main.css(_BLOCKS) if main is not None else []:
        if node.tag == "blockquote" and node.css_first("p") is not None:
            continue
        text = _text_of(node)
        if text and (not blocks or blocks[-1] != text):
            blocks.append(text)
    if not blocks and main is not None:
        blocks = [_text_of(main)]
    if blocks and title and title not in blocks[0]:
        blocks.insert(0, title)
    return Article(title, "\n\n".join(blocks) + "\n", url=url.strip(), publisher=publisher.strip(), published_on=_first_date(published))
