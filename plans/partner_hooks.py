"""What plans adds to the registry's pages and merges, through partners.extensions.

Registered once, from PlansConfig.ready(): the partner page's «In annual plans» panel, the
registry's «Plan rows» column, the joint-plan annex of an agreement (its form field, checks
and page section), the plan rows' part of merging two partners (plans.merging), and the refusal
to delete a direction or a form of interaction that an approved plan prints (plans.locking).
"""

from django import forms
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners import extensions, inputs, policy
from plans import locking
from plans.merging import PlanRowsMerge
from plans.models import PlanRow


def partner_rows_panel(request, partner) -> str:
    """The rows of the plans the user sees that name the partner."""
    rows = (
        policy.scope(PlanRow.objects.filter(partner=partner), request.user, "plan__unit")
        .select_related("plan", "plan__unit")
        .annotate(activity_count=Count("activities", filter=Q(activities__isnull=False)))
        .order_by("-plan__year", "plan__unit__name")
    )
    return render_to_string("plans/_partner_rows.html", {"rows": rows}, request=request)


def annotate_row_count(queryset, user):
    """The number of rows naming each partner in the plans the user may see (`policy.scope`):
    a teacher is not told of rows in other units' plans."""
    rows = (
        policy.scope(PlanRow.objects.all(), user, "plan__unit")
        .filter(partner=OuterRef("pk"))
        .order_by()
        .values("partner")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(row_count=Coalesce(Subquery(rows), 0))


ROW_COUNT = extensions.RegistryColumn(gettext_lazy("Plan rows"), "row_count", annotate_row_count)


class PlanRowChoiceField(inputs.IdMultipleChoiceField):
    def label_from_instance(self, row):
        return f"{row.plan.unit}, {row.plan.academic_year}: {row.partner}"


class JointPlanAnnex:
    """An agreement's annex: the rows of the holder unit's plans with its partner."""

    field_name = "plan_rows"

    def contribute(self, form, units, partner) -> None:
        rows = PlanRow.objects.filter(plan__unit__in=units).select_related(
            "plan", "plan__unit", "partner"
        )
        partner_pk = form.data.get("partner") or form.instance.partner_id or (
            partner.pk if partner else None
        )
        unit_pk = form.data.get("unit") or form.instance.unit_id
        if inputs.parse_id(partner_pk or "") is not None:
            rows = rows.filter(partner_id=partner_pk)
        if inputs.parse_id(unit_pk or "") is not None:
            rows = rows.filter(plan__unit_id=unit_pk)
        form.fields[self.field_name] = PlanRowChoiceField(
            label=gettext_lazy("Joint plan (annex)"),
            required=False,
            queryset=rows.order_by("-plan__year", "plan__unit__name"),
            widget=forms.CheckboxSelectMultiple,
            help_text=gettext_lazy(
                "The rows of the holder unit's plans with this partner that the agreement "
                "covers."
            ),
            initial=list(form.instance.plan_rows.all()) if form.instance.pk else [],
        )

    def clean(self, form, cleaned) -> None:
        partner, unit = cleaned.get("partner"), cleaned.get("unit")
        for row in cleaned.get(self.field_name) or []:
            if (partner and row.partner_id != partner.pk) or (unit and row.plan.unit_id != unit.pk):
                form.add_error(
                    self.field_name,
                    _("The annex may only hold rows of the holder unit's plans with this "
                      "partner."),
                )
                return

    def save(self, form, agreement) -> None:
        if self.field_name in form.cleaned_data:
            agreement.plan_rows.set(form.cleaned_data[self.field_name])

    def panel(self, request, agreement) -> str:
        rows = agreement.plan_rows.select_related("plan", "plan__unit").prefetch_related(
            "activities"
        )
        return render_to_string("plans/_agreement_annex.html", {"rows": rows}, request=request)


class ApprovedPlanGuard:
    """A direction or a form of interaction that an approved plan prints is not deleted: the
    plan would change (plans.locking refuses the deletion itself, too)."""

    def refusal(self, obj) -> str | None:
        plan = locking.approved_plan_using(obj)
        return None if plan is None else locking.locked_message(plan)


APPROVED_PLAN_GUARD = ApprovedPlanGuard()


def register() -> None:
    extensions.register(extensions.partner_panels, partner_rows_panel)
    extensions.register(extensions.registry_columns, ROW_COUNT)
    extensions.register(extensions.agreement_annexes, JOINT_PLAN_ANNEX)
    extensions.register(extensions.merge_steps, PLAN_ROWS_MERGE)
    extensions.register(extensions.delete_guards, APPROVED_PLAN_GUARD)


JOINT_PLAN_ANNEX = JointPlanAnnex()
PLAN_ROWS_MERGE = PlanRowsMerge()
