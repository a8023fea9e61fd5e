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
from crmsim.analysis.claims import (
    DEFAULT_BANDS,
    departures_by_tenure,
    referrals_by_tenure,
    spend_segments,
)
from crmsim.analysis.experience import portfolio_tiers
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
    "CLAIM_BANDS",
    "compare_situations",
    "find_customer",
    "individual_risks",
    "portfolio_claims",
    "price_war_departures",
    "selection_effect",
    "small_portfolio",
    "word_of_mouth_by_tenure",
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


#: Accepted bands of the course's portfolio figures: key -> (low, high).
CLAIM_BANDS: dict[str, tuple[float, float]] = {
    "segment_I": (0.09, 0.19),
    "segment_II": (0.17, 0.27),
    "segment_III": (0.19, 0.29),
    "segment_IV": (0.35, 0.45),
    "tranche_1": (0.72, 0.88),
    "tranche_2": (0.10, 0.20),
    "tranche_3": (0.02, 0.08),
}


def _check_result(result: object) -> SimulationResult:
    if not isinstance(result, SimulationResult):
        raise DataError(
            f"result doit être un résultat de simulation (SimulationResult), reçu "
            f"{type(result).__name__} ({result!r:.60}). Obtenez-le avec cs.simulate(...)."
        )
    return result


@french_arguments
def portfolio_claims(result: SimulationResult) -> pd.DataFrame:
    """The course's segment table and 20/30/50 portfolio measured on a run, with bands.

    Segments I-IV: customers ranked by monthly spend and cut 51/34/12/3 %
    (:func:`crmsim.analysis.claims.spend_segments`), their share of the profit against
    the course's 14/22/24/40 %. Tranches 1-3: customers ranked by revenue and cut
    20/30/50 % (:func:`crmsim.analysis.experience.portfolio_tiers`), their share of the
    revenue against the course's 80/15/5 %. The accepted bands (:data:`CLAIM_BANDS`)
    are 5 points around each segment figure and 72-88 %, 10-20 %, 2-8 % for the
    tranches.

    Returns
    -------
    DataFrame
        One row per figure, indexed by ``claim`` (``segment_I`` ... ``tranche_3``).

        Columns
        -------
        indicator : str
            French label of the figure.
        target : float
            The course's figure.
        obtained : float
            The figure measured on the run.
        low, high : float
            The accepted band.
        ok : bool
            ``low <= obtained <= high``.
        source : str
            The course document.

    Examples
    --------
    >>> res = simulate(small_portfolio("cours", customers=500, months=12), seed=1)
    >>> portfolio_claims(res).index.tolist()[:2]
    ['segment_I', 'segment_II']
    """
    result = _check_result(result)
    segments = spend_segments(result.customers, result.scenario.months)
    tiers = portfolio_tiers(result.customers)
    rows = []
    for seg in segments.itertuples():
        rows.append(
            (
                f"segment_{seg.segment}",
                f"Part du bénéfice, segment {seg.segment} "
                f"({round(100 * seg.share_customers)} % des clients)",
                seg.course_share_profit,
                seg.share_profit,
                "cours, séance 1",
            )
        )
    for tier in tiers.itertuples():
        rows.append(
            (
                f"tranche_{tier.tier}",
                f"Part du CA, tranche {tier.tier} ({round(100 * tier.share_customers)} % "
                f"des clients, {tier.strategy})",
                tier.course_share_revenue,
                tier.share_revenue,
                "expérience client",
            )
        )
    table = pd.DataFrame(
        [
            {
                "claim": key,
                "indicator": label.replace(" %", "\u00a0%"),
                "target": float(target),
                "obtained": float(got),
                "low": CLAIM_BANDS[key][0],
                "high": CLAIM_BANDS[key][1],
                "ok": bool(CLAIM_BANDS[key][0] <= got <= CLAIM_BANDS[key][1]),
                "source": source,
            }
            for key, label, target, got, source in rows
        ]
    )
    return table.set_index("claim")


@french_arguments
def price_war_departures(
    result: SimulationResult, *, bands: tuple[int, ...] = DEFAULT_BANDS
) -> pd.DataFrame:
    """Price-driven departures during a competitor's price cut, by tenure band.

    The window runs from the competitor's price cut (``events.competitor_price_cut_month``)
    to the month before our alignment (``events.firm_alignment_month``), or to the end of
    the run; the departures counted are those of cause « structurelle » (the price gap).
    "Loyal customers are less sensitive to price" shows as a rate that falls with tenure.
    Columns: those of :func:`crmsim.analysis.claims.departures_by_tenure`.

    Examples
    --------
    >>> res = simulate(small_portfolio("guerre_des_prix", customers=500, months=24), seed=1,
    ...                transactions=False)
    >>> price_war_departures(res)["tenure_band"].tolist()
    ['0 à 11 mois', '12 à 23 mois', '24 mois et plus']
    """
    result = _check_result(result)
    ev, months = result.scenario.events, result.scenario.months
    cut = ev.competitor_price_cut_month
    if cut is None or cut >= months:
        raise DataError(
            f"Le concurrent ne baisse pas ses prix pendant cette simulation "
            f"(events.competitor_price_cut_month={cut!r}, {months} mois) : simulez par "
            "exemple le préréglage « guerre_des_prix »."
        )
    align = ev.firm_alignment_month
    stop = months if align is None or align <= cut else min(align, months)
    return departures_by_tenure(
        result.customers, start=cut, stop=stop, cause="structurelle", bands=bands
    )


@french_arguments
def word_of_mouth_by_tenure(
    result: SimulationResult, *, bands: tuple[int, ...] = DEFAULT_BANDS
) -> pd.DataFrame:
    """Word-of-mouth recruits per customer-month over the run, by the referrer's tenure band.

    Needs a run made with ``simulate(..., referrals=True)`` (the ``referrals`` table).
    "Loyal customers recommend more" shows as a rate that rises with tenure. Columns:
    those of :func:`crmsim.analysis.claims.referrals_by_tenure`.

    Examples
    --------
    >>> res = simulate(small_portfolio("cours", customers=500, months=24), seed=1,
    ...                transactions=False, referrals=True)
    >>> table = word_of_mouth_by_tenure(res)
    >>> int(table["recruits"].sum()) == int(res.monthly["word_of_mouth_recruits"].sum())
    True
    """
    result = _check_result(result)
    if "referrals" not in result.log.extra:
        raise DataError(
            "Cette simulation n’a pas enregistré qui recommande qui : relancez-la avec "
            "cs.simulate(..., referrals=True) (mêmes tables, même graine)."
        )
    return referrals_by_tenure(
        result.referrals,
        result.customers,
        start=0,
        stop=result.scenario.months,
        bands=bands,
    )
