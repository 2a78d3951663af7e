"""Keeping the registry: partners with their contacts, archiving, merging duplicates, importing
partners from a table, and the partnerships (holder, stage, checklist) with their history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners import access, importing, inputs, naming, policy, services
from partners.forms import (
    ContactFormSet,
    MergeForm,
    PartnerForm,
    PartnershipForm,
    StageForm,
    UploadForm,
)
from partners.models import Category, Partner
from partners.stages import checklists_for

IMPORT_SESSION_KEY = "partner_import"
IMPORT_DONE_KEY = "partner_import_done"


def _require_registry_manager(request):
    if not policy.may_manage_registry(request.user):
        raise PermissionDenied


# --------------------------------------------------------------------------- partners


def _save_partner(request, partner, template, title):
    form = PartnerForm(request.POST or None, instance=partner)
    formset = ContactFormSet(request.POST or None, instance=partner, prefix="contacts")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            saved = form.save()
            formset.instance = saved
            formset.save()
        messages.success(request, _("The partner «%(name)s» is saved.") % {"name": saved.name})
        return redirect(saved)
    return render(
        request, template,
        {"form": form, "formset": formset, "partner": partner, "title": title},
    )


@login_required
def partner_create(request):
    _require_registry_manager(request)
    return _save_partner(request, Partner(), "partners/partner_form.html", _("New partner"))


@login_required
def partner_edit(request, pk):
    partner = access.get_partner(request, pk, manage=True)
    return _save_partner(
        request, partner, "partners/partner_form.html",
        _("Edit «%(name)s»") % {"name": partner.name},
    )


@login_required
def partner_similar(request):
    """The partners whose name is close to ?name= (a hint while typing a new name)."""
    _require_registry_manager(request)
    name = request.GET.get("name", "")[:300]
    exclude = inputs.int_param(request.GET, "exclude")
    similar = naming.similar_partners(name, exclude=exclude)
    return render(request, "partners/_similar.html", {"similar": similar})


@login_required
@require_POST
def partner_archive(request, pk):
    partner = access.get_partner(request, pk, manage=True)
    partner.is_active = False
    partner.save()
    messages.success(request, _("«%(name)s» is archived.") % {"name": partner.name})
    return redirect(partner)


@login_required
@require_POST
def partner_restore(request, pk):
    partner = access.get_partner(request, pk, manage=True)
    partner.is_active = True
    partner.save()
    messages.success(request, _("«%(name)s» is restored.") % {"name": partner.name})
    return redirect(partner)


@login_required
def partner_merge(request, pk):
    """Merge a duplicate into this partner: everything of the duplicate moves here.

    A merge step may refuse (plans refuses while the duplicate is in an approved plan): the
    page then says why, offers no merge button, and a posted merge changes nothing.
    """
    keep = access.get_partner(request, pk, manage=True)
    data = request.POST if request.method == "POST" else (request.GET if "other" in request.GET
                                                         else None)
    form = MergeForm(data, keep=keep)
    preview = other = None
    if data is not None and form.is_valid():
        other = form.cleaned_data["other"]
        if request.method == "POST" and request.POST.get("confirm"):
            try:
                summary = services.merge_partners(keep, other)
            except services.MergeRefused:
                pass  # the preview below names the reason
            else:
                messages.success(
                    request,
                    _("«%(other)s» is merged into «%(keep)s»: moved %(moved)s.")
                    % {"other": other.name, "keep": keep.name,
                       "moved": ", ".join(summary.moved)},
                )
                return redirect(keep)
        preview = services.merge_preview(keep, other)
    return render(
        request,
        "partners/partner_merge.html",
        {
            "partner": keep, "form": form, "other": other, "preview": preview,
            "similar": naming.similar_partners(keep.name, exclude=keep.pk),
        },
    )


# --------------------------------------------------------------------------- import


@login_required
def partner_import(request):
    _require_registry_manager(request)
    form = UploadForm(request.POST or None, request.FILES or None, accept=".xlsx,.csv")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = importing.read_table(upload)
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            request.session[IMPORT_SESSION_KEY] = {"name": upload.name[:200], "rows": rows}
            return redirect("partners:import_preview")
    return render(request, "partners/partner_import.html", {"form": form})


def _mapping_from(request, headers):
    mapping = []
    for index in range(len(headers)):
        value = request.POST.get(f"column_{index}", "")
        mapping.append(value if value in importing.FIELD_NAMES else "")
    return mapping


@login_required
def partner_import_preview(request):
    """Map the columns, see every line's errors (the dry run), then import."""
    _require_registry_manager(request)
    stored = request.session.get(IMPORT_SESSION_KEY)
    if not stored:
        messages.info(request, _("Upload a table first."))
        return redirect("partners:import")
    rows = stored["rows"]
    headers = rows[0]
    categories = Category.objects.all()
    default_category = None
    if request.method == "POST":
        mapping = _mapping_from(request, headers)
        default_pk = inputs.int_param(request.POST, "default_category")
        if default_pk is not None:
            default_category = categories.filter(pk=default_pk).first()
    else:
        mapping = importing.guess_mapping(headers)
    result = importing.check(rows, mapping, default_category)
    if request.method == "POST" and request.POST.get("action") == "import":
        if result.ok:
            saved = importing.save(result)
            del request.session[IMPORT_SESSION_KEY]
            request.session[IMPORT_DONE_KEY] = {
                "created": [p.pk for p in saved.created],
                "updated": [p.pk for p in saved.updated],
                "contacts": saved.contacts,
                "similar": [[new.pk, old.pk] for new, old in saved.similar],
            }
            return redirect("partners:import_done")
        messages.error(request, _("Nothing was imported: correct the errors first."))
    columns = [
        {"index": i, "header": header, "field": mapping[i],
         "samples": [row[i] for row in rows[1:6] if i < len(row) and row[i]][:3]}
        for i, header in enumerate(headers)
    ]
    return render(
        request,
        "partners/partner_import_preview.html",
        {
            "file_name": stored.get("name", ""), "columns": columns,
            "fields": importing.FIELDS, "result": result, "categories": categories,
            "default_category": default_category, "line_count": len(rows) - 1,
        },
    )


