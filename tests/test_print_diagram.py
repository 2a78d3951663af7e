"""The partner-model diagram: nodes and labels from the plan, geometry, escaping, pages."""

import importlib
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from partners.models import Tier
from plans.exports import PdfExporter
from plans.exports.diagram import (
    Node,
    build_diagram,
    layout,
    nodes_from_lines,
    plan_svg,
    text_width,
    wrap,
)
from plans.exports.diagram.layout import (
    LABEL_POSITIONS,
    STAGGERS,
    first_uncrowded,
    text_blocks,
)
from plans.exports.diagram.printed import FRAME_MM, printed_diagram
from plans.table import build_table
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    InteractionFormFactory,
    PartnerFactory,
    PlanRowFactory,
)
from tests.print_support import pdf_contains, pdf_pages, seed_plans

SVG = "{http://www.w3.org/2000/svg}"


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def joined(svg: str) -> str:
    return " ".join(svg_texts(svg))


def squeeze(text: str) -> str:
    return "".join(text.split()).replace("-", "")


def test_it_makes_one_node_per_internal_partner_and_per_external_category(demo):
    approved, _draft = seed_plans()
    nodes = nodes_from_lines(build_table(approved))
    titles = [node.title for node in nodes]
    assert titles[:7] == [
        "Организационно-педагогический отдел",
        "Психолого-педагогический отдел",
        "Методический отдел",
        "Мини-зоопарк",
        "Музей «Память»",
        "Творческие объединения",
        "Родители",
    ]
    police = next(node for node in nodes if node.title == "Правоохранительные органы")
    assert not police.internal
    assert police.members == ["ГИБДД", "ОМВД", "ПЧ-48 г. Советский"]
    zoo = nodes[3]
    assert zoo.internal
    assert zoo.label == "Мастер-классы, экскурсии, акции"
    assert len(nodes) == 12


def test_it_draws_every_node_and_label_into_valid_svg(demo):
    approved, _draft = seed_plans()
    svg = plan_svg(approved)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}style") is None and "<style" not in svg
    text = squeeze(joined(svg))
    for node in nodes_from_lines(build_table(approved)):
        assert squeeze(node.title) in text
        for member in node.members:
            assert squeeze(member) in text
        assert squeeze(node.label) in text
    assert squeeze("Творческое объединение «Рукодельница»") in text
    assert squeeze("Модель взаимодействия творческого объединения «Рукодельница»") in text
    assert squeeze("Внутреннее партнёрство") in text and squeeze("Внешнее партнёрство") in text
    internal = root.findall(f".//{SVG}g[@class='node node-internal']")
    external = root.findall(f".//{SVG}g[@class='node node-external']")
    assert len(internal) == 7 and len(external) == 5
    fills = {g.find(f"{SVG}rect").get("fill") for g in internal} | {
        g.find(f"{SVG}rect").get("fill") for g in external
    }
    assert len(fills) == 2, "internal and external nodes differ in colour"


def test_it_dashes_the_spoke_of_a_node_without_activities(plan):
    PlanRowFactory(plan=plan, partner=PartnerFactory(name="ОМВД"))
    svg = plan_svg(plan)
    lines = ET.fromstring(svg).findall(f".//{SVG}g[@class='spokes']/{SVG}line")
    assert len(lines) == 1 and lines[0].get("stroke-dasharray")
    assert "нет мероприятий" in joined(svg)


def long_nodes(count: int) -> list[Node]:
    nodes = []
    for i in range(count):
        internal = i % 3 == 0
        nodes.append(
            Node(
                title=f"Муниципальное бюджетное общеобразовательное учреждение № {i}"
                if internal
                else f"Учреждения социальной защиты и здравоохранения {i}",
                internal=internal,
                members=[] if internal else [f"Реабилитационный центр «Солнышко-{i}»", "КЦСОН"],
                forms=["Мастер-классы", "Экскурсии", "Акции", "Консультации"][: 1 + i % 4],
                activity_count=1 + i % 4,
            )
        )
    return nodes


