"""The one rule for «the same partner»: a partner's normalised name.

Placeholder that delegates to the current strict form; issue 9 makes this the single home of
the rule (with a stored, unique normalised field on Partner).
"""

from partners.services import normalise_name  # noqa: F401
