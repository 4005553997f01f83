"""The full-text index over statement text: SQLite FTS5 kept in sync by triggers, or on
PostgreSQL a generated tsvector column with a GIN index."""

import re

from sqlalchemy import Connection, TextClause, text

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
    "CREATE VIRTUAL TABLE IF NOT EXISTS statement_terms USING fts5vocab(statement_fts, row)",
]
_POSTGRES_DDL = [
    # The 'simple' configuration neither stems nor drops stop words, like the FTS5 tokenizer.
    "ALTER TABLE statement ADD COLUMN IF NOT EXISTS search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_statement_search ON statement USING gin (search)",
]
_TERMS_PER_WORD = 64

_WORD = re.compile(r"\w+", re.UNICODE)


def create_search_index(connection: Connection) -> None:
    """Create the search index (and on SQLite its triggers) if it is missing."""
    for statement in _POSTGRES_DDL if connection.dialect.name == "postgresql" else _DDL:
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


def postgres_match(words: str) -> TextClause | None:
    """A condition on statement rows holding every word (each as a prefix), for PostgreSQL.

    Returns None when the input holds no word. The words are quoted tsquery lexemes,
    so nothing an editor types is read as a tsquery operator.
    """
    tokens = _WORD.findall(words)
    if not tokens:
        return None
    query = " & ".join(f"'{token}':*" for token in tokens)
    return text("statement.search @@ to_tsquery('simple', :query)").bindparams(query=query)


def expanded_match(connection: Connection, words: str) -> tuple[str, float] | None:
    """An FTS5 query naming the indexed terms each word is a prefix of, and the share of statements it may hit.

    `"russ"*` makes FTS5 merge every matching term's list on each evaluation; naming the
    terms instead (`("russia" OR "russian")`) lets a per-row check stay cheap. The share is
    estimated from each word's document count, taking the words as independent.
    Returns None when the input holds no word; a word no term starts with gives no hits.
    """
    tokens = [token.casefold() for token in _WORD.findall(words)]
    if not tokens:
        return None
    total = connection.exec_driver_sql("SELECT max(rowid) FROM statement_fts").scalar() or 1
    groups, share = [], 1.0
    for token in tokens:
        rows = connection.exec_driver_sql(
            "SELECT term, doc FROM statement_terms WHERE term >= ? AND term < ? ORDER BY doc DESC LIMIT ?",
            (token, token + "\U0010ffff", _TERMS_PER_WORD),
        ).all()
        if not rows:
            return ('"' + token + '"', 0.0)
        groups.append("(" + " OR ".join(f'"{term}"' for term, _ in rows) + ")")
        share *= min(1.0, sum(doc for _, doc in rows) / total)
    return " AND ".join(groups), share
