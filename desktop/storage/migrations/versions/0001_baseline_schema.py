"""Baseline: the schema of the first release, with the SQLite FTS5 index on statement text.

Revision ID: 0001
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from desktop.storage.search_index import create_search_index


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('publisher', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('outlet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.CheckConstraint("kind IN ('wire', 'state media', 'newspaper', 'broadcaster', 'online')", name='outlet_kind'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outlet', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outlet_name'), ['name'], unique=True)

    op.create_table('side',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('colour', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('side', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_side_name'), ['name'], unique=True)

    op.create_table('story',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('speaker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('side_id', sa.Integer(), nullable=True),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.CheckConstraint("kind IN ('person', 'body')", name='speaker_kind'),
    sa.ForeignKeyConstraint(['side_id'], ['side.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('speaker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speaker_name'), ['name'], unique=True)

    op.create_table('statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('is_quote', sa.Boolean(), nullable=False),
    sa.Column('said_on', sa.Date(), nullable=True),
    sa.Column('speaker_id', sa.Integer(), nullable=False),
    sa.Column('side_id', sa.Integer(), nullable=True),
    sa.Column('outlet_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('story_id', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('(span_start IS NULL AND span_end IS NULL) OR (span_start IS NOT NULL AND span_end IS NOT NULL AND 0 <= span_start AND span_start <= span_end)', name='statement_span'),
    sa.CheckConstraint('length(text) > 0', name='statement_text'),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['outlet_id'], ['outlet.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['side_id'], ['side.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['speaker_id'], ['speaker.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_outlet_id'), ['outlet_id'], unique=False)
        batch_op.create_index('ix_statement_said_on', ['said_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_side_id'), ['side_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statement_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_id', sa.Integer(), nullable=False),
    sa.Column('to_id', sa.Integer(), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.CheckConstraint("type IN ('rebuts', 'supports', 'responds_to', 'repeats')", name='link_type'),
    sa.CheckConstraint('from_id <> to_id', name='link_not_self'),
    sa.ForeignKeyConstraint(['from_id'], ['statement.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_id'], ['statement.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('from_id', 'to_id', 'type', name='link_unique')
    )
    with op.batch_alter_table('link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_link_from_id'), ['from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_link_to_id'), ['to_id'], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        create_search_index(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS statement_fts")
    with op.batch_alter_table('link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_link_to_id'))
        batch_op.drop_index(batch_op.f('ix_link_from_id'))

    op.drop_table('link')
    with op.batch_alter_table('statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_speaker_id'))
        batch_op.drop_index(batch_op.f('ix_statement_side_id'))
        batch_op.drop_index('ix_statement_said_on')
        batch_op.drop_index(batch_op.f('ix_statement_outlet_id'))

    op.drop_table('statement')
    with op.batch_alter_table('speaker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speaker_name'))

    op.drop_table('speaker')
    op.drop_table('story')
    with op.batch_alter_table('side', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_side_name'))

    op.drop_table('side')
    with op.batch_alter_table('outlet', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outlet_name'))

    op.drop_table('outlet')
    op.drop_table('document')
