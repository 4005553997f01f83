"""Run Parallax with ``python -m desktop``."""

from desktop.cli import main

raise SystemExit(main())
