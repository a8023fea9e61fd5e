"""Builders of the tables of a run, from the run log and the scenario alone.

Each function turns one part of a :class:`~crmsim.model.runlog.RunLog` into one
DataFrame (columns documented in :data:`crmsim.model.results.COLUMNS`); French labels are
attached here, from :mod:`crmsim.labels`. Only :func:`transactions` draws random numbers,
from its own stream (the second child of the run's seed, recorded in the log), so the
tables do not depend on which one is built first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from crmsim import labels as L
from crmsim.model.economics import lifetime_costs
from crmsim.model.lines import lines_held
from crmsim.model.runlog import RunLog
from crmsim.model.tenure import TenureTables
from crmsim.scenario import Scenario

__all__ = ["campaigns", "customers", "events", "interactions", "monthly", "transactions"]

#: Population attributes needed by the customers table (derived hazard factors are dropped).
_KEEP = (
    "customer_id", "acquisition_month", "channel", "basket", "order_rate", "expectation",
    "price_sensitivity", "churn_propensity", "strategic_share", "satisfaction", "dissatisfied",
    "member", "join_month", "complaints", "n_orders", "last_purchase_month", "revenue",
    "volume", "margin_disc", "event_cost", "event_cost_disc", "churn_month", "churn_cause",
    "lines_added",
)  # fmt: skip

_DTYPES: dict[tuple[str, ...], pd.CategoricalDtype] = {}


def _cat(codes: np.ndarray, cats: tuple[str, ...]) -> pd.Categorical:
    """Categorical from integer codes (-1 = missing); the codes are trusted."""
    if cats not in _DTYPES:
        _DTYPES[cats] = pd.CategoricalDtype(list(cats))
    return pd.Categorical.from_codes(codes, dtype=_DTYPES[cats], validate=False)


def month_starts(scenario: Scenario) -> np.ndarray:
    """First day of every month of the run, and of the month after it."""
    first = np.datetime64(scenario.start_date[:7], "M")
    return (first + np.arange(scenario.months + 1)).astype("datetime64[D]")


def customers(log: RunLog, scenario: Scenario) -> pd.DataFrame:
    """One row per customer ever acquired (``COLUMNS["customers"]``)."""
    assert log.population is not None, "the run is not finished"
    data = log.population.collect(_KEEP)
    if log.keep_purchases:
        data.update(purchase_totals(log, scenario, data))
    data.update(lifetime_costs(data, scenario, TenureTables.of(scenario)))
    active = data["churn_month"] < 0
    exp_clv = np.zeros(len(active))
    churn_risk = np.full(len(active), np.nan)
    live = log.forecast["customer_id"]
    exp_clv[live] = log.forecast["expected_clv"]
    churn_risk[live] = log.forecast["churn_risk"]
    end = np.where(active, scenario.months, data["churn_month"])
    last = data["last_purchase_month"]
    held = lines_held(log, scenario, data["customer_id"], data["lines_added"])
    return pd.DataFrame(
        {
            "customer_id": data["customer_id"],
            "acquisition_month": data["acquisition_month"],
            "channel": _cat(data["channel"], L.CHANNEL_LABELS),
            "basket_mad": data["basket"],
            "order_rate": data["order_rate"],
            "expectation": data["expectation"],
            "price_sensitivity": data["price_sensitivity"],
            "churn_propensity": data["churn_propensity"],
            "strategic_share": data["strategic_share"],
            "active": active,
            "tenure_months": end - data["acquisition_month"],
            "churn_month": pd.arrays.IntegerArray(np.where(active, 0, data["churn_month"]), active),
            "churn_cause": _cat(data["churn_cause"], L.CAUSES),
            "n_orders": data["n_orders"].astype(np.int64),
            "last_purchase_month": pd.arrays.IntegerArray(np.maximum(last, 0), last < 0),
            "revenue": data["revenue"],
            "gross_margin": data["revenue"]
            - (1.0 - scenario.economics.gross_margin_rate) * data["volume"],
            "cost_to_serve": data["cost_to_serve"],
            "retention_cost": data["retention_cost"],
            "realised_clv": data["realised_clv"],
            "expected_clv": exp_clv,
            "monthly_churn_risk": churn_risk,
            "satisfaction": data["satisfaction"],
            "dissatisfied": data["dissatisfied"],
            "complaints": data["complaints"],
            "loyalty_member": data["member"],
            "lines_held": held,
            "equipment_rate": held / scenario.lines.lines_offered,
        },
        copy=False,
    )


def monthly(log: RunLog, scenario: Scenario, columns: list[str]) -> pd.DataFrame:
    """One row per month (``columns``: the documented columns, in order)."""
    rec = log.monthly
    cols: dict[str, Any] = {
        "month": np.arange(scenario.months),
        "date": month_starts(scenario)[:-1].astype("datetime64[ns]"),
    }
    for c in columns:
        if c in rec:
            integer = c.startswith(("active", "new_", "churned", "complaints")) or c in (
                "dissatisfied",
                "incidents",
                "word_of_mouth_recruits",
                "loyalty_members",
            )
            cols[c] = rec[c].astype(np.int64) if integer else rec[c]
    cols["crisis"] = rec["crisis"].astype(bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        cols["churn_rate"] = np.where(
            rec["active_start"] > 0, rec["churned"] / rec["active_start"], np.nan
        )
    cols["profit"] = (
        rec["gross_margin"]
        - rec["acquisition_spend"]
        - rec["retention_spend"]
        - rec["cost_to_serve"]
    )
    return pd.DataFrame({c: cols[c] for c in columns}, copy=False)


def campaigns(log: RunLog) -> pd.DataFrame:
    """One row per campaign channel and month (``COLUMNS["campaigns"]``)."""
    camp = np.array(log.campaigns, dtype=float).reshape(-1, 8)
    return pd.DataFrame(
        {
            "month": camp[:, 0].astype(np.int64),
            "channel": _cat(camp[:, 1].astype(np.int64), L.CHANNEL_LABELS),
            "messages": camp[:, 2].astype(np.int64),
            "responses": camp[:, 3].astype(np.int64),
            "orders": camp[:, 4].astype(np.int64),
            "cost": camp[:, 5],
            "revenue": camp[:, 6],
            "gross_margin": camp[:, 7],
        },
        copy=False,
    )


def events(log: RunLog) -> pd.DataFrame:
    """One row per calendar event, with its French description (``COLUMNS["events"]``)."""
    ev = log.events
    return pd.DataFrame(
        {
            "month": np.array([e[0] for e in ev], dtype=np.int64),
            "event": pd.Series([e[1] for e in ev], dtype=object),
            "description": pd.Series(
                [L.describe_event(e[1], e[2], e[3]) for e in ev], dtype=object
            ),
            "value": np.array([e[2] for e in ev], dtype=float),
        },
        copy=False,
    )


def interactions(log: RunLog) -> pd.DataFrame:
    """One row per customer interaction (``COLUMNS["interactions"]``)."""
    inter = log.interactions
    sizes = [len(i[1]) for i in inter]
    return pd.DataFrame(
        {
            "month": np.repeat(np.array([i[0] for i in inter], dtype=np.int64), sizes),
            "customer_id": np.concatenate([i[1] for i in inter])
            if inter
            else np.zeros(0, np.int64),
            "kind": _cat(
                np.repeat(np.array([i[2] for i in inter], dtype=np.int64), sizes),
                L.INTERACTIONS,
            ),
        },
        copy=False,
    )


def _buyer_months(
    log: RunLog, scenario: Scenario, data: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The logged purchases as rows (month, customer id, orders, list-price value, tenure).

    The value is computed with the engine's operations, in the same order, so the sums
    built from it are the engine's to the last bit. ``data`` holds every customer's
    ``basket`` and ``acquisition_month`` in id order.
    """
    tx = log.purchases
    months = np.repeat(np.array([t[0] for t in tx], np.int64), [len(t[1]) for t in tx])
    ids = np.concatenate([t[1] for t in tx])
    counts = np.concatenate([t[2] for t in tx])
    tenure = months - data["acquisition_month"][ids]
    value = counts.astype(np.float64) * data["basket"][ids]
    value *= TenureTables.of(scenario).spend[tenure]
    return months, ids, counts, value, tenure


