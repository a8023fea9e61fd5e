"""The :class:`Scenario` and its parameter paths (dotted keys such as ``"events.crisis_month"``)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from crmsim._validation import did_you_mean, french_arguments
from crmsim.errors import ScenarioError
from crmsim.scenario.fields import _check_value, _gm, _Group, _p
from crmsim.scenario.portfolio import COMPETITOR_KEYS, Lines, Wallet
from crmsim.scenario.sections import (
    Acquisition,
    Attrition,
    Customers,
    Economics,
    Events,
    Loyalty,
    Market,
    Satisfaction,
)

__all__ = ["Parameter", "Scenario", "iter_leaf_paths"]


class Parameter(NamedTuple):
    """Description of one scalar parameter, for tables, docs and slider builders."""

    path: str
    group: str
    label: str
    unit: str
    kind: str
    minimum: float | None
    maximum: float | None
    value: Any
    default: Any


_GROUPS = (
    "market",
    "acquisition",
    "customers",
    "satisfaction",
    "attrition",
    "loyalty",
    "economics",
    "events",
    "wallet",
    "lines",
)


@dataclass(frozen=True, kw_only=True)
class Scenario(_Group):
    """A complete, validated simulation scenario (defaults: the ``cours`` preset).

    Parameters are grouped: ``market``, ``acquisition`` (one :class:`Channel` per medium),
    ``customers``, ``satisfaction``, ``attrition``, ``loyalty``, ``economics``,
    ``events``, ``wallet`` (share of wallet and competitors) and ``lines`` (product lines). Build variants with :meth:`replace`; list every parameter with
    :meth:`parameters`.

    Examples
    --------
    >>> sc = Scenario(months=12)
    >>> sc.replace(**{"attrition.anecdotal_monthly_rate": 0.01}).attrition.anecdotal_monthly_rate
    0.01
    >>> p = next(p for p in sc.parameters() if p.path == "economics.gross_margin_rate")
    >>> p.label, p.minimum, p.maximum
    ('taux de marge brute', 0, 1)
    """

    name: str = field(default="cours", metadata={"kind": "text", "label": "nom"})
    description: str = field(
        default="Situation de référence calibrée sur les chiffres du cours.",
        metadata={"kind": "text", "label": "description"},
    )
    months: int = _p(60, 1, 1200, "durée de la simulation", "mois", "int")
    start_date: str = field(
        default="2024-01-01", metadata={"kind": "date", "label": "date de début"}
    )
    market: Market = field(default_factory=Market, metadata=_gm("marché et bouche-à-oreille"))
    acquisition: Acquisition = field(
        default_factory=Acquisition, metadata=_gm("campagnes d’acquisition")
    )
    customers: Customers = field(default_factory=Customers, metadata=_gm("clients et dépenses"))
    satisfaction: Satisfaction = field(
        default_factory=Satisfaction, metadata=_gm("satisfaction et réclamations")
    )
    attrition: Attrition = field(default_factory=Attrition, metadata=_gm("attrition"))
    loyalty: Loyalty = field(default_factory=Loyalty, metadata=_gm("fidélité"))
    economics: Economics = field(default_factory=Economics, metadata=_gm("économie"))
    events: Events = field(default_factory=Events, metadata=_gm("événements"))
    wallet: Wallet = field(
        default_factory=Wallet, metadata=_gm("part de portefeuille et concurrents")
    )
    lines: Lines = field(default_factory=Lines, metadata=_gm("gammes et ventes croisées"))

    def __post_init__(self) -> None:
        for name in ("name", "description"):
            if not isinstance(getattr(self, name), str):
                raise ScenarioError(f"{name} doit être un texte, reçu {getattr(self, name)!r}.")
        months = _check_value("months", self.months, _meta(Scenario, "months"))
        object.__setattr__(self, "months", months)
        try:
            date = _dt.date.fromisoformat(str(self.start_date))
        except ValueError:
            raise ScenarioError(
                f"start_date (date de début) doit être une date AAAA-MM-JJ, reçu {self.start_date!r}."
            ) from None
        object.__setattr__(self, "start_date", date.replace(day=1).isoformat())
        for g in _GROUPS:
            expected = _meta_type(Scenario, g)
            if not isinstance(getattr(self, g), expected):
                raise ScenarioError(
                    f"{g} doit être un objet {expected.__name__}, reçu {getattr(self, g)!r}."
                )
        if self.market.initial_customers > self.market.market_size:
            raise ScenarioError(
                f"market.initial_customers ({self.market.initial_customers}) dépasse "
                f"market.market_size ({self.market.market_size}) : le marché doit contenir "
                "les clients de départ."
            )

    # ------------------------------------------------------------------ access
    def get(self, path: str) -> Any:
        """Return the value at a dotted ``path`` such as ``"attrition.offer_gap_pct"``."""
        obj: Any = self
        for part in _resolve(path).split("."):
            obj = getattr(obj, part)
        return obj

    def parameters(self) -> list[Parameter]:
        """Every scalar parameter with its path, label, unit, bounds, value and default.

        Returns
        -------
        list of Parameter
            In declaration order; ``path`` is the dotted key accepted by :meth:`replace`.
        """
        default = Scenario()
        return [
            Parameter(
                path,
                path.split(".")[0],
                m["label"],
                m["unit"],
                m["kind"],
                m["min"],
                m["max"],
                self.get(path),
                default.get(path),
            )
            for path, m in _leaf_meta().items()
        ]

    def to_dict(self) -> dict[str, Any]:
        """Nested dictionary of the scenario (``None`` values included)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """Build a scenario from a (possibly partial) nested dictionary.

        Missing keys keep the defaults of the preset named by an optional ``"preset"`` key
        (``cours`` otherwise); unknown keys raise a :class:`ScenarioError` with a hint.

        Examples
        --------
        >>> Scenario.from_dict({"preset": "crise", "events": {"crisis_month": 6}}).events.crisis_month
        6
        """
        from crmsim.scenario.presets import preset

        data = dict(data)
        base = preset(str(data.pop("preset", "cours")))
        flat = _flatten(data, "")
        return base.replace(**flat) if flat else base

    # ------------------------------------------------------------------ variants
    def replace(self, **changes: Any) -> Scenario:
        """Return a copy with some parameters changed (the original is untouched).

        A key is the full dotted path of a parameter, as listed by :meth:`parameters`
        (``**{"attrition.offer_gap_pct": 5}``); top-level fields are paths too
        (``months=24``), and a whole group may be given as a group object
        (``attrition=Attrition(...)``). There is no other spelling: a bare parameter name
        or a path with double underscores is refused with the full path to write.

        Raises
        ------
        ScenarioError
            For an unknown, incomplete or ambiguous key (with the path to write, or a
            "did you mean" hint) or a bad value.

        Examples
        --------
        >>> sc = Scenario().replace(**{"attrition.offer_gap_pct": 5, "events.crisis_month": None})
        >>> sc.attrition.offer_gap_pct, sc.events.crisis_month
        (5.0, None)
        """
        flat: dict[str, Any] = {}
        for key, value in changes.items():
            path = _resolve(key)
            if isinstance(value, Mapping) and (
                path in _GROUPS
                or (path.startswith(("acquisition.", "wallet.")) and path.count(".") == 1)
            ):
                example = next(iter(_flatten(value, path)), path + ".…")
                raise ScenarioError(
                    f"{path} : donnez chaque paramètre par son chemin complet, par exemple "
                    f'replace(**{{"{example}": valeur}}), ou un objet {type(self.get(path)).__name__}.'
                )
            flat[path] = value
        return _apply(self, flat)


