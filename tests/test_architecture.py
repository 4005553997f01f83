"""The layers keep their places: imports point down, and only the UI touches Qt."""

import ast
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


def _lambdas_closing_over_self(path: Path) -> list[int]:
    """Lines where a signal is connected to a lambda that refers to `self`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect":
            for argument in node.args:
                if isinstance(argument, ast.Lambda) and any(
                    isinstance(name, ast.Name) and name.id == "self" for name in ast.walk(argument.body)
                ):
                    found.append(node.lineno)
    return found


def test_no_signal_is_connected_to_a_lambda_closing_over_its_widget():
    """A lambda holding `self` ties the widget's wrapper to its own connection, so only the collector frees
    them, in no set order with Qt: the pattern behind the crash on quit. Connect a bound method instead."""
    offending = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "desktop").rglob("*.py"))
        if (lines := _lambdas_closing_over_self(path))
    }
    assert not offending, offending


def test_the_checker_finds_the_pattern(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("class A:\n    def f(self):\n        self.box.toggled.connect(lambda on: self.edit.setEnabled(on))\n")
    assert _lambdas_closing_over_self(sample) == [3]


# Threads are made by the jobs service alone (and by the bulk loader's writer inside one import, in
# storage); nothing runs a nested event loop, whose timers and slots fire in the middle of an action.
_THREAD_MAKERS = {"desktop/services/jobs.py", "desktop/storage/bulk.py"}


def _threads_and_event_loops(path: Path) -> list[tuple[int, str]]:
    """Lines where a thread or a QEventLoop is made."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in {"Thread", "Timer", "QEventLoop", "QThread", "ThreadPoolExecutor"}:
                found.append((node.lineno, name))
    return sorted(found)


def test_threads_are_made_only_by_the_jobs_service_and_storage():
    made = {
        relative: lines
        for path in sorted((ROOT / "desktop").rglob("*.py"))
        if (relative := str(path.relative_to(ROOT))) not in _THREAD_MAKERS and (lines := _threads_and_event_loops(path))
    }
    assert not made, made


def test_the_thread_checker_finds_the_patterns(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import threading\nthreading.Thread(target=print).start()\nloop = QEventLoop()\n")
    assert _threads_and_event_loops(sample) == [(2, "Thread"), (3, "QEventLoop")]
