"""answer source "form": typed in the web form (issue #13, deliverable 5), beside the chat's

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 05:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

CONSTRAINT = "ck_intake_answer_answer_source"
BEFORE = ("chat", "volunteer", "case_manager")
AFTER = ("chat", "volunteer", "case_manager", "form")


def _allow(values: tuple[str, ...]) -> None:
    # The enum is a VARCHAR with a CHECK constraint (the same on SQLite and PostgreSQL):
    # widening it means replacing the constraint. On SQLite batch mode rebuilds the table.
    with op.batch_alter_table("intake_answer", recreate="auto") as batch_op:
        batch_op.drop_constraint(op.f(CONSTRAINT), type_="check")
        batch_op.create_check_constraint(op.f(CONSTRAINT), sa.column("source").in_(values))


def upgrade() -> None:
    _allow(AFTER)


def downgrade() -> None:
    # A form answer becomes a chat answer: the person typed it either way.
    op.execute("UPDATE intake_answer SET source = 'chat' WHERE source = 'form'")
    _allow(BEFORE)
