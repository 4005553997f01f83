"""Text from files and databases as a terminal should print it: control characters shown, never obeyed."""

import re

# C0 controls but tab and new line, DEL, C1 controls, and the marks that reorder or hide text
# (bidirectional embeddings, overrides and isolates, line and paragraph separators, the byte order mark).
_MARKS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
_CONTROLS = re.compile(f"[{_MARKS}]")
_CONTROLS_AND_NEW_LINES = re.compile(f"[{_MARKS}\n]")


def escaped(text: object, lines: bool = True) -> str:
    """`text` with each control character written out as Python writes it (ESC as \\x1b, U+202E as \\u202e),
    so that an escape sequence read from a file is shown rather than run by the terminal.

    New lines are kept, or with `lines=False` written out too (for a message that must stay one line)."""
    pattern = _CONTROLS if lines else _CONTROLS_AND_NEW_LINES
    return pattern.sub(_written_out, str(text))


def _written_out(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
