"""Line breaking for Chinese text in a fixed width: any character may end a line, except
that closing punctuation never starts one and Latin words and numbers stay whole."""

from __future__ import annotations

import re

from reportlab.pdfbase import pdfmetrics

# Punctuation that may not begin a line (attached to the character before it) ...
_NO_LINE_START = set("，。、；：？！）》」』”’…—·%,.;:?!)]}")
# ... and that may not end one (attached to the character after it).
_NO_LINE_END = set("（《「『“‘([{")
_WORD = re.compile(r"[A-Za-z0-9@#&+\-_/.]+|\s+|.", re.DOTALL)

# Per face, the advance at size 1 of every character met so far, each measured once (the
# faces have no kerning, so a string's width is the sum of its characters'). Summing over a
# string is then one C-level map instead of a loop of lookups.
_advances: dict[str, dict[str, float]] = {}


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of `text` set in `font` at `size`."""
    advances = _advances.get(font)
    if advances is None:
        advances = _advances.setdefault(font, {})
    try:
        return sum(map(advances.__getitem__, text)) * size
    except KeyError:
        for ch in set(text) - advances.keys():
            advances[ch] = pdfmetrics.stringWidth(ch, font, 1000.0) / 1000.0
        return sum(map(advances.__getitem__, text)) * size


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for piece in _WORD.findall(text):
        if tokens and (piece[0] in _NO_LINE_START or tokens[-1][-1] in _NO_LINE_END):
            tokens[-1] += piece
        else:
            tokens.append(piece)
    return tokens


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width`; explicit newlines are kept."""
    if "\n" not in text and text_width(text, font, size) <= width:
        return [text.rstrip()]  # most cells and labels: one line, measured once
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        line_width = 0.0
        for token in _tokens(paragraph):
            token_width = text_width(token, font, size)
            if line_width + token_width <= width:
                line += token
                line_width += token_width
                continue
            if token.isspace():
                lines.append(line)
                line, line_width = "", 0.0
                continue
            if line:
                lines.append(line.rstrip())
                line, line_width = "", 0.0
            if token_width <= width:
                line, line_width = token, token_width
                continue
            # A token wider than the whole line (a very long number or word): split it.
            for ch in token:
                ch_width = text_width(ch, font, size)
                if line_width + ch_width > width and line:
                    carry = ""
                    if ch in _NO_LINE_START and len(line) > 1:
                        # Take the character before along, so the punctuation never leads.
                        line, carry = line[:-1], line[-1]
                    lines.append(line)
                    line, line_width = carry, text_width(carry, font, size)
                line += ch
                line_width += ch_width
        lines.append(line.rstrip())
    return lines
