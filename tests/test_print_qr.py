"""The documents' QR encoder against ReportLab's (codewords and module placement) and a
plain reading of the mask penalty rules (ISO/IEC 18004 §7.8.3); every symbol decodes."""

from __future__ import annotations

import random
import string

import pytest
import zxingcpp
from PIL import Image
from reportlab.graphics.barcode import qrencoder

from hukou.printing import qr

# Lengths that land on versions 1 to 26, across the 8- to 16-bit length field at version 10
# and the version-information blocks from version 7.
LENGTHS = [1, 14, 20, 60, 120, 178, 213, 250, 400, 1000]


def _text(length: int, seed: int = 0) -> str:
    rnd = random.Random(length * 31 + seed)
    return "".join(
        rnd.choice(string.ascii_letters + string.digits + "|-+/=") for _ in range(length)
    )


def _reportlab(text: str) -> qrencoder.QRCode:
    code = qrencoder.QRCode(None, qr.LEVEL)
    code.addData(qrencoder.QR8bitByte(text))
    code.version = code.calculate_version()
    return code


@pytest.mark.parametrize("length", LENGTHS)
def test_codewords_and_every_masked_symbol_match_reportlab(length: int) -> None:
    text = _text(length)
    code = _reportlab(text)
    version, words = qr._codewords(text)
    assert version == code.version
    assert words == qrencoder.QRCode.createData(version, qr.LEVEL, code.dataList)
    shape = qr._symbol(version)
    size = shape.size
    data = bytearray(size * size)
    for index, bit in enumerate("".join(f"{w:08b}" for w in words)):
        data[shape.positions[index]] = bit == "1"
    data_bits = int("".join("1" if b else "0" for b in data), 2)
    for mask in range(8):
        code.makeImpl(False, mask)
        theirs = "".join("1" if m else "0" for row in code.modules for m in row)
        assert format(shape.empty[mask] ^ data_bits, f"0{size * size}b") == theirs, mask


def _plain_penalty(rows: list[str]) -> int:
    """The four rules read straight off the standard, one module at a time."""
    size = len(rows)
    columns = ["".join(row[c] for row in rows) for c in range(size)]
    score = 0
    for line in rows + columns:
        run = 1
        for i in range(1, size + 1):
            if i < size and line[i] == line[i - 1]:
                run += 1
                continue
            if run >= 5:
                score += 3 + run - 5
            run = 1
        for i in range(size - 10):
            if line[i : i + 11] in ("10111010000", "00001011101"):
                score += 40
    for r in range(size - 1):
        for c in range(size - 1):
            if rows[r][c] == rows[r][c + 1] == rows[r + 1][c] == rows[r + 1][c + 1]:
                score += 3
    dark = sum(row.count("1") for row in rows)
    score += 10 * int(abs(dark * 100 / (size * size) - 50) // 5)
    return score


@pytest.mark.parametrize("length", [1, 60, 178])
def test_penalty_matches_the_rules_read_plainly(length: int) -> None:
    text = _text(length)
    version, _words = qr._codewords(text)
    shape = qr._symbol(version)
    size = shape.size
    rnd = random.Random(length)
    for _ in range(5):
        symbol = rnd.getrandbits(size * size)
        bits = format(symbol, f"0{size * size}b")
        rows = [bits[i : i + size] for i in range(0, size * size, size)]
        assert qr._penalty(symbol, shape) == _plain_penalty(rows)


@pytest.mark.parametrize("length", LENGTHS)
def test_the_chosen_mask_has_the_lowest_penalty_and_the_symbol_decodes(length: int) -> None:
    text = _text(length, seed=1)
    rows = qr.qr_rows(text)
    size = len(rows)
    version, _words = qr._codewords(text)
    shape = qr._symbol(version)
    chosen = _plain_penalty(list(rows))
    code = _reportlab(text)
    for mask in range(8):
        code.makeImpl(False, mask)
        other = ["".join("1" if m else "0" for m in row) for row in code.modules]
        assert chosen <= _plain_penalty(other)
    assert shape.size == size
    image = Image.new("L", (size + 8, size + 8), 255)
    for r, row in enumerate(rows):
        for c, module in enumerate(row):
            if module == "1":
                image.putpixel((c + 4, r + 4), 0)
    image = image.resize(((size + 8) * 4, (size + 8) * 4), Image.Resampling.NEAREST)
    found = zxingcpp.read_barcodes(image)
    assert [b.text for b in found] == [text]
