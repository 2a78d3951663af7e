"""Helpers shared by the coverage review's test modules (test_coverage_*.py)."""

from django.contrib.auth import get_user_model

from plans.models import current_academic_year
from plans.review.coverage import CoverageParams, build_coverage

DEMO_YEAR = current_academic_year() - 1  # the demo's approved year


def user(username):
    return get_user_model().objects.get(username=username)


def demo_coverage(username="methodist", **params):
    return build_coverage(user(username), CoverageParams(year=DEMO_YEAR, **params))
