"""Loading the showcase (plans.demo.showcase) into the database, idempotently.

What is loaded writes no history records of its own (`skip_history_when_saving`, bulk-created
activities): loading the demo is not something a user did. The one step that is an event, the
teacher submitting her plan, is recorded as the workflow records it (a PlanTransition).
"""

from datetime import date, timedelta
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from partners.forms import AgreementForm
from partners.models import Agreement, Direction, InteractionForm, Partnership
from plans.demo import showcase
from plans.exports.document import long_date
from plans.exports.pdf import html_to_pdf
from plans.models import Activity, Comment, Plan, PlanRow, PlanTransition, current_academic_year
from plans.periods import parse_period

EXPIRING_IN_DAYS = 40  # within partners.models.EXPIRING_WITHIN_DAYS (60)
EXPIRED_DAYS_AGO = 75


def quietly(instance):
    """Save `instance` (and its later many-to-many changes) without a history record."""
    instance.skip_history_when_saving = True
    instance.save()
    return instance


def user(username: str):
    return get_user_model().objects.get(username=username)


# --------------------------------------------------------------------------- agreements


def agreement_dates(kind: str, today: date) -> tuple[date, date | None]:
    """(valid from, valid until) that give the agreement the status `kind` on `today`."""
    year = current_academic_year()
    if kind == "in_force":
        return date(year - 1, 9, 1), date(year + 2, 8, 31)
    if kind == "open_ended":
        return date(year, 9, 1), None
    if kind == "expiring":
        end = today + timedelta(days=EXPIRING_IN_DAYS)
        return end - timedelta(days=364), end
    if kind == "expired":
        end = today - timedelta(days=EXPIRED_DAYS_AGO)
        return end - timedelta(days=729), end
    raise ValueError(kind)


SIGNED_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>Договор о сотрудничестве № {number}</title><style>
@font-face {{ font-family: "Plan Serif"; src: url("fonts/LiberationSerif-Regular.ttf"); }}
@font-face {{ font-family: "Plan Serif"; font-weight: bold;
  src: url("fonts/LiberationSerif-Bold.ttf"); }}
