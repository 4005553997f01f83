"""An identity for each database, made when it is created: caches kept outside the file
(the statement columns) are named after it, so a new file at the path of an old one, even
with the same inode, never takes the old one's cache.

Revision ID: 0005
Revises: 0004
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("database_identity", sa.Column("id", sa.String(36), primary_key=True))
    op.execute(sa.text("INSERT INTO database_identity (id) VALUES (:id)").bindparams(id=str(uuid.uuid4())))


def downgrade() -> None:
    op.drop_table("database_identity")
