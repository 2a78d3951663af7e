"""Importing a plan in the browser: upload, see the report of a dry run, then import.

The upload waits in the default storage under imports/ between the two steps (so the second
step may reach another server), named by a random token kept in the session; a day-old upload
that was never confirmed is swept away.
"""

import secrets
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners import policy
from plans.importing.detect import read_plan_file
from plans.importing.forms import PlanImportForm
from plans.importing.parsed import PlanImportError
from plans.importing.writer import import_plan

SESSION_KEY = "plan_import"
TEMPLATES = "plans/importing/"


def _require_importer(user) -> None:
    """The access helper: only those who may import plans get past it."""
    if not policy.may_import_plans(user):
        raise PermissionDenied


IMPORTS_DIR = "imports"


def _upload_name(token: str) -> str:
    return f"{IMPORTS_DIR}/{token}.upload"


def _sweep_old_uploads(max_age_seconds: int = 24 * 3600) -> None:
    """Uploads checked but never confirmed are removed after a day."""
    limit = timezone.now() - timedelta(seconds=max_age_seconds)
    try:
        names = default_storage.listdir(IMPORTS_DIR)[1]
    except (FileNotFoundError, OSError):
        return
    for name in names:
        stale = f"{IMPORTS_DIR}/{name}"
        try:
            if name.endswith(".upload") and default_storage.get_modified_time(stale) < limit:
                default_storage.delete(stale)
        except (OSError, NotImplementedError):
            continue


def _run(upload, name, cleaned, dry_run):
    parsed = read_plan_file(upload, name)
    return import_plan(
        parsed, unit=cleaned.get("unit"), unit_name=cleaned.get("new_unit", ""),
        year=cleaned["year"], create_unit=bool(cleaned.get("new_unit")), dry_run=dry_run,
    )


def _keep_upload(request, upload, cleaned) -> str:
    _sweep_old_uploads()
    token = secrets.token_hex(16)
    upload.seek(0)
    default_storage.save(_upload_name(token), ContentFile(upload.read()))
    unit = cleaned.get("unit")
    request.session[SESSION_KEY] = {
        "token": token, "name": upload.name[:200], "unit": unit.pk if unit else None,
        "new_unit": cleaned.get("new_unit", ""), "year": cleaned["year"],
    }
    return token


@login_required
def plan_import(request):
    _require_importer(request.user)
    form = PlanImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = _run(upload, upload.name, form.cleaned_data, dry_run=True)
        except PlanImportError as error:
            form.add_error(error.field, str(error))
        else:
            token = _keep_upload(request, upload, form.cleaned_data)
            return render(request, TEMPLATES + "plan_import_preview.html",
                          {"report": report, "token": token, "file_name": upload.name})
    return render(request, TEMPLATES + "plan_import.html", {
        "form": form, "may_import_partners": policy.may_manage_registry(request.user),
    })


def _stored_target(request, stored) -> dict:
    """The unit and year kept from the upload, checked again against the user's rights."""
    cleaned = {"year": stored["year"], "new_unit": stored["new_unit"]}
    if stored["unit"]:
        unit = policy.managed_units(request.user).filter(pk=stored["unit"]).first()
        if unit is None:
            raise PermissionDenied
        cleaned["unit"] = unit
    elif not policy.may_create_units(request.user):
        raise PermissionDenied
    return cleaned


def _expired(request):
    messages.error(request, _("The upload has expired; upload the file again."))
    return redirect("plans:import")


@login_required
@require_POST
def plan_import_confirm(request):
    _require_importer(request.user)
    stored = request.session.get(SESSION_KEY)
    token = request.POST.get("token", "")
    # bytes: compare_digest refuses a str with non-ASCII characters (a TypeError, a 500)
    if not stored or not secrets.compare_digest(stored["token"].encode(), token.encode()):
        return _expired(request)
    name = _upload_name(stored["token"])
    try:
        cleaned = _stored_target(request, stored)
        with default_storage.open(name, "rb") as handle:
            report = _run(handle, stored["name"], cleaned, dry_run=False)
    except FileNotFoundError:
        return _expired(request)
    except PlanImportError as error:
        messages.error(request, str(error))
        return redirect("plans:import")
    finally:
        del request.session[SESSION_KEY]
        default_storage.delete(name)
    return _done(request, report)


def _done(request, report):
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
