"""What a restore must bring back identical: every plan's printed HTML, every historical row,
every agreement's file. Run in-process by the tests and through `manage.py shell` on the
subprocess databases, so both sides are described the same way."""

import hashlib
import json

from django.apps import apps


def _digest(value) -> str:
    if isinstance(value, str):
        value = value.encode()
    return hashlib.sha256(value).hexdigest()


def historical_models():
    models = apps.get_models(include_auto_created=True)
    found = (model for model in models if model.__name__.startswith("Historical"))
    return sorted(found, key=lambda model: model._meta.label)


def history() -> dict[str, list]:
    return {
        model._meta.label: [
            json.loads(json.dumps(row, default=str))
            for row in model.objects.order_by("pk").values_list()
        ]
        for model in historical_models()
    }


def printed_plans() -> dict[str, str]:
    from plans.exports.pdf import PdfExporter
    from plans.models import Plan

    return {str(plan.pk): PdfExporter(plan).html() for plan in Plan.objects.order_by("pk")}


def agreement_files() -> dict[str, str]:
    from partners.models import Agreement

    files = {}
    for agreement in Agreement.objects.exclude(file="").order_by("pk"):
        with agreement.file.open("rb") as handle:
            files[str(agreement.pk)] = _digest(handle.read())
    return files


def fingerprint() -> dict:
    """Counts and checksums: small enough to print from a subprocess and compare."""
    rows = history()
    return {
        "plans": {pk: _digest(html) for pk, html in printed_plans().items()},
        "history": {label: _digest(json.dumps(items)) for label, items in rows.items()},
        "history_rows": sum(len(items) for items in rows.values()),
        "files": agreement_files(),
    }


def printed() -> str:
    return json.dumps(fingerprint(), sort_keys=True)