@login_required
def partner_import_done(request):
    _require_registry_manager(request)
    done = request.session.get(IMPORT_DONE_KEY)
    if not done:
        return redirect("partners:import")
    partners = Partner.objects.in_bulk(
        done["created"] + done["updated"] + [pk for pair in done["similar"] for pk in pair]
    )
    similar = [
        (partners[new], partners[old])
        for new, old in done["similar"]
        if new in partners and old in partners
    ]
    return render(
        request,
        "partners/partner_import_done.html",
        {
            "created": [partners[pk] for pk in done["created"] if pk in partners],
            "updated": [partners[pk] for pk in done["updated"] if pk in partners],
            "contacts": done["contacts"],
            "similar": similar,
        },
    )


# --------------------------------------------------------------------------- partnerships


@login_required
def partnership_create(request, pk):
    partner = access.get_partner(request, pk)
    if not policy.may_add_holder_objects(request.user):
        raise PermissionDenied
    form = PartnershipForm(request.POST or None, user=request.user, partner=partner)
    if request.method == "POST" and form.is_valid():
        partnership = form.save(commit=False)
        partnership.partner = partner
        partnership.stage_set_by = request.user
        partnership.save()
        messages.success(request, _("The partnership is recorded at its first stage."))
        return redirect("partners:partnership", partnership.pk)
    return render(request, "partners/partnership_form.html", {"form": form, "partner": partner})


@login_required
def partnership_detail(request, pk):
    partnership = access.get_partnership(request, pk)
    can_manage = policy.may_manage_holder_object(request.user, partnership)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = StageForm(request.POST, instance=partnership)
        if form.is_valid():
            form.save(user=request.user)
            messages.success(request, _("The stage and the checklist are saved."))
            return redirect("partners:partnership", partnership.pk)
    else:
        form = StageForm(instance=partnership)
    history = list(
        partnership.history.select_related("history_user", "stage_set_by").order_by(
            "-history_date", "-history_id"
        )[:50]
    )
    return render(
        request,
        "partners/partnership_detail.html",
        {
            "partnership": partnership, "partner": partnership.partner, "form": form,
            "can_manage": can_manage, "checklists": checklists_for(partnership),
            "history": history,
        },
    )


@login_required
def partnership_delete(request, pk):
    partnership = access.get_partnership(request, pk, manage=True)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    partner = partnership.partner
    partnership.delete()
    messages.success(request, _("The partnership is deleted."))
    return redirect(partner)

