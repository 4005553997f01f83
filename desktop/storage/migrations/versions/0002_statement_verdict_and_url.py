"""Statement verdicts (words, optional numeric rating, explanation) and the statement's source link.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from desktop.storage.search_index import create_search_index

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TEXT_COLUMNS = ("url", "verdict", "verdict_explanation")
_RATING_COLUMNS = ("rating_value", "rating_best", "rating_worst")


def upgrade() -> None:
    # A file made before migrations existed is stamped 0001 whatever its tables hold,
    # so columns it already has are left alone.
    present = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("statement")}
    with op.batch_alter_table("statement", schema=None) as batch_op:
        for name in _TEXT_COLUMNS:
            if name not in present:
                batch_op.add_column(
                    sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="")
                )
        for name in _RATING_COLUMNS:
            if name not in present:
                batch_op.add_column(sa.Column(name, sa.Float(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # Should batch mode ever rebuild the table, its search triggers go with it.
        create_search_index(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("statement", schema=None) as batch_op:
        for name in reversed(_TEXT_COLUMNS + _RATING_COLUMNS):
            batch_op.drop_column(name)
    if op.get_bind().dialect.name == "sqlite":
        create_search_index(op.get_bind())
