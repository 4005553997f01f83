"""Exports never destroy the database and never leave half a file: every format, a full disk, the window too."""

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.services.exporting import output_file
from desktop.storage.database import Database
from desktop.storage.migrations_runner import integrity_check
from importing_helpers import counts, fingerprint

EVERY_FORMAT = (
    ("csv", ".csv"), ("json", ".json"), ("claimreview", ".jsonld"), ("brief-pdf", ".pdf"), ("brief-odt", ".odt"),
    ("brief-html", ".html"), ("chart-png", ".png"), ("chart-svg", ".svg"),
)
EARLIER = b"an earlier export, to be kept whole"


def _database_file(db) -> Path:
    return Path(db.url.removeprefix("sqlite:///"))


def _folder(tmp_path: Path) -> Path:
    """A folder for the exports alone (the database is in tmp_path)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("name", ["itself", "-wal", "-shm", "-journal", "hard link", "symbolic link", "typed relative"])
def test_export_refuses_to_write_over_the_database_or_its_files(seeded_db, tmp_path, capsys, monkeypatch, name):
    database = _database_file(seeded_db)
    if name in ("-wal", "-shm", "-journal"):
        target = database.with_name(database.name + name)
    elif name == "hard link":
        target = tmp_path / "same.csv"
        os.link(database, target)
    elif name == "symbolic link":
        target = tmp_path / "other" / "pointer.csv"
        target.parent.mkdir()
        target.symlink_to(database)
    else:
        monkeypatch.chdir(tmp_path)
        target = Path("..") / tmp_path.name / database.name
    before, checksum = counts(seeded_db), fingerprint(seeded_db)
    seeded_db.close()
    assert main(["export", "--db", str(database), "--format", "csv", "-o", str(target)]) == 1
    error = capsys.readouterr().err
    assert "an export there would destroy it. Choose another file." in error and error.count("\n") == 1
    assert integrity_check(database) == "ok"
    again = Database(database)
    try:
        assert counts(again) == before and fingerprint(again) == checksum
    finally:
        again.close()


@pytest.mark.parametrize("command", ["chart", "self-test"])
def test_the_chart_and_the_self_test_refuse_the_database_too(tmp_path, capsys, command):
    database = tmp_path / "desk.png"  # a database named as a picture: the chart's own check comes first otherwise
    Database(database).close()
    header = database.read_bytes()
    assert main([command, "--db", str(database), "-o", str(database)]) == 1
    assert "is the database itself" in capsys.readouterr().err
    assert database.read_bytes() == header and integrity_check(database) == "ok"


class _FullDisk(io.FileIO):
    """A file on a disk with `room` bytes left: a write past them writes what fits, then fails as a full disk does."""

    room = 40  # fewer bytes than the smallest of these exports (ClaimReview: none in the seed) needs

    def write(self, data) -> int:
        left = self.room - self.tell()
        if left <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(bytes(data)[:left])


def _open_on_a_full_disk(path, mode="r", **_options):
    return io.BufferedWriter(_FullDisk(path, mode.replace("b", "")))


@pytest.mark.parametrize("key, suffix", EVERY_FORMAT)
def test_a_full_disk_stops_every_export_in_words_and_keeps_the_earlier_file(qapp, seeded_db, tmp_path, monkeypatch, key, suffix):
    from desktop.ui.exporting.formats import ExportScope, export

    target = _folder(tmp_path) / f"earlier{suffix}"
    target.write_bytes(EARLIER)
    monkeypatch.setattr(output_file, "open", _open_on_a_full_disk, raising=False)
    with pytest.raises(OSError) as raised:
        export(seeded_db, key, target, ExportScope())
    assert str(raised.value) == f"earlier{suffix} could not be written: the disk is full; the earlier earlier{suffix} was left as it was."
    assert target.read_bytes() == EARLIER and [p.name for p in target.parent.iterdir()] == [target.name]


def test_a_file_shorter_on_the_disk_than_written_is_refused(seeded_db, tmp_path, monkeypatch):
    """A file system that loses bytes without an error (a network share, a quota) is caught by the size."""
    from desktop.services.exporting.csv_export import write_csv

    target = _folder(tmp_path) / "earlier.csv"
    target.write_bytes(EARLIER)
    real_fstat = os.fstat
    monkeypatch.setattr(output_file.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    with pytest.raises(OSError, match=r"earlier.csv could not be written: [\d,]+ bytes written but 10 on the disk; the earlier"):
        write_csv(seeded_db, target)
    assert target.read_bytes() == EARLIER and [p.name for p in target.parent.iterdir()] == [target.name]


_FULL_DISK_EXPORT = """
import resource, signal, sys
from desktop.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing the process
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY))
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("argv, suffix", [
    (["export", "--format", "brief-pdf"], ".pdf"), (["export", "--format", "brief-odt"], ".odt"),
    (["export", "--format", "csv"], ".csv"), (["chart"], ".svg"), (["chart"], ".png"),
])
def test_a_real_write_limit_leaves_the_earlier_file_whole(seeded_db, tmp_path, argv, suffix):
    """The kernel itself refuses the writes past a size (RLIMIT_FSIZE), as a disk that fills mid-export."""
    database = _database_file(seeded_db)
    whole = tmp_path / f"whole{suffix}"
    assert main([*argv, "--db", str(database), "-o", str(whole)]) == 0
    limit = whole.stat().st_size // 2
    assert limit > 1000
    target = tmp_path / f"earlier{suffix}"
    target.write_bytes(EARLIER)
    # The database stays open here, so its shared memory file is already whole (the limit would refuse to make it),
    # and the command's log starts empty in a folder of its own.
    result = subprocess.run(
        [sys.executable, "-c", _FULL_DISK_EXPORT, str(limit), *argv, "--db", str(database), "-o", str(target)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")},
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"parallax: earlier{suffix} could not be written: the disk is full; the earlier earlier{suffix} was left as it was."
    )
    assert target.read_bytes() == EARLIER
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".", "earlier"))) == [target.name]


def test_the_window_refuses_to_export_over_its_database(qtbot, window, tmp_path):
    from desktop.ui.export_dialog import open_export_dialog

    database = _database_file(window.db)
    checksum = fingerprint(window.db)
    dialog = open_export_dialog(window)
    qtbot.addWidget(dialog)
    for key in ("csv", "brief-pdf"):
        dialog.formats.setCurrentRow([dialog.formats.item(row).data(256) for row in range(dialog.formats.count())].index(key))
        dialog.path.setText(str(database))
        dialog.export()
        assert dialog.result_label.text() == (
            f"Nothing was exported: “{database}” is the database itself; an export there would destroy it. Choose another file."
        )
        assert dialog.preview is None, "no brief is laid out and previewed for nothing"
    assert fingerprint(window.db) == checksum


def test_a_folder_as_the_export_file_is_refused_in_words(seeded_db, tmp_path, capsys):
    folder = _folder(tmp_path)
    assert main(["export", "--db", seeded_db.url, "--format", "csv", "-o", str(folder)]) == 1
    assert capsys.readouterr().err == f"parallax: {folder} is a folder; choose a file name in it.\n"
    assert folder.is_dir() and not any(folder.iterdir())
