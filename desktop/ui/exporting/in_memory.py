"""What Qt's writers (PDF, SVG, OpenDocument, PNG) write, held in memory as bytes.

Qt's writers say nothing when a write to a file fails (a full disk leaves a cut-off file that
reports success), so they write to memory and the bytes go to the file through
`written_beside`, where every failure is caught and said in words.
"""

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QImage


def device_bytes(write: Callable[[QIODevice], object]) -> bytes:
    """The bytes `write` writes to the device it is given (a buffer in memory)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        write(buffer)
        return bytes(buffer.data())
    finally:
        buffer.close()


def png_bytes(image: QImage) -> bytes:
    """The picture as a PNG file's bytes."""
    return device_bytes(lambda device: image.save(device, "PNG"))
