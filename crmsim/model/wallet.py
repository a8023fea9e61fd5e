"""Share of wallet and competitors: the TCC of each customer and the sales of every supplier.

A customer buys the category from several suppliers: the firm (« Entreprise ») and three
named competitors (:data:`crmsim.labels.COMPETITORS`). The firm's **share of wallet**
(the course's TCC, *taux de nourriture*) of a customer is

    s = base_share + offset + satisfaction_effect x satisfaction gap
        + tenure_effect x min(tenure / 12, tenure_cap_years) + line_effect x (lines - 1)
        - price_effect x price gap (%), clipped to [min_share, max_share],

where ``offset`` is the customer's own draw (normal, sd ``share_sd``) and the price gap is
how much dearer the firm is than its cheapest competitor, from the calendar's price
indices. The firm's sales are the engine's revenue, unchanged; the customer's category
budget of a year is what they bought from the firm divided by the share (the expected
spend when they bought nothing from us), and the competitors share the rest in proportion
to the customer's own weights (Dirichlet around the attractions quality / price). A
customer who leaves moves their whole monthly budget to one competitor, drawn in
proportion to the attractions. Details and parameters: docs/model.md.

The engine part is cheap: :class:`Wallet` only takes a snapshot of the active customers
(ids, cumulative revenue, satisfaction, lines) at the end of each year of the run. The
shares, budgets and the per-supplier split are computed when a table is built
(:func:`wallet_table`, :func:`supplier_sales`), from the log and the mechanism's own
stream, whose state the log keeps: the tables do not depend on which one is read first.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from crmsim import labels as L
from crmsim.model.lines import initial_lines
from crmsim.model.population import Population
from crmsim.model.runlog import RunLog
from crmsim.model.tables import purchase_totals
from crmsim.model.tenure import TenureTables
from crmsim.scenario import Scenario
from crmsim.scenario.portfolio import COMPETITOR_KEYS

__all__ = ["Wallet", "attractions", "share_of_wallet", "supplier_sales", "wallet_table"]


class Wallet:
    """Mechanism "share of wallet": year-end snapshots of the active customers.

    Parameters
    ----------
    scenario : Scenario
        Its ``months`` (the year ends: months 11, 23, ... and the last month).
    rng : numpy.random.Generator
        The stream of the wallet tables; it is not drawn during the run, its state is
        recorded in ``log.extra["wallet_stream"]``.
    log : RunLog
        Receives ``extra["wallet_snapshots"]``: ``(month, ids, cumulative revenue,
        satisfaction, lines added by development)`` of the active customers at each
        year end.
    """

    def __init__(self, scenario: Scenario, rng: np.random.Generator, log: RunLog) -> None:
        months = scenario.months
        self.ends = {*range(11, months, 12), months - 1}
        self.log = log
        log.extra["wallet_stream"] = rng.bit_generator.state
        log.extra["wallet_snapshots"] = []

    def __call__(self, m: int, pop: Population) -> None:
        """End of month ``m`` (after the departures): a snapshot if a year ends."""
        if m in self.ends:
            self.log.extra["wallet_snapshots"].append(
                (
                    m,
                    pop["customer_id"].copy(),
                    pop["revenue"].copy(),
                    pop["satisfaction"].copy(),
                    pop["lines_added"].copy(),
                )
            )


def attractions(scenario: Scenario) -> np.ndarray:
    """Attraction quality / price index of each competitor, in the order of the names.

    Examples
    --------
    >>> from crmsim.scenario import Scenario
    >>> attractions(Scenario()).round(3).tolist()
    [6.316, 7.0, 7.273]
    """
    comps = [getattr(scenario.wallet, k) for k in COMPETITOR_KEYS]
    return np.array([c.quality / c.price_index for c in comps])


def price_gap_pct(scenario: Scenario, log: RunLog) -> np.ndarray:
    """By month: how much dearer the firm is than its cheapest competitor (%, 0 if not)."""
    cheapest = min(getattr(scenario.wallet, k).price_index for k in COMPETITOR_KEYS)
    rec = log.monthly
    ratio = rec["price_index"] / (cheapest * rec["competitor_price_index"])
    return 100.0 * np.maximum(ratio - 1.0, 0.0)


def share_of_wallet(
    scenario: Scenario,
    offset: np.ndarray,
    satisfaction: np.ndarray,
    tenure_months: np.ndarray,
    lines: np.ndarray,
    gap_pct: np.ndarray | float,
) -> np.ndarray:
    """The firm's share of wallet of customers in a given state (formula of the module).

    Examples
    --------
    >>> from crmsim.scenario import Scenario
    >>> s = share_of_wallet(Scenario(), np.zeros(2), np.array([1.0, -2.0]),
    ...                     np.array([24, 0]), np.array([2, 1]), 0.0)
    >>> s.round(2).tolist()
    [0.54, 0.25]
    """
    w = scenario.wallet
    years = np.minimum(np.asarray(tenure_months) / 12.0, w.tenure_cap_years)
    s = w.base_share + offset + w.satisfaction_effect * satisfaction + w.tenure_effect * years
    s = s + w.line_effect * (np.asarray(lines) - 1) - w.price_effect * np.asarray(gap_pct)
    return np.clip(s, w.min_share, w.max_share)


def _stream(log: RunLog) -> np.random.Generator:
    state = log.extra["wallet_stream"]
    bit = getattr(np.random, state["bit_generator"])()
    bit.state = state
    return np.random.Generator(bit)


def _draws(log: RunLog, scenario: Scenario, n: int) -> dict[str, Any]:
    """The table stream's draws, always in the same order and sizes (``n`` customers)."""
    rng, w, cu = _stream(log), scenario.wallet, scenario.customers
    assert log.population is not None, "the run is not finished"
    n_prospects = min(w.prospect_sample, max(scenario.market.market_size - n, 0))
    att = attractions(scenario)
    prob = att / att.sum()
    g = rng.gamma(w.competitor_concentration * prob, 1.0, (n + n_prospects, len(att)))
    total = g.sum(axis=1, keepdims=True)
    weights = np.where(total > 0, g / np.where(total > 0, total, 1.0), prob)
    lost_to = np.minimum(np.searchsorted(np.cumsum(prob), rng.random(n), side="right"), 2)
    offset = rng.normal(0.0, w.share_sd, n) if w.share_sd > 0 else np.zeros(n)
    basket = cu.basket_median_mad * np.exp(cu.basket_sigma * rng.standard_normal(n_prospects))
    rate = rng.gamma(cu.order_rate_shape, cu.order_rate_mean / cu.order_rate_shape, n_prospects)
    return {
        "weights": weights,
        "lost_to": lost_to,
        "offset": offset,
        "prospect_budget": basket * rate,
        "n_prospects": n_prospects,
    }


