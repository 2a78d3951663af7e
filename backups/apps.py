from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BackupsConfig(AppConfig):
    name = "backups"
    verbose_name = "Backups"

    def ready(self):
        from django.core import serializers

        from backups.serializer import FORMAT

        serializers.register_serializer(FORMAT, "backups.serializer")
        # Sent once per migrated app (this one has no models, so it gets none of its own);
        # createcachetable makes only the tables that are missing.
        post_migrate.connect(create_cache_table, dispatch_uid="backups.create_cache_table")


def create_cache_table(using="default", app_config=None, **kwargs):
    """Wherever `migrate` runs (make run, make restore, CI, the test database), the database
    cache's table is made too when CACHE_URL (or PostgreSQL's default) chose that cache."""
    from django.conf import settings
    from django.core.management import call_command

    if app_config is not None and app_config.label != "contenttypes":
        return  # contenttypes is always installed: its signal runs this once per migrate
    if any(c["BACKEND"].endswith(".db.DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)
