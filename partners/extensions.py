"""Extension points: how an app above `partners` adds to the registry's pages and merges.

`partners` is the lower layer and never imports `plans` (import-linter enforces it). Yet a
partner's page lists the plan rows that name it, the registry counts them, an agreement carries
its joint-plan annex of plan rows, and merging two partners must move their plan rows. Rather
than reach up, `partners` declares here what it will call, and the higher app registers its
contributions in its `AppConfig.ready()` (see `plans.partner_hooks`). Partners then calls every
contribution in the order registered, knowing nothing of what they show or move. This keeps
each rule with the data it is about, and `partners` works (with less to show) without `plans`.

Five kinds of contribution:

* `PartnerPanel`: a section of the partner's page, rendered for the request.
* `RegistryColumn`: a column of the registry's list, filled by a queryset annotation made for
  the user who reads it.
* `AgreementAnnex`: the fields an agreement's form gains, their checks and their saving, and
  a section of the agreement's page.
* `MergeStep`: what a merge of two partners does to the higher app's data: it may refuse the
  merge (nothing is changed then), describe what will move, and move it.
* `DeleteGuard`: why an entry of the registry's lists (a direction, a form of interaction) may
  not be deleted now; the admin shows it instead of deleting (`delete_refusals`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class PartnerPanel(Protocol):
    def __call__(self, request, partner) -> str:
        """The HTML of one section of the partner's page."""


@dataclass(frozen=True)
class RegistryColumn:
    label: str
    attribute: str  # the annotation `annotate` adds, printed in the column
    # (partners queryset, user) -> the same queryset with `attribute`, counting only what the
    # user may see
    annotate: Callable


class AgreementAnnex(Protocol):
    def contribute(self, form, units, partner) -> None:
        """Add fields to an agreement's form for the holder `units` the user manages."""

    def clean(self, form, cleaned_data) -> None:
        """Check the contributed fields against the rest; report with `form.add_error`."""

    def save(self, form, agreement) -> None:
        """Store the contributed fields once the agreement is saved."""

    def panel(self, request, agreement) -> str:
        """The HTML of a section of the agreement's page."""


class MergeStep(Protocol):
    def refusal(self, keep, drop) -> str | None:
        """Why `drop` may not be merged into `keep` now (a message for the user), or None."""

    def preview(self, keep, drop) -> str:
        """The HTML list items describing what the merge will move."""

    def merge(self, keep, drop) -> list[str]:
        """Move the data of `drop` to `keep`; return short phrases of what moved."""


class DeleteGuard(Protocol):
    def refusal(self, obj) -> str | None:
        """Why `obj` may not be deleted now (a message for the user), or None."""


partner_panels: list[PartnerPanel] = []
registry_columns: list[RegistryColumn] = []
agreement_annexes: list[AgreementAnnex] = []
merge_steps: list[MergeStep] = []
delete_guards: list[DeleteGuard] = []


def register(registry: list, contribution) -> None:
    """Add `contribution` once (ready() may run more than once in tests)."""
    if contribution not in registry:
        registry.append(contribution)


def delete_refusals(obj) -> list[str]:
    """Why `obj` may not be deleted now, from every registered guard (none: it may be)."""
    return [reason for guard in delete_guards if (reason := guard.refusal(obj))]
