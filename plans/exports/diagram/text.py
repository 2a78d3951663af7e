"""Measuring and wrapping text with the font the PDF embeds (Liberation Serif)."""

import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from PIL import ImageFont

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
# Lines break at white space, but never at a no-break space («и ещё 17 партнёров» stays whole).
BREAKS = re.compile(r"[^\S\xa0]+")


@lru_cache(maxsize=8)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), 100)


def text_width(text: str, size: float, bold: bool = False) -> float:
    return _font(bold).getlength(text) * size / 100


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width`; a word longer than the width is cut where it must be."""
    lines: list[str] = []
    current = ""
    words = []
    for word in filter(None, BREAKS.split(text)):
        # A long hyphenated word («Организационно-педагогический») may break after a hyphen.
        if text_width(word, size, bold) > width and "-" in word.strip("-"):
            head, _sep, tail = word.partition("-")
            words.extend([(f"{head}-", " "), (tail, "")] if head and tail else [(word, " ")])
        else:
            words.append((word, " "))
    for word, glue in words:
        candidate = f"{current}{glue}{word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size, bold) > width:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], size, bold) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines or [""]

