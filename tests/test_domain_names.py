"""Names (DESIGN §8): GB18030 text, "·" between the parts of transliterated names, at least
50 characters, no 2–6 character limit."""

from __future__ import annotations

import pytest

from hukou.domain.names import MAX_NAME_LENGTH, InvalidName, normalize_name, validate_name


@pytest.mark.parametrize(
    "name",
    [
        "李",                                   # one character
        "欧阳娜娜",
        "𠮷野家",                               # CJK Extension B (U+20BB7), in GB18030
        "𪚥",                                    # Extension B, four dragons
        "阿卜杜热西提·买买提艾力",
        "John Smith",
        "玛丽亚·何塞·德·拉·克鲁斯",
    ],
)
def test_names_that_must_be_accepted(name: str) -> None:
    assert validate_name(name) == name


def test_a_sixty_character_name_with_separators_is_accepted() -> None:
    name = "·".join(["阿卜杜勒热合曼"] * 7) + "·买买提艾力"
    assert len(name) >= 60
    assert validate_name(name) == name
    assert MAX_NAME_LENGTH >= 60


def test_a_name_over_the_limit_is_refused() -> None:
    with pytest.raises(InvalidName, match=f"longer than {MAX_NAME_LENGTH}"):
        validate_name("李" * (MAX_NAME_LENGTH + 1))


@pytest.mark.parametrize("variant", ["•", "・", "．", "﹒", "‧", "∙"])
def test_look_alike_separators_become_the_middle_dot(variant: str) -> None:
    assert validate_name(f"艾力{variant}买买提") == "艾力·买买提"
    assert normalize_name(f"  艾力{variant}买买提 ") == "艾力·买买提"


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("李四2", "digits or symbols"),
        ("王<五>", "digits or symbols"),
        ("·买买提", "between two parts"),
        ("买买提·", "between two parts"),
        ("艾力··买买提", "between two parts"),
        ("张😀", "not a letter"),
        ("李\u200b四", "not a letter"),          # zero-width space pasted from the web
        ("John  Smith", "two spaces"),
    ],
)
def test_names_that_must_be_refused(name: str, says: str) -> None:
    with pytest.raises(InvalidName, match=says):
        validate_name(name)


def test_the_message_names_the_field() -> None:
    with pytest.raises(InvalidName, match="曾用名"):
        validate_name("", field="曾用名")


def test_every_accepted_name_encodes_in_gb18030() -> None:
    for name in ["𠮷野家", "阿卜杜热西提·买买提艾力", "Ñúñez"]:
        assert validate_name(name).encode("gb18030").decode("gb18030") == name
