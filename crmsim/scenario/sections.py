"""The parameter groups (sections) of a scenario: market, channels, customers, events...

Conventions: one period is one month; rates are monthly probabilities in [0, 1]; money is in
MAD (dirhams); satisfaction, expectations and service quality are on a 0-10 scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crmsim.scenario.fields import _gm, _Group, _p

__all__ = [
    "Acquisition",
    "Attrition",
    "Channel",
    "Customers",
    "Economics",
    "Events",
    "Loyalty",
    "Market",
    "Satisfaction",
]


@dataclass(frozen=True, kw_only=True)
class Market(_Group):
    """The market and word of mouth (Bass mixed-influence form, monthly coefficients)."""

    market_size: int = _p(
        200_000, 1, 1e8, "taille du marché (clients potentiels)", "personnes", "int"
    )
    # Bounds the engine can run: about 700 bytes per customer (crmsim._resources).
    initial_customers: int = _p(10_000, 0, 1e7, "clients au départ", "clients", "int")
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

    contacts_per_month: int = _p(0, 0, 1e8, "contacts envoyés par mois", "contacts", "int")
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
