"""Writing an export file: never over the open database, never half a file.

Every export, whatever its format and wherever it is asked for, is written in `written_beside`:
to a file of its own beside the one chosen, flushed to the disk and its size checked, which
then replaces the chosen file in one step. A full disk, a cancel or Ctrl+C leaves an earlier
file of that name as it was, and says so in words.
"""

import errno
import io
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from desktop.storage.database import Database

# SQLite's own files beside a database: its write-ahead log, its shared memory, its rollback journal.
_COMPANIONS = ("", "-wal", "-shm", "-journal")
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class ExportRefused(ValueError):
    """The chosen file may not be written to: it is the open database or one of its files."""


class ExportWriteError(OSError):
    """The export could not be written whole; the file chosen was left as it was."""


def database_files(db: Database) -> list[Path]:
    """The files an open SQLite database is kept in (those that exist now or may come to); none for a server."""
    if db.file is None:
        return []
    return [db.file.with_name(db.file.name + suffix) for suffix in _COMPANIONS]


def refuse_database_files(db: Database, path: Path) -> None:
    """Raise ExportRefused if `path` is the database, one of SQLite's files beside it, or the same
    file under another name (a link): writing there would destroy the database."""
    target = Path(path).expanduser()
    resolved = target.resolve()
    for own in database_files(db):
        same = resolved == own.resolve() or (target.exists() and own.exists() and os.path.samefile(target, own))
        if same:
            what = "the database itself" if own == db.file else f"a file of the database ({own.name})"
            raise ExportRefused(f"“{target}” is {what}; an export there would destroy it. Choose another file.")


@contextmanager
def written_beside(path: Path, db: Database | None = None, encoding: str | None = None, newline: str | None = None) -> Iterator[IO]:
    """A file beside `path` to write the export to, which replaces `path` once the block ends whole.

    The file is binary, or text in `encoding` (with `newline`, as `open` takes them). What was
    written is flushed to the disk and its size checked before the replacement; any failure (a
    full disk, an error in the block, a cancel, Ctrl+C) removes the file beside and leaves `path`
    as it was. With `db`, a `path` that is one of its files is refused before anything is written.
    """
    path = Path(path).expanduser()
    if db is not None:
        refuse_database_files(db, path)
    if path.is_dir():
        raise ExportWriteError(f"{path} is a folder; choose a file name in it.")
    if not path.parent.is_dir():
        raise ExportWriteError(f"{path.name} could not be written: the folder {path.parent} does not exist.")
    beside = path.with_name(f".{path.stem}-{uuid.uuid4().hex[:8]}.partial{path.suffix}")
    try:
        with open(beside, "xb") as binary:
            if encoding is None:
                yield binary
            else:
                text = io.TextIOWrapper(binary, encoding=encoding, newline=newline)
                yield text
                text.flush()
                text.detach()
            binary.flush()
            os.fsync(binary.fileno())
            written, on_disk = binary.tell(), os.fstat(binary.fileno()).st_size
            if written != on_disk or not written:
                raise ExportWriteError(errno.EIO, f"{written:,} bytes written but {on_disk:,} on the disk")
        os.replace(beside, path)
    except OSError as error:
        beside.unlink(missing_ok=True)
        raise _in_words(error, path) from error
    except BaseException:
        beside.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _in_words(error: OSError, path: Path) -> ExportWriteError:
    """The failure as an editor reads it: what happened, and that the earlier file is untouched."""
    if error.errno in _DISK_FULL:
        reason = "the disk is full"
    else:
        reason = (error.strerror or str(error)).rstrip(".")
    earlier = f"the earlier {path.name} was left as it was" if path.exists() else "nothing was written"
    return ExportWriteError(f"{path.name} could not be written: {reason}; {earlier}.")


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the replaced file too, where the system allows it (not on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is on the disk
    finally:
        os.close(descriptor)
