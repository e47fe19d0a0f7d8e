"""chat messages by the phone's message id (a resend gets the same reply); save sequence numbers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('chat_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('client_message_id', sa.String(length=64), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reply', sa.JSON(), nullable=True),
    sa.Column('assisted_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assisted_by_id'], ['staff_user.id'], name=op.f('fk_chat_message_assisted_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversation.id'], name=op.f('fk_chat_message_conversation_id_conversation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_message')),
    sa.UniqueConstraint('conversation_id', 'client_message_id', name=op.f('uq_chat_message_conversation_id'))
    )
    with op.batch_alter_table('chat_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_message_conversation_id'), ['conversation_id'], unique=False)
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_save_sequence', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.drop_column('last_save_sequence')
    with op.batch_alter_table('chat_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_message_conversation_id'))
    op.drop_table('chat_message')
