"""Forms of the plan editor: a new plan, a copy, a row, an activity with its period."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners import inputs, policy, search
from partners.models import Category, Direction, InteractionForm, Partner, Unit
from plans.editor.services import ActivityData, already_in_registry, partner_in_plan_message
from plans.forms import label, too_long, year_choices
from plans.models import Activity, Plan, PlanRow
from plans.periods import ACADEMIC_MONTHS, Frequency, Period, month_name
from plans.widgets import FastSelect


class PlanCreateForm(forms.Form):
    unit = inputs.IdChoiceField(
        queryset=Unit.objects.none(),
        label=label(Plan, "unit"),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your units.")},
    )
    year = forms.TypedChoiceField(
        label=label(Plan, "year"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose an academic year from the list.")},
    )
    title = forms.CharField(
        label=label(Plan, "title"),
        required=False,
        max_length=400,
        help_text=_("Leave empty for the standard title."),
        error_messages={"max_length": too_long(400)},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.managed_units(user)
        self.fields["year"].choices = year_choices()


class CopyPlanForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Copy to the academic year"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose an academic year from the list.")},
    )

    def __init__(self, *args, source: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        taken = set(source.unit.plans.values_list("year", flat=True))
        self.fields["year"].choices = [
            (year, label) for year, label in year_choices(source.year + 1) if year not in taken
        ]
        self.fields["year"].initial = source.year + 1


# --------------------------------------------------------------------------- rows


class PartnerSelect(FastSelect):
    """The registry as a plain select grouped by category; partners already in the plan are
    shown but disabled. It works without JavaScript; the search box only narrows it."""

    def __init__(self, *args, taken=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.taken = set(taken)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = getattr(value, "value", value)
        if key in self.taken and not selected:
            option["attrs"]["disabled"] = True
            option["label"] = _("%(partner)s — already in the plan") % {"partner": label}
        return option


def partner_choices(partners, empty_label):
    """Choices for the partner select: grouped by category, in the order of `partners`
    (`Partner.objects.ordered()`: internal partners first, then categories in their order)."""
    groups: dict = {}
    for partner in partners:
        groups.setdefault(partner.category.name, []).append((partner.pk, partner.name))
    return [("", empty_label), *groups.items()]


def partners_matching(query: str):
    """Active partners matching `query` by the one search rule (`partners.search`): every word
    in any order and case, «ё» as «е», abbreviations («школа» finds «МБОУ СОШ № 4»)."""
    return search.matching(Partner.objects.active().ordered(), query)


# Past this many usable partners the select starts with only the chosen one and the search box
# (htmx, or the «Find» button without JavaScript) fills it: a registry of thousands would put
# hundreds of kilobytes into every row form.
SELECT_LIMIT = 150


class RowForm(forms.Form):
    """A plan row: the partner (from the registry, or a new one), characteristic, directions."""

    partner = inputs.IdChoiceField(
        queryset=Partner.objects.none(),
        label=label(PlanRow, "partner"),
        required=False,
        error_messages={
            "invalid_choice": _("This partner is not in the registry: choose one from the list.")
        },
    )
    new_partner_name = forms.CharField(
        label=_("New partner's name"),
        required=False,
        max_length=300,
        error_messages={"max_length": too_long(300)},
    )
    new_partner_category = inputs.IdChoiceField(
        queryset=Category.objects.ordered(),
        label=_("New partner's category"),
        required=False,
        error_messages={"invalid_choice": _("Choose a category from the list.")},
    )
    characteristic = forms.CharField(
        label=label(PlanRow, "characteristic"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The goals of working with this partner."),
        error_messages={"max_length": too_long(2000)},
    )
    directions = inputs.IdMultipleChoiceField(
        queryset=Direction.objects.all(),
        label=label(PlanRow, "directions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose directions from the list.")},
    )
    version = inputs.VersionField()

    def __init__(self, *args, plan: Plan, row: PlanRow | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.row = row
        taken = plan.rows.exclude(pk=row.pk if row else None).values_list("partner_id", flat=True)
        field = self.fields["partner"]
        usable = Q(is_active=True) | Q(pk=row.partner_id) if row is not None else Q(is_active=True)
        field.queryset = Partner.objects.ordered().filter(usable)
        field.widget = PartnerSelect(taken=list(taken))
        self.set_initial_options(field.queryset)
        if row is not None:
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _(
                "The form is out of date: reload the page."
            )

    def set_initial_options(self, partners) -> None:
        """The whole registry if it is small; else the chosen partner, to be found by search."""
        if partners.count() <= SELECT_LIMIT:
            self.set_partner_options(partners)
            return
        source = self.data if self.is_bound else self.initial
        chosen = inputs.parse_id(str(source.get("partner") or ""))
        if chosen is None and self.row is not None and not self.is_bound:
            chosen = self.row.partner_id
        self.set_partner_options(
            partners.filter(pk=chosen) if chosen else partners.none(),
            _("— find the partner in the registry first —") if not chosen else None,
        )

    def set_partner_options(self, partners, empty_label=None):
        """Fill the select with `partners` (all usable ones, or a search's matches)."""
        self.fields["partner"].widget.choices = partner_choices(
            partners, empty_label or _("— choose a partner —")
        )

    def clean(self):
        data = super().clean()
        partner = data.get("partner")
        new_name = " ".join((data.get("new_partner_name") or "").split())
        data["new_partner_name"] = new_name
        if self.has_error("partner") or self.has_error("new_partner_name"):
            return data
        if partner and new_name:
            self.add_error(
                "new_partner_name",
                _("Either choose a partner from the list or enter a new one, not both."),
            )
        elif not partner and not new_name:
            self.add_error(
                "partner", _("Choose a partner from the list, or enter a new partner below.")
            )
        elif new_name:
            if not data.get("new_partner_category") and not self.has_error(
                "new_partner_category"
            ):
                self.add_error("new_partner_category", _("Choose the new partner's category."))
            existing = Partner.objects.same_as(new_name)
            if existing is not None:
                self.add_error("new_partner_name", already_in_registry(existing))
        elif self.plan.rows.filter(partner=partner).exclude(
            pk=self.row.pk if self.row else None
        ).exists():
            self.add_error("partner", partner_in_plan_message(partner))
        return data


class QuickPartnerForm(forms.Form):
    """A partner that is not in the registry yet, created from the plan: name and category."""

    new_partner_name = forms.CharField(
        label=_("New partner's name"),
        max_length=300,
        error_messages={"required": _("Enter the new partner's name."),
                        "max_length": too_long(300)},
    )
    new_partner_category = inputs.IdChoiceField(
        queryset=Category.objects.ordered(),
        label=_("New partner's category"),
        error_messages={"required": _("Choose the new partner's category."),
                        "invalid_choice": _("Choose a category from the list.")},
    )


# --------------------------------------------------------------------------- activities


def month_choices():
    return [(str(m), month_name(m).capitalize()) for m in ACADEMIC_MONTHS]


class ActivityForm(forms.Form):
    title = forms.CharField(
        label=label(Activity, "title"),
        max_length=500,
        help_text=_("As it is printed: «Мастер-класс «Цветы из салфеток»», «Экскурсии»."),
        error_messages={
            "required": _("Enter the activity: what will be done."),
            "max_length": too_long(500),
        },
    )
    form = inputs.IdChoiceField(
        queryset=InteractionForm.objects.all(),
        label=label(Activity, "form"),
        required=False,
        empty_label=_("— not specified —"),
        error_messages={"invalid_choice": _("Choose a form of interaction from the list.")},
    )
    months = forms.MultipleChoiceField(
        label=label(Activity, "months"),
        required=False,
        choices=month_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose months of the academic year.")},
    )
    frequency = forms.ChoiceField(
        label=pgettext_lazy("plan editor", "How often"),
        required=False,
        choices=[("", _("— by the months —"))] + list(Frequency.choices),
        error_messages={"invalid_choice": _("Choose how often from the list.")},
    )
    period_note = forms.CharField(
        label=label(Activity, "period_note"),
        required=False,
        max_length=200,
        help_text=_("Printed in parentheses, e.g. «по согласованию»."),
        error_messages={"max_length": too_long(200)},
    )
    responsible = forms.CharField(
        label=label(Activity, "responsible"),
        required=False,
        max_length=200,
        error_messages={"max_length": too_long(200)},
    )
    note = forms.CharField(
        label=label(Activity, "note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": too_long(2000)},
    )
    version = inputs.VersionField()

    def __init__(self, data=None, *args, activity: Activity | None = None, **kwargs):
        if activity is not None and data is None:
            kwargs.setdefault("initial", initial_for_activity(activity))
        super().__init__(data, *args, **kwargs)
        if activity is not None:
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = _(
                "The form is out of date: reload the page."
            )

    def clean(self):
        data = super().clean()
        if self.has_error("months") or self.has_error("frequency"):
            return data
        if not data.get("months") and not data.get("frequency"):
            self.add_error(
                "months",
                _("Set the period: tick the months, or choose how often it happens."),
            )
        return data

    @property
    def period(self) -> Period:
        data = self.cleaned_data
        return Period(
            months=frozenset(int(m) for m in data.get("months") or ()),
            frequency=data.get("frequency") or "",
            note=data.get("period_note") or "",
        )

    def activity_data(self) -> ActivityData:
        period = self.period
        return ActivityData(
            title=self.cleaned_data["title"],
            form=self.cleaned_data.get("form"),
            months=period.to_bitmask(),
            frequency=period.frequency,
            period_note=period.note,
            responsible=self.cleaned_data.get("responsible", ""),
            note=self.cleaned_data.get("note", ""),
        )


def initial_for_activity(activity: Activity) -> dict:
    return {
        "title": activity.title,
        "form": activity.form_id,
        "months": [str(m) for m in activity.period.academic_months],
        "frequency": activity.frequency,
        "period_note": activity.period_note,
        "responsible": activity.responsible,
        "note": activity.note,
        "version": activity.version,
    }


def initial_for_row(row: PlanRow) -> dict:
    return {
        "partner": row.partner_id,
        "characteristic": row.characteristic,
        "directions": [d.pk for d in row.directions.all()],
        "version": row.version,
    }


class PeriodPreviewForm(forms.Form):
    """The period part of the activity form, for the live preview."""

    months = ActivityForm.base_fields["months"]
    frequency = ActivityForm.base_fields["frequency"]
    period_note = ActivityForm.base_fields["period_note"]

    def preview(self) -> tuple[str, str]:
        """(printed text, problem) — the problem is what the save would say."""
        if not self.is_valid():
            errors = [e for field_errors in self.errors.values() for e in field_errors]
            return "", errors[0] if errors else ""
        period = Period(
            months=frozenset(int(m) for m in self.cleaned_data["months"]),
            frequency=self.cleaned_data["frequency"] or "",
            note=self.cleaned_data["period_note"] or "",
        )
        if not period.is_valid:
            return period.text, str(
                _("Set the period: tick the months, or choose how often it happens.")
            )
        return period.text, ""
