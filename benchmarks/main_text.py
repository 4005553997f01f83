"""How much of a saved page's main text the reader keeps, and how much boilerplate it keeps with it.

    python -m benchmarks.main_text                     # the reader now, and the one before trafilatura
    python -m benchmarks.main_text --before REVISION   # compare with the reader of another revision

Pages come from benchmarks/saved_pages.py. Main-text recall is the share of the main text's
characters in paragraphs found whole in what the reader returns; boilerplate kept is the share of
the boilerplate's characters (menus, banners, related links, comments, captions, bylines, footers)
found there. The earlier reader is taken from git (`git show REVISION:desktop/services/article_pages.py`).
"""

import argparse
import subprocess
import types
from pathlib import Path

from benchmarks.saved_pages import SHAPES, SavedPage, saved_pages

BEFORE_TRAFILATURA = "ff14ddf347f6f5a6efe131e62940ad7e6f3ea328"
_READER = "desktop/services/article_pages.py"


def _normal(text: str) -> str:
    return " ".join(text.split())


def scores(page: SavedPage, read) -> tuple[float, float]:
    """Main-text recall and boilerplate kept (0 to 1) of the text `read(html)` returns."""
    found = _normal(read(page.html))
    main = sum(len(p) for p in page.main if _normal(p) in found) / sum(len(p) for p in page.main)
    kept = sum(len(b) for b in page.boilerplate if _normal(b) in found) / sum(len(b) for b in page.boilerplate)
    return main, kept


def _reader(module) -> callable:
    def read(html: str) -> str:
        return "\n".join(module.read_page(html).blocks)

    return read


def _reader_of(revision: str):
    """The page reader as it was at `revision`, loaded from git."""
    root = Path(__file__).resolve().parent.parent
    source = subprocess.run(["git", "show", f"{revision}:{_READER}"], cwd=root, capture_output=True, text=True, check=True).stdout
    module = types.ModuleType("article_pages_before")
    exec(compile(source, f"{revision[:10]}:{_READER}", "exec"), module.__dict__)  # noqa: S102 - the project's own file
    return module


def table(readers: dict[str, object]) -> list[str]:
    """One line per shape and reader, and the totals, as printed."""
    pages = saved_pages()
    lines = [f"{len(pages)} saved pages ({', '.join(SHAPES)})", f"{'shape':10} {'reader':14} {'recall':>7} {'boilerplate kept':>17}"]
    for shape in (*SHAPES, "all"):
        chosen = [p for p in pages if shape == "all" or p.name.startswith(f"{shape}-")]
        for name, module in readers.items():
            results = [scores(page, _reader(module)) for page in chosen]
            recall = sum(r for r, _ in results) / len(results)
            kept = sum(k for _, k in results) / len(results)
            lines.append(f"{shape:10} {name:14} {recall:7.3f} {kept:16.1%}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE_TRAFILATURA, help="the revision whose reader to compare with")
    args = parser.parse_args(argv)
    from desktop.services import article_pages

    print("\n".join(table({"before": _reader_of(args.before), "now": article_pages})))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
