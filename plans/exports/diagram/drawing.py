"""The laid-out diagram as SVG, built with ElementTree (so every text and attribute is escaped)
and styled with presentation attributes only (no <style> element, which WeasyPrint would print
as text)."""

import xml.etree.ElementTree as ET
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _

from plans.exports.diagram.geometry import Box
from plans.exports.diagram.layout import (
    LEGEND_SIZE,
    LINE_HEIGHT,
    PAD,
    Diagram,
    TextBlock,
    layout,
)
from plans.exports.diagram.nodes import Node, nodes_from_lines
from plans.table import TableLine, build_table

SVG_NS = "http://www.w3.org/2000/svg"
# «Plan Serif» is the @font-face of the print stylesheet (the embedded Liberation Serif); a
# browser falls back to Liberation Serif or the metric-compatible Times New Roman.
FONT_FAMILY = "'Plan Serif', 'Liberation Serif', 'Times New Roman', Times, serif"

COLOURS = {
    "internal": {"fill": "#e8f5e9", "stroke": "#2e7d32", "spoke": "#2e7d32", "rx": "16"},
    "external": {"fill": "#e3f0fb", "stroke": "#1f5fa8", "spoke": "#1f5fa8", "rx": "2"},
    "hub": {"fill": "#fff4d6", "stroke": "#b7791f"},
    "empty": "#9e9e9e",
    "label": "#3a3a3a",
}
TEXT = "#111111"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def baselines(block: TextBlock):
    """Each line of a text block with its baseline: (text, size, bold, baseline), the one rule
    of where a line stands, for the SVG's text and the printed labels (`printed`). A line's em
    box starts where the previous line's ends (LINE_HEIGHT apart); the baseline is 0.8 of the
    size below that."""
    top = block.box.y + PAD
    for text, size, bold in block.lines:
        yield text, size, bold, top + size * 0.8
        top += size * LINE_HEIGHT


class SvgText:
    """The diagram's text as the SVG's own <text> elements (the SVG file, the diagram page).
    The printed plan writes it otherwise (`printed`); both take the same blocks and lines."""

    def block(self, parent, block: TextBlock, fill: str) -> None:
        """A centred block of lines."""
        for text, size, bold, baseline in baselines(block):
            attrs = {
                "x": _fmt(block.box.cx),
                "y": _fmt(baseline),
                "font-size": _fmt(size),
                "text-anchor": "middle",
                "fill": fill,
            }
            if bold:
                attrs["font-weight"] = "bold"
            ET.SubElement(parent, f"{{{SVG_NS}}}text", attrs).text = text

    def line(self, parent, x: float, baseline: float, size: float, text: str) -> None:
        """One line starting at `x` (the legend's)."""
        _element(parent, "text", {"x": _fmt(x), "y": _fmt(baseline), "font-size": _fmt(size),
                                  "fill": TEXT}, text)


def _rect(parent, box: Box, **attrs) -> None:
    ET.SubElement(
        parent,
        f"{{{SVG_NS}}}rect",
        {"x": _fmt(box.x), "y": _fmt(box.y), "width": _fmt(box.w), "height": _fmt(box.h),
         **{k.replace("_", "-"): v for k, v in attrs.items()}},
    )


