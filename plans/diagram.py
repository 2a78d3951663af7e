"""The partner-model diagram (модель взаимодействия), drawn on the server as SVG.

A hub and spokes, as in the seed: the unit in the centre; around it one node per single internal
partner or per external category («Правоохранительные органы: ГИБДД, ОМВД, ПЧ-48»); every spoke
labelled with the forms of interaction of that node's activities («Мастер-классы, экскурсии,
акции»). Internal and external partners differ in colour and shape, explained in a legend; a node
with no activities at all has a dashed grey spoke.

Text is measured with the same font the PDF embeds (Liberation Serif, metric-compatible with
Times New Roman), long names are wrapped, and the layout grows until no box, label or spoke
crosses another: `Diagram.boxes` exposes every box so tests can check that geometrically.
The SVG is built with ElementTree, so every text and attribute is escaped; it is styled with
presentation attributes only (no <style> element, which WeasyPrint would print as text).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import ImageFont

from plans.table import TableLine, build_table

SVG_NS = "http://www.w3.org/2000/svg"
# «Plan Serif» is the @font-face of the print stylesheet (the embedded Liberation Serif); a
# browser falls back to Liberation Serif or the metric-compatible Times New Roman.
FONT_FAMILY = "'Plan Serif', 'Liberation Serif', 'Times New Roman', Times, serif"
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"

HUB_SIZE, NODE_SIZE, LABEL_SIZE, TITLE_SIZE, LEGEND_SIZE = 17, 14, 12.5, 20, 13
LINE_HEIGHT = 1.22
PAD = 9
HUB_WIDTH, NODE_WIDTH, LABEL_WIDTH = 250, 200, 165
GAP = 6  # the least free space between any two boxes
MARGIN = 24
MAX_ATTEMPTS = 400
# Where a spoke's label sits between the hub (0) and the node (1), and how far every other node
# is pulled in when there are many: the layout tries each and keeps the most compact.
LABEL_POSITIONS = (0.5, 0.58, 0.65, 0.72)
STAGGERS = (1.0, 0.85, 0.7)
PAGE_RATIO = 1.48  # A4 landscape inside the margins

COLOURS = {
    "internal": {"fill": "#e8f5e9", "stroke": "#2e7d32", "spoke": "#2e7d32", "rx": "16"},
    "external": {"fill": "#e3f0fb", "stroke": "#1f5fa8", "spoke": "#1f5fa8", "rx": "2"},
    "hub": {"fill": "#fff4d6", "stroke": "#b7791f"},
    "empty": "#9e9e9e",
    "label": "#3a3a3a",
}


# --- measuring text -----------------------------------------------------------------------
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
    for word in text.split():
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


# --- geometry -----------------------------------------------------------------------------
@dataclass
class Box:
    x: float  # left
    y: float  # top
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: Box, gap: float = 0) -> bool:
        return not (
            self.x + self.w + gap <= other.x
            or other.x + other.w + gap <= self.x
            or self.y + self.h + gap <= other.y
            or other.y + other.h + gap <= self.y
        )

    def grown(self, by: float) -> Box:
        return Box(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def exit_point(self, dx: float, dy: float) -> tuple[float, float]:
        """Where a ray from the centre in direction (dx, dy) leaves the box."""
        scales = []
        if dx:
            scales.append(self.w / 2 / abs(dx))
        if dy:
            scales.append(self.h / 2 / abs(dy))
        s = min(scales) if scales else 0
        return self.cx + dx * s, self.cy + dy * s

    def crosses_segment(self, p: tuple[float, float], q: tuple[float, float]) -> bool:
        """Liang–Barsky clipping: does the segment p–q pass through the box?"""
        (x0, y0), (x1, y1) = p, q
        dx, dy = x1 - x0, y1 - y0
        t0, t1 = 0.0, 1.0
        for edge_p, edge_q in [
            (-dx, x0 - self.x),
            (dx, self.x + self.w - x0),
            (-dy, y0 - self.y),
            (dy, self.y + self.h - y0),
        ]:
            if edge_p == 0:
                if edge_q < 0:
                    return False
                continue
            t = edge_q / edge_p
            if edge_p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
        return True


# --- data ---------------------------------------------------------------------------------
@dataclass
class Node:
    title: str
    internal: bool
    members: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    activity_count: int = 0

    @property
    def label(self) -> str:
        if not self.forms:
            return "" if self.activity_count else _("no activities")
        first, *rest = self.forms
        return ", ".join([first, *(lower_first(name) for name in rest)])


def lower_first(text: str) -> str:
    # Keep abbreviations («ГИБДД») as they are.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def partner_label(partner) -> str:
    return partner.short_name or partner.name


def nodes_from_lines(lines: list[TableLine]) -> list[Node]:
    """One node per internal partner and one per external category, in the table's order."""
    nodes: list[Node] = []
    groups: dict[int, Node] = {}
    for line in lines:
        if line.is_heading:
            continue
        partner = line.row.partner
        category = partner.category
        if category.is_internal:
            node = Node(title=partner_label(partner), internal=True)
            nodes.append(node)
        else:
            node = groups.get(category.pk)
            if node is None:
                node = groups[category.pk] = Node(title=category.name, internal=False)
                nodes.append(node)
            node.members.append(partner_label(partner))
        for activity in line.activities:
            node.activity_count += 1
            if activity.form is not None and activity.form.name not in node.forms:
                node.forms.append(activity.form.name)
    return nodes


