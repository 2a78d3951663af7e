from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExecutionConfig(AppConfig):
    """The other half of the year: what was held, with whom and what came of it (issue 12)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "execution"
    verbose_name = _("Execution of plans")

    def ready(self):
        from execution.recording.history import execution_events
        from plans import extensions

        # The plan's history page tells what was recorded against the plan too.
        extensions.register(extensions.history_sources, execution_events)
