"""The brief written as HTML: a web page, and the source Qt lays out as PDF and OpenDocument pages.

It keeps to the HTML and CSS that Qt's text engine reads, and to what its OpenDocument
writer carries over: each group is a table of its own (the claim in its header row,
which Qt repeats when a group runs over a page; the UI moves a group that would straddle
a page to the next one); a side's colour is a cell's left border and a square before its name (the writer
keeps neither cell backgrounds nor cell borders); a cell holds one paragraph, its lines split by <br> (the writer makes each
paragraph of a cell a cell of its own). All text from the data is escaped, colours are taken only
when they are #rrggbb, and only http/https addresses become links.
"""

import base64
import re
from datetime import date
from html import escape

from desktop import APP_NAME
from desktop.domain.urls import is_openable
from desktop.services.exporting.brief import Brief, BriefEntry, BriefSide, Source
from desktop.services.exporting.brief_dispute import AnsweringSide, DisputeMoves
from desktop.services.wording import day_label, plural

_STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; color: #1d232b; }
h1 { font-size: 18pt; margin-top: 0; margin-bottom: 4px; }
h2 { font-size: 12.5pt; margin-top: 16px; margin-bottom: 6px; }
p { margin-top: 0; margin-bottom: 3px; }
p.meta, p.caption { color: #5f6b7a; }
p.note { background-color: #fff4d6; }
table.summary th { background-color: #eef1f5; text-align: left; font-weight: bold; }
table.summary td, table.summary th { border-bottom: 1px solid #d5dbe2; }
table.group { page-break-inside: avoid; }
td.claim { background-color: #f3f5f8; }
p.card { margin: 0; }
span.head { font-size: 8pt; color: #3b4654; }
span.text { font-size: 10pt; }
span.who { font-size: 8pt; color: #3b4654; }
span.verdict { font-size: 8.5pt; background-color: #fff4d6; }
td.number { font-weight: bold; }
"""
_GREY = "#808080"
_BAND = "4px solid"
CHART_WIDTH = 680  # px of the page's 688 (A4 less 14 mm margins, at 96 px an inch)


def png_data_url(png: bytes) -> str:
    """A PNG as a data: URL, for a page that carries its pictures inside it."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _colour(value: str) -> str:
    """The side's colour when it is #rrggbb (it goes into a style attribute), else grey."""
    return value if re.fullmatch(r"#[0-9a-fA-F]{6}", value or "") else _GREY


def _link(url: str) -> str:
    if is_openable(url):
        return f'<a href="{escape(url, quote=True)}">{escape(url)}</a>'
    return f"{escape(url)} (not a web link; not linked)"


def _swatch(colour: str) -> str:
    """A square in the side's colour (an OpenDocument text keeps it where it drops the band)."""
    return f'<span style="color: {_colour(colour)};">■</span>&nbsp;'


def _cites(numbers: tuple[int, ...]) -> str:
    if not numbers:
        return "no source recorded"
    return ("source " if len(numbers) == 1 else "sources ") + ", ".join(f"[{n}]" for n in numbers)


def _card(entry: BriefEntry, claim: bool, continued: bool = False) -> str:
    card = entry.card
    said = f"{_swatch(card.side_colour)}<b>{escape(card.side_name or 'No side')}</b>"
    if entry.answers:
        said += f" {escape(entry.answers)}"
    elif claim:
        said += " · claim"
    head = f"{said} · {escape(card.date_label)}" + (" · continued" if continued else "")
    text = f"“{card.text}”" if card.is_quote else card.text
    who = f"<b>{escape(card.speaker_name)}</b>" + (escape(f", {card.speaker_role}") if card.speaker_role else "")
    outlet = f"reported by {escape(card.outlet_name)}" if card.outlet_name else "no outlet recorded"
    lines = [f'<span class="head">{head}</span>', f'<span class="text">{escape(text)}</span>',
             f'<span class="who">{who} · {outlet} · {_cites(entry.sources)}</span>']
    if card.verdict_label:
        explanation = f" {escape(card.verdict_explanation)}" if card.verdict_explanation else ""
        lines.append(f'<span class="verdict">Verdict: <b>{escape(card.verdict_label)}</b>.{explanation}</span>')
    return f'<p class="card">{"<br>".join(lines)}</p>'


def _group(number: int, entries: list[BriefEntry], cuts: tuple[int, ...]) -> str:
    """The claim across the top, each answer below it, indented on the claim's band: one table, or
    one a part where `cuts` (answers' indices) cut a long group, each part headed by the claim."""
    claim, answers = entries[0], entries[1:]
    band = _colour(claim.card.side_colour)
    bounds = [0, *cuts, len(answers)]
    html = []
    for part, (first, last) in enumerate(zip(bounds, bounds[1:])):
        top = (f'<td colspan="2" class="claim" style="border-left: {_BAND} {band}; padding: 5px 8px 5px 8px;">'
               f'<a name="group-{number}"></a>{_card(claim, bool(answers), continued=part > 0)}</td>')
        html.append('<table class="group" width="100%" cellspacing="0" cellpadding="0" border="0" style="margin-top: 9px; border-style: solid;">')
        html.append(f"<thead><tr>{top}</tr></thead><tbody>" if answers else f"<tr>{top}</tr>")
        for entry in answers[first:last]:
            html.append(f'<tr><td width="18" style="border-left: {_BAND} {band};">&nbsp;</td>'
                        f'<td style="border-left: {_BAND} {_colour(entry.card.side_colour)}; padding: 5px 8px 3px 8px;">'
                        f"{_card(entry, False)}</td></tr>")
        html.append("</tbody></table>" if answers else "</table>")
    return "".join(html)


def _span(side: BriefSide) -> str:
    if side.first is None:
        return "no dated statement"
    if side.first == side.last:
        return day_label(side.first)
    return f"{day_label(side.first)} to {day_label(side.last)}"


def _summary(brief: Brief) -> list[str]:
    cell = 'style="padding: 3px 8px 3px 8px;"'
    rows = ["<tr>" + "".join(f"<th {cell}>{name}</th>" for name in ("Side", "Statements", "Undated", "Said between")) + "</tr>"]
    for side in brief.sides:
        rows.append(
            f'<tr><td style="border-left: {_BAND} {_colour(side.colour)}; padding: 3px 8px 3px 8px;">{_swatch(side.colour)}<b>{escape(side.name)}</b></td>'
            f"<td {cell}>{side.statements:,}</td><td {cell}>{side.undated:,}</td><td {cell}>{_span(side)}</td></tr>"
        )
    html = ['<table class="summary" width="100%" cellspacing="0" cellpadding="0" border="0" style="border-style: solid;">', *rows, "</table>"]
    answered = [group for group in brief.groups if len(group) > 1]
    answers = sum(len(group) - 1 for group in answered)
    alone = len(brief.groups) - len(answered)
    html.append(
        f'<p style="margin-top: 8px;">{plural(len(answered), "claim")} answered by {plural(answers, "statement")}; '
        f"{plural(alone, 'statement')} without an answer here.</p>"
    )
    if brief.verdicts:
        names = " · ".join(escape(side.name) for side in brief.sides)
        counts = "; ".join(f"<b>{escape(verdict)}</b> {first:,} · {second:,}" for verdict, (first, second) in brief.verdicts.items())
        html.append(f"<p>Verdicts ({names}): {counts}.</p>")
    else:
        html.append("<p>No statement in this brief carries a verdict yet.</p>")
    return html


_QUOTED = 150  # characters of an unanswered claim the brief quotes
_OUTLETS_NAMED = 8


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:,g} day" + ("" if value == 1 else "s")


def _listed(parts: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _answering(side: AnsweringSide) -> str:
    cell = 'style="padding: 3px 8px 3px 8px;"'
    claims = _listed([f"{count:,} {escape(name)}" for name, count in side.of_sides]) + (" claims" if side.answered > 1 else " claim")
    middle = "–" if side.low_days is None else f"{side.low_days:,g} to {_days(side.high_days)}"
    return (
        f'<tr><td style="border-left: {_BAND} {_colour(side.colour)}; padding: 3px 8px 3px 8px;">{_swatch(side.colour)}<b>{escape(side.name)}</b></td>'
        f"<td {cell}>{claims}</td><td {cell}>{side.timed:,}</td><td {cell}>{_days(side.median_days)}</td>"
        f"<td {cell}>{middle}</td><td {cell}>{side.before_reported:,}</td></tr>"
    )


def _oldest(card) -> str:
    text = card.text if len(card.text) <= _QUOTED else card.text[: _QUOTED - 1] + "…"
    side = f" ({escape(card.side_name)})" if card.side_name else ""
    outlet = f", reported by {escape(card.outlet_name)}" if card.outlet_name else ""
    return f'<p style="margin-left: 12px;"><b>{escape(card.speaker_name)}</b>{side}, {escape(card.date_label)}{outlet}: “{escape(text)}”</p>'


def _dispute(moves: DisputeMoves | None) -> list[str]:
    """How fast each side answered, what is still unanswered, the repeated lines and the outlets without reply."""
    if moves is None:
        return []
    html = ["<h2>How the dispute moved</h2>",
            '<p class="meta">A claim is a statement that answers nothing; its response time is the days from it to the first '
            "dated answer from each other side. An answer dated before its claim is counted as answered before reported, "
            "not timed.</p>"]
    if moves.answering:
        cell = 'style="padding: 3px 8px 3px 8px;"'
        header = (("Answering side", 17), ("Claims answered", 26), ("Timed", 10), ("Median response", 15), ("Middle half", 14),
                  ("Answered before reported", 18))
        html += ['<table class="summary" width="100%" cellspacing="0" cellpadding="0" border="0" style="border-style: solid;">',
                 "<tr>" + "".join(f'<th width="{width}%" {cell}>{name}</th>' for name, width in header) + "</tr>",
                 *(_answering(side) for side in moves.answering), "</table>"]
    else:
        html.append("<p>No claim here has an answer from another side.</p>")
    if moves.unanswered:
        oldest = ", the oldest:" if moves.unanswered > len(moves.oldest) else ":"
        html.append(f'<p style="margin-top: 8px;"><b>Unanswered:</b> {plural(moves.unanswered, "claim")} no other side has answered{oldest}</p>')
        html += [_oldest(card) for card in moves.oldest]
    else:
        html.append('<p style="margin-top: 8px;"><b>Unanswered:</b> every claim here has an answer from another side.</p>')
    repeated = f"{plural(moves.repeat_groups, 'line')} said more than once" if moves.repeat_groups else "none linked yet"
    html.append(f"<p><b>Repeated lines:</b> {repeated}.</p>")
    if moves.without_reply:
        named = [f"{escape(name)} ({count:,})" for name, count in moves.without_reply[:_OUTLETS_NAMED]]
        if len(moves.without_reply) > _OUTLETS_NAMED:
            named.append(plural(len(moves.without_reply) - _OUTLETS_NAMED, "more outlet"))
        html.append(f"<p><b>Outlets without reply</b> (answered claims each carried without any of their answers): {_listed(named)}.</p>")
    else:
        html.append("<p><b>Outlets without reply:</b> none; every outlet that carried an answered claim carried an answer too.</p>")
    return html


def _chart(brief: Brief, chart_src: str, chart_height: int, bucket: str) -> list[str]:
    if not chart_src:
        return []
    undated = brief.undated
    left_out = f" {plural(undated, 'undated statement')} cannot be drawn." if undated else ""
    return [
        f'<p style="margin-top: 10px;"><img src="{escape(chart_src, quote=True)}" width="{CHART_WIDTH}" height="{chart_height}"></p>',
        f'<p class="caption">Statements per side by {escape(bucket)}.{left_out}</p>',
    ]


def _source(source: Source) -> str:
    if not source.title:
        return f"Web page: {_link(source.url)}"
    described = ", ".join(escape(part) for part in (f"“{source.title}”", source.publisher) if part)
    if source.published_on:
        described += f", {day_label(source.published_on)}"
    return described + ". " + (_link(source.url) if source.url else "No web address recorded.")


def _sources(brief: Brief) -> list[str]:
    if not brief.sources:
        return ['<h2>Sources</h2><p>No statement in this brief records a source.</p>']
    html = ['<table class="sources" width="100%" cellspacing="0" cellpadding="3" border="0" style="margin-top: 16px;">',
            '<thead><tr><td colspan="2"><h2>Sources</h2></td></tr></thead><tbody>']
    for source in brief.sources:
        html.append(f'<tr><td width="32" class="number">[{source.number}]</td><td>{_source(source)}</td></tr>')
    html.append("</tbody></table>")
    return html


def brief_html(
    brief: Brief, chart_src: str = "", chart_height: int = 0, bucket: str = "week", cuts: dict[int, tuple[int, ...]] | None = None
) -> str:
    """The brief as a complete HTML page.

    `chart_src` is the address of the chart's picture ('' for none), drawn CHART_WIDTH
    pixels wide and `chart_height` high; `bucket` is what one of its bars counts. `cuts`
    cuts long groups (by number) into parts before the answers at the given indices: the
    pages cut a group too long for one page so, each part headed by its claim.
    """
    described = brief.described or "All statements of the two sides"
    prepared = day_label(date.today())
    html = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(brief.title)}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(brief.title)}</h1>",
        f'<p class="meta">{escape(described)} · Prepared {prepared} with {APP_NAME}</p>',
    ]
    if brief.statement_count < brief.matching:
        html.append(
            f'<p class="note">This brief holds the first {brief.statement_count:,} of {brief.matching:,} statements, '
            "oldest first; narrow the filter to brief on the others.</p>"
        )
    html += ["<h2>Summary</h2>", *_summary(brief), *_chart(brief, chart_src, chart_height, bucket), *_dispute(brief.dispute)]
    html.append('<h2>Claims and answers</h2>')
    html.append('<p class="meta">Each claim is followed by the statements that answer it, each in the colour of its side. '
                "Numbers in brackets are the sources listed at the end.</p>")
    html += [_group(number, group, (cuts or {}).get(number, ())) for number, group in enumerate(brief.groups)] or [
        "<p>No statement matches.</p>"
    ]
    html += _sources(brief)
    html.append("</body></html>")
    return "\n".join(html)
