"""Personal names: any GB18030 text, "·" for transliterated names, no 2–6 character limit."""

from __future__ import annotations

import unicodedata

MAX_NAME_LENGTH = 100  # DESIGN §8 asks for at least 50; registration cards wrap long names
NAME_SEPARATOR = "·"
# Clerks type the separator in several look-alike forms; store one.
_SEPARATOR_VARIANTS = {v: NAME_SEPARATOR for v in ("•", "・", "．", "﹒", "‧", "∙")}


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
            f"{field}超过{MAX_NAME_LENGTH}个字符 / {field} is longer than {MAX_NAME_LENGTH} "
            "characters"
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
    # Every code point encodes in GB18030, so that check alone lets emoji and control
    # characters through: a name is letters (any script, rare CJK such as 𠮷 included),
    # combining marks, "·" and single spaces between the parts of a foreign name.
    odd = next((ch for ch in name if not _name_character(ch)), None)
    if odd is not None:
        raise InvalidName(
            f"{field}含有不能用于姓名的字符“{odd}” / {field} contains {odd!r} (U+{ord(odd):04X}), "
            "which is not a letter: retype the name"
        )
    if "  " in name:
        raise InvalidName(f"{field}含有连续空格 / {field} has two spaces in a row: remove one")
    sep = NAME_SEPARATOR
    if name.startswith(sep) or name.endswith(sep) or sep * 2 in name:
        raise InvalidName(
            f"{field}中的“·”只能用在两部分之间 / the separator “·” may only stand between two parts"
        )
    return name


def _name_character(ch: str) -> bool:
    if ch in (NAME_SEPARATOR, " "):
        return True
    # L*: letters of any script; M*: combining marks; Co: private-use code points that
    # older GB18030 input methods still produce for some rare characters.
    category = unicodedata.category(ch)
    return category[0] in "LM" or category == "Co"
