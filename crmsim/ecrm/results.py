"""The result of a web-audience run: DataFrames with documented columns, built once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from crmsim._validation import french_arguments
from crmsim.ecrm.engine import INCENTIVE, AudienceEngine
from crmsim.ecrm.params import TRIGGER_LABELS, TRIGGERS, WebAudience, check_audience
from crmsim.errors import ScenarioError

__all__ = ["COLUMNS", "PAGES", "AudienceResult", "seed_sequence", "simulate_audience"]

#: Pages of a visit, in the order a visitor sees them.
PAGES: tuple[str, ...] = ("arrivée", "catalogue", "produit", "commande", "paiement")

#: Columns of every table: name -> description (the single source of the docs and tests).
COLUMNS: dict[str, dict[str, str]] = {
    "sessions": {
        "session_id": "visit identifier (int, in order of the clock)",
        "visitor_id": "visitor identifier (int, 0 .. visitors - 1)",
        "visit_number": "rank of the visit for this visitor (1 = first visit)",
        "day": "time of the visit (days since the start, float)",
        "days_since_last_visit": "days since the visitor's previous visit (NaN for the first)",
        "keyword": "the visit comes from a search keyword (bool)",
        "browse_pages": "catalogue pages seen (int)",
        "product_view": "the visitor saw its product page (bool)",
        "views_since_purchase": "product-page views since the last order, after this visit",
        "checkout_started": "an order was started (bool)",
        "ordered": "the order was paid on the site (bool)",
        "aborted": "the order was started and stopped before payment (bool)",
        "survey_shown": "the satisfaction survey was shown at this visit (bool)",
        "departed": "the visitor left the site for good after this visit (bool)",
    },
    "page_views": {
        "session_id": "visit identifier",
        "visitor_id": "visitor identifier",
        "day": "time of the visit (days)",
        "position": "rank of the page in the visit (1 = landing page)",
        "page": "arrivée, catalogue, produit, commande, paiement (category)",
    },
    "orders": {
        "order_id": "order identifier (int)",
        "visitor_id": "visitor identifier",
        "session_id": "visit where the order started",
        "day": "time of the order (days)",
        "amount_mad": "amount of the order (MAD)",
        "margin_mad": "gross margin of the order (MAD)",
        "channel": "« site » or « téléphone » (saved by the service call) (category)",
    },
    "actions": {
        "action_id": "action identifier (int, in order of time)",
        "day": "time of the action (days)",
        "visitor_id": "visitor identifier",
        "session_id": "visit that fired the trigger",
        "trigger": "banniere, email, appel, enquete (category)",
        "action": "what the firm did, in French",
        "step": "« déclenchement » (the trigger fires) or « remise » (an incentive used)",
        "cost_mad": "cost of the action (MAD)",
    },
    "visitors": {
        "visitor_id": "visitor identifier",
        "visits": "number of visits (int)",
        "converted": "ordered at least once, on the site or by phone (bool)",
        "orders": "number of orders (int)",
        "revenue_mad": "revenue of its orders (MAD)",
        "margin_mad": "gross margin of its orders (MAD)",
        "actions_cost_mad": "cost of the actions triggered for it (MAD)",
        "lapsed": "left the site for good before the end (bool)",
        "lapse_day": "day of its last visit if it lapsed (NaN otherwise)",
    },
}


@dataclass(frozen=True)
class AudienceResult:
    """Tables of one run of :func:`simulate_audience` (columns in :data:`COLUMNS`).

    Attributes
    ----------
    sessions, page_views, orders, actions, visitors : pandas.DataFrame
        One row per visit, page view, order, triggered action and visitor
        (``page_views`` is expanded from ``sessions`` when first read).
    audience : WebAudience
        The parameters of the run.
    seed : int
        The integer seed that reproduces the run (``simulate_audience(audience, seed=seed)``).
    totals : dict
        Per-visitor arrays of the engine (orders, margin, cost, lapsed, touched).
    """

    sessions: pd.DataFrame
    orders: pd.DataFrame
    actions: pd.DataFrame
    visitors: pd.DataFrame
    audience: WebAudience
    seed: int
    #: per-visitor totals of the engine (used by :func:`crmsim.ecrm.trigger_summary`)
    totals: dict = field(default_factory=dict, repr=False, compare=False)

    @french_arguments
    def kpis(self) -> dict[str, float]:
        """Headline figures of the run (the quantities compared by the trigger summary).

        Keys: ``visitors``, ``sessions``, ``orders``, ``conversion_rate`` (converted /
        visitors), ``lapse_rate`` (lapsed / visitors), ``margin_mad``, ``actions_cost_mad``,
        ``active_end`` (visitors still loyal at the end), ``value_mad`` (margin - actions'
        cost + active_end x ``retained_value_mad``).
        """
        v, a = self.visitors, self.audience
        margin = float(v["margin_mad"].sum())
        cost = float(self.actions["cost_mad"].sum())
        active = int((~v["lapsed"]).sum())
        return {
            "visitors": len(v),
            "sessions": len(self.sessions),
            "orders": len(self.orders),
            "conversion_rate": float(v["converted"].mean()),
            "lapse_rate": float(v["lapsed"].mean()),
            "margin_mad": margin,
            "actions_cost_mad": cost,
            "active_end": active,
            "value_mad": margin - cost + active * a.retained_value_mad,
        }

    @french_arguments
    def action_costs(self) -> pd.DataFrame:
        """Number and total cost of the actions, one row per action, in order of first use.

        Columns
        -------
        action
            What the firm did, in French (the ``action`` column of ``actions``).
        actions
            Number of times the action was triggered (int).
        cost_mad
            Total cost of these actions (MAD).

        Examples
        --------
        >>> from crmsim.ecrm import WebAudience, simulate_audience
        >>> res = simulate_audience(WebAudience(visitors=200, days=30), seed=1)
        >>> costs = res.action_costs()
        >>> list(costs.columns), int(costs["actions"].sum()) == len(res.actions)
        (['action', 'actions', 'cost_mad'], True)
        """
        grouped = self.actions.groupby("action", sort=False, observed=True)["cost_mad"]
        table = grouped.agg(actions="size", cost_mad="sum").reset_index()
        table["action"] = table["action"].astype(str)
        return table.astype({"actions": "int64", "cost_mad": "float64"})

    @cached_property
    def page_views(self) -> pd.DataFrame:
        """One row per page seen, expanded from ``sessions`` (columns in :data:`COLUMNS`)."""
        return _page_views(self.sessions)


def seed_sequence(seed: object) -> tuple[np.random.SeedSequence, int]:
    """Normalise ``seed`` once: a SeedSequence and the integer that reproduces it.

    A Generator gives one integer drawn from it (so the same Generator state gives the
    same run); ``None`` draws fresh entropy from the operating system.
    """
    if isinstance(seed, np.random.Generator):
        entropy = int(seed.integers(2**63))
        return np.random.SeedSequence(entropy), entropy
    if seed is None or (isinstance(seed, (int, np.integer)) and not isinstance(seed, bool)):
        if seed is not None and seed < 0:
            raise ScenarioError(f"seed doit être un entier positif ou nul, reçu {seed!r}.")
        ss = np.random.SeedSequence(None if seed is None else int(seed))
        return ss, int(ss.entropy)  # type: ignore[arg-type]
    raise ScenarioError(
        f"seed doit être None, un entier ou un numpy.random.Generator, reçu {seed!r} "
        f"({type(seed).__name__})."
    )


@french_arguments
def simulate_audience(
    audience: WebAudience | None = None, *, seed: int | np.random.Generator | None = None
) -> AudienceResult:
    """Simulate a web site's audience with its e-CRM triggers and return its tables.

    Parameters
    ----------
    audience : WebAudience, optional
        Parameters and trigger switches; default ``WebAudience()`` (3 000 visitors,
        90 days, the four triggers on).
    seed : None, int or numpy.random.Generator
        Source of randomness. The same seed gives identical tables; switching a trigger
        off with the same seed changes only what that trigger touches (common random
        numbers), so the two runs compare fairly.

    Returns
    -------
    AudienceResult
        Tables ``sessions``, ``page_views``, ``orders``, ``actions``, ``visitors``.

    Examples
    --------
    >>> from crmsim.ecrm import WebAudience, simulate_audience
    >>> res = simulate_audience(WebAudience(visitors=200, days=60), seed=1)
    >>> sorted(res.actions["trigger"].cat.categories)
    ['appel', 'banniere', 'email', 'enquete']
    >>> res.visitors.shape[0]
    200
    """
    audience = check_audience(audience)
    ss, used = seed_sequence(seed)
    engine = AudienceEngine(audience, ss).run()
    return _build(engine, used)


def _frame(rows: list[tuple], names: list[str]) -> pd.DataFrame:
    if rows:
        return pd.DataFrame.from_records(rows, columns=names)
    return pd.DataFrame({n: pd.Series(dtype=float) for n in names})


def _page_views(s: pd.DataFrame) -> pd.DataFrame:
    """Page views expanded from the visits: arrival, catalogue x n, product, order, payment."""
    counts = np.stack(
        [
            np.ones(len(s), dtype=np.int64),
            s["browse_pages"].to_numpy(),
            s["product_view"].to_numpy(np.int64),
            s["checkout_started"].to_numpy(np.int64),
            s["ordered"].to_numpy(np.int64),
        ],
        axis=1,
    )
    per_session = counts.sum(axis=1)
    rows = np.repeat(np.arange(len(s)), per_session)
    codes = np.repeat(np.tile(np.arange(len(PAGES)), len(s)), counts.ravel())
    start = np.cumsum(per_session) - per_session
    position = np.arange(len(rows)) - np.repeat(start, per_session) + 1
    return pd.DataFrame(
        {
            "session_id": s["session_id"].to_numpy()[rows],
            "visitor_id": s["visitor_id"].to_numpy()[rows],
            "day": s["day"].to_numpy()[rows],
            "position": position.astype(np.int64),
            "page": pd.Categorical.from_codes(codes, categories=list(PAGES)),
        }
    )


def _build(engine: AudienceEngine, seed: int) -> AudienceResult:
    a, n = engine.a, engine.a.visitors
    s = _frame(
        engine.sessions,
        [
            "session_id",
            "visitor_id",
            "visit_number",
            "day",
            "keyword",
            "browse_pages",
            "product_view",
            "views_since_purchase",
            "checkout_started",
            "ordered",
            "survey_shown",
            "departed",
        ],
    )
    ints = ["session_id", "visitor_id", "visit_number", "browse_pages", "views_since_purchase"]
    bools = ["keyword", "product_view", "checkout_started", "ordered", "survey_shown", "departed"]
    s = s.astype({**dict.fromkeys(ints, "int64"), **dict.fromkeys(bools, bool), "day": float})
    s["visit_number"] += 1
    s = s.sort_values(["visitor_id", "visit_number"])
    s.insert(4, "days_since_last_visit", s.groupby("visitor_id")["day"].diff())
    s = s.sort_values("session_id").reset_index(drop=True)
    s.insert(len(s.columns) - 2, "aborted", s["checkout_started"] & ~s["ordered"])

    o = _frame(engine.orders, ["visitor_id", "session_id", "day", "amount_mad", "channel"])
    o = o.astype({"visitor_id": "int64", "session_id": "int64", "day": float, "amount_mad": float})
    o = o.sort_values("day", kind="stable").reset_index(drop=True)
    o.insert(0, "order_id", np.arange(len(o), dtype=np.int64))
    o.insert(5, "margin_mad", o["amount_mad"] * a.margin_rate)
    o["channel"] = pd.Categorical.from_codes(
        o["channel"].to_numpy(np.int64), categories=["site", "téléphone"]
    )

    act = _frame(engine.actions, ["day", "visitor_id", "session_id", "trigger", "step", "cost_mad"])
    act = act.astype({"day": float, "visitor_id": "int64", "session_id": "int64"})
    act = act.sort_values("day", kind="stable").reset_index(drop=True)
    trig = act["trigger"].to_numpy(np.int64)
    step = act["step"].to_numpy(np.int64)
    labels = np.array([TRIGGER_LABELS[t] for t in TRIGGERS] + ["Remise utilisée"], dtype=object)
    act["action"] = labels[np.where(step == INCENTIVE, len(TRIGGERS), trig)]
    act["trigger"] = pd.Categorical.from_codes(trig, categories=list(TRIGGERS))
    act["step"] = pd.Categorical.from_codes(step, categories=["déclenchement", "remise"])
    act["cost_mad"] = act["cost_mad"].astype(float)
    act.insert(0, "action_id", np.arange(len(act), dtype=np.int64))
    act = act[list(COLUMNS["actions"])]

    ids = np.arange(n)
    visits = np.bincount(s["visitor_id"].to_numpy(np.int64), minlength=n)
    ov = o["visitor_id"].to_numpy(np.int64)
    n_orders = np.bincount(ov, minlength=n)
    lapse_day = np.asarray(engine.departure_day, dtype=float)
    visitors = pd.DataFrame(
        {
            "visitor_id": ids,
            "visits": visits.astype(np.int64),
            "converted": n_orders > 0,
            "orders": n_orders.astype(np.int64),
            "revenue_mad": np.bincount(ov, o["amount_mad"].to_numpy(), minlength=n),
            "margin_mad": np.bincount(ov, o["margin_mad"].to_numpy(), minlength=n),
            "actions_cost_mad": np.bincount(
                act["visitor_id"].to_numpy(np.int64), act["cost_mad"].to_numpy(), minlength=n
            ),
            "lapsed": ~np.isnan(lapse_day),
            "lapse_day": lapse_day,
        }
    )
    return AudienceResult(s, o, act, visitors, a, seed, engine.totals())
