"""The full-text index over statement text: SQLite FTS5 kept in sync by triggers, or on
PostgreSQL a generated tsvector column with a GIN index."""

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Expansion:
    """An FTS5 query naming the indexed terms each word is a prefix of."""

    expression: str
    share: float  # the share of statements it may hit, taking the words as independent
    terms: int  # how many terms it names: checking one row costs about that many look-ups
    complete: bool  # it names every term each word starts, so it finds exactly what the words do


def expanded_match(connection: Connection, words: str) -> Expansion | None:
    """The words as an FTS5 query that names the terms each word is a prefix of, for checking rows one by one.

    `"russ"*` makes FTS5 merge every matching term's list on each evaluation; naming the
    terms instead (`("russia" OR "russian")`) lets a per-row check stay cheap. At most
    the 64 most frequent terms of a word are named. The share is estimated from each
    word's document count. Returns None when the input holds no word; a word no term
    starts with gives no hits. Only plain ASCII words are known to be cut and folded as
    the index's tokenizer does, so only those can make a complete expansion.
    """
    tokens = [token.casefold() for token in _WORD.findall(words)]
    if not tokens:
        return None
    total = connection.exec_driver_sql("SELECT max(rowid) FROM statement_fts").scalar() or 1
    groups, share, complete = [], 1.0, True
    for token in tokens:
        rows = connection.exec_driver_sql(
            "SELECT term, doc FROM statement_terms WHERE term >= ? AND term < ? ORDER BY doc DESC LIMIT ?",
            (token, token + "\U0010ffff", _TERMS_PER_WORD + 1),
        ).all()
        if not rows:
            return Expansion('"' + token + '"', 0.0, 1, False)
        complete = complete and len(rows) <= _TERMS_PER_WORD and token.isascii()
        groups.append([term for term, _ in rows[:_TERMS_PER_WORD]])
        share *= min(1.0, sum(doc for _, doc in rows) / total)
    expression = " AND ".join("(" + " OR ".join(f'"{term}"' for term in group) + ")" for group in groups)
    return Expansion(expression, share, sum(len(group) for group in groups), complete)
