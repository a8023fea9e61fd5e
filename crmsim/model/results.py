"""The result of a simulation: DataFrames with documented columns, each built on first access.

A :class:`SimulationResult` holds the run log, the scenario and the seed; each table is
built from them (by :mod:`crmsim.model.tables`) the first time it is read, then cached.
A what-if that reads only the ``monthly`` table never pays for the ``transactions``
table, and the tables are the same whatever order they are read in.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim import labels as L
from crmsim._validation import french_arguments
from crmsim.analysis.run_kpis import customer_equity, run_kpis
from crmsim.errors import DataError
from crmsim.model import accounts, tables, wallet
from crmsim.model.referrals import referrals_table
from crmsim.model.runlog import RunLog
from crmsim.scenario import Scenario

__all__ = ["COLUMNS", "SimulationResult"]

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
        "expected_clv": "expected future CLV m r / (1 + d - r) of an active customer (MAD; 0 if gone)",
        "monthly_churn_risk": "departure probability next month (missing if gone)",
        "satisfaction": "last satisfaction gap, experienced quality minus expectation (points)",
        "dissatisfied": "dissatisfied (negative gap) at the end or at departure (bool)",
        "complaints": "number of complaints",
        "loyalty_member": "member of the loyalty programme (bool)",
        "lines_held": "product lines of the firm held at the end or at departure (1 .. lines.lines_offered)",
        "equipment_rate": "equipment rate (taux d’équipement), lines_held / lines.lines_offered (0-1)",
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
    "wallet": {
        "customer_id": "customer identifier",
        "year": "year of the run (1 = months 0-11; the last year may be partial)",
        "months_active": "months of the year as a customer",
        "satisfaction": "satisfaction gap at the end of the year or at departure (points)",
        "tenure_months": "tenure at that time (months)",
        "lines_held": "product lines held at that time",
        "price_gap_pct": "how much dearer the firm is than its cheapest competitor then (%)",
        "share_of_wallet": "the firm's share of the customer's category purchases (TCC, 0-1)",
        "firm_sales_mad": "the firm's sales to the customer in the year (its revenue, MAD)",
        "competitor_sales_mad": "the competitors' sales to the customer while a customer (MAD)",
        "category_budget_mad": "firm_sales_mad + competitor_sales_mad (MAD)",
    },
    "supplier_sales": {
        "customer_id": "customer identifier; prospects (never customers) get ids after the last customer",
        "year": "year of the run (1 = months 0-11)",
        "supplier": "« Entreprise » or the name of a competitor (category)",
        "status": "« client », « client perdu » (left by the end of the year) or « prospect » (category)",
        "sales_mad": "the supplier's sales to the customer in the year (MAD, > 0; absent rows are 0)",
    },
    "accounts": {
        "customer_id": "account identifier (active customers at the end)",
        "revenue": "the firm's sales to the account in the last year of the run (MAD)",
        "attractivite_secteur": "sector attractiveness (note 1-5, from the sector)",
        "niveau_technologie": "technology level (note 1-5, around the sector's level)",
        "ca_client": "the account's category purchases, all suppliers (quintile note 1-5)",
        "frequence_achat_12m": "orders per year with the firm (quintile note 1-5)",
        "type_marche_derive": "type of derived market (note 1-5, from the sector)",
        "ventes_realisees": "the firm's sales to the account in the last year (quintile note 1-5)",
        "anciennete_portefeuille": "seniority in the portfolio (note 1-5 by tenure band)",
        "taux_equipement": "equipment rate, lines held / lines offered (note 1-5)",
        "capacite_production": "annual production capacity (quintile note 1-5)",
        "difficulte_conditions": "difficulty of commercial terms, 5 = easy (reversed quintile of price sensitivity)",
    },
    "referrals": {
        "month": "month of the recruitment",
        "customer_id": "the word-of-mouth recruit",
        "referrer_id": "the customer credited with the recruit (present at the start of the month)",
        "referrer_tenure_months": "the referrer's tenure that month (months)",
    },
}


def _columns_doc() -> str:
    lines = ["", "    Columns", "    -------"]
    for table, cols in COLUMNS.items():
        lines.append(f"    {table}")
        lines += [f"        - ``{c}``: {d}" for c, d in cols.items()]
    return "\n".join(lines) + "\n"


class SimulationResult:
    """Tables of one simulation run, with the scenario and the seed that produced them.

    Each table is built from the run log on first access and cached (see
    :mod:`crmsim.model.tables`).

    Attributes
    ----------
    scenario : Scenario
        The scenario simulated.
    seed : int or None
        Integer that reproduces the run with ``crmsim.simulate(scenario, seed=seed)``
        (``None`` when a Generator was given).
    log : RunLog
        What the run recorded (the only source of the tables).
    customers, transactions, monthly, campaigns, events, interactions : pandas.DataFrame
        The tables described below (``transactions`` is empty when not requested).
    wallet, supplier_sales, accounts : pandas.DataFrame
        Share of wallet by customer and year, sales of every supplier (the firm and its
        competitors) by customer and year, scoring notes of the accounts; built only when
        read, not part of :meth:`tables`.
    referrals : pandas.DataFrame
        One row per word-of-mouth recruit and the customer credited with them (only when
        the run was made with ``referrals=True``; empty otherwise); not part of :meth:`tables`.

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(seed=3, months=6)
    >>> list(res.monthly.columns[:4])
    ['month', 'date', 'active_start', 'active']
    >>> res.customer_story(0).startswith("Client n° 0")
    True
    """

    TABLES = ("customers", "transactions", "monthly", "campaigns", "events", "interactions")

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None,
        log: RunLog,
        transactions_state: dict | None = None,
    ):
        self.scenario = scenario
        self.seed = seed
        self.log = log
        # state of the transactions stream (derived from the seed), used only when the
        # transactions table is built: a fresh generator is made from it each time
        self._tx_state = transactions_state
        self._cache: dict[str, pd.DataFrame] = {}

    def _table(self, name: str) -> pd.DataFrame:
        table = self._cache.get(name)
        if table is None:
            table = self._cache[name] = self._build(name)
        return table

    def _build(self, name: str) -> pd.DataFrame:
        log, sc = self.log, self.scenario
        if name == "customers":
            return tables.customers(log, sc)
        if name == "monthly":
            return tables.monthly(log, sc, list(COLUMNS["monthly"]))
        if name == "transactions":
            return tables.transactions(log, sc, _generator(self._tx_state, self.seed))
        if name == "wallet":
            return wallet.wallet_table(log, sc)
        if name == "supplier_sales":
            return wallet.supplier_sales(log, sc)
        if name == "accounts":
            return accounts.accounts(log, sc, self.customers, self.wallet)
        if name == "referrals":
            return referrals_table(log)
        return getattr(tables, name)(log)

    @property
    def customers(self) -> pd.DataFrame:
        """One row per customer ever acquired."""
        return self._table("customers")

    @property
    def transactions(self) -> pd.DataFrame:
        """One row per order (empty when the run was asked for no transactions)."""
        return self._table("transactions")

    @property
    def monthly(self) -> pd.DataFrame:
        """One row per month."""
        return self._table("monthly")

    @property
    def campaigns(self) -> pd.DataFrame:
        """One row per campaign channel and month."""
        return self._table("campaigns")

    @property
    def events(self) -> pd.DataFrame:
        """One row per calendar event."""
        return self._table("events")

    @property
    def interactions(self) -> pd.DataFrame:
        """One row per customer interaction."""
        return self._table("interactions")

    @property
    def wallet(self) -> pd.DataFrame:
        """One row per customer and year: share of wallet, firm's and competitors' sales."""
        return self._table("wallet")

    @property
    def supplier_sales(self) -> pd.DataFrame:
        """Sales of every supplier to every customer and sampled prospect, by year."""
        return self._table("supplier_sales")

    @property
    def accounts(self) -> pd.DataFrame:
        """Scoring notes (1-5) of the accounts active at the end (B2B preset ``industriel``)."""
        return self._table("accounts")

    @property
    def referrals(self) -> pd.DataFrame:
        """Who recruited each word-of-mouth recruit (empty unless ``simulate(referrals=True)``)."""
        return self._table("referrals")

    def __repr__(self) -> str:
        from crmsim.formatting import format_number  # here: keeps the model's imports lean

        active = int(self.log.monthly["active"][-1]) if self.scenario.months else 0
        customers = self.log.population.n_total if self.log.population else 0
        return (
            f"<SimulationResult « {self.scenario.name} », {self.scenario.months} mois, "
            f"seed={self.seed} : {format_number(customers, 0)} clients dont "
            f"{format_number(active, 0)} actifs, "
            f"{format_number(tables.n_transactions(self.log), 0)} transactions>"
        )

    @property
    def customer_equity(self) -> float:
        """Customer equity at the end: the sum of the expected CLVs of active customers (MAD)."""
        return customer_equity(self.customers)

    @french_arguments
    def tables(self) -> dict[str, pd.DataFrame]:
        """The six tables by name."""
        return {name: getattr(self, name) for name in self.TABLES}

    @french_arguments
    def kpis(self) -> dict[str, float]:
        """Headline indicators of the run: :func:`crmsim.analysis.run_kpis.run_kpis`."""
        return run_kpis(self.monthly, self.customers, self.campaigns)

    @french_arguments
    def customer_story(self, customer_id: int) -> str:
        """The life of one customer told in French, from the logs of the run.

        Raises
        ------
        DataError
            If ``customer_id`` is not a customer of this run.
        """
        from crmsim.model.story import customer_story

        n = self.log.population.n_total if self.log.population else 0
        if not isinstance(customer_id, (int, np.integer)) or not 0 <= customer_id < n:
            raise DataError(
                f"customer_id doit être un identifiant entre 0 et {n - 1}, reçu {customer_id!r}."
            )
        return customer_story(self, int(customer_id))


SimulationResult.__doc__ = (SimulationResult.__doc__ or "") + _columns_doc()


def _generator(state: dict | None, seed: int | None) -> np.random.Generator:
    """A fresh generator for the transactions table: the run's second stream.

    ``state`` is the recorded state of that stream; without it, the stream is derived
    again from the integer ``seed`` (``SeedSequence(seed).spawn``, second child).
    """
    if state is None:
        if seed is None:
            raise DataError(
                "Impossible de construire la table des transactions : ni l’état du flux "
                "aléatoire ni la graine de la simulation ne sont connus."
            )
        return np.random.default_rng(np.random.SeedSequence(seed).spawn(2)[1])
    bit = getattr(np.random, state["bit_generator"])()
    bit.state = state
    return np.random.Generator(bit)
