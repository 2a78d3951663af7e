from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BackupsConfig(AppConfig):
    name = "backups"
    verbose_name = "Backups"

    def ready(self):
        from django.core import serializers

        from backups.serializer import FORMAT

        serializers.register_serializer(FORMAT, "backups.serializer")
        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(using="default", **kwargs):
    """Wherever `migrate` runs (make run, make restore, CI, the test database), the database
    cache's table is made too when CACHE_URL (or PostgreSQL's default) chose that cache."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith(".db.DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)
