"""The partner-model diagram (модель взаимодействия), drawn on the server as SVG.

A hub and spokes, as in the seed: the unit in the centre; around it one node per single internal
partner or per external category («Правоохранительные органы: ГИБДД, ОМВД, ПЧ-48»); every spoke
labelled with the forms of interaction of that node's activities («Мастер-классы, экскурсии,
акции»). Internal and external partners differ in colour and shape, explained in a legend; a node
with no activities at all has a dashed grey spoke.

The nodes are bounded (`nodes`): past a size, internal partners are grouped by category like the
external ones, a node names a few partners and counts the rest, so the drawing stays readable
and its layout and size stay constant however long the plan grows.

Text is measured with the same font the PDF embeds (Liberation Serif, metric-compatible with
Times New Roman), long names are wrapped (`text`), and the layout grows until no box, label or
spoke crosses another (`layout`, `geometry`); `drawing` writes the SVG.
"""

from plans.exports.diagram.drawing import build_diagram, diagram_title, plan_svg, render_svg
from plans.exports.diagram.geometry import Box
from plans.exports.diagram.layout import Diagram, layout
from plans.exports.diagram.nodes import MAX_NODES, Node, nodes_from_lines
from plans.exports.diagram.text import text_width, wrap

__all__ = [
    "Box",
    "MAX_NODES",
    "Diagram",
    "Node",
    "build_diagram",
    "diagram_title",
    "layout",
    "nodes_from_lines",
    "plan_svg",
    "render_svg",
    "text_width",
    "wrap",
]
