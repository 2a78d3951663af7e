"""A printed plan in parts: the head and the table cut into pieces of a bounded number of
lines, and the diagram page, each part a document of its own.

A long plan laid out in one go holds every page in memory (739 MB at 2,000 rows) on one core.
In parts, each part is laid out alone (on several processes where there are cores, see
`pool`), and the parts are merged and numbered across (see `numbering`). A piece ends where a
group of lines ends (a category heading stays with the row after it) and repeats the table's
header; the first part holds the approval block and the title, the diagram page is a part of
its own (also of a short plan, where there are several processes: it is laid out beside the
table; a short plan printed alone is cut in two beside it, see `short_cut`). A piece starts on a
new page, so each cut is made where the whole document would start a page, as predicted by
`pagination`: the parts then print as the whole does, or where the prediction misses, the page
before a cut ends a group early.

Settings: PDF_PART_LINES, the printed lines of a piece (its memory); PDF_SPLIT_LINES, from how
many printed lines a plan is cut for several processes (below it, one document as before).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string

from plans.exports import pagination, pool
from plans.exports.document import PlanDocument
from plans.exports.fetcher import logo_uri
from plans.table import TableLine

PLAN_TEMPLATE = "plans/exports/print/plan.html"
# A short plan's table is cut in two beside its diagram from this many predicted pages. The
# diagram page costs about as much to lay out as DIAGRAM_PAGES pages of the table (25 rows,
# one process, each cut timed: about 0.06 s a page of the table, 0.085 s the diagram page,
# its text printed as HTML over the shapes).
SHORT_SPLIT_PAGES = 3
DIAGRAM_PAGES = 1.5
Group = list[TableLine]


def part_lines() -> int:
    return max(1, int(getattr(settings, "PDF_PART_LINES", 400)))


def split_lines() -> int:
    return int(getattr(settings, "PDF_SPLIT_LINES", 150))


def group_lines(group: Group) -> int:
    return sum(1 if line.is_heading else line.span for line in group)


@dataclass
class Part:
    """What one document of a printed plan shows."""

    groups: list[Group] = field(default_factory=list)
    head: bool = False
    table: bool = False
    diagram: bool = False


def pieces(groups: list[Group], count: int, starts: list[int]) -> list[list[Group]]:
    """The groups cut into at most `count` runs of about equal printed lines, in order, each
    cut at the predicted page start (`starts`, see `pagination`) nearest to where the lines
    would cut it."""
    total = sum(group_lines(g) for g in groups)
    size = total / max(1, count)
    targets, done = [], 0
    for index, group in enumerate(groups):
        if done >= size * (len(targets) + 1) and len(targets) < count - 1:
            targets.append(index)
        done += group_lines(group)
    cuts: list[int] = []
    for target in targets:
        later = [s for s in starts if s > (cuts[-1] if cuts else 0)]
        if later:
            cuts.append(min(later, key=lambda s: abs(s - target)))
    bounds = [0, *sorted(set(cuts)), len(groups)]
    return [groups[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def short_cut(starts: list[int]) -> int | None:
    """Where to cut a short plan's table in two, the diagram page after the second piece: at
    the predicted page start that evens out the two processes' work (the first piece's pages
    against the second's and the diagram's), or None for a table too short to be worth it."""
    pages = len(starts)
    if pages < SHORT_SPLIT_PAGES:
        return None
    best = min(range(1, pages), key=lambda i: max(i, pages - i + DIAGRAM_PAGES))
    return starts[best]


def piece_count(lines: int) -> int:
    """How many pieces the table is cut into: its memory bound, and one per process when
    the plan is long enough to be worth it."""
    count = math.ceil(lines / part_lines())
    if lines >= split_lines():
        count = max(count, pool.processes())
    return max(1, count)


def plan_parts(doc: PlanDocument, *, alone: bool = True) -> list[Part]:
    """The parts of a plan in order; one part (the whole plan) when it is not worth cutting.
    A plan printed `alone` on several processes is cut even when short: its table in two beside
    the diagram page (in a consolidated PDF the other plans keep the processes busy)."""
    groups = doc.groups
    lines = sum(group_lines(g) for g in groups)
    count = piece_count(lines)
    # Where there are processes, the diagram page (its own page in any case) is laid out
    # beside the table, even of a short plan: it costs about as much as a short table.
    diagram_apart = doc.with_diagram and pool.processes() > 1
    if count == 1:
        cut = short_cut(pagination.page_starts(doc)) if alone and diagram_apart else None
        if cut is not None:
            # The diagram page ends the second piece: one document less to set up (its
            # stylesheets and fonts, about 0.035 s) on the process that has the most to do.
            return [Part(groups[:cut], head=True, table=True),
                    Part(groups[cut:], table=True, diagram=True)]
        if diagram_apart:
            return [Part(groups, head=True, table=True), Part(diagram=True)]
        return [Part(groups, head=True, table=True, diagram=True)]
    parts = [Part(run, table=True) for run in pieces(groups, count, pagination.page_starts(doc))]
    parts[0].head = True
    if diagram_apart:
        parts.append(Part(diagram=True))
    else:
        parts[-1].diagram = True
    return parts


def plan_html(doc: PlanDocument, part: Part, *, numbered: bool, logo: str | None = None) -> str:
    """One part of a printed plan as a document (`numbered`: with its own page numbers)."""
    if logo is None:
        logo = logo_uri(doc.institution)
    context = {"doc": doc, "part": part, "numbered": numbered, "logo": logo}
    return render_to_string(PLAN_TEMPLATE, context)


def plan_htmls(doc: PlanDocument, *, alone: bool = True) -> list[str]:
    """The HTML of each part of the plan: one numbered document when it is printed whole and
    `alone`, else unnumbered parts (numbered once merged)."""
    parts = plan_parts(doc, alone=alone)
    logo = logo_uri(doc.institution)
    numbered = alone and len(parts) == 1
    return [plan_html(doc, part, numbered=numbered, logo=logo) for part in parts]
