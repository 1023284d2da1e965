"""Masking of IDs, accounts and phones in audit details and logs (SPEC §9)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

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


def test_hashes_and_uids_survive_masking() -> None:
    digest = "78e370b5871459231a3731" + "0" * 42
    uid = "6b9c2f0e-5d1a-4e8b-9a57-1f0c3e2d4b6a"
    detail = {"file_sha256": digest, "uid": uid}
    assert mask_value(detail) == detail


@given(st.binary(min_size=32, max_size=32))
def test_no_sha256_hex_digest_is_ever_altered(raw: bytes) -> None:
    digest = raw.hex()
    assert mask_text(f"文件 {digest}") == f"文件 {digest}"


def test_short_accounts_separated_phones_and_spaced_ids_are_masked() -> None:
    for secret in ("12345678", "6228 4800 8881 2345 678", "138-1234-5678", "138 1234 5678",
                   "652323 19800101 1234", "652323800101123"):
        masked = mask_text(f"值：{secret}。")
        assert secret not in masked, secret
        assert "*" in masked


def test_an_id_given_as_a_number_is_masked_but_amounts_are_not() -> None:
    masked = mask_value({"id": 652323195603121236, "paid_fen": 2500000})
    assert masked["paid_fen"] == 2500000
    assert "652323195603121236" not in str(masked) and masked["id"].startswith("652323")


def test_dates_times_and_amounts_in_details_are_left_readable() -> None:
    text = '{"end":"2019-08-10","at":"2019-07-15T02:00:00.000000Z","paid":"1,234.50","count":72690}'
    assert mask_text(text) == text


def test_a_record_uid_whose_last_block_is_all_digits_is_not_taken_for_an_account() -> None:
    uid = "0f584874-e585-4ee9-96b7-123456789012"
    assert mask_text(f"voided {uid} and card 6217001666132229635") == f"voided {uid} and card 6217***********9635"
    assert mask_value({"payments_voided": [uid]}) == {"payments_voided": [uid]}
