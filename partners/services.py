"""Registry services: comparing partner names, finding duplicates, merging two partners.

Two normalisations of a name:

* :func:`normalise_name` (strict) — case, «ё», quotes of every kind, «№», punctuation, dashes
  and spaces do not count: «ПЧ - 48» is «ПЧ-48», «Музей "Память"» is «Музей «Память»». The
  importers match partners with it.
* :func:`comparable_name` (loose) — the strict form without the legal forms of organisations
  (МБОУ, МАОУ, МКОУ, МБУ ДО, ООО…) and with the common long forms shortened («средняя
  общеобразовательная школа» → «сош»): «МАОУ СОШ №4» and «МБОУ СОШ № 4» compare equal. The
  duplicate warning uses it with :func:`similarity`.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from partners import extensions
from partners.models import Partner, Partnership
from partners.stages import STAGE_ORDER, clean_checklist

SIMILAR_AT = 0.86  # similarity from which two names are reported as possible duplicates

_QUOTES = "«»\"“”„‟‘’‚‛'`´"
_PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)

# Long forms written out in full → their usual abbreviation (applied to the strict form).
_LONG_FORMS = [
    ("муниципальное бюджетное общеобразовательное учреждение", "мбоу"),
    ("муниципальное автономное общеобразовательное учреждение", "маоу"),
    ("муниципальное казенное общеобразовательное учреждение", "мкоу"),
    ("муниципальное бюджетное дошкольное образовательное учреждение", "мбдоу"),
    ("муниципальное автономное дошкольное образовательное учреждение", "мадоу"),
    ("муниципальное бюджетное учреждение дополнительного образования", "мбу до"),
    ("муниципальное автономное учреждение дополнительного образования", "мау до"),
    ("муниципальное бюджетное учреждение", "мбу"),
    ("муниципальное автономное учреждение", "мау"),
    ("средняя общеобразовательная школа", "сош"),
    ("основная общеобразовательная школа", "оош"),
    ("детская школа искусств", "дши"),
    ("общество с ограниченной ответственностью", "ооо"),
    ("автономная некоммерческая организация", "ано"),
]
# Legal forms that do not tell one organisation from another.
_LEGAL_FORMS = frozenset(
    {
        "мбоу", "маоу", "мкоу", "моу", "мбдоу", "мадоу", "мкдоу", "мдоу", "мбу", "мау", "мку",
        "му", "гбоу", "гоу", "гбу", "гау", "гку", "огбоу", "огбу", "огау", "фгбоу", "фгбу",
        "ано", "ооо", "оао", "зао", "пао", "ао", "ип", "нко", "до",
    }
)


def normalise_name(name: str) -> str:
    """The strict comparison form of a name (see the module docstring)."""
    text = (name or "").lower().replace("ё", "е")
    for quote in _QUOTES:
        text = text.replace(quote, " ")
    text = text.replace("№", " ")
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


def comparable_name(name: str) -> str:
    """The loose comparison form: legal forms dropped, long forms abbreviated."""
    text = normalise_name(name)
    for long, short in _LONG_FORMS:
        text = text.replace(long, short)
    tokens = [t for t in text.split() if t not in _LEGAL_FORMS]
    return " ".join(tokens) or text


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


def similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 to 1; names with different numbers are never alike."""
    left, right = comparable_name(a), comparable_name(b)
    if not left or not right:
        return 0.0
    if left == right:
        return 1.0
    if _numbers(left) != _numbers(right):
        return 0.0
    ratio = SequenceMatcher(None, left, right).ratio()
    left_tokens, right_tokens = set(left.split()), set(right.split())
    shorter = min(left_tokens, right_tokens, key=len)
    overlap = len(left_tokens & right_tokens) / len(shorter)
    # Every word of a name of two or more words is in the other: «Детская библиотека» and
    # «Центральная детская библиотека».
    if len(shorter) >= 2 and overlap == 1:
        ratio = max(ratio, 0.9)
    return ratio


@dataclass
class Similar:
    partner: Partner
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def similar_partners(name: str, *, exclude=None, limit: int = 5, partners=None) -> list[Similar]:
    """Partners whose name or short name is close to ``name``, the closest first."""
    if not (name or "").strip():
        return []
    if partners is None:
        partners = Partner.objects.select_related("category").only(
            "pk", "name", "short_name", "is_active", "category__name"
        )
        if exclude is not None:
            partners = partners.exclude(pk=exclude)
    found = []
    for partner in partners:
        if exclude is not None and partner.pk == exclude:
            continue
        score = max(
            similarity(name, partner.name),
            similarity(name, partner.short_name) if partner.short_name else 0.0,
        )
        if score >= SIMILAR_AT:
            found.append(Similar(partner, score))
    found.sort(key=lambda s: (-s.score, s.partner.name))
    return found[:limit]


class PartnerIndex:
    """Registry lookups by strict name for the importers (one query, then in memory)."""

    def __init__(self, queryset=None):
        self.by_name: dict[str, Partner] = {}
        self.by_short: dict[str, Partner] = {}
        for partner in queryset if queryset is not None else Partner.objects.select_related(
            "category"
        ):
            self.add(partner)

    def add(self, partner: Partner) -> None:
        self.by_name.setdefault(normalise_name(partner.name), partner)
        if partner.short_name:
            self.by_short.setdefault(normalise_name(partner.short_name), partner)

    def find(self, name: str) -> Partner | None:
        key = normalise_name(name)
        if not key:
            return None
        return self.by_name.get(key) or self.by_short.get(key)

    def similar(self, name: str, limit: int = 3) -> list[Similar]:
        return similar_partners(name, limit=limit, partners=list(self.by_name.values()))


