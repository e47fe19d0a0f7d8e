"""no answer "none": the person has none (no e-mail address, no courses)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

CONSTRAINT = 'ck_intake_answer_no_answer'
BEFORE = ('skipped', 'dont_know', 'needs_help', 'not_applicable', 'removed')
AFTER = ('skipped', 'dont_know', 'none', 'needs_help', 'not_applicable', 'removed')


def _allow(values: tuple[str, ...]) -> None:
    # The enum is a VARCHAR with a CHECK constraint (the same on SQLite and PostgreSQL):
    # widening it means replacing the constraint. On SQLite batch mode rebuilds the table.
    with op.batch_alter_table('intake_answer', recreate='auto') as batch_op:
        batch_op.drop_constraint(op.f(CONSTRAINT), type_='check')
        batch_op.create_check_constraint(op.f(CONSTRAINT), sa.column('no_answer').in_(values))


def upgrade() -> None:
    _allow(AFTER)


def downgrade() -> None:
    op.execute("UPDATE intake_answer SET no_answer = 'skipped' WHERE no_answer = 'none'")
    _allow(BEFORE)