def assert_no_overlaps(diagram):
    boxes = diagram.boxes
    for i, (kind_a, a) in enumerate(boxes):
        assert a.x >= 0 and a.y >= 0
        assert a.x + a.w <= diagram.width and a.y + a.h <= diagram.height
        for kind_b, b in boxes[i + 1:]:
            assert not a.overlaps(b), f"{kind_a} {a} overlaps {kind_b} {b}"
    for i, placed in enumerate(diagram.placed):
        for j, other in enumerate(diagram.placed):
            if i != j:
                assert not other.block.box.crosses_segment(*placed.spoke)
                if other.label:
                    assert not other.label.box.crosses_segment(*placed.spoke)


@pytest.mark.parametrize("count", [0, 1, 2, 3, 5, 8, 12, 13, 16, 20, 24])
def test_it_lays_out_up_to_24_nodes_without_overlaps(count):
    diagram = layout(long_nodes(count), "Модель взаимодействия " * 4, "Творческое объединение")
    assert_no_overlaps(diagram)
    assert len(diagram.placed) == count


def test_it_wraps_long_russian_names_within_the_width():
    text = (
        "Муниципальное бюджетное учреждение дополнительного образования "
        "Организационно-педагогический"
    )
    lines = wrap(text, 180, 14)
    assert len(lines) > 2
    assert all(text_width(line, 14) <= 180 for line in lines)
    assert squeeze(" ".join(lines)) == squeeze(text)
    assert wrap("Организационно-педагогический", 150, 14, bold=True)[0] == "Организационно-"


def test_it_escapes_markup_and_quotes_in_names(plan):
    name = '<script>alert("x")</script> & «Ко» \'1\''
    category = CategoryFactory(name='Категория <b>&"', tier=Tier.EXTERNAL)
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=name, category=category))
    ActivityFactory(row=row, form=InteractionFormFactory(name="Форма <i>&</i>"))
    svg = plan_svg(plan)
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg
    text = joined(svg)
    assert squeeze(name) in squeeze(text)
    assert squeeze('Категория <b>&"') in squeeze(text)
    assert "Форма <i>&</i>" in text


