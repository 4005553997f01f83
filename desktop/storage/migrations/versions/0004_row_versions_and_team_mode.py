"""Team mode: a version on statements, speakers, outlets and sides for optimistic locking;
every change to those and to links in the change log; on PostgreSQL the change log
(with a NOTIFY per change) and full-text search over a generated tsvector.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from desktop.storage.change_log import LOGGED_TABLES, create_change_log
from desktop.storage.row_versions import VERSIONED_TABLES, create_version_triggers, drop_version_triggers
from desktop.storage.search_index import create_search_index

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for table in VERSIONED_TABLES:
        if "version" not in {column["name"] for column in sa.inspect(bind).get_columns(table)}:
            with op.batch_alter_table(table, schema=None) as batch_op:
                batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    if bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS change_log_speaker_update")  # it watched side_id only
    if bind.dialect.name in ("sqlite", "postgresql"):
        # Should batch mode ever rebuild a table, its triggers are made again here.
        create_search_index(bind)
        create_change_log(bind)
        create_version_triggers(bind)


def downgrade() -> None:
    bind = op.get_bind()
    drop_version_triggers(bind)
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_statement_search")
        op.execute("ALTER TABLE statement DROP COLUMN IF EXISTS search")
        for table in LOGGED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS change_log_{table} ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS change_log_{table}_announce ON {table}")
        op.execute("DROP TABLE IF EXISTS change_log")
        op.execute("DROP FUNCTION IF EXISTS parallax_log_change(), parallax_announce_change()")
    for table in VERSIONED_TABLES:
        # In place (SQLite 3.35 and later): rebuilding the tables would trip their foreign keys.
        op.execute(f"ALTER TABLE {table} DROP COLUMN version")
