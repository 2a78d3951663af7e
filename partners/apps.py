from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models import CharField, TextField
        from django.db.models.functions import Lower

        # `field__lower__contains` is the case-insensitive search for Cyrillic text too.
        CharField.register_lookup(Lower)
        TextField.register_lookup(Lower)
        connection_created.connect(unicode_lower_for_sqlite)


def unicode_lower_for_sqlite(sender, connection, **kwargs):
    """SQLite's LOWER() folds ASCII only; give it Python's, which folds «СОШ» to «сош»."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "LOWER", 1, lambda value: value.lower() if isinstance(value, str) else value,
            deterministic=True,
        )
