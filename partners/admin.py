"""The admin for the institution and the registry: administrators only (partners.policy)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from partners import extensions, policy
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


class AdministratorsOnly:
    """Every permission of a model admin is the policy's `may_use_admin`."""

    def has_module_permission(self, request):
        return policy.may_use_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return policy.may_use_admin(request.user)

    def has_add_permission(self, request, *args):
        return policy.may_use_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return policy.may_use_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return policy.may_use_admin(request.user)


@admin.register(Institution)
class InstitutionAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["short_name", "city", "director_name"]


@admin.register(Unit)
class UnitAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["name", "kind", "institution", "order"]
    list_filter = ["kind", "institution"]
    search_fields = ["name"]
    filter_horizontal = ["members"]


@admin.register(Category)
class CategoryAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["name", "tier", "order", "plan_heading"]
    list_editable = ["order"]
    list_filter = ["tier"]


@admin.register(Direction, InteractionForm)
class ReferenceAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]

    def get_deleted_objects(self, objs, request):
        """What deleting would take, with the refusals of `extensions.delete_guards` (an
        approved plan using the entry) listed as protected: the admin then deletes nothing,
        from the entry's page and from «Delete selected» alike."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [reason for obj in objs for reason in extensions.delete_refusals(obj)]
        return deleted, counts, perms_needed, [*protected, *refusals]


class ContactInline(AdministratorsOnly, admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Partner)
class PartnerAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["name", "category", "is_active"]
    list_filter = ["category__tier", "category", "is_active"]
    search_fields = ["name", "short_name", "contacts__name"]
    list_select_related = ["category"]
    inlines = [ContactInline]


@admin.register(Partnership)
class PartnershipAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["partner", "unit", "teacher", "stage", "stage_reached_on"]
    list_filter = ["stage", "unit"]
    list_select_related = ["partner", "unit", "teacher"]


@admin.register(Agreement)
class AgreementAdmin(AdministratorsOnly, SimpleHistoryAdmin):
    list_display = ["number", "partner", "unit", "valid_from", "valid_until"]
    list_filter = ["unit"]
    search_fields = ["number", "partner__name", "subject"]
    list_select_related = ["partner", "unit"]
