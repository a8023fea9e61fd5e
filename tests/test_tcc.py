"""Tests of crmsim.analysis.tcc: the course's TCC exercise and the RADAR rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim as cs
from crmsim.analysis.tcc import RADAR_STRATEGIES, radar, sales_table, tcc
from crmsim.errors import DataError


@pytest.fixture
def sales() -> pd.DataFrame:
    return cs.datasets.load("tcc_sales")


def test_course_answer_tcc_of_a_at_lambda(sales):
    out = tcc(sales, firm="A").set_index("customer")
    assert out.loc["λ", "tcc"] == pytest.approx(30 / 160) == pytest.approx(0.1875)


def test_all_five_tcc_of_a(sales):
    out = tcc(sales, firm="A")
    assert out["customer"].tolist() == ["λ", "ξ", "μ", "η", "Σ"]
    assert out["tcc"].tolist() == pytest.approx([30 / 160, 50 / 150, 40 / 150, 20 / 90, 10 / 120])
    assert out["customer_potential"].tolist() == [160, 150, 150, 90, 120]
    assert list(out.columns) == [
        "firm",
        "customer",
        "sales",
        "customer_potential",
        "tcc",
        "firm_share",
    ]
    assert out["firm_share"].sum() == pytest.approx(1.0)


def test_tcc_of_all_firms_sums_to_one_per_customer(sales):
    out = tcc(sales)
    assert len(out) == 20
    assert out.groupby("customer")["tcc"].sum().tolist() == pytest.approx([1.0] * 5)


def test_course_sales_table_totals(sales):
    table = sales_table(sales)
    assert table["Total"].tolist() == [150, 190, 190, 140, 670]
    assert table.loc["Total"].tolist() == [160, 150, 150, 90, 120, 670]


def test_inputs_not_mutated(sales):
    before = sales.copy()
    tcc(sales)
    radar(sales, firm="B", previous_sales=sales)
    sales_table(sales)
    pd.testing.assert_frame_equal(sales, before)


def test_radar_course_exercise(sales):
    out = radar(sales, firm="A")
    assert out["threshold"].iloc[0] == pytest.approx(0.25)  # fair share, 4 firms
    assert dict(zip(out["customer"], out["strategy"], strict=True)) == {
        "λ": "Développer",
        "ξ": "Retenir",
        "μ": "Retenir",
        "η": "Développer",
        "Σ": "Développer",
    }
    assert set(out["strategy"]) <= set(RADAR_STRATEGIES)
    assert out["objective"].eq("fidélisation").all()


def test_radar_all_five_strategies():
    now = pd.DataFrame(
        {
            "firm": ["A", "B"] * 5,
            "customer": [
                "new",
                "new",
                "lost",
                "lost",
                "slip",
                "slip",
                "big",
                "big",
                "small",
                "small",
            ],
            "sales": [0, 100, 0, 100, 10, 90, 60, 40, 6, 4],
        }
    )
    before = now.assign(sales=[0, 100, 30, 70, 40, 60, 60, 40, 6, 4])
    out = radar(now, firm="A", previous_sales=before, threshold=0.3)
    assert dict(zip(out["customer"], out["strategy"], strict=True)) == {
        "new": "Acquérir",
        "lost": "Réactiver",
        "slip": "Réactiver",
        "big": "Retenir",
        "small": "Accompagner",
    }
    assert out.set_index("customer").loc["new", "objective"] == "conquête"
    # Without history, the declining customer is only "Développer".
    plain = radar(now, firm="A", threshold=0.3).set_index("customer")["strategy"]
    assert plain["slip"] == "Développer"
    assert plain["lost"] == "Acquérir"


def test_zero_potential_warns_nan():
    data = pd.DataFrame({"firm": ["A", "B", "A"], "customer": ["x", "x", "y"], "sales": [0, 0, 5]})
    with pytest.warns(UserWarning, match="Potentiel d’achat nul"):
        out = tcc(data, firm="A")
    assert np.isnan(out.set_index("customer").loc["x", "tcc"])


def test_missing_pair_counts_as_zero_sales():
    data = pd.DataFrame({"firm": ["A", "B", "B"], "customer": ["x", "x", "y"], "sales": [5, 5, 5]})
    out = tcc(data, firm="A").set_index("customer")
    assert out.loc["y", "tcc"] == 0


@pytest.mark.parametrize(
    ("data", "kwargs", "words"),
    [
        (pd.DataFrame({"firm": ["A"], "client": ["x"], "sales": [1]}), {}, "manquante"),
        (pd.DataFrame({"firm": ["A"], "customer": ["x"], "sales": [-1]}), {}, "négatif"),
        (pd.DataFrame({"firm": ["A"], "customer": ["x"], "sales": ["n/a"]}), {}, "numérique"),
        (pd.DataFrame({"firm": ["A", "A"], "customer": ["x", "x"], "sales": [1, 2]}), {}, "double"),
        (pd.DataFrame({"firm": [], "customer": [], "sales": []}), {}, "vide"),
        (pd.DataFrame({"firm": ["A"], "customer": ["x"], "sales": [1]}), {"firm": "Z"}, "inconnue"),
    ],
)
def test_bad_input(data, kwargs, words):
    with pytest.raises(DataError, match=words):
        tcc(data, **kwargs)


def test_radar_bad_threshold(sales):
    with pytest.raises(DataError, match="pourcentage"):
        radar(sales, firm="A", threshold=25)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 1000), min_size=6, max_size=6))
def test_tcc_in_unit_interval(values):
    data = pd.DataFrame(
        {"firm": ["A", "B", "C"] * 2, "customer": ["x"] * 3 + ["y"] * 3, "sales": values}
    )
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = tcc(data)
    defined = out["tcc"].dropna()
    assert ((defined >= 0) & (defined <= 1)).all()
    assert out["tcc"].isna().sum() == 3 * sum(
        1 for c in ("x", "y") if data.loc[data["customer"] == c, "sales"].sum() == 0
    )
