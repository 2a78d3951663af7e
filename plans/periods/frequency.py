"""How often an activity takes place (:class:`Frequency`), and how each frequency is printed."""

from __future__ import annotations

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    """How often an activity takes place."""

    ONCE = "once", _("Once a year")
    TWICE_A_YEAR = "twice_year", _("Twice a year")
    HALF_YEAR = "half_year", _("Once every half-year")
    QUARTERLY = "quarterly", _("Once a quarter")
    MONTHLY = "monthly", _("Monthly")
    YEAR_ROUND = "year_round", _("During the year")
    AS_NEEDED = "as_needed", _("As needed")


FREQUENCY_TEXT: Final[dict[str, str]] = {
    Frequency.ONCE.value: "Один раз в год",
    Frequency.TWICE_A_YEAR.value: "2 раза в год",
    Frequency.HALF_YEAR.value: "Один раз в полгода",
    Frequency.QUARTERLY.value: "Один раз в квартал",
    Frequency.MONTHLY.value: "Ежемесячно",
    Frequency.YEAR_ROUND.value: "В течение года",
    Frequency.AS_NEEDED.value: "По мере необходимости",
}
"""How each frequency is printed in a plan (Russian, as people write it)."""

_TIMES_PER_YEAR: Final[dict[str, int | None]] = {
    Frequency.ONCE.value: 1,
    Frequency.TWICE_A_YEAR.value: 2,
    Frequency.HALF_YEAR.value: 2,
    Frequency.QUARTERLY.value: 4,
    Frequency.MONTHLY.value: 12,
    Frequency.YEAR_ROUND.value: None,
    Frequency.AS_NEEDED.value: None,
}
