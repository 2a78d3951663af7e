"""Where the printed table starts its pages, predicted without laying it out (issue 13): the
parts of a PDF are cut there, so they print as the whole document does. Checked against
WeasyPrint's own layout, and against the stylesheet it restates."""

import re

import pytest
import tinycss2
from weasyprint import HTML

from plans.exports import pagination
from plans.exports.document import PlanDocument
from plans.exports.fetcher import STATIC_DIR, LocalFilesFetcher, base_url
from plans.exports.parts import Part, plan_html
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory
from tests.print_support import seed_plans

LONG = ("Совместные мероприятия по патриотическому воспитанию обучающихся с участием ветеранов "
        "педагогического труда, родителей и представителей общественности района")


def laid_out_starts(doc: PlanDocument) -> list[int]:
    """The group that starts each page, as WeasyPrint lays out the whole table."""
    html = plan_html(doc, Part(doc.groups, head=True, table=True), numbered=True)
    numbers = iter(range(len(doc.groups)))
    html = re.sub('<tbody class="line-group">',
                  lambda _m: f'<tbody class="line-group" id="g{next(numbers)}">', html)
    pages = HTML(string=html, base_url=base_url(), url_fetcher=LocalFilesFetcher()).render().pages
    return [min(int(name[1:]) for name in page.anchors if name.startswith("g")) for page in pages]


def test_it_predicts_where_the_seed_plans_pages_start(demo):
    for plan in seed_plans():  # approved (the approval block) and draft (the mark)
        doc = PlanDocument.build(plan)
        assert pagination.page_starts(doc) == laid_out_starts(doc), plan


@pytest.mark.parametrize(("rows", "activities", "text"), [
    (30, 3, "Мастер-класс «Подарок маме»"),  # short lines, many rows a page
    (24, 2, LONG),  # long, wrapped and hyphenated lines
    (12, 6, LONG),  # tall groups
])
def test_it_predicts_a_page_start_where_it_is_or_a_group_early(plan, rows, activities, text):
    """Where the estimate misses, it starts a page early (the page before it a group short),
    never late (a group that would not fit: a page of its own)."""
    for n in range(rows):
        row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"Партнёр {n:02d}"),
                             characteristic=LONG if n % 3 == 0 else "Совместная работа")
        for a in range(activities):
            ActivityFactory(row=row, title=f"{text} {n}-{a}")
    doc = PlanDocument.build(plan)
    predicted, actual = pagination.page_starts(doc), laid_out_starts(doc)
    assert len(actual) > 2
    assert predicted[0] == actual[0] == 0
    misses = 0
    for guess, start in zip(predicted, actual, strict=False):
        assert guess <= start, (predicted, actual)
        misses += guess != start
        if guess != start:
            break  # after a miss the pages are counted from another place
    assert len(predicted) >= len(actual) - misses


def declarations(sheet: str) -> dict[str, dict[str, str]]:
    """Each rule's declarations of a stylesheet of static/print, by its selector."""
    found: dict[str, dict[str, str]] = {}
    text = (STATIC_DIR / "print" / sheet).read_text()
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        prelude = tinycss2.serialize(rule.prelude).strip()
        if rule.type == "at-rule":
            prelude = f"@{rule.lower_at_keyword} {prelude}".strip()
        content = tinycss2.parse_blocks_contents(rule.content or [], skip_comments=True,
                                                 skip_whitespace=True)
        for item in content:
            if item.type == "declaration":
                found.setdefault(prelude, {})[item.lower_name] = tinycss2.serialize(
                    item.value).strip()
    return found


def test_it_restates_the_sizes_of_the_printed_table_from_the_stylesheet():
    css = declarations("print.css")
    assert css["@page"] == {"size": "A4 landscape", "margin": "18mm 12mm 16mm 25mm"}
    assert pagination.PAGE_MM == (297 - 25 - 12, 210 - 18 - 16)
    table = css[".plan-table"]
    assert table["font-size"] == f"{pagination.TABLE_FONT_PT}pt"
    assert table["line-height"] == str(pagination.TABLE_LINE)
    cells = css[".plan-table th, .plan-table td"]
    vertical, horizontal = pagination.CELL_PADDING_MM
    assert cells["padding"] == f"{vertical}mm {horizontal}mm"
    assert cells["border"] == f"{pagination.BORDER_PT}pt solid #000"
    for name, width in pagination.COLUMNS_MM.items():
        assert css[f".c-{name}"] == {"width": f"{width}mm"}
    head = pagination.HEAD
    assert css[".draft-mark"]["font-size"] == f"{head['draft_pt']}pt"
    assert css[".draft-mark"]["padding"] == f"{head['draft_padding_mm']}mm 8mm"
    assert css[".approval"]["width"] == f"{head['approval_width_mm']}mm"
    assert css[".approval"]["font-size"] == f"{head['approval_pt']}pt"
    assert css[".approval"]["line-height"] == str(head["approval_line"])
    assert css[".plan-title"]["font-size"] == f"{head['title_pt']}pt"
    top, bottom, sides = head["title_margins_mm"]
    assert css[".plan-title"]["margin"] == f"{top}mm {sides}mm {bottom}mm"
