"""Opening a file an editor gave to be read: a regular file only, never read past a limit,
and refused when it changes while it is read.

A pipe or a device named `.csv` would block forever or never end (`/dev/zero` states a
size of 0), so anything but a regular file is refused before a byte is read, and the
limit is counted on the bytes read, not taken from the size the file states.
"""

import io
import os
import stat
from pathlib import Path

# Opening a pipe without a writer blocks until one comes; without O_NONBLOCK we could not even look at it.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def size_label(size: int) -> str:
    """'1 GiB', '20 MiB', '12 KiB' or '300 bytes'."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


class UnreadableFile(Exception):
    """The file cannot be read as it stands; the message says why, without naming the file."""


class FileTooLarge(UnreadableFile):
    """The file holds more than the limit: `size` bytes stated, or more than `limit` found while reading."""

    def __init__(self, size: int, limit: int, stated: bool = True):
        shown = size_label(size) if stated else f"more than {size_label(limit)}"
        super().__init__(f"the file is {shown}; it may be at most {size_label(limit)}")
        self.size, self.limit, self.stated = size, limit, stated


class InputFile(io.RawIOBase):
    """A regular file opened for reading, which refuses to read past `limit` bytes."""

    def __init__(self, path: str | Path, limit: int):
        super().__init__()
        fd = os.open(path, _OPEN_FLAGS)
        try:
            self._stat = os.fstat(fd)
            if not stat.S_ISREG(self._stat.st_mode):
                raise UnreadableFile("it is not a regular file (a folder, a pipe or a device); Parallax reads only files")
            if self._stat.st_size > limit:
                raise FileTooLarge(self._stat.st_size, limit)
        except BaseException:
            os.close(fd)
            raise
        self._file = io.FileIO(fd, "r")
        self.limit = limit
        self.read_bytes = 0

    @property
    def size(self) -> int:
        """The size the file stated when it was opened."""
        return self._stat.st_size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        count = self._file.readinto(memoryview(buffer)[: self.limit + 1 - self.read_bytes])
        self.read_bytes += count
        if self.read_bytes > self.limit:
            raise FileTooLarge(self.read_bytes, self.limit, stated=False)
        return count

    def close(self) -> None:
        self._file.close()
        super().close()

    def check_unchanged(self) -> None:
        """Raise UnreadableFile when the file's size or modification time changed since it was opened:
        what was read may be cut off part-way."""
        now = os.fstat(self._file.fileno())
        if (now.st_size, now.st_mtime_ns) != (self._stat.st_size, self._stat.st_mtime_ns):
            raise UnreadableFile("the file changed while it was read (another program is writing it?); try again once it is saved")


def open_text_bytes(path: str | Path, limit: int) -> io.BufferedReader:
    """A regular file opened for buffered reading, refusing past `limit` bytes (its raw InputFile is `.raw`)."""
    return io.BufferedReader(InputFile(path, limit), 64 * 1024)


def read_head(path: str | Path, size: int) -> bytes:
    """The first `size` bytes of a regular file (whatever its size)."""
    with InputFile(path, 2**63) as file:
        return file.read(size)


def read_whole(path: str | Path, limit: int) -> bytes:
    """All of a regular file of at most `limit` bytes, checked unchanged once read."""
    with InputFile(path, limit) as file:
        data = file.readall()
        file.check_unchanged()
    return data