_DATA = (
    "customer_id", "acquisition_month", "order_rate", "basket", "revenue", "satisfaction",
    "lines_added", "churn_month",
)  # fmt: skip


def _records(log: RunLog, scenario: Scenario) -> dict[str, Any]:
    """Customer-year records of the customers (while they are customers) and the rest."""
    assert log.population is not None, "the run is not finished"
    data = log.population.collect(_DATA)
    snapshots = log.extra["wallet_snapshots"]
    if log.keep_purchases:  # the engine left the revenue sums to the purchases log
        sums = purchase_totals(log, scenario, data, snapshot_months=[s[0] for s in snapshots])
        data["revenue"] = sums["revenue"]
    n = len(data["customer_id"])
    draws = _draws(log, scenario, n)
    gap, price = price_gap_pct(scenario, log), log.monthly["price_index"]
    spend = TenureTables.of(scenario).spend
    acq, churn = data["acquisition_month"], data["churn_month"]
    init = initial_lines(log.extra["lines_key"], scenario, data["customer_id"])
    prev = np.zeros(n)
    parts: list[dict[str, np.ndarray]] = []
    for m, ids, rev, sat, lines in snapshots:
        if log.keep_purchases:
            rev = sums["revenue_at"][m][ids]
        y = m // 12
        part = {"customer_id": ids, "year": np.full(len(ids), y), "month": np.full(len(ids), m)}
        part["months_active"] = m + 1 - np.maximum(12 * y, acq[ids])
        part["firm"] = rev - prev[ids]
        prev[ids] = rev
        part.update(satisfaction=sat, tenure=m - acq[ids], lines=init[ids] + lines)
        parts.append(part)
    # leavers: the part of their last year before their departure
    left = (churn >= 0) & (churn % 12 != 0)
    ids = np.flatnonzero(left)
    c = churn[ids]
    parts.append(
        {
            "customer_id": ids,
            "year": c // 12,
            "month": c,
            "months_active": c - np.maximum(12 * (c // 12), acq[ids]),
            "firm": data["revenue"][ids] - prev[ids],
            "satisfaction": data["satisfaction"][ids],
            "tenure": c - acq[ids],
            "lines": init[ids] + data["lines_added"][ids],
        }
    )
    rec = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    rid, m = rec["customer_id"], rec["month"]
    tenure = rec["tenure"]
    rec["gap"] = gap[m]
    rec["share"] = share_of_wallet(
        scenario, draws["offset"][rid], rec["satisfaction"], tenure, rec["lines"], rec["gap"]
    )
    expected = data["order_rate"][rid] * data["basket"][rid] * price[m]
    expected *= spend[np.minimum(tenure, len(spend) - 1)] * rec["months_active"]
    basis = np.where(rec["firm"] > 0, rec["firm"], expected)
    rec["competitors"] = basis * (1.0 - rec["share"]) / rec["share"]
    order = np.lexsort((rec["year"], rid))
    rec = {k: v[order] for k, v in rec.items()}
    # after a departure, the whole monthly budget goes to one competitor
    gone = np.flatnonzero(churn >= 0)
    c = churn[gone]
    s_dep = share_of_wallet(
        scenario,
        draws["offset"][gone],
        data["satisfaction"][gone],
        c - acq[gone],
        init[gone] + data["lines_added"][gone],
        gap[c],
    )
    budget = data["order_rate"][gone] * data["basket"][gone] * price[c] / s_dep
    budget *= spend[np.minimum(c - acq[gone], len(spend) - 1)]
    return {"records": rec, "data": data, "draws": draws, "gone": (gone, c, budget)}


def wallet_table(log: RunLog, scenario: Scenario) -> pd.DataFrame:
    """One row per customer and year of the run while a customer (``COLUMNS["wallet"]``)."""
    rec = _records(log, scenario)["records"]
    return pd.DataFrame(
        {
            "customer_id": rec["customer_id"],
            "year": rec["year"] + 1,
            "months_active": rec["months_active"],
            "satisfaction": rec["satisfaction"],
            "tenure_months": rec["tenure"],
            "lines_held": rec["lines"],
            "price_gap_pct": rec["gap"],
            "share_of_wallet": rec["share"],
            "firm_sales_mad": rec["firm"],
            "competitor_sales_mad": rec["competitors"],
            "category_budget_mad": rec["firm"] + rec["competitors"],
        },
        copy=False,
    )


def supplier_sales(log: RunLog, scenario: Scenario) -> pd.DataFrame:
    """Sales of every supplier at every customer and prospect, by year (``COLUMNS["supplier_sales"]``)."""
    out = _records(log, scenario)
    rec, data, draws = out["records"], out["data"], out["draws"]
    gone, c, budget = out["gone"]
    months, n = scenario.months, len(data["customer_id"])
    n_years = (months + 11) // 12
    weights = draws["weights"]
    keys = [rec["customer_id"] * n_years + rec["year"]]
    rows = [
        np.column_stack([rec["firm"], rec["competitors"][:, None] * weights[rec["customer_id"]]])
    ]
    lost_to = draws["lost_to"][gone]
    for y in range(n_years):
        start, end = 12 * y, min(12 * (y + 1), months)
        after = end - np.maximum(start, c)
        k = after > 0
        block = np.zeros((int(k.sum()), 4))
        block[np.arange(len(block)), 1 + lost_to[k]] = budget[k] * after[k]
        keys.append(gone[k] * n_years + y)
        rows.append(block)
    pids = np.arange(n, n + draws["n_prospects"])
    for y in range(n_years):
        span = min(12 * (y + 1), months) - 12 * y
        block = np.zeros((len(pids), 4))
        block[:, 1:] = (draws["prospect_budget"] * span)[:, None] * weights[pids]
        keys.append(pids * n_years + y)
        rows.append(block)
    uniq, inv = np.unique(np.concatenate(keys), return_inverse=True)
    sales = np.zeros((len(uniq), 4))
    np.add.at(sales, inv, np.concatenate(rows))
    cid, year = uniq // n_years, uniq % n_years
    churn = np.concatenate([data["churn_month"], np.full(len(pids), -1)])[cid]
    status = np.where(cid >= n, 2, np.where((churn >= 0) & (churn < 12 * (year + 1)), 1, 0))
    r, s = np.nonzero(sales > 0)
    return pd.DataFrame(
        {
            "customer_id": cid[r],
            "year": year[r] + 1,
            "supplier": pd.Categorical.from_codes(s, categories=list(L.SUPPLIERS)),
            "status": pd.Categorical.from_codes(status[r], categories=list(L.SUPPLIER_STATUS)),
            "sales_mad": sales[r, s],
        },
        copy=False,
    )
