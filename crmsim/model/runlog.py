"""The run log: everything a run will report, written by the mechanisms as they act.

Data collection is kept apart from the model (as in Mesa's data collector): mechanisms
append codes and numbers to a :class:`RunLog`; the tables of
:class:`~crmsim.model.results.SimulationResult` are built later from the log, the
scenario and the seed alone, never from the engine. The log holds only integers, floats
and codes, no French text (labels are attached when the tables are built, from
:mod:`crmsim.labels`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from crmsim.labels import CAUSE_COLUMNS, CHANNELS
from crmsim.model.population import Population

__all__ = ["MONTHLY", "RunLog"]

#: Monthly counters of the log (the ``monthly`` table adds date, churn rate and profit).
MONTHLY = (
    "active_start",
    "active",
    "new_customers",
    *(f"new_{c}" for c in CHANNELS[:-1]),
    "churned",
    *CAUSE_COLUMNS,
    "revenue",
    "gross_margin",
    "acquisition_spend",
    "retention_spend",
    "cost_to_serve",
    "mean_satisfaction",
    "dissatisfied",
    "new_dissatisfied",
    "complaints",
    "complaints_resolved",
    "incidents",
    "word_of_mouth_recruits",
    "loyalty_members",
    "price_index",
    "competitor_price_index",
    "crisis",
)


@dataclass
class RunLog:
    """What one run recorded, month by month, plus its final state.

    Attributes
    ----------
    monthly : dict of str to ndarray
        One array of length ``months`` per counter of :data:`MONTHLY`.
    campaigns : list of tuple
        ``(month, channel code, contacts, responses, orders, cost, revenue, margin)``.
    interactions : list of tuple
        ``(month, customer ids, interaction code)`` (codes of :data:`crmsim.labels.INTERACTIONS`).
    purchases : list of tuple
        ``(month, customer ids, orders)`` of the buyers of each month; empty when the run
        was asked for no transactions. The amounts follow from the customers' baskets,
        tenure and the month's price level (see :func:`crmsim.model.tables.transactions`).
    events : list of tuple
        ``(month, event identifier, value, details)`` (identifiers of
        :data:`crmsim.labels.EVENTS`; ``details`` holds the figures of the description).
    population : Population or None
        The final population (active customers and archive of leavers).
    forecast : dict of str to ndarray
        At the end of the run: ``customer_id``, ``expected_clv`` and ``churn_risk`` of
        the active customers.
    extra : dict of str to Any
        What the later mechanisms record (share of wallet: year-end snapshots and the
        state of its table stream; see :mod:`crmsim.model.wallet`).
    """

    months: int
    keep_purchases: bool = True
    monthly: dict[str, np.ndarray] = field(default_factory=dict)
    campaigns: list[tuple[int, int, int, int, int, float, float, float]] = field(
        default_factory=list
    )
    interactions: list[tuple[int, np.ndarray, int]] = field(default_factory=list)
    purchases: list[tuple[int, np.ndarray, np.ndarray]] = field(default_factory=list)
    events: list[tuple[int, str, float, dict[str, Any]]] = field(default_factory=list)
    population: Population | None = None
    forecast: dict[str, np.ndarray] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.monthly:
            self.monthly = {k: np.zeros(self.months) for k in MONTHLY}

    def interaction(self, month: int, ids: np.ndarray, kind: int) -> None:
        """Record that customers ``ids`` had an interaction of code ``kind``.

        ``ids`` is kept as given: pass a new array (fancy indexing makes one), not a view.
        """
        if len(ids):
            self.interactions.append((month, ids, kind))

    def event(self, month: int, event: str, value: float, **details: Any) -> None:
        """Record a calendar event (identifier, figure and the details of its description)."""
        self.events.append((month, event, float(value), details))
