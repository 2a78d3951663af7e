"""Choosing a row's partner: search the registry, or add a partner that is not there yet.

Both work without JavaScript: «Find» and «Add to the registry and choose» are submit buttons of
the row form (`row_intent`); with htmx the search box narrows the select as one types
(`partner_search`). Before a new partner is created, the registry partners it may well be
(`partners.search.lookalikes`) are shown to choose from; «add it anyway» (`confirm_new`)
creates it.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _

from partners import inputs, search
from partners.models import Partner
from plans.editor import services
from plans.editor.forms import QuickPartnerForm, RowForm, partners_matching
from plans.editor.panels import match_label
from plans.editor.services import EditRefused
from plans.editor.views.prelude import editor_view
from plans.editor.views.respond import events
from plans.models import PlanRow


def redisplay(data, plan, row, auto_id, errors=None):
    """The row form shown again with what the user typed and only the given errors."""
    form = RowForm(data, plan=plan, row=row, auto_id=auto_id)
    form.full_clean()
    form._errors.clear()
    for field, message in (errors or {}).items():
        form.add_error(field, message)
    return form


def row_intent(request, form, plan, row):
    """Handle «Find» and «Add to the registry and choose»; a form to show again, or None."""
    if "find" in request.POST:
        return _found(request, form, plan, row)
    if "choose_partner" in request.POST:
        return _chosen(request, form, plan, row)
    if "quick_create" in request.POST or "confirm_new" in request.POST:
        return _quick_create(request, form, plan, row)
    new_name = " ".join(request.POST.get("new_partner_name", "").split())
    if new_name and not request.POST.get("partner"):
        return _lookalikes_first(request, form, plan, row, new_name)
    return None


def _lookalikes_first(request, form, plan, row, name):
    """The form again with the registry partners `name` may be, unless the user confirmed the
    new one or the name is the same as a registry partner's (chosen or refused elsewhere)."""
    if "confirm_new" in request.POST or Partner.objects.same_as(name) is not None:
        return None
    similar = search.lookalikes(name)
    if not similar:
        return None
    shown = redisplay(request.POST, plan, row, form.auto_id)
    shown.similar = similar
    shown.focus = "new_partner_name"
    return shown


def _chosen(request, form, plan, row):
    """One of the shown look-alikes is chosen instead of creating a new partner."""
    pk = request.POST.get("choose_partner", "")
    partner = Partner.objects.active().filter(pk=pk).first() if pk.isdigit() else None
    if partner is None:
        return redisplay(request.POST, plan, row, form.auto_id)
    data = request.POST.copy()
    data["partner"] = str(partner.pk)
    data["new_partner_name"] = ""
    data["new_partner_category"] = ""
    shown = redisplay(data, plan, row, form.auto_id)
    shown.chosen_notice = _chosen_notice(partner, False)
    shown.focus = "partner"
    return shown


def _found(request, form, plan, row):
    query = request.POST.get("q", "")
    shown = redisplay(request.POST, plan, row, form.auto_id)
    matches = list(partners_matching(query))
    shown.set_partner_options(matches, match_label(len(matches)))
    shown.query = query[:100]
    shown.focus = "partner"
    return shown


def _quick_create(request, form, plan, row):
    """Choose the registry partner that is the same as the typed name, else create it."""
    quick = QuickPartnerForm(request.POST)
    if quick.is_valid():
        similar_first = _lookalikes_first(
            request, form, plan, row, quick.cleaned_data["new_partner_name"]
        )
        if similar_first is not None:
            return similar_first
        try:
            partner, created = services.find_or_create_partner(
                name=quick.cleaned_data["new_partner_name"],
                category=quick.cleaned_data["new_partner_category"],
                user=request.user,
            )
        except EditRefused as refused:
            quick.add_error(refused.field, refused.message)
        else:
            data = request.POST.copy()
            data["partner"] = str(partner.pk)
            data["new_partner_name"] = ""
            data["new_partner_category"] = ""
            shown = redisplay(data, plan, row, form.auto_id)
            shown.chosen_notice = _chosen_notice(partner, created)
            shown.focus = "partner"
            return shown
    errors = {field: quick.errors[field] for field in quick.errors}
    shown = redisplay(request.POST, plan, row, form.auto_id, errors)
    shown.focus = next(iter(errors), "new_partner_name")
    return shown


def _chosen_notice(partner, created: bool) -> str:
    if created:
        return _("«%(partner)s» is added to the registry and chosen.") % {"partner": partner}
    return _("«%(partner)s» is already in the registry: it is chosen.") % {"partner": partner}


def chosen_notice(form) -> str:
    """What to announce after «Add to the registry and choose» (nothing after other submits)."""
    return getattr(form, "chosen_notice", "")


@editor_view(allow_approved=True, methods=["GET"])
def partner_search(request, target):
    """The options of the partner select, narrowed to the registry partners matching `q`."""
    plan = target.plan
    row = None
    if (row_pk := inputs.int_param(request.GET, "row")) is not None:
        row = PlanRow.objects.filter(plan=plan, pk=row_pk).first()
    partner_pk = inputs.int_param(request.GET, "partner")
    form = RowForm(plan=plan, row=row, initial={"partner": partner_pk})
    matches = list(partners_matching(request.GET.get("q", "")))
    if len(matches) == 1 and partner_pk is None:
        form.initial["partner"] = matches[0].pk
    form.set_partner_options(matches, match_label(len(matches)))
    selected = form.initial.get("partner")
    groups = form.fields["partner"].widget.optgroups("partner", [str(selected or "")])
    response = render(request, "plans/edit/_partner_options.html", {"groups": groups})
    return events(response, notice=match_label(len(matches)).strip("— "))
