"""Reading a saved web page: its title, date, publisher and link, and the text of its main part.

The metadata is read here (selectolax); the main text is found by trafilatura, which tells an
article from the menus, related links, comments and captions around it better than a rule for
one element can (benchmarks/main_text.py). Pages may be hostile: nesting is checked before
parsing (a parser's cost grows with depth for every block it opens).
"""

import json
import re
from dataclasses import dataclass
from itertools import islice

from lxml.etree import ParserError
from lxml.html import HTMLParser as LxmlParser, document_fromstring
from selectolax.lexbor import LexborHTMLParser as HTMLParser

MAX_PAGE_ELEMENTS = 25_000  # news pages hold a few thousand; trafilatura takes up to 0.3 ms an element
_NOT_TEXT = "script, style, svg, math, noscript, template"
# Characters XML has no place for: libxml2 stops reading a page at the first of them.
_NOT_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])
# lxml fetches nothing (no_network), and keeps to its limits on text nodes and depth (no huge_tree).
_LXML = LxmlParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
MAX_HTML_DEPTH = 512  # elements open inside one another; browsers stop nesting at this depth too
_TAG = re.compile(r"<!--|<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)")
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
_FOREIGN = frozenset({"svg", "math"})  # inside them, <x/> closes itself
_BREAKOUT = frozenset(  # HTML tags that end foreign content
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing "
    "menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var font".split()
)
# Void elements, and those whose end tag may be left out (the next one closes them): neither nests.
_NOT_NESTING = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd option optgroup "
    "tr td th tbody thead tfoot colgroup caption rb rt rtc rp html head body".split()
)


class TooManyElements(ValueError):
    """A page holding more elements than MAX_PAGE_ELEMENTS (besides scripts, styles and drawings)."""


@dataclass
class Page:
    """What a page says of itself (candidates, best first) and the text blocks of its main part."""

    titles: list[str]
    blocks: list[str]
    url: str
    publisher: str
    dates: list[str]


def nested_too_deep(html: str) -> bool:
    """Whether the page's elements open more than MAX_HTML_DEPTH inside one another, judged from its tags.

    Parsing costs the depth for every block opened, so a page nested a million deep would
    take hours; following the tags (past comments and script text) takes time in proportion to its size.
    """
    stack: list[str] = []  # names of the elements open, as the tags say
    open_names: dict[str, int] = {}
    position = foreign = 0  # foreign: how deep the <svg> or <math> we are in opened
    while tag := _TAG.search(html, position):
        position = tag.end()
        closing, name, self_closing = tag.group(1), (tag.group(2) or "").lower(), (tag.group(3) or "").endswith("/")
        if foreign and not closing and name in _BREAKOUT:
            foreign = 0
        if tag.group() == "<!--":
            close = html.find("-->", position)
            position = len(html) if close < 0 else close + 3
        elif name in _RAW_TEXT and not closing and not foreign:
            close = re.compile(f"</{name}", re.I).search(html, position)
            position = len(html) if close is None else close.end()
        elif self_closing and (foreign or name in _FOREIGN) or (name in _NOT_NESTING and not foreign):
            continue
        elif closing:
            while open_names.get(name):  # an end tag closes its element and whatever is open in it; a stray one nothing
                closed = stack.pop()
                open_names[closed] -= 1
                if closed == name:
                    break
            foreign = foreign if len(stack) >= foreign else 0
        else:
            stack.append(name)
            open_names[name] = open_names.get(name, 0) + 1
            if len(stack) > MAX_HTML_DEPTH:
                return True
            foreign = foreign or (len(stack) if name in _FOREIGN else 0)
    return False


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
        except (ValueError, RecursionError):  # not JSON, or nested deeper than the decoder goes
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


def _text(element) -> str:
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return " ".join("".join(element.itertext()).split())


def _main_blocks(tree: HTMLParser) -> list[str]:
    """The text of the page's main part, a block per paragraph, heading, quotation and table row, list
    items as bullets, found by trafilatura (raises TooManyElements).

    The page goes to trafilatura as lexbor read it (as browsers do; libxml2 alone would put an
    article after a long script into the head), parsed again by lxml, never as an address: it
    reads only what it is given.
    """
    from trafilatura import bare_extraction  # here, not at the top: importing it takes 0.4 s the window's start-up need not pay

    for node in tree.css(_NOT_TEXT):
        node.decompose()
    try:
        document = document_fromstring((tree.html or "").translate(_NOT_XML), parser=_LXML)
    except ParserError:  # nothing in it
        return []
    if sum(1 for _ in islice(document.iter(), MAX_PAGE_ELEMENTS + 1)) > MAX_PAGE_ELEMENTS:
        raise TooManyElements(f"holds more than {MAX_PAGE_ELEMENTS:,} HTML elements; Parallax reads pages of up to that many")
    # Fast: without its second opinions (readability, jusText), whose time grows with the square of the
    # page's size; on benchmarks/main_text.py's pages they change nothing.
    found = bare_extraction(
        document, include_comments=False, include_images=False, include_links=False, with_metadata=False, deduplicate=False,
        fast=True,
    )
    if found is None or found.body is None:
        return []
    blocks: list[str] = []
    for element in found.body:
        if element.tag == "list":
            parts = [f"• {text}" for item in element.iter("item") if (text := _text(item))]  # never taken for copy
        elif element.tag == "table":
            parts = [_text(row) for row in element.iter("row")]
        else:
            parts = [_text(element)]
        blocks.extend(part for part in parts if part and (not blocks or blocks[-1] != part))
    return blocks


def read_page(html: str) -> Page:
    """The page's metadata and main text (check `nested_too_deep` first; raises TooManyElements)."""
    tree = HTMLParser(html)
    linked = _json_ld(tree)
    title_node, h1 = tree.css_first("title"), tree.css_first("h1")
    titles = [_meta(tree, "og:title", "twitter:title"), title_node.text() if title_node else "", h1.text() if h1 else ""]
    published = [_meta(tree, "article:published_time", "datePublished", "date", "pubdate")]
    published += [(node.attributes.get("datetime") or "") for node in tree.css("time[datetime]")[:1]]
    published += [str(item.get("datePublished", "")) for item in linked]
    publisher = _meta(tree, "og:site_name") or next(
        (p.get("name", "") if isinstance(p := item.get("publisher"), dict) else str(p) for item in linked if item.get("publisher")), ""
    )
    canonical = tree.css_first('link[rel="canonical"]')
    url = _meta(tree, "og:url") or (canonical.attributes.get("href") or "" if canonical else "")
    return Page(titles, _main_blocks(tree), url.strip(), publisher.strip(), published)
