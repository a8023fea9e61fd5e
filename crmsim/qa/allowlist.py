"""Allow-list of the French checker: accepted exceptions, each with its reason.

An entry covers a problem when the file matches ``path`` (a glob, relative to the
repository root), the rule is ``rule`` (or ``"*"``) and ``text`` appears in the
problem's excerpt.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ALLOWED", "Allowed"]


@dataclass(frozen=True)
class Allowed:
    """One accepted exception of :mod:`crmsim.qa.french`, with the reason."""

    path: str
    rule: str
    text: str
    reason: str


ALLOWED: tuple[Allowed, ...] = ()
