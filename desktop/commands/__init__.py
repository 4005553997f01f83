"""Sub-commands of `parallax`: each module offers `register(subparsers)` and sets `run` on its parser.

A parser's defaults also say what the command needs: `needs_db` (it cannot run without
--db) and `only_reads` (it reads the database named by --db, so a path that does not
exist is refused rather than created).
"""
