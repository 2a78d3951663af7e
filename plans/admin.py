"""The admin for plans, for administrators only, asking partners.policy like every view.

An approved plan's rows and activities are read-only here, as in the editor: an administrator
takes the plan back to draft (the workflow's «Take back to draft», with its reason) first.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partners import policy
from partners.admin import AdministratorsOnly
from plans.locking import PlanLockedAdminMixin
from plans.models import Activity, Comment, Plan, PlanRow, PlanTransition


class PolicyAdminMixin(AdministratorsOnly):
    """Administrators only; objects of a plan the policy says may not be edited are read-only.

    `plan_of(obj)` names the plan of the object asked about (for an inline, of its parent).
    """

    def plan_of(self, obj):
        return None

    def _may(self, request, obj=None) -> bool:
        if not policy.may_use_admin(request.user):
            return False
        plan = self.plan_of(obj) if obj is not None else None
        return plan is None or policy.may_edit_plan(request.user, plan)

    def has_add_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)

    def get_actions(self, request):
        # A bulk delete would not ask about each object's plan.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class PlanRowInline(PolicyAdminMixin, admin.TabularInline):
    model = PlanRow
    extra = 0
    fields = ["order", "partner", "characteristic"]
    autocomplete_fields = ["partner"]
    show_change_link = True

    def plan_of(self, obj):
        return obj  # an inline is asked about its parent, the plan


class TransitionInline(admin.TabularInline):
    model = PlanTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "comment"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # steps are taken in the workflow, with their reason


@admin.register(Plan)
class PlanAdmin(PolicyAdminMixin, PlanLockedAdminMixin, SimpleHistoryAdmin):
    list_display = ["unit", "year", "status", "approved_at"]
    # The status changes through the workflow only (an approved plan: «Take back to draft»).
    readonly_fields = ["status", "submitted_at", "approved_at", "approved_by", "approval_order"]
    list_filter = ["status", "year", "unit"]
    list_select_related = ["unit"]
    inlines = [PlanRowInline, TransitionInline]

    def plan_of(self, obj):
        return obj


class ActivityInline(PolicyAdminMixin, admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["order", "title", "form", "months", "frequency", "period_note", "responsible"]

    def plan_of(self, obj):
        return obj.plan  # the parent row's plan


@admin.register(PlanRow)
class PlanRowAdmin(PolicyAdminMixin, PlanLockedAdminMixin, SimpleHistoryAdmin):
    list_display = ["partner", "plan", "order"]
    list_select_related = ["partner", "plan", "plan__unit"]
    list_filter = ["plan__year", "plan__unit"]
    filter_horizontal = ["directions", "agreements"]
    inlines = [ActivityInline]

    def plan_of(self, obj):
        return obj.plan

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "plan":
            kwargs["queryset"] = policy.editable_plans(Plan.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Comment)
class CommentAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["plan", "row", "author", "created_at", "resolved_at"]
    list_select_related = ["plan", "plan__unit", "row", "author"]
