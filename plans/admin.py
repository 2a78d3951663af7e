from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.locking import PlanLockedAdminMixin
from plans.models import Activity, Comment, Plan, PlanRow, PlanTransition


class PlanRowInline(admin.TabularInline):
    model = PlanRow
    extra = 0
    fields = ["order", "partner", "characteristic"]
    autocomplete_fields = ["partner"]
    show_change_link = True


class TransitionInline(admin.TabularInline):
    model = PlanTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "comment"]
    can_delete = False


@admin.register(Plan)
class PlanAdmin(PlanLockedAdminMixin, SimpleHistoryAdmin):
    list_display = ["unit", "year", "status", "approved_at"]
    # The status changes through the workflow only (an approved plan: «Take back to draft»).
    readonly_fields = ["status", "submitted_at", "approved_at", "approved_by", "approval_order"]
    list_filter = ["status", "year", "unit"]
    list_select_related = ["unit"]
    inlines = [PlanRowInline, TransitionInline]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["order", "title", "form", "months", "frequency", "period_note", "responsible"]


@admin.register(PlanRow)
class PlanRowAdmin(PlanLockedAdminMixin, SimpleHistoryAdmin):
    list_display = ["partner", "plan", "order"]
    list_select_related = ["partner", "plan", "plan__unit"]
    list_filter = ["plan__year", "plan__unit"]
    filter_horizontal = ["directions"]
    inlines = [ActivityInline]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["plan", "row", "author", "created_at", "resolved_at"]
    list_select_related = ["plan", "plan__unit", "row", "author"]
