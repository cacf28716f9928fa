"""Sync engine: replaced-operation links, live flags, progress, acks, applied bundles, roster.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 09:35:15.753962
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('applied_bundles',
    sa.Column('bundle_id', sa.String(length=64), nullable=False),
    sa.Column('sender_id', sa.String(length=64), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('operations', sa.Integer(), nullable=False),
    sa.Column('new_operations', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('bundle_id', name=op.f('pk_applied_bundles'))
    )
    op.create_table('device_progress',
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('contiguous_seq', sa.Integer(), nullable=False),
    sa.Column('max_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_device_progress'))
    )
    op.create_table('peer_acks',
    sa.Column('peer_id', sa.String(length=64), nullable=False),
    sa.Column('origin_id', sa.String(length=64), nullable=False),
    sa.Column('contiguous_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('peer_id', 'origin_id', name=op.f('pk_peer_acks'))
    )
    op.create_table('pending_rows',
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('table_name', 'row_id', name=op.f('pk_pending_rows'))
    )
    op.create_table('roster_devices',
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_roster_devices'))
    )
    op.create_table('superseded',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('device_id', 'seq', 'table_name', 'row_id', 'field',
                            name=op.f('pk_superseded'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pred', sa.Text(), server_default='[]', nullable=False))
        batch_op.add_column(sa.Column('live', sa.Boolean(), server_default='1', nullable=False))

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_people_merged_into_id'), ['merged_into_id'], unique=False)



def downgrade() -> None:
    # Native DROP COLUMN (SQLite >= 3.35): batch mode would rebuild `people`, which the
    # search-index triggers of revision 0002 refer to.
    op.drop_index(op.f('ix_people_merged_into_id'), table_name='people')
    op.execute("ALTER TABLE people DROP COLUMN merged_into_id")
    op.execute("ALTER TABLE changes DROP COLUMN live")
    op.execute("ALTER TABLE changes DROP COLUMN pred")
    op.drop_table('superseded')
    op.drop_table('roster_devices')
    op.drop_table('pending_rows')
    op.drop_table('peer_acks')
    op.drop_table('device_progress')
    op.drop_table('applied_bundles')
