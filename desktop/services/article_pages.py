"""Reading a saved web page: its title, date, publisher and link, and the text of its main part.

Pages may be hostile: nesting is checked before parsing (the parser's cost grows with depth
for every block it opens), and the text is taken once from each block, however nested.
"""

import json
import re
from bisect import bisect_right
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

_NOISE = "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, figure, figcaption"
_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, pre, blockquote"
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


def _text_of(node: Node) -> str:
    return " ".join(node.text(deep=True, separator=" ").split())


def _spans(tree: HTMLParser) -> dict[int, tuple[int, int]]:
    """Each element's place in document order and the place of its last descendant, by mem_id.

    With them, whether one element holds another is a comparison, so a page nested thousands
    deep costs no more than a flat one.
    """
    spans: dict[int, tuple[int, int]] = {}
    open_nodes: list[int] = []
    number = -1
    for number, node in enumerate(tree.root.traverse() if tree.root is not None else ()):
        parent = node.parent.mem_id if node.parent is not None else None
        while open_nodes and open_nodes[-1] != parent:
            closed = open_nodes.pop()
            spans[closed] = (spans[closed][0], number - 1)
        spans[node.mem_id] = (number, number)
        open_nodes.append(node.mem_id)
    for closed in open_nodes:
        spans[closed] = (spans[closed][0], number)
    return spans


def _outermost(nodes: list[Node], spans: dict[int, tuple[int, int]]) -> list[Node]:
    """The nodes that are not inside another of them (an outer node's text holds the inner ones')."""
    kept, end = [], -1
    for node in sorted(nodes, key=lambda n: spans[n.mem_id][0]):
        if spans[node.mem_id][0] > end:
            kept.append(node)
            end = spans[node.mem_id][1]
    return kept


def _main_node(tree: HTMLParser, spans: dict[int, tuple[int, int]]) -> Node | None:
    articles = tree.css("article") or tree.css("main, [role=main]")
    if articles:
        return max(_outermost(articles, spans), key=lambda n: len(_text_of(n)))
    holders: dict[int, tuple[Node, int]] = {}
    for paragraph in _outermost(tree.css("p"), spans):
        parent = paragraph.parent
        if parent is not None:
            node, size = holders.get(parent.mem_id, (parent, 0))
            holders[parent.mem_id] = (node, size + len(_text_of(paragraph)))
    return max(holders.values(), key=lambda pair: pair[1])[0] if holders else tree.body


def _blocks(main: Node, spans: dict[int, tuple[int, int]]) -> list[str]:
    """The text of each paragraph, heading, list item (as a bullet) and quotation, once: a block inside one
    taken is left out. A quotation made of paragraphs is read paragraph by paragraph.
    """
    paragraphs = sorted(spans[node.mem_id][0] for node in main.css("p"))
    blocks: list[str] = []
    taken_to = -1
    for node in main.css(_BLOCKS):
        start, end = spans[node.mem_id]
        if start <= taken_to:
            continue
        if node.tag == "blockquote" and bisect_right(paragraphs, end) > bisect_right(paragraphs, start):
            continue
        taken_to = end
        text = _text_of(node)
        if text and node.tag == "li":
            text = f"• {text}"  # a list item reads as the bullet it is, which is never taken for copy
        if text and (not blocks or blocks[-1] != text):
            blocks.append(text)
    return blocks


def read_page(html: str) -> Page:
    """The page's metadata and main text (check `nested_too_deep` first)."""
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
    for node in tree.css(_NOISE):
        node.decompose()
    spans = _spans(tree)
    main = _main_node(tree, spans)
    blocks = _blocks(main, spans) if main is not None else []
    if not blocks and main is not None:
        blocks = [_text_of(main)]
    return Page(titles, blocks, url.strip(), publisher.strip(), published)
