"""The issue's "done when", as a new user would try it in Chromium: import another unit's Word
plan, record an agreement with its signed file, move a partnership to the last stage."""

from datetime import date, timedelta

import pytest

from partners.models import Agreement, Partnership, Stage
from plans.models import Plan
from tests.conftest import browser_login
from tests.docx_builders import build_plan_docx
from tests.plan_import_support import THEATRE_ROWS
from tests.test_agreements import pdf_bytes

pytestmark = [pytest.mark.browser]


@pytest.fixture
def files(tmp_path):
    plan = tmp_path / "petrushka.docx"
    plan.write_bytes(build_plan_docx(
        THEATRE_ROWS,
        title="Комплексный план работы кукольного театра «Петрушка» с социальными партнёрами",
    ))
    signed = tmp_path / "dogovor.pdf"
    signed.write_bytes(pdf_bytes())
    return {"plan": plan, "signed": signed}


def test_it_imports_a_word_plan_and_keeps_an_agreement_and_a_stage(
    transactional_db, demo, live_server, browser_context, files
):
    page = browser_login(browser_context, live_server, "admin")
    page.click("nav >> text=Планы")
    page.click("text=Импорт плана")  # the plans list offers the import
    page.set_input_files("input[name=file]", str(files["plan"]))
    page.fill("input[name=new_unit]", "Кукольный театр «Петрушка»")
    page.fill("input[name=year]", "2026/2027")
    page.click("button:has-text('Загрузить и проверить')")
    assert "Пока ничего не сохранено" in page.content()
    assert not Plan.objects.filter(unit__name="Кукольный театр «Петрушка»").exists()
    page.click("button:has-text('Импортировать план')")
    plan = Plan.objects.get(unit__name="Кукольный театр «Петрушка»", year=2026)
    assert page.url.endswith(plan.get_absolute_url())
    assert plan.rows.count() == 6
    assert "кукольного театра «Петрушка»" in page.content()

    page.goto(f"{live_server.url}/partners/")
    page.click("text=Драмтеатр «Маска»")
    page.click("text=Добавить договор")
    page.select_option("select[name=unit]", label="Кукольный театр «Петрушка»")
    page.fill("input[name=number]", "3")
    page.fill("input[name=valid_from]", (date.today() - timedelta(days=30)).isoformat())
    page.fill("input[name=valid_until]", (date.today() + timedelta(days=60)).isoformat())
    page.set_input_files("input[name=file]", str(files["signed"]))
    page.check("input[name=plan_rows]")
    page.click("button:has-text('Сохранить')")
    agreement = Agreement.objects.get(number="3")
    assert agreement.status == Agreement.Status.EXPIRING and agreement.plan_rows.count() == 1
    assert "истекает" in page.content()
    response = page.request.get(f"{live_server.url}/agreements/{agreement.pk}/file/")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"

    page.goto(f"{live_server.url}{agreement.partner.get_absolute_url()}")
    page.click("text=Добавить партнёрство")
    page.select_option("select[name=unit]", label="Кукольный театр «Петрушка»")
    page.click("button:has-text('Сохранить')")
    page.check("input[value=system_forming]")
    page.check("input[name=check_joint_events]")
    page.click("button:has-text('Сохранить')")
    partnership = Partnership.objects.get(partner=agreement.partner)
    assert partnership.stage == Stage.SYSTEM_FORMING
    assert "История изменений" in page.content()


def test_it_imports_a_plan_without_javascript(transactional_db, demo, live_server, nojs_context,
                                              files):
    page = browser_login(nojs_context, live_server, "teacher")
    page.goto(f"{live_server.url}/plans/import/")
    page.set_input_files("input[name=file]", str(files["plan"]))
    page.select_option("select[name=unit]", label="Творческое объединение «Рукодельница»")
    page.fill("input[name=year]", "2030/2031")
    page.click("button:has-text('Загрузить и проверить')")
    page.click("button:has-text('Импортировать план')")
    assert Plan.objects.get(unit__name="Творческое объединение «Рукодельница»",
                            year=2030).rows.count() == 6
