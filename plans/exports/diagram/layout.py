"""The diagram's layout on a hub and spokes (the nodes come from `nodes`).

The layout grows until no box, label or spoke crosses another: `Diagram.boxes` exposes every box
so tests can check that geometrically.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from plans.exports.diagram.geometry import Box
from plans.exports.diagram.nodes import Node
from plans.exports.diagram.text import text_width, wrap

HUB_SIZE, NODE_SIZE, LABEL_SIZE, TITLE_SIZE, LEGEND_SIZE = 17, 14, 12.5, 20, 13
LINE_HEIGHT = 1.22
PAD = 9
HUB_WIDTH, NODE_WIDTH, LABEL_WIDTH = 250, 200, 165
GAP = 6  # the least free space between any two boxes
MARGIN = 24
MAX_ATTEMPTS = 400
STRIDE = 4  # the steps the growth strides before it steps back (`first_uncrowded`)
# Where a spoke's label sits between the hub (0) and the node (1), and how far every other node
# is pulled in when there are many: the layout tries each and keeps the most compact.
LABEL_POSITIONS = (0.5, 0.58, 0.65, 0.72)
STAGGERS = (1.0, 0.85, 0.7)
PAGE_RATIO = 1.48  # A4 landscape inside the margins


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
        parts = [(f"{node.title}:", NODE_SIZE, True), (node.members_text, NODE_SIZE, False)]
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


def text_blocks(nodes: list[Node], hub_text: str):
    """The hub's, the nodes' and the spoke labels' text blocks, before they are placed."""
    hub = _block([(hub_text, HUB_SIZE, True)], HUB_WIDTH - 2 * PAD, fixed=False)
    blocks = [_node_block(node) for node in nodes]
    labels = [
        _block([(node.label, LABEL_SIZE, False)], LABEL_WIDTH - 2 * PAD, fixed=False)
        if node.label else None
        for node in nodes
    ]
    return hub, blocks, labels


def layout(nodes: list[Node], title: str, hub_text: str) -> Diagram:
    hub, blocks, labels = text_blocks(nodes, hub_text)
    best = None
    if nodes:
        staggers = STAGGERS if len(nodes) >= 8 else (1.0,)
        for stagger in staggers:
            for t in LABEL_POSITIONS:
                found = first_uncrowded(hub, blocks, labels, stagger, t,
                                         bound=best[0] if best else None)
                if found is not None:
                    best = found
    if best is None and nodes:  # pragma: no cover - the growth always ends in practice
        best = (0, _arrange(hub, blocks, labels, 150.0 * 1.04 ** MAX_ATTEMPTS, 1.0, 0.5))
    placed = best[1] if best else []
    return _frame(hub, nodes, placed, title)


def first_uncrowded(hub, blocks, labels, stagger, t, bound):
    """The drawing grown from a small scale, 4 % a step, until nothing is crowded: (size,
    placed), or None if it is not smaller than `bound`. The size only grows with the scale, so
    the growth stops as soon as it reaches the bound (a drawing already as large cannot be the
    smallest). It strides STRIDE steps at a time, then steps back one at a time from the last
    crowded one: the same drawing in a third of the tries where crowding only grows with the
    scale, and never a crowded one."""

    def at(step: int):
        placed = _arrange(hub, blocks, labels, 150.0 * 1.04**step, stagger, t)
        # The smaller the drawing at the page's proportions, the larger its text prints.
        width, height = _extent(hub, placed)
        return max(width / PAGE_RATIO, height), placed

    crowded, tried = -1, 0  # the last step found crowded; the step tried
    while tried < MAX_ATTEMPTS:
        size, placed = at(tried)
        if (bound is not None and size >= bound) or not _crowded(hub, placed):
            break
        crowded, tried = tried, tried + STRIDE
    for step in range(crowded + 1, min(tried + 1, MAX_ATTEMPTS)):
        size, placed = at(step)
        if bound is not None and size >= bound:
            return None
        if not _crowded(hub, placed):
            return size, placed
    return None


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
