"""Simulated portfolios for the lessons: small presets, side-by-side situations, cohorts.

These helpers sit above the model (like :mod:`crmsim.experiments`): they build
scenarios, run :func:`crmsim.simulate` and summarise the runs with the analysis
functions, so that a lesson shows a comparison in one call.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmsim._resources import check_memory
from crmsim._validation import check_bool, check_periods, check_rate, check_seed, french_arguments
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


def _check_customers(value: object, name: str = "customers") -> int:
    """A number of customers: a whole number >= 1 (NumPy integers accepted)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise DataError(
            f"{name} doit être un nombre entier de clients, reçu {value!r}. Exemple : {name}=1000."
        )
    if value < 1:
        raise DataError(f"{name} doit valoir au moins 1 client, reçu {value!r}.")
    return int(value)


def _check_label_value(value: object, name: str, allowed: object) -> None:
    """``value`` must be None or one of ``allowed`` (a French error lists them)."""
    known = [str(v) for v in allowed]
    if value is None or (isinstance(value, str) and value in known):
        return
    from crmsim._validation import did_you_mean

    shown = ", ".join(f"« {v} »" for v in known)
    hint = did_you_mean(value, known) if isinstance(value, str) else ""
    raise DataError(
        f"Aucun client avec {name}={value!r} : cette valeur n’existe pas dans la simulation. "
        f"Donnez None ou l’une des valeurs possibles : {shown}.{hint}"
    )


@french_arguments
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
    customers = _check_customers(customers)
    base = {"market.initial_customers": customers, "market.market_size": 20 * customers}
    return preset(name).replace(**{**base, **changes}, months=months)


@french_arguments
def compare_situations(
    situations: Mapping[str, Scenario], *, seed: int, allow_large: bool = False
) -> pd.DataFrame:
    """Run each situation with the same seed: yearly attrition and departures by cause.

    Parameters
    ----------
    situations : dict of {label: Scenario}
    seed : int
        The same seed for every run, so that only the parameters differ.
    allow_large : bool, default False
        Go past the memory and time checks of :func:`crmsim.simulate`.

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
    if not isinstance(situations, Mapping) or not situations:
        raise DataError(
            f"situations doit être un dictionnaire non vide {{nom: Scenario}}, reçu "
            f"{situations!r:.80}. Exemple : situations={{'calme': "
            "small_portfolio('calme', customers=1000)}."
        )
    for label, scenario in situations.items():
        if not isinstance(scenario, Scenario):
            raise DataError(
                f"situations[{label!r}] doit être un Scenario, reçu {type(scenario).__name__} "
                f"({scenario!r:.60}). Créez-le avec small_portfolio(...) ou preset(...)."
            )
    check_seed(seed)
    rows = []
    for label, scenario in situations.items():
        result = simulate(scenario, seed=seed, transactions=False, allow_large=allow_large)
        churned = churn_by_cause(result.monthly).set_index("cause")["churned"]
        row = {"situation": label, "yearly_churn_rate": result.kpis()["yearly_churn_rate"]}
        row.update({cause: int(churned.get(cause, 0)) for cause in CAUSES})
        rows.append(row)
    return pd.DataFrame(rows, columns=["situation", "yearly_churn_rate", *CAUSES])


@french_arguments
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
    if not isinstance(result, SimulationResult):
        raise DataError(
            f"result doit être un résultat de simulation (SimulationResult), reçu "
            f"{type(result).__name__} ({result!r:.60}). Obtenez-le avec cs.simulate(...)."
        )
    kinds = result.interactions["kind"]
    causes = result.customers["churn_cause"]
    _check_label_value(
        interaction,
        "interaction",
        kinds.cat.categories if kinds.dtype == "category" else kinds.unique(),
    )
    _check_label_value(
        churn_cause,
        "churn_cause",
        causes.cat.categories if causes.dtype == "category" else causes.dropna().unique(),
    )
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


@french_arguments
def selection_effect(
    *,
    mean_hazard: float = 0.02,
    heterogeneity: float = 0.2,
    customers: int = 3_000,
    months: int = 60,
    max_tenure: int = 48,
    seed: int,
    allow_large: bool = False,
) -> dict[str, pd.DataFrame]:
    """Survival curves of identical and unequal customers with the same mean risk.

    Only anecdotal attrition is kept (no dissatisfaction, no offer gap), at
    ``mean_hazard`` per month. Two portfolios are simulated with the same seed: one of
    identical customers, one whose individual risks follow a beta law of mean
    ``mean_hazard`` and heterogeneity ``heterogeneity``. The geometric and sBG curves of
    the same parameters are added. A portfolio too large for the memory or the time
    checks of :func:`crmsim.simulate` is refused unless ``allow_large=True``.

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
    customers = _check_customers(customers)
    check_rate(mean_hazard, "mean_hazard", low_open=True, high_open=True)
    check_rate(heterogeneity, "heterogeneity", low_open=True, high_open=True)
    check_periods(max_tenure, "max_tenure")
    check_seed(seed)
    alpha, beta = sbg_params(mean_hazard, heterogeneity)
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
            allow_large=allow_large,
        )
        curves[f"simulation, clients {label}"] = cohort_survival(
            run.customers, max_tenure=max_tenure
        )
    curves["géométrique"] = geometric_survival(mean_hazard, max_tenure)
    curves["sBG"] = sbg_survival(alpha, beta, max_tenure)
    return curves


@french_arguments
def individual_risks(
    mean_hazard: float,
    heterogeneity: float,
    *,
    customers: int = 10_000,
    seed: int,
    allow_large: bool = False,
) -> np.ndarray:
    """Monthly departure risks of ``customers`` customers drawn as the simulator does.

    Each customer's risk is a draw of the beta law with mean ``mean_hazard`` and
    heterogeneity ``heterogeneity`` (:func:`crmsim.sbg_params`). A number of customers
    whose array would not fit in memory is refused unless ``allow_large=True``.

    Examples
    --------
    >>> risks = individual_risks(0.02, 0.2, customers=20_000, seed=1)
    >>> round(float(risks.mean()), 2)
    0.02
    """
    check_rate(mean_hazard, "mean_hazard", low_open=True, high_open=True)
    check_rate(heterogeneity, "heterogeneity", low_open=True, high_open=True)
    customers = _check_customers(customers)
    check_seed(seed)
    check_memory(
        8.0 * customers,
        what=f"les risques de {customers:,} clients".replace(",", "\u202f"),
        reduce="customers",
        allow_large=check_bool(allow_large, "allow_large"),
    )
    alpha, beta = sbg_params(mean_hazard, heterogeneity)
    return np.random.default_rng(seed).beta(alpha, beta, size=customers)
