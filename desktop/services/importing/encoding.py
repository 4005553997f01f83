"""Telling which encoding a text file was saved in, from its first bytes."""

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from desktop.services.input_files import read_head

SAMPLE_BYTES = 64 * 1024
# The single-byte encodings newsroom files come in: Cyrillic Windows (Excel in Russia)
# and Western Windows/Latin-1 (Excel elsewhere). Limiting the detector to these keeps
# it from guessing an exotic code page for a short file.
_SINGLE_BYTE = ["cp1251", "cp1252", "latin_1"]
_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32": "UTF-32",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1252": "Windows-1252 (Latin-1)",
    "latin_1": "Latin-1",
}
CHOICES = list(_LABELS)


def label(encoding: str) -> str:
    """The encoding's name as an editor knows it."""
    return _LABELS.get(encoding, encoding)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM shows as a NUL next to nearly every ASCII character."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0 : pairs * 2 : 2].count(0)
    odd = head[1 : pairs * 2 : 2].count(0)
    if odd > 0.4 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


# A byte that is not UTF-8, decoded with errors="surrogateescape", is U+DC80 to U+DCFF; `mend` reads it as
# Windows-1252 would (the likeliest source of one stray byte in a UTF-8 file: a cell pasted from Excel).
STRAY = re.compile("[\udc80-\udcff]")
_AS_WINDOWS_1252 = {0xDC00 + byte: bytes([byte]).decode("cp1252", errors="replace") for byte in range(0x80, 0x100)}
_NOT_ASCII = re.compile("[^\x00-\x7f]")


def mostly_utf8(head: bytes) -> bool:
    """Whether the bytes are UTF-8 but for a few: their characters written in UTF-8's several bytes
    outnumber the bytes UTF-8 cannot read (a Windows-1252 or -1251 text is nearly all the latter)."""
    text = codecs.getincrementaldecoder("utf-8")("surrogateescape").decode(head, final=False)
    stray = len(text) - len(STRAY.sub("", text))  # counted without a list of them: a file may be all strays
    return stray == 0 or len(text) - len(_NOT_ASCII.sub("", text)) - stray > stray


def mend(text: str) -> str:
    """Text decoded with errors="surrogateescape", each byte that was not UTF-8 read as in Windows-1252."""
    return text.translate(_AS_WINDOWS_1252)


def stray_bytes(text: str) -> str:
    """The bytes that were not UTF-8 in text decoded with errors="surrogateescape": 'E9 FF'."""
    return " ".join(f"{ord(found) - 0xDC00:02X}" for found in STRAY.findall(text))


def detect_bytes(head: bytes) -> str:
    """The codec name for text that starts with these bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if found := _utf16_without_bom(head):
        return found
    if mostly_utf8(head):
        return "utf-8"
    best = from_bytes(head, cp_isolation=_SINGLE_BYTE).best()
    return best.encoding if best is not None else "cp1252"


def detect_encoding(path: Path) -> str:
    """The codec name for a file, judged from its first 64 KiB."""
    return detect_bytes(read_head(path, SAMPLE_BYTES))
