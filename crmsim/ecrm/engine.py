"""The web audience as SimPy processes: one process per visitor, one event per visit.

The SimPy clock counts **days**. Each visitor's process sleeps until its next visit; a
visit (a session) is handled at once: its source (search keyword or not), its page views,
the product page, the checkout and its outcome, the triggers that fire, and whether the
visitor leaves the site for good. A customer-service call is a process of its own,
started by an aborted checkout and run ``call_delay_days`` later.

Randomness and common random numbers: every visit ``k`` of visitor ``v`` reads its own
fixed row of uniform numbers (``_Uniforms``), so switching a trigger on or off changes only
what the trigger touches; the rest of the audience draws exactly the same numbers. That
is what makes "same seed, trigger off" a fair comparison.

The engine logs into Python lists; :mod:`crmsim.ecrm.results` builds the DataFrames once.
"""

from __future__ import annotations

import math
from collections.abc import Generator
from typing import Any

import numpy as np
import simpy

from crmsim.ecrm.params import WebAudience

__all__ = ["AudienceEngine"]

Process = Generator[simpy.Event, Any, None]

#: Slots of a visit's row of uniforms.
(
    U_GAP,
    U_PAUSE,
    U_SEARCH,
    U_BROWSE,
    U_PRODUCT,
    U_CHECKOUT,
    U_COMPLETE,
    U_DEPART,
    U_RECOVER,
    U_RETURN,
    U_RETURN_DELAY,
) = range(11)
N_SLOTS = 11
BLOCK = 16  # visits per block of uniforms

#: Step of an action row: the trigger fires, or the e-mail's incentive is used.
FIRE, INCENTIVE = 0, 1


class _Uniforms:
    """Uniform numbers of visit ``k`` of visitor ``v``, drawn by blocks of 16 visits.

    Block ``b`` (visits 16 b .. 16 b + 15 of every visitor) comes from its own child of
    the run's seed sequence and is drawn the first time a visitor needs it, so the numbers
    of a visit never depend on the order in which visitors ask for them.
    """

    def __init__(self, seed: np.random.SeedSequence, visitors: int) -> None:
        self._seed = seed
        self._visitors = visitors
        self._blocks: dict[int, np.ndarray] = {}

    def rows(self, v: int, b: int) -> list[list[float]]:
        """The rows of visits ``16 b`` to ``16 b + 15`` of visitor ``v``."""
        block = self._blocks.get(b)
        if block is None:
            key = (*self._seed.spawn_key, b)
            ss = np.random.SeedSequence(self._seed.entropy, spawn_key=key)
            block = np.random.default_rng(ss).random((self._visitors, BLOCK, N_SLOTS))
            self._blocks[b] = block
        return block[v].tolist()


