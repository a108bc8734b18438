"""The QR code in a document's corner: ReportLab's encoder for the codewords and the symbol's
layout, with the mask chosen here on whole-symbol bit strings, drawn as one filled path.

ReportLab's own `QRCode.make()` builds and scores the symbol module by module eight times
over (one per mask), which took half the time of drawing a whole document. Here each
version's eight empty symbols (function patterns, format and version information, mask
pattern) are built once per process with ReportLab's own code; a symbol is then an empty
symbol XOR the data bits, all as one integer, and the four penalty rules of ISO/IEC 18004
§7.8.3 are scored with string and integer operations.
"""

from __future__ import annotations

import operator
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 4  # the blank margin a scanner needs around the symbol
LEVEL = qrencoder.QRErrorCorrectLevel.M  # survives a stain or a fold
_DARK_RUN = re.compile(r"1+")
_lock = threading.Lock()


@lru_cache(maxsize=40)
def _blocks(version: int) -> tuple[tuple[int, int], ...]:
    """(codewords, of which data) for each Reed–Solomon block of `version` at level M."""
    return tuple(
        (block.totalCount, block.dataCount)
        for block in qrencoder.QRRSBlock.getRSBlocks(version, LEVEL)
    )


@dataclass(frozen=True)
class _Symbol:
    """What every symbol of one version shares, as integers of size² bits in row-major
    order (the top-left module is the most significant bit)."""

    size: int
    empty: tuple[int, ...]  # per mask: the symbol with all-zero data
    positions: tuple[int, ...]  # row-major index of each data bit, in placement order
    gather: Callable[[str], tuple[str, ...]]  # data bit string + "0" -> modules, row-major
    has_up_left: int  # modules with one above and one to the left (rule 2's 2×2 blocks)
    four_left: int  # modules with four to their left in the row (rule 1)
    four_up: int  # ... four above them in the column
    ten_left: int  # modules with ten to their left (rule 3)
    ten_up: int
    full: int


@lru_cache(maxsize=40)
def _symbol(version: int) -> _Symbol:
    with _lock:
        codewords = sum(total for total, _data in _blocks(version))
        empty = []
        positions: tuple[int, ...] = ()
        size = 0
        for mask in range(8):
            code = qrencoder.QRCode(version, LEVEL)
            code.dataCache = [0] * codewords  # no data: each data module is the mask's bit
            code.makeImpl(False, mask)
            size = code.moduleCount
            empty.append(int("".join("1" if m else "0" for row in code.modules for m in row), 2))
            positions = tuple(row * size + col for col, row in code.dataPosIterator())

    def where(holds: Callable[[int, int], bool]) -> int:
        return int(
            "".join("1" if holds(r, c) else "0" for r in range(size) for c in range(size)), 2
        )

    # Module i takes data bit source[i]; modules outside the data take the appended "0".
    data_bits = 8 * codewords
    source = [data_bits] * (size * size)
    for index, module in enumerate(positions[:data_bits]):
        source[module] = index
    return _Symbol(
        size,
        tuple(empty),
        positions,
        gather=operator.itemgetter(*source),
        has_up_left=where(lambda r, c: r >= 1 and c >= 1),
        four_left=where(lambda r, c: c >= 4),
        four_up=where(lambda r, c: r >= 4),
        ten_left=where(lambda r, c: c >= 10),
        ten_up=where(lambda r, c: r >= 10),
        full=(1 << size * size) - 1,
    )


# GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1, as log and antilog tables.
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _i in range(255):
    _EXP[_i] = _value
    _LOG[_value] = _i
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


@lru_cache(maxsize=16)
def _generator_products(degree: int) -> tuple[tuple[int, ...], ...]:
    """For each byte value f, f times the Reed–Solomon generator of `degree` (its
    coefficients after the leading 1): one table lookup per data byte while dividing."""
    generator = [1]
    for i in range(degree):  # (x − α^0)(x − α^1)…
        product = [0] * (len(generator) + 1)
        for j, coefficient in enumerate(generator):
            product[j] ^= coefficient
            if coefficient:
                product[j + 1] ^= _EXP[_LOG[coefficient] + i]
        generator = product
    logs = [_LOG[c] for c in generator[1:]]
    return tuple(tuple(_EXP[_LOG[f] + g] for g in logs) if f else (0,) * degree for f in range(256))


def _error_correction(data: bytes, degree: int) -> list[int]:
    """The remainder of data·x^degree divided by the generator: the block's EC codewords."""
    products = _generator_products(degree)
    remainder = [0] * degree
    for byte in data:
        row = products[byte ^ remainder[0]]
        remainder = [a ^ b for a, b in zip([*remainder[1:], 0], row, strict=True)]
    return remainder


