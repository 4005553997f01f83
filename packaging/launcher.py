"""Entry script of the packaged app: what `parallax` runs, frozen by PyInstaller (see parallax.spec)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
