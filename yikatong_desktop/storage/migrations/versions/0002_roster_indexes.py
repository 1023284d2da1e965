"""indexes for the roster at a million rows: live count, name order, filter boxes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Measured in bench/roster_model.py: the live-payment count and deep windows
scanned the whole payments table, and sorting by name sorted a million rows.
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_payments_voided_id", "payments", ["voided", "id"])
    op.create_index("ix_payments_person_id_voided", "payments", ["person_id", "voided", "id"])
    op.create_index("ix_payments_township_code", "payments", ["township_code"])
    op.create_index("ix_persons_pinyin_id", "persons", ["pinyin", "id"])
    # Fresh statistics so the planner uses the indexes above (SQLite and PostgreSQL both know ANALYZE).
    op.execute("ANALYZE")


def downgrade() -> None:
    op.drop_index("ix_persons_pinyin_id", "persons")
    op.drop_index("ix_payments_township_code", "payments")
    op.drop_index("ix_payments_person_id_voided", "payments")
    op.drop_index("ix_payments_voided_id", "payments")
