"""The portfolio exercises' questions on simulated customers (Pareto q6, ABC q7, matrices q6).

``test_variants.py`` runs every solution for 20 students; here: the earlier tables of each
variant did not move when the simulated base was added, the simulated bases are small
``cours`` runs, and the checks reject the usual mistakes.
"""

import numpy as np
import pandas as pd
import pytest

import crmsim as cs
from crmsim.exercises import EXERCISES
from crmsim.exercises._simulated import SIMULATED_MONTHS, simulated_customers

STUDENT = "22A1234"


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("03_pareto", [51600.0, 5800.0, 38000.0]),
        ("04_abc", [17200.0, 13200.0, 23400.0]),
        ("05_matrices", [143100.0, 2300.0, 95500.0]),
    ],
)
def test_earlier_tables_are_unchanged_by_the_simulated_base(name, head):
    """Golden values taken before the simulated base was added (its draws come after)."""
    assert EXERCISES[name].data(STUDENT)["clients"]["revenue"].head(3).tolist() == head
    if name == "03_pareto":
        sample = EXERCISES[name].data(STUDENT)["echantillon"]["revenue"].head(2).tolist()
        assert sample == [27745.33, 10279.9]


@pytest.mark.parametrize("name", ["03_pareto", "04_abc", "05_matrices"])
def test_simulated_bases_are_small_seeded_and_differ_between_students(name):
    first = EXERCISES[name].data(STUDENT)["simules"]
    again = EXERCISES[name].data(STUDENT.lower())["simules"]
    other = EXERCISES[name].data("22B5678")["simules"]
    course = EXERCISES[name].data("cours")["simules"]
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other) and not first.equals(course)
    for table in (first, other, course):
        assert 500 <= len(table) <= 6_000
        assert table["customer_id"].is_unique and (table["revenue"] >= 0).all()


def test_simulated_customers_is_a_cours_run():
    table = simulated_customers(
        ["customer_id", "acquisition_month", "revenue"], customers=300, seed=4
    )
    scenario = cs.small_portfolio("cours", customers=300, months=SIMULATED_MONTHS)
    full = cs.simulate(scenario, seed=4).customers
    pd.testing.assert_frame_equal(table, full[["customer_id", "acquisition_month", "revenue"]])


def _pareto_shares(simulated: pd.DataFrame) -> list[float]:
    present = simulated[(simulated["acquisition_month"] < 0) & simulated["active"]]
    return [len(cs.pareto_head(t)) / len(t) for t in (simulated, present)]


def test_pareto_q6_wants_both_shares_in_order():
    exo = EXERCISES["03_pareto"].start(STUDENT)
    shares = _pareto_shares(exo["simules"])
    assert shares[0] != pytest.approx(shares[1], rel=1e-2)
    assert exo.check("q6", shares).ok
    assert not exo.check("q6", shares[::-1]).ok
    assert not exo.check("q6", [100 * s for s in shares]).ok
    active = exo["simules"].query("active")  # "present" also needs an arrival before month 0
    assert not exo.check("q6", [shares[0], len(cs.pareto_head(active)) / len(active)]).ok
    assert exo.check("q6", ...).status == "a_completer"


def test_abc_q7_tenure_by_class_in_the_order_a_b_c():
    exo = EXERCISES["04_abc"].start(STUDENT)
    simulated = exo["simules"]
    classes = cs.abc(simulated).merge(simulated[["customer_id", "tenure_months"]])
    tenure = classes.groupby("abc_class")["tenure_months"].mean()
    assert tenure["A"] > tenure["B"] > tenure["C"]  # the older customers have bought more
    assert exo.check("q7", tenure.tolist()).ok
    assert not exo.check("q7", tenure.tolist()[::-1]).ok
    by_revenue = cs.abc(simulated, by="revenue").merge(simulated)
    wrong = by_revenue.groupby("abc_class")["tenure_months"].mean().tolist()
    assert not exo.check("q7", wrong).ok


