"""A document read from a link keeps the page as fetched, the address it was read from and when.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = ("snapshot", "snapshot_url")


def upgrade() -> None:
    # A file made before migrations existed is stamped 0001 whatever its tables hold.
    present = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("document")}
    with op.batch_alter_table("document", schema=None) as batch_op:
        for name in _TEXT_COLUMNS:
            if name not in present:
                batch_op.add_column(sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))
        if "read_at" not in present:
            batch_op.add_column(sa.Column("read_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35 and later): a batch rebuild would drop the table statements refer to.
    for name in ("read_at", *reversed(_TEXT_COLUMNS)):
        op.drop_column("document", name)
