from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partners.models import (
    Agreement,
    Category,
    Contact,
    Direction,
    Institution,
    InteractionForm,
    Partner,
    Partnership,
    Unit,
)


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "city", "director_name"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "institution", "order"]
    list_filter = ["kind", "institution"]
    search_fields = ["name"]
    filter_horizontal = ["members"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "tier", "order", "plan_heading"]
    list_editable = ["order"]
    list_filter = ["tier"]


@admin.register(Direction, InteractionForm)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "category", "is_active"]
    list_filter = ["category__tier", "category", "is_active"]
    search_fields = ["name", "short_name", "contacts__name"]
    list_select_related = ["category"]
    inlines = [ContactInline]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ["partner", "unit", "teacher", "stage", "stage_reached_on"]
    list_filter = ["stage", "unit"]
    list_select_related = ["partner", "unit", "teacher"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["number", "partner", "unit", "valid_from", "valid_until"]
    list_filter = ["unit"]
    search_fields = ["number", "partner__name", "subject"]
    list_select_related = ["partner", "unit"]
