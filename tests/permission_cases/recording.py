"""Permission-walk cases of execution.recording (see tests/permission_cases/__init__.py).

Teachers record on their own units' plans only (another unit's objects are a 404); methodists
read everything and record nothing (403); administrators record on every plan.
"""

from .common import READ_ANY, READ_OWN_PLAN, expect

RECORD_GET = expect(302, 200, 404, 403, 200)
RECORD_POST = expect(302, 302, 404, 403, 302)  # done, then back to the plan's execution page
HELD = {"date": "2025-10-03", "children": "3", "adults": "1", "result": "Хорошо"}
FULL = HELD | {"achievements-TOTAL_FORMS": "0", "achievements-INITIAL_FORMS": "0"}
ACTIVITY = lambda w: [w["activity"].pk]  # noqa: E731


def _occurrence(w):
    from execution.models import Occurrence

    return Occurrence.objects.create(activity=w["activity"], date=HELD["date"], children=2)


def _file(w):
    from django.core.files.base import ContentFile

    from execution.models import OccurrenceFile
    from tests.recording_support import png_bytes

    found = OccurrenceFile(occurrence=_occurrence(w), name="photo.png", content_type="image/png")
    found.file.save("photo.png", ContentFile(png_bytes()), save=False)
    found.save()
    return found


def _change(w):
    from execution.models import ActivityChange

    return ActivityChange.objects.create(activity=w["activity"], kind="cancelled", reason="Нет")


CASES = [
    ("get", "recording:plan", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    ("get", "recording:calendar", lambda w: [], None, READ_ANY),
    ("get", "recording:calendar", lambda w: [], {"year": "2025", "unit": "1"}, READ_ANY),
    ("get", "recording:held", ACTIVITY, None, RECORD_GET),
    ("post", "recording:held", ACTIVITY, HELD, RECORD_POST),
    # Without htmx the item is the home page.
    ("get", "recording:month_item", ACTIVITY, None, expect(302, 302, 404, 302, 302)),
    ("get", "recording:occurrence_add", ACTIVITY, None, RECORD_GET),
    ("post", "recording:occurrence_add", ACTIVITY, FULL, RECORD_POST),
    ("get", "recording:occurrence_edit", lambda w: [_occurrence(w).pk], None, RECORD_GET),
    ("post", "recording:occurrence_edit", lambda w: [_occurrence(w).pk], FULL, RECORD_POST),
    ("get", "recording:occurrence_delete", lambda w: [_occurrence(w).pk], None, RECORD_GET),
    ("post", "recording:occurrence_delete", lambda w: [_occurrence(w).pk], None, RECORD_POST),
    ("get", "recording:file", lambda w: [_file(w).pk], None, READ_OWN_PLAN),
    ("get", "recording:cancel", ACTIVITY, None, RECORD_GET),
    ("post", "recording:cancel", ACTIVITY, {"month": "", "reason": "Карантин"}, RECORD_POST),
    ("get", "recording:move", ACTIVITY, None, RECORD_GET),
    ("post", "recording:move", ACTIVITY, {"month": "10", "to_month": "11", "reason": "Ремонт"},
     RECORD_POST),
    ("get", "recording:undo", lambda w: [_change(w).pk], None, RECORD_GET),
    ("post", "recording:undo", lambda w: [_change(w).pk], None, RECORD_POST),
]
