"""Declaration and validation of scenario parameters.

Every scalar parameter of a scenario is a dataclass field declared with :func:`_p`, whose
metadata holds its bounds (``min``, ``max``), French ``label``, ``unit`` and ``kind``
(``float``, ``int``, ``bool`` or ``month``; ``month`` accepts ``None`` for "never"). Groups
of parameters are fields whose metadata is ``{"label": ..., "kind": "group"}``. The widgets,
the documentation and the validation read these same keys.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import field
from typing import Any

import numpy as np

from crmsim._validation import type_fr
from crmsim.errors import ScenarioError


def _p(
    default: Any,
    lo: float | None,
    hi: float | None,
    label: str,
    unit: str = "",
    kind: str = "float",
) -> Any:
    """Declare a parameter with its bounds, French label, unit and kind in the metadata."""
    meta = {"min": lo, "max": hi, "label": label, "unit": unit, "kind": kind}
    return field(default=default, metadata=meta)


def _gm(label: str) -> dict[str, str]:
    """Metadata of a parameter group."""
    return {"label": label, "kind": "group"}


_NEVER = {"jamais", "none", "aucun", ""}


def _num(x: float) -> str:
    """Plain French rendering of a bound: 1000000 -> '1 000 000', 0.5 -> '0.5'."""
    if float(x).is_integer() and abs(x) < 1e15:
        return f"{int(x):,}".replace(",", "\u00a0")
    return f"{x:g}"


def _check_value(name: str, value: Any, meta: Mapping[str, Any]) -> Any:
    """Return ``value`` coerced to the field's kind, or raise a French ScenarioError."""
    kind, lo, hi, label = meta["kind"], meta["min"], meta["max"], meta["label"]
    if isinstance(value, np.generic):  # np.int64(24) is a valid number
        value = value.item()
    where = f"{name} ({label})"
    if kind == "bool":
        if not isinstance(value, bool):
            raise ScenarioError(f"{where} doit valoir True ou False, reçu {value!r}.")
        return value
    if kind == "month":
        if value is None or (isinstance(value, str) and value.strip().lower() in _NEVER):
            return None
        kind = "int"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScenarioError(
            f"{where} doit être un nombre, reçu {value!r} ({type_fr(value)})."
            + (' Pour « jamais », écrivez None (ou "jamais").' if meta["kind"] == "month" else "")
        )
    if kind == "int":
        if isinstance(value, float):
            if not value.is_integer():
                raise ScenarioError(f"{where} doit être un nombre entier, reçu {value!r}.")
            value = int(value)
    else:
        value = float(value)
    if value != value or (lo is not None and value < lo) or (hi is not None and value > hi):
        hint = ""
        if lo == 0 and hi == 1 and 1 < value <= 100:
            hint = f" (un pourcentage ? écrivez {value / 100:g})"
        if lo is not None and hi is not None:
            bound = f"entre {_num(lo)} et {_num(hi)}"
        elif lo is not None:
            bound = f"au moins {_num(lo)}"
        else:
            bound = f"au plus {_num(hi)}"
        raise ScenarioError(f"{where} doit être {bound}, reçu {value!r}{hint}.")
    return value


class _Group:
    """Mixin validating every field of a parameter group against its metadata."""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.metadata.get("kind") == "group":
                continue
            value = _check_value(f.name, getattr(self, f.name), f.metadata)
            object.__setattr__(self, f.name, value)
