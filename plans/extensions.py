"""Extension points of plans for the apps above it (execution), as partners.extensions is for plans.

`plans` never imports `execution` (import-linter's layers). Yet a plan's history page should
tell what was recorded against the plan: occurrences held, cancellations and moves. The higher
app registers a *history source* here from its `AppConfig.ready()`; the history page calls every
source and merges their events with its own, newest first.

A history source is a callable ``source(plan) -> iterable of plans.editor.history.Event`` (or of
a subclass with its own ``sentence``). It must make a fixed number of queries whatever the plan's
size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

HistorySource = Callable[[object], Iterable]

history_sources: list[HistorySource] = []


def history_events(plan) -> list:
    """The events of every registered history source for `plan`."""
    return [event for source in history_sources for event in source(plan)]


def register(registry: list, contribution) -> None:
    """Add `contribution` once (ready() may run more than once in tests)."""
    if contribution not in registry:
        registry.append(contribution)
