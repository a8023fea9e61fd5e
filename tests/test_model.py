"""Tests of crmsim.model: schemas, reproducibility, accounting identities, calendar events."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim as cs
from crmsim.errors import DataError, ScenarioError
from crmsim.formatting import format_number
from crmsim.labels import (
    CAUSE_COLUMNS,
    CAUSES,
    CHANNEL_LABELS,
    CHANNELS,
    INTERACTIONS,
    PRODUCT_TYPES,
)
from crmsim.model import COLUMNS, SimulationResult

SMALL = cs.Scenario(months=24).replace(
    **{"market.market_size": 40_000, "market.initial_customers": 2_000},
    **{f"acquisition.{c}.contacts_per_month": n for c, n in [("mailing", 600), ("email", 4000)]},
)


@pytest.fixture(scope="module")
def res() -> SimulationResult:
    return cs.simulate(seed=7)


@pytest.fixture(scope="module")
def crisis() -> SimulationResult:
    return cs.simulate("crise", seed=3, transactions=False)


# ---------------------------------------------------------------------- schema
@pytest.mark.parametrize("table", list(COLUMNS))
def test_schema_matches_documentation(res, table):
    frame = getattr(res, table)
    assert list(frame.columns) == list(COLUMNS[table])
    doc = SimulationResult.__doc__
    assert "Columns\n    -------" in doc
    section = doc.split("Columns\n    -------", 1)[1]
    for col in COLUMNS[table]:
        assert f"``{col}``" in section


def test_dtypes(res):
    c, t, m = res.customers, res.transactions, res.monthly
    assert list(c["churn_cause"].cat.categories) == list(CAUSES)
    assert list(c["channel"].cat.categories) == list(CHANNEL_LABELS)
    assert list(t["product_type"].cat.categories) == list(PRODUCT_TYPES)
    assert str(c["churn_month"].dtype) == "Int64"
    assert c["customer_id"].is_unique and c["customer_id"].is_monotonic_increasing
    assert (c["customer_id"].to_numpy() == np.arange(len(c))).all()
    assert pd.api.types.is_datetime64_any_dtype(t["date"])
    assert pd.api.types.is_datetime64_any_dtype(m["date"])
    assert m["crisis"].dtype == bool
    for col in ["active", "churned", "new_customers", "complaints", *CAUSE_COLUMNS]:
        assert pd.api.types.is_integer_dtype(m[col]), col


# ---------------------------------------------------------------------- randomness
def test_same_seed_identical_frames():
    a, b = cs.simulate(SMALL, seed=11), cs.simulate(SMALL, seed=11)
    for name in SimulationResult.TABLES:
        pdt.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.seed == 11


def test_different_seeds_differ():
    a, b = cs.simulate(SMALL, seed=1), cs.simulate(SMALL, seed=2)
    assert not a.customers["basket_mad"].equals(b.customers["basket_mad"])
    assert not a.monthly["churned"].equals(b.monthly["churned"])


def test_seed_none_is_recorded_and_reproducible():
    a = cs.simulate(SMALL, seed=None, transactions=False)
    assert isinstance(a.seed, int)
    b = cs.simulate(SMALL, seed=a.seed, transactions=False)
    pdt.assert_frame_equal(a.customers, b.customers)


def test_generator_and_seed_sequence():
    a = cs.simulate(SMALL, seed=np.random.default_rng(5), transactions=False)
    b = cs.simulate(SMALL, seed=np.random.default_rng(5), transactions=False)
    pdt.assert_frame_equal(a.monthly, b.monthly)
    assert a.seed is None
    c = cs.simulate(SMALL, seed=np.random.SeedSequence(5), transactions=False)
    d = cs.simulate(SMALL, seed=5, transactions=False)
    pdt.assert_frame_equal(c.customers, d.customers)


def test_global_rng_untouched():
    legacy = np.random  # the legacy global generator must not move
    state = legacy.get_state()[1].copy()
    cs.simulate(SMALL, seed=1, transactions=False)
    assert (legacy.get_state()[1] == state).all()


def test_transactions_flag_changes_nothing_else():
    a = cs.simulate(SMALL, seed=4, transactions=True)
    b = cs.simulate(SMALL, seed=4, transactions=False)
    assert len(a.transactions) > 0 and len(b.transactions) == 0
    assert list(b.transactions.columns) == list(COLUMNS["transactions"])
    for name in ("customers", "monthly", "campaigns", "events", "interactions"):
        pdt.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_tables_built_on_first_access_in_any_order():
    a = cs.simulate(SMALL, seed=6)
    b = cs.simulate(SMALL, seed=6)
    assert a._cache == {}  # nothing is built by the run itself
    a.monthly  # noqa: B018 - a what-if reads only the monthly table
    assert set(a._cache) == {"monthly"}
    assert a.monthly is a.monthly  # cached
    order_a = ["transactions", "customers", "events", "interactions", "campaigns", "monthly"]
    for name in order_a:
        getattr(a, name)
    for name in reversed(order_a):
        getattr(b, name)
    for name in order_a:
        pdt.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert f"{format_number(len(a.transactions), 0)} transactions" in repr(b)


def test_result_rebuilt_from_log_scenario_and_seed_alone():
    r = cs.simulate(SMALL, seed=8, months=6)
    again = SimulationResult(r.scenario, r.seed, r.log)  # no recorded stream: from the seed
    for name in SimulationResult.TABLES:
        pdt.assert_frame_equal(getattr(r, name), getattr(again, name))


def test_run_log_holds_codes_and_tables_attach_french():
    r = cs.simulate("crise", seed=2, months=30)
    for _month, event, _value, details in r.log.events:
        assert isinstance(event, str) and event.isascii() and " " not in event
        assert all(not isinstance(v, str) for v in details.values())
    start = r.events.set_index("event").loc["crisis_start", "description"]
    assert start.startswith("Début de crise (3 mois, sans communication)")
    kinds = {kind for _, _, kind in r.log.interactions}
    assert kinds <= set(range(len(INTERACTIONS))) and all(isinstance(k, int) for k in kinds)


def test_causes_and_cause_columns_defined_once():
    root = Path(cs.__file__).resolve().parent
    pattern = re.compile(r"^(CAUSES|CAUSE_COLUMNS)\s*(:[^=]*)?=", re.MULTILINE)
    owners = sorted(
        str(f.relative_to(root)) for f in root.rglob("*.py") if pattern.search(f.read_text("utf-8"))
    )
    assert owners == ["labels.py"]


@pytest.mark.parametrize("seed", [-1, 1.5, "1", True])
def test_bad_seed(seed):
    with pytest.raises(ScenarioError, match="seed"):
        cs.simulate(SMALL, seed=seed)


def test_bad_scenario():
    with pytest.raises(ScenarioError, match="Scenario"):
        cs.simulate({"months": 3})  # type: ignore[arg-type]
    with pytest.raises(ScenarioError, match="Préréglage inconnu"):
        cs.simulate("cour")


# ---------------------------------------------------------------------- accounting
def _check_identities(r: SimulationResult) -> None:
    c, m, ca, t = r.customers, r.monthly, r.campaigns, r.transactions
    assert len(m) == r.scenario.months
    # flows of customers
    assert (m["active"] == m["active_start"] - m["churned"] + m["new_customers"]).all()
    assert (m["active_start"].iloc[1:].to_numpy() == m["active"].iloc[:-1].to_numpy()).all()
    assert m["active_start"].iloc[0] == r.scenario.market.initial_customers
    assert m["active"].iloc[-1] == c["active"].sum()
    assert (m[list(CAUSE_COLUMNS)].sum(axis=1) == m["churned"]).all()
    new_cols = [f"new_{k}" for k in CHANNELS[:-1]]
    assert (m[new_cols].sum(axis=1) == m["new_customers"]).all()
    assert m["churned"].sum() == (~c["active"]).sum()
    assert m["new_customers"].sum() == len(c) - r.scenario.market.initial_customers
    expected_rate = (m["churned"] / m["active_start"].where(m["active_start"] > 0)).rename(
        "churn_rate"
    )
    pdt.assert_series_equal(m["churn_rate"], expected_rate)
    # exactly one cause per leaver, none for active customers
    assert c.loc[~c["active"], "churn_cause"].notna().all()
    assert c.loc[c["active"], "churn_cause"].isna().all()
    assert c.loc[c["active"], "churn_month"].isna().all()
    counts = c["churn_cause"].value_counts()
    for cause, col in zip(CAUSES, CAUSE_COLUMNS, strict=True):
        assert counts[cause] == m[col].sum()
    assert (c["tenure_months"] >= 0).all()
    # money
    np.testing.assert_allclose(c["revenue"].sum(), m["revenue"].sum(), rtol=1e-9)
    np.testing.assert_allclose(c["gross_margin"].sum(), m["gross_margin"].sum(), rtol=1e-9)
    np.testing.assert_allclose(c["cost_to_serve"].sum(), m["cost_to_serve"].sum(), rtol=1e-9)
    comm = r.scenario.events.communication_cost_mad * (
        m["crisis"] & r.scenario.events.crisis_communication
    )
    np.testing.assert_allclose(
        c["retention_cost"].sum() + comm.sum(), m["retention_spend"].sum(), rtol=1e-9
    )
    np.testing.assert_allclose(ca["cost"].sum(), m["acquisition_spend"].sum(), rtol=1e-12)
    profit = m["gross_margin"] - m["acquisition_spend"] - m["retention_spend"] - m["cost_to_serve"]
    np.testing.assert_allclose(m["profit"], profit)
    assert (ca["orders"] <= ca["responses"]).all() and (ca["responses"] <= ca["messages"]).all()
    by_channel = c[c["acquisition_month"] >= 0].groupby("channel", observed=False).size()
    for code, key in enumerate(CHANNELS[:-1]):
        assert by_channel[CHANNEL_LABELS[code]] == m[f"new_{key}"].sum()
    if len(t):
        per_customer = t.groupby("customer_id")["amount"].sum()
        np.testing.assert_allclose(per_customer, c.loc[per_customer.index, "revenue"], rtol=1e-9)
        assert (c.loc[c["revenue"] > 0, "customer_id"].isin(per_customer.index)).all()
        n_orders = t.groupby("customer_id").size()
        assert (n_orders == c.loc[n_orders.index, "n_orders"]).all()
        assert (
            t["date"].dt.to_period("M") == m["date"].dt.to_period("M").to_numpy()[t["month"]]
        ).all()
        last = t.groupby("customer_id")["month"].max()
        assert (last == c.loc[last.index, "last_purchase_month"]).all()


def test_identities_cours(res):
    _check_identities(res)


def test_identities_crisis(crisis):
    _check_identities(crisis)


@pytest.mark.parametrize(
    "name", ["guerre_des_prix", "programme_fidelite", "ecoute_client", "lancement"]
)
def test_identities_presets(name):
    _check_identities(cs.simulate(cs.preset(name).replace(months=36), seed=2))


def test_realised_clv_without_discounting_is_contribution():
    r = cs.simulate(
        SMALL.replace(**{"economics.yearly_discount_rate": 0.0}), seed=3, transactions=False
    )
    c = r.customers
    contribution = c["gross_margin"] - c["cost_to_serve"] - c["retention_cost"]
    np.testing.assert_allclose(c["realised_clv"], contribution, atol=1e-6)


@settings(max_examples=12, deadline=None)
@given(
    q=st.floats(0, 0.5),
    rate=st.floats(0, 0.2),
    quality=st.floats(3, 10),
    complaint=st.floats(0, 1),
    crisis=st.one_of(st.none(), st.integers(0, 11)),
    seed=st.integers(0, 2**32 - 1),
)
def test_identities_hold_for_random_scenarios(q, rate, quality, complaint, crisis, seed):
    sc = SMALL.replace(
        months=12,
        **{
            "market.initial_customers": 300,
            "market.market_size": 5_000,
            "market.imitation_q": q,
            "attrition.anecdotal_monthly_rate": rate,
            "satisfaction.service_quality": quality,
            "satisfaction.complaint_rate": complaint,
            "events.crisis_month": crisis,
            "satisfaction.survey_callback": True,
            "satisfaction.survey_every_months": 2,
        },
    )
    _check_identities(cs.simulate(sc, seed=seed))


# ---------------------------------------------------------------------- calendar (SimPy)
def test_crisis_events_and_spike(crisis):
    ev = crisis.events.set_index("event")
    assert ev.loc["crisis_start", "month"] == 24
    assert ev.loc["crisis_end", "month"] == 27
    m = crisis.monthly
    assert m.loc[m["crisis"], "month"].tolist() == [24, 25, 26]
    during = m.loc[24:26, "churned_circumstantial"]
    assert (during > 0).all() and m.loc[~m["crisis"], "churned_circumstantial"].sum() == 0
    assert m.loc[24:26, "churn_rate"].mean() > 3 * m.loc[12:23, "churn_rate"].mean()


def test_crisis_communication_dampens():
    loud = cs.simulate(cs.preset("crise").replace(**{"events.crisis_communication": True}), seed=3)
    silent = cs.simulate("crise", seed=3)
    assert (
        loud.monthly["churned_circumstantial"].sum()
        < 0.7 * silent.monthly["churned_circumstantial"].sum()
    )
    assert loud.monthly["retention_spend"].sum() > silent.monthly["retention_spend"].sum()


def test_price_war_structural_churn_until_alignment():
    r = cs.simulate("guerre_des_prix", seed=5, transactions=False)
    m = r.monthly
    assert m.loc[m["month"] < 12, "competitor_price_index"].eq(1).all()
    assert m.loc[m["month"] >= 12, "competitor_price_index"].eq(0.85).all()
    assert m.loc[m["month"] < 30, "price_index"].eq(1).all()
    assert m.loc[m["month"] >= 30, "price_index"].eq(0.85).all()
    war = m.loc[12:29, "churned_structural"].mean()
    before, after = m.loc[:11, "churned_structural"].mean(), m.loc[30:, "churned_structural"].mean()
    assert war > 4 * before and war > 4 * after
    events = r.events["event"].tolist()
    assert "competitor_price_cut" in events and "price_alignment" in events


def test_loyalty_programme_launch_and_effect():
    prog = cs.simulate("programme_fidelite", seed=8, transactions=False)
    calm = cs.simulate("calme", seed=8, transactions=False)
    m = prog.monthly
    assert (m.loc[:11, "loyalty_members"] == 0).all() and (m.loc[12:, "loyalty_members"] > 0).all()
    share = m.loc[12, "loyalty_members"] / m.loc[12, "active"]
    assert 0.5 < share < 0.7
    assert prog.monthly.loc[24:, "churn_rate"].mean() < calm.monthly.loc[24:, "churn_rate"].mean()
    assert (
        prog.monthly.loc[24:, "retention_spend"].sum()
        > calm.monthly.loc[24:, "retention_spend"].sum()
    )
    joined = prog.interactions[prog.interactions["kind"] == "adhésion au programme"]
    assert joined["month"].min() == 12
    assert len(joined) == prog.customers["loyalty_member"].sum()


def test_surveys_every_k_months(res):
    surveys = res.events[res.events["event"] == "satisfaction_survey"]
    assert surveys["month"].tolist() == [5, 11, 17, 23, 29, 35, 41, 47, 53, 59]
    assert surveys["value"].between(0, 1).all()
    assert surveys["description"].str.startswith("Enquête de satisfaction").all()


def test_simpy_clock_drives_time(monkeypatch):
    import simpy

    times = []
    original = simpy.Environment.run

    def spy(self, until=None):
        out = original(self, until)
        times.append(self.now)
        return out

    monkeypatch.setattr(simpy.Environment, "run", spy)
    cs.simulate(SMALL, seed=1, transactions=False)
    assert times == [24]


# ---------------------------------------------------------------------- behaviour
def test_pareto_emerges_and_loyalty_effects(res):
    c = res.customers
    rev = np.sort(c["revenue"].to_numpy())[::-1]
    assert rev[: len(rev) // 5].sum() / rev.sum() > 0.7
    # loyal customers buy more: same customers, third year of tenure vs first year
    t = res.transactions.merge(c[["customer_id", "acquisition_month", "active"]], on="customer_id")
    t = t[(t["acquisition_month"].between(0, 11)) & t["active"]]
    tenure_year = (t["month"] - t["acquisition_month"]) // 12
    by_year = t.groupby(tenure_year)["amount"].sum()
    assert by_year[2] > 1.08 * by_year[0]


def test_complaints_small_share_and_recovery(res):
    m = res.monthly
    share = m["complaints"].sum() / m["new_dissatisfied"].sum()
    assert 0.02 < share < 0.06
    assert (m["complaints_resolved"] <= m["complaints"]).all()


def test_dissatisfied_leave_more(res):
    c = res.customers
    gone = c[~c["active"]]
    assert (gone["churn_cause"] == "insatisfaction").mean() > 0.2
    assert (
        c.loc[c["expectation"] > 8, "active"].mean() < c.loc[c["expectation"] < 6, "active"].mean()
    )


# ---------------------------------------------------------------------- stories
def test_customer_story(res):
    c = res.customers
    gone = int(c.loc[c["churn_cause"] == "insatisfaction", "customer_id"].iloc[0])
    text = res.customer_story(gone)
    assert text.startswith(f"Client n° {gone}")
    assert "par insatisfaction" in text and "Bilan" in text
    alive = int(c.loc[c["active"], "customer_id"].iloc[0])
    assert "Toujours client" in res.customer_story(alive)
    with pytest.raises(DataError, match="customer_id"):
        res.customer_story(len(c))
    with pytest.raises(DataError):
        res.customer_story("3")  # type: ignore[arg-type]


def test_repr_and_equity(res):
    assert "cours" in repr(res)
    assert res.customer_equity == pytest.approx(res.customers["expected_clv"].sum())
    assert res.customer_equity > 0
    assert set(res.tables()) == set(SimulationResult.TABLES)


def test_months_override_and_progress(capsys):
    seen = []
    r = cs.simulate(SMALL, seed=1, months=5, progress=seen.append)
    assert len(r.monthly) == 5 and r.scenario.months == 5 and seen == [0, 1, 2, 3, 4]
    cs.simulate(SMALL, seed=1, months=3, progress=True)
    assert "Simulation" in capsys.readouterr().err


def test_model_imports_no_plotting_libraries():
    code = (
        "import sys, crmsim.model, crmsim.scenario, crmsim.calibration, crmsim.experiments;"
        "bad = [m for m in ('matplotlib', 'ipywidgets', 'seaborn') if m in sys.modules];"
        "print(bad); sys.exit(bool(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
