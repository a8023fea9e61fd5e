"""The simulation engine: SimPy drives the calendar, NumPy updates the population.

Each month ``m`` (SimPy time ``m + 0.5``) the engine updates every active customer at
once: satisfaction (gap between experienced quality and expectation, incidents,
complaints), the four competing attrition hazards and one departure draw per customer,
purchases of those who stay, then acquisitions (campaigns, then word of mouth and
external influence in Bass form). Per-customer costs depend only on tenure and
membership, so they are summed in closed form at the end. See ``docs/model.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import numpy as np
import simpy

from crmsim.formatting import format_number, format_percent
from crmsim.model import labels as L
from crmsim.model.calendar import Calendar
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


class Engine:
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

    def _tables(self) -> None:
        """Functions of tenure (months) as lookup tables, plus their cumulative sums."""
        sc, lo = self.sc, self.sc.loyalty
        t = np.arange(sc.market.initial_tenure_max_months + self.months + 2, dtype=float)
        self.d = (1.0 + sc.economics.yearly_discount_rate) ** (1.0 / 12.0) - 1.0
        self.disc = (1.0 + self.d) ** -t
        self.spend_tab = 1.0 + lo.spend_growth_per_year * np.minimum(
            t / 12.0, lo.spend_growth_cap_years
        )
        factor = np.maximum(
            1.0 - lo.cost_to_serve_decline_per_year * t / 12.0, lo.cost_to_serve_floor
        )
        self.serve_tab = sc.economics.cost_to_serve_mad * factor
        self.damp_tab = 1.0 / (1.0 + t / lo.price_sensitivity_half_life_months)
        self.cum_serve = np.concatenate([[0.0], np.cumsum(self.serve_tab)])
        self.cum_serve_disc = np.concatenate([[0.0], np.cumsum(self.serve_tab * self.disc)])
        self.cum_disc = np.concatenate([[0.0], np.cumsum(self.disc)])

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
                "dissatisfied": (sat < 0) if tenure0 is not None else False,
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

    def refresh(self, rows: slice | np.ndarray) -> None:
        """Recompute the hazard factors of ``rows`` after a membership or complaint change."""
        if not isinstance(rows, slice) and not len(rows):
            return
        pop, lo = self.pop, self.sc.loyalty
        ctrl = (1.0 - lo.switching_cost_reduction) * (
            1.0 - lo.programme_hazard_reduction * pop["member"][rows]
        )
        mult = np.where(
            pop["unresolved"][rows], self.sc.satisfaction.unresolved_hazard_multiplier, 1.0
        )
        pop["ctrl"][rows] = ctrl
        pop["ins_factor"][rows] = self.sc.attrition.dissatisfaction_hazard_per_point * mult * ctrl
        pop["str_factor"][rows] = pop["price_sensitivity"][rows] * ctrl

    def charge(self, m: int, rows: np.ndarray, cost: float) -> None:
        """Charge a one-off retention cost (complaint, call-back) to some customers."""
        pop = self.pop
        tenure = m - pop["acquisition_month"][rows]
        pop["event_cost"][rows] += cost
        pop["event_cost_disc"][rows] += cost * self.disc[tenure]
        self.rec["retention_spend"][m] += cost * len(rows)

    def enrol_all(self) -> None:
        """Programme launch: each current customer joins with the enrolment probability."""
        pop = self.pop
        join = (self.rng.random(pop.n) < self.sc.loyalty.programme_enrolment) & ~pop["member"]
        pop["member"][join] = True
        pop["join_month"][join] = self.cal.month
        self.refresh(np.flatnonzero(join))
        self.log_interactions(self.cal.month, pop["customer_id"][join], L.JOINED)

    # ------------------------------------------------------------------ hazards
    def _gap_pct(self) -> float:
        """Price gap to the competitor (in %, 0 if we are cheaper) plus the offer gap."""
        cal = self.cal
        gap = 100.0 * max(cal.price_index / cal.competitor_price_index - 1.0, 0.0)
        return gap + self.sc.attrition.offer_gap_pct

    def _controllable(self) -> float | None:
        """Scalar multiplier of the controllable hazards, or None when it is per customer."""
        lo = self.sc.loyalty
        if self.cal.programme_active and lo.programme_hazard_reduction > 0:
            return None
        return 1.0 - lo.switching_cost_reduction

    def cause_hazards(self, month: int, rows: np.ndarray) -> np.ndarray:
        """Monthly hazard of each cause (rows: order of ``labels.CAUSES``) for some customers.

        insatisfaction: ``per_point x max(-satisfaction, 0)`` (x the multiplier after an
        unsolved complaint); structurelle: ``per_gap_point x gap% x price sensitivity /
        (1 + tenure / half-life)``; conjoncturelle: the crisis hazard; anecdotique: the
        customer's propensity. The first three are multiplied by the switching-cost and
        programme reductions (folded into ``ins_factor``, ``str_factor`` and ``ctrl``).
        """
        cols, att = self.pop.cols, self.sc.attrition
        out = np.zeros((4, len(rows)))
        out[0] = np.maximum(-cols["satisfaction"][rows], 0.0) * cols["ins_factor"][rows]
        base = att.structural_hazard_per_gap_point * self._gap_pct()
        if base > 0:
            tenure = month - cols["acquisition_month"][rows]
            out[1] = base * self.damp_tab[tenure] * cols["str_factor"][rows]
        if self.cal.crisis_hazard > 0:
            ctrl = self._controllable()
            out[2] = self.cal.crisis_hazard * (cols["ctrl"][rows] if ctrl is None else ctrl)
        np.minimum(out, 1.0, out=out)
        out[3] = cols["churn_propensity"][rows]
        return out

    def keep_probability(
        self, month: int, tenure: np.ndarray, n: int, dis_rows: np.ndarray
    ) -> np.ndarray:
        """Probability of staying, ``prod_k (1 - h_k)``, for rows ``0 .. n-1``.

        Computed in place with as few passes as possible; only the dissatisfied rows
        (``dis_rows``) have a dissatisfaction hazard.
        """
        cols = self.pop.cols
        keep_anec = cols["keep_anecdotal"][:n]
        base = self.sc.attrition.structural_hazard_per_gap_point * self._gap_pct()
        if base > 0:
            if self._neg_damp[0] != base:
                self._neg_damp = (base, -base * self.damp_tab)
            keep = self._neg_damp[1][tenure]  # -h_str / price sensitivity
            keep *= cols["str_factor"][:n]
            keep += 1.0
            if base * self.max_str_factor > 1.0:  # some hazard may exceed 1
                np.maximum(keep, 0.0, out=keep)
            keep *= keep_anec
        else:
            keep = keep_anec.copy()
        if self.cal.crisis_hazard > 0:
            ctrl = self._controllable()
            h = self.cal.crisis_hazard * (cols["ctrl"][:n] if ctrl is None else ctrl)
            keep *= 1.0 - np.minimum(h, 1.0)
        if len(dis_rows) and self.sc.attrition.dissatisfaction_hazard_per_point > 0:
            h = -cols["satisfaction"][dis_rows]
            h *= cols["ins_factor"][dis_rows]
            np.clip(h, 0.0, 1.0, out=h)
            keep[dis_rows] *= 1.0 - h
        return keep

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

    def incidents(self, n: int) -> np.ndarray:
        """Rows hit by a service incident this month, each with the incident probability.

        Draws a Poisson number of hits with mean ``-n ln(1 - p)`` at uniform positions:
        a row is hit at least once with probability exactly ``p``, independently of the
        others, at a cost proportional to the number of incidents rather than to ``n``.
        """
        p = self.sc.satisfaction.incident_monthly_rate
        if p <= 0 or n == 0:
            return np.zeros(0, np.int64)
        if p >= 1:
            return np.arange(n)
        hits = np.sort(self.rng.integers(0, n, self.rng.poisson(-n * np.log1p(-p))))
        first = np.ones(len(hits), bool)  # drop repeated positions (faster than np.unique)
        np.not_equal(hits[1:], hits[:-1], out=first[1:])
        return hits[first]

    def complaints(self, m: int, newly: np.ndarray, now_dis: np.ndarray) -> np.ndarray:
        """Complaints of newly dissatisfied customers; returns rows forced out (not recovered)."""
        pop, sa, rng = self.pop, self.sc.satisfaction, self.rng
        complainers = newly[rng.random(len(newly)) < sa.complaint_rate]
        self.rec["complaints"][m] = len(complainers)
        if not len(complainers):
            return complainers
        pop["complaints"][complainers] += 1
        solved = rng.random(len(complainers)) < sa.resolution_rate
        fixed, open_ = complainers[solved], complainers[~solved]
        stays = rng.random(len(fixed)) < sa.recovery_stay_rate
        forced, fixed = fixed[~stays], fixed[stays]
        pop["satisfaction"][fixed] = sa.recovery_boost
        now_dis[fixed] = False
        pop["recovered"][fixed] = True
        pop["unresolved"][open_] = True
        self.refresh(open_)
        self.charge(m, complainers, sa.complaint_cost_mad)
        ids = pop["customer_id"]
        self.log_interactions(m, ids[complainers[solved]], L.RESOLVED)
        self.log_interactions(m, ids[open_], L.UNRESOLVED)
        self.rec["complaints_resolved"][m] = len(fixed) + len(forced)
        return forced

    def account(
        self,
        m: int,
        sl: slice,
        counts: np.ndarray,
        tenure: np.ndarray,
        leavers: np.ndarray | None = None,
    ) -> np.ndarray:
        """Revenue and margin of month ``m`` for the rows ``sl``; monthly cost totals.

        ``leavers`` (row positions within ``sl``) left at the start of the month: they
        buy nothing and cost nothing. Returns the revenue of the rows. Gross margin is
        ``revenue - (1 - gross_margin_rate) x volume`` (volume: value at list price).
        """
        pop, lo, cal, rec = self.pop, self.sc.loyalty, self.cal, self.rec
        if leavers is None:
            leavers = np.zeros(0, np.int64)
        cols = pop.cols
        value = counts * cols["basket"][sl]  # list-price value of the orders
        value *= self.spend_tab[tenure]
        revenue = value * cal.price_index if cal.price_index != 1.0 else value
        cols["revenue"][sl] += revenue
        cols["volume"][sl] += value
        unit_margin = cal.price_index - (1.0 - self.sc.economics.gross_margin_rate)
        discounted = value * self.disc[tenure]
        discounted *= unit_margin
        cols["margin_disc"][sl] += discounted
        cols["n_orders"][sl] += counts
        bought = counts > 0
        np.copyto(cols["last_purchase_month"][sl], m, where=bought)
        # cost to serve of everybody present (histogram by acquisition month), minus leavers
        top = m + self.acq_offset
        serve_total = float(self.by_acq[: top + 1] @ self.serve_tab[top::-1])
        serve_total -= float(self.serve_tab[tenure[leavers]].sum())
        n_pay = len(counts) - len(leavers)
        retention = lo.retention_cost_per_customer_mad * n_pay
        if cal.programme_active:
            member = cols["member"][sl]
            members = np.count_nonzero(member) - np.count_nonzero(member[leavers])
            retention += lo.programme_cost_per_member_mad * members
        total = float(value.sum())
        rec["revenue"][m] += total * cal.price_index
        rec["gross_margin"][m] += total * unit_margin
        rec["cost_to_serve"][m] += serve_total
        rec["retention_spend"][m] += retention
        if self.keep_tx:
            rows = bought.nonzero()[0]
            ids, strat = cols["customer_id"][sl], cols["strategic_share"][sl]
            self.tx.append(
                (m, ids[rows], counts[rows].astype(np.int64), revenue[rows], strat[rows])
            )
        return revenue

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

    # ------------------------------------------------------------------ surveys
    def survey(self, m: int) -> None:
        """Satisfaction survey on a random sample; optional call-back of at-risk customers."""
        pop, sa, rng = self.pop, self.sc.satisfaction, self.rng_survey
        k = min(sa.survey_sample_size, pop.n)
        if k == 0:
            return
        idx = np.sort(rng.choice(pop.n, k, replace=False))
        sat = pop["satisfaction"][idx]
        perceived = np.clip(pop["expectation"][idx] + sat, 0, 10).mean()
        share = float(np.mean(sat < 0))
        self.cal.log(
            "satisfaction_survey",
            f"Enquête de satisfaction : {k} répondants, qualité perçue moyenne "
            f"{format_number(perceived, 1)}/10, {format_percent(share, 1)} de mécontents.",
            share,
        )
        if not sa.survey_callback:
            return
        at_risk = idx[sat < 0]
        ok = at_risk[rng.random(len(at_risk)) < sa.callback_success_rate]
        pop["satisfaction"][ok] = sa.recovery_boost
        pop["dissatisfied"][ok] = False
        pop["unresolved"][ok] = False
        self.refresh(ok)
        self.charge(m, at_risk, sa.callback_cost_mad)
        self.log_interactions(m, pop["customer_id"][at_risk], L.CALLBACK)

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

    # ------------------------------------------------------------------ end of run
    def forecast(self) -> tuple[np.ndarray, np.ndarray]:
        """Expected CLV and next-month departure probability of the active customers."""
        pop, ec, lo, cal = self.pop, self.sc.economics, self.sc.loyalty, self.cal
        n = pop.n
        tenure = self.months - pop["acquisition_month"]
        keep = self.keep_probability(self.months, tenure, n, (pop["satisfaction"] < 0).nonzero()[0])
        value = pop["order_rate"] * pop["basket"] * self.spend_tab[tenure]
        margin = value * (cal.price_index - (1.0 - ec.gross_margin_rate))
        retention = lo.retention_cost_per_customer_mad + (
            lo.programme_cost_per_member_mad * pop["member"] if cal.programme_active else 0.0
        )
        contribution = margin - self.serve_tab[tenure] - retention
        with np.errstate(divide="ignore", invalid="ignore"):
            clv = contribution * keep / (1.0 + self.d - keep)
        return clv, 1.0 - keep

    def costs(self, data: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Per-customer cost to serve, retention cost and realised CLV in closed form.

        Each customer pays the cost to serve of their tenure and the retention budget in
        every month they are active (from ``max(acquisition, 0)`` to departure or end).
        """
        lo = self.sc.loyalty
        acq = data["acquisition_month"]
        end = np.where(data["churn_month"] >= 0, data["churn_month"], self.months)
        t0 = np.maximum(acq, 0) - acq
        t1 = end - acq
        serve = self.cum_serve[t1] - self.cum_serve[t0]
        serve_disc = self.cum_serve_disc[t1] - self.cum_serve_disc[t0]
        base = lo.retention_cost_per_customer_mad
        retention = base * (t1 - t0) + data["event_cost"]
        retention_disc = base * (self.cum_disc[t1] - self.cum_disc[t0]) + data["event_cost_disc"]
        joined = data["join_month"] >= 0
        if joined.any():
            tj = np.where(joined, data["join_month"] - acq, t1)
            prog = lo.programme_cost_per_member_mad
            retention = retention + prog * (t1 - tj)
            retention_disc = retention_disc + prog * (self.cum_disc[t1] - self.cum_disc[tj])
        return {
            "cost_to_serve": serve,
            "retention_cost": retention,
            "realised_clv": data["margin_disc"] - serve_disc - retention_disc,
        }
