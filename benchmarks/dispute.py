"""How long each figure of a dispute takes on an archive, against the target of 1 s each.

    python -m benchmarks.dispute --db PATH [--runs 3]     # opening it may upgrade it: run it on a copy

Times, as medians of --runs runs, the answer pairs (the links read and paired across
sides: once per change of the archive), then response times, unanswered claims, balance
and the network (the pairs already worked out, as the window has them) with no filter, a
side filter and a date filter (the archive's middle year); then the report as JSON data,
its text, the brief's "How the dispute moved", and `parallax report` end to end in a
process of its own (its output written to a file). One line per figure:
`dispute, <figure>, <filter>: <N> ms`.
"""

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from datetime import date
from pathlib import Path

from benchmarks.run import _median  # seconds a call takes, median of runs, as the main benchmark times

TARGET_SECONDS = 1.0


def _filters(db, columns) -> dict[str, object]:
    """No filter, the side with the most statements, and the year in the middle of the archive's dates."""
    import numpy as np

    from desktop.domain.filters import StatementFilter
    from desktop.storage.columns import NO_DAY

    sides, counts = np.unique(columns.side[columns.live], return_counts=True)
    days = columns.day[columns.day != NO_DAY]
    middle = int(np.median(days)) if len(days) else 0
    year = np.datetime64(middle, "D").astype(object).year
    return {
        "no filter": StatementFilter(),
        "one side": StatementFilter(side_id=int(sides[np.argmax(counts)])),
        f"dates {year}": StatementFilter(date_from=date(year, 1, 1), date_to=date(year, 12, 31)),
    }


def figure_times(database: Path, runs: int) -> list[tuple[str, float]]:
    """(label, seconds) of each figure, in the order printed."""
    from desktop.domain.filters import StatementFilter
    from desktop.services import dispute
    from desktop.services.answers import pair_answers
    from desktop.services.dispute_json import report_data
    from desktop.services.exporting.brief_dispute import dispute_moves
    from desktop.services.statement_columns import columns_for
    from desktop.storage.columns import read_links
    from desktop.storage.database import Database

    db = Database(database)
    try:
        columns = columns_for(db)

        def cold_pairs():
            with db.engine.connect() as connection:
                return pair_answers(columns, read_links(connection))

        found = [("answer pairs (links read and paired)", _median(cold_pairs, runs))]
        today = date.today()
        for name, chosen in _filters(db, columns).items():
            found += [
                (f"response times, {name}", _median(lambda: dispute.response_times(db, chosen), runs)),
                (f"unanswered claims, {name}", _median(lambda: dispute.unanswered(db, chosen, today), runs)),
                (f"balance, {name}", _median(lambda: dispute.balance(db, chosen), runs)),
                (f"network, {name}", _median(lambda: dispute.network(db, chosen), runs)),
            ]
        everything = StatementFilter()
        data = report_data(db, everything, today, [])
        found += [
            ("report as JSON data (all four, names, dates), no filter", _median(lambda: report_data(db, everything, today, []), runs)),
            ("report as JSON text, no filter", _median(lambda: json.dumps(data, ensure_ascii=False, allow_nan=False), runs)),
            ("the brief's 'How the dispute moved', no filter", _median(lambda: dispute_moves(db, everything, []), runs)),
        ]
    finally:
        db.close()
    return found


def command_time(database: Path, runs: int, output_format: str) -> tuple[float, int]:
    """Seconds `parallax report --format FORMAT` takes as a process of its own, and the bytes it printed."""
    times, size = [], 0
    with tempfile.TemporaryDirectory(prefix="parallax-report-") as folder:
        target = Path(folder) / f"report.{output_format}"
        for _ in range(runs):
            with target.open("wb") as out:
                started = time.perf_counter()
                result = subprocess.run(
                    [sys.executable, "-m", "desktop", "report", "--db", str(database), "--format", output_format],
                    stdout=out, stderr=subprocess.PIPE, text=False,
                )
                times.append(time.perf_counter() - started)
            if result.returncode != 0:
                raise RuntimeError(f"parallax report failed: {result.stderr.decode(errors='replace')[-800:]}")
            size = target.stat().st_size
    return statistics.median(times), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a Parallax database (opening it may upgrade it: use a copy)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with closing(sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)) as connection:
        statements, links = (connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("statement", "link"))
    print(f"dispute benchmark: {statements:,} statements, {links:,} links, medians of {args.runs} runs, "
          f"target {TARGET_SECONDS * 1000:.0f} ms a figure")
    slow = []
    for label, seconds in figure_times(args.db, args.runs):
        print(f"dispute, {label}: {seconds * 1000:.0f} ms")
        if seconds > TARGET_SECONDS and not label.startswith("report as JSON"):
            slow.append(label)
    for output_format in ("json", "table"):
        seconds, size = command_time(args.db, args.runs, output_format)
        print(f"dispute, parallax report --format {output_format}, end to end: {seconds * 1000:.0f} ms ({size:,} bytes printed)")
    if slow:
        print(f"over {TARGET_SECONDS:g} s: {', '.join(slow)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