def purchase_totals(
    log: RunLog,
    scenario: Scenario,
    data: dict[str, np.ndarray],
    snapshot_months: Sequence[int] = (),
) -> dict[str, np.ndarray]:
    """Per-customer purchase totals summed from the purchases log (``log.keep_purchases``).

    When the run records its purchases, the engine does not also add them up customer by
    customer: ``n_orders``, ``revenue``, ``volume`` (list-price value), ``margin_disc``
    (discounted gross margin) and ``last_purchase_month`` are summed here, month by
    month with the engine's operations in the engine's order, so they equal the engine's
    running sums to the last bit. ``data`` holds ``customer_id``, ``basket`` and
    ``acquisition_month`` of every customer in id order. With ``snapshot_months``, the
    result also holds ``revenue_at``: for each of those months, the revenue summed up to
    its end (what the engine's running sum held then), taken in the same pass.
    """
    n = len(data["customer_id"])
    totals = {name: np.zeros(n) for name in ("n_orders", "revenue", "volume", "margin_disc")}
    last = np.full(n, -1, np.int64)
    pending, revenue_at = sorted(set(snapshot_months)), {}
    orders, revenue, volume, margin = totals.values()
    basket, acq = data["basket"], data["acquisition_month"]
    tt = TenureTables.of(scenario)
    prices, cost_rate = log.monthly["price_index"], 1.0 - scenario.economics.gross_margin_rate
    for m, ids, counts in log.purchases:  # month by month, as the engine added them up
        while pending and pending[0] < m:  # the end of a snapshot month (maybe without buyers)
            revenue_at[pending.pop(0)] = revenue.copy()
        c = counts.astype(np.float64)
        tenure = m - acq.take(ids)
        value = c * basket.take(ids)
        value *= tt.spend.take(tenure)
        price = prices[m]
        orders[ids] += c  # ids are distinct within a month
        volume[ids] += value
        revenue[ids] += value * price
        discounted = value * tt.disc.take(tenure)
        discounted *= price - cost_rate
        margin[ids] += discounted
        last[ids] = m
    for month in pending:
        revenue_at[month] = revenue.copy()
    out = {**totals, "last_purchase_month": last}
    return {**out, "revenue_at": revenue_at} if snapshot_months else out


