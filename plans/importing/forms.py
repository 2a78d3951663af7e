"""The upload form of the plan importer."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners import inputs, policy, uploads
from partners.models import Unit
from plans.importing.parsed import PlanImportError
from plans.importing.target import parse_year
from plans.models import academic_year_label, current_academic_year


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Word (.docx) or Excel (.xlsx) file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx"}),
    )
    unit = inputs.IdChoiceField(
        label=gettext_lazy("Unit"), queryset=Unit.objects.none(), required=False
    )
    new_unit = forms.CharField(
        label=gettext_lazy("…or a new creative association"), max_length=200, required=False,
        help_text=gettext_lazy("Its name, when the unit is not in the list yet."),
    )
    year = forms.CharField(label=gettext_lazy("Academic year"), max_length=20)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = policy.managed_units(user).order_by("order", "name")
        self.fields["unit"].queryset = units
        if not policy.may_create_units(user):
            del self.fields["new_unit"]
            self.fields["unit"].required = True
            if len(units) == 1:
                self.fields["unit"].initial = units[0].pk
        next_year = academic_year_label(current_academic_year() + 1)
        self.fields["year"].initial = next_year
        self.fields["year"].help_text = _("For example %(year)s.") % {"year": next_year}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            uploads.check_size(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload

    def clean_year(self):
        try:
            return parse_year(self.cleaned_data["year"])
        except PlanImportError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        unit, new_unit = cleaned.get("unit"), (cleaned.get("new_unit") or "").strip()
        if "unit" in self.errors:
            return cleaned
        if unit and new_unit:
            self.add_error("new_unit", _("Choose a unit or name a new one, not both."))
        elif not unit and not new_unit:
            self.add_error("unit", _("Choose the unit whose plan this is."))
        return cleaned
