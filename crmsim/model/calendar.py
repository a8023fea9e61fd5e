"""Calendar events as SimPy processes.

Time is the SimPy clock in months. Calendar events (campaign sends, a crisis, the
competitor's price cut, the firm's alignment, the loyalty programme launch) happen at the
start of month ``m`` (time ``m``); the population is updated in the middle of the month
(time ``m + 0.5``) by the engine's monthly process; satisfaction surveys run after it
(time ``m + 0.75``). Processes only change the :class:`Calendar` state that the monthly
update reads, and record what they do in the run log (identifiers and figures; the
French description is written when the events table is built).
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import simpy

from crmsim.labels import CAMPAIGN_CHANNELS
from crmsim.model.runlog import RunLog
from crmsim.scenario import Scenario

__all__ = ["Calendar"]

Process = Generator[simpy.Event, Any, None]


class Calendar:
    """Shared calendar state written by the event processes and read each month.

    Attributes
    ----------
    price_index, competitor_price_index : float
        Price levels of the firm and of the competitor (1 = initial price).
    crisis_hazard : float
        Extra monthly departure probability of the ongoing crisis (0 outside a crisis),
        already dampened by crisis communication.
    quality_drop : float
        Points of perceived quality lost during a crisis.
    communication_cost : float
        Crisis communication spending of the current month (MAD).
    programme_active : bool
        Whether the loyalty programme runs.
    pending_contacts : dict
        Contacts to send this month, per campaign channel.
    """

    def __init__(self, env: simpy.Environment, scenario: Scenario, log: RunLog) -> None:
        self.env = env
        self.run_log = log
        self.sc = scenario
        self.price_index = 1.0
        self.competitor_price_index = 1.0
        self.crisis_active = False
        self.crisis_hazard = 0.0
        self.quality_drop = 0.0
        self.communication_cost = 0.0
        self.programme_active = scenario.events.programme_launch_month == 0
        self.pending_contacts = dict.fromkeys(CAMPAIGN_CHANNELS, 0)

    @property
    def month(self) -> int:
        """Current month (integer part of the clock)."""
        return int(self.env.now)

    def log(self, event: str, value: float = float("nan"), **details: Any) -> None:
        """Record a calendar event of the current month in the run log."""
        self.run_log.event(self.month, event, value, **details)

    # ------------------------------------------------------------------ processes
    def start(self, on_programme: Callable[[], None], on_survey: Callable[[int], None]) -> None:
        """Register every process of the scenario in the environment."""
        ev, env = self.sc.events, self.env
        if any(getattr(self.sc.acquisition, k).contacts_per_month > 0 for k in CAMPAIGN_CHANNELS):
            env.process(self.campaigns())
        if ev.crisis_month is not None:
            env.process(self.crisis())
        if ev.competitor_price_cut_month is not None:
            env.process(self.competitor_price_cut())
        if ev.firm_alignment_month is not None:
            env.process(self.price_alignment())
        if ev.programme_launch_month is not None:
            env.process(self.loyalty_programme(on_programme))
        if self.sc.satisfaction.survey_every_months > 0:
            env.process(self.surveys(on_survey))

    def campaigns(self) -> Process:
        """Every channel sends its contacts at the start of every month."""
        plan = {k: getattr(self.sc.acquisition, k).contacts_per_month for k in CAMPAIGN_CHANNELS}
        while True:
            for key, contacts in plan.items():
                self.pending_contacts[key] += contacts
            yield self.env.timeout(1)

    def crisis(self) -> Process:
        """A temporary crisis: extra hazard and lower perceived quality for a while."""
        ev = self.sc.events
        yield self.env.timeout(ev.crisis_month)
        damp = ev.communication_damping if ev.crisis_communication else 0.0
        self.crisis_active = True
        self.crisis_hazard = ev.crisis_extra_hazard * (1.0 - damp)
        self.quality_drop = ev.crisis_quality_drop
        self.communication_cost = ev.communication_cost_mad if ev.crisis_communication else 0.0
        self.log(
            "crisis_start",
            self.crisis_hazard,
            duration=ev.crisis_duration_months,
            communication=ev.crisis_communication,
        )
        yield self.env.timeout(ev.crisis_duration_months)
        self.crisis_active = False
        self.crisis_hazard = self.quality_drop = self.communication_cost = 0.0
        self.log("crisis_end", 0.0)

    def competitor_price_cut(self) -> Process:
        """The competitor lowers its prices once; the gap lasts until the firm aligns."""
        ev = self.sc.events
        yield self.env.timeout(ev.competitor_price_cut_month)
        self.competitor_price_index *= 1.0 - ev.competitor_price_cut
        self.log("competitor_price_cut", self.competitor_price_index, cut=ev.competitor_price_cut)

    def price_alignment(self) -> Process:
        """The firm aligns its prices on the competitor (removing the structural cause)."""
        yield self.env.timeout(self.sc.events.firm_alignment_month)
        cut = 0.0
        if self.price_index > self.competitor_price_index:
            cut = 1.0 - self.competitor_price_index / self.price_index
            self.price_index = self.competitor_price_index
        self.log("price_alignment", self.price_index, cut=cut)

    def loyalty_programme(self, on_launch: Callable[[], None]) -> Process:
        """Launch the loyalty programme: current customers are offered membership."""
        yield self.env.timeout(self.sc.events.programme_launch_month)
        self.programme_active = True
        on_launch()
        self.log("loyalty_programme_launch", 1.0)

    def surveys(self, on_survey: Callable[[int], None]) -> Process:
        """A satisfaction survey after the update of every k-th month."""
        every = self.sc.satisfaction.survey_every_months
        yield self.env.timeout(every - 0.25)
        while True:
            on_survey(self.month)
            yield self.env.timeout(every)
