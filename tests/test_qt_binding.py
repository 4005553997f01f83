"""Guards against the PySide6 release that leaks references to None.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every Qt method call that
returns nothing, and the process aborts with "Fatal Python error: none_dealloc" after
a few thousand calls. On Python 3.11 None is not immortal, so the leak shows as a
falling reference count long before the crash; later Pythons hide it.
"""

import subprocess
import sys
import textwrap

import pytest

CALLS = 20_000

_PROBE = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QObject
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range({CALLS}):
        probe.setObjectName("probe")
        probe.blockSignals(False)
    print(before - sys.getrefcount(None))
    """
)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_keep_the_reference_count_of_none():
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"Qt calls crashed the interpreter:\n{result.stderr}"
    lost = int(result.stdout.strip())
    assert lost < 100, f"{lost} references to None lost over {2 * CALLS} Qt calls"


def test_many_void_qt_calls_do_not_abort():
    probe = subprocess.run(
        [sys.executable, "-c", _PROBE.replace("print(before - sys.getrefcount(None))", "print('ok')")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0 and probe.stdout.strip() == "ok", probe.stderr
