"""Phone and fax numbers: E.164 for links, the familiar grouping for reading."""

import pytest

from generator.phones import parse_phone

CASES = [
    ("0755-82978745", "+8675582978745", "0755-8297 8745"),
    ("0755 8297 8745", "+8675582978745", "0755-8297 8745"),
    ("+86 755 8297 8745", "+8675582978745", "0755-8297 8745"),
    ("０７５５－８２９７８７４５", "+8675582978745", "0755-8297 8745"),  # full-width digits from Chinese IMEs
    ("010-12345678", "+861012345678", "010-1234 5678"),
    ("13800138000", "+8613800138000", "138 0013 8000"),
    ("12333", "12333", "12333"),
]


@pytest.mark.parametrize("raw,e164,display", CASES)
def test_valid_numbers(raw, e164, display):
    phone = parse_phone(raw)
    assert (phone.e164, phone.display) == (e164, display)
    assert phone.tel == f"tel:{e164}"


@pytest.mark.parametrize("raw", ["", "0755-8297874", "abc", "0755-ABCDEFGH", "123", "+1 202 555 0100x"])
def test_rejected_numbers(raw):
    assert parse_phone(raw) is None
