"""The execution charts, drawn by pygal as SVG: the same SVG in the page and in the PDF.

Pages show a chart as ``<img src="data:image/svg+xml;base64,…">`` (see :func:`data_uri`): an
image runs no script and its inner styles do not meet the page's CSP. pygal's own JavaScript is
never referenced (``js=[]``), so the SVG fetches nothing.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    font_family="DejaVu Sans, sans-serif",
    colors=("#adb5bd", "#1b6e3a", "#b02a37", "#0d4f8b", "#6f42c1"),
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=15,
    value_font_size=12,
)


_LEVEL_STYLE = Style(**{**_STYLE.__dict__, "colors": ("#0d4f8b",)})


def whole_ticks(top: int, most: int = 8) -> list[int]:
    """Axis ticks for counts: whole numbers only, at most about ``most`` of them."""
    step = max(1, -(-top // most))
    return list(range(0, max(top, 1) + step, step))


def _config(**kwargs) -> dict:
    return {
        "style": _STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "width": 760,
        "height": 340,
        "legend_at_bottom": True,
        "print_values": True,
        "print_zeroes": False,
        "show_y_guides": True,
        "explicit_size": True,
        **kwargs,
    }


def planned_held_by_month(
    months: Sequence[str], planned: Sequence[int], held: Sequence[int], overdue: Sequence[int]
) -> str:
    """Bars of planned, held and overdue occurrences for each month label, as SVG text."""
    top = max([*planned, *held, *overdue, 0])
    chart = pygal.Bar(
        **_config(
            title=_("Planned and held by month"), x_label_rotation=0, y_labels=whole_ticks(top)
        )
    )
    chart.x_labels = list(months)
    chart.add(_("Planned"), list(planned))
    chart.add(_("Held"), list(held))
    chart.add(_("Overdue"), list(overdue))
    return _stable(chart.render(is_unicode=True))


def achievements_by_level(levels: Sequence[str], counts: Sequence[int]) -> str:
    """Horizontal bars: how many achievements at each level, as SVG text."""
    chart = pygal.HorizontalBar(
        **_config(
            title=_("Achievements by level"),
            show_legend=False,
            height=280,
            style=_LEVEL_STYLE,
            y_labels=whole_ticks(max(counts, default=0)),
        )
    )
    chart.x_labels = list(levels)
    chart.add(_("Achievements"), list(counts))
    return _stable(chart.render(is_unicode=True))


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _stable(svg: str) -> str:
    """The SVG without pygal's config script, and with an id from its content instead of a
    random one: the same data draws the same bytes (the PDF cache keys on them)."""
    svg = _SCRIPT.sub("", svg)
    match = re.search(r'id="chart-([0-9a-f-]{36})"', svg)
    if match:
        digest = hashlib.sha256(svg.replace(match.group(1), "").encode()).hexdigest()[:12]
        svg = svg.replace(match.group(1), digest)
    return svg


def data_uri(svg: str) -> str:
    """The SVG as a data URI for an ``<img>`` (in the page, and in the PDF through WeasyPrint)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
