"""The layers keep their places: imports point down, and only the UI touches Qt."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# import-linter configures logging for its whole process, so it runs in one of its own.
_LINT = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True))"


def test_import_contracts_are_kept():
    result = subprocess.run(
        [sys.executable, "-c", _LINT, str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:]
