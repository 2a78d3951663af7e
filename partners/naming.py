"""The one rule for «the same partner», and the looser likeness of names.

Two normalisations of a name:

* :func:`normalise_name` (strict) — the partner's key. Two names with the same key are the same
  partner: the registry refuses the second one, and ``Partner.name_key`` (unique in the database)
  stores it. What does not count:

  - case, and «ё» against «е»;
  - quotes of every kind: «Музей "Память"» is «Музей «Память»», and a name after its legal form
    in quotes is the same as without them: «МБОУ «СОШ № 4»» is «МБОУ СОШ № 4»;
  - dashes and hyphens with the spaces around them, and other punctuation: «ПЧ - 48», «ПЧ-48»,
    «ПЧ – 48» and «ПЧ 48» are one partner (a hyphen between words is spelt either way);
  - the spacing after «№»: «№4» is «№ 4»;
  - Unicode spelling variants (composed or decomposed letters, stress marks).

  The legal form itself still counts: «МАОУ СОШ № 4» is not refused as «МБОУ СОШ № 4», it is
  reported as similar (the school may have changed its form, or be another town's).
* :func:`comparable_name` (loose) — the strict form without the legal forms of organisations
  (МБОУ, МАОУ, МКОУ, МБУ ДО, ООО…) and with the common long forms shortened («средняя
  общеобразовательная школа» → «сош»): «МАОУ СОШ №4» and «МБОУ СОШ № 4» compare equal. The
  duplicate warning (which the user may confirm past) uses it with :func:`similarity`.

:func:`normalise_text` is the same strict form for words that are not partners' names
(headers, categories, directions, forms of interaction).

Changing :func:`normalise_name` changes the stored keys: ship a migration that recomputes them.
"""

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.apps import apps

SIMILAR_AT = 0.86  # similarity from which two names are reported as possible duplicates

_QUOTES = "«»\"“”„‟‘’‚‛'`´‹›「」『』〝〞＂"
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


def normalise_text(text: str) -> str:
    """The strict comparison form of any text (see the module docstring)."""
    # «№» first: NFKC would spell it «No».
    text = unicodedata.normalize("NFKC", (text or "").replace("№", " ")).lower()
    text = text.replace("ё", "е")
    # Marks that do not compose with their letter (stress on a Cyrillic vowel) are dropped.
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    for quote in _QUOTES:
        text = text.replace(quote, " ")
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.split())


def normalise_name(name: str) -> str:
    """A partner's key: names with the same key are the same partner."""
    return normalise_text(name)


def name_key(name: str) -> str:
    """What ``Partner.name_key`` stores for ``name`` (never empty, at most 300 characters)."""
    return (normalise_name(name) or " ".join((name or "").lower().split()))[:300]


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


def _partners():
    # Looked up, not imported: partners.models imports this module (no import cycle).
    return apps.get_model("partners", "Partner")


@dataclass
class Similar:
    partner: object
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def similar_partners(name: str, *, exclude=None, limit: int = 5, partners=None) -> list[Similar]:
    """Partners whose name or short name is close to ``name``, the closest first."""
    if not (name or "").strip():
        return []
    if partners is None:
        partners = _partners().objects.select_related("category").only(
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
        self.by_name: dict = {}
        self.by_short: dict = {}
        if queryset is None:
            queryset = _partners().objects.select_related("category")
        for partner in queryset:
            self.add(partner)

    def add(self, partner) -> None:
        self.by_name.setdefault(normalise_name(partner.name), partner)
        if partner.short_name:
            self.by_short.setdefault(normalise_name(partner.short_name), partner)

    def find(self, name: str):
        key = normalise_name(name)
        if not key:
            return None
        return self.by_name.get(key) or self.by_short.get(key)

    def similar(self, name: str, limit: int = 3) -> list[Similar]:
        return similar_partners(name, limit=limit, partners=list(self.by_name.values()))