class AudienceEngine:
    """Run the audience of ``audience`` (a :class:`WebAudience`) seeded by ``seed``.

    Attributes filled by :meth:`run` (lists of tuples, one per row):

    sessions
        ``(session_id, visitor_id, visit_number, day, keyword, browse_pages, product_view,
        views_since_purchase, checkout_started, ordered, survey_shown, departed)``
    orders
        ``(visitor_id, session_id, day, amount, channel)``; ``channel`` 0 = web, 1 = phone
        (order saved by the customer-service call).
    actions
        ``(day, visitor_id, session_id, trigger index, step, cost)``.
    """

    def __init__(self, audience: WebAudience, seed: np.random.SeedSequence) -> None:
        self.a = audience
        # Children derived without spawn() (which counts its calls): the same seed
        # sequence always gives the same streams, however often it is reused.
        profile_seed, uniform_seed = (
            np.random.SeedSequence(seed.entropy, spawn_key=(*seed.spawn_key, i)) for i in (0, 1)
        )
        n = audience.visitors
        rng = np.random.default_rng(profile_seed)
        # Visiting rhythm: gamma-distributed rate (shape 2) around 1 / mean gap.
        self.rate = rng.gamma(2.0, 0.5 / audience.mean_days_between_visits, n)
        self.basket = audience.basket_mad * rng.lognormal(-0.045, 0.3, n)  # mean ~ basket
        self.first = rng.exponential(1.0, n) / self.rate
        self.hesitant = rng.random(n) < audience.hesitant_share
        self.u = _Uniforms(uniform_seed, n)
        self.env = simpy.Environment()
        self.sessions: list[tuple] = []
        self.orders: list[tuple] = []
        self.actions: list[tuple] = []
        self.departure_day = [math.nan] * n
        self.views = [0] * n  # product-page views since the last order, per visitor
        #: touched[i, v]: trigger i changed a decision of visitor v (row 4: the triggers
        #: together, compared with no trigger at all); costs aside, an untouched visitor
        #: lives the same life, with the same seed, without the trigger(s)
        self.touched = np.zeros((5, n), dtype=bool)

    def run(self, only: np.ndarray | None = None) -> AudienceEngine:
        """Start one process per visitor (or per visitor of ``only``) and run to the horizon.

        ``only`` restricts the run to some visitors: each visitor draws its own numbers, so
        their trajectories are the same as in a run of everyone.
        """
        env = self.env
        ids = range(self.a.visitors) if only is None else (int(v) for v in np.unique(only))
        for v in ids:
            if self.first[v] < self.a.days:
                env.process(self._visitor(v))
        env.run(until=self.a.days)
        return self

    def totals(self) -> dict[str, np.ndarray]:
        """Per-visitor totals of the run: orders, margin, cost, lapsed, touched.

        ``cost`` is a (4, visitors) array: cost of trigger ``i``'s actions for visitor ``v``.
        ``touched`` is a (5, visitors) boolean array: trigger ``i`` (row 4: all of them)
        changed one of visitor ``v``'s decisions (see the attribute).
        """
        n = self.a.visitors
        orders = np.zeros(n, dtype=np.int64)
        amount = np.zeros(n)
        if self.orders:
            ov = np.fromiter((o[0] for o in self.orders), np.int64, len(self.orders))
            orders = np.bincount(ov, minlength=n)
            amount = np.bincount(ov, [o[3] for o in self.orders], minlength=n)
        cost = np.zeros((4, n))
        if self.actions:
            m = len(self.actions)
            av = np.fromiter((x[1] for x in self.actions), np.int64, m)
            at = np.fromiter((x[3] for x in self.actions), np.int64, m)
            np.add.at(cost, (at, av), [x[5] for x in self.actions])
        return {
            "orders": orders,
            "margin": amount * self.a.margin_rate,
            "cost": cost,
            "lapsed": ~np.isnan(np.asarray(self.departure_day, dtype=float)),
            "touched": self.touched.copy(),
        }

    def _visitor(self, v: int) -> Process:
        """The visits of visitor ``v`` until the horizon or its departure."""
        a, env = self.a, self.env
        log_session, log_action, log_order = (
            self.sessions.append,
            self.actions.append,
            self.orders.append,
        )
        timeout, block_rows, touched = env.timeout, self.u.rows, self.touched
        rate, basket = float(self.rate[v]), float(self.basket[v])
        days, threshold, views = a.days, a.email_views_threshold, self.views
        search_share, view_p, browse_mean = (
            a.search_share,
            a.product_view_probability,
            a.mean_browse_pages,
        )
        hesitant = bool(self.hesitant[v])
        checkout_p = a.checkout_probability * (a.hesitant_checkout_factor if hesitant else 1.0)
        abandon_p = a.abandon_probability
        banner_on, email_on, call_on, survey_on = (
            a.banner,
            a.reminder_email,
            a.service_call,
            a.survey,
        )
        banner_boost = 1.0 + a.banner_uplift
        email_boost = 1.0 + a.email_uplift if hesitant else 1.0  # the decided buy anyway
        valid = a.incentive_valid_days
        regular, silence = a.regular_min_visits, a.silence_days
        abort_full = a.abandon_departure_extra
        abort_extra = abort_full * (1.0 - a.call_departure_reduction if call_on else 1.0)
        departure_p, call_recovery = a.departure_probability, a.call_recovery_probability
        pause_p, pause_mean, mean_gap = a.pause_probability, a.mean_pause_days, 1.0 / rate
        survey_cost, banner_cost, email_cost = (
            a.survey_cost_mad,
            a.banner_cost_mad,
            a.email_cost_mad,
        )
        incentive_cost, return_p = a.incentive_mad, a.email_return_probability
        sessions = self.sessions
        yield timeout(float(self.first[v]))
        k = 0  # visits made
        last = 0.0  # day of the previous visit
        paused = False  # hidden: the previous gap was a long pause (disengagement)
        pushed = False  # the previous visit sent the e-mail: its push acts at this visit
        voucher = -1.0  # last day the e-mail's incentive can be used
        rows: list[list[float]] = []
        while True:
            if k % BLOCK == 0:
                rows = block_rows(v, k // BLOCK)
            u = rows[k % BLOCK]
            now = env.now
            sid = len(sessions)
            # Trigger 4: a regular visitor back after a long silence gets the survey.
            survey = survey_on and k >= regular and now - last >= silence
            if survey:
                log_action((now, v, sid, 3, FIRE, survey_cost))
            # Trigger 1: a visit from a search keyword lands on the self-promotion banner.
            keyword = u[U_SEARCH] < search_share
            banner = banner_on and keyword
            if banner:
                log_action((now, v, sid, 0, FIRE, banner_cost))
            browse = int(-math.log(1.0 - u[U_BROWSE]) * browse_mean)
            viewed = u[U_PRODUCT] < view_p
            if pushed and not viewed:  # the e-mail's link leads to the product page
                viewed = True
                touched[1, v] = touched[4, v] = True
            started = ordered = False
            if viewed:
                views[v] += 1
                p = checkout_p * (email_boost if pushed else 1.0)
                x = u[U_CHECKOUT]
                started = x < (p * banner_boost if banner else p)
                if banner and started != (x < p):
                    touched[0, v] = True  # the banner changed the decision
                if pushed:  # the same product as a run without the e-mail computes
                    q = checkout_p * 1.0
                    if started != (x < (q * banner_boost if banner else q)):
                        touched[1, v] = True  # the e-mail's push changed the decision
                if started != (x < checkout_p):
                    touched[4, v] = True  # the decision without any trigger differs
                ordered = started and u[U_COMPLETE] >= abandon_p
            if ordered:
                log_order((v, sid, now, basket, 0))
                views[v] = 0
                if now <= voucher:
                    log_action((now, v, sid, 1, INCENTIVE, incentive_cost))
                    voucher = -1.0
            aborted = started and not ordered
            if aborted and call_on:
                if u[U_RECOVER] < call_recovery:
                    touched[2, v] = touched[4, v] = True  # the call saves the order
                env.process(self._call(v, sid, basket, u[U_RECOVER]))
            # Trigger 2: the N-th view of the product page without an order.
            email = email_on and viewed and not ordered and views[v] == threshold
            if email:
                log_action((now, v, sid, 1, FIRE, email_cost))
                voucher = now + valid
            # Does the visitor leave the site for good? (and would it without a trigger?)
            x = u[U_DEPART]
            if paused or aborted or email:
                risk = self._risk(paused, survey, aborted, abort_extra, email)
                departed = x < risk
                # the e-mail adds risk, the survey and the call remove some: compare each
                if departed != (x < self._risk(paused, False, aborted, abort_full, False)):
                    touched[4, v] = True
                if survey and departed != (
                    x < self._risk(paused, False, aborted, abort_extra, email)
                ):
                    touched[3, v] = touched[4, v] = True
                if (aborted and call_on) and departed != (
                    x < self._risk(paused, survey, aborted, abort_full, email)
                ):
                    touched[2, v] = touched[4, v] = True
                if email and departed != (
                    x < self._risk(paused, survey, aborted, abort_extra, False)
                ):
                    touched[1, v] = touched[4, v] = True
            else:
                departed = x < departure_p
            seen = views[v]
            log_session(
                (sid, v, k, now, keyword, browse, viewed, seen, started, ordered, survey, departed)
            )
            k += 1
            if departed:
                self.departure_day[v] = now
                return
            # Time to the next visit: usual rhythm, or a long pause.
            paused = u[U_PAUSE] < pause_p
            gap = -math.log(1.0 - u[U_GAP]) * (pause_mean if paused else mean_gap)
            pushed = email
            if email and u[U_RETURN] < return_p:
                back = 3.0 * u[U_RETURN_DELAY]
                if back < gap:
                    gap, paused = back, False
                    touched[1, v] = touched[4, v] = True  # the e-mail brings the visitor back
            last = now
            if now + gap >= days:
                return
            yield timeout(gap)

    def _risk(self, paused: bool, survey: bool, aborted: bool, abort: float, email: bool):
        """Probability of leaving after a visit, summed in one fixed order (so that the
        runs with and without a trigger compute bit-identical numbers)."""
        a = self.a
        risk = a.departure_probability
        if paused:
            extra = a.pause_departure_extra
            risk += extra * (1.0 - a.survey_departure_reduction) if survey else extra
        if aborted:
            risk += abort
        if email:
            risk += a.email_departure_extra
        return risk

    def _call(self, v: int, sid: int, basket: float, u_recover: float) -> Process:
        """Trigger 3: the customer-service call after an aborted checkout."""
        a = self.a
        yield self.env.timeout(a.call_delay_days)
        now = self.env.now
        self.actions.append((now, v, sid, 2, FIRE, a.call_cost_mad))
        if u_recover < a.call_recovery_probability:
            self.orders.append((v, sid, now, basket, 1))
            self.views[v] = 0
