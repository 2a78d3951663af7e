"""Which column holds what: header texts matched by the words in them, in any order.

Every header the importer does not read is named (:func:`unread_columns`), so nothing is
dropped silently. Our XLSX export also writes a column per month and a frequency column: they
only repeat what «Период» says (the period text is authoritative), so they are known and
skipped without a word.
"""

from django.utils.translation import gettext as _

from partners.naming import normalise_name
from plans.periods import MONTH_NAMES

# Column roles and the words that name them (checked in this order; the first match wins).
COLUMN_WORDS = [
    ("number", ("№", "п п", "n п")),
    ("partner", ("партн",)),
    ("category", ("категор",)),
    ("tier", ("уровень",)),
    ("directions", ("направлен",)),
    ("characteristic", ("характер",)),
    ("activity", ("мероприят",)),
    ("forms", ("форм",)),
    ("frequency", ("периодичн", "частот")),
    ("period", ("период", "срок")),
    ("responsible", ("ответствен",)),
    ("note", ("примечан",)),
    ("participants", ("участник",)),
    ("result", ("результат",)),
]
# Roles that repeat other columns: recognised, never read.
DERIVED = frozenset({"number", "frequency"})

EXPECTED_DOCX_COLUMNS = (
    "№ п/п, Соц. партнёр, Характеристика взаимодействия, Формы взаимодействия, Период"
)
EXPECTED_XLSX_COLUMNS = "Соц. партнёр, Мероприятие or Формы взаимодействия, Период"


def _role(text: str) -> str | None:
    raw = (text or "").lower()
    norm = normalise_name(text or "")
    for role, words in COLUMN_WORDS:
        if any((word in raw) if word == "№" else (word in norm) for word in words):
            return role
    return None


def match_columns(texts: list[str]) -> dict[str, int]:
    """Which column holds what, from the header texts; each role once, the first column wins."""
    columns: dict[str, int] = {}
    for index, text in enumerate(texts):
        role = _role(text)
        if role is not None and role not in columns:
            columns[role] = index
    return columns


def is_month_column(text: str) -> bool:
    key = normalise_name(text)
    return len(key) >= 3 and any(name.startswith(key) for name in MONTH_NAMES.values())


def unread_columns(texts: list[str], columns: dict[str, int]) -> list[str]:
    """The headers of the columns the importer does not read, each once."""
    used = set(columns.values())
    used_texts = {normalise_name(texts[i]) for i in used if i < len(texts)}
    unread = []
    for index, text in enumerate(texts):
        key = normalise_name(text)
        if index in used or not key or key in used_texts or is_month_column(text):
            continue
        if _role(text) in DERIVED:
            continue
        if text not in unread:
            unread.append(text)
    return unread


def unread_warning(unread: list[str]) -> str:
    return _("These columns were not imported: %(names)s.") % {
        "names": ", ".join(f"«{name}»" for name in unread)
    }