# --- layout -------------------------------------------------------------------------------
@dataclass
class TextBlock:
    box: Box
    lines: list[tuple[str, float, bool]]  # text, font size, bold


@dataclass
class Placed:
    node: Node
    block: TextBlock
    label: TextBlock | None
    spoke: tuple[tuple[float, float], tuple[float, float]]


@dataclass
class Diagram:
    title: TextBlock
    hub: TextBlock
    placed: list[Placed]
    legend: list[tuple[Box, str, str]]  # swatch box, kind, text
    legend_box: Box
    width: float
    height: float

    @property
    def boxes(self) -> list[tuple[str, Box]]:
        """Every box that must not overlap another: title, hub, nodes, labels, legend."""
        found = [("title", self.title.box), ("hub", self.hub.box), ("legend", self.legend_box)]
        for placed in self.placed:
            found.append(("node", placed.block.box))
            if placed.label is not None:
                found.append(("label", placed.label.box))
        return found


def _block(parts: list[tuple[str, float, bool]], width: float, fixed: bool) -> TextBlock:
    lines: list[tuple[str, float, bool]] = []
    for text, size, bold in parts:
        lines.extend((line, size, bold) for line in wrap(text, width, size, bold))
    natural = max(text_width(t, s, b) for t, s, b in lines)
    w = (width if fixed else natural) + 2 * PAD
    h = sum(s * LINE_HEIGHT for _t, s, _b in lines) + 2 * PAD
    return TextBlock(Box(-w / 2, -h / 2, w, h), lines)


def _node_block(node: Node) -> TextBlock:
    inner = NODE_WIDTH - 2 * PAD
    if node.members:
        parts = [(f"{node.title}:", NODE_SIZE, True), (", ".join(node.members), NODE_SIZE, False)]
    else:
        parts = [(node.title, NODE_SIZE, True)]
    return _block(parts, inner, fixed=True)


def _centred(block: TextBlock, cx: float, cy: float) -> TextBlock:
    return TextBlock(Box(cx - block.box.w / 2, cy - block.box.h / 2, block.box.w, block.box.h),
                     block.lines)


def _arrange(hub, blocks, labels, scale, stagger, t):
    """Place nodes on an ellipse (every other one pulled in by `stagger`); None if crowded."""
    n = len(blocks)
    rx, ry = scale * 1.5, scale
    placed = []
    for i, (block, label) in enumerate(zip(blocks, labels, strict=True)):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        k = stagger if i % 2 else 1.0
        dx, dy = math.cos(angle), math.sin(angle)
        node = _centred(block, rx * k * dx, ry * k * dy)
        start = hub.box.exit_point(dx, dy)
        # The node's edge on the line from the centre of the hub to the centre of the node.
        ndx, ndy = node.box.cx, node.box.cy
        length = math.hypot(ndx, ndy)
        end = node.box.exit_point(-ndx / length, -ndy / length)
        placed_label = None
        if label is not None:
            lx = start[0] + (end[0] - start[0]) * t
            ly = start[1] + (end[1] - start[1]) * t
            placed_label = _centred(label, lx, ly)
        placed.append((node, placed_label, (start, end)))
    return placed


def _crowded(hub, placed) -> bool:
    boxes = [hub.box] + [node.box for node, _l, _s in placed]
    boxes += [label.box for _n, label, _s in placed if label is not None]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a.overlaps(b, GAP):
                return True
    # A spoke may pass only through its own node and label.
    for i, (_node, _label, spoke) in enumerate(placed):
        for j, (node, label, _spoke) in enumerate(placed):
            if i == j:
                continue
            if node.box.grown(GAP / 2).crosses_segment(*spoke):
                return True
            if label is not None and label.box.grown(GAP / 2).crosses_segment(*spoke):
                return True
    return False