def n_transactions(log: RunLog) -> int:
    """Number of rows of the transactions table, without building it."""
    return int(sum(int(p[2].sum()) for p in log.purchases))


def transactions(log: RunLog, scenario: Scenario, rng: np.random.Generator) -> pd.DataFrame:
    """Expand the customer-month purchases into orders (``COLUMNS["transactions"]``).

    ``rng`` is the run's transactions stream: it splits each customer-month's amount
    between its orders and draws each order's product type and day.
    """
    tx = log.purchases
    if not tx:
        return pd.DataFrame(
            {
                "transaction_id": np.zeros(0, np.int64),
                "customer_id": np.zeros(0, np.int64),
                "month": np.zeros(0, np.int64),
                "date": np.zeros(0, "datetime64[ns]"),
                "amount": np.zeros(0),
                "product_type": _cat(np.zeros(0, np.int64), L.PRODUCT_TYPES),
            }
        )
    starts = month_starts(scenario)
    assert log.population is not None, "the run is not finished"
    data = log.population.collect(("basket", "acquisition_month", "strategic_share"))
    months, ids, counts, value, _ = _buyer_months(log, scenario, data)
    revenue = value * log.monthly["price_index"][months]
    strat = data["strategic_share"][ids]
    rows = np.repeat(np.arange(len(ids)), counts)
    total = len(rows)
    # split each customer-month's amount between its orders with mean-one uniform weights
    weight = rng.random(total)
    weight += 0.5
    sums = np.bincount(rows, weights=weight, minlength=len(ids))
    amount = weight
    amount *= (revenue / sums)[rows]
    u = rng.random((2, total), dtype=np.float32)
    product = (u[0] >= strat[rows].astype(np.float32)).view(np.int8)
    m = months[rows]
    day_ns = np.int64(86_400 * 10**9)
    days = (starts[1:] - starts[:-1]).astype(np.int64)
    start_ns = starts.astype("datetime64[ns]").astype(np.int64)
    date = start_ns[m] + (u[1] * days[m]).astype(np.int64) * day_ns
    return pd.DataFrame(
        {
            "transaction_id": np.arange(total, dtype=np.int64),
            "customer_id": ids[rows],
            "month": m,
            "date": date.view("datetime64[ns]"),
            "amount": amount,
            "product_type": _cat(product, L.PRODUCT_TYPES),
        },
        copy=False,
    )