def _element(parent, tag: str, attrs: dict, text: str | None = None):
    element = ET.SubElement(parent, f"{{{SVG_NS}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _spokes(root, diagram: Diagram) -> None:
    spokes = _element(root, "g", {"class": "spokes", "stroke-width": "2"})
    for placed in diagram.placed:
        (x1, y1), (x2, y2) = placed.spoke
        attrs = {"x1": _fmt(x1), "y1": _fmt(y1), "x2": _fmt(x2), "y2": _fmt(y2)}
        if placed.node.activity_count:
            attrs["stroke"] = COLOURS["internal" if placed.node.internal else "external"]["spoke"]
        else:
            attrs["stroke"] = COLOURS["empty"]
            attrs["stroke-dasharray"] = "6 5"
        _element(spokes, "line", attrs)


def _nodes(root, diagram: Diagram, texts) -> None:
    hub = _element(root, "g", {"class": "hub"})
    _rect(hub, diagram.hub.box, fill=COLOURS["hub"]["fill"], stroke=COLOURS["hub"]["stroke"],
          stroke_width="2.5", rx="24")
    texts.block(hub, diagram.hub, TEXT)
    for placed in diagram.placed:
        kind = "internal" if placed.node.internal else "external"
        group = _element(root, "g", {"class": f"node node-{kind}"})
        colours = COLOURS[kind]
        _rect(group, placed.block.box, fill=colours["fill"], stroke=colours["stroke"],
              stroke_width="1.5", rx=colours["rx"])
        texts.block(group, placed.block, TEXT)
        if placed.label is not None:
            label = _element(root, "g", {"class": "spoke-label"})
            _rect(label, placed.label.box, fill="#ffffff", stroke="#d0d0d0", stroke_width="0.8",
                  rx="6")
            texts.block(label, placed.label, COLOURS["label"])


def _legend(root, diagram: Diagram, texts) -> None:
    legend = _element(root, "g", {"class": "legend"})
    for box, kind, text in diagram.legend:
        if kind == "empty":
            _element(legend, "line", {
                "x1": _fmt(box.x), "y1": _fmt(box.cy), "x2": _fmt(box.x + box.w),
                "y2": _fmt(box.cy), "stroke": COLOURS["empty"], "stroke-width": "2",
                "stroke-dasharray": "6 5",
            })
        else:
            _rect(legend, box, fill=COLOURS[kind]["fill"], stroke=COLOURS[kind]["stroke"],
                  stroke_width="1.5", rx="5" if kind == "internal" else "1")
        texts.line(legend, box.x + box.w + 8, box.cy + LEGEND_SIZE * 0.35, LEGEND_SIZE, text)


def render_svg(diagram: Diagram, title: str, texts=None) -> str:
    """The diagram as SVG; its text written by `texts` (by default the SVG's own <text>)."""
    texts = SvgText() if texts is None else texts
    ET.register_namespace("", SVG_NS)
    root = ET.Element(
        f"{{{SVG_NS}}}svg",
        {
            "version": "1.1",
            "viewBox": f"0 0 {_fmt(diagram.width)} {_fmt(diagram.height)}",
            "width": _fmt(diagram.width),
            "height": _fmt(diagram.height),
            "role": "img",
            "aria-labelledby": "diagram-title",
            "font-family": FONT_FAMILY,
        },
    )
    _element(root, "title", {"id": "diagram-title"}, title)
    _rect(root, Box(0, 0, diagram.width, diagram.height), fill="#ffffff")
    texts.block(root, diagram.title, TEXT)
    _spokes(root, diagram)
    _nodes(root, diagram, texts)
    _legend(root, diagram, texts)
    return ET.tostring(root, encoding="unicode")


def diagram_title(plan) -> str:
    return _("Model of interaction of %(unit)s with social partners") % {
        "unit": plan.unit.title_genitive
    }


def build_diagram(plan, lines: list[TableLine] | None = None) -> Diagram:
    lines = build_table(plan) if lines is None else lines
    return layout(nodes_from_lines(lines), diagram_title(plan), plan.unit.name)


def _key(plan, lines: list[TableLine] | None) -> tuple:
    """What a plan's drawing depends on: its nodes, title, centre and language."""
    lines = build_table(plan) if lines is None else lines
    nodes = tuple(
        (n.title, n.internal, tuple(n.members), tuple(n.forms), n.activity_count)
        for n in nodes_from_lines(lines)
    )
    return nodes, diagram_title(plan), plan.unit.name, translation.get_language()


def plan_diagram(plan, lines: list[TableLine] | None = None) -> Diagram:
    """The plan's diagram laid out (once per process for the same drawing, see `_laid_out`)."""
    return _laid_out(*_key(plan, lines))


def plan_svg(plan, lines: list[TableLine] | None = None) -> str:
    """The plan's diagram as an SVG document fragment (no XML declaration)."""
    return _drawn(*_key(plan, lines))


@lru_cache(maxsize=256)
def _laid_out(nodes: tuple, title: str, hub_text: str, language: str | None) -> Diagram:
    """Laying out takes a fraction of a second: a drawing is laid out once per process for the
    same nodes, title, centre and language (the PDF's cache key needs the HTML, diagram
    included). The language is part of the key: the legend is translated."""
    found = [
        Node(title=t, internal=i, members=list(m), forms=list(f), activity_count=c)
        for t, i, m, f, c in nodes
    ]
    return layout(found, title, hub_text)


@lru_cache(maxsize=256)
def _drawn(nodes: tuple, title: str, hub_text: str, language: str | None) -> str:
    return render_svg(_laid_out(nodes, title, hub_text, language), title)