def test_it_shows_the_diagram_page_and_downloads_the_svg(client, owner, plan):
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name='Клуб <img src=x onerror="1">'))
    ActivityFactory(row=row, form=InteractionFormFactory(name="Экскурсии"))
    client.force_login(owner)
    page = client.get(reverse("plans:diagram", args=[plan.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body and "Модель взаимодействия" in body
    assert "<img src=x" not in body and "&lt;img src=x" in body
    download = client.get(reverse("plans:diagram_svg", args=[plan.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "image/svg+xml"
    assert "attachment" in download["Content-Disposition"]
    assert ET.fromstring(download.content).tag == f"{SVG}svg"


def test_it_builds_the_diagram_from_the_same_table_lines(plan):
    PlanRowFactory(plan=plan, partner=PartnerFactory(name="А"))
    lines = build_table(plan)
    placed = build_diagram(plan, lines).placed
    assert [(p.node.title, p.node.members) for p in placed] == [
        (lines[0].category.name, ["А"])
    ]


def test_it_prints_the_diagram_s_text_as_lines_over_its_shapes(demo):
    """The PDF's diagram: the SVG's shapes without their text, and every line of the text
    (in the same order, bold where the SVG's is) as HTML placed in mm over them."""
    approved, _draft = seed_plans()
    printed = printed_diagram(approved)
    assert svg_texts(printed.svg) == []
    root = ET.fromstring(printed.svg)
    assert len(root.findall(f".//{SVG}rect")) == len(ET.fromstring(plan_svg(approved)).findall(
        f".//{SVG}rect"))
    drawn = ET.fromstring(plan_svg(approved))
    lines = [line for label in printed.labels for line in label.lines]
    assert [line.text for line in lines] == svg_texts(plan_svg(approved))
    assert [line.bold for line in lines] == [
        element.get("font-weight") == "bold" for element in drawn.iter(f"{SVG}text")]
    width, height = (float(v.removesuffix("mm")) for v in re.findall(r"[\d.]+mm",
                                                                      printed.style))
    assert width == pytest.approx(FRAME_MM[0]) or height == pytest.approx(FRAME_MM[1])
    assert width <= FRAME_MM[0] + 0.01 and height <= FRAME_MM[1] + 0.01
    for label in printed.labels:
        left, top = (float(v) for v in re.findall(r"(?:left|top): ([\d.]+)mm", label.style))
        assert 0 <= left < width and 0 <= top < height, label
        assert "," not in label.style  # never a locale's decimal comma


def test_it_keeps_the_printed_diagram_text_whole_in_the_pdf(demo):
    """Laid out as HTML lines, a node's name reads back from the PDF as written."""
    approved, _draft = seed_plans()
    last = pdf_pages(PdfExporter(approved).render())[-1]
    for node in nodes_from_lines(build_table(approved)):
        assert pdf_contains(last, node.title), node.title
    assert "Внутреннее партнёрство" in last and "Внешнее партнёрство" in last


def test_it_stops_growing_a_drawing_that_cannot_be_the_smallest(demo):
    """The search for the smallest drawing gives up a placement once it is as large as the
    best found, and the drawing it keeps is the one the whole search would keep."""
    approved, _draft = seed_plans()
    nodes = nodes_from_lines(build_table(approved))
    hub, blocks, labels = text_blocks(nodes, "Объединение")
    best = first_uncrowded(hub, blocks, labels, 1.0, 0.5, bound=None)
    assert best is not None
    assert first_uncrowded(hub, blocks, labels, 1.0, 0.5, bound=best[0]) is None
    assert first_uncrowded(hub, blocks, labels, 1.0, 0.5, bound=best[0] * 1.01) == best
    # Every placement searched whole, the smallest kept: the same drawing as the layout's.
    whole = [first_uncrowded(hub, blocks, labels, stagger, t, bound=None)
             for stagger in STAGGERS for t in LABEL_POSITIONS]
    smallest = min((found for found in whole if found), key=lambda found: found[0])
    placed = layout(nodes, "Модель", "Объединение").placed
    assert offsets([p.block.box for p in placed]) == pytest.approx(
        offsets([node.box for node, _label, _spoke in smallest[1]]))


def offsets(boxes) -> list[float]:
    """Where each box stands from the first (the drawing is moved as a whole into its frame)."""
    return [v for box in boxes for v in (box.x - boxes[0].x, box.y - boxes[0].y)]


@pytest.mark.parametrize("count", [3, 12, 24])
def test_it_strides_to_the_drawing_one_step_at_a_time_would_find(count):
    """The growth strides, then steps back: it keeps the first scale (4 % a step) at which
    nothing is crowded, as growing one step at a time does."""
    diagram_layout = importlib.import_module("plans.exports.diagram.layout")  # not the function

    nodes = [Node(title=f"Партнёр номер {i} с длинным названием", internal=i % 3 == 0,
                  members=[f"Член {i}"] * (i % 3), forms=["Экскурсии", "акции"][: i % 3],
                  activity_count=i % 4) for i in range(count)]
    hub, blocks, labels = text_blocks(nodes, "Творческое объединение")
    for stagger in STAGGERS:
        for t in LABEL_POSITIONS:
            step = next(step for step in range(diagram_layout.MAX_ATTEMPTS) if not
                        diagram_layout._crowded(hub, diagram_layout._arrange(
                            hub, blocks, labels, 150.0 * 1.04**step, stagger, t)))
            expected = diagram_layout._arrange(hub, blocks, labels, 150.0 * 1.04**step,
                                               stagger, t)
            assert first_uncrowded(hub, blocks, labels, stagger, t, bound=None)[1] == expected