# --------------------------------------------------------------------------- merging
# The plan rows of the two partners are merged by `plans`, through the merge steps it registers
# (see partners.extensions); a step may refuse the merge, and then nothing changes.


class MergeRefused(Exception):
    """A merge that may not happen now; the message says why, for the user."""


@dataclass
class MergeSummary:
    agreements_moved: int = 0
    partnerships_moved: int = 0
    partnerships_merged: int = 0
    contacts_moved: int = 0
    refusals: list[str] = field(default_factory=list)  # why the merge may not happen now
    details: list[str] = field(default_factory=list)  # HTML list items of the merge steps
    moved: list[str] = field(default_factory=list)  # once merged: what moved, in short phrases


def merge_refusals(keep: Partner, drop: Partner) -> list[str]:
    return [reason for step in extensions.merge_steps if (reason := step.refusal(keep, drop))]


def merge_preview(keep: Partner, drop: Partner) -> MergeSummary:
    """What :func:`merge_partners` would move, without changing anything."""
    summary = MergeSummary(
        refusals=merge_refusals(keep, drop),
        details=[step.preview(keep, drop) for step in extensions.merge_steps],
    )
    summary.agreements_moved = drop.agreements.count()
    kept_holders = set(keep.partnerships.values_list("unit_id", "teacher_id"))
    for holder in drop.partnerships.values_list("unit_id", "teacher_id"):
        if holder in kept_holders:
            summary.partnerships_merged += 1
        else:
            summary.partnerships_moved += 1
    summary.contacts_moved = drop.contacts.count()
    return summary


def join_text(first: str, second: str, separator: str = " ") -> str:
    """Both texts, without repeating one that the other already holds."""
    first, second = (first or "").strip(), (second or "").strip()
    if not second or second in first:
        return first
    if not first or first in second:
        return second
    return f"{first}{separator}{second}"


def _merge_partnerships(keep: Partner, drop: Partner) -> None:
    """Move the partnerships; where both have one with a holder, keep the further stage."""
    kept_partnerships = {(p.unit_id, p.teacher_id): p for p in keep.partnerships.all()}
    for partnership in drop.partnerships.all():
        twin = kept_partnerships.get((partnership.unit_id, partnership.teacher_id))
        if twin is None:
            partnership.partner = keep
            partnership.save()
            continue
        checklist = {
            **clean_checklist(twin.checklist),
            **clean_checklist(partnership.checklist),
        }
        if STAGE_ORDER.index(partnership.stage) > STAGE_ORDER.index(twin.stage):
            twin.stage = partnership.stage
            twin.stage_reached_on = partnership.stage_reached_on
            twin.stage_set_by = partnership.stage_set_by
        twin.checklist = checklist
        twin.save()
        partnership.delete()


def _fill_details(keep: Partner, drop: Partner) -> None:
    for name in ["short_name", "address", "phone", "email", "site"]:
        if not getattr(keep, name) and getattr(drop, name):
            setattr(keep, name, getattr(drop, name))
    if keep.unit_id is None and drop.unit_id is not None:
        keep.unit_id = drop.unit_id
    keep.notes = join_text(keep.notes, drop.notes, "\n")


@transaction.atomic
def merge_partners(keep: Partner, drop: Partner) -> MergeSummary:
    """Move everything of ``drop`` to ``keep`` and delete ``drop``; one transaction.

    The merge steps of higher apps run first (plans moves and merges the plan rows); any of
    them may refuse, and then :class:`MergeRefused` is raised before anything changes.
    Agreements, partnerships (merged per holder: the further stage and both checklists) and
    contacts move; empty details of ``keep`` are filled from ``drop``. The history of every
    change is recorded.
    """
    if keep.pk == drop.pk:
        raise ValueError("a partner cannot be merged with itself")
    keep = Partner.objects.select_for_update().get(pk=keep.pk)
    drop = Partner.objects.select_for_update().get(pk=drop.pk)
    summary = merge_preview(keep, drop)
    if summary.refusals:
        raise MergeRefused(" ".join(summary.refusals))
    for step in extensions.merge_steps:
        summary.moved += step.merge(keep, drop)

    for agreement in drop.agreements.all():
        agreement.partner = keep
        agreement.save()
    _merge_partnerships(keep, drop)
    drop.contacts.update(partner=keep)
    summary.moved += [
        _("agreements — %(count)s") % {"count": summary.agreements_moved},
        _("contacts — %(count)s") % {"count": summary.contacts_moved},
    ]

    _fill_details(keep, drop)
    keep.save()
    update_change_reason(keep, f"Merged with «{drop.name}» (#{drop.pk})"[:100])
    drop._change_reason = f"Merged into «{keep.name}» (#{keep.pk})"[:100]
    drop.delete()
    return summary


def holder_partnership(partner: Partner, unit, teacher=None) -> Partnership | None:
    return Partnership.objects.filter(partner=partner, unit=unit, teacher=teacher).first()
