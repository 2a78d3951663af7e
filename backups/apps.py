from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "backups"
    verbose_name = "Backups"

    def ready(self):
        from django.core import serializers

        from backups.serializer import FORMAT

        serializers.register_serializer(FORMAT, "backups.serializer")
