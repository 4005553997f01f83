"""Statements are chosen by verdict: the few that carry one are found through an index of
those alone, which costs nothing for the many without.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_WITH_VERDICT = sa.text("verdict <> ''")


def upgrade() -> None:
    # A file made before migrations existed is stamped 0001 whatever its tables hold.
    if "ix_statement_verdict" not in {index["name"] for index in sa.inspect(op.get_bind()).get_indexes("statement")}:
        op.create_index(
            "ix_statement_verdict", "statement", ["verdict"], sqlite_where=_WITH_VERDICT, postgresql_where=_WITH_VERDICT
        )


def downgrade() -> None:
    op.drop_index("ix_statement_verdict", table_name="statement")
