"""The simulation engine: SimPy drives the calendar, NumPy updates the population.

Each month ``m`` (SimPy time ``m + 0.5``) the engine first recruits (campaigns, then word
of mouth and external influence in Bass form), then updates every customer present at
the start of the month at once: satisfaction (gap between experienced quality and
expectation, incidents, complaints), the four competing attrition hazards with one
departure draw per customer, and the purchases of stayers and recruits. The steps live in
mixins: :mod:`~crmsim.model.hazards`, :mod:`~crmsim.model.care` (incidents, complaints,
surveys) and :mod:`~crmsim.model.economics`. See ``docs/model.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import numpy as np
import simpy

from crmsim.model import labels as L
from crmsim.model.calendar import Calendar
from crmsim.model.care import CareMixin
from crmsim.model.economics import EconomicsMixin
from crmsim.model.hazards import HazardsMixin
from crmsim.model.population import Population
from crmsim.scenario import Scenario

__all__ = ["Engine"]

SCHEMA: dict[str, Any] = {
    "customer_id": np.int64,
    "acquisition_month": np.int64,
    "channel": np.int8,
    "basket": np.float64,
    "order_rate": np.float64,
    "expectation": np.float64,
    "price_sensitivity": np.float64,
    "churn_propensity": np.float64,
    "strategic_share": np.float64,
    "satisfaction": np.float64,
    "dissatisfied": np.bool_,
    "unresolved": np.bool_,
    "recovered": np.bool_,
    "member": np.bool_,
    "join_month": np.int64,
    "complaints": np.int64,
    "n_orders": np.float64,
    "last_purchase_month": np.int64,
    "revenue": np.float64,
    "volume": np.float64,
    "margin_disc": np.float64,
    "event_cost": np.float64,
    "event_cost_disc": np.float64,
    "churn_month": np.int64,
    "churn_cause": np.int8,
    # derived per-customer factors, refreshed when membership or complaints change
    "pull": np.float64,
    "keep_anecdotal": np.float64,
    "ctrl": np.float64,
    "ins_factor": np.float64,
    "str_factor": np.float64,
}

MONTHLY = (
    "active_start",
    "active",
    "new_customers",
    *(f"new_{c}" for c in L.CHANNELS[:-1]),
    "churned",
    *L.CAUSE_COLUMNS,
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


class Engine(HazardsMixin, CareMixin, EconomicsMixin):
    """One simulation run: population, calendar, monthly records (use ``simulate``)."""

    def __init__(self, scenario: Scenario, rngs: list[np.random.Generator], transactions: bool):
        self.sc = scenario
        self.rng, self.rng_tx, self.rng_survey = rngs
        self.keep_tx = transactions
        self.months = scenario.months
        self.env = simpy.Environment()
        self.cal = Calendar(self.env, scenario)
        mk = scenario.market
        self.pop = Population(
            SCHEMA, capacity=min(mk.market_size, mk.initial_customers * 5 // 4 + 4096)
        )
        self.rec = {k: np.zeros(self.months) for k in MONTHLY}
        self.campaigns: list[tuple[int, int, int, int, int, float, float, float]] = []
        self.interactions: list[tuple[int, np.ndarray, int]] = []
        self.tx: list[tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        self.next_id = 0
        # active customers by acquisition month (index: month + offset), for word of mouth
        # and the monthly cost to serve without a pass over all customers
        self.acq_offset = scenario.market.initial_tenure_max_months
        self.by_acq = np.zeros(self.acq_offset + self.months + 1, np.int64)
        self.max_str_factor = 0.0
        self._neg_damp: tuple[float, np.ndarray] = (0.0, np.zeros(0))
        self.pool: dict[str, np.ndarray] = {}
        self.pool_pos = self.pool_size = 0
        self.prospects = scenario.market.market_size - scenario.market.initial_customers
        self._tables()

    # ------------------------------------------------------------------ customers
    def draw_profiles(self, k: int) -> dict[str, np.ndarray]:
        """Draw the heterogeneity of ``k`` customers (see docs/model.md)."""
        rng, cu, att = self.rng, self.sc.customers, self.sc.attrition
        mu, h = att.anecdotal_monthly_rate, att.propensity_heterogeneity
        s, sig = cu.strategic_share, cu.price_sensitivity_sigma
        return {
            "basket": cu.basket_median_mad * np.exp(cu.basket_sigma * rng.standard_normal(k)),
            "order_rate": rng.gamma(
                cu.order_rate_shape, cu.order_rate_mean / cu.order_rate_shape, k
            ),
            "expectation": np.clip(rng.normal(cu.expectation_mean, cu.expectation_sd, k), 0, 10),
            "price_sensitivity": np.exp(sig * rng.standard_normal(k) - sig**2 / 2),
            "churn_propensity": rng.beta(mu / h, (1 - mu) / h, k)
            if 0 < mu < 1 and h > 0
            else np.full(k, mu),
            "strategic_share": rng.beta(10 * s, 10 * (1 - s), k) if 0 < s < 1 else np.full(k, s),
        }

    def profiles(self, k: int) -> dict[str, np.ndarray]:
        """Next ``k`` recruits' profiles, drawn in blocks (one call per block, not per month)."""
        if self.pool_pos + k > self.pool_size:
            self.pool_size = max(k, 4096)
            self.pool = self.draw_profiles(self.pool_size)
            self.pool_pos = 0
        sl = slice(self.pool_pos, self.pool_pos + k)
        self.pool_pos += k
        return {name: arr[sl] for name, arr in self.pool.items()}

    def new_customers(self, month: int, channels: np.ndarray, tenure0: np.ndarray | None = None):
        """Add new customers with their drawn profiles (``tenure0``: the initial base)."""
        k = len(channels)
        if k == 0:
            return
        acq = month if tenure0 is None else month - tenure0
        prof = self.draw_profiles(k) if tenure0 is not None else self.profiles(k)
        sa = self.sc.satisfaction
        sat = sa.service_quality - self.cal.quality_drop - prof["expectation"]
        member: Any = False
        join: Any = -1
        if self.cal.programme_active:
            member = self.rng.random(k) < self.sc.loyalty.programme_enrolment
            join = np.where(member, max(month, 0), -1)
        first = self.next_id
        self.next_id += k
        # scalars fill the whole block of new rows
        self.pop.add(
            k,
            {
                "customer_id": np.arange(first, first + k),
                "acquisition_month": acq,
                "channel": channels,
                **prof,
                "satisfaction": sat,
                "dissatisfied": False,  # set by the first monthly update (complaint chance)
                "unresolved": False,
                "recovered": False,
                "member": member,
                "join_month": join,
                "complaints": 0,
                "n_orders": 0.0,
                "last_purchase_month": -1,
                "revenue": 0.0,
                "volume": 0.0,
                "margin_disc": 0.0,
                "event_cost": 0.0,
                "event_cost_disc": 0.0,
                "churn_month": -1,
                "churn_cause": -1,
                "pull": sa.satisfaction_memory * (sa.service_quality - prof["expectation"]),
                "keep_anecdotal": 1.0 - prof["churn_propensity"],
                "ctrl": 0.0,
                "ins_factor": 0.0,
                "str_factor": 0.0,
            },
        )
        new_rows = slice(self.pop.n - k, self.pop.n)
        self.refresh(new_rows)
        self.max_str_factor = max(
            self.max_str_factor, float(self.pop["str_factor"][new_rows].max())
        )
        if tenure0 is None:
            self.by_acq[month + self.acq_offset] += k
        else:
            self.by_acq += np.bincount(acq + self.acq_offset, minlength=len(self.by_acq))
        if self.cal.programme_active:
            self.log_interactions(max(month, 0), np.flatnonzero(member) + first, L.JOINED)

    def log_interactions(self, month: int, ids: np.ndarray, kind: int) -> None:
        if len(ids):
            self.interactions.append((month, ids.copy(), kind))

    def enrol_all(self) -> None:
        """Programme launch: each current customer joins with the enrolment probability."""
        pop = self.pop
        join = (self.rng.random(pop.n) < self.sc.loyalty.programme_enrolment) & ~pop["member"]
        pop["member"][join] = True
        pop["join_month"][join] = self.cal.month
        self.refresh(np.flatnonzero(join))
        self.log_interactions(self.cal.month, pop["customer_id"][join], L.JOINED)

    # ------------------------------------------------------------------ one month
    def word_of_mouth(self, m: int) -> float:
        """Effective number of recommenders N_eff at the start of month ``m`` (Bass)."""
        pop, mk = self.pop, self.sc.market
        dis = pop["dissatisfied"]
        rows = (dis | pop["recovered"]).nonzero()[0]  # the customers who are not plain satisfied
        d = dis[rows]
        n_dis = int(np.count_nonzero(d))
        n_rcv = len(rows) - n_dis  # recovered and satisfied
        cut = m - 12 + self.acq_offset  # acquired in month m - 12 or before: loyal
        n_loyal = int(self.by_acq[: cut + 1].sum()) if cut >= 0 else 0
        n_loyal -= int(np.count_nonzero(pop["acquisition_month"][rows] <= m - 12))
        return (
            (pop.n - n_dis - n_rcv - n_loyal)
            + mk.loyal_recommend_boost * n_loyal
            + mk.recovered_tell / mk.happy_tell * n_rcv
            - mk.unhappy_tell / mk.happy_tell * n_dis
        )

    def step(self, m: int) -> None:
        sc, pop, cal, rng, rec = self.sc, self.pop, self.cal, self.rng, self.rec
        sa = sc.satisfaction
        n = pop.n
        rec["active_start"][m] = n
        # Acquisition: campaigns, then word of mouth and external influence (Bass) driven by
        # the customers present at the start of the month. Recruits are appended after
        # row n; they buy this month but face no satisfaction update or departure draw.
        channels = self.acquire(m, self.word_of_mouth(m))
        k = len(channels)
        ids = pop["customer_id"]
        tenure = m - pop["acquisition_month"]
        # Satisfaction of the n customers: experienced quality minus expectation, smoothed.
        inc = self.incidents(n)
        w = sa.satisfaction_memory
        sat = pop["satisfaction"][:n]
        sat *= 1.0 - w
        sat += pop["pull"][:n]  # w * (quality - expectation), fixed per customer
        if cal.quality_drop:
            sat -= w * cal.quality_drop
        sat[inc] -= w * sa.incident_severity
        dis = pop["dissatisfied"][:n]
        now_dis = sat < 0
        changed = (now_dis != dis).nonzero()[0]
        became = now_dis[changed]
        newly, back = changed[became], changed[~became]
        if len(back):
            was = back[pop["unresolved"][back]]
            pop["unresolved"][was] = False
            self.refresh(was)
        self.log_interactions(m, ids[inc], L.INCIDENT)
        self.log_interactions(m, ids[newly], L.DISSATISFIED)
        self.log_interactions(m, ids[back], L.SATISFIED_AGAIN)
        forced = self.complaints(m, newly, now_dis)
        dis[:] = now_dis
        rec["new_dissatisfied"][m] = len(newly)
        rec["incidents"][m] = len(inc)
        rec["mean_satisfaction"][m] = sat.sum() / n if n else np.nan
        dis_rows = now_dis.nonzero()[0]
        rec["dissatisfied"][m] = len(dis_rows)
        # Competing risks: one departure draw, then one cause drawn in proportion to hazards.
        keep = self.keep_probability(m, tenure[:n], n, dis_rows)
        u = rng.random(n)
        churn = np.zeros(n + k, bool)
        np.greater_equal(u, keep, out=churn[:n])
        churn[forced] = True
        leavers = churn.nonzero()[0]
        causes = np.zeros(len(leavers), np.int8)
        if len(leavers):
            cum = np.cumsum(self.cause_hazards(m, leavers), axis=0)
            draw = rng.random(len(leavers)) * cum[-1]
            causes = np.minimum((draw[None, :] >= cum).sum(axis=0), 3).astype(np.int8)
            if len(forced):
                causes[np.isin(leavers, forced)] = 0
            pop["churn_month"][leavers] = m
            pop["churn_cause"][leavers] = causes
        rec["churned"][m] = len(leavers)
        for col, count in zip(L.CAUSE_COLUMNS, np.bincount(causes, minlength=4), strict=True):
            rec[col][m] = count
        # Purchases (orders: the rate rounded at random) of stayers and recruits; leavers
        # buy nothing. A stayer's u is uniform on [0, keep), so u / keep is a fresh uniform.
        rate = pop["order_rate"]
        counts = np.empty(n + k)
        with np.errstate(divide="ignore", invalid="ignore"):  # keep = 0: a certain leaver
            np.divide(u, keep, out=counts[:n])
        counts[n:] = rng.random(k)
        counts += rate
        np.floor(counts, out=counts)
        counts[leavers] = 0.0
        revenue = self.account(m, slice(0, n + k), counts, tenure, leavers)
        if k:
            self.campaign_revenue(m, channels, revenue[n:])
        if len(leavers):
            gone = pop["acquisition_month"][leavers] + self.acq_offset
            self.by_acq -= np.bincount(gone, minlength=len(self.by_acq))
        pop.remove(churn)
        rec["active"][m] = pop.n
        rec["loyalty_members"][m] = np.count_nonzero(pop["member"])
        rec["price_index"][m] = cal.price_index
        rec["competitor_price_index"][m] = cal.competitor_price_index
        rec["crisis"][m] = cal.crisis_active
        rec["retention_spend"][m] += cal.communication_cost

    def acquire(self, m: int, n_eff: float) -> np.ndarray:
        """Campaign responses and orders, then Bass adoption among the remaining prospects.

        Appends the new customers to the population and returns their channel codes.
        """
        rng, sc, rec = self.rng, self.sc, self.rec
        recruits = [0] * len(L.CHANNELS)
        for code, key in enumerate(L.CAMPAIGN_CHANNELS):
            contacts = min(self.cal.pending_contacts[key], self.prospects)
            self.cal.pending_contacts[key] = 0
            if contacts <= 0:
                continue
            ch = getattr(sc.acquisition, key)
            responses = int(rng.binomial(contacts, ch.response_rate))
            orders = int(rng.binomial(responses, ch.conversion_rate))
            self.prospects -= orders
            cost = contacts * ch.contact_cost_mad
            rec["acquisition_spend"][m] += cost
            rec[f"new_{key}"][m] = orders
            self.campaigns.append((m, code, contacts, responses, orders, cost, 0.0, 0.0))
            recruits[code] = orders
        mk = sc.market
        prob = min(mk.external_influence_p + mk.imitation_q * max(n_eff, 0.0) / mk.market_size, 1.0)
        adopters = int(rng.binomial(self.prospects, prob)) if self.prospects > 0 else 0
        external = int(rng.binomial(adopters, mk.external_influence_p / prob)) if adopters else 0
        self.prospects -= adopters
        rec["new_word_of_mouth"][m] = rec["word_of_mouth_recruits"][m] = adopters - external
        rec["new_external"][m] = external
        recruits[L.WORD_OF_MOUTH], recruits[L.EXTERNAL] = adopters - external, external
        channels = np.repeat(np.arange(len(L.CHANNELS), dtype=np.int8), recruits)
        rec["new_customers"][m] = len(channels)
        self.new_customers(m, channels)
        return channels

    def campaign_revenue(self, m: int, channels: np.ndarray, revenue: np.ndarray) -> None:
        """Record the first-month revenue and margin of this month's campaign recruits."""
        pi = self.cal.price_index
        margin = revenue * ((pi - (1.0 - self.sc.economics.gross_margin_rate)) / pi)
        by_rev = np.bincount(channels, weights=revenue, minlength=len(L.CHANNELS))
        by_mar = np.bincount(channels, weights=margin, minlength=len(L.CHANNELS))
        i = len(self.campaigns) - 1
        while i >= 0 and self.campaigns[i][0] == m:
            mm, c, ct, rs, od, cs, _, _ = self.campaigns[i]
            self.campaigns[i] = (mm, c, ct, rs, od, cs, float(by_rev[c]), float(by_mar[c]))
            i -= 1

    # ------------------------------------------------------------------ run
    def monthly_process(
        self, progress: Callable[[int], object] | None
    ) -> Generator[Any, Any, None]:
        """SimPy process: the population update in the middle of every month."""
        yield self.env.timeout(0.5)
        for m in range(self.months):
            self.step(m)
            if progress is not None:
                progress(m)
            yield self.env.timeout(1)

    def run(self, progress: Callable[[int], object] | None = None) -> None:
        mk = self.sc.market
        k0 = mk.initial_customers
        if k0:
            tenure0 = self.rng.integers(1, mk.initial_tenure_max_months + 1, k0)
            self.new_customers(0, np.full(k0, L.INITIAL, np.int8), tenure0)
        self.cal.start(self.enrol_all, self.survey)
        self.env.process(self.monthly_process(progress))
        self.env.run(until=self.months)