def layout(nodes: list[Node], title: str, hub_text: str) -> Diagram:
    hub = _block([(hub_text, HUB_SIZE, True)], HUB_WIDTH - 2 * PAD, fixed=False)
    blocks = [_node_block(node) for node in nodes]
    labels = [
        _block([(node.label, LABEL_SIZE, False)], LABEL_WIDTH - 2 * PAD, fixed=False)
        if node.label else None
        for node in nodes
    ]
    best = None
    if nodes:
        staggers = STAGGERS if len(nodes) >= 8 else (1.0,)
        for stagger in staggers:
            for t in LABEL_POSITIONS:
                scale = 150.0
                for _attempt in range(MAX_ATTEMPTS):
                    placed = _arrange(hub, blocks, labels, scale, stagger, t)
                    if not _crowded(hub, placed):
                        break
                    scale *= 1.04
                else:
                    continue
                # The smaller the drawing at the page's proportions, the larger its text prints.
                width, height = _extent(hub, placed)
                size = max(width / PAGE_RATIO, height)
                if best is None or size < best[0]:
                    best = (size, placed)
    if best is None and nodes:  # pragma: no cover - the growth always ends in practice
        best = (0, _arrange(hub, blocks, labels, scale, 1.0, 0.5))
    placed = best[1] if best else []
    return _frame(hub, nodes, placed, title)


def _extent(hub, placed) -> tuple[float, float]:
    boxes = [hub.box] + [n.box for n, _l, _s in placed] + [
        label.box for _n, label, _s in placed if label is not None
    ]
    left = min(b.x for b in boxes)
    right = max(b.x + b.w for b in boxes)
    top = min(b.y for b in boxes)
    bottom = max(b.y + b.h for b in boxes)
    return right - left, bottom - top


def _frame(hub, nodes, placed, title_text) -> Diagram:
    """Move everything into a canvas with the title above and the legend below."""
    boxes = [hub.box] + [n.box for n, _l, _s in placed] + [
        label.box for _n, label, _s in placed if label is not None
    ]
    left = min(b.x for b in boxes)
    right = max(b.x + b.w for b in boxes)
    top = min(b.y for b in boxes)
    bottom = max(b.y + b.h for b in boxes)
    legend_items = [
        ("internal", _("Internal partnership")),
        ("external", _("External partnership")),
        ("empty", _("No activities planned")),
    ]
    swatch_w, swatch_h = 34, 18
    legend_w = sum(swatch_w + 8 + text_width(text, LEGEND_SIZE) + 24 for _k, text in legend_items)
    width = max(right - left, legend_w, 640) + 2 * MARGIN
    title = _block([(title_text, TITLE_SIZE, True)], width - 2 * MARGIN - 2 * PAD, fixed=False)
    title = _centred(title, width / 2, MARGIN + title.box.h / 2)
    dx = (width - (right - left)) / 2 - left
    dy = title.box.y + title.box.h + 12 - top
    hub = TextBlock(hub.box.moved(dx, dy), hub.lines)
    moved = []
    for node, (block, label, (start, end)) in zip(nodes, placed, strict=True):
        moved.append(
            Placed(
                node=node,
                block=TextBlock(block.box.moved(dx, dy), block.lines),
                label=TextBlock(label.box.moved(dx, dy), label.lines) if label else None,
                spoke=((start[0] + dx, start[1] + dy), (end[0] + dx, end[1] + dy)),
            )
        )
    legend_top = bottom + dy + 18
    legend = []
    x = (width - legend_w) / 2
    for kind, text in legend_items:
        legend.append((Box(x, legend_top, swatch_w, swatch_h), kind, text))
        x += swatch_w + 8 + text_width(text, LEGEND_SIZE) + 24
    legend_box = Box((width - legend_w) / 2, legend_top, legend_w, swatch_h)
    height = legend_top + swatch_h + MARGIN
    return Diagram(title, hub, moved, legend, legend_box, width, height)


