"""The partner-model diagram stays bounded as plans grow: past a size, partners are grouped by
category, a node names a few of them and counts the rest, so the drawing's nodes, texts and size
are the same at 200 rows as at 2,000."""

import pytest
from django.utils import translation

from partners.models import Tier
from plans.exports.diagram import (
    MAX_NODES,
    Node,
    build_diagram,
    nodes_from_lines,
    plan_svg,
    wrap,
)
from plans.exports.diagram.nodes import MAX_FORMS, MAX_MEMBERS
from plans.synth import Spec, build
from plans.table import build_table
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    InteractionFormFactory,
    PartnerFactory,
    PlanRowFactory,
)
from tests.print_support import seed_plans
from tests.test_print_diagram import assert_no_overlaps, svg_texts


@pytest.fixture(autouse=True)
def russian():
    with translation.override("ru"):
        yield


def names(count: int) -> list[str]:
    return [f"Школа № {i}" for i in range(1, count + 1)]


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (MAX_MEMBERS, "Школа № 1, Школа № 2, Школа № 3, Школа № 4"),
        (5, "Школа № 1, Школа № 2, Школа № 3 и ещё 2 партнёра"),
        (8, "Школа № 1, Школа № 2, Школа № 3 и ещё 5 партнёров"),
        (24, "Школа № 1, Школа № 2, Школа № 3 и ещё 21 партнёр"),
        (15, "Школа № 1, Школа № 2, Школа № 3 и ещё 12 партнёров"),
    ],
)
def test_it_names_a_few_partners_and_counts_the_rest(count, text):
    shown = Node("Образовательные организации", False, names(count)).members_text
    assert shown.replace("\xa0", " ") == text


def test_it_keeps_the_count_on_one_line():
    shown = Node("Образовательные организации", False, names(200)).members_text
    lines = wrap(shown, 182, 14)
    assert "и\xa0ещё\xa0197\xa0партнёров" in lines
    assert "Школа № 3" in " ".join(wrap("Школа № 3  и\tещё", 500, 14))


def test_it_names_a_few_forms_on_a_spoke_and_counts_the_rest():
    forms = ["Мастер-классы", "Экскурсии", "Акции", "Консультации", "Конкурсы", "Выставки"]
    assert Node("А", False, forms=forms[:MAX_FORMS], activity_count=5).label == (
        "Мастер-классы, экскурсии, акции, консультации, конкурсы"
    )
    label = Node("А", False, forms=forms, activity_count=6).label
    assert label.replace("\xa0", " ") == (
        "Мастер-классы, экскурсии, акции, консультации и ещё 2 формы"
    )


def test_it_keeps_the_demo_plan_as_the_seed_draws_it(demo):
    approved, _draft = seed_plans()
    nodes = nodes_from_lines(build_table(approved))
    assert len(nodes) == 12 < MAX_NODES
    assert sum(node.internal for node in nodes) == 7
    assert not any("ещё" in text for text in svg_texts(plan_svg(approved)))


def add_row(plan, category, name, form="Экскурсии"):
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=name, category=category))
    ActivityFactory(row=row, form=InteractionFormFactory(name=form))


def test_it_groups_internal_partners_by_category_past_the_bound(plan):
    departments = CategoryFactory(name="Отделы Центра", tier=Tier.INTERNAL, order=1)
    parents = CategoryFactory(name="Родители", tier=Tier.INTERNAL, order=2)
    for i in range(MAX_NODES):
        add_row(plan, departments, f"Отдел № {i}")
    add_row(plan, parents, "Родительский комитет")
    nodes = nodes_from_lines(build_table(plan))
    assert [(n.title, n.internal, len(n.members)) for n in nodes] == [
        ("Отделы Центра", True, MAX_NODES),
        ("Родительский комитет", True, 0),  # a category of one is drawn as its partner
    ]
    assert nodes[0].members_text.endswith(f"и\xa0ещё\xa0{MAX_NODES - 3}\xa0партнёров")


def test_it_folds_the_last_categories_into_other_partners(plan):
    for i in range(MAX_NODES + 2):
        category = CategoryFactory(name=f"Категория {i:02d}", tier=Tier.EXTERNAL, order=i)
        add_row(plan, category, f"Партнёр {i:02d}", form=f"Форма {i % 7}")
    nodes = nodes_from_lines(build_table(plan))
    assert len(nodes) == MAX_NODES
    other = nodes[-1]
    assert other.title == "Другие партнёры" and not other.internal
    assert other.members == ["Партнёр 13", "Партнёр 14", "Партнёр 15"]
    assert other.activity_count == 3
    assert_no_overlaps(build_diagram(plan))


def measure(plan) -> tuple:
    diagram = build_diagram(plan)
    texts = svg_texts(plan_svg(plan))
    labels = sum(placed.label is not None for placed in diagram.placed)
    return diagram, len(diagram.placed), labels, len(texts), sum(map(len, texts))


def test_it_draws_200_and_2000_rows_alike(db):
    small = build(Spec(rows=200, activities=1, year=2041))[0]
    large = build(Spec(rows=2000, activities=1, year=2042))[0]
    small_diagram, *small_counts = measure(small)
    large_diagram, *large_counts = measure(large)
    nodes, labels, texts, characters = large_counts
    assert nodes <= MAX_NODES
    # The same nodes and labels; names differ, so lines of text only about the same.
    assert (nodes, labels) == tuple(small_counts[:2])
    assert texts <= small_counts[2] * 1.1 and characters <= small_counts[3] * 1.1
    assert characters < 4000
    assert large_diagram.width <= small_diagram.width * 1.1
    assert_no_overlaps(large_diagram)
    members = " ".join(placed.node.members_text for placed in large_diagram.placed)
    assert "ещё\xa0197\xa0партнёров" in members
