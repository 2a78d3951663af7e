from contextlib import contextmanager

import factory
from django.contrib.auth import get_user_model

from partners import roles
from partners.models import (
    Category,
    Contact,
    Direction,
    Institution,
    InteractionForm,
    Partner,
    Tier,
    Unit,
)
from plans.models import Activity, Plan, PlanRow


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Анна"
    last_name = factory.Sequence(lambda n: f"Иванова{n}")
    password = factory.django.Password("secret-pass-123")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(roles.ensure_groups()[extracted])


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = "Муниципальное учреждение Центр «Тест»"
    short_name = "Центр «Тест»"
    city = "г. Тестовск"
    director_title = "Директор"
    director_name = "А. Б. Директорова"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    institution = factory.LazyFunction(
        lambda: Institution.objects.first() or InstitutionFactory()
    )
    kind = Unit.Kind.ASSOCIATION
    name = factory.Sequence(lambda n: f"Объединение №{n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.add(*extracted)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Категория {n}")
    tier = Tier.EXTERNAL
    order = factory.Sequence(lambda n: n)


class DirectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Direction
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"направление {n}")


class InteractionFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InteractionForm
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Форма {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Партнёр №{n}")
    category = factory.SubFactory(CategoryFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    partner = factory.SubFactory(PartnerFactory)
    name = "Пётр Петров"
    position = "Директор"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    unit = factory.SubFactory(UnitFactory)
    year = 2025


class PlanRowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanRow

    plan = factory.SubFactory(PlanFactory)
    partner = factory.SubFactory(PartnerFactory)
    characteristic = "Формирование преемственности."
    order = factory.Sequence(lambda n: n)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    row = factory.SubFactory(PlanRowFactory)
    title = factory.Sequence(lambda n: f"Мастер-класс №{n}")
    months = 1 << 9  # October
    order = factory.Sequence(lambda n: n)


@contextmanager
def drafted(plan):
    """Set up content in an approved plan: a draft meanwhile, approved again after.

    An approved plan's content cannot change (plans.locking); tests that need one with rows
    build them inside this block.
    """
    status = Plan.objects.filter(pk=plan.pk).values_list("status", flat=True).get()
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    try:
        yield plan
    finally:
        Plan.objects.filter(pk=plan.pk).update(status=status)
