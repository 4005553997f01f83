"""Time finding repeated lines over a whole archive, and the process's peak memory.

    python -m benchmarks.repeats --db /tmp/repeats/m1.parallax     # an archive made by `parallax demo-archive`
    python -m benchmarks.repeats --statements 20000                 # makes one of that size first

The demo archive has a fiftieth of its statements repeating an earlier line of their side with
small edits (desktop/services/demo_archive.py): the proposals found are counted against them.
"""

import argparse
import resource
import sys
import tempfile
import time
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
    args = parser.parse_args(argv)
    from desktop.domain.filters import StatementFilter
    from desktop.services.repeats import find_repeats
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
