"""Each portfolio method on a simulated base, beside the same method on the lesson's example.

The course teaches each method on a small table of its own (:data:`COURSE_EXAMPLES`);
:func:`compare_with_course` runs the method, through the same analysis functions, on that
table and on a run of the simulator, and stacks both results, so that a lesson or a panel
says in one call what differs.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim._validation import did_you_mean, french_arguments
from crmsim.analysis import (
    abc_summary,
    account_positioning,
    campaign_kpis_by_channel,
    frat,
    gini,
    pareto_summary,
    radar,
    rfm,
)
from crmsim.analysis.rfm import RFM_SEGMENTS
from crmsim.analysis.scoring import POSITIONING_STRATEGIES
from crmsim.analysis.tcc import RADAR_STRATEGIES
from crmsim.errors import DataError
from crmsim.model import SimulationResult
from crmsim.portfolio_views import (
    portfolio_revenue,
    radar_of_year,
    scored_accounts,
    study_years,
)

__all__ = ["COURSE_EXAMPLES", "LESSON_CAMPAIGN", "METHODS", "SIMULATED", "compare_with_course"]

#: The methods :func:`compare_with_course` knows.
METHODS = ("pareto", "abc", "rfm", "frat", "scoring", "tcc", "kpi")

#: The lessons' example of each method: the course side of :func:`compare_with_course`.
COURSE_EXAMPLES: dict[str, str] = {
    "pareto": "Leçon 3 : cabinet de conseil (consulting_clients)",
    "abc": "Leçon 4 : cabinet de conseil (consulting_clients)",
    "rfm": "Leçon 7 : journal d’achats (transactions_sample)",
    "frat": "Leçon 7 : journal d’achats (transactions_sample)",
    "scoring": "Leçon 6 : clients A à E (scoring_notes)",
    "tcc": "Leçon 8 : emballages, entreprise A (tcc_lesson_sales)",
    "kpi": "Leçon 9 : publipostage",
}

#: The publipostage of lesson 9 (illustrative figures) as a row of a ``campaigns`` table:
#: 10 000 letters at 5 MAD, 400 responses, 100 orders of 800 MAD, 250 MAD of margin each.
LESSON_CAMPAIGN: dict[str, object] = {
    "channel": "publipostage",
    "messages": 10_000,
    "responses": 400,
    "orders": 100,
    "cost": 50_000.0,
    "revenue": 80_000.0,
    "gross_margin": 25_000.0,
}

SIMULATED = "Base simulée"


def _counts(labels: pd.Series, order: list[str], revenue: pd.Series | None = None) -> pd.DataFrame:
    """Customers (and share of revenue) by label, in ``order`` (absent labels count 0)."""
    counts = labels.value_counts().reindex(order, fill_value=0)
    out = pd.DataFrame(
        {
            "customers": counts.to_numpy(np.int64),
            "share_customers": (counts / len(labels)).to_numpy(),
        }
    )
    if revenue is not None:
        total = revenue.sum()
        out["share_revenue"] = (
            (revenue.groupby(labels.to_numpy()).sum() / total)
            .reindex(order, fill_value=0.0)
            .to_numpy()
        )
    return out


def _labelled(column: str, labels: list[str], table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``column`` = ``labels`` inserted first."""
    table.insert(0, column, labels)
    return table


def _pareto_row(data: pd.DataFrame) -> dict:
    head = pareto_summary(data, targets=[0.8]).iloc[0]
    return {
        "customers": len(data),
        "head_customers": int(head["customers"]),
        "customers_share": float(head["customers_share"]),
        "revenue_share": float(head["revenue_share"]),
        "gini": gini(data),
    }


def _frat_rows(transactions: pd.DataFrame, strategic: str) -> pd.DataFrame:
    with warnings.catch_warnings():  # one-purchase customers: their F is NaN, unused here
        warnings.simplefilter("ignore", UserWarning)
        table = frat(transactions, strategic=strategic)
    order = ["stratégique", "tactique"]
    out = _counts(table["main_type"], order)
    out.insert(0, "main_type", order)
    mean = table.groupby("main_type")["share_strategic"].mean()
    out["share_strategic"] = mean.reindex(order).to_numpy()
    return out


