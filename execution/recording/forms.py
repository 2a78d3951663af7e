"""The forms of recording: an occurrence (short and full), its achievements, a cancellation or
a move. Each form asks execution.recording.services for the rules, so a form and a direct call
of a service refuse the same things with the same words."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from execution.models import MAX_PEOPLE, Achievement, Occurrence
from execution.schedules import working_of
from partners import inputs, policy, uploads
from partners.models import Unit
from plans.models import Plan, academic_year_label, current_academic_year
from plans.periods import ACADEMIC_MONTHS, month_name

from . import files, services

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def people_field(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_PEOPLE,
        initial=0,
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_PEOPLE, "class": "people-input"}),
        error_messages={
            "min_value": gettext_lazy("The number cannot be negative."),
            "max_value": gettext_lazy("At most 10,000 people: check the number."),
            "invalid": gettext_lazy("Enter a whole number."),
        },
    )


class HeldForm(forms.Form):
    """«Проведено»: the date (today by default), how many took part, and the result."""

    date = forms.DateField(
        label=pgettext_lazy("execution recording", "Date held"), widget=DATE_WIDGET
    )
    children = people_field(pgettext_lazy("execution recording", "Children"))
    adults = people_field(pgettext_lazy("execution recording", "Adults"))
    result = forms.CharField(
        label=pgettext_lazy("execution recording", "Result"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity

    def clean(self):
        cleaned = super().clean()
        if "date" in self.errors:
            return cleaned
        try:
            services.check_occurrence(self.activity, cleaned.get("date"))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the number is bounded before any of them is read."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploaded = [d for d in (data if isinstance(data, (list, tuple)) else [data]) if d]
        if len(uploaded) > files.MAX_FILES:
            raise ValidationError(files.too_many_message())
        return [super(MultipleFileField, self).clean(d, initial) for d in uploaded]


class OccurrenceForm(HeldForm):
    """The full form: links, photos and files besides (achievements are a formset)."""

    links = forms.CharField(
        label=pgettext_lazy("execution recording", "Links"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("One web address per line (a news item, a photo album)."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    files = MultipleFileField(
        label=pgettext_lazy("execution recording", "Photos and files"), required=False
    )
    remove_files = inputs.IdMultipleChoiceField(
        label=pgettext_lazy("execution recording", "Remove files"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, occurrence=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.occurrence = occurrence
        if occurrence is None:
            del self.fields["remove_files"]
        else:
            # Before `files`: the number of files kept decides how many may be added.
            self.fields["remove_files"].queryset = occurrence.files.all()
            self.order_fields(
                ["date", "children", "adults", "result", "links", "remove_files", "files"]
            )
        self.fields["files"].help_text = _(
            "Up to %(count)s photos (PNG, JPEG) or PDF files, at most %(mb)s MB each."
        ) % {"count": files.MAX_FILES, "mb": uploads.max_upload_bytes() // (1024 * 1024)}
        self.fields["files"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg"

    def clean_links(self):
        links = self.cleaned_data.get("links", "")
        check = URLValidator(schemes=["http", "https"])
        for line in links.splitlines():
            try:
                if line.strip():
                    check(line.strip())
            except ValidationError:
                raise ValidationError(
                    _(
                        "«%(line)s» is not a web address: write one address per line, starting "
                        "with https://."
                    )
                    % {"line": line.strip()[:80]}
                ) from None
        return links

    def clean_files(self):
        uploaded = self.cleaned_data.get("files") or []
        kept = 0
        if self.occurrence is not None:
            removed = {f.pk for f in self.cleaned_data.get("remove_files") or []}
            kept = sum(1 for f in self.occurrence.files.all() if f.pk not in removed)
        if kept + len(uploaded) > files.MAX_FILES:
            raise ValidationError(files.too_many_message())
        return [(upload, files.validate(upload)) for upload in uploaded]


class AchievementForm(forms.ModelForm):
    class Meta:
        model = Achievement
        fields = ["title", "level", "name"]


AchievementFormSet = inlineformset_factory(
    Occurrence,
    Achievement,
    form=AchievementForm,
    extra=1,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def slot_label(months) -> str:
    names = [month_name(m, capital=True) for m in months]
    return names[0] if len(names) == 1 else f"{names[0]}–{names[-1].lower()}"


class ChangeForm(forms.Form):
    """Cancel the activity or a planned month, or move a planned month, with a reason."""

    month = forms.TypedChoiceField(
        label=pgettext_lazy("execution recording", "What"), coerce=int, empty_value=None
    )
    reason = forms.CharField(
        label=pgettext_lazy("execution recording", "Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, activity, move: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.move = move
        slots = [(s.slot.key, slot_label(s.slot.months)) for s in services.open_slots(activity)]
        whole = [("", _("The whole activity"))]
        self.fields["month"].choices = slots if move else whole + slots
        self.fields["month"].required = move
        self.fields["month"].label = (
            pgettext("execution recording", "Planned month") if move else _("What is cancelled")
        )
        if move:
            working = working_of(activity)
            self.fields["to_month"] = forms.TypedChoiceField(
                label=pgettext("execution recording", "Moved to"),
                coerce=int,
                choices=[(m, month_name(m, capital=True)) for m in ACADEMIC_MONTHS if m in working],
            )
            self.order_fields(["month", "to_month", "reason"])

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            if self.move:
                services.check_move(self.activity, cleaned["month"], cleaned["to_month"])
            else:
                services.check_cancel(self.activity, cleaned.get("month"))
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class CalendarForm(forms.Form):
    """The calendar's year, and for those who see every unit, one unit."""

    year = forms.TypedChoiceField(
        label=pgettext_lazy("execution recording", "Academic year"), coerce=int, required=False
    )
    unit = inputs.IdChoiceField(
        label=pgettext_lazy("execution recording", "Unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=pgettext_lazy("execution recording", "All units"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plans = policy.scope(Plan.objects.all(), user)
        years = set(plans.values_list("year", flat=True)) | {current_academic_year()}
        self.fields["year"].choices = [
            (y, academic_year_label(y)) for y in sorted(years, reverse=True)
        ]
        if policy.sees_all_units(user):
            self.fields["unit"].queryset = policy.visible_units(user).order_by("name")
        else:
            del self.fields["unit"]
