"""Alembic environment: runs on the connection Parallax hands it, never on a URL of its own."""

from alembic import context
from sqlmodel import SQLModel

from desktop.domain import entities  # noqa: F401  (registers the tables on the metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
