"""Line breaking and font choice for Chinese text in a cell."""

from __future__ import annotations

import pytest

from hukou.printing.fonts import HEI, SONG, ensure_fonts, face_for, missing_glyphs
from hukou.printing.text import text_width, wrap


@pytest.fixture(autouse=True, scope="module")
def fonts() -> None:
    ensure_fonts()


def test_lines_fit_the_width_and_keep_every_character() -> None:
    text = "山东省聊城市东昌府区古楼街道楼西大街18号3单元502室" * 4
    lines = wrap(text, HEI, 10.5, 120)
    assert len(lines) > 4
    assert all(text_width(line, HEI, 10.5) <= 120 for line in lines)
    assert "".join(lines) == text


def test_closing_punctuation_never_starts_a_line_and_numbers_stay_whole() -> None:
    text = "甲乙丙丁戊己庚辛，壬癸子丑寅卯。公民身份号码371502198805170236。"
    for width in range(40, 200, 7):
        lines = wrap(text, HEI, 10, width)
        assert not any(line[:1] in "，。）" for line in lines)
        if text_width("371502198805170236。", HEI, 10) <= width:
            assert any("371502198805170236" in line for line in lines)


def test_a_word_wider_than_the_cell_is_split_not_cut() -> None:
    lines = wrap("A" * 80, HEI, 10, 50)
    assert "".join(lines) == "A" * 80 and all(text_width(x, HEI, 10) <= 50 for x in lines)


def test_song_labels_fall_back_to_hei_for_a_character_song_lacks() -> None:
    assert face_for("常住人口登记卡") == SONG
    assert face_for("喆") == HEI         # not in GB 2312
    assert face_for("常住", HEI) == HEI
    assert missing_glyphs("张三") == []
    assert missing_glyphs("𠀀") == ["𠀀"]   # CJK extension B: no embedded face has it
