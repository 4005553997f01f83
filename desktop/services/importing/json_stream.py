"""Reading a large JSON document piece by piece, with the line each piece starts on.

The top-level value is read one member (of an object) or one element (of an array) at
a time, and the elements of an array inside a top-level object one at a time too, so
a file of a million statements never has to be held in memory at once.
"""

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from desktop.services.importing.limits import MAX_COLUMNS, MAX_JSON_VALUE_CHARS
from desktop.services.importing.records import ImportFileError

class _NotFinite(ValueError):
    """NaN or Infinity, which Python's decoder reads but JSON does not have."""


def _not_finite(name: str):
    raise _NotFinite(f"{name} is not a number JSON has")


_CHUNK = 64 * 1024
_LONG = 4 * _CHUNK  # a value cut short after this much is scanned, not decoded, until its brackets close
_SLACK = 16  # characters from the end of the buffer where a literal or a number may be cut short
_DECODER = json.JSONDecoder(parse_constant=_not_finite)
# \uD800 to \uDFFF: half of a character written as two escapes; alone (without its other half) it is not text.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE = re.compile(r"[ \t\r\n]*")
# What is left of JSON text without its strings is brackets, colons (one a key), commas and scalars.
# A string the text ends inside (group 1) is kept, to be scanned once it is whole.
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|("[^"\\]*+(?:\\.[^"\\]*+)*+\\?\Z)', re.DOTALL)
# The rest of a string from a place inside it, up to its closing quote (group 1) or before a lone backslash at the end.
_STRING_REST = re.compile(r'[^"\\]*+(?:\\.[^"\\]*+)*+("?)', re.DOTALL)
_NOT_STRUCTURE = re.compile(r"[^{}\[\]:]+")
# Objects closed within the limit and empty arrays, dropped first: a value of many small objects leaves few tokens.
_SMALL_CLOSED = re.compile(r"\{:{0,%d}+\}|\[\]" % MAX_COLUMNS)
_STRUCTURE = re.compile(r":+|[{}\[\]]")
TOO_DEEP = "arrays and objects are nested too deeply"


class JsonSyntaxError(ValueError):
    """The document is not valid JSON; `line` says where."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def _undecodable(error: ValueError, line: int) -> JsonSyntaxError:
    """The JsonSyntaxError for what the decoder refused other than bad syntax."""
    if isinstance(error, _NotFinite):
        return JsonSyntaxError(str(error), line)
    return JsonSyntaxError(f"a number is longer than {sys.get_int_max_str_digits():,} digits", line)


def _check_text(raw: str, value, line: int) -> None:
    """JsonSyntaxError when a string of the decoded value (a key too) holds a lone surrogate; looked
    for only where the raw text writes one of its halves, without recursion."""
    if not _ESCAPED_SURROGATE.search(raw):
        return
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += item.keys()
            stack += item.values()
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str) and (found := _SURROGATE.search(item)):
            shown = f"\\u{ord(found.group()):04x}"
            raise JsonSyntaxError(f"a string holds {shown}, half of a character written as two escapes, without its other half", line)


def loads(text: str, line: int = 1):
    """A whole JSON text decoded; JsonSyntaxError naming the line (counting from `line`) where it is not
    valid JSON, nests too deeply, holds a number Python does not read, or a string that is not text."""
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise JsonSyntaxError(f"{error.msg} (column {error.colno})", line + error.lineno - 1) from None
    except RecursionError:  # the decoder recurses once per level of nesting
        raise JsonSyntaxError(TOO_DEEP, line) from None
    except ValueError as error:
        raise _undecodable(error, line) from None
    _check_text(text, value, line)
    return value


@dataclass(frozen=True)
class Piece:
    """A decoded value: a member of the top-level object (`key`), or an element of an array.

    `key` is the top-level member an element belongs to; None for the top-level array.
    """

    key: str | None
    value: object
    line: int
    is_element: bool


class JsonStream:
    """A cursor over JSON text read in chunks."""

    def __init__(self, text: TextIO):  # anything with `read(size)`
        self._text = text
        self._buffer = ""
        self._pos = 0
        self._line = 1
        self._eof = False
        self._scanned = 0  # how much of the value being read has been scanned
        self._in_string = False  # whether the scan stopped inside a string
        self._open_keys: list[int] = []  # the keys counted so far of each array or object open in it

    def _more(self, size: int = _CHUNK) -> bool:
        if self._eof:
            return False
        chunk = self._text.read(size)
        if not chunk:
            self._eof = True
            return False
        self._buffer = self._buffer[self._pos :] + chunk
        self._pos = 0
        return True

    def _advance(self, end: int) -> None:
        self._line += self._buffer.count("\n", self._pos, end)
        self._pos = end

    def _peek(self) -> str:
        """The next character that is not white space, or '' at the end."""
        while True:
            self._advance(_SPACE.match(self._buffer, self._pos).end())
            if self._pos < len(self._buffer) or not self._more():
                return self._buffer[self._pos : self._pos + 1]

    def _expect(self, characters: str) -> str:
        found = self._peek()
        if not found or found not in characters:
            shown = repr(found) if found else "the end of the file"
            raise JsonSyntaxError(f"expected {' or '.join(repr(c) for c in characters)}, found {shown}", self._line)
        self._advance(self._pos + 1)
        return found

    def _value(self) -> tuple[object, int]:
        self._peek()
        line = self._line
        self._scanned, self._open_keys, self._in_string = 0, [], False
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                # Only a value the buffer cuts short is read again with more text; any other error is the file's.
                cut_short = error.msg.startswith("Unterminated string") or error.pos >= len(self._buffer) - _SLACK
                if cut_short and self._read_more(line):
                    continue
                raise JsonSyntaxError(error.msg, line + self._buffer.count("\n", self._pos, error.pos)) from None
            except RecursionError:  # the decoder recurses once per level of nesting
                raise JsonSyntaxError(TOO_DEEP, line) from None
            except ValueError as error:
                raise _undecodable(error, line) from None
            if end < len(self._buffer) or not self._grow():  # a number may go on in the next chunk
                if end - self._pos > MAX_JSON_VALUE_CHARS:
                    self._too_long()
                _check_text(self._buffer[self._pos : end], value, line)
                self._advance(end)
                return value, line

    def _grow(self) -> bool:
        """Read as much again as the value read so far holds: a value is decoded again each time it
        grows, so doubling keeps the work in proportion to its length."""
        held = len(self._buffer) - self._pos
        if held > MAX_JSON_VALUE_CHARS:
            self._too_long()
        return self._more(max(_CHUNK, min(held, MAX_JSON_VALUE_CHARS + 1 - held)))

    def _read_more(self, line: int) -> bool:
        """More of the value being read, cut short; False at the end of the file. A long value (or one of
        more colons than an object may have keys) is not decoded again until a scan of the text read
        since the last one finds its brackets closed: decoding it each time it doubled took 5.5 s for
        11 MB of small nested objects."""
        held = len(self._buffer) - self._pos
        long = self._scanned or held > _LONG or self._buffer.count(":", self._pos) > MAX_COLUMNS
        if not self._grow():
            return False
        while long and self._scan(line) and self._grow():
            pass
        return True

    def _scan(self, line: int) -> bool:
        """Whether the value being read is still open (an array, an object or a string) at the end of
        what has been read, scanning only the text read since the last scan. ImportFileError when an
        object of it has more than MAX_COLUMNS keys: decoding 10 MB of keys to count them took seconds."""
        start = self._pos + self._scanned
        if self._in_string:
            rest = _STRING_REST.match(self._buffer, start)
            self._scanned, self._in_string = rest.end() - self._pos, not rest.group(1)
            if self._in_string:
                return True
            start = rest.end()
        text = self._buffer[start:]
        outside = _STRING.sub(r"\1", text)
        open_string = outside.find('"')  # all that is left of a string the text ends inside
        if open_string >= 0:
            self._in_string = True
            rest = _STRING_REST.match(self._buffer, len(self._buffer) - (len(outside) - open_string) + 1)
            self._scanned = rest.end() - self._pos
            outside = outside[:open_string]
        else:
            self._scanned = len(self._buffer) - self._pos
        structure = _NOT_STRUCTURE.sub("", outside)
        for _ in range(8):  # nested small objects and arrays go a level a time
            shorter = _SMALL_CLOSED.sub("", structure)
            if len(shorter) == len(structure):
                break
            structure = shorter
        keys = self._open_keys
        for token in _STRUCTURE.finditer(structure):
            found = token.group()
            if found in "{[":
                keys.append(0)
            elif found in "}]":
                if len(keys) < 2:  # the value is closed: what follows it is not scanned
                    return False
                keys.pop()
            elif keys:
                keys[-1] += len(found)
                if keys[-1] > MAX_COLUMNS:
                    raise ImportFileError(f"the object has more than {MAX_COLUMNS:,} keys; an object may have at most {MAX_COLUMNS:,}", line)
        return bool(keys) or self._in_string

    def _too_long(self):
        raise JsonSyntaxError(f"a single value is longer than {MAX_JSON_VALUE_CHARS:,} characters", self._line)

    def _elements(self, key: str | None) -> Iterator[Piece]:
        self._expect("[")
        if self._peek() == "]":
            self._advance(self._pos + 1)
            return
        while True:
            value, line = self._value()
            yield Piece(key, value, line, True)
            if self._expect(",]") == "]":
                return

    def pieces(self, stream_arrays: bool = True) -> Iterator[Piece]:
        """The top-level value, piece by piece; arrays in a top-level object come element by element."""
        first = self._peek()
        if first == "[":
            yield from self._elements(None)
        elif first == "{":
            self._advance(self._pos + 1)
            if self._peek() == "}":
                self._advance(self._pos + 1)
            else:
                while True:
                    key, line = self._value()
                    if not isinstance(key, str):
                        raise JsonSyntaxError("an object key must be a string", line)
                    self._expect(":")
                    if stream_arrays and self._peek() == "[":
                        yield from self._elements(key)
                    else:
                        value, line = self._value()
                        yield Piece(key, value, line, False)
                    if self._expect(",}") == "}":
                        break
        else:
            value, line = self._value()
            yield Piece(None, value, line, False)
        if self._peek():
            raise JsonSyntaxError("unexpected text after the JSON value", self._line)
