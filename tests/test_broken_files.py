"""Ordinary broken files and hostile ones (issue 14): each is read whole or refused with its file and
line named, quickly, and a refused import leaves the database as it was."""

import os
import threading
from pathlib import Path

import pytest

from desktop.services.articles import ArticleError, read_article
from desktop.services.importing import ImportOptions, import_files
from desktop.services.importing.preview import preview_file
from desktop.services.input_files import FileTooLarge, InputFile, UnreadableFile
from importing_helpers import counts, write


def _within(seconds: float, call, unblock=None):
    """`call()`'s result, or a failure when it has not returned within `seconds` (`unblock` then frees it)."""
    result: dict = {}

    def run():
        try:
            result["value"] = call()
        except BaseException as error:  # handed to the test below
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if unblock is not None:
            unblock()
        thread.join(seconds)
        pytest.fail(f"still reading after {seconds} s")
    if "error" in result:
        raise result["error"]
    return result["value"]


def _open_writer(path: Path) -> None:
    """Open the FIFO for writing and close it: a reader blocked on it then sees its end."""
    os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


# Item 11: anything but a regular file is refused; the size limit holds while reading ----------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("suffix", [".csv", ".json", ".jsonl", ".txt", ".html"])
def test_a_named_pipe_is_refused_without_blocking(db, tmp_path, suffix):
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    if suffix == ".txt":
        with pytest.raises(ArticleError, match="not a regular file"):
            _within(5, lambda: read_article(path), lambda: _open_writer(path))
        return
    summary = _within(5, lambda: import_files(db, [path]), lambda: _open_writer(path))
    assert not summary.committed and counts(db)["statement"] == 0
    assert f"{path}: it is not a regular file" in summary.report()
    assert "not a regular file" in str(_within(5, lambda: preview_file(path, ImportOptions()).problems, lambda: _open_writer(path)))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
@pytest.mark.parametrize("suffix", [".csv", ".html", ".txt"])
def test_a_device_named_like_a_file_is_refused(db, tmp_path, suffix):
    path = tmp_path / f"zero{suffix}"
    path.symlink_to("/dev/zero")
    if suffix == ".txt":
        with pytest.raises(ArticleError, match="not a regular file"):
            _within(5, lambda: read_article(path))
        return
    summary = _within(5, lambda: import_files(db, [path]))
    assert "not a regular file" in summary.report() and counts(db)["statement"] == 0


def test_a_file_growing_past_the_limit_is_refused_as_it_is_read(tmp_path):
    path = write(tmp_path, "growing.csv", "text\n" + "x\n" * 10)
    with InputFile(path, limit=100) as file:
        with path.open("ab") as writer:
            writer.write(b"y\n" * 100)
        with pytest.raises(FileTooLarge, match="more than 100 bytes"):
            file.readall()
    with pytest.raises(UnreadableFile, match="at most 100 bytes"):
        InputFile(path, limit=100)
