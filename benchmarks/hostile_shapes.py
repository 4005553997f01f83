"""Time and peak memory of reading files of the shapes that once took minutes or gigabytes.

    python -m benchmarks.hostile_shapes                     # every shape, 10 MB each, in a temporary folder
    python -m benchmarks.hostile_shapes --mb 100 csv-rows   # one shape, larger

Each shape is written, then read by the reader its name picks, as an import reads it (without the
database: stopping after 100 errors), in a process of its own, so that its peak memory is its own.
One line a shape: `<shape> <MB> MB: <s> s, peak <MB> MB (<MB> MB before reading): <first error>`.
The files are deleted.
"""

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ROW = "Peskov said the reports were false,Dmitry Peskov,2021-11-12\n"
_OBJECT = '{"text": "Peskov said the reports were false", "speaker": "Dmitry Peskov"}'
SHAPES = {  # name: (file name, the file's text for about `size` bytes)
    "csv-rows": ("rows.csv", lambda size: "text,speaker,date\n" + _ROW * (size // len(_ROW))),
    "jsonl-rows": ("rows.jsonl", lambda size: (_OBJECT + "\n") * (size // (len(_OBJECT) + 1))),
    "json-rows": ("rows.json", lambda size: "[" + ",\n".join([_OBJECT] * (size // (len(_OBJECT) + 2))) + "]"),
    "json-keys": ("keys.json", lambda size: '[{"text": "x", ' + ", ".join(f'"k{i}": 0' for i in range(size // 12)) + "}]"),
    "json-objects-of-16k-keys": ("wide.json", lambda size: "[" + ",\n".join(
        '{"text": "x", ' + ", ".join(f'"k{i}": 0' for i in range(16_000)) + "}" for _ in range(size // 200_000)) + "]"),
    "jsonl-new-key-each-line": ("keys.jsonl", lambda size: "".join(f'{{"text": "x", "k{i}": 1}}\n' for i in range(size // 26))),
    "csv-many-columns": ("columns.csv", lambda size: ",".join(f"c{i}" for i in range(size // 8)) + ",text\n"),
    "csv-one-line": ("line.csv", lambda size: "text\n" + "a," * (size // 2)),
    "csv-long-lines": ("lines.csv", lambda size: "text\n" + ("a," * 500_000 + "\n") * (size // 1_000_001)),
    "csv-16k-cells-a-row": ("cells.csv", lambda size: "text\n" + ("ab," * 16_000 + "\n") * (size // 48_001)),
    "csv-open-quote": ("quote.csv", lambda size: 'text,speaker\n"' + _ROW * (size // len(_ROW))),
    "json-nested-objects": ("nested.json", lambda size: "[[" + ",".join(['[[[[{"a":1}]]]]'] * (size // 16)) + "]]"),
    "json-one-string": ("string.json", lambda size: '[{"text": "' + "x" * size + '"}]'),
    "json-strings": ("strings.json", lambda size: "[" + ",".join(['{"text": "' + "x" * 4_000_000 + '"}'] * (size // 4_000_000)) + "]"),
    "jsonl-bad-lines": ("bad.jsonl", lambda size: '"a\n' * (size // 3)),
    "csv-stray-bytes": ("stray.csv", lambda size: "text,speaker\n" + "Caf\udce9 au lait,Pierre\n" * (size // 22)),
}


def measure(path: Path) -> str:
    """Read the file as an import reads it (stopping after as many errors); the line that says how it went."""
    from desktop.services.importing import ImportOptions
    from desktop.services.importing.files import open_source
    from desktop.services.importing.limits import MAX_ERRORS
    from desktop.services.importing.records import ImportFileError, Problem

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    problems = []
    try:
        with open_source(path, ImportOptions()) as source:
            for item in source.items():
                if isinstance(item, Problem) and item.is_error:
                    problems.append(item.message)
                    if len(problems) == MAX_ERRORS:
                        break
    except ImportFileError as error:
        problems.append(f"refused: {error}")
    took = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    first = problems[0][:90] if problems else "read whole"
    return f"{path.stat().st_size / 2**20:.1f} MB: {took:.2f} s, peak {peak / 1024:.0f} MB ({before / 1024:.0f} MB before reading): {first}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapes", nargs="*", default=[], metavar="SHAPE", help=", ".join(SHAPES))
    parser.add_argument("--mb", type=float, default=10, help="about how large each file is (default 10)")
    parser.add_argument("--read", help=argparse.SUPPRESS)  # the file read in this process
    parser.add_argument("--write", nargs=2, help=argparse.SUPPRESS)  # the shape written, and where
    args = parser.parse_args()
    if args.read:
        print(measure(Path(args.read)), flush=True)
        return
    if args.write:
        shape, path = args.write
        Path(path).write_bytes(SHAPES[shape][1](int(args.mb * 2**20)).encode("utf-8", errors="surrogateescape"))
        return
    # Written and read each in a process of its own: a child starts with its parent's peak memory.
    own = [sys.executable, "-m", "benchmarks.hostile_shapes", "--mb", str(args.mb)]
    with tempfile.TemporaryDirectory(prefix="parallax-shapes-") as folder:
        for shape in args.shapes or SHAPES:
            path = Path(folder) / SHAPES[shape][0]
            subprocess.run([*own, "--write", shape, str(path)], check=True)
            print(f"{shape} ", end="", flush=True)
            subprocess.run([*own, "--read", str(path)], check=False)
            path.unlink()


if __name__ == "__main__":
    main()