@page {{ size: A4; margin: 25mm 20mm; }}
body {{ font-family: "Plan Serif"; font-size: 13pt; line-height: 1.35; }}
h1 {{ font-size: 15pt; text-align: center; margin: 0 0 2mm; }}
.place {{ display: flex; justify-content: space-between; margin: 6mm 0; }}
.signatures {{ margin-top: 18mm; }}
.signatures p {{ margin: 8mm 0 0; }}
</style></head><body>
<h1>ДОГОВОР О СОТРУДНИЧЕСТВЕ № {number}</h1>
<p class="place"><span>{city}</span> <span>{signed}</span></p>
<p>{institution}, именуемое в дальнейшем «Центр», в лице директора {director}, и {partner},
именуемое в дальнейшем «Партнёр», заключили настоящий договор о нижеследующем.</p>
<p><b>1. Предмет договора.</b> {subject}</p>
<p><b>2. Срок действия.</b> {term}</p>
<p><b>3.</b> Совместный план работы является приложением к настоящему договору.</p>
<div class="signatures">
<p>От Центра: ____________ {director}</p>
<p>От Партнёра: ____________</p>
</div>
</body></html>"""


@lru_cache(maxsize=16)
def render_signed_pdf(html: str) -> bytes:
    """A one-page PDF through the application's one WeasyPrint entry point (cached: the same
    text gives the same page, and tests load the demo many times)."""
    return html_to_pdf(html)


def signed_pdf(number, partner, subject, start, end, signed_on, institution) -> bytes:
    term = f"с {long_date(start)} по {long_date(end)}" if end else (
        f"с {long_date(start)}, бессрочно"
    )
    html = SIGNED_PAGE.format(
        number=escape(number), city=escape(institution.city), signed=long_date(signed_on),
        institution=escape(institution.name), director=escape(institution.director_name),
        partner=escape(partner.name), subject=escape(subject), term=term,
    )
    return render_signed_pdf(html)


def load_agreements(units, partners, admin, today: date) -> None:
    """Agreements of «Рукодельница»: in force, open-ended, expiring and expired, each with its
    signed file and its joint-plan annex, stored as the agreement form stores an upload."""
    unit = units[showcase.RUKODELNITSA]
    years = {"last": current_academic_year() - 1, "current": current_academic_year()}
    for number, partner_name, kind, teacher, subject, annex in showcase.AGREEMENTS:
        partner = partners[partner_name]
        if Agreement.objects.filter(unit=unit, partner=partner, number=number).exists():
            continue
        start, end = agreement_dates(kind, today)
        signed_on = start - timedelta(days=10)
        pdf = signed_pdf(number, partner, subject, start, end, signed_on, unit.institution)
        rows = PlanRow.objects.filter(
            plan__unit=unit, plan__year__in=[years[y] for y in annex], partner=partner
        )
        form = AgreementForm(
            data={
                "partner": partner.pk, "unit": unit.pk,
                "teacher": user(teacher).pk if teacher else "",
                "number": number, "signed_on": signed_on.isoformat(),
                "valid_from": start.isoformat(),
                "valid_until": end.isoformat() if end else "",
                "subject": subject, "plan_rows": [row.pk for row in rows],
            },
            files={"file": SimpleUploadedFile(
                f"Договор о сотрудничестве № {number.replace('/', '-')}.pdf", pdf,
                "application/pdf",
            )},
            user=admin,
        )
        if not form.is_valid():
            raise ValidationError(f"Demo agreement {number}: {form.errors.as_json()}")
        quietly(form.save(commit=False))
        form.save_m2m()


# ------------------------------------------------------------------------- partnerships


def load_partnerships(units, partners, methodist, today: date) -> None:
    for offset, (unit_name, partner_name, stage, ticked) in enumerate(showcase.PARTNERSHIPS):
        unit, partner = units[unit_name], partners[partner_name]
        if Partnership.objects.filter(unit=unit, partner=partner, teacher=None).exists():
            continue
        quietly(Partnership(
            unit=unit, partner=partner, stage=stage, stage_set_by=methodist,
            stage_reached_on=today - timedelta(days=20 + 15 * offset),
            checklist={key: True for key in ticked},
        ))


# ------------------------------------------------------------- «Хорошее настроение»'s plan


def load_nastroenie_plan(units, partners, stderr) -> Plan | None:
    """teacher2's plan for this year, submitted for review three days ago, with two open
    remarks of the methodist."""
    unit = units[showcase.NASTROENIE]
    year = current_academic_year()
    if Plan.objects.filter(unit=unit, year=year).exists():
        return None
    plan = quietly(Plan(unit=unit, year=year))
    rows = fill_rows(plan, showcase.NASTROENIE_ROWS, partners, stderr)
    submitted = timezone.now() - timedelta(days=3)
    plan.status, plan.submitted_at = Plan.Status.REVIEW, submitted
    quietly(plan)
    PlanTransition.objects.create(
        plan=plan, from_status=Plan.Status.DRAFT, to_status=Plan.Status.REVIEW,
        by=user("teacher2"), at=submitted,
    )
    methodist = user("methodist")
    for index, (partner_name, text) in enumerate(showcase.REMARKS):
        Comment.objects.create(
            plan=plan, row=rows[partner_name] if partner_name else None, author=methodist,
            text=text, created_at=submitted + timedelta(days=1, minutes=10 * index),
        )
    return plan


def fill_rows(plan, rows_data, partners, stderr) -> dict[str, PlanRow]:
    directions = {d.name: d for d in Direction.objects.all()}
    forms = {f.name: f for f in InteractionForm.objects.all()}
    rows, activities = {}, []
    for order, (partner, characteristic, row_directions, items) in enumerate(rows_data, 1):
        row = quietly(PlanRow(
            plan=plan, partner=partners[partner], characteristic=characteristic, order=order
        ))
        row.directions.set([directions[d] for d in row_directions])
        rows[partner] = row
        for position, (title, form, period_text) in enumerate(items, start=1):
            parsed = parse_period(period_text)
            if not parsed.recognised:
                stderr.write(f"Period not recognised: {period_text!r}")
            activity = Activity(row=row, title=title, form=forms.get(form), order=position)
            activity.period = parsed.period
            activities.append(activity)
    Activity.objects.bulk_create(activities)
    return rows


def load_showcase(units, partners, stderr) -> None:
    today = timezone.localdate()
    admin, methodist = user("admin"), user("methodist")
    load_agreements(units, partners, admin, today)
    load_partnerships(units, partners, methodist, today)
    load_nastroenie_plan(units, partners, stderr)
