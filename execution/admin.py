from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partners.admin import AdministratorsOnly

from .models import Achievement, ActivityChange, Conclusion, Occurrence, OccurrenceFile


class AchievementInline(AdministratorsOnly, admin.TabularInline):
    model = Achievement
    extra = 0


class OccurrenceFileInline(AdministratorsOnly, admin.TabularInline):
    model = OccurrenceFile
    extra = 0
    fields = ["name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields


@admin.register(Occurrence)
class OccurrenceAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["activity", "date", "children", "adults"]
    list_select_related = ["activity"]
    raw_id_fields = ["activity", "recorded_by"]
    inlines = [AchievementInline, OccurrenceFileInline]


@admin.register(ActivityChange)
class ActivityChangeAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["activity", "kind", "month", "to_month"]
    raw_id_fields = ["activity", "by"]


@admin.register(Conclusion)
class ConclusionAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["plan", "updated_at"]
    raw_id_fields = ["plan", "updated_by"]
