"""Synthetic plans for the benchmark and for tests (`manage.py synth`).

Realistic in shape: Russian titles of 40–120 characters, partners spread over ten categories
(internal first, as the seed's plan), every kind of period (a month, a span, one across the new
year, a list, each frequency, the whole year, on demand, with and without a note), K activities a
row. Deterministic and idempotent: the same arguments find the units and plans made before and
leave them as they are. Partners go through the one same-partner rule (their stored name key), so
a second run, or a registry partner with the same name, is reused, never duplicated.

Written with bulk_create (drafts are not locked; see plans.locking) and with history records
(the history page has events to page through), about 2 s for 2,000 rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from partners import naming
from partners.models import Category, Direction, InteractionForm, Partner, Unit
from plans import demo_data
from plans.demo.seed import load_institution, load_reference
from plans.models import Activity, Plan, PlanRow, current_academic_year
from plans.periods import Frequency, Period

CATEGORY_COUNT = 10
BATCH = 500

# (months, frequency, note): every kind of period teachers write.
PERIODS = [
    Period({10}),  # «Октябрь»
    Period({5, 6}),  # «Май–июнь»
    Period({12, 1}),  # «Декабрь–январь», across the new year
    Period({9, 10, 2, 5}),  # «Сентябрь, октябрь, февраль, май»
    Period(frequency=Frequency.QUARTERLY),
    Period(frequency=Frequency.HALF_YEAR),
    Period({11, 4}, Frequency.TWICE_A_YEAR),
    Period(frequency=Frequency.ONCE),
    Period(frequency=Frequency.MONTHLY),
    Period(frequency=Frequency.YEAR_ROUND),
    Period(frequency=Frequency.AS_NEEDED),
    Period({3}, note="по согласованию"),
    Period(set(range(1, 13)) - {7, 8}),  # «Сентябрь–июнь»
]

PREFIXES = ["МБОУ СОШ", "МАОУ гимназия", "Детский сад", "Центр культуры", "Библиотека",
            "Спортивная школа", "Совет ветеранов", "Музей", "Колледж", "Общественная организация"]
PLACES = ["«Радуга»", "«Созвездие»", "«Родник»", "«Истоки»", "«Сибирь»", "«Надежда»",
          "«Солнышко»", "«Берёзка»", "«Парус»", "«Ровесник»"]
TOPICS = ["Цветы из салфеток", "Победа", "Осенний вернисаж", "Безопасная дорога",
          "Здоровым быть модно", "Моя малая родина", "Новогодняя игрушка", "Мир профессий",
          "Книжкина неделя", "Мамино сердце", "Зимние забавы", "Земля — наш общий дом"]
AUDIENCES = ["для обучающихся младшего школьного возраста",
             "для обучающихся творческого объединения и их родителей",
             "для воспитанников и педагогов", "для старшеклассников района",
             "с участием ветеранов и представителей общественности"]
AIMS = ["Развитие творческих способностей обучающихся", "Формирование активной гражданской "
        "позиции", "Профилактика детского дорожно-транспортного травматизма",
        "Популяризация здорового образа жизни", "Приобщение детей к культурному наследию",
        "Профессиональная ориентация старшеклассников"]


@dataclass(frozen=True)
class Spec:
    rows: int
    units: int | None = None
    activities: int = 3
    year: int | None = None

    @property
    def academic_year(self) -> int:
        return self.year or current_academic_year()


def fit(text: str, low: int = 40, high: int = 120) -> str:
    """Text of `low`–`high` characters: padded with a plain phrase, or cut at a word."""
    while len(text) < low:
        text += " в рамках сетевого взаимодействия"
    if len(text) > high:
        text = text[:high].rsplit(" ", 1)[0].rstrip(",")
    return text


def activity_title(rng: random.Random, form: str) -> str:
    return fit(f"{form} «{rng.choice(TOPICS)}» {rng.choice(AUDIENCES)}")


def characteristic(rng: random.Random) -> str:
    return fit(f"{rng.choice(AIMS)} {rng.choice(AUDIENCES)}; совместная работа по плану "
               "мероприятий на учебный год", 60, 240)


def partner_name(index: int) -> str:
    prefix = PREFIXES[index % len(PREFIXES)]
    place = PLACES[(index // len(PREFIXES)) % len(PLACES)]
    return f"{prefix} {place} № {index + 1} (синт.)"


def categories() -> list[Category]:
    load_reference()
    names = [name for _tier, name, _heading in demo_data.CATEGORIES][:CATEGORY_COUNT]
    return list(Category.objects.filter(name__in=names).ordered())


def partners(count: int) -> list[Partner]:
    """The first `count` synthetic partners, reused through their name keys, else created."""
    cats = categories()
    names = [partner_name(i) for i in range(count)]
    keys = [naming.name_key(name) for name in names]
    found = {}
    for start in range(0, count, BATCH):
        chunk = keys[start:start + BATCH]
        found.update((p.name_key, p) for p in Partner.objects.filter(name_key__in=chunk))
    missing = []
    for index, (name, key) in enumerate(zip(names, keys, strict=True)):
        if key in found:
            continue
        same = Partner.objects.same_as(name)  # a key kept apart by an upgrade (« #id»)
        if same is not None:
            found[key] = same
            continue
        partner = Partner(name=name, name_key=key, category=cats[index % len(cats)])
        found[key] = partner
        missing.append(partner)
    bulk_create_with_history(missing, Partner, batch_size=BATCH)
    created = {p.name_key: p for p in Partner.objects.filter(name_key__in=[p.name_key
                                                                          for p in missing])}
    return [created.get(key) or found[key] for key in keys]


def unit_names(spec: Spec) -> list[str]:
    if spec.units is None:
        return [f"Синтетическое объединение: {spec.rows} строк, {spec.activities} мероприятия"]
    return [f"Синтетическое объединение {i} из {spec.units}: {spec.rows} строк, "
            f"{spec.activities} мероприятия" for i in range(1, spec.units + 1)]


def build(spec: Spec) -> list[Plan]:
    """The spec's plans, made now unless an earlier run made them."""
    if spec.rows < 1 or spec.activities < 0 or (spec.units is not None and spec.units < 1):
        raise ValueError("rows and units must be at least 1, activities at least 0")
    institution = load_institution()
    plans = []
    registry = None
    with transaction.atomic():
        for order, name in enumerate(unit_names(spec), start=1):
            unit, _created = Unit.objects.get_or_create(
                institution=institution, name=name,
                defaults={"kind": Unit.Kind.ASSOCIATION, "name_genitive": name,
                          "order": 1000 + order},
            )
            plan, created = Plan.objects.get_or_create(unit=unit, year=spec.academic_year)
            if created or not plan.rows.exists():
                registry = registry or partners(spec.rows)
                fill(plan, registry, spec, seed=order)
            plans.append(plan)
    return plans