def _margin_to_restore(simulated: pd.DataFrame, costs: list[str]) -> list:
    margin = simulated["gross_margin"] - simulated[costs].sum(axis=1)
    rates = simulated.assign(current_profitability=100 * margin / simulated["revenue"])
    m = cs.portfolio_matrix(rates, model="ca_rentabilite", split="median")
    return m.loc[(m["y_level"] == "fort") & (m["x_level"] == "faible"), "customer_id"].tolist()


def test_matrices_q6_needs_both_costs_and_the_rate():
    exo = EXERCISES["05_matrices"].start(STUDENT)
    simulated = exo["simules"]
    assert simulated["revenue"].gt(0).all()
    right = _margin_to_restore(simulated, ["cost_to_serve", "retention_cost"])
    assert 0 < len(right) < len(simulated) / 4  # few large customers are unprofitable here
    assert exo.check("q6", right).ok
    assert not exo.check("q6", _margin_to_restore(simulated, ["cost_to_serve"])).ok
    amounts = simulated.assign(
        current_profitability=simulated["gross_margin"]
        - simulated["cost_to_serve"]
        - simulated["retention_cost"]
    )
    m = cs.portfolio_matrix(amounts, split="median")
    in_mad = m.loc[(m["y_level"] == "fort") & (m["x_level"] == "faible"), "customer_id"]
    assert not exo.check("q6", in_mad.tolist()).ok
    assert not exo.check("q6", np.asarray(right)[:-1].tolist()).ok


# ---- the readings written in lessons 3-5 under « Sur des clients simulés »


def test_lesson_readings_of_the_simulated_base_hold():
    """What the lessons' prose says of the base of seed 2026 (2 000 customers, 36 months).

    If this fails after a recalibration of ``cours``, rewrite the readings of the sections
    « Sur des clients simulés » of lessons 3, 4 and 5 from their new outputs.
    """
    result = cs.simulate(cs.small_portfolio("cours", customers=2000, months=36), seed=2026)
    customers = result.customers
    # lesson 3: about 20/80 on the whole file, less concentrated among those present throughout
    present = customers.query("acquisition_month < 0 and active")
    head = {
        name: len(cs.pareto_head(t)) / len(t)
        for name, t in [("all", customers), ("present", present)]
    }
    assert 0.15 <= head["all"] <= 0.25 and head["present"] > head["all"] + 0.03
    assert cs.gini(present) < cs.gini(customers)
    # lesson 4: class A above the course's 60 %, older and more often still there than C
    summary = cs.abc_summary(customers).set_index("abc_class")
    assert summary.loc["A", "share_revenue"] > 0.6 and summary.loc["C", "share_revenue"] < 0.1
    classes = cs.abc(customers).merge(customers[["customer_id", "tenure_months", "active"]])
    profile = classes.groupby("abc_class")[["tenure_months", "active"]].mean()
    assert profile.loc["A", "tenure_months"] > profile.loc["C", "tenure_months"] + 12
    assert profile.loc["A", "active"] > profile.loc["C", "active"]
    # lesson 5: one gross margin rate for all, so revenue and net margin rate go together
    active = customers.query("active and revenue > 0")
    assert np.allclose(active["gross_margin"] / active["revenue"], 0.30)
    margin = active["gross_margin"] - active["cost_to_serve"] - active["retention_cost"]
    rates = active.assign(current_profitability=100 * margin / active["revenue"])
    matrix = cs.portfolio_matrix(rates, model="ca_rentabilite", split="median")
    diagonal = matrix["y_level"] == matrix["x_level"]
    key = (matrix["y_level"] == "fort") & (matrix["x_level"] == "fort")
    assert diagonal.mean() > 0.8
    assert matrix.loc[key, "revenue"].sum() / matrix["revenue"].sum() > 0.85
    assert rates["current_profitability"].mean() < rates["current_profitability"].median()
    off = matrix.merge(active[["customer_id", "tenure_months"]])
    big_low = off.query("y_level == 'fort' and x_level == 'faible'")["tenure_months"].mean()
    small_high = off.query("y_level == 'faible' and x_level == 'fort'")["tenure_months"].mean()
    assert big_low > 24 > 12 > small_high  # long-standing customers vs recent arrivals
