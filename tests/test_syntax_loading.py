"""The syntax layer's pipeline is loaded once, however many threads ask for it at the same time."""

import threading
import time
from functools import lru_cache

from desktop.domain.extraction import syntax


def test_two_threads_asking_at_once_load_the_pipeline_once(monkeypatch):
    loads = []

    @lru_cache(maxsize=1)
    def slow_pipeline():
        loads.append(threading.current_thread())
        time.sleep(0.2)  # as long as a load, for the second thread to ask meanwhile
        return object()

    monkeypatch.setattr(syntax, "_pipeline", slow_pipeline)
    monkeypatch.delenv(syntax.SWITCH, raising=False)
    askers = [threading.Thread(target=syntax.available) for _ in range(2)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert len(loads) == 1
