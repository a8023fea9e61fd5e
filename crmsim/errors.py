"""Exception hierarchy of crmsim.

Every error raised by a public crmsim function on bad input is a :class:`CrmSimError`
carrying a French message that names the problem, shows the value and hints at the fix.
The subclasses also derive from the matching built-in exception (``DataError`` and
``ScenarioError`` from :class:`ValueError`, ``ArgumentError`` from :class:`TypeError`,
``ResourceError`` from :class:`MemoryError`, ``OutputError`` from :class:`OSError`), so
``except ValueError`` and the like keep working.
"""

from __future__ import annotations

__all__ = [
    "ArgumentError",
    "CrmSimError",
    "DataError",
    "OutputError",
    "ResourceError",
    "ScenarioError",
]


class CrmSimError(Exception):
    """Base class of every error raised by crmsim."""


class DataError(CrmSimError, ValueError):
    """Bad input table: missing column, negative amount, empty table, duplicated id..."""


class ScenarioError(CrmSimError, ValueError):
    """Bad simulation parameter: out of bounds, wrong type, unknown key or preset."""


class ArgumentError(CrmSimError, TypeError):
    """A public function called with a missing, unknown or repeated argument."""


class ResourceError(CrmSimError, MemoryError):
    """A call would need more memory or time than the machine can give (see allow_large)."""


class OutputError(CrmSimError, OSError):
    """The command line's output folder cannot be used (forbidden, not crmsim's, unwritable)."""
