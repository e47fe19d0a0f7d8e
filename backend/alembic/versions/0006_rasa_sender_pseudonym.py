"""Rasa's sender id is a pseudonym of the conversation, not its token; transcript deletion time

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 10:00:00

Conversations from before this revision get a fresh pseudonym. Rasa's tracker of such a
conversation was keyed by the phone's token; the person's next message therefore starts a new
Rasa conversation (their answers stay in the backend), and the retention job deletes the old
tracker as an orphan (README "Privacy").
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('conversation') as batch_op:
        batch_op.add_column(sa.Column('rasa_sender', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('transcript_deleted_at', sa.DateTime(timezone=True), nullable=True))
    conversation = sa.table('conversation', sa.column('id', sa.Integer), sa.column('rasa_sender', sa.String))
    connection = op.get_bind()
    for conversation_id in connection.scalars(sa.select(conversation.c.id)).all():
        connection.execute(
            conversation.update()
            .where(conversation.c.id == conversation_id)
            .values(rasa_sender=secrets.token_hex(32))
        )
    with op.batch_alter_table('conversation') as batch_op:
        batch_op.alter_column('rasa_sender', existing_type=sa.String(length=200), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_conversation_rasa_sender'), ['rasa_sender'])


def downgrade() -> None:
    with op.batch_alter_table('conversation') as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_conversation_rasa_sender'), type_='unique')
        batch_op.drop_column('transcript_deleted_at')
        batch_op.drop_column('rasa_sender')
