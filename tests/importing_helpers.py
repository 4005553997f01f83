"""Shared by the import and export tests: writing files with exact bytes, and fingerprinting a database."""

import hashlib
import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from desktop.domain.entities import Link, Outlet, Side, Speaker, Statement


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """A file holding exactly `text` in `encoding` (newlines as written, no translation)."""
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def counts(db) -> dict[str, int]:
    with db.reading() as session:
        return {
            model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar()
            for model in (Statement, Speaker, Outlet, Side, Link)
        }


def fingerprint(db) -> str:
    """A checksum of every row of every table."""
    path = db.url.removeprefix("sqlite:///")
    connection = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def statements(db) -> list[Statement]:
    with db.reading() as session:
        return list(session.execute(select(Statement).order_by(Statement.id)).scalars())


def speaker_named(db, name: str) -> Speaker | None:
    with db.reading() as session:
        return session.execute(select(Speaker).where(Speaker.name == name)).scalar_one_or_none()
