"""Measure Parallax against its performance targets and print a table.

    python -m benchmarks.run --statements 1000000     # the full size, by hand (about 10 minutes)
    python -m benchmarks.run --statements 20000       # the size the test suite runs

Every figure is measured in this run, raw baselines included, on a synthetic archive
made with a fixed seed (desktop/services/demo_archive.py). Timings are medians of --runs runs.
"""

import argparse
import csv
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop.services.demo_archive import ArchiveSize, write_csv
from benchmarks.startup import seconds_to_first_paint


def _median(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def raw_baseline(source: Path, target: Path) -> float:
    """sqlite3 alone: executemany of the CSV rows in one transaction, the links they name as rows of
    their own, then the same indexes and FTS."""
    target.unlink(missing_ok=True)
    os.sync()  # each timed load starts with nothing of the one before still being written to disk
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute(
        "CREATE TABLE statement (id INTEGER PRIMARY KEY, text TEXT NOT NULL, said_on DATE, speaker TEXT, "
        "role TEXT, side TEXT, outlet TEXT, rebuts TEXT, responds_to TEXT)"
    )
    connection.execute(
        "CREATE TABLE link (id INTEGER PRIMARY KEY, from_id INTEGER NOT NULL, to_id INTEGER NOT NULL, "
        "type TEXT NOT NULL, UNIQUE (from_id, to_id, type))"
    )
    started = time.perf_counter()
    with connection, source.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        connection.executemany("INSERT INTO statement VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        for kind in ("rebuts", "responds_to"):
            connection.execute(
                f"INSERT INTO link (from_id, to_id, type) SELECT id, CAST({kind} AS INTEGER), '{kind}' "
                f"FROM statement WHERE {kind} != ''"
            )
        connection.execute("CREATE INDEX ix_link_from ON link (from_id)")
        connection.execute("CREATE INDEX ix_link_to ON link (to_id)")
        for column in ("said_on", "speaker", "side", "outlet"):
            connection.execute(f"CREATE INDEX ix_{column} ON statement ({column})")
        connection.execute("CREATE VIRTUAL TABLE fts USING fts5(text, content='statement', content_rowid='id')")
        connection.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def parallax_import(source: Path, target: Path) -> tuple[float, float]:
    """`parallax import` of the CSV into a new database: seconds and peak memory (MB) of the process."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "import", str(source), "--db", str(target)],
        capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"parallax import failed: {result.stdout[-800:]} {result.stderr[-800:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


_OPEN_PROBE = """
import resource, sys, time, json, os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEventLoop
from desktop.app import application, build_main_window
import desktop.ui.main_window  # the modules are loaded behind the first paint; this times the data
application()

def settle():
    # Until the views no longer wait for work in the background (the columns of a large file, a search's
    # counts) and what that work changed is painted.
    while not window.view_is_complete:
        application().processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    application().processEvents()

before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
window = build_main_window(sys.argv[1])
window.show()
application().processEvents()
first_rows = time.perf_counter() - started
rows = window.comparison_model.rowCount()
settle()
complete = time.perf_counter() - started
added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
from desktop.domain.filters import StatementFilter
speaker = 5
started = time.perf_counter()
window.state.set_filter(StatementFilter(speaker_id=speaker))
application().processEvents()
selective = time.perf_counter() - started
settle()
started = time.perf_counter()
window.state.set_filter(StatementFilter())
application().processEvents()
unfiltered = time.perf_counter() - started
settle()
started = time.perf_counter()
window.state.set_filter(StatementFilter(text="russia"))
application().processEvents()
search = time.perf_counter() - started
search_rows = window.comparison_model.rowCount()
settle()
search_complete = time.perf_counter() - started
print(json.dumps({"first_rows": first_rows, "rows": rows, "complete": complete, "added_mb": added,
                  "selective": selective, "unfiltered": unfiltered, "search": search, "search_rows": search_rows,
                  "search_complete": search_complete}))
"""


def open_window(database: Path) -> dict:
    """Open the main window on the database offscreen: time to first rows, memory added, filter changes."""
    import json

    result = subprocess.run([sys.executable, "-c", _OPEN_PROBE, str(database)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-1500:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def gui_stall_lines(database: Path, runs: int) -> list[str]:
    """`python -m benchmarks.gui_stalls` on the database in a process of its own: its `gui stall, …` lines.
    It edits the database, so it runs after every other figure."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.gui_stalls", "--db", str(database), "--runs", str(runs)],
        capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).resolve().parent.parent,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-1500:])
    return [line for line in result.stdout.splitlines() if line.startswith("gui stall, ")]


