"""The diagram's nodes from the plan's table, bounded so the drawing stays readable at any size.

A small plan gets one node per internal partner and one per external category, as the seeds draw
it. Past `MAX_NODES` internal partners are grouped by category too, and past that again the last
groups fold into one «Other partners» node. A node names at most `MAX_MEMBERS` partners and a
spoke at most `MAX_FORMS` forms; the rest are counted («и ещё 17 партнёров»). So the number of
nodes and the length of every text are bounded whatever the number of rows, and so are the
layout's time and the SVG's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plans.table import TableLine

MAX_NODES = 14  # the demo plan has 12, the seeds about as many
MAX_MEMBERS = 4  # a node lists up to 4 partners; with more, the first 3 and a count
MAX_FORMS = 5  # a spoke lists up to 5 forms; with more, the first 4 and a count


@dataclass
class Node:
    title: str
    internal: bool
    members: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    activity_count: int = 0

    @property
    def label(self) -> str:
        """The spoke's label: the forms of interaction, or «нет мероприятий»."""
        if not self.forms:
            return "" if self.activity_count else _("no activities")
        shown, rest = _first(self.forms, MAX_FORMS)
        first, *others = shown
        text = ", ".join([first, *(lower_first(name) for name in others)])
        if rest:
            more = ngettext("and %(count)s more form", "and %(count)s more forms", rest)
            text += " " + unbroken(more % {"count": rest})
        return text

    @property
    def members_text(self) -> str:
        """The partners a group node names: a few of them, and how many more."""
        shown, rest = _first(self.members, MAX_MEMBERS)
        text = ", ".join(shown)
        if rest:
            text += " " + more_partners(rest)
        return text


def more_partners(count: int) -> str:
    more = ngettext("and %(count)s more partner", "and %(count)s more partners", count)
    return unbroken(more % {"count": count})


def unbroken(text: str) -> str:
    """«и ещё 17 партнёров» on one line: its spaces made no-break spaces."""
    return text.replace(" ", "\N{NO-BREAK SPACE}")


def _first(names: list[str], limit: int) -> tuple[list[str], int]:
    """All names if they fit the limit; else one fewer than the limit, and the number left."""
    if len(names) <= limit:
        return names, 0
    return names[: limit - 1], len(names) - (limit - 1)


def lower_first(text: str) -> str:
    # Keep abbreviations («ГИБДД») as they are.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def partner_label(partner) -> str:
    return partner.short_name or partner.name


def nodes_from_lines(lines: list[TableLine]) -> list[Node]:
    """The nodes in the table's order: one per internal partner and one per external category,
    or, past `MAX_NODES`, one per category, the last ones folded into «Other partners»."""
    nodes = _collect(lines, group_internal=False)
    if nodes is not None:
        return nodes
    nodes = [_single(node) for node in _collect(lines, group_internal=True)]
    if len(nodes) <= MAX_NODES:
        return nodes
    return [*nodes[: MAX_NODES - 1], _folded(nodes[MAX_NODES - 1:])]


def _collect(lines: list[TableLine], group_internal: bool) -> list[Node] | None:
    """Nodes by category (and by internal partner unless `group_internal`); None as soon as the
    partners alone would make more than `MAX_NODES`. One pass, whatever the number of rows."""
    nodes: dict[tuple, Node] = {}
    seen: set[tuple] = set()  # (node key, member name)
    for line in lines:
        if line.is_heading:
            continue
        partner = line.row.partner
        category = partner.category
        by_category = group_internal or not category.is_internal
        key = ("category", category.pk) if by_category else ("partner", partner.pk)
        node = nodes.get(key)
        if node is None:
            if not group_internal and len(nodes) == MAX_NODES:
                return None
            title = category.name if by_category else partner_label(partner)
            node = nodes[key] = Node(title=title, internal=category.is_internal)
        name = partner_label(partner)
        if by_category and (key, name) not in seen:
            seen.add((key, name))
            node.members.append(name)
        _add_activities(node, line.activities)
    return list(nodes.values())


def _add_activities(node: Node, activities) -> None:
    for activity in activities:
        node.activity_count += 1
        if activity.form is not None and activity.form.name not in node.forms:
            node.forms.append(activity.form.name)


def _single(node: Node) -> Node:
    """An internal category with one partner is drawn as that partner, as when ungrouped."""
    if not node.internal or len(node.members) != 1:
        return node
    return Node(node.members[0], True, [], node.forms, node.activity_count)


def _folded(nodes: list[Node]) -> Node:
    folded = Node(title=_("Other partners"), internal=all(node.internal for node in nodes))
    for node in nodes:
        for name in node.members or [node.title]:
            if name not in folded.members:
                folded.members.append(name)
        folded.forms.extend(form for form in node.forms if form not in folded.forms)
        folded.activity_count += node.activity_count
    return folded
