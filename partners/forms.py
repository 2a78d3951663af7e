"""Registry forms: partners and contacts, merging, agreements, partnerships, imports."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from partners import extensions, inputs, policy, roles, uploads
from partners.models import Agreement, Contact, Partner, Partnership, Stage, Unit
from partners.naming import normalise_name, similar_partners
from partners.stages import CHECKLISTS, clean_checklist

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnerForm(forms.ModelForm):
    """A partner's details; a name close to another partner's asks for a confirmation."""

    confirm_similar = forms.BooleanField(
        label=_("Yes, this is a different partner"), required=False
    )
    site = forms.URLField(
        label=capfirst(_("site")), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Partner
        fields = [
            "name", "short_name", "category", "unit", "address", "phone", "email", "site",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"category": inputs.IdChoiceField, "unit": inputs.IdChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar = []
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["unit"].queryset = Unit.objects.order_by("order", "name")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not normalise_name(name):
            raise forms.ValidationError(_("Enter the partner's name."))
        other = Partner.objects.exclude(pk=self.instance.pk).same_as(name)
        if other is not None:
            raise forms.ValidationError(
                _("The registry already has this partner: «%(name)s»."),
                params={"name": other.name},
            )
        return name

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        changed_name = self.instance.pk is None or "name" in self.changed_data
        if name and changed_name:
            self.similar = similar_partners(name, exclude=self.instance.pk)
            if self.similar and not cleaned.get("confirm_similar"):
                self.add_error(
                    "confirm_similar",
                    _("The registry has partners with a similar name (listed above). "
                      "Check that this is not one of them, then tick the box."),
                )
        return cleaned


ContactFormSet = forms.inlineformset_factory(
    Partner,
    Contact,
    fields=["name", "position", "phone", "email"],
    labels={"name": _("Name and surname")},
    extra=1,
    can_delete=True,
    max_num=50,
    validate_max=True,
    absolute_max=50,  # else a forged TOTAL_FORMS makes 1,050 forms to build and render
)


class MergeForm(forms.Form):
    other = inputs.IdChoiceField(
        label=_("Duplicate to merge into this partner"), queryset=Partner.objects.none()
    )

    def __init__(self, *args, keep: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = Partner.objects.exclude(pk=keep.pk).order_by("name")


# --------------------------------------------------------------------------- agreements


def teacher_queryset(units):
    return (
        get_user_model()
        .objects.filter(groups__name=roles.TEACHER, units__in=units)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class UserChoiceField(inputs.IdChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class AgreementForm(forms.ModelForm):
    teacher = UserChoiceField(
        label=_("Holder teacher"), required=False, queryset=get_user_model().objects.none(),
        help_text=_("Only when a single teacher of the unit holds the agreement."),
    )

    class Meta:
        model = Agreement
        fields = [
            "partner", "unit", "teacher", "number", "signed_on", "valid_from", "valid_until",
            "subject", "file",
        ]
        widgets = {
            "signed_on": DATE_WIDGET,
            "valid_from": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
            "subject": forms.Textarea(attrs={"rows": 3}),
            # The stored file has no public URL, so the "clearable" widget cannot show it.
            "file": forms.FileInput,
        }
        labels = {"unit": _("Holder unit")}
        field_classes = {"partner": inputs.IdChoiceField, "unit": inputs.IdChoiceField}

    remove_file = forms.BooleanField(label=_("Remove the signed file"), required=False)

    def __init__(self, *args, user, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        units = policy.managed_units(user).order_by("order", "name")
        self.fields["unit"].queryset = units
        self.fields["partner"].queryset = Partner.objects.filter(is_active=True) | (
            Partner.objects.filter(pk=self.instance.partner_id)
        )
        self.fields["teacher"].queryset = teacher_queryset(units)
        if partner is not None and not self.instance.pk:
            self.fields["partner"].initial = partner.pk
        if units.count() == 1 and not self.instance.pk:
            self.fields["unit"].initial = units.first().pk
        # Fields that higher apps add (plans: the joint-plan annex); see partners.extensions.
        for annex in extensions.agreement_annexes:
            annex.contribute(self, units, partner)
        self.fields["file"].help_text = _(
            "A PDF or an image (PNG, JPEG), at most %(mb)s MB."
        ) % {"mb": uploads.max_upload_bytes() // (1024 * 1024)}
        self.fields["file"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg"
        if not self.instance.file:
            del self.fields["remove_file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            kind = uploads.validate_agreement_file(upload)
            self.file_name = uploads.safe_file_name(upload.name, kind)
            upload.name = "signed" + uploads.EXTENSIONS[kind]
        return upload

    def clean(self):
        cleaned = super().clean()
        unit, teacher = cleaned.get("unit"), cleaned.get("teacher")
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The agreement cannot end before it starts."))
        if unit and teacher and not policy.is_member(teacher, unit.pk):
            self.add_error("teacher", _("This teacher is not a member of the holder unit."))
        for annex in extensions.agreement_annexes:
            annex.clean(self, cleaned)
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        for annex in extensions.agreement_annexes:
            annex.save(self, self.instance)

    def save(self, commit=True):
        agreement = super().save(commit=False)
        if hasattr(self, "file_name"):
            agreement.file_name = self.file_name
        elif self.cleaned_data.get("remove_file"):
            agreement.file = None
        if not agreement.file:
            agreement.file_name = ""
        if commit:
            agreement.save()
            self.save_m2m()
        return agreement


# --------------------------------------------------------------------------- partnerships


class PartnershipForm(forms.ModelForm):
    teacher = UserChoiceField(
        label=_("Holder teacher"), required=False, queryset=get_user_model().objects.none(),
        help_text=_("Only when a single teacher of the unit holds the partnership."),
    )

    class Meta:
        model = Partnership
        fields = ["unit", "teacher"]
        labels = {"unit": _("Holder unit")}
        field_classes = {"unit": inputs.IdChoiceField}

    def __init__(self, *args, user, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        units = policy.managed_units(user).order_by("order", "name")
        self.fields["unit"].queryset = units
        self.fields["teacher"].queryset = teacher_queryset(units)
        if units.count() == 1:
            self.fields["unit"].initial = units.first().pk

    def clean(self):
        cleaned = super().clean()
        unit, teacher = cleaned.get("unit"), cleaned.get("teacher")
        if unit and teacher and not policy.is_member(teacher, unit.pk):
            self.add_error("teacher", _("This teacher is not a member of the holder unit."))
        if unit and Partnership.objects.filter(
            partner=self.partner, unit=unit, teacher=teacher
        ).exists():
            raise forms.ValidationError(_("This holder already has a partnership with this "
                                          "partner."))
        return cleaned


class StageForm(forms.ModelForm):
    """The stage, the date it was reached and the checklist of every stage."""

    class Meta:
        model = Partnership
        fields = ["stage", "stage_reached_on"]
        widgets = {"stage": forms.RadioSelect, "stage_reached_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        done = clean_checklist(self.instance.checklist)
        self.checklist_fields = []
        for stage, items in CHECKLISTS.items():
            names = []
            for key, label in items:
                name = f"check_{key}"
                self.fields[name] = forms.BooleanField(
                    label=label, required=False, initial=key in done
                )
                names.append(name)
            self.checklist_fields.append((Stage(stage).label, names))

    def clean_stage_reached_on(self):
        day = self.cleaned_data["stage_reached_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The stage cannot be reached in the future."))
        return day

    def save(self, commit=True, *, user=None):
        partnership = super().save(commit=False)
        partnership.checklist = {
            key: True
            for items in CHECKLISTS.values()
            for key, _label in items
            if self.cleaned_data.get(f"check_{key}")
        }
        if {"stage", "stage_reached_on"} & set(self.changed_data) and user is not None:
            partnership.stage_set_by = user
        if commit:
            partnership.save()
        return partnership

    def checklist_groups(self):
        return [(label, [self[name] for name in names]) for label, names in self.checklist_fields]


# --------------------------------------------------------------------------- imports


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, accept="", **kwargs):
        super().__init__(*args, **kwargs)
        if accept:
            self.fields["file"].widget.attrs["accept"] = accept

    def clean_file(self):
        upload = self.cleaned_data["file"]
        uploads.check_size(upload)
        return upload
