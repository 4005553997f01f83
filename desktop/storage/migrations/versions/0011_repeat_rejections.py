"""Pairs an editor rejected as repeats are remembered, so the finder never proposes them again.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A file made before migrations existed is stamped 0001 whatever its tables hold.
    if sa.inspect(op.get_bind()).has_table("repeat_rejection"):
        return
    op.create_table(
        "repeat_rejection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("later_id", sa.Integer(), nullable=False),
        sa.Column("earlier_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("later_id <> earlier_id", name="repeat_rejection_not_self"),
        sa.ForeignKeyConstraint(["later_id"], ["statement.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["earlier_id"], ["statement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("later_id", "earlier_id", name="repeat_rejection_unique"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_repeat_rejection_later_id", "repeat_rejection", ["later_id"])
    op.create_index("ix_repeat_rejection_earlier_id", "repeat_rejection", ["earlier_id"])


def downgrade() -> None:
    op.drop_table("repeat_rejection")
