"""The agreements and partnerships on a partner's page, as the user may see them."""

from django import template
from django.utils import timezone

from partners import policy
from partners.models import Agreement, Partnership
from partners.stages import progress

register = template.Library()


@register.inclusion_tag("partners/_partner_holdings.html", takes_context=True)
def partner_holdings(context, partner):
    user = context["request"].user
    agreements = list(
        policy.scope(Agreement.objects.filter(partner=partner), user)
        .select_related("unit", "teacher")
        .order_by("-valid_from", "pk")
    )
    partnerships = list(
        policy.scope(Partnership.objects.filter(partner=partner), user)
        .select_related("unit", "teacher", "stage_set_by")
        .order_by("unit__order", "unit__name", "pk")
    )
    for partnership in partnerships:
        partnership.progress_done, partnership.progress_total = progress(partnership)
    return {
        "partner": partner,
        "agreements": agreements,
        "partnerships": partnerships,
        "today": timezone.localdate(),
        "can_add": policy.may_add_holder_objects(user),
        "request": context["request"],
    }
