"""Cooperation agreements (договоры о сотрудничестве): list, record, change, delete, and the
signed file, served only to those who may see the agreement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from partners import access, extensions, inputs, policy, serving
from partners.filters import AgreementFilter
from partners.forms import AgreementForm
from partners.models import EXPIRING_WITHIN_DAYS, Agreement, Partner


@login_required
def agreement_list(request):
    today = timezone.localdate()
    queryset = policy.scope(
        Agreement.objects.select_related("partner", "unit", "teacher"), request.user
    )
    agreement_filter = AgreementFilter(
        request.GET or None, queryset=queryset, user=request.user, today=today
    )
    agreements = (
        agreement_filter.qs
        if agreement_filter.is_bound and agreement_filter.is_valid()
        else queryset
    )
    agreements = agreements.order_by("valid_until", "partner__name", "pk")
    return render(
        request,
        "partners/agreement_list.html",
        {
            "filter": agreement_filter,
            "agreements": agreements,
            "today": today,
            "expiring_days": EXPIRING_WITHIN_DAYS,
            "can_add": policy.may_add_holder_objects(request.user),
        },
    )


@login_required
def agreement_detail(request, pk):
    agreement = access.get_agreement(request, pk)
    panels = [annex.panel(request, agreement) for annex in extensions.agreement_annexes]
    return render(
        request,
        "partners/agreement_detail.html",
        {
            "agreement": agreement,
            "panels": panels,
            "can_manage": policy.may_manage_holder_object(request.user, agreement),
        },
    )


def _delete_file(name):
    if name:
        from django.core.files.storage import default_storage

        default_storage.delete(name)


def _save(request, form, old_file=""):
    try:
        with transaction.atomic():
            agreement = form.save()
    except BaseException:
        # The row rolled back: a file stored for it in the meantime goes too.
        stored = form.instance.file
        if stored and stored._committed and stored.name != old_file:
            _delete_file(stored.name)
        raise
    if old_file and old_file != agreement.file.name:
        _delete_file(old_file)
    messages.success(request, _("The agreement is saved."))
    return redirect(agreement)


@login_required
def agreement_create(request):
    if not policy.may_add_holder_objects(request.user):
        raise PermissionDenied
    partner = None
    partner_pk = inputs.int_param(request.GET, "partner")
    if partner_pk is not None:
        partner = Partner.objects.filter(pk=partner_pk).first()
    form = AgreementForm(
        request.POST or None, request.FILES or None, user=request.user, partner=partner
    )
    if request.method == "POST" and form.is_valid():
        return _save(request, form)
    return render(
        request,
        "partners/agreement_form.html",
        {"form": form, "title": _("New agreement"), "partner": partner},
    )


@login_required
def agreement_edit(request, pk):
    agreement = access.get_agreement(request, pk, manage=True)
    old_file = agreement.file.name
    form = AgreementForm(
        request.POST or None, request.FILES or None, instance=agreement, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        return _save(request, form, old_file)
    return render(
        request,
        "partners/agreement_form.html",
        {
            "form": form,
            "title": _("Agreement No. %(number)s") % {"number": agreement.number or "—"},
            "agreement": agreement,
        },
    )


@login_required
def agreement_delete(request, pk):
    agreement = access.get_agreement(request, pk, manage=True)
    if request.method == "POST":
        partner, name = agreement.partner, agreement.file.name
        agreement.delete()
        _delete_file(name)
        messages.success(request, _("The agreement is deleted."))
        return redirect(partner)
    return render(request, "partners/agreement_confirm_delete.html", {"agreement": agreement})


@login_required
def agreement_file(request, pk):
    """The signed file, for those who may see the agreement (others get a 404)."""
    agreement = access.get_agreement(request, pk)
    return serving.stored_file_response(
        agreement.file, agreement.file_name or f"agreement-{agreement.pk}"
    )
