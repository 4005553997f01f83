"""Counts put into words, the same in every message, header and file."""


def plural(count: int, noun: str) -> str:
    """'1 statement', '2 statements', '3 stories', '1,000,000 statements'."""
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {noun[:-1]}ies" if noun.endswith("y") else f"{count:,} {noun}s"
