"""Parameters of the simulated web audience: a frozen, keyword-only, validated dataclass.

Every field carries its French label, unit, bounds and kind in ``field(metadata=...)``:
validation, the documentation (``docs/ecrm.md``) and the panel's controls share this one
source, available through :meth:`WebAudience.parameters`.

Conventions: time is in **days**; probabilities are in [0, 1]; money is in MAD; an
"uplift" multiplies a probability (0.3 means +30 %, relative).

Examples
--------
>>> from crmsim.ecrm import WebAudience
>>> audience = WebAudience()
>>> audience.visitors, audience.days, audience.email_views_threshold, audience.silence_days
(3000, 90, 5, 31)
>>> audience.replace(banner=False).active_triggers()
('email', 'appel', 'enquete')
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from crmsim._validation import check_sequence, did_you_mean, french_arguments, type_fr
from crmsim.errors import ScenarioError
from crmsim.formatting import format_number
from crmsim.scenario.fields import _check_value, _p

__all__ = [
    "TRIGGERS",
    "TRIGGER_FIELDS",
    "TRIGGER_LABELS",
    "Parameter",
    "WebAudience",
    "check_audience",
]

#: The four triggers of the course's table (document 002, Tableau 3), in its order.
TRIGGERS: tuple[str, ...] = ("banniere", "email", "appel", "enquete")

#: French name of each trigger's action.
TRIGGER_LABELS: dict[str, str] = {
    "banniere": "Bannière d’autopromotion",
    "email": "E-mail de relance",
    "appel": "Appel du service client",
    "enquete": "Enquête de satisfaction",
}

#: The on/off switch of each trigger in :class:`WebAudience`.
TRIGGER_FIELDS: dict[str, str] = {
    "banniere": "banner",
    "email": "reminder_email",
    "appel": "service_call",
    "enquete": "survey",
}


class Parameter(NamedTuple):
    """One parameter of :class:`WebAudience`, as listed by :meth:`WebAudience.parameters`."""

    name: str
    label: str
    unit: str
    kind: str
    low: float | None
    high: float | None
    value: Any
    default: Any


@dataclass(frozen=True, kw_only=True)
class WebAudience:
    """A web site's audience and the four e-CRM triggers of the course, with their costs.

    Each visitor visits the site again and again (a SimPy process, see
    :func:`crmsim.ecrm.simulate_audience`); a visit may come from a search keyword, show the
    visitor's product page, start a checkout, end with an order or an aborted checkout,
    and end with the visitor leaving the site for good. Long pauses (disengagement) make
    that departure likelier. The triggers act on what the firm can *observe*: the search
    keyword, the number of product-page views without purchase, an aborted checkout, the
    days since the last visit of a regular visitor.

    Every field is documented by its metadata (French label, unit, bounds); see
    :meth:`parameters` and ``docs/ecrm.md``.
    """

    # --- the audience -----------------------------------------------------------------
    visitors: int = _p(3_000, 1, 200_000, "visiteurs suivis", "visiteurs", "int")
    days: int = _p(90, 1, 730, "durée simulée", "jours", "int")
    mean_days_between_visits: float = _p(
        7.0, 0.5, 120, "intervalle moyen entre deux visites", "jours"
    )
    pause_probability: float = _p(
        0.06, 0, 1, "probabilité qu’une visite soit suivie d’une longue pause", ""
    )
    mean_pause_days: float = _p(45.0, 1, 365, "durée moyenne d’une longue pause", "jours")
    search_share: float = _p(0.25, 0, 1, "part des visites venant d’un mot-clé de recherche", "")
    product_view_probability: float = _p(
        0.5, 0, 1, "probabilité de consulter sa page produit pendant une visite", ""
    )
    mean_browse_pages: float = _p(2.0, 0, 50, "pages de catalogue vues par visite", "pages")
    checkout_probability: float = _p(
        0.12, 0, 1, "probabilité de commencer une commande après la page produit", ""
    )
    hesitant_share: float = _p(
        0.4, 0, 1, "part des visiteurs hésitants (que seule une remise décide)", ""
    )
    hesitant_checkout_factor: float = _p(
        0.3, 0, 1, "probabilité de commander d’un hésitant, relative à celle des autres", "×"
    )
    abandon_probability: float = _p(
        0.6, 0, 1, "probabilité d’arrêter la commande avant le paiement", ""
    )
    departure_probability: float = _p(
        0.02, 0, 1, "probabilité de délaisser le site après une visite", ""
    )
    pause_departure_extra: float = _p(
        0.30, 0, 1, "risque de départ supplémentaire au retour d’une longue pause", ""
    )
    abandon_departure_extra: float = _p(
        0.10, 0, 1, "risque de départ supplémentaire après un achat avorté", ""
    )
    basket_mad: float = _p(500.0, 1, 1e6, "panier moyen d’une commande", "MAD")
    margin_rate: float = _p(0.30, 0, 1, "taux de marge sur une commande", "")
    retained_value_mad: float = _p(
        150.0, 0, 1e6, "valeur future d’un visiteur encore fidèle à la fin", "MAD"
    )
    # --- trigger 1: search keyword -> self-promotion banner ---------------------------
    banner: bool = _p(True, None, None, "bannière d’autopromotion (mot-clé)", "", "bool")
    banner_cost_mad: float = _p(0.5, 0, 1e4, "coût d’affichage d’une bannière", "MAD")
    banner_uplift: float = _p(
        0.30, 0, 10, "hausse relative de la probabilité de commander (bannière)", ""
    )
    # --- trigger 2: same product page seen N times -> reminder e-mail with incentive --
    reminder_email: bool = _p(True, None, None, "e-mail de relance (page vue N fois)", "", "bool")
    email_views_threshold: int = _p(
        5, 1, 50, "consultations de la page produit avant l’e-mail", "consultations", "int"
    )
    email_cost_mad: float = _p(0.2, 0, 1e4, "coût d’envoi d’un e-mail", "MAD")
    incentive_mad: float = _p(30.0, 0, 1e5, "remise offerte si le visiteur commande", "MAD")
    incentive_valid_days: float = _p(14.0, 0, 365, "durée de validité de la remise", "jours")
    email_uplift: float = _p(
        4.0, 0, 20, "hausse relative de la probabilité de commander d’un hésitant (e-mail)", ""
    )
    email_return_probability: float = _p(
        0.4, 0, 1, "probabilité que l’e-mail fasse revenir le visiteur sous 3 jours", ""
    )
    email_departure_extra: float = _p(
        0.01, 0, 1, "risque de départ supplémentaire dû à l’e-mail (sur-sollicitation)", ""
    )
    # --- trigger 3: aborted checkout -> customer-service call -------------------------
    service_call: bool = _p(True, None, None, "appel après un achat avorté", "", "bool")
    call_cost_mad: float = _p(12.0, 0, 1e5, "coût d’un appel du service client", "MAD")
    call_delay_days: float = _p(1.0, 0, 30, "délai avant l’appel", "jours")
    call_recovery_probability: float = _p(
        0.25, 0, 1, "probabilité que l’appel sauve la commande", ""
    )
    call_departure_reduction: float = _p(
        0.7, 0, 1, "baisse relative du risque de départ dû à l’achat avorté (appel)", ""
    )
    # --- trigger 4: regular visitor silent for a month -> survey at the next visit ----
    survey: bool = _p(True, None, None, "enquête après un long silence", "", "bool")
    silence_days: int = _p(31, 1, 365, "silence qui déclenche l’enquête", "jours", "int")
    regular_min_visits: int = _p(
        3, 1, 100, "visites déjà faites pour être un visiteur régulier", "visites", "int"
    )
    survey_cost_mad: float = _p(3.0, 0, 1e4, "coût d’une enquête (traitement des réponses)", "MAD")
    survey_departure_reduction: float = _p(
        0.5, 0, 1, "baisse relative du risque de départ dû à la pause (enquête)", ""
    )

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            object.__setattr__(
                self, f.name, _check_value(f.name, getattr(self, f.name), f.metadata)
            )

    @french_arguments
    def replace(self, **changes: Any) -> WebAudience:
        """Return a copy with some parameters changed (unknown names get a French error).

        Examples
        --------
        >>> WebAudience().replace(silence_days=60).silence_days
        60
        """
        names = [f.name for f in dataclasses.fields(self)]
        for key in changes:
            if key not in names:
                raise ScenarioError(
                    f"paramètre inconnu : {key!r}.{did_you_mean(key, names)} "
                    "La liste est donnée par WebAudience().parameters()."
                )
        return dataclasses.replace(self, **changes)

    @french_arguments
    def with_triggers(self, active: Any) -> WebAudience:
        """Return a copy where exactly the triggers listed in ``active`` are switched on.

        An empty list switches every trigger off (the site without e-CRM).

        Examples
        --------
        >>> WebAudience().with_triggers(["appel"]).active_triggers()
        ('appel',)
        """
        active = check_sequence(active, "active", example="with_triggers(['email', 'appel'])")
        for key in active:
            if not isinstance(key, str) or key not in TRIGGERS:
                raise ScenarioError(
                    f"déclencheur inconnu : {key!r} ; choisissez parmi {list(TRIGGERS)}."
                    + did_you_mean(str(key), TRIGGERS)
                )
        return self.replace(**{TRIGGER_FIELDS[t]: t in active for t in TRIGGERS})

    @french_arguments
    def active_triggers(self) -> tuple[str, ...]:
        """The triggers switched on, in the course's order."""
        return tuple(t for t in TRIGGERS if getattr(self, TRIGGER_FIELDS[t]))

    @french_arguments
    def parameter_table(self) -> pd.DataFrame:
        """The parameters as a French table of text, ready to show to students.

        Columns
        -------
        name : str
            Field name (the keyword of :meth:`replace`).
        label : str
            French label.
        value : str
            Value in French format (``oui``/``non`` for a switch, decimal comma).
        unit : str
            Unit (empty for a probability or a share).

        Examples
        --------
        >>> WebAudience().parameter_table().set_index("name").loc["silence_days", "value"]
        '31'
        """
        rows = []
        for p in self.parameters(self):
            if p.kind == "bool":
                text = "oui" if p.value else "non"
            elif p.kind == "int":
                text = format_number(p.value, 0)
            else:
                text = format_number(p.value, 2).rstrip("0").rstrip(",")
            rows.append({"name": p.name, "label": p.label, "value": text, "unit": p.unit})
        return pd.DataFrame(rows)

    @staticmethod
    @french_arguments
    def parameters(audience: WebAudience | None = None) -> list[Parameter]:
        """Every parameter with its French label, unit, kind, bounds, value and default."""
        audience = check_audience(audience) if audience is not None else WebAudience()
        return [
            Parameter(
                f.name,
                f.metadata["label"],
                f.metadata["unit"],
                f.metadata["kind"],
                f.metadata["min"],
                f.metadata["max"],
                getattr(audience, f.name),
                f.default,
            )
            for f in dataclasses.fields(WebAudience)
        ]


WebAudience.__init__ = french_arguments(WebAudience.__init__, "WebAudience")  # type: ignore[method-assign]


def check_audience(audience: object, name: str = "audience") -> WebAudience:
    """``audience`` itself, ``WebAudience()`` for None, or a French ScenarioError."""
    if audience is None:
        return WebAudience()
    if not isinstance(audience, WebAudience):
        raise ScenarioError(
            f"{name} doit être un WebAudience ou None, reçu {type_fr(audience)} "
            f"({audience!r:.60}) ; créez-le avec WebAudience(visitors=..., days=...)."
        )
    return audience