def _codewords(text: str) -> tuple[int, list[int]]:
    """The smallest version at level M that holds `text` in byte mode (UTF-8), and its
    final codeword sequence: data blocks, then their Reed–Solomon blocks, interleaved."""
    payload = text.encode("utf-8")
    for version in range(1, 41):
        blocks = _blocks(version)
        capacity = 8 * sum(data for _total, data in blocks)
        count_bits = 8 if version < 10 else 16
        if 4 + count_bits + 8 * len(payload) <= capacity:
            break
    else:
        raise ValueError(f"{len(payload)} bytes do not fit a QR code at level M")
    stream = (0b0100 << count_bits | len(payload)) << 8 * len(payload) | int.from_bytes(
        payload, "big"
    )
    length = 4 + count_bits + 8 * len(payload)
    terminator = min(4, capacity - length)  # up to four zero bits, then to a byte boundary
    length += terminator
    stream <<= terminator + (-length % 8)
    length += -length % 8
    data = stream.to_bytes(length // 8, "big")
    pad = capacity // 8 - len(data)
    data += (b"\xec\x11" * (pad // 2 + 1))[:pad]
    data_blocks: list[bytes] = []
    ec_blocks: list[list[int]] = []
    offset = 0
    for total, count in blocks:
        block = data[offset : offset + count]
        offset += count
        data_blocks.append(block)
        ec_blocks.append(_error_correction(block, total - count))
    words = [b[i] for i in range(max(map(len, data_blocks))) for b in data_blocks if i < len(b)]
    words += [b[i] for i in range(len(ec_blocks[0])) for b in ec_blocks]
    return version, words


def _runs(grid: int, step: int, room: int) -> int:
    """Rule 1 along one direction for one colour: 3 + (length − 5) for each run of five or
    more. `step` is 1 along rows and the width down columns; `room` marks the modules with
    four before them in that direction. A run of length L marks L − 4 run ends."""
    ends = grid & (grid >> step) & (grid >> 2 * step) & (grid >> 3 * step) & (grid >> 4 * step)
    ends &= room
    starts = ends & ~(ends >> step)
    return ends.bit_count() + 2 * starts.bit_count()


def _finder_like(dark: int, light: int, step: int, room: int) -> int:
    """Rule 3 along one direction: how many 1:1:3:1:1 patterns with four light modules on
    one side (either side) there are; `room` marks modules with ten before them."""
    found = 0
    for pattern in _FINDER_PATTERNS:
        hits = room
        for k, dark_module in enumerate(pattern):
            hits &= (dark if dark_module else light) >> (10 - k) * step
        found += hits.bit_count()
    return found


_FINDER_PATTERNS = tuple(
    tuple(ch == "1" for ch in pattern) for pattern in ("10111010000", "00001011101")
)


def _penalty(symbol: int, shape: _Symbol) -> int:
    """The mask penalty score of ISO/IEC 18004 §7.8.3 (lower is better)."""
    size = shape.size
    light = shape.full ^ symbol
    score = 0
    for step, four, ten in (
        (1, shape.four_left, shape.ten_left),
        (size, shape.four_up, shape.ten_up),
    ):
        score += _runs(symbol, step, four) + _runs(light, step, four)
        score += 40 * _finder_like(symbol, light, step, ten)
    for grid in (symbol, light):  # rule 2: 3 for each 2×2 block of one colour
        blocks = grid & (grid >> 1) & (grid >> size) & (grid >> (size + 1)) & shape.has_up_left
        score += 3 * blocks.bit_count()
    total = size * size
    dark = symbol.bit_count()
    score += 10 * (abs(20 * dark - 10 * total) // total)  # rule 4: each 5 % off half dark
    return score


def qr_rows(text: str) -> tuple[str, ...]:
    """The symbol's rows as strings of '1' (dark) and '0', without the quiet zone; the
    mask is the one with the lowest penalty score."""
    version, codewords = _codewords(text)
    shape = _symbol(version)
    size = shape.size
    bits = "".join(f"{word:08b}" for word in codewords)
    data_bits = int("".join(shape.gather(bits + "0")), 2)
    symbol = min((empty ^ data_bits for empty in shape.empty), key=lambda s: _penalty(s, shape))
    flat = format(symbol, f"0{size * size}b")
    return tuple(flat[i : i + size] for i in range(0, size * size, size))


def qr_modules(text: str) -> list[list[bool]]:
    """The symbol's dark modules, row by row (error correction M)."""
    return [[ch == "1" for ch in row] for row in qr_rows(text)]


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw the symbol with its quiet zone in the square (x, y, size), y at the bottom."""
    rows = qr_rows(text)
    count = len(rows)
    box = size / (count + 2 * QUIET_MODULES)
    # One module is one unit: every run of dark modules becomes a rectangle with small
    # integer coordinates, written straight into the page as one path (thousands of
    # path.rect() calls with float formatting cost more than encoding the symbol).
    ops = [
        f"{run.start()} {count - 1 - r} {run.end() - run.start()} 1 re"
        for r, row in enumerate(rows)
        for run in _DARK_RUN.finditer(row)
    ]
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(box, 0, 0, box, x + QUIET_MODULES * box, y + QUIET_MODULES * box)
    # The runs of a row touch their neighbours above and below exactly; rendering them as
    # one fill with no stroke leaves no seams.
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()
