"""The stages of a partnership and the checklist of each (seed 001, «Дворец творчества»).

Подготовительный: the motivation, the tasks and the circle of partners are defined.
Организационный: agreements are prepared, the technology of interaction is worked out, the
elements of the future system are created, the forms and the model of partnership are defined.
Системообразующий: projects, joint events, meetings with interesting people, consultations,
round tables and master classes, excursions, contests and exhibitions.

A partnership's ``checklist`` JSON maps item keys to ``True`` when done; unknown keys are
ignored, so the list may grow without a migration.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from partners.models import Stage

CHECKLISTS: dict[str, list[tuple[str, str]]] = {
    Stage.PREPARATORY: [
        ("motivation", _("Motivation for the partnership defined")),
        ("tasks", _("Tasks to solve together with the partner defined")),
        ("circle", _("The circle of social partners defined")),
    ],
    Stage.ORGANIZATIONAL: [
        ("agreements", _("Cooperation agreements prepared")),
        ("technology", _("Technology of interaction worked out")),
        ("system_elements", _("Elements of the future partnership system created")),
        ("forms_model", _("Forms of partnership and the model of relations defined")),
    ],
    Stage.SYSTEM_FORMING: [
        ("projects", _("Projects carried out")),
        ("joint_events", _("Joint events organised and held")),
        ("meetings", _("Meetings with interesting people")),
        ("consultations", _("Consultations, round tables, master classes")),
        ("excursions", _("Excursions")),
        ("contests", _("Contests, exhibitions")),
    ],
}

ALL_KEYS: frozenset[str] = frozenset(key for items in CHECKLISTS.values() for key, _l in items)
STAGE_ORDER: list[str] = [Stage.PREPARATORY, Stage.ORGANIZATIONAL, Stage.SYSTEM_FORMING]


@dataclass
class ChecklistItem:
    key: str
    label: str
    done: bool


@dataclass
class StageChecklist:
    stage: str
    label: str
    items: list[ChecklistItem]
    is_current: bool
    is_passed: bool

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.items)


def clean_checklist(data) -> dict[str, bool]:
    """Keep only known keys that are ticked."""
    if not isinstance(data, dict):
        return {}
    return {key: True for key, value in data.items() if key in ALL_KEYS and value is True}


def checklists_for(partnership) -> list[StageChecklist]:
    """Every stage with its items ticked as in the partnership's checklist."""
    done = clean_checklist(partnership.checklist)
    current = STAGE_ORDER.index(partnership.stage) if partnership.stage in STAGE_ORDER else 0
    result = []
    for position, stage in enumerate(STAGE_ORDER):
        result.append(
            StageChecklist(
                stage=stage,
                label=Stage(stage).label,
                items=[ChecklistItem(key, label, key in done) for key, label in CHECKLISTS[stage]],
                is_current=position == current,
                is_passed=position < current,
            )
        )
    return result


def progress(partnership) -> tuple[int, int]:
    """(done, total) items of the partnership's current stage."""
    items = CHECKLISTS.get(partnership.stage, [])
    done = clean_checklist(partnership.checklist)
    return sum(key in done for key, _l in items), len(items)
