"""Personal names: any GB18030 text, "·" for transliterated names, no 2–6 character limit."""

from __future__ import annotations

MAX_NAME_LENGTH = 100  # DESIGN §8 asks for at least 50; registration cards wrap long names
NAME_SEPARATOR = "·"
# Clerks type the separator in several look-alike forms; store one.
_SEPARATOR_VARIANTS = {"•": NAME_SEPARATOR, "・": NAME_SEPARATOR, "．": NAME_SEPARATOR, "﹒": NAME_SEPARATOR,
                       "‧": NAME_SEPARATOR, "∙": NAME_SEPARATOR}


class InvalidName(ValueError):
    """The name cannot be recorded; the message says why and how to fix it."""


def normalize_name(text: str) -> str:
    name = text.strip()
    for variant, sep in _SEPARATOR_VARIANTS.items():
        name = name.replace(variant, sep)
    return name


def validate_name(text: str, *, field: str = "姓名") -> str:
    """Return the normalized name or raise InvalidName naming the field."""
    name = normalize_name(text)
    if not name:
        raise InvalidName(f"{field}不能为空 / {field} is empty: type the name as on the ID card")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidName(
            f"{field}超过{MAX_NAME_LENGTH}个字符 / {field} is longer than {MAX_NAME_LENGTH} characters"
        )
    try:
        name.encode("gb18030")
    except UnicodeEncodeError as exc:
        bad = name[exc.start : exc.end]
        raise InvalidName(
            f"{field}含有GB18030以外的字符“{bad}” / {field} contains {bad!r}, which is outside "
            "GB18030: retype it with the input method"
        ) from None
    if any(ch.isdigit() or ch in "<>{}[]\\/|@#$%^&*_=+;:\"'\t\n" for ch in name):
        raise InvalidName(f"{field}含有数字或符号 / {field} contains digits or symbols")
    if name.startswith(NAME_SEPARATOR) or name.endswith(NAME_SEPARATOR) or NAME_SEPARATOR * 2 in name:
        raise InvalidName(
            f"{field}中的“·”只能用在两部分之间 / the separator “·” may only stand between two parts"
        )
    return name
