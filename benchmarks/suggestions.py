"""How long the review takes to find what a proposal, or a stored statement, may answer.

    python -m benchmarks.suggestions --db PATH     # opening it prunes its change log: run it on a copy

Times `suggest_for_proposal` for each proposal of the seed article (dated as its page is)
and `suggest_answers` for statements spread over the archive, after the columns are read
(the window keeps them), and prints the median and the slowest call of each.
"""

import argparse
import statistics
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "kremlin-refutes-invasion-reports.txt"


def suggestion_times(database: Path) -> dict[str, list[float]]:
    """Seconds each call took, by the function called."""
    from sqlalchemy import func, select

    from desktop.domain.entities import Statement
    from desktop.services import extraction
    from desktop.services.articles import read_article
    from desktop.services.statement_columns import columns_for
    from desktop.storage.database import Database

    db = Database(database)
    try:
        columns_for(db)
        article = replace(read_article(_ARTICLE), published_on=date(2021, 11, 13))
        calls = [("suggest_for_proposal", extraction.suggest_for_proposal, p) for p in extraction.open_review(db, article).proposals]
        with db.reading() as session:
            last = session.exec(select(func.max(Statement.id))).scalar_one() or 0
        calls += [("suggest_answers", extraction.suggest_answers, last * share // 8) for share in range(1, 9)]
        times: dict[str, list[float]] = {}
        for name, suggest, subject in calls:
            start = time.perf_counter()
            suggest(db, subject)
            times.setdefault(name, []).append(time.perf_counter() - start)
        return times
    finally:
        db.close()


def main(argv: list[str] | None = None) -> int:
    """Print `<function>: median <N> ms, slowest <M> ms (<K> calls)` for each."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a Parallax database (its change log is pruned)")
    args = parser.parse_args(argv)
    for name, seconds in suggestion_times(args.db).items():
        print(f"{name}: median {statistics.median(seconds) * 1000:.0f} ms, slowest {max(seconds) * 1000:.0f} ms ({len(seconds)} calls)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