def query_figures(database: Path, runs: int) -> dict[str, float]:
    """Search, counts and pairing timings in this process."""
    from desktop.domain.filters import StatementFilter
    from desktop.services.comparison import compare
    from desktop.services.search import newest_matches
    from desktop.services.statement_columns import columns_for
    from desktop.services.timeline import Bucket, timeline_counts
    from desktop.storage.database import Database

    db = Database(database)
    columns_for(db)
    figures = {
        "search 'russia' (a third of the archive), newest 100": _median(lambda: newest_matches(db, "russia"), runs),
        "search prefix 'russ', newest 100": _median(lambda: newest_matches(db, "russ"), runs),
        "search 'black sea' + side filter, newest 100": _median(
            lambda: newest_matches(db, "black sea", StatementFilter(side_id=2)), runs
        ),
        "chart counts per week, no filter": _median(lambda: timeline_counts(db, StatementFilter(), Bucket.WEEK), runs),
        "chart counts per day, one speaker": _median(
            lambda: timeline_counts(db, StatementFilter(speaker_id=5), Bucket.DAY), runs
        ),
        "comparison, one speaker: layout + first page": _median(
            lambda: compare(db, StatementFilter(speaker_id=5), 1, 2).next_rows(), runs
        ),
        "comparison, everything: layout + first page": _median(
            lambda: compare(db, StatementFilter(), 1, 2).next_rows(), runs
        ),
    }
    layout = compare(db, StatementFilter(), 1, 2)
    layout.next_rows()
    figures["comparison: one more page, deep in the archive"] = _median(layout.next_rows, runs)
    figures["columns: catch-up after one edit (in the background)"] = _catch_up_after_an_edit(db, runs)
    db.close()
    return figures


def _catch_up_after_an_edit(db, runs: int) -> float:
    """Seconds the statement columns take to catch up with one edited statement (the edit not counted).
    The note it edits is read by no figure."""
    from desktop.domain.entities import Statement
    from desktop.services.operations import UpdateRecord
    from desktop.services.statement_columns import columns_for

    times = []
    for number in range(runs):
        UpdateRecord(Statement, int(columns_for(db).ids.max()), {"note": f"benchmark edit {number}"}).apply(db)
        times.append(_median(lambda: columns_for(db), 1))
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None, help="where the archive and databases go")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="parallax-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    size = ArchiveSize(args.statements)
    source = workdir / f"archive-{size.statements}.csv"
    if not source.exists():
        write_csv(source, size)
    database = workdir / f"archive-{size.statements}.parallax"

    # The two loads take turns, so a machine that speeds up or slows down weighs on both alike.
    baselines, imports = [], []
    for _ in range(args.runs):
        baselines.append(raw_baseline(source, workdir / "raw.sqlite"))
        imports.append(parallax_import(source, database))
    baseline = statistics.median(baselines)
    imported = statistics.median(seconds for seconds, _ in imports)
    peak = max(mb for _, mb in imports)
    window = open_window(database)
    startup = statistics.median(seconds_to_first_paint(database) for _ in range(args.runs))

    rows = [
        ("raw sqlite3 baseline: insert, indexes, FTS", f"{baseline:.2f} s", ""),
        ("parallax import: insert, indexes, FTS", f"{imported:.2f} s", f"≤ {1.5 * baseline:.2f} s (1.5 × baseline)"),
        ("parallax import: peak memory of the process", f"{peak:.0f} MB", "< 1024 MB"),
        ("open: first rows shown", f"{window['first_rows'] * 1000:.0f} ms", "< 1000 ms"),
        ("open: every view complete (columns read)", f"{window['complete'] * 1000:.0f} ms", ""),
        ("open: memory added by the database", f"{window['added_mb']:.0f} MB", "< 150 MB"),
        ("filter change in the window: one speaker", f"{window['selective'] * 1000:.0f} ms", "< 100 ms"),
        ("filter change in the window: clear", f"{window['unfiltered'] * 1000:.0f} ms", ""),
        ("search in the window: 'russia', first rows shown", f"{window['search'] * 1000:.0f} ms", "< 100 ms"),
        ("search in the window: 'russia', counts and chart", f"{window['search_complete'] * 1000:.0f} ms", ""),
        ("start-up: launch to first paint (whole process)", f"{startup * 1000:.0f} ms", "< 500 ms"),
    ]
    targets = {"search 'russia' (a third of the archive), newest 100": "< 50 ms", "chart counts per week, no filter": "< 50 ms"}
    for label, seconds in query_figures(database, args.runs).items():
        rows.append((label, f"{seconds * 1000:.1f} ms", targets.get(label, "")))
    from benchmarks.chart_frames import pan_zoom_frame_times  # Qt is loaded last, for this figure only

    chart = pan_zoom_frame_times()
    for name, times in (("pan", chart.pan), ("zoom", chart.zoom)):
        for statistic, ms in (("median", times.median_ms), ("p95", times.p95_ms)):
            rows.append((f"chart {name}, 5 years by day: frame time {statistic}", f"{ms:.1f} ms", "< 16.7 ms"))
    stalls = gui_stall_lines(database, args.runs)
    print(f"Parallax benchmark: {size.statements:,} statements, {size.speakers} speakers, {size.outlets} outlets, "
          f"medians of {args.runs} runs, {os.cpu_count()} cores")
    width = max(len(label) for label, _, _ in rows)
    print(f"{'figure'.ljust(width)}  {'measured':>12}  target")
    for label, value, target in rows:
        print(f"{label.ljust(width)}  {value:>12}  {target}")
    print("Longest GUI-thread stall per action (benchmarks/gui_stalls.py, median of the runs), target ≤ 50 ms each:")
    print("\n".join(stalls))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
