"""Masking of IDs, accounts and phones in audit details and logs (SPEC §9)."""

from __future__ import annotations

from yikatong_desktop.domain.privacy import keyed_hash, mask_text, mask_value

ID = "652323195603121236"
CARD = "6228480088812345678"
PHONE = "13899912345"


def test_ids_accounts_and_phones_inside_text_are_masked() -> None:
    text = f"导入 {ID} 的卡 {CARD}，电话{PHONE}，共 12 行"
    masked = mask_text(text)
    for secret in (ID, CARD, PHONE):
        assert secret not in masked
    assert "652323********1236" in masked and "共 12 行" in masked
    assert "138****2345" in masked


def test_nested_details_are_masked_and_numbers_left_alone() -> None:
    detail = {"before": {"id_number": ID, "paid_fen": 96000}, "rows": [CARD, "ok"], "count": 3}
    masked = mask_value(detail)
    assert masked["before"]["paid_fen"] == 96000 and masked["count"] == 3
    assert ID not in str(masked) and CARD not in str(masked)


def test_keyed_hash_matches_without_revealing() -> None:
    secret = b"k" * 32
    assert keyed_hash(secret, ID) == keyed_hash(secret, ID)
    assert keyed_hash(secret, ID) != keyed_hash(b"x" * 32, ID)
    assert ID not in keyed_hash(secret, ID)
