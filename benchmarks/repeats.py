"""Time finding repeated lines over a whole archive, and the process's peak memory.

    python -m benchmarks.repeats --db /tmp/repeats/m1.parallax     # an archive made by `parallax demo-archive`
    python -m benchmarks.repeats --statements 20000                 # makes one of that size first
    python -m benchmarks.repeats --db PATH --window                 # the panel's longest stall too

With --window the main window's Repeated lines panel finds them while a watchdog on the GUI
thread measures the longest gap between its ticks, then accepts the lines shown (the largest
300) as one step and undoes it, which brings them back (the database is left as it was, but
for the ids used). The service alone accepts every proposal as one step and undoes it too.

The demo archive has a fiftieth of its statements repeating an earlier line of their side with
small edits (desktop/services/demo_archive.py): the proposals found are counted against them.
"""

import argparse
import resource
import sys
import tempfile
import time
from functools import partial
from pathlib import Path


def _archive(statements: int, folder: Path) -> Path:
    from desktop.services.demo_archive import ArchiveSize, write_csv
    from desktop.services.importing import import_files
    from desktop.storage.database import Database

    source, target = folder / "demo.csv", folder / "demo.parallax"
    write_csv(source, ArchiveSize(statements))
    db = Database(target)
    try:
        assert import_files(db, [source]).committed
    finally:
        db.close()
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="the archive to search (default: a demo archive made first)")
    parser.add_argument("--statements", type=int, default=20_000, help="the demo archive's size, without --db")
    parser.add_argument("--window", action="store_true", help="also time the panel in a window, and its stalls")
    args = parser.parse_args(argv)
    from desktop.domain.filters import StatementFilter
    from desktop.services.repeat_decisions import AcceptRepeats
    from desktop.services.repeats import find_repeats, repeat_groups
    from desktop.services.statement_columns import columns_for
    from desktop.storage.database import Database

    path = args.db or _archive(args.statements, Path(tempfile.mkdtemp(prefix="parallax-repeats-")))
    db = Database(path)
    try:
        started = time.perf_counter()
        columns_for(db)
        read = time.perf_counter() - started
        reported = []
        started = time.perf_counter()
        found = find_repeats(db, StatementFilter(), lambda done, total: reported.append(done))
        seconds = time.perf_counter() - started
        accept = AcceptRepeats([(p.later, p.earlier) for g in found.groups for p in g.proposals])
        accepting = _timed(accept.apply, db)
        grouping = _timed(repeat_groups, db, StatementFilter())
        groups = len(repeat_groups(db, StatementFilter()))
        undoing = _timed(accept.revert, db)
    finally:
        db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    across = sum(p.across for g in found.groups for p in g.proposals)
    print(f"statements compared   {found.compared:,}")
    print(f"candidate pairs       {found.candidates:,}")
    print(f"proposals             {found.count:,} in {len(found.groups):,} groups ({across} across languages)")
    print(f"columns read          {read:.1f} s")
    print(f"finding               {seconds:.1f} s (progress reported {len(reported)} times)")
    print(f"peak memory           {peak:.0f} MB")
    print(f"accepting them all    {accepting:.1f} s as one step ({groups:,} accepted groups), undoing it {undoing:.1f} s")
    print(f"repeat_groups         {grouping:.2f} s")
    if args.window:
        _window(path)
    return 0


def _fewer(window, panel):
    """Done when the runner is idle and fewer groups are proposed than now."""
    before = panel.proposals.group_count
    return lambda: window.runner.idle and panel.proposals.group_count < before


def _back(window, panel):
    """Done when the step is undone and the proposals it took are shown again."""
    before = panel.proposals.group_count
    return lambda: window.runner.idle and window.runner.stack.index() == 0 and panel.proposals.group_count > before


def _timed(call, *args) -> float:
    started = time.perf_counter()
    call(*args)
    return time.perf_counter() - started


def _window(path: Path) -> None:
    """Find, accept all and undo in the panel, printing each one's time and the GUI thread's longest stall."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.gui_stalls import Watchdog
    from desktop.app import build_main_window
    from desktop.storage.database import Database
    from desktop.ui.analysis.repeats_panel import RepeatsPanel

    app = QApplication.instance() or QApplication([])
    window = build_main_window(Database(path))
    window.show()
    window.show_analysis()  # the window's own panel, as an editor sees it: an undo brings its proposals back
    panel = next(shown for shown in window.analysis.panels if isinstance(shown, RepeatsPanel))
    window.analysis.tabs.setCurrentWidget(panel)
    loop = QEventLoop()

    def until(done) -> float:
        started = time.perf_counter()
        timer = QTimer(interval=20)
        timer.timeout.connect(lambda: loop.quit() if done() else None)
        timer.start()
        loop.exec()
        timer.stop()
        return time.perf_counter() - started

    # The window's own views are worked out first, and any panel shown on opening (the one shown when the window was
    # last closed) has drawn its figures: at 1M their first showing is timed by gui_stalls, not here.
    until(lambda: window.runner.idle and window.view_is_complete and panel.groups_title.title() != "Accepted groups"
          and not any(getattr(shown, "working", False) for shown in window.analysis.panels))
    steps = (  # each step's "done" is made just before it is taken
        ("find repeated lines", panel.find, lambda: panel.find_button.isEnabled),
        ("select the lines shown (Ctrl+A)", panel.proposal_view.selectAll, lambda: lambda: True),
        ("accept them (A)", panel.accept_selected, partial(_fewer, window, panel)),
        ("undo", window.runner.undo, partial(_back, window, panel)),
    )
    for name, act, when_done in steps:
        done = when_done()
        watchdog = Watchdog()
        watchdog.start()
        act()
        seconds = until(done)
        longest = watchdog.stop()
        print(f"panel, {name}: {seconds:.1f} s, longest stall {1000 * longest:.0f} ms (ending {watchdog.at:.2f} s in)")
    window.workspace.close()
    app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
