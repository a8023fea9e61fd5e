"""Property-based tests (hypothesis) of the analysis functions.

Shares sum to 1, results do not depend on the unit (scaling) nor on the order of the rows,
classes partition the customers. A derandomized profile with a moderate number of examples
keeps the run short and identical on every machine (``HYPOTHESIS_PROFILE=dev`` explores
more, with random examples).
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim as cs

# profiles ``crmsim-ci`` (default, derandomized) and ``dev`` are registered in conftest.py
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "crmsim-ci"))

revenues = st.lists(
    st.floats(min_value=0.01, max_value=1e9, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=40,
)
scales = st.sampled_from([0.001, 0.5, 3.0, 1000.0])


def _customers(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"customer_id": np.arange(1, len(values) + 1), "revenue": values})


def _shuffled(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)


@PROFILE
@given(revenues, scales, st.integers(0, 10**6))
def test_pareto_shares_sum_to_one_and_ignore_unit_and_order(values, k, seed):
    data = _customers(values)
    table = cs.pareto(data)
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["cum_share"].iloc[-1] == pytest.approx(1.0)
    assert table["cum_share"].is_monotonic_increasing
    scaled = cs.pareto(data.assign(revenue=data["revenue"] * k))
    np.testing.assert_allclose(scaled["share"], table["share"], rtol=1e-9, atol=1e-12)
    moved = cs.pareto(_shuffled(data, seed))
    np.testing.assert_allclose(
        np.sort(moved["share"].to_numpy()), np.sort(table["share"].to_numpy()), rtol=1e-12
    )
    assert moved["in_head"].sum() == table["in_head"].sum()


@PROFILE
@given(revenues, scales, st.integers(0, 10**6))
def test_gini_and_lorenz_ignore_unit_and_order(values, k, seed):
    data = _customers(values)
    g = cs.gini(data)
    assert 0.0 <= g < 1.0
    assert cs.gini(data.assign(revenue=data["revenue"] * k)) == pytest.approx(g, abs=1e-9)
    assert cs.gini(_shuffled(data, seed)) == pytest.approx(g, abs=1e-12)
    curve = cs.lorenz(data)
    assert curve["cum_revenue_share"].iloc[-1] == pytest.approx(1.0)
    assert (curve["cum_revenue_share"] <= curve["cum_customers_share"] + 1e-12).all()


@PROFILE
@given(revenues, st.integers(0, 10**6))
def test_abc_classes_partition_the_customers(values, seed):
    data = _shuffled(_customers(values), seed)
    for by in ("customers", "revenue"):
        table = cs.abc(data, by=by)
        assert sorted(table["customer_id"]) == sorted(data["customer_id"])
        assert set(table["abc_class"]) <= {"A", "B", "C"}
        summary = cs.abc_summary(data, by=by)
        assert summary["customers"].sum() == len(data)
        assert summary["share_revenue"].sum() == pytest.approx(1.0)
        assert summary["share_customers"].sum() == pytest.approx(1.0)


sales_tables = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "C"]),
        st.sampled_from(["x", "y", "z", "w"]),
        st.floats(min_value=0.5, max_value=1e6, allow_nan=False),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda row: (row[0], row[1]),
)


@PROFILE
@given(sales_tables, scales, st.integers(0, 10**6))
def test_tcc_shares_of_wallet_sum_to_one_per_customer(rows, k, seed):
    sales = pd.DataFrame(rows, columns=["firm", "customer", "sales"])
    table = cs.tcc(sales)
    per_customer = table.groupby("customer")["tcc"].sum()
    np.testing.assert_allclose(per_customer.to_numpy(), 1.0)
    scaled = cs.tcc(sales.assign(sales=sales["sales"] * k)).set_index(["firm", "customer"])
    np.testing.assert_allclose(
        scaled["tcc"].sort_index(), table.set_index(["firm", "customer"])["tcc"].sort_index()
    )
    moved = cs.tcc(_shuffled(sales, seed)).set_index(["firm", "customer"])["tcc"].sort_index()
    np.testing.assert_allclose(moved, table.set_index(["firm", "customer"])["tcc"].sort_index())


@PROFILE
@given(
    st.dictionaries(
        st.sampled_from(["insatisfaction", "structurelle", "conjoncturelle", "anecdotique"]),
        st.floats(min_value=1e-4, max_value=0.5),
        min_size=1,
    ),
    st.floats(min_value=1.0, max_value=1e7),
)
def test_competing_risks_shares_sum_to_one(hazards, customers):
    table = cs.competing_risks(hazards, customers=customers)
    assert table["share"].sum() == pytest.approx(1.0)
    leave = 1.0 - np.prod([1.0 - h for h in hazards.values()])
    assert table["departures"].sum() == pytest.approx(customers * leave)


@PROFILE
@given(st.floats(min_value=0.0, max_value=0.999), st.integers(1, 240))
def test_survival_decreases_and_rates_round_trip(hazard, periods):
    s = cs.geometric_survival(hazard, periods)["survival"]
    assert s.iloc[0] == 1.0 and s.is_monotonic_decreasing
    assert cs.monthly_to_yearly(cs.yearly_to_monthly(hazard)) == pytest.approx(hazard, abs=1e-9)


@PROFILE
@given(
    st.lists(st.floats(min_value=1.0, max_value=1e6), min_size=4, max_size=30),
    st.integers(0, 10**6),
)
def test_portfolio_matrix_quadrants_partition_and_ignore_order(values, seed):
    n = len(values)
    data = pd.DataFrame(
        {
            "customer_id": [f"c{i}" for i in range(n)],
            "revenue": values,
            "current_profitability": values[::-1],
        }
    )
    table = cs.portfolio_matrix(data)
    assert sorted(table["customer_id"]) == sorted(data["customer_id"])
    assert table["quadrant"].notna().all()
    moved = cs.portfolio_matrix(_shuffled(data, seed)).set_index("customer_id")["quadrant"]
    pd.testing.assert_series_equal(
        moved.sort_index(), table.set_index("customer_id")["quadrant"].sort_index()
    )


@PROFILE
@given(st.integers(1, 60), st.integers(0, 10**6))
def test_rfm_one_row_per_customer_scores_in_range(n_rows, seed):
    rng = np.random.default_rng(seed)
    log = pd.DataFrame(
        {
            "customer_id": rng.integers(1, 15, n_rows),
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 300, n_rows), "D"),
            "amount": rng.uniform(1, 500, n_rows).round(2),
        }
    )
    table = cs.rfm(log, as_of="2024-12-31", bins=3)
    assert table["customer_id"].is_unique
    assert set(table["customer_id"]) == set(log["customer_id"])
    for col in ("r_score", "f_score", "m_score"):
        assert table[col].between(1, 3).all()
    assert table["frequency"].sum() == n_rows