# --- SVG ----------------------------------------------------------------------------------
def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(parent, block: TextBlock, fill: str) -> None:
    y = block.box.y + PAD
    for text, size, bold in block.lines:
        y += size * LINE_HEIGHT
        attrs = {
            "x": _fmt(block.box.cx),
            "y": _fmt(y - size * (LINE_HEIGHT - 1) - size * 0.2),
            "font-size": _fmt(size),
            "text-anchor": "middle",
            "fill": fill,
        }
        if bold:
            attrs["font-weight"] = "bold"
        ET.SubElement(parent, f"{{{SVG_NS}}}text", attrs).text = text


def _rect(parent, box: Box, **attrs) -> None:
    ET.SubElement(
        parent,
        f"{{{SVG_NS}}}rect",
        {"x": _fmt(box.x), "y": _fmt(box.y), "width": _fmt(box.w), "height": _fmt(box.h),
         **{k.replace("_", "-"): v for k, v in attrs.items()}},
    )


def render_svg(diagram: Diagram, title: str) -> str:
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
    ET.SubElement(root, f"{{{SVG_NS}}}title", {"id": "diagram-title"}).text = title
    _rect(root, Box(0, 0, diagram.width, diagram.height), fill="#ffffff")
    _text(root, diagram.title, "#111111")
    spokes = ET.SubElement(root, f"{{{SVG_NS}}}g", {"class": "spokes", "stroke-width": "2"})
    for placed in diagram.placed:
        (x1, y1), (x2, y2) = placed.spoke
        attrs = {"x1": _fmt(x1), "y1": _fmt(y1), "x2": _fmt(x2), "y2": _fmt(y2)}
        if placed.node.activity_count:
            attrs["stroke"] = COLOURS["internal" if placed.node.internal else "external"]["spoke"]
        else:
            attrs["stroke"] = COLOURS["empty"]
            attrs["stroke-dasharray"] = "6 5"
        ET.SubElement(spokes, f"{{{SVG_NS}}}line", attrs)
    hub = ET.SubElement(root, f"{{{SVG_NS}}}g", {"class": "hub"})
    _rect(hub, diagram.hub.box, fill=COLOURS["hub"]["fill"], stroke=COLOURS["hub"]["stroke"],
          stroke_width="2.5", rx="24")
    _text(hub, diagram.hub, "#111111")
    for placed in diagram.placed:
        kind = "internal" if placed.node.internal else "external"
        group = ET.SubElement(root, f"{{{SVG_NS}}}g", {"class": f"node node-{kind}"})
        colours = COLOURS[kind]
        _rect(group, placed.block.box, fill=colours["fill"], stroke=colours["stroke"],
              stroke_width="1.5", rx=colours["rx"])
        _text(group, placed.block, "#111111")
        if placed.label is not None:
            label = ET.SubElement(root, f"{{{SVG_NS}}}g", {"class": "spoke-label"})
            _rect(label, placed.label.box, fill="#ffffff", stroke="#d0d0d0", stroke_width="0.8",
                  rx="6")
            _text(label, placed.label, COLOURS["label"])
    legend = ET.SubElement(root, f"{{{SVG_NS}}}g", {"class": "legend"})
    for box, kind, text in diagram.legend:
        if kind == "empty":
            ET.SubElement(legend, f"{{{SVG_NS}}}line", {
                "x1": _fmt(box.x), "y1": _fmt(box.cy), "x2": _fmt(box.x + box.w),
                "y2": _fmt(box.cy), "stroke": COLOURS["empty"], "stroke-width": "2",
                "stroke-dasharray": "6 5",
            })
        else:
            _rect(legend, box, fill=COLOURS[kind]["fill"], stroke=COLOURS[kind]["stroke"],
                  stroke_width="1.5", rx="5" if kind == "internal" else "1")
        ET.SubElement(legend, f"{{{SVG_NS}}}text", {
            "x": _fmt(box.x + box.w + 8), "y": _fmt(box.cy + LEGEND_SIZE * 0.35),
            "font-size": _fmt(LEGEND_SIZE), "fill": "#111111",
        }).text = text
    return ET.tostring(root, encoding="unicode")


def diagram_title(plan) -> str:
    return _("Model of interaction of %(unit)s with social partners") % {
        "unit": plan.unit.title_genitive
    }


def build_diagram(plan, lines: list[TableLine] | None = None) -> Diagram:
    lines = build_table(plan) if lines is None else lines
    return layout(nodes_from_lines(lines), diagram_title(plan), plan.unit.name)


def plan_svg(plan, lines: list[TableLine] | None = None) -> str:
    """The plan's diagram as an SVG document fragment (no XML declaration)."""
    return render_svg(build_diagram(plan, lines), diagram_title(plan))
