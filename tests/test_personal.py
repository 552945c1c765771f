"""The personal-data guard: only numbers whose check digits hold are called a BSN or IBAN."""

from __future__ import annotations

import pytest

from snp_site.content.personal import is_bsn, is_iban, personal_numbers


@pytest.mark.parametrize(("text", "valid"), [
    ("111222333", True),      # 9+8+7+12+10+8+9+6-3 = 66, a multiple of 11
    ("123456782", True),
    ("1234.56.782", True),
    ("123 456 782", True),
    ("123456789", False),
    ("111222334", False),
    ("000000000", False),
    ("12345678", False),
])
def test_bsn_eleven_test(text: str, valid: bool) -> None:
    assert is_bsn(text) is valid


@pytest.mark.parametrize(("text", "valid"), [
    ("NL91ABNA0417164300", True),
    ("NL91 ABNA 0417 1643 00", True),
    ("GB82WEST12345698765432", True),
    ("NL91ABNA0417164301", False),
    ("NL92ABNA0417164300", False),
    ("NL91ABNA04171", False),
])
def test_iban_mod_97(text: str, valid: bool) -> None:
    assert is_iban(text) is valid


@pytest.mark.parametrize(("line", "found"), [
    ("Mevrouw met BSN 123456782 belde.", [("burgerservicenummer (BSN)", "123456782")]),
    ("Stort op NL91 ABNA 0417 1643 00 a.u.b.", [("rekeningnummer (IBAN)", "NL91 ABNA 0417 1643 00")]),
    ("Het kenmerk is 2017-0000104182.", []),
    ("Er kwamen 123456789 mensen.", []),
    ("Zwolle had 124.904 inwoners.", []),
])
def test_personal_numbers_in_a_line(line: str, found: list[tuple[str, str]]) -> None:
    assert list(personal_numbers(line)) == found