def _meta(cls: type, name: str) -> Mapping[str, Any]:
    return next(f.metadata for f in dataclasses.fields(cls) if f.name == name)


def _meta_type(cls: type, name: str) -> type:
    f = next(f for f in dataclasses.fields(cls) if f.name == name)
    return type(f.default_factory())  # type: ignore[misc]


def _leaf_meta() -> dict[str, Mapping[str, Any]]:
    """Dotted path -> metadata of every scalar (slider-able) parameter."""
    if not _LEAVES:
        _walk(Scenario(), "", _LEAVES)
    return _LEAVES


_LEAVES: dict[str, Mapping[str, Any]] = {}


def _walk(obj: Any, prefix: str, out: dict[str, Mapping[str, Any]]) -> None:
    for f in dataclasses.fields(obj):
        path = prefix + f.name
        if f.metadata.get("kind") == "group":
            _walk(getattr(obj, f.name), path + ".", out)
        elif f.metadata.get("kind") not in ("text", "date"):
            out[path] = f.metadata


def _all_paths() -> list[str]:
    """Every accepted key: leaves, groups, channels and text fields."""
    channels = [f"acquisition.{f.name}" for f in dataclasses.fields(Acquisition)]
    channels += [f"wallet.{k}" for k in COMPETITOR_KEYS]
    return [*_leaf_meta(), *_GROUPS, *channels, "name", "description", "start_date"]


def _resolve(key: str) -> str:
    """Check that ``key`` is a full dotted path; otherwise say which path to write."""
    paths = _all_paths()
    if key in paths:
        return key
    dotted = key.replace("__", ".")
    matches = [dotted] if dotted in paths else [p for p in paths if p.endswith("." + dotted)]
    if len(matches) == 1:
        raise ScenarioError(
            f"Paramètre « {key} » : écrivez son chemin complet « {matches[0]} », "
            f'par exemple replace(**{{"{matches[0]}": valeur}}).'
        )
    if len(matches) > 1:
        shown = ", ".join(f"« {m} »" for m in matches)
        raise ScenarioError(
            f"Paramètre ambigu « {key} » : écrivez le chemin complet parmi {shown}."
        )
    names = paths + [p.rsplit(".", 1)[-1] for p in paths]
    hint = did_you_mean(key, names)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    full = [p for p in paths if close and (p == close[0] or p.endswith("." + close[0]))]
    if len(full) == 1 and full[0] != close[0]:
        hint += f" (chemin complet « {full[0]} »)"
    raise ScenarioError(
        f"Paramètre inconnu « {key} ».{hint} "
        "La liste complète est donnée par Scenario().parameters()."
    )


def _flatten(d: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        path = f"{prefix}.{k}" if prefix else str(k)
        if isinstance(v, Mapping):
            out.update(_flatten(v, path))
        else:
            out[path] = v
    return out


def _apply(obj: Any, flat: Mapping[str, Any]) -> Any:
    """Rebuild ``obj`` (a dataclass) with the dotted ``flat`` changes applied."""
    direct: dict[str, Any] = {}
    nested: dict[str, dict[str, Any]] = {}
    for path, value in flat.items():
        head, _, rest = path.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            direct[head] = value
    for head, sub in nested.items():
        direct[head] = _apply(direct.get(head, getattr(obj, head)), sub)
    return dataclasses.replace(obj, **direct)


# French messages for a missing, unknown or unnamed argument of Scenario(...).
Scenario.__init__ = french_arguments(Scenario.__init__, "Scenario")  # type: ignore[method-assign]


def iter_leaf_paths() -> Iterator[str]:
    """Dotted paths of every scalar parameter, in declaration order."""
    yield from _leaf_meta()
