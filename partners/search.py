"""The one rule of partner search: every word of the query, in any order, in any case, with «ё»
as «е», and the abbreviations people use standing for each other.

«школа» finds «МБОУ СОШ № 4», «гимназия» and «лицей» (schools all); «детский сад» finds «ДОУ»
and «д/с»; «больница» finds «ЦРБ»; «библиотека», «музей» find their forms («библиотеки»,
«музейный»). Used by the registry's search (`partners.filters.PartnerFilter`) and the plan
editor's partner search (`plans.editor.forms.partners_matching`). The database compares
lower-cased text with «ё» replaced (SQLite gets a Unicode LOWER in `partners.apps`).
"""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Lower, Replace
from django.db.models.lookups import Contains

from partners.models import Partner
from partners.naming import similar_partners

MAX_WORDS = 8
MAX_WORD = 50

# Phrases that stand for one word (written out before the query is split into words).
PHRASES = [
    ("средняя общеобразовательная школа", "сош"),
    ("основная общеобразовательная школа", "оош"),
    ("детский сад", "детсад"),
    ("детские сады", "детсад"),
    ("детского сада", "детсад"),
    ("д / с", "д/с"),
]

# (words that start with one of these stems, what the name may hold instead), in order: the
# first group a word starts into wins.
SYNONYMS = [
    (("школ",), ("школ", "сош", "оош", "нош", "гимназ", "лице")),
    (("сош",), ("сош", "средняя общеобразовательная")),
    (("гимназ",), ("гимназ",)),
    (("лице",), ("лице",)),
    (("детсад", "сад", "доу", "д/с", "дс"), ("детский сад", "детсад", "доу", "д/с", "сад")),
    (("библиот",), ("библиот",)),
    (("музе",), ("музе",)),
    (("больниц", "црб"), ("больниц", "црб")),
]

_STRIP = re.compile(r"[«»\"“”„‟‘’‚‛'`´.,;:!?()\[\]№]")


def normalise(text: str) -> str:
    """Lower case, «ё» as «е», quotes, «№» and punctuation (but «/») gone, spaces collapsed."""
    # NUL too: PostgreSQL refuses it in a query.
    text = _STRIP.sub(" ", (text or "").replace("\x00", " ").lower().replace("ё", "е"))
    return " ".join(text.split())


def terms(query: str) -> list[tuple[str, ...]]:
    """The query as words, each with the variants any one of which the name must hold."""
    text = normalise(query)
    for phrase, word in PHRASES:
        text = text.replace(phrase, word)
    found = []
    for word in text.split()[:MAX_WORDS]:
        word = word[:MAX_WORD]
        variants = next(
            (alts for stems, alts in SYNONYMS if word.startswith(stems)), (word,)
        )
        found.append(tuple(dict.fromkeys(variants)))
    return found


def _searchable(field: str):
    return Replace(Lower(field), Value("ё"), Value("е"))


def matching(queryset: QuerySet, query: str, fields=("name", "short_name"), related=()):
    """`queryset` of partners narrowed to those matching `query` in `fields` (or in the
    `related` querysets' fields: pairs of (queryset of rows with a `partner` key, field))."""
    for variants in terms(query):
        condition = Q()
        for variant in variants:
            for field in fields:
                condition |= Q(Contains(_searchable(field), variant))
            for rows, field in related:
                matched = rows.filter(Contains(_searchable(field), variant))
                condition |= Q(pk__in=matched.values("partner_id"))
        queryset = queryset.filter(condition)
    return queryset


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", text or ""))


def lookalikes(name: str, limit: int = 5) -> list:
    """Active registry partners a new partner called `name` may well be, for a warning before
    it is created: the registry's similar names (`partners.naming.similar_partners`) and the
    partners the search rule finds by its words with the same numbers («Школа № 4» →
    «МБОУ СОШ № 4»), closest first."""
    found = [s.partner for s in similar_partners(name, limit=limit) if s.partner.is_active]
    numbers = _numbers(name)
    for partner in matching(Partner.objects.active().ordered(), name)[: limit * 4]:
        if partner not in found and _numbers(partner.name) == numbers:
            found.append(partner)
    return found[:limit]
