"""Where the printed plan's table breaks into pages, predicted without laying it out.

A plan's PDF is laid out in parts on several processes (`parts`), and each part starts on a new
page. Cut where the whole document would start a page anyway, the parts print as the whole
does; cut elsewhere, the page before a cut ends short. So the cuts are made at predicted page
starts: each line group's height is estimated from the printed table's sizes (`print.css`: font,
line height, paddings, borders, column widths and the page, restated below and checked against
the stylesheet by a test) and the PDF's own font metrics (`diagram.text`), and the groups are
filled into pages as WeasyPrint does (a group is never split: `break-inside: avoid`).

The estimate wraps at spaces, without hyphenation, so it errs tall: where it misses, the page it
predicts ends one group early, a page a little short, as keeping a partner's rows together leaves
them anyway.
"""

from __future__ import annotations

import math
from functools import lru_cache

from plans.exports.diagram.text import BREAKS, text_width, wrap
from plans.exports.document import PlanDocument
from plans.table import TableLine

MM_PER_PT = 25.4 / 72
PAGE_MM = (297 - 25 - 12, 210 - 18 - 16)  # A4 landscape inside the page's margins
TABLE_FONT_PT, TABLE_LINE = 10.5, 1.15  # .plan-table font-size, line-height
CELL_PADDING_MM = (1.2, 1.5)  # vertical, horizontal
BORDER_PT = 0.6
COLUMNS_MM = {"num": 14, "partner": 44, "char": 70, "period": 38}  # .c-*; forms: the rest
HEAD = {  # the first page's head: the draft mark or the approval block, then the title
    "draft_pt": 18, "draft_padding_mm": 2, "draft_border_pt": 1.5, "float_margin_mm": 6,
    "approval_pt": 12, "approval_line": 1.25, "approval_width_mm": 95, "signature_mm": 4,
    "title_pt": 14, "title_line": 1.2, "title_margins_mm": (4, 5, 15),  # top, bottom, sides
}


def _columns() -> dict[str, float]:
    widths = dict(COLUMNS_MM)
    widths["forms"] = PAGE_MM[0] - sum(COLUMNS_MM.values())
    widths["heading"] = PAGE_MM[0] - COLUMNS_MM["num"]  # a heading's cell spans four columns
    return widths


class TableModel:
    """The printed table's sizes in mm, and how tall its cells and groups print."""

    def __init__(self):
        self.font = TABLE_FONT_PT * MM_PER_PT
        self.line = TABLE_LINE * self.font
        self.border = BORDER_PT * MM_PER_PT
        inset = 2 * CELL_PADDING_MM[1] + self.border
        self.inner = {name: width - inset for name, width in _columns().items()}

    def lines(self, text: str, column: str, bold: bool = False) -> int:
        width = self.inner[column] / self.font  # in em: a word's width is kept per word
        return max(1, sum(_wrapped_lines(part, width, bold) for part in (text or "").split("\n")))

    def cell(self, lines: int) -> float:
        return lines * self.line + 2 * CELL_PADDING_MM[0] + self.border

    def line_height(self, line: TableLine) -> float:
        if line.is_heading:
            return self.cell(self.lines(line.category.heading, "heading", bold=True))
        activities = sum(
            max(sum(self.cell(self.lines(a.title, "forms")) for a in group.activities),
                self.cell(self.lines(group.text, "period")))
            for group in line.period_groups
        ) or self.cell(1)
        return max(activities, self.cell(self.lines(line.row.partner.name, "partner")),
                   self.cell(self.lines(line.row.characteristic, "char")))

    def group_height(self, group: list[TableLine]) -> float:
        return sum(self.line_height(line) for line in group)

    def header_height(self) -> float:
        """The repeated header row (one line) and the closing border."""
        return self.cell(1) + self.border


@lru_cache(maxsize=65536)
def _em(word: str, bold: bool) -> float:
    """A word's width in em (the text's own font, kerned within the word)."""
    return text_width(word, 1.0, bold)


def _wrapped_lines(text: str, width: float, bold: bool) -> int:
    """How many lines `text` takes in `width` em, wrapped at spaces as `diagram.text.wrap`
    wraps (a long hyphenated word may break after its hyphen; a longer word is cut), the words
    measured one by one: the plan's words repeat, and a cell is not measured anew as it grows."""
    space = _em(" ", bold)
    lines, used = 1, None
    for word in filter(None, BREAKS.split(text)):
        pieces = [word]
        if _em(word, bold) > width and "-" in word.strip("-"):
            head, _sep, tail = word.partition("-")
            pieces = [f"{head}-", tail] if head and tail else [word]
        for index, piece in enumerate(pieces):
            size = _em(piece, bold)
            glue = space if used is not None and index == 0 else 0.0
            if used is not None and used + glue + size <= width:
                used += glue + size
                continue
            if used is not None:
                lines += 1
            cuts = max(0, math.ceil(size / width) - 1)  # a word wider than the line is cut
            lines += cuts
            used = size - cuts * width
    return lines


def head_height(doc: PlanDocument) -> float:
    """The first page's head above the table: the draft mark or the approval block (floated,
    with its margin), then the title (cleared below it, centred between side margins)."""
    h = HEAD
    if doc.approval:
        size = h["approval_pt"] * MM_PER_PT
        position = len(wrap(doc.approval.position, h["approval_width_mm"], size))
        lines = 4 + position + (1 if doc.approval.order else 0)
        float_height = lines * size * h["approval_line"] + h["signature_mm"]
    else:
        size = h["draft_pt"] * MM_PER_PT
        float_height = (size * 1.2 + 2 * h["draft_padding_mm"]
                        + 2 * h["draft_border_pt"] * MM_PER_PT)
    top, bottom, sides = h["title_margins_mm"]
    size = h["title_pt"] * MM_PER_PT
    title = len(wrap(doc.title, PAGE_MM[0] - 2 * sides, size, bold=True))
    return float_height + h["float_margin_mm"] + top + title * size * h["title_line"] + bottom


def page_starts(doc: PlanDocument, groups: list[list[TableLine]] | None = None) -> list[int]:
    """The index of the group that starts each page of the printed table (the first is 0)."""
    groups = doc.groups if groups is None else groups
    model = TableModel()
    header = model.header_height()
    starts = [0]
    used = head_height(doc) + header
    for index, group in enumerate(groups):
        height = model.group_height(group)
        if used + height > PAGE_MM[1] and index != starts[-1]:
            starts.append(index)
            used = header
        used += height
    return starts
