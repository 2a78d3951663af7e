"""One ordering for lists; a plan's own order for its table, as written, imported or moved."""

import io

import pytest

from partners.models import Category, Partner, Tier
from plans.editor import services as editing
from plans.importing import import_plan, read_plan_file
from plans.models import Plan
from plans.table import build_table
from tests.docx_builders import build_plan_docx
from tests.factories import CategoryFactory, PartnerFactory, PlanRowFactory


@pytest.fixture
def registry(db):
    """The registry's order: internal last by set order, schools before science centres."""
    return {
        "schools": CategoryFactory(
            name="Общеобразовательные организации", tier=Tier.EXTERNAL, order=1
        ),
        "science": CategoryFactory(name="Научные центры", tier=Tier.EXTERNAL, order=2),
        "internal": CategoryFactory(name="Отделы Центра", tier=Tier.INTERNAL, order=9),
    }


def printed(plan):
    return [
        (line.number, line.kind, line.row.partner.name if line.row else line.category.name)
        for line in build_table(plan)
    ]


# --------------------------------------------------------------------------- lists


def test_every_default_list_follows_the_one_ordering(registry):
    assert list(Category.objects.all()) == list(Category.objects.ordered())
    assert list(Category.objects.all()) == [
        registry["internal"], registry["schools"], registry["science"]
    ]
    PartnerFactory(name="Академгородок", category=registry["science"])
    PartnerFactory(name="СОШ № 2", category=registry["schools"])
    PartnerFactory(name="Гимназия № 1", category=registry["schools"])
    PartnerFactory(name="Методический отдел", category=registry["internal"])
    names = ["Методический отдел", "Гимназия № 1", "СОШ № 2", "Академгородок"]
    assert [p.name for p in Partner.objects.all()] == names
    assert [p.name for p in Partner.objects.ordered()] == names
    assert [p.name for p in registry["schools"].partners.all()] == names[1:3]


# --------------------------------------------------------------------------- the table


def test_the_table_keeps_the_plans_order_of_groups(plan, registry):
    science, schools, internal = registry["science"], registry["schools"], registry["internal"]
    rows = [
        ("Институт химии", science),
        ("Академгородок", science),
        ("СОШ № 2", schools),
        ("Гимназия № 1", schools),
        ("Методический отдел", internal),
    ]
    for order, (name, category) in enumerate(rows, start=1):
        PlanRowFactory(plan=plan, partner=PartnerFactory(name=name, category=category),
                       order=order)

    assert printed(plan) == [
        (1, "row", "Методический отдел"),
        (2, "heading", "Научные центры"),
        (3, "row", "Институт химии"),
        (4, "row", "Академгородок"),
        (5, "heading", "Общеобразовательные организации"),
        (6, "row", "СОШ № 2"),
        (7, "row", "Гимназия № 1"),
    ]


def test_a_group_follows_its_first_row(plan, registry):
    science, schools = registry["science"], registry["schools"]
    for order, (name, category) in enumerate(
        [("СОШ № 2", schools), ("Академгородок", science), ("Гимназия № 1", schools)], start=1
    ):
        PlanRowFactory(plan=plan, partner=PartnerFactory(name=name, category=category),
                       order=order)
    assert [text for _, _, text in printed(plan)] == [
        "Общеобразовательные организации", "СОШ № 2", "Гимназия № 1",
        "Научные центры", "Академгородок",
    ]


def test_the_teachers_moves_change_the_printed_order(plan, registry, owner):
    science = registry["science"]
    first = PlanRowFactory(plan=plan, partner=PartnerFactory(name="Первый", category=science),
                           order=1)
    second = PlanRowFactory(plan=plan, partner=PartnerFactory(name="Второй", category=science),
                            order=2)
    assert editing.move_row(second, up=True, user=owner)
    assert [text for _, _, text in printed(plan)] == ["Научные центры", "Второй", "Первый"]
    assert not editing.move_row(first, up=False, user=owner)


def test_an_imported_word_plan_keeps_the_documents_order_of_groups(registry, unit):
    header = ["№ п/п", "Соц. партнер", "Характеристика взаимодействия",
              "Формы взаимодействия", "Период"]
    rows = [
        ["1.", "Методический отдел", "", "Консультации", "В течение года"],
        ["2.", "Научные центры:", "", ""],
        ["3.", "Институт химии", "", "Экскурсия", "Октябрь"],
        ["4.", "Общеобразовательные организации:", "", ""],
        ["5.", "СОШ № 2", "", "Конкурс", "Май"],
        ["6.", "Гимназия № 1", "", "Беседа", "Март"],
    ]
    PartnerFactory(name="Методический отдел", category=registry["internal"])
    data = build_plan_docx(rows, header=header)
    import_plan(read_plan_file(io.BytesIO(data), "plan.docx"), unit=unit, year=2026)

    plan = Plan.objects.get(unit=unit, year=2026)
    assert [text for _, _, text in printed(plan)] == [
        "Методический отдел", "Научные центры", "Институт химии",
        "Общеобразовательные организации", "СОШ № 2", "Гимназия № 1",
    ]


def test_the_admin_lists_follow_the_one_ordering(client, registry):
    from django.urls import reverse

    from tests.factories import UserFactory

    PartnerFactory(name="Академгородок", category=registry["science"])
    PartnerFactory(name="Методический отдел", category=registry["internal"])
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:partners_category_changelist")).content.decode()
    assert page.index("Отделы Центра") < page.index("Общеобразовательные организации")
    assert page.index("Общеобразовательные организации") < page.index("Научные центры")
    page = client.get(reverse("admin:partners_partner_changelist")).content.decode()
    assert page.index("Методический отдел") < page.index("Академгородок")
