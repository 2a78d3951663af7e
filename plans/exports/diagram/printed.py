"""The diagram as the printed plan (PDF) shows it: the SVG's shapes, and its text as HTML
lines laid over them, each where the SVG's <text> would stand.

Why not the SVG's own text: WeasyPrint draws SVG text a letter at a time, a text layout for each
letter. The 25-row plan's diagram has 2,100 letters; they took 0.22 s of its page's 0.26 s, as
long as laying out a page of the table. As HTML, a line is laid out once, and the PDF holds it
as text that can be searched and copied.

The frame is fixed here in millimetres (the page's width inside print.css's margins), so the
scale, the labels' places and their sizes are known before WeasyPrint sees the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from plans.exports.diagram.drawing import TEXT, baselines, diagram_title, plan_diagram, render_svg
from plans.exports.diagram.layout import LINE_HEIGHT, TextBlock
from plans.table import TableLine

# Where the diagram may stand: A4 landscape less print.css's page margins (297 − 25 − 12 mm
# wide, 210 − 18 − 16 mm high, less a little air).
FRAME_MM = (260.0, 172.0)
# Where a line's baseline lies below its top with `line-height: LINE_HEIGHT`, in em: Liberation
# Serif's ascent (0.891) and half of what the line leaves free above and below its ascent and
# descent (0.216).
ASCENT = 0.891 + (LINE_HEIGHT - 0.891 - 0.216) / 2


def _mm(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "mm"


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool


@dataclass(frozen=True)
class Label:
    """Lines of the diagram's text of one size, one under the other, placed in millimetres
    over the drawing: a box's, a spoke's or the title's text, or a legend entry."""

    lines: tuple[Line, ...]
    centred: bool
    style: str  # its place, size and colour (print only: WeasyPrint has no CSP to obey)


@dataclass(frozen=True)
class PrintedDiagram:
    svg: str  # the shapes, no text
    style: str  # the drawing's size
    labels: tuple[Label, ...]


class _Labels:
    """Collects the text `render_svg` would write into the SVG, as labels (see drawing.SvgText
    for the same two calls)."""

    def __init__(self, scale: float):
        self.scale = scale
        self.found: list[Label] = []

    def _add(self, lines, *, left, width, baseline, size, fill) -> None:
        """`lines` (text, bold) of one `size`, the first on `baseline`."""
        s = self.scale
        place = [f"left: {_mm(left * s)}", f"top: {_mm((baseline - size * ASCENT) * s)}"]
        if width is not None:
            place.append(f"width: {_mm(width * s)}")
        place += [f"font-size: {_mm(size * s)}", f"line-height: {LINE_HEIGHT}", f"color: {fill}"]
        self.found.append(Label(tuple(Line(text, bold) for text, bold in lines),
                                width is not None, "; ".join(place)))

    def block(self, parent, block: TextBlock, fill: str) -> None:
        """The block's lines, a label for each run of one size (LINE_HEIGHT apart, as in the
        SVG, see drawing.baselines)."""
        for size, run in groupby(baselines(block), key=lambda line: line[1]):
            run = list(run)
            self._add([(text, bold) for text, _size, bold, _baseline in run], left=block.box.x,
                      width=block.box.w, baseline=run[0][3], size=size, fill=fill)

    def line(self, parent, x: float, baseline: float, size: float, text: str) -> None:
        self._add([(text, False)], left=x, width=None, baseline=baseline, size=size, fill=TEXT)


def printed_diagram(plan, lines: list[TableLine] | None = None) -> PrintedDiagram:
    diagram = plan_diagram(plan, lines)
    scale = min(FRAME_MM[0] / diagram.width, FRAME_MM[1] / diagram.height)  # mm a unit
    labels = _Labels(scale)
    svg = render_svg(diagram, diagram_title(plan), labels)
    size = f"width: {_mm(diagram.width * scale)}; height: {_mm(diagram.height * scale)}"
    return PrintedDiagram(svg, size, tuple(labels.found))
