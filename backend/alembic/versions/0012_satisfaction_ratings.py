"""satisfaction: the person's 1-10 rating of the chat after sending, with an optional comment
(issue #12, deliverable 5); one per intake (a second rating replaces the first)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 06:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "satisfaction_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("intake_id", sa.Uuid(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 10", name=op.f("ck_satisfaction_rating_score_range")),
        sa.ForeignKeyConstraint(
            ["intake_id"], ["intake.id"], name=op.f("fk_satisfaction_rating_intake_id_intake"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_rating")),
        sa.UniqueConstraint("intake_id", name=op.f("uq_satisfaction_rating_intake_id")),
    )


def downgrade() -> None:
    op.drop_table("satisfaction_rating")
