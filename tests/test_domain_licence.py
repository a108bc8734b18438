"""Business licence numbers: the unified social credit code (GB 32100) via stdnum.cn.uscc,
used for the business-licence route (003 §二(二))."""

from __future__ import annotations

import pytest

from hukou.domain.licence import InvalidCreditCode, validate_credit_code

# Check characters computed per GB 32100 (stdnum.cn.uscc.calc_check_digit).
VALID = ["91110108771933431C", "91370100MA3C0TUX1L"]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_are_returned_compact(code: str) -> None:
    assert validate_credit_code(code) == code


def test_spaces_hyphens_and_lower_case_are_tolerated() -> None:
    assert validate_credit_code("9137 0100-ma3c 0tux1l") == "91370100MA3C0TUX1L"


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("91110108771933431", "18 characters"),
        ("91110108771933431CC", "18 characters"),
        ("91110108771933431D", "check character"),
        ("9111010877193343IC", "format"),          # I is not in the GB 32100 alphabet
        ("A1110108771933431C", "format"),          # the registration-authority part is digits
    ],
)
def test_invalid_codes_say_why(code: str, says: str) -> None:
    with pytest.raises(InvalidCreditCode, match=says):
        validate_credit_code(code)
