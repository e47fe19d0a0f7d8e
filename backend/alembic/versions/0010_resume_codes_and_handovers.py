"""resume codes (continue a chat on another device), the devices they opened, an intake closed by
the person starting over, and handovers to a real person in the chat with their messages

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 05:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resume_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_resume_code_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resume_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_resume_code_code_hash")),
        sa.UniqueConstraint("conversation_id", name=op.f("uq_resume_code_conversation_id")),
    )
    op.create_table(
        "conversation_device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_conversation_device_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_device")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_conversation_device_token_hash")),
    )
    with op.batch_alter_table("conversation_device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversation_device_conversation_id"), ["conversation_id"], unique=False)
    with op.batch_alter_table("intake", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_by_id", sa.Integer(), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
            name=op.f("fk_handover_conversation_id_conversation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["taken_by_id"], ["staff_user.id"], name=op.f("fk_handover_taken_by_id_staff_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover")),
    )
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_conversation_id"), ["conversation_id"], unique=False)
        # At most one open handover per conversation.
        batch_op.create_index(
            "uq_handover_open_per_conversation",
            ["conversation_id"],
            unique=True,
            postgresql_where=sa.text("ended_at IS NULL"),
            sqlite_where=sa.text("ended_at IS NULL"),
        )
    op.create_table(
        "handover_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=20), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("client_message_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("author IN ('person', 'staff', 'system')", name=op.f("ck_handover_message_handover_author")),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["handover.id"],
            name=op.f("fk_handover_message_handover_id_handover"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_user.id"],
            name=op.f("fk_handover_message_staff_user_id_staff_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_message")),
        sa.UniqueConstraint("handover_id", "client_message_id", name=op.f("uq_handover_message_handover_id")),
    )
    with op.batch_alter_table("handover_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_message_handover_id"), ["handover_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("handover_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_message_handover_id"))
    op.drop_table("handover_message")
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.drop_index("uq_handover_open_per_conversation")
        batch_op.drop_index(batch_op.f("ix_handover_conversation_id"))
    op.drop_table("handover")
    with op.batch_alter_table("intake", schema=None) as batch_op:
        batch_op.drop_column("closed_at")
    with op.batch_alter_table("conversation_device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_device_conversation_id"))
    op.drop_table("conversation_device")
    op.drop_table("resume_code")
