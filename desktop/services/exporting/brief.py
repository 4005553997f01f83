"""The brief: the side-by-side comparison for the current filter, as a page to hand to a reader.

Every statement shows its speaker, role, outlet, date and source link. All text from
the data is escaped, and only http/https links become links. The same HTML is laid
out as PDF by the UI (QTextDocument), so it keeps to the HTML and CSS that Qt reads.
A brief is meant to be read: it holds the comparison's first BRIEF_STATEMENTS statements
(about a hundred pages) and says how many more the filter matches.
"""

from datetime import date
from html import escape

from sqlalchemy import select

from desktop import APP_NAME
from desktop.domain.entities import Document, Side
from desktop.domain.filters import StatementFilter
from desktop.domain.urls import is_openable
from desktop.domain.values import LinkType
from desktop.services import catalog
from desktop.services.cards import StatementCard, statement_cards
from desktop.services.comparison import compare
from desktop.services.wording import plural
from desktop.storage.database import Database

_STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #1d232b; }
h1 { font-size: 17pt; margin-bottom: 2px; }
p.meta { color: #5f6b7a; margin-top: 0; }
table.brief { border-collapse: collapse; border-style: solid; border-color: #c7ced6; }
td, th { border: 1px solid #c7ced6; }
th { background-color: #eef1f5; text-align: left; font-size: 11pt; }
td { vertical-align: top; }
p { margin-top: 0; margin-bottom: 4px; }
p.text { font-size: 10.5pt; }
p.answer { color: #b03a2e; font-weight: bold; font-size: 8.5pt; }
p.verdict { background-color: #fff4d6; }
p.who, p.where, p.source { font-size: 8.5pt; color: #3b4654; }
"""
_BANDS = ("#ffffff", "#f4f6f9")
BRIEF_STATEMENTS = 500


def _link(url: str) -> str:
    if is_openable(url):
        return f'<a href="{escape(url, quote=True)}">{escape(url)}</a>'
    return f"{escape(url)} (not a web link; not linked)"


def _source(card: StatementCard, document: Document | None) -> str:
    parts = []
    if card.url:
        parts.append(_link(card.url))
    if document is not None:
        title = escape(document.title + (f" — {document.publisher}" if document.publisher else ""))
        parts.append(f"in “{title}”" + (f": {_link(document.url)}" if document.url else ""))
    return "Source: " + ("; ".join(parts) if parts else "not recorded")


def _cell(card: StatementCard | None, answer: str | None, column: int, document: Document | None) -> str:
    if card is None:
        return '<td width="50%">&nbsp;</td>'
    html = ['<td width="50%">']
    if answer:
        html.append(f'<p class="answer">{escape(LinkType(answer).label.capitalize())} the claim at {"left" if column else "right"}</p>')
    text = f"“{card.text}”" if card.is_quote else card.text
    html.append(f'<p class="text">{escape(text)}</p>')
    if card.verdict_label:
        explanation = f" {escape(card.verdict_explanation)}" if card.verdict_explanation else ""
        html.append(f'<p class="verdict">Verdict: <b>{escape(card.verdict_label)}</b>.{explanation}</p>')
    html.append(f'<p class="who"><b>{escape(card.speaker_name)}</b>{escape(", " + card.speaker_role) if card.speaker_role else ""}</p>')
    outlet = f"Reported by {card.outlet_name}" if card.outlet_name else "No outlet recorded"
    html.append(f'<p class="where">{escape(outlet)} · {escape(card.date_label)}</p>')
    html.append(f'<p class="source">{_source(card, document)}</p></td>')
    return "".join(html)


def brief_html(
    db: Database, chosen: StatementFilter, left: int | None, right: int | None, title: str = "", bands: bool = True
) -> str:
    """The brief as a complete HTML page; `bands` shades alternate groups (Qt's PDF layout draws
    a shaded row broken across pages into the margin, so the PDF goes without)."""
    layout = compare(db, chosen, left, right)
    rows, ids = [], []
    while layout.has_more() and len(ids) < BRIEF_STATEMENTS:
        for row in layout.next_rows(min(layout.page_size, BRIEF_STATEMENTS - len(ids))):
            rows.append(row)
            ids += [cell.id for cell in row.cells if cell is not None]
    cards: dict[int, StatementCard] = {}
    for start in range(0, len(ids), 500):
        cards.update(statement_cards(db, ids[start : start + 500]))
    with db.reading() as session:
        wanted = {card.document_id for card in cards.values() if card.document_id is not None}
        documents = {d.id: d for d in session.execute(select(Document).where(Document.id.in_(wanted))).scalars()}
    names = dict(catalog.choices(db, Side))
    sides = [names.get(side, "No side chosen") for side in (left, right)]
    title = title or f"{sides[0]} and {sides[1]}: claims side by side"
    described = catalog.describe_filter(db, chosen) or "all statements"
    if len(ids) < layout.statement_count:
        described += (f" · the first {len(ids):,} of {layout.statement_count:,} statements, oldest first;"
                      " narrow the filter to brief on others")
    html = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(described)} · prepared {date.today():%d %B %Y} with {APP_NAME}. '
        "Each claim is on the row of the statements of the other side that answer it.</p>",
        '<table class="brief" width="100%" cellspacing="0" cellpadding="7" border="1">',
        "<thead><tr>"
        + "".join(f'<th width="50%">{escape(name)} — {plural(count, "statement")}</th>'
                  for name, count in zip(sides, layout.column_counts))
        + "</tr></thead><tbody>",
    ]
    for row in rows:
        html.append(f'<tr bgcolor="{_BANDS[row.group % 2]}">' if bands else "<tr>")
        for column, cell in enumerate(row.cells):
            card = cards.get(cell.id) if cell is not None else None
            answer = cell.how if cell is not None else None
            html.append(_cell(card, answer, column, documents.get(card.document_id) if card else None))
        html.append("</tr>")
    if not rows:
        html.append('<tr><td colspan="2">No statement matches.</td></tr>')
    html.append("</tbody></table></body></html>")
    return "\n".join(html)


def write_brief_html(db: Database, path, chosen: StatementFilter, left: int | None, right: int | None) -> int:
    """Write the brief as an HTML file; returns how many statements it shows."""
    page = brief_html(db, chosen, left, right)
    with open(path, "w", encoding="utf-8") as file:
        file.write(page)
    return page.count('<p class="text">')
