"""Codes and French labels of the simulation, in one place.

The engine records integer codes (channels, causes, interaction kinds) and event
identifiers; the French text shown to students is attached when the tables of a run are
built, and the plots and exercises read the same constants. Identifiers (column names,
channel keys, event identifiers) are English; labels are French. This module imports
nothing from crmsim but :mod:`crmsim.formatting`, so every layer may use it.

Examples
--------
>>> CAUSES[0], CAUSE_COLUMNS[0]
('insatisfaction', 'churned_dissatisfaction')
>>> CHANNEL_LABELS[CHANNELS.index("word_of_mouth")]
'bouche-à-oreille'
>>> describe_event("competitor_price_cut", 0.9, {"cut": 0.1})
'Le concurrent baisse ses prix de 10,00\\xa0%.'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crmsim.formatting import format_number, format_percent

__all__ = [
    "CAMPAIGN_CHANNELS",
    "CAUSES",
    "CAUSE_COLUMNS",
    "CHANNELS",
    "CHANNEL_LABELS",
    "COMPETITORS",
    "EVENTS",
    "FIRM",
    "INTERACTIONS",
    "PRODUCT_TYPES",
    "SECTORS",
    "SUPPLIERS",
    "SUPPLIER_STATUS",
    "describe_event",
]

#: The four attrition types, in code order (0-3): recorded cause of each departure.
CAUSES: tuple[str, ...] = ("insatisfaction", "structurelle", "conjoncturelle", "anecdotique")

#: Monthly column counting departures of each cause (same order as :data:`CAUSES`).
CAUSE_COLUMNS: tuple[str, ...] = (
    "churned_dissatisfaction",
    "churned_structural",
    "churned_circumstantial",
    "churned_incidental",
)

#: Direct-marketing channels (keys of :class:`crmsim.scenario.Acquisition`), codes 0-4.
CAMPAIGN_CHANNELS: tuple[str, ...] = ("mailing", "phone", "email", "sales_force", "web")

#: Every acquisition channel key, in code order: campaigns, then word of mouth, external
#: influence (Bass p) and the initial customer base.
CHANNELS: tuple[str, ...] = (*CAMPAIGN_CHANNELS, "word_of_mouth", "external", "initial")

#: French label of each channel (the values of the ``channel`` columns).
CHANNEL_LABELS: tuple[str, ...] = (
    "publipostage",
    "téléphone",
    "e-mail",
    "force de vente",
    "web",
    "bouche-à-oreille",
    "influence externe",
    "base initiale",
)

WORD_OF_MOUTH, EXTERNAL, INITIAL = 5, 6, 7

#: Product types of an order (``transactions.product_type``).
PRODUCT_TYPES: tuple[str, ...] = ("stratégique", "tactique")

#: The firm's name in the supplier sales table (``supplier_sales.supplier``).
FIRM = "Entreprise"

#: Names of the competitors (groups ``wallet.competitor_a``, ``_b``, ``_c``, in order).
COMPETITORS: tuple[str, ...] = ("Alizé", "Borée", "Chergui")

#: Every supplier of the category, in code order: the firm (0), then the competitors.
SUPPLIERS: tuple[str, ...] = (FIRM, *COMPETITORS)

#: Status of a customer in a year of the supplier sales table (``supplier_sales.status``).
SUPPLIER_STATUS: tuple[str, ...] = ("client", "client perdu", "prospect")

#: Business sectors of the B2B accounts (``accounts`` table), codes 0-5.
SECTORS: tuple[str, ...] = (
    "agroalimentaire",
    "automobile",
    "bâtiment",
    "chimie",
    "électronique",
    "textile",
)

#: Kinds of logged interactions (``interactions.kind``), codes 0-6.
INTERACTIONS: tuple[str, ...] = (
    "incident",
    "mécontentement",
    "réclamation résolue",
    "réclamation non résolue",
    "retour à la satisfaction",
    "adhésion au programme",
    "rappel après enquête",
)
INCIDENT, DISSATISFIED, RESOLVED, UNRESOLVED, SATISFIED_AGAIN, JOINED, CALLBACK = range(7)

#: Calendar events recorded by the engine (``events.event``) -> French label.
EVENTS: dict[str, str] = {
    "crisis_start": "début de crise",
    "crisis_end": "fin de crise",
    "competitor_price_cut": "baisse de prix du concurrent",
    "price_alignment": "alignement de nos prix",
    "loyalty_programme_launch": "lancement du programme de fidélité",
    "satisfaction_survey": "enquête de satisfaction",
}


def describe_event(event: str, value: float, details: Mapping[str, Any]) -> str:
    """French sentence of one calendar event, from its identifier, value and details.

    Parameters
    ----------
    event : str
        A key of :data:`EVENTS`.
    value : float
        The event's figure (``events.value``).
    details : mapping
        The figures the engine recorded with the event (duration, cut, respondents...).

    Examples
    --------
    >>> describe_event("crisis_end", 0.0, {})
    'Fin de crise\\xa0: retour à la normale.'
    """
    if event == "crisis_start":
        comm = "avec communication de crise" if details["communication"] else "sans communication"
        return (
            f"Début de crise ({details['duration']} mois, {comm}) : risque de départ "
            f"supplémentaire {format_percent(value)} par mois."
        )
    if event == "crisis_end":
        return "Fin de crise : retour à la normale."
    if event == "competitor_price_cut":
        return f"Le concurrent baisse ses prix de {format_percent(details['cut'])}."
    if event == "price_alignment":
        if details["cut"] > 0:
            cut = format_percent(details["cut"])
            return f"Alignement de nos prix sur le concurrent (baisse de {cut})."
        return "Alignement prévu, mais nos prix sont déjà au niveau du concurrent."
    if event == "loyalty_programme_launch":
        return "Lancement du programme de fidélité."
    if event == "satisfaction_survey":
        return (
            f"Enquête de satisfaction : {details['respondents']} répondants, qualité perçue "
            f"moyenne {format_number(details['perceived'], 1)}/10, "
            f"{format_percent(value, 1)} de mécontents."
        )
    raise KeyError(event)
