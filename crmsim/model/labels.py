"""Codes and French labels shared by the engine, the results and the stories.

Identifiers (column names, channel keys) are English; the values shown to students
(churn causes, channel names, product types, interaction kinds) are French.
"""

from __future__ import annotations

__all__ = [
    "CAMPAIGN_CHANNELS",
    "CAUSES",
    "CAUSE_COLUMNS",
    "CHANNELS",
    "CHANNEL_LABELS",
    "INTERACTIONS",
    "PRODUCT_TYPES",
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
    "mailing",
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
