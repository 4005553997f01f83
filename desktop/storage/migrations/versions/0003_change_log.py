"""A change log kept by triggers, so caches of the statements catch up with every writer;
and a view of the search index's terms, for fast prefix search.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from desktop.storage.change_log import create_change_log
from desktop.storage.search_index import create_search_index

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        create_change_log(op.get_bind())
        create_search_index(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS change_log")
        op.execute("DROP TABLE IF EXISTS statement_terms")
