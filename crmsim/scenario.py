"""Simulation scenarios: frozen, validated parameter sets grouped by theme.

A :class:`Scenario` holds every lever of the simulation. It is made of frozen, keyword-only
dataclasses with defaults, so ``Scenario()`` runs (it is the calibrated ``cours`` preset).
Each field carries its bounds, French label and unit in ``field(metadata=...)``: validation,
the documentation (``docs/model.md``) and the widget sliders share this one source, available
through :meth:`Scenario.parameters`.

Conventions: one period is one month; rates are monthly probabilities in [0, 1]; money is in
MAD (dirhams); satisfaction, expectations and service quality are on a 0-10 scale.

Examples
--------
>>> from crmsim.scenario import Scenario, preset
>>> sc = Scenario()
>>> sc.name, sc.months
('cours', 60)
>>> sc2 = sc.replace(**{"attrition.anecdotal_monthly_rate": 0.005}, months=24)
>>> sc2.attrition.anecdotal_monthly_rate, sc2.months
(0.005, 24)
>>> preset("crise").events.crisis_month
24
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import pathlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from crmsim._validation import did_you_mean
from crmsim.errors import ScenarioError

__all__ = [
    "Acquisition",
    "Attrition",
    "Channel",
    "Customers",
    "Economics",
    "Events",
    "Loyalty",
    "Market",
    "Parameter",
    "Satisfaction",
    "Scenario",
    "list_presets",
    "load_scenario",
    "preset",
    "save_scenario",
]


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
            f"{where} doit être un nombre, reçu {value!r} ({type(value).__name__})."
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


@dataclass(frozen=True, kw_only=True)
class Market(_Group):
    """The market and word of mouth (Bass mixed-influence form, monthly coefficients)."""

    market_size: int = _p(
        200_000, 1, 1e9, "taille du marché (clients potentiels)", "personnes", "int"
    )
    initial_customers: int = _p(10_000, 0, 1e8, "clients au départ", "clients", "int")
    initial_tenure_max_months: int = _p(
        48, 1, 600, "ancienneté maximale de la base initiale", "mois", "int"
    )
    external_influence_p: float = _p(
        1e-4, 0, 1, "coefficient d’influence externe p (Bass)", "par mois"
    )
    imitation_q: float = _p(0.004, 0, 5, "coefficient d’imitation q (Bass)", "par mois")
    happy_tell: float = _p(
        3.0, 0.1, 100, "personnes informées par un client satisfait", "personnes"
    )
    unhappy_tell: float = _p(
        10.0, 0, 100, "personnes informées par un client mécontent", "personnes"
    )
    recovered_tell: float = _p(
        5.0,
        0,
        100,
        "personnes informées par un client dont la réclamation a été résolue",
        "personnes",
    )
    loyal_recommend_boost: float = _p(
        1.5, 0, 10, "multiplicateur de recommandation des clients fidèles (≥ 12 mois)", "×"
    )


@dataclass(frozen=True, kw_only=True)
class Channel(_Group):
    """One direct-marketing channel: monthly contacts, cost and funnel rates."""

    contacts_per_month: int = _p(0, 0, 1e9, "contacts envoyés par mois", "contacts", "int")
    contact_cost_mad: float = _p(1.0, 0, 1e6, "coût par contact", "MAD")
    response_rate: float = _p(0.01, 0, 1, "taux de remontée (réponses / contacts)", "")
    conversion_rate: float = _p(0.1, 0, 1, "taux de transformation (commandes / réponses)", "")


def _ch(contacts: int, cost: float, response: float, conversion: float) -> Any:
    return lambda: Channel(
        contacts_per_month=contacts,
        contact_cost_mad=cost,
        response_rate=response,
        conversion_rate=conversion,
    )


@dataclass(frozen=True, kw_only=True)
class Acquisition(_Group):
    """Acquisition campaigns, one :class:`Channel` per medium."""

    mailing: Channel = field(default_factory=_ch(3_000, 6.0, 0.03, 0.35), metadata=_gm("mailing"))
    phone: Channel = field(default_factory=_ch(1_000, 10.0, 0.06, 0.25), metadata=_gm("téléphone"))
    email: Channel = field(default_factory=_ch(20_000, 0.15, 0.01, 0.10), metadata=_gm("e-mail"))
    sales_force: Channel = field(
        default_factory=_ch(80, 150.0, 0.30, 0.40), metadata=_gm("force de vente")
    )
    web: Channel = field(default_factory=_ch(8_000, 1.2, 0.03, 0.10), metadata=_gm("web"))


@dataclass(frozen=True, kw_only=True)
class Customers(_Group):
    """Heterogeneity of customers: spending, frequency, expectations, price sensitivity."""

    basket_median_mad: float = _p(250.0, 0.01, 1e7, "panier médian par commande", "MAD")
    basket_sigma: float = _p(1.3, 0, 4, "dispersion des paniers (sigma log-normal)", "")
    order_rate_mean: float = _p(1.2, 0.01, 100, "commandes par mois (moyenne)", "commandes/mois")
    order_rate_shape: float = _p(1.5, 0.05, 1e4, "homogénéité des fréquences (forme gamma)", "")
    strategic_share: float = _p(0.3, 0, 1, "part moyenne des achats stratégiques", "")
    price_sensitivity_sigma: float = _p(0.5, 0, 3, "dispersion de la sensibilité au prix", "")
    expectation_mean: float = _p(6.5, 0, 10, "attente moyenne des clients", "points /10")
    expectation_sd: float = _p(1.0, 0, 5, "dispersion des attentes", "points")


@dataclass(frozen=True, kw_only=True)
class Satisfaction(_Group):
    """Satisfaction gap, incidents, complaints and surveys."""

    service_quality: float = _p(7.5, 0, 10, "qualité de service délivrée", "points /10")
    incident_monthly_rate: float = _p(0.03, 0, 1, "probabilité mensuelle d’incident", "par mois")
    incident_severity: float = _p(3.0, 0, 10, "gravité d’un incident", "points")
    satisfaction_memory: float = _p(0.5, 0.01, 1, "poids du dernier mois dans la satisfaction", "")
    complaint_rate: float = _p(0.04, 0, 1, "part des mécontents qui réclament", "")
    resolution_rate: float = _p(0.8, 0, 1, "part des réclamations résolues sur-le-champ", "")
    recovery_stay_rate: float = _p(0.95, 0, 1, "part des clients qui restent après résolution", "")
    recovery_boost: float = _p(1.0, 0, 10, "satisfaction retrouvée après résolution", "points")
    unresolved_hazard_multiplier: float = _p(
        3.0, 1, 100, "multiplicateur du risque après réclamation non résolue", "×"
    )
    complaint_cost_mad: float = _p(50.0, 0, 1e6, "coût de traitement d’une réclamation", "MAD")
    survey_every_months: int = _p(
        6, 0, 120, "enquête de satisfaction tous les (0 = jamais)", "mois", "int"
    )
    survey_sample_size: int = _p(500, 1, 1e7, "taille de l’échantillon d’enquête", "clients", "int")
    survey_callback: bool = _p(
        False, None, None, "rappel des clients « à risque » après enquête", "", "bool"
    )
    callback_cost_mad: float = _p(30.0, 0, 1e6, "coût d’un rappel par un conseiller", "MAD")
    callback_success_rate: float = _p(
        0.5, 0, 1, "part des rappels qui rétablissent la satisfaction", ""
    )


@dataclass(frozen=True, kw_only=True)
class Attrition(_Group):
    """The four attrition types as competing monthly hazards."""

    anecdotal_monthly_rate: float = _p(
        0.0055, 0, 1, "taux d’attrition anecdotique mensuel", "par mois"
    )
    propensity_heterogeneity: float = _p(
        0.02, 0, 0.99, "hétérogénéité de la propension au départ (1/(α+β))", ""
    )
    dissatisfaction_hazard_per_point: float = _p(
        0.06, 0, 1, "risque de départ par point d’écart négatif", "par mois et par point"
    )
    structural_hazard_per_gap_point: float = _p(
        0.0025, 0, 1, "risque de départ par point d’écart de prix", "par mois et par %"
    )
    offer_gap_pct: float = _p(1.0, 0, 100, "retard permanent de l’offre sur le concurrent", "%")


@dataclass(frozen=True, kw_only=True)
class Loyalty(_Group):
    """Loyalty effects of tenure, switching costs and the loyalty programme."""

    spend_growth_per_year: float = _p(
        0.08, 0, 2, "croissance de la dépense par année d’ancienneté", "par an"
    )
    spend_growth_cap_years: float = _p(5.0, 0, 50, "plafond de la croissance de la dépense", "ans")
    cost_to_serve_decline_per_year: float = _p(
        0.10, 0, 1, "baisse du coût de service par année d’ancienneté", "par an"
    )
    cost_to_serve_floor: float = _p(0.5, 0, 1, "coût de service minimal (part du coût initial)", "")
    price_sensitivity_half_life_months: float = _p(
        24.0, 1, 1e6, "ancienneté qui divise par deux la sensibilité au prix", "mois"
    )
    switching_cost_reduction: float = _p(
        0.0, 0, 1, "baisse des risques maîtrisables (coûts de changement)", ""
    )
    programme_hazard_reduction: float = _p(
        0.3, 0, 1, "baisse des risques maîtrisables pour un adhérent", ""
    )
    programme_enrolment: float = _p(0.6, 0, 1, "part des clients qui adhèrent au programme", "")
    programme_cost_per_member_mad: float = _p(
        6.0, 0, 1e6, "coût mensuel du programme par adhérent", "MAD"
    )
    retention_cost_per_customer_mad: float = _p(
        8.0, 0, 1e6, "dépense de fidélisation par client et par mois", "MAD"
    )


@dataclass(frozen=True, kw_only=True)
class Economics(_Group):
    """Margins, cost to serve and discounting."""

    gross_margin_rate: float = _p(0.30, 0, 1, "taux de marge brute", "")
    cost_to_serve_mad: float = _p(
        25.0, 0, 1e6, "coût de service mensuel d’un nouveau client", "MAD"
    )
    yearly_discount_rate: float = _p(0.10, 0, 1, "taux d’actualisation annuel", "par an")


@dataclass(frozen=True, kw_only=True)
class Events(_Group):
    """Calendar events (months counted from 0; ``None`` means never)."""

    crisis_month: int | None = _p(36, 0, 1200, "début de la crise", "mois", "month")
    crisis_duration_months: int = _p(2, 1, 1200, "durée de la crise", "mois", "int")
    crisis_extra_hazard: float = _p(
        0.01, 0, 1, "risque de départ supplémentaire en crise", "par mois"
    )
    crisis_quality_drop: float = _p(1.0, 0, 10, "baisse de la qualité perçue en crise", "points")
    crisis_communication: bool = _p(True, None, None, "communication de crise", "", "bool")
    communication_damping: float = _p(0.5, 0, 1, "réduction du risque par la communication", "")
    communication_cost_mad: float = _p(
        50_000.0, 0, 1e9, "coût mensuel de la communication de crise", "MAD"
    )
    competitor_price_cut_month: int | None = _p(
        None, 0, 1200, "baisse de prix du concurrent", "mois", "month"
    )
    competitor_price_cut: float = _p(0.10, 0, 0.9, "ampleur de la baisse du concurrent", "")
    firm_alignment_month: int | None = _p(None, 0, 1200, "alignement de nos prix", "mois", "month")
    programme_launch_month: int | None = _p(
        None, 0, 1200, "lancement du programme de fidélité", "mois", "month"
    )


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
)


@dataclass(frozen=True, kw_only=True)
class Scenario(_Group):
    """A complete, validated simulation scenario (defaults: the ``cours`` preset).

    Parameters are grouped: ``market``, ``acquisition`` (one :class:`Channel` per medium),
    ``customers``, ``satisfaction``, ``attrition``, ``loyalty``, ``economics`` and
    ``events``. Build variants with :meth:`replace`; list every parameter with
    :meth:`parameters`.

    Examples
    --------
    >>> sc = Scenario(months=12)
    >>> sc.replace(anecdotal_monthly_rate=0.01).attrition.anecdotal_monthly_rate
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
        data = dict(data)
        base = preset(str(data.pop("preset", "cours")))
        flat = _flatten(data, "")
        return base.replace(**flat) if flat else base

    # ------------------------------------------------------------------ variants
    def replace(self, **changes: Any) -> Scenario:
        """Return a copy with some parameters changed (the original is untouched).

        Keys may be dotted paths (``**{"attrition.offer_gap_pct": 5}``), paths with double
        underscores (``attrition__offer_gap_pct=5``), a parameter's own name when it is
        unique (``offer_gap_pct=5``), a top-level field (``months=24``) or a whole group
        given as a group object or a dict of its fields (``events={"crisis_month": 12}``).

        Raises
        ------
        ScenarioError
            For an unknown or ambiguous key (with a "did you mean" hint) or a bad value.

        Examples
        --------
        >>> sc = Scenario().replace(attrition__offer_gap_pct=5, events={"crisis_month": None})
        >>> sc.attrition.offer_gap_pct, sc.events.crisis_month
        (5.0, None)
        """
        flat: dict[str, Any] = {}
        for key, value in changes.items():
            path = _resolve(key.replace("__", "."))
            if path in _GROUPS or (path.startswith("acquisition.") and path.count(".") == 1):
                if isinstance(value, Mapping):
                    for sub, v in _flatten(value, path).items():
                        flat[_resolve(sub)] = v
                    continue
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
    return [*_leaf_meta(), *_GROUPS, *channels, "name", "description", "start_date"]


