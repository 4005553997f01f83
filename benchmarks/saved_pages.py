"""Saved web pages in the shapes editors meet, each with its main text known.

Twenty pages: news sites (menus, cookie banner, related links and comments, some of them inside
the article element, as many sites put them), live blogs, agency wire pages, opinion pages and
pages with photos, captions and bylines; half marked up with <article>/<main>, half with plain
<div>s. Every page is made from a seed, so the same pages come out on every run. The text is
written here (no page of a real site is copied).
"""

import random
from dataclasses import dataclass
from html import escape

SHAPES = ("news", "live", "wire", "opinion", "photos")
PAGES_PER_SHAPE = 4

_PEOPLE = (
    ("Maria Ellison", "the finance minister"), ("Tomas Brandt", "a spokesman for the port authority"),
    ("Ayesha Kareem", "the opposition leader"), ("Leon Duarte", "the mayor"), ("Ingrid Holm", "a climate scientist"),
    ("Viktor Sobol", "the deputy foreign minister"), ("Grace Mbeki", "the union's general secretary"),
    ("Hiroshi Tanaka", "the central bank's governor"),
)
_TOPICS = (
    ("the new harbour levy", "shipping firms"), ("the water rationing plan", "farmers in the valley"),
    ("the border crossing talks", "the neighbouring government"), ("the rail strike", "commuters"),
    ("the budget shortfall", "regional councils"), ("the drought emergency", "the grain exporters"),
)
_SENTENCES = (
    "{name}, {role}, said on {day} that {topic} would go ahead despite objections from {group}.",
    "“We have listened to {group}, and we will not back down on {topic},” {name} told reporters.",
    "Critics say {topic} was drawn up in haste and that {group} were never consulted.",
    "Officials expect the first figures on {topic} to be published within a fortnight.",
    "{name} added that the government had set aside money to soften the blow for {group}.",
    "In a statement, {group} called {topic} “a costly mistake” and promised to challenge it in court.",
    "The dispute over {topic} has dominated the city council's sessions for most of the year.",
    "Asked whether the timetable could slip, {name} said: “Nothing is off the table, but we are on course.”",
    "Independent analysts estimate that {topic} could cost {group} several million a year.",
    "{name} denied that the plan had been changed under pressure from {group}.",
    "The measure passed its first reading by a narrow margin late on {day}.",
    "Several members of parliament said privately that they expected further changes to {topic}.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

_MENU = ("Home", "World", "Politics", "Business", "Science", "Sport", "Culture", "Opinion", "Video", "Podcasts")
_COOKIES = "We use cookies to improve your experience on our site and to show you relevant advertising. Manage your preferences"
_SUBSCRIBE = "Sign up for our morning briefing and get the day's top stories delivered to your inbox every weekday"
_SHARE = "Share this article on social networks or copy the link to send it by email"
_FOOTER = (
    "Copyright 2026 Harbour Media Group. All rights reserved.", "Terms of use and privacy policy for readers",
    "Contact the newsroom with tips and corrections", "Advertise with us and reach our readers",
)
_RELATED = (
    "Ten things to know before the summer holidays begin", "How the council's parking rules changed again this spring",
    "Ministers meet unions for a fourth round of wage talks", "Why the price of bread keeps climbing in the north",
    "Photos of the week from around the region", "The quiet comeback of the night train in Europe",
)
_COMMENTS = (
    "Reader comment from valley_farmer: this levy will finish off the small family businesses around here",
    "Reader comment from harbourwatch: finally someone stands up to the shipping lobby, about time too",
    "Reader comment from k_ostrova: the article does not mention who paid for the consultants report",
)


@dataclass(frozen=True)
class SavedPage:
    """A saved page, the paragraphs of its main text and the pieces of boilerplate it holds."""

    name: str
    html: str
    main: tuple[str, ...]
    boilerplate: tuple[str, ...]


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    (name, role), (topic, group) = rng.choice(_PEOPLE), rng.choice(_TOPICS)
    chosen = rng.sample(_SENTENCES, count)
    return [s.format(name=name, role=role, topic=topic, group=group, day=rng.choice(_DAYS)) for s in chosen]


class _Page:
    """Collects a page's markup, its main text and its boilerplate as it is written."""

    def __init__(self, rng: random.Random, semantic: bool):
        self.rng, self.semantic = rng, semantic
        self.parts: list[str] = []
        self.main: list[str] = []
        self.boilerplate: list[str] = []

    def tag(self, semantic_tag: str, css_class: str) -> tuple[str, str]:
        """The opening and closing tags of a region, as a semantic element or a <div> of a class."""
        name = semantic_tag if self.semantic else "div"
        return f'<{name} class="{css_class}">', f"</{name}>"

    def noise(self, text: str, tag: str = "p", css_class: str = "") -> None:
        self.boilerplate.append(text)
        self.parts.append(f'<{tag} class="{css_class}">{escape(text, quote=False)}</{tag}>')

    def text(self, text: str, tag: str = "p") -> None:
        self.main.append(text)
        self.parts.append(f"<{tag}>{escape(text, quote=False)}</{tag}>")

    def menu(self) -> None:
        start, end = self.tag("nav", "site-menu")
        links = "".join(f'<li><a href="/{item.lower()}">{item}</a></li>' for item in _MENU)
        self.parts.append(f"{start}<ul>{links}</ul>{end}")
        self.boilerplate.append(" ".join(_MENU))

    def links(self, heading: str, titles, css_class: str) -> None:
        start, end = self.tag("aside", css_class)
        self.parts.append(f"{start}<h3>{heading}</h3><ul>")
        for title in titles:
            self.parts.append(f'<li><a href="/story/{abs(hash(title)) % 9999}">{escape(title)}</a></li>')
            self.boilerplate.append(title)
        self.parts.append(f"</ul>{end}")

    def footer(self) -> None:
        start, end = self.tag("footer", "site-footer")
        self.parts.append(start)
        for line in _FOOTER:
            self.noise(line, "p", "small")
        self.parts.append(end)

    def comments(self) -> None:
        start, end = self.tag("section", "comments")
        self.parts.append(f"{start}<h3>Comments</h3>")
        for comment in self.rng.sample(_COMMENTS, 2):
            self.noise(comment, "p", "comment-body")
        self.parts.append(end)

    def html(self, title: str) -> str:
        body = "\n".join(self.parts)
        return (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Harbour Herald</title>'
            f'<meta property="og:site_name" content="Harbour Herald"></head><body>\n{body}\n</body></html>'
        )


def _news(page: _Page, title: str) -> None:
    page.noise(_COOKIES, "div", "cookie-banner")
    page.menu()
    start, end = page.tag("article", "story")
    page.parts.append(start)
    page.text(title, "h1")
    page.noise("By Clara Novak, Political Correspondent", "p", "byline")
    for paragraph in _paragraphs(page.rng, 7):
        page.text(paragraph)
        if len(page.main) == 4:  # related links inside the story's text, as many sites put them
            page.links("Read more", page.rng.sample(_RELATED, 2), "inline-related")
    page.noise(_SHARE, "div", "share-bar")
    page.comments()
    page.parts.append(end)
    page.links("Most read", page.rng.sample(_RELATED, 4), "most-read")
    page.footer()


def _live(page: _Page, title: str) -> None:
    page.menu()
    start, end = page.tag("main", "live-blog")
    page.parts.append(start)
    page.text(title, "h1")
    page.parts.append('<div class="key-events"><h2>Key events</h2><ul>')
    for event in ("Council vote postponed to next week", "Port workers join the protest", "Minister promises a review"):
        page.noise(event, "li")
    page.parts.append("</ul></div>")
    for hour in (14, 13, 12, 11):
        page.parts.append(f'<div class="live-entry"><time>{hour}:05 GMT</time>')
        page.noise(f"Updated at {hour}:05 GMT by the live desk", "span", "entry-meta")
        for paragraph in _paragraphs(page.rng, 2):
            page.text(paragraph)
        page.parts.append("</div>")
    page.noise(_SUBSCRIBE, "div", "newsletter")
    page.parts.append(end)
    page.footer()


def _wire(page: _Page, title: str) -> None:
    page.menu()
    start, end = page.tag("article", "wire-story")
    page.parts.append(start)
    page.text(title, "h1")
    page.noise("Reporting by Anna Kovac; Editing by Peter Lang", "p", "credits")
    paragraphs = _paragraphs(page.rng, 6)
    paragraphs[0] = f"PORT ELLEN, June 4 (Harbour Wire) - {paragraphs[0]}"
    for paragraph in paragraphs:
        page.text(paragraph)
    page.noise("Our Standards: The Harbour Wire Trust Principles", "p", "standards")
    page.parts.append(end)
    page.links("More from Harbour Wire", page.rng.sample(_RELATED, 3), "more-from")
    page.footer()


def _opinion(page: _Page, title: str) -> None:
    page.noise(_COOKIES, "div", "cookie-banner")
    page.menu()
    start, end = page.tag("article", "opinion")
    page.parts.append(start)
    page.noise("Opinion", "span", "kicker")
    page.text(title, "h1")
    page.parts.append('<div class="author-box">')
    page.noise("Samuel Ortega is a columnist who writes about cities, transport and the people who run them", "p", "bio")
    page.parts.append("</div>")
    for paragraph in _paragraphs(page.rng, 8):
        page.text(paragraph)
        if len(page.main) == 3:
            page.noise(_SUBSCRIBE, "div", "newsletter")
    page.parts.append(end)
    page.links("More from this columnist", page.rng.sample(_RELATED, 3), "author-more")
    page.comments()
    page.footer()


def _photos(page: _Page, title: str) -> None:
    page.menu()
    start, end = page.tag("article", "feature")
    page.parts.append(start)
    page.text(title, "h1")
    page.noise("By Jonas Weber and Lina Park, Staff Writers", "div", "byline")
    page.noise("Updated three hours ago", "div", "timestamp")
    for number, paragraph in enumerate(_paragraphs(page.rng, 6)):
        if number in (0, 3):
            caption = f"Demonstrators gather outside the council building in the rain, photo number {number + 1}"
            page.parts.append(f'<figure><img src="/img/{number}.jpg" alt=""><figcaption>{caption}</figcaption></figure>')
            page.boilerplate.append(caption)
            page.noise("Photograph: Harbour Herald picture desk", "p", "credit")
        page.text(paragraph)
    page.parts.append(end)
    page.links("Related stories", page.rng.sample(_RELATED, 3), "related")
    page.footer()


_WRITERS = {"news": _news, "live": _live, "wire": _wire, "opinion": _opinion, "photos": _photos}
_TITLES = (
    "Government presses on with a plan its critics call rushed", "Talks resume as both sides harden their positions",
    "A levy that divides the harbour", "Council leaders warn of cuts if the shortfall is not closed",
)


def saved_pages() -> list[SavedPage]:
    """The benchmark's pages, made afresh from their seeds."""
    pages = []
    for shape in SHAPES:
        for number in range(PAGES_PER_SHAPE):
            rng = random.Random(f"{shape}-{number}")
            page = _Page(rng, semantic=number % 2 == 0)
            title = _TITLES[number]
            _WRITERS[shape](page, title)
            pages.append(SavedPage(f"{shape}-{number + 1}", page.html(title), tuple(page.main), tuple(page.boilerplate)))
    return pages