def fill(plan: Plan, registry: list[Partner], spec: Spec, seed: int) -> None:
    rng = random.Random(f"{spec.rows}/{spec.activities}/{seed}")
    forms = list(InteractionForm.objects.order_by("order", "pk"))
    directions = list(Direction.objects.order_by("order", "pk"))
    rows = [PlanRow(plan=plan, partner=partner, characteristic=characteristic(rng), order=i)
            for i, partner in enumerate(registry, start=1)]
    bulk_create_with_history(rows, PlanRow, batch_size=BATCH)
    rows = list(plan.rows.order_by("order"))
    through = PlanRow.directions.through
    through.objects.bulk_create(
        [through(planrow_id=row.pk, direction_id=directions[(i + k) % len(directions)].pk)
         for i, row in enumerate(rows) for k in range(1 + i % 2)], batch_size=BATCH)
    activities = []
    for i, row in enumerate(rows):
        for k in range(spec.activities):
            form = forms[(i + k) % len(forms)]
            period = PERIODS[(i * spec.activities + k) % len(PERIODS)]
            activity = Activity(row=row, title=activity_title(rng, form.name), form=form,
                                responsible="Педагог дополнительного образования", order=k + 1)
            activity.period = period
            activities.append(activity)
    bulk_create_with_history(activities, Activity, batch_size=BATCH)
