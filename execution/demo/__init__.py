"""The demo's execution of the «Рукодельница» plans (issue 12, item 9): what was held, with how
many people and what came of it, two cancellations, a move, prizes and last year's conclusions.
The `demo` command (execution/management/commands/demo.py) loads it after plans' demo."""

from .loading import load

__all__ = ["load"]
