"""Importing a plan in the browser: upload, see the report of a dry run, then import."""

import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partners import access, roles, uploads
from partners.models import Unit
from plans.importing import PlanImportError, import_plan, parse_year, read_plan_file
from plans.models import academic_year_label, current_academic_year

SESSION_KEY = "plan_import"


def can_import(user) -> bool:
    return roles.is_administrator(user) or (roles.is_teacher(user) and user.units.exists())


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Word (.docx) or Excel (.xlsx) file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx"}),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"), queryset=Unit.objects.none(), required=False
    )
    new_unit = forms.CharField(
        label=gettext_lazy("…or a new creative association"), max_length=200, required=False,
        help_text=gettext_lazy("Its name, when the unit is not in the list yet."),
    )
    year = forms.CharField(label=gettext_lazy("Academic year"), max_length=20)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.manageable_units(user).order_by("order", "name")
        self.fields["unit"].queryset = units
        if not roles.is_administrator(user) and len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        if not roles.is_administrator(user):
            del self.fields["new_unit"]
            self.fields["unit"].required = True
        self.fields["year"].initial = academic_year_label(current_academic_year() + 1)
        self.fields["year"].help_text = _("For example %(year)s.") % {
            "year": academic_year_label(current_academic_year() + 1)
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        uploads.check_size(upload)
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


def _imports_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _sweep_old_uploads(max_age_seconds: int = 24 * 3600) -> None:
    """Uploads checked but never confirmed are removed after a day."""
    limit = time.time() - max_age_seconds
    for stale in _imports_dir().glob("*.upload"):
        try:
            if stale.stat().st_mtime < limit:
                stale.unlink()
        except OSError:
            continue


def _run(upload, name, cleaned, dry_run):
    parsed = read_plan_file(upload, name)
    return import_plan(
        parsed,
        unit=cleaned.get("unit"),
        unit_name=cleaned.get("new_unit", ""),
        year=cleaned["year"],
        create_unit=bool(cleaned.get("new_unit")),
        dry_run=dry_run,
    )


@login_required
def plan_import(request):
    if not can_import(request.user):
        raise PermissionDenied
    form = PlanImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = _run(upload, upload.name, form.cleaned_data, dry_run=True)
        except PlanImportError as error:
            form.add_error(error.field, str(error))
        else:
            _sweep_old_uploads()
            token = secrets.token_hex(16)
            upload.seek(0)
            (_imports_dir() / f"{token}.upload").write_bytes(upload.read())
            unit = form.cleaned_data.get("unit")
            request.session[SESSION_KEY] = {
                "token": token,
                "name": upload.name[:200],
                "unit": unit.pk if unit else None,
                "new_unit": form.cleaned_data.get("new_unit", ""),
                "year": form.cleaned_data["year"],
            }
            return render(
                request, "plans/plan_import_preview.html",
                {"report": report, "token": token, "file_name": upload.name},
            )
    return render(request, "plans/plan_import.html", {"form": form})


@login_required
@require_POST
def plan_import_confirm(request):
    if not can_import(request.user):
        raise PermissionDenied
    stored = request.session.get(SESSION_KEY)
    token = request.POST.get("token", "")
    if not stored or not secrets.compare_digest(stored["token"], token):
        messages.error(request, _("The upload has expired; upload the file again."))
        return redirect("plans:import")
    path = _imports_dir() / f"{stored['token']}.upload"
    cleaned = {"year": stored["year"], "new_unit": stored["new_unit"]}
    if stored["unit"]:
        unit = access.manageable_units(request.user).filter(pk=stored["unit"]).first()
        if unit is None:
            raise PermissionDenied
        cleaned["unit"] = unit
    elif not roles.is_administrator(request.user):
        raise PermissionDenied
    try:
        with path.open("rb") as handle:
            report = _run(handle, stored["name"], cleaned, dry_run=False)
    except FileNotFoundError:
        messages.error(request, _("The upload has expired; upload the file again."))
        return redirect("plans:import")
    except PlanImportError as error:
        messages.error(request, str(error))
        return redirect("plans:import")
    finally:
        del request.session[SESSION_KEY]
        path.unlink(missing_ok=True)
    messages.success(
        request,
        _("The plan is imported: %(rows)s partners, %(activities)s activities.")
        % {"rows": report.row_count, "activities": report.activity_count},
    )
    if report.problems:
        messages.warning(
            request,
            _("Check what the import could not recognise: %(problems)s")
            % {"problems": " ".join(report.problems[:5])},
        )
    return redirect("plans:detail", report.plan_id)
