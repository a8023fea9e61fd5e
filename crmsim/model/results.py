"""The result of a simulation: DataFrames with documented columns, built once at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from crmsim.errors import DataError
from crmsim.model import labels as L
from crmsim.scenario import Scenario

if TYPE_CHECKING:
    from crmsim.model.engine import Engine

__all__ = ["COLUMNS", "SimulationResult", "build_result"]

_CAUSE_DESC = ", ".join(f"``{c}``" for c in L.CAUSE_COLUMNS)

#: Columns of every table: name -> description (the single source of the docs and tests).
COLUMNS: dict[str, dict[str, str]] = {
    "customers": {
        "customer_id": "customer identifier (int, 0, 1, 2, ... in order of acquisition)",
        "acquisition_month": "month of acquisition (negative for the initial base)",
        "channel": "acquisition channel, French label (category)",
        "basket_mad": "median amount of one order before tenure effects (MAD)",
        "order_rate": "mean number of orders per month",
        "expectation": "expected service quality (0-10 points)",
        "price_sensitivity": "price sensitivity at acquisition (mean 1 across customers)",
        "churn_propensity": "individual anecdotal monthly departure probability (beta draw)",
        "strategic_share": "probability that an order is a strategic product",
        "active": "still a customer at the end of the run (bool)",
        "tenure_months": "months as a customer (to departure or to the end of the run)",
        "churn_month": "month of departure (nullable Int64; missing while active)",
        "churn_cause": "recorded cause: insatisfaction, structurelle, conjoncturelle, anecdotique",
        "n_orders": "number of orders during the run",
        "last_purchase_month": "month of the last order (nullable Int64)",
        "revenue": "revenue during the run (MAD)",
        "gross_margin": "gross margin during the run (MAD)",
        "cost_to_serve": "cost to serve during the run (MAD)",
        "retention_cost": "retention spending on this customer (MAD)",
        "realised_clv": "discounted contribution (margin - costs), to the acquisition month (MAD)",
        "expected_clv": "expected future CLV m r / (1 + d - r) of an active customer (MAD ; 0 if gone)",
        "monthly_churn_risk": "departure probability next month (missing if gone)",
        "satisfaction": "last satisfaction gap, experienced quality minus expectation (points)",
        "dissatisfied": "dissatisfied (negative gap) at the end or at departure (bool)",
        "complaints": "number of complaints",
        "loyalty_member": "member of the loyalty programme (bool)",
    },
    "transactions": {
        "transaction_id": "order identifier (int)",
        "customer_id": "customer identifier",
        "month": "month of the order",
        "date": "date of the order (datetime64)",
        "amount": "amount of the order (MAD)",
        "product_type": "« stratégique » or « tactique » (category)",
    },
    "monthly": {
        "month": "month index 0 .. months-1",
        "date": "first day of the month (datetime64)",
        "active_start": "customers at the start of the month",
        "active": "customers at the end of the month (after departures and acquisitions)",
        "new_customers": "customers acquired this month (all channels)",
        **{
            f"new_{c}": f"customers acquired through « {lab} »"
            for c, lab in zip(L.CHANNELS[:-1], L.CHANNEL_LABELS, strict=False)
        },
        "churned": "customers lost this month",
        **{
            c: f"customers lost for the cause « {k} »"
            for c, k in zip(L.CAUSE_COLUMNS, L.CAUSES, strict=False)
        },
        "churn_rate": "churned / active_start",
        "revenue": "revenue (MAD)",
        "gross_margin": "gross margin (MAD)",
        "acquisition_spend": "campaign spending (MAD)",
        "retention_spend": "retention spending: per-customer budget, programme, complaints, crisis communication, call-backs (MAD)",
        "cost_to_serve": "cost to serve the active customers (MAD)",
        "profit": "gross_margin - acquisition_spend - retention_spend - cost_to_serve (MAD)",
        "mean_satisfaction": "mean satisfaction gap of the customers (points)",
        "dissatisfied": "dissatisfied customers (negative gap)",
        "new_dissatisfied": "customers who became dissatisfied this month (month 0: also the initial base already dissatisfied)",
        "complaints": "complaints received",
        "complaints_resolved": "complaints solved at once",
        "incidents": "service incidents experienced by customers",
        "word_of_mouth_recruits": "customers recruited by word of mouth (Bass imitation)",
        "loyalty_members": "members of the loyalty programme at the end of the month",
        "price_index": "our price level (1 = initial)",
        "competitor_price_index": "competitor's price level (1 = initial)",
        "crisis": "a crisis is under way (bool)",
    },
    "campaigns": {
        "month": "month of the campaign",
        "channel": "channel, French label (category)",
        "messages": "contacts sent",
        "responses": "responses (leads)",
        "orders": "first orders, i.e. customers acquired",
        "cost": "cost of the campaign (MAD)",
        "revenue": "first-month revenue of the acquired customers (MAD)",
        "gross_margin": "first-month gross margin of the acquired customers (MAD)",
    },
    "events": {
        "month": "month of the event",
        "event": "event identifier (crisis_start, crisis_end, competitor_price_cut, price_alignment, loyalty_programme_launch, satisfaction_survey)",
        "description": "what happened, in French",
        "value": "a figure for the event (hazard, price index, share of dissatisfied...)",
    },
    "interactions": {
        "month": "month of the interaction",
        "customer_id": "customer identifier",
        "kind": "incident, mécontentement, réclamation résolue / non résolue, retour à la satisfaction, adhésion au programme, rappel après enquête (category)",
    },
}


#: Population attributes needed to build the tables (derived hazard factors are dropped).
_KEEP = (
    "customer_id", "acquisition_month", "channel", "basket", "order_rate", "expectation",
    "price_sensitivity", "churn_propensity", "strategic_share", "satisfaction", "dissatisfied",
    "member", "join_month", "complaints", "n_orders", "last_purchase_month", "revenue",
    "volume", "margin_disc", "event_cost", "event_cost_disc", "churn_month", "churn_cause",
)  # fmt: skip

_INT_MONTHLY = [
    c
    for c in COLUMNS["monthly"]
    if c.startswith(("active", "new_", "churned", "complaints"))
    or c in ("dissatisfied", "incidents", "word_of_mouth_recruits", "loyalty_members")
]


def _columns_doc() -> str:
    lines = ["", "    Columns", "    -------"]
    for table, cols in COLUMNS.items():
        lines.append(f"    {table}")
        lines += [f"        - ``{c}``: {d}" for c, d in cols.items()]
    return "\n".join(lines) + "\n"


class SimulationResult:
    """Tables of one simulation run, with the scenario and the seed that produced them.

    Attributes
    ----------
    scenario : Scenario
        The scenario simulated.
    seed : int or None
        Integer that reproduces the run with ``crmsim.simulate(scenario, seed=seed)``
        (``None`` when a Generator was given).
    customers, transactions, monthly, campaigns, events, interactions : pandas.DataFrame
        The tables described below (``transactions`` is empty when not requested).

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(seed=3, months=6)
    >>> list(res.monthly.columns[:4])
    ['month', 'date', 'active_start', 'active']
    >>> res.customer_story(0).startswith("Client n° 0")
    True
    """

    def __init__(self, scenario: Scenario, seed: int | None, tables: dict[str, pd.DataFrame]):
        self.scenario = scenario
        self.seed = seed
        self.customers: pd.DataFrame = tables["customers"]
        self.transactions: pd.DataFrame = tables["transactions"]
        self.monthly: pd.DataFrame = tables["monthly"]
        self.campaigns: pd.DataFrame = tables["campaigns"]
        self.events: pd.DataFrame = tables["events"]
        self.interactions: pd.DataFrame = tables["interactions"]

    TABLES = ("customers", "transactions", "monthly", "campaigns", "events", "interactions")

    def __repr__(self) -> str:
        c = self.customers
        return (
            f"<SimulationResult « {self.scenario.name} », {self.scenario.months} mois, seed={self.seed}: "
            f"{len(c)} clients dont {int(c['active'].sum())} actifs, "
            f"{len(self.transactions)} transactions>"
        )

    @property
    def customer_equity(self) -> float:
        """Customer equity at the end: the sum of the expected CLVs of active customers (MAD)."""
        return float(self.customers["expected_clv"].sum())

    def tables(self) -> dict[str, pd.DataFrame]:
        """The six tables by name."""
        return {name: getattr(self, name) for name in self.TABLES}

    def kpis(self) -> dict[str, float]:
        """Headline indicators of the run (used by sweeps and calibration).

        Keys: ``active_end``, ``customers_ever``, ``yearly_churn_rate``, ``revenue``,
        ``profit``, ``top20_revenue_share``, ``acquisition_cost_per_customer``,
        ``yearly_retention_cost_per_customer``, ``complaint_share``, ``customer_equity``,
        ``mean_satisfaction`` and one ``share_<cause>`` per attrition cause.
        """
        from crmsim.calibration import kpis

        return kpis(self)

    def customer_story(self, customer_id: int) -> str:
        """The life of one customer told in French, from the logs of the run.

        Raises
        ------
        DataError
            If ``customer_id`` is not a customer of this run.
        """
        from crmsim.model.story import customer_story

        ids = self.customers["customer_id"]
        if not isinstance(customer_id, (int, np.integer)) or not 0 <= customer_id < len(ids):
            raise DataError(
                f"customer_id doit être un identifiant entre 0 et {len(ids) - 1}, reçu {customer_id!r}."
            )
        return customer_story(self, int(customer_id))


SimulationResult.__doc__ = (SimulationResult.__doc__ or "") + _columns_doc()


_DTYPES: dict[tuple[str, ...], pd.CategoricalDtype] = {}


def _cat(codes: np.ndarray, cats: tuple[str, ...]) -> pd.Categorical:
    """Categorical from integer codes (-1 = missing); the codes are trusted."""
    if cats not in _DTYPES:
        _DTYPES[cats] = pd.CategoricalDtype(list(cats))
    return pd.Categorical.from_codes(codes, dtype=_DTYPES[cats], validate=False)


def _month_starts(scenario: Scenario) -> np.ndarray:
    first = np.datetime64(scenario.start_date[:7], "M")
    return (first + np.arange(scenario.months + 1)).astype("datetime64[D]")


def build_result(engine: Engine, seed: int | None) -> SimulationResult:
    """Assemble the DataFrames of a finished run."""
    clv, risk = engine.forecast()
    n_active = engine.pop.n
    data = engine.pop.collect(_KEEP)
    data.update(engine.costs(data))
    sc = engine.sc
    active = data["churn_month"] < 0
    # collect() sorts by id; active customers are the last ones only by chance: map back.
    exp_clv = np.zeros(len(active))
    churn_risk = np.full(len(active), np.nan)
    if n_active:
        live_ids = engine.pop["customer_id"]
        exp_clv[live_ids] = clv
        churn_risk[live_ids] = risk
    end = np.where(active, sc.months, data["churn_month"])
    last = data["last_purchase_month"]
    customers = pd.DataFrame(
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
            - (1.0 - sc.economics.gross_margin_rate) * data["volume"],
            "cost_to_serve": data["cost_to_serve"],
            "retention_cost": data["retention_cost"],
            "realised_clv": data["realised_clv"],
            "expected_clv": exp_clv,
            "monthly_churn_risk": churn_risk,
            "satisfaction": data["satisfaction"],
            "dissatisfied": data["dissatisfied"],
            "complaints": data["complaints"],
            "loyalty_member": data["member"],
        },
        copy=False,
    )
    starts = _month_starts(sc)
    rec = engine.rec
    cols: dict[str, Any] = {
        "month": np.arange(sc.months),
        "date": starts[:-1].astype("datetime64[ns]"),
    }
    cols.update({c: rec[c] for c in COLUMNS["monthly"] if c in rec})
    cols.update({c: rec[c].astype(np.int64) for c in _INT_MONTHLY})
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
    monthly = pd.DataFrame({c: cols[c] for c in COLUMNS["monthly"]}, copy=False)
    camp = np.array(engine.campaigns, dtype=float).reshape(-1, 8)
    campaigns = pd.DataFrame(
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
    ev = engine.cal.events
    events = pd.DataFrame(
        {
            "month": np.array([e[0] for e in ev], dtype=np.int64),
            "event": pd.Series([e[1] for e in ev], dtype=object),
            "description": pd.Series([e[2] for e in ev], dtype=object),
            "value": np.array([e[3] for e in ev], dtype=float),
        },
        copy=False,
    )
    inter = engine.interactions
    interactions = pd.DataFrame(
        {
            "month": np.repeat(
                np.array([i[0] for i in inter], dtype=np.int64), [len(i[1]) for i in inter]
            ),
            "customer_id": np.concatenate([i[1] for i in inter])
            if inter
            else np.zeros(0, np.int64),
            "kind": _cat(
                np.repeat(
                    np.array([i[2] for i in inter], dtype=np.int64), [len(i[1]) for i in inter]
                ),
                L.INTERACTIONS,
            ),
        },
        copy=False,
    )
    transactions = _transactions(engine, starts)
    tables = {
        "customers": customers,
        "transactions": transactions,
        "monthly": monthly,
        "campaigns": campaigns,
        "events": events,
        "interactions": interactions,
    }
    return SimulationResult(sc, seed, tables)


def _transactions(engine: Engine, starts: np.ndarray) -> pd.DataFrame:
    """Expand the customer-month purchases into orders (separate random stream)."""
    tx: list[Any] = engine.tx
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
    rng = engine.rng_tx
    months = np.repeat(np.array([t[0] for t in tx], np.int64), [len(t[1]) for t in tx])
    ids = np.concatenate([t[1] for t in tx])
    counts = np.concatenate([t[2] for t in tx])
    revenue = np.concatenate([t[3] for t in tx])
    strat = np.concatenate([t[4] for t in tx])
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
