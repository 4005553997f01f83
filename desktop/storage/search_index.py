"""The SQLite FTS5 index over statement text, kept in sync by triggers."""

import re

from sqlalchemy import Connection, text

_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS statement_fts USING fts5("
    "text, content='statement', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS statement_fts_insert AFTER INSERT ON statement BEGIN "
    "INSERT INTO statement_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS statement_fts_delete AFTER DELETE ON statement BEGIN "
    "INSERT INTO statement_fts(statement_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS statement_fts_update AFTER UPDATE OF text ON statement BEGIN "
    "INSERT INTO statement_fts(statement_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO statement_fts(rowid, text) VALUES (new.id, new.text); END",
]

_WORD = re.compile(r"\w+", re.UNICODE)


def create_search_index(connection: Connection) -> None:
    """Create the FTS5 table and its triggers if they are missing."""
    for statement in _DDL:
        connection.execute(text(statement))


def match_expression(words: str) -> str | None:
    """Turn what an editor typed into an FTS5 query: every word, each as a prefix.

    Returns None when the input holds no word at all. Quoting every token keeps
    FTS5 operators and punctuation in the input from being interpreted.
    """
    tokens = _WORD.findall(words)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)
