"""Stories are chosen, so statements are found by story through an index; and a story
created, renamed or deleted by another editor is seen through the change log.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from desktop.storage.change_log import create_change_log

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A file made before migrations existed is stamped 0001 whatever its tables hold.
    if "ix_statement_story_id" not in {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("statement")}:
        op.create_index("ix_statement_story_id", "statement", ["story_id"], unique=False)
    if op.get_bind().dialect.name in ("sqlite", "postgresql"):
        create_change_log(op.get_bind())  # adds the story table's triggers


def downgrade() -> None:
    op.drop_index("ix_statement_story_id", table_name="statement")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS change_log_story ON story")
        op.execute("DROP TRIGGER IF EXISTS change_log_story_announce ON story")
    elif op.get_bind().dialect.name == "sqlite":
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS change_log_story_{event}")
