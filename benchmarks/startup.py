"""Time from launching `parallax` to its first window on screen, as a whole process."""

import subprocess
import sys
import time
from pathlib import Path

_PROBE = """
import os, sys
from desktop.ui import startup_shell
paint = startup_shell.StartupShell.paintEvent
def painted(self, event):
    paint(self, event)
    print("painted", flush=True)
    os._exit(0)
startup_shell.StartupShell.paintEvent = painted
from desktop.cli import main
main(["--db", sys.argv[1]])
"""


def seconds_to_first_paint(database: Path, platform: str = "offscreen") -> float:
    """Launch a new Python process running the app on `database`; seconds until the first paint."""
    env = {"QT_QPA_PLATFORM": platform, "PATH": "/usr/bin:/bin"}
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-c", _PROBE, str(database)], capture_output=True, text=True, timeout=60, env=env
    )
    elapsed = time.perf_counter() - started
    if "painted" not in process.stdout:
        raise RuntimeError(f"the window never painted: {process.stderr[-500:]}")
    return elapsed
