"""Named preset scenarios of the course (``cours``, ``crise``, ``guerre_des_prix``...)."""

from __future__ import annotations

import os
from typing import Any

from crmsim._validation import did_you_mean, french_arguments
from crmsim.errors import ScenarioError
from crmsim.scenario.core import Scenario

__all__ = ["list_presets", "preset", "resolve_scenario"]

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
    "industriel": (
        "Fournisseur industriel : quelques centaines de comptes professionnels suivis par la "
        "force de vente, six gammes et des campagnes de développement ; le concurrent baisse "
        "ses prix de 8 % au mois 30.",
        {
            "market.market_size": 2_000,
            "market.initial_customers": 300,
            "market.initial_tenure_max_months": 96,
            "market.external_influence_p": 0.0005,
            "market.imitation_q": 0.002,
            **{f"acquisition.{c}.contacts_per_month": 0 for c in ("mailing", "email", "web")},
            "acquisition.phone.contacts_per_month": 40,
            "acquisition.phone.contact_cost_mad": 25.0,
            "acquisition.sales_force.contacts_per_month": 15,
            "acquisition.sales_force.contact_cost_mad": 400.0,
            "customers.basket_median_mad": 12_000.0,
            "customers.basket_sigma": 1.0,
            "customers.order_rate_mean": 0.8,
            "customers.order_rate_shape": 2.0,
            "customers.strategic_share": 0.6,
            "satisfaction.survey_sample_size": 60,
            "economics.cost_to_serve_mad": 400.0,
            "loyalty.retention_cost_per_customer_mad": 150.0,
            "events.crisis_month": None,
            "events.competitor_price_cut_month": 30,
            "events.competitor_price_cut": 0.08,
            "lines.lines_offered": 6,
            "lines.initial_line_probability": 0.25,
            "lines.development_contact_rate": 0.05,
            "lines.development_success_rate": 0.2,
            "lines.development_contact_cost_mad": 120.0,
            "wallet.prospect_sample": 200,
        },
    ),
}


@french_arguments
def list_presets() -> dict[str, str]:
    """Names of the presets with their French descriptions.

    Examples
    --------
    >>> "cours" in list_presets()
    True
    """
    return {name: desc for name, (desc, _) in _PRESETS.items()}


@french_arguments
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


def resolve_scenario(
    scenario: Scenario | str | os.PathLike[str] | None = None,
    *,
    months: int | None = None,
    argument: str = "scenario",
) -> Scenario:
    """The one way from what a user gives to the scenario of a run.

    Parameters
    ----------
    scenario : Scenario, str, path or None
        A :class:`Scenario` (used as is), the name of a preset (see :func:`list_presets`),
        a :class:`pathlib.Path` to a TOML scenario file, or ``None`` for ``cours``.
    months : int, optional
        Overrides the scenario's ``months``.
    argument : str
        Name of the argument, for the error message.

    Raises
    ------
    ScenarioError
        For anything else, an unknown preset or a bad file.

    Examples
    --------
    >>> resolve_scenario("crise", months=12).months
    12
    >>> resolve_scenario().name
    'cours'
    """
    if scenario is None:
        sc = Scenario()
    elif isinstance(scenario, Scenario):
        sc = scenario
    elif isinstance(scenario, str):
        sc = preset(scenario)
    elif isinstance(scenario, os.PathLike):
        from crmsim.scenario.toml_io import load_scenario

        sc = load_scenario(scenario)
    else:
        raise ScenarioError(
            f"{argument} doit être un Scenario, un nom de préréglage ou un fichier TOML, "
            f"reçu {scenario!r} ({type(scenario).__name__})."
        )
    return sc if months is None else sc.replace(months=months)
