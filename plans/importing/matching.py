"""Matching a parsed plan to the registry: partners, categories, directions and forms.

Every lookup goes through the one rule for «the same name» (:func:`partners.naming.normalise_name`);
partners through the importers' one index (:class:`partners.importing.PartnerNameIndex`). The
registry is read once; what the writer creates is remembered here, so a second mention finds it.
Nothing here writes to the database.
"""

from __future__ import annotations

from partners.importing import PartnerNameIndex
from partners.models import Category, Direction, InteractionForm, Partner, Tier
from partners.naming import normalise_name
from plans.importing.parsed import clean_text

INTERNAL_FALLBACK_CATEGORY = "Прочие внутренние партнёры"


def tier_of(text: str) -> str:
    """The tier named in the «Уровень» column (anything but «внутреннее» is external)."""
    return Tier.INTERNAL if "внутр" in (text or "").lower() else Tier.EXTERNAL


def _stem(word: str) -> str:
    return word[: max(4, len(word) - 2)]


class FormGuesser:
    """The form of interaction of an activity, from the stem of each form's first word."""

    def __init__(self):
        self.by_name: dict[str, InteractionForm] = {}
        self.stems = []
        for form in InteractionForm.objects.all():
            self.remember(form)

    def remember(self, form: InteractionForm) -> None:
        self.by_name.setdefault(normalise_name(form.name), form)
        words = normalise_name(form.name.replace("-", "_")).replace("_", "-").split()
        if words:
            self.stems.append((_stem(words[0]), form))

    def named(self, name: str) -> InteractionForm | None:
        return self.by_name.get(normalise_name(name))

    def guess(self, title: str) -> InteractionForm | None:
        text = " " + clean_text(title).lower().replace("ё", "е").replace("–", "-") \
            .replace("—", "-")
        best = None
        for stem, form in self.stems:
            position = text.find(" " + stem)
            if position < 0:
                position = text.find("«" + stem)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, form)
        return best[1] if best else None


class Registry:
    """Lookups of partners, categories, directions and forms during one import."""

    def __init__(self):
        self.partners = PartnerNameIndex()
        self.categories: dict[str, Category] = {}
        for category in Category.objects.all():
            self.remember_category(category)
        self.directions = {normalise_name(d.name): d for d in Direction.objects.all()}
        self.forms = FormGuesser()

    def remember_category(self, category: Category) -> None:
        self.categories.setdefault(normalise_name(category.name), category)
        if category.plan_heading:
            self.categories.setdefault(normalise_name(category.plan_heading), category)

    def category(self, name: str) -> Category | None:
        return self.categories.get(normalise_name(name))

    def direction(self, name: str) -> Direction | None:
        return self.directions.get(normalise_name(name))

    def remember_direction(self, direction: Direction) -> None:
        self.directions[normalise_name(direction.name)] = direction

    def partner(self, name: str) -> Partner | None:
        return self.partners.find(name)

    def is_heading(self, name: str) -> bool:
        """A line with nothing but a category's name is a heading, unless a partner has it."""
        return self.category(name) is not None and self.partner(name) is None

