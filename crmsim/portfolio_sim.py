"""Simulated portfolios for the lessons: small presets, side-by-side situations, cohorts.

These helpers sit above the model (like :mod:`crmsim.experiments`): they build
scenarios, run :func:`crmsim.simulate` and summarise the runs with the analysis
functions, so that a lesson shows a comparison in one call.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmsim.analysis.simulated import churn_by_cause
from crmsim.analysis.survival import (
    cohort_survival,
    geometric_survival,
    sbg_params,
    sbg_survival,
)
from crmsim.errors import DataError
from crmsim.labels import CAUSES
from crmsim.model import SimulationResult, simulate
from crmsim.scenario import Scenario, preset

__all__ = [
    "compare_situations",
    "find_customer",
    "individual_risks",
    "selection_effect",
    "small_portfolio",
]


def small_portfolio(
    name: str, *, customers: int = 5_000, months: int = 48, **changes: object
) -> Scenario:
    """A preset reduced to ``customers`` initial customers (market 20 times larger).

    Parameters
    ----------
    name : str
        Preset name (see :func:`crmsim.list_presets`).
    customers : int, default 5000
        Initial customers; the market holds ``20 * customers`` people.
    months : int, default 48
    **changes
        Further parameter changes, as in :meth:`Scenario.replace`
        (``{"satisfaction.service_quality": 8.5}``).

    Examples
    --------
    >>> sc = small_portfolio("crise", customers=1_000, months=12)
    >>> sc.market.initial_customers, sc.market.market_size, sc.months
    (1000, 20000, 12)
    """
    base = {"market.initial_customers": customers, "market.market_size": 20 * customers}
    return preset(name).replace(**{**base, **changes}, months=months)


def compare_situations(situations: Mapping[str, Scenario], *, seed: int) -> pd.DataFrame:
    """Run each situation with the same seed: yearly attrition and departures by cause.

    Parameters
    ----------
    situations : dict of {label: Scenario}
    seed : int
        The same seed for every run, so that only the parameters differ.

    Returns
    -------
    DataFrame
        One row per situation, in the given order.

        Columns
        -------
        situation : str
        yearly_churn_rate : float
            Share of customers lost per year (0-1).
        insatisfaction, structurelle, conjoncturelle, anecdotique : int
            Departures of each cause over the run.

    Examples
    --------
    >>> table = compare_situations(
    ...     {"calme": small_portfolio("calme", customers=300, months=6)}, seed=1)
    >>> list(table.columns)
    ['situation', 'yearly_churn_rate', 'insatisfaction', 'structurelle', 'conjoncturelle', 'anecdotique']
    """
    rows = []
    for label, scenario in situations.items():
        result = simulate(scenario, seed=seed, transactions=False)
        churned = churn_by_cause(result.monthly).set_index("cause")["churned"]
        row = {"situation": label, "yearly_churn_rate": result.kpis()["yearly_churn_rate"]}
        row.update({cause: int(churned.get(cause, 0)) for cause in CAUSES})
        rows.append(row)
    return pd.DataFrame(rows, columns=["situation", "yearly_churn_rate", *CAUSES])


def find_customer(
    result: SimulationResult, *, interaction: str | None = None, churn_cause: str | None = None
) -> int:
    """The first customer (smallest id) who had ``interaction`` and left for ``churn_cause``.

    Parameters
    ----------
    result : SimulationResult
    interaction : str, optional
        A value of ``result.interactions["kind"]`` (e.g. ``"réclamation non résolue"``).
    churn_cause : str, optional
        A value of ``result.customers["churn_cause"]`` (e.g. ``"insatisfaction"``).

    Examples
    --------
    >>> res = simulate(small_portfolio("calme", customers=300, months=12), seed=1,
    ...                transactions=False)
    >>> isinstance(find_customer(res, churn_cause="anecdotique"), int)
    True
    """
    chosen = result.customers
    if interaction is not None:
        ids = result.interactions.loc[result.interactions["kind"] == interaction, "customer_id"]
        chosen = chosen[chosen["customer_id"].isin(ids)]
    if churn_cause is not None:
        chosen = chosen[chosen["churn_cause"] == churn_cause]
    if chosen.empty:
        raise DataError(
            f"Aucun client avec interaction={interaction!r} et churn_cause={churn_cause!r} "
            "dans cette simulation\u00a0: changez de graine ou de critère."
        )
    return int(chosen["customer_id"].min())


def selection_effect(
    *,
    mean_hazard: float = 0.02,
    heterogeneity: float = 0.2,
    customers: int = 3_000,
    months: int = 60,
    max_tenure: int = 48,
    seed: int,
) -> dict[str, pd.DataFrame]:
    """Survival curves of identical and unequal customers with the same mean risk.

    Only anecdotal attrition is kept (no dissatisfaction, no offer gap), at
    ``mean_hazard`` per month. Two portfolios are simulated with the same seed: one of
    identical customers, one whose individual risks follow a beta law of mean
    ``mean_hazard`` and heterogeneity ``heterogeneity``. The geometric and sBG curves of
    the same parameters are added.

    Returns
    -------
    dict of {str: DataFrame}
        Keys ``"simulation, clients identiques"``, ``"simulation, clients inégaux"``,
        ``"géométrique"``, ``"sBG"``; each a table with ``tenure, survival, retention``.

    Examples
    --------
    >>> curves = selection_effect(customers=300, months=24, max_tenure=12, seed=1)
    >>> list(curves)
    ['simulation, clients identiques', 'simulation, clients inégaux', 'géométrique', 'sBG']
    """
    base = preset("calme").replace(
        **{
            "market.initial_customers": customers,
            "market.market_size": 20 * customers,
            "market.external_influence_p": 0.002,
            "attrition.dissatisfaction_hazard_per_point": 0.0,
            "attrition.offer_gap_pct": 0.0,
            "attrition.anecdotal_monthly_rate": mean_hazard,
        },
        months=months,
    )
    curves = {}
    for label, spread in (("identiques", 1e-6), ("inégaux", heterogeneity)):
        run = simulate(
            base.replace(**{"attrition.propensity_heterogeneity": spread}),
            seed=seed,
            transactions=False,
        )
        curves[f"simulation, clients {label}"] = cohort_survival(
            run.customers, max_tenure=max_tenure
        )
    alpha, beta = sbg_params(mean_hazard, heterogeneity)
    curves["géométrique"] = geometric_survival(mean_hazard, max_tenure)
    curves["sBG"] = sbg_survival(alpha, beta, max_tenure)
    return curves


def individual_risks(
    mean_hazard: float, heterogeneity: float, *, customers: int = 10_000, seed: int
) -> np.ndarray:
    """Monthly departure risks of ``customers`` customers drawn as the simulator does.

    Each customer's risk is a draw of the beta law with mean ``mean_hazard`` and
    heterogeneity ``heterogeneity`` (:func:`crmsim.sbg_params`).

    Examples
    --------
    >>> risks = individual_risks(0.02, 0.2, customers=20_000, seed=1)
    >>> round(float(risks.mean()), 2)
    0.02
    """
    alpha, beta = sbg_params(mean_hazard, heterogeneity)
    return np.random.default_rng(seed).beta(alpha, beta, size=customers)
