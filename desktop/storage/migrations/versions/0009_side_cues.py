"""Sides carry cue words (other names, capital, adjectives, institutions, leaders) that the
extractor reads to place a speaker on them.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A file made before migrations existed is stamped 0001 whatever its tables hold.
    if "cues" not in {column["name"] for column in sa.inspect(op.get_bind()).get_columns("side")}:
        op.add_column("side", sa.Column("cues", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    # In place (SQLite 3.35 and later): rebuilding the table would trip the speakers' foreign keys.
    op.execute("ALTER TABLE side DROP COLUMN cues")
