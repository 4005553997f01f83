"""`parallax report`: how the dispute moved (response times, unanswered claims, repeated lines, balance per
outlet, who answers whom) as JSON for a program or as tables to read."""

import argparse
import json
import sys
from datetime import date

from desktop.commands.terminal import escaped

_WIDTH = 60  # a longer name or text is cut with "…", so the columns stay aligned


def register(subparsers) -> None:
    """Add the `report` sub-command."""
    parser = subparsers.add_parser(
        "report", help="print how the dispute moved: response times, unanswered claims, repeated lines, balance, who answers whom"
    )
    parser.add_argument("--format", choices=["table", "json"], default="table",
                        help="tables to read (the default) or one JSON object for a program")
    parser.add_argument("--story", help="report only on the statements of this story, by name")
    parser.add_argument("--limit", type=_positive, default=20, help="rows shown of each long table (default 20; JSON holds all)")
    parser.set_defaults(run=run, needs_db=True, only_reads=True)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {value!r}")
    return int(value)


def run(args) -> int:
    """Print the report under the story chosen (every statement without one)."""
    from desktop.services.catalog import story_filter
    from desktop.services.dispute_json import report_data
    from desktop.services.repeats import repeat_groups
    from desktop.storage.database import Database

    db = Database(args.db)
    try:
        chosen = story_filter(db, args.story)
        data = report_data(db, chosen, date.today(), repeat_groups(db, chosen))
        if args.format == "json":
            sys.stdout.write(json.dumps(data, ensure_ascii=False, allow_nan=False) + "\n")
        else:
            sys.stdout.write(table(data, _texts(db, data, args.limit), args.limit) + "\n")
    finally:
        db.close()
    return 0


def _texts(db, data: dict, limit: int) -> dict[int, str]:
    """The texts of the statements the tables show: the first unanswered claims and repeated lines."""
    from desktop.services.cards import statement_cards

    ids = [claim["id"] for claim in data["unanswered"][:limit]] + [group["first"] for group in data["repeats"][:limit]]
    return {statement_id: card.text for statement_id, card in statement_cards(db, ids).items()}


def _cut(value) -> str:
    """A name or text as the terminal should print it: control characters written out, one line, cut to width."""
    text = escaped(" ".join(str(value).split()), lines=False)
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return _cut(value)


def _columns(header: list[str], rows: list[list], numeric: set[int] = frozenset()) -> list[str]:
    """Rows of cells under a header, each column as wide as its widest cell; numbers right-aligned."""
    cells = [header, *[[_cell(value) for value in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return [
        "  ".join(cell.rjust(width) if i in numeric else cell.ljust(width) for i, (cell, width) in enumerate(zip(row, widths))).rstrip()
        for row in cells
    ]


def _listed(title: str, header: list[str], rows: list[list], limit: int, numeric: set[int], none: str) -> list[str]:
    """A section: its heading, then its first `limit` rows and how many more there are."""
    lines = ["", title, "=" * len(title)]
    if not rows:
        return [*lines, none]
    lines += _columns(header, rows[:limit], numeric)
    if len(rows) > limit:
        lines.append(f"… and {len(rows) - limit:,} more")
    return lines


def _quartiles(side: dict) -> str | None:
    low, high = side["lower_quartile_days"], side["upper_quartile_days"]
    return None if low is None else f"{low:,.1f} to {high:,.1f}"


def table(data: dict, texts: dict[int, str], limit: int) -> str:
    """The report as text to read: a heading per section, aligned columns, long tables cut to `limit` rows."""
    times = data["response_times"]
    lines = _listed(
        "Response times per answering side",
        ["Side", "Claims answered", "Timed", "Median days", "Quartiles (days)", "Answered before reported", "Own claims unanswered"],
        [[name, side["answered"], side["timed"], side["median_days"], _quartiles(side), side["answered_before_reported"],
          side["unanswered"]] for name, side in times["by_side"].items()],
        limit, {1, 2, 3, 4, 5, 6}, "No claim is answered across sides.",
    )[1:]
    lines += _listed(
        "First answer to each claim, per answering side (claim date order)",
        ["Claim", "Claim side", "Claim date", "Answer", "Answer side", "Answer date", "Days", "Before reported"],
        [[str(item["claim"]), item["claim_side"], item["claim_date"], str(item["answer"]), item["answer_side"], item["answer_date"],
          item["days"], item["answered_before_reported"]] for item in times["items"]],
        limit, {0, 3, 6}, "No answer across sides.",
    )
    lines += _listed(
        "Unanswered claims (oldest first)",
        ["Claim", "Date", "Age (days)", "Side", "Speaker", "Outlet", "Text"],
        [[str(claim["id"]), claim["date"], claim["age_days"], claim["side"], claim["speaker"], claim["outlet"],
          texts.get(claim["id"], "")] for claim in data["unanswered"]],
        limit, {0, 2}, "Every claim has an answer from another side.",
    )
    lines += _listed(
        "Repeated lines",
        ["First", "Statements", "First said"],
        [[str(group["first"]), len(group["statements"]), texts.get(group["first"], "")] for group in data["repeats"]],
        limit, {0, 1}, "No repeated lines are linked.",
    )
    sides = list(dict.fromkeys(side for outlet in data["balance"] for side in outlet["statements"]))
    lines += _listed(
        "Balance and right of reply per outlet (most statements first)",
        ["Outlet", *sides, "Claims answered", "Answer carried", "Share", "Median days", "Without reply"],
        [[outlet["name"], *(outlet["statements"].get(side, 0) for side in sides),
          outlet["right_of_reply"]["answered"], outlet["right_of_reply"]["replied"], _share(outlet["right_of_reply"]["share"]),
          outlet["right_of_reply"]["median_days"], outlet["without_reply"]] for outlet in data["balance"]],
        limit, set(range(1, len(sides) + 6)), "No statement names an outlet.",
    )
    network = data["network"]
    side_of = {speaker["id"]: speaker["side"] for speaker in network["speakers"]}
    lines += _listed(
        f"Who answers whom ({len(network['speakers']):,} speakers, most answers first)",
        ["Answering speaker", "Side", "Answers", "Speaker answered", "Side answered"],
        [[edge["from"], side_of.get(edge["from_id"]), edge["count"], edge["to"], side_of.get(edge["to_id"])]
         for edge in network["edges"]],
        limit, {2}, "No speaker answers another across sides.",
    )
    return "\n".join(lines)


def _share(share: float | None) -> str | None:
    return None if share is None else f"{share:.0%}"