def _side(method: str, result: SimulationResult, year: int) -> tuple:
    """(simulated table, course table) of ``method``, without the ``base`` column."""
    if method in ("pareto", "abc"):
        course, sim = datasets.load("consulting_clients"), portfolio_revenue(result, year)
        if method == "pareto":
            return pd.DataFrame([_pareto_row(sim)]), pd.DataFrame([_pareto_row(course)])
        return abc_summary(sim), abc_summary(course)
    if method == "rfm":
        order = list(RFM_SEGMENTS)
        pair = (rfm(result.transactions), rfm(datasets.load("transactions_sample")))
        return tuple(_labelled("segment", order, _counts(t["segment"], order)) for t in pair)
    if method == "frat":
        sample = datasets.load("transactions_sample")
        return _frat_rows(result.transactions, "stratégique"), _frat_rows(sample, "strategique")
    if method == "scoring":
        order = list(POSITIONING_STRATEGIES.values())
        course = account_positioning(
            datasets.load("scoring_notes"), datasets.load("scoring_criteria")
        )
        pair = (scored_accounts(result), course)
        return tuple(
            _labelled("strategy", order, _counts(p["strategy"], order, p["share_revenue_pct"]))
            for p in pair
        )
    if method == "tcc":
        order = list(RADAR_STRATEGIES)
        pair = (radar_of_year(result, year), radar(datasets.load("tcc_lesson_sales"), firm="A"))
        out = []
        for table in pair:
            rows = _labelled("strategy", order, _counts(table["strategy"], order, table["sales"]))
            rows["tcc"] = table.groupby("strategy")["tcc"].median().reindex(order).to_numpy()
            out.append(rows)
        return tuple(out)
    lesson = campaign_kpis_by_channel(pd.DataFrame([LESSON_CAMPAIGN]))
    return campaign_kpis_by_channel(result.campaigns), lesson


@french_arguments
def compare_with_course(
    result: SimulationResult, method: str, *, year: int | None = None
) -> pd.DataFrame:
    """One method of the course on the simulated base, beside the lesson's example.

    Parameters
    ----------
    result : SimulationResult
    method : {"pareto", "abc", "rfm", "frat", "scoring", "tcc", "kpi"}
        ``"scoring"`` needs business accounts: a run of a preset of :data:`B2B_PRESETS`.
    year : int, optional
        The year of Pareto, ABC, TCC and RADAR (default the last one; RADAR compares it
        with the year before). RFM, FRAT, scoring and KPI read the whole run.

    Returns
    -------
    DataFrame
        The lesson's example first (its ``base`` named in :data:`COURSE_EXAMPLES`), then
        the simulated base (« Base simulée »).

        Columns
        -------
        base : str
            Where the row comes from.
        pareto: customers, head_customers (int), customers_share, revenue_share, gini (float)
            Customers, size of the 80 % head and its shares, Gini index.
        abc: abc_class, customers, share_customers, revenue, share_revenue
            :func:`crmsim.abc_summary`.
        rfm: segment, customers, share_customers
            Customers of each RFM segment (all eleven, in the course's order).
        frat: main_type, customers, share_customers, share_strategic
            Customers by dominant purchase type, their mean share of strategic purchases.
        scoring: strategy, customers, share_customers, share_revenue
            Accounts in each quadrant of the potential x performance grid.
        tcc: strategy, customers, share_customers, share_revenue, tcc
            Customers (and prospects) of each RADAR strategy, their share of the firm's
            sales, their median TCC.
        kpi: channel, then the columns of :func:`crmsim.campaign_kpis_by_channel`.

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(cs.small_portfolio("cours", customers=200, months=24), seed=1)
    >>> table = compare_with_course(res, "pareto")
    >>> table["base"].iloc[1]
    'Base simulée'
    >>> int(table["head_customers"].iloc[0])
    4
    """
    year, _ = study_years(result, year)
    if not isinstance(method, str) or method not in METHODS:
        shown = ", ".join(f"« {m} »" for m in METHODS)
        hint = did_you_mean(method, METHODS) if isinstance(method, str) else ""
        raise DataError(f"method doit être l’une de {shown}, reçu {method!r}.{hint}")
    sim, course = _side(method, result, year)
    return pd.concat(
        [course.assign(base=COURSE_EXAMPLES[method]), sim.assign(base=SIMULATED)],
        ignore_index=True,
    )[["base", *sim.columns]]
