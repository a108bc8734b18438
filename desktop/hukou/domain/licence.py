"""Business licence codes: the unified social credit code (统一社会信用代码, GB 32100)."""

from __future__ import annotations

from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc


class InvalidCreditCode(ValueError):
    """Not a valid unified social credit code; the message says why."""


def validate_credit_code(text: str) -> str:
    code = uscc.compact(text)
    try:
        return str(uscc.validate(code))
    except stdnum_errors.InvalidLength:
        raise InvalidCreditCode(
            f"统一社会信用代码应为18位，现为{len(code)}位 / the credit code must have 18 characters"
        ) from None
    except stdnum_errors.InvalidChecksum:
        raise InvalidCreditCode(
            "统一社会信用代码校验位错误 / the credit code's check character is wrong: re-read it "
            "from the licence"
        ) from None
    except stdnum_errors.ValidationError:
        raise InvalidCreditCode(
            "统一社会信用代码格式无效 / the credit code is not in the GB 32100 format"
        ) from None