def _resolve(key: str) -> str:
    """Map a user key (dotted path or unique leaf name) to a full dotted path."""
    paths = _all_paths()
    if key in paths:
        return key
    matches = [p for p in paths if p.endswith("." + key)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        shown = ", ".join(f"« {m} »" for m in matches)
        raise ScenarioError(f"Paramètre ambigu « {key} » : précisez le chemin parmi {shown}.")
    names = paths + [p.rsplit(".", 1)[-1] for p in paths]
    raise ScenarioError(
        f"Paramètre inconnu « {key} ».{did_you_mean(key, names)} "
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


# ---------------------------------------------------------------------- presets
_PRESETS: dict[str, tuple[str, dict[str, Any]]] = {
    "cours": ("Situation de référence calibrée sur les chiffres du cours.", {}),
    "calme": (
        "Situation de référence sans crise : trois types d’attrition seulement.",
        {"events.crisis_month": None},
    ),
    "crise": (
        "Crise grave au mois 24 (panne majeure), sans communication de crise.",
        {
            "events.crisis_month": 24,
            "events.crisis_duration_months": 3,
            "events.crisis_extra_hazard": 0.04,
            "events.crisis_quality_drop": 2.5,
            "events.crisis_communication": False,
        },
    ),
    "guerre_des_prix": (
        "Le concurrent baisse ses prix de 15 % au mois 12 ; nous nous alignons au mois 30.",
        {
            "events.crisis_month": None,
            "events.competitor_price_cut_month": 12,
            "events.competitor_price_cut": 0.15,
            "events.firm_alignment_month": 30,
        },
    ),
    "programme_fidelite": (
        "Lancement d’un programme de fidélité au mois 12.",
        {"events.crisis_month": None, "events.programme_launch_month": 12},
    ),
    "ecoute_client": (
        "Réclamation facilitée et traitée, enquêtes avec rappel des clients à risque.",
        {
            "events.crisis_month": None,
            "satisfaction.complaint_rate": 0.25,
            "satisfaction.resolution_rate": 0.95,
            "satisfaction.survey_every_months": 3,
            "satisfaction.survey_callback": True,
        },
    ),
    "lancement": (
        "Lancement d’une offre nouvelle diffusée par le bouche-à-oreille (courbe de Bass).",
        {
            "months": 72,
            "market.market_size": 50_000,
            "market.initial_customers": 0,
            "market.external_influence_p": 0.003,
            "market.imitation_q": 0.08,
            "events.crisis_month": None,
            **{
                f"acquisition.{c}.contacts_per_month": 0
                for c in ("mailing", "phone", "email", "sales_force", "web")
            },
        },
    ),
}


def list_presets() -> dict[str, str]:
    """Names of the presets with their French descriptions.

    Examples
    --------
    >>> "cours" in list_presets()
    True
    """
    return {name: desc for name, (desc, _) in _PRESETS.items()}


def preset(name: str = "cours") -> Scenario:
    """Return the preset scenario called ``name`` (see :func:`list_presets`).

    Raises
    ------
    ScenarioError
        If ``name`` is not a preset; the message lists the presets.

    Examples
    --------
    >>> preset("guerre_des_prix").events.firm_alignment_month
    30
    """
    if name not in _PRESETS:
        shown = ", ".join(_PRESETS)
        raise ScenarioError(
            f"Préréglage inconnu « {name} ».{did_you_mean(name, _PRESETS)} "
            f"Préréglages disponibles : {shown}."
        )
    desc, changes = _PRESETS[name]
    return Scenario().replace(**changes, name=name, description=desc)


def iter_leaf_paths() -> Iterator[str]:
    """Dotted paths of every scalar parameter, in declaration order."""
    yield from _leaf_meta()


# ---------------------------------------------------------------------- TOML files
def _toml_value(value: Any) -> str:
    import tomli_w

    return tomli_w.dumps({"x": value}).strip()[len("x = ") :]


def _toml_lines(obj: Any, prefix: str) -> list[str]:
    lines: list[str] = []
    groups = []
    for f in dataclasses.fields(obj):
        m, value = f.metadata, getattr(obj, f.name)
        if m.get("kind") == "group":
            groups.append(f)
            continue
        comment = ""
        if "unit" in m:
            unit = f", en {m['unit']}" if m["unit"] else ""
            bounds = ""
            if m["min"] is not None and m["max"] is not None:
                bounds = f", entre {_num(m['min'])} et {_num(m['max'])}"
            comment = f"  # {m['label']}{unit}{bounds}"
        if value is None:
            lines.append(f'{f.name} = "jamais"{comment} ; "jamais" ou un numéro de mois')
        else:
            lines.append(f"{f.name} = {_toml_value(value)}{comment}")
    for f in groups:
        lines += ["", f"[{prefix}{f.name}]  # {f.metadata['label']}"]
        lines += _toml_lines(getattr(obj, f.name), f"{prefix}{f.name}.")
    return lines


def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> pathlib.Path:
    """Write ``scenario`` to a commented, human-editable TOML file and return its path.

    Events that never happen (``None``) are written ``"jamais"``; each line carries the
    parameter's French label, unit and bounds as a comment.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = save_scenario(preset("crise"), pathlib.Path(d) / "crise.toml")
    ...     load_scenario(f) == preset("crise")
    True
    """
    path = pathlib.Path(path)
    header = [
        "# Scénario crmsim : fichier modifiable à la main.",
        "# Une période = un mois ; taux en fraction (0.015 = 1,5 %) ; montants en MAD.",
        "# Une clé absente garde la valeur du préréglage « cours ».",
    ]
    text = "\n".join(header + _toml_lines(scenario, "")) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read a scenario from a TOML file written by :func:`save_scenario` or by hand.

    Raises
    ------
    ScenarioError
        If the file is missing, is not valid TOML, or has an unknown key or a bad value.
    """
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    path = pathlib.Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScenarioError(f"Fichier de scénario introuvable : {path}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path} n’est pas un fichier TOML valide : {exc}.") from None
    try:
        return Scenario.from_dict(data)
    except ScenarioError as exc:
        raise ScenarioError(f"{path} : {exc}") from None
