"""Exception hierarchy of crmsim.

Every error raised by a public crmsim function on bad input is a :class:`CrmSimError`
carrying a French message that names the problem, shows the value and hints at the fix.
The subclasses also derive from :class:`ValueError`, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = ["ArgumentError", "CrmSimError", "DataError", "ScenarioError"]


class CrmSimError(Exception):
    """Base class of every error raised by crmsim."""


class DataError(CrmSimError, ValueError):
    """Bad input table: missing column, negative amount, empty table, duplicated id..."""


class ScenarioError(CrmSimError, ValueError):
    """Bad simulation parameter: out of bounds, wrong type, unknown key or preset."""


class ArgumentError(CrmSimError, TypeError):
    """A public function called with a missing, unknown or repeated argument."""
