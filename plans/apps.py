from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Annual plans")

    def ready(self):
        from partners import policy
        from plans import locking, partner_hooks, table_cache
        from plans.models import Plan

        # The policy reads plan statuses without importing plans: they must agree.
        statuses = (Plan.Status.DRAFT, Plan.Status.REVIEW, Plan.Status.APPROVED)
        if statuses != (policy.DRAFT, policy.REVIEW, policy.APPROVED):
            raise ImproperlyConfigured("partners.policy's plan statuses are not Plan.Status")
        partner_hooks.register()
        locking.connect()
        table_cache.connect()
