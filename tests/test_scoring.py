"""Tests of crmsim.analysis.scoring: weighted grids and the positioning chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim as cs
from crmsim.analysis.scoring import bubble_diameter, scoring_grid, scoring_positioning
from crmsim.errors import DataError

POTENTIAL = [
    "attractivite_secteur",
    "niveau_technologie",
    "ca_client",
    "frequence_achat_12m",
    "type_marche_derive",
]
PERFORMANCE = [
    "ventes_realisees",
    "anciennete_portefeuille",
    "taux_equipement",
    "capacite_production",
    "difficulte_conditions",
]


@pytest.fixture
def criteria() -> pd.DataFrame:
    return cs.datasets.load("scoring_criteria")


@pytest.fixture
def notes() -> pd.DataFrame:
    rows = {"customer_id": ["X", "Y"]}
    for i, c in enumerate(POTENTIAL + PERFORMANCE):
        rows[c] = [1 + i % 5, 5 - i % 5]
    return pd.DataFrame(rows)


def test_course_grids_sum_of_coefficients_is_ten(criteria):
    sums = criteria.groupby("grid", observed=True)["coefficient"].sum()
    assert sums.to_dict() == {"performance": 10, "potentiel": 10}
    assert criteria.loc[criteria["grid"] == "potentiel", "criterion_id"].tolist() == POTENTIAL
    assert criteria.loc[criteria["grid"] == "performance", "criterion_id"].tolist() == PERFORMANCE


def test_weighted_mean_by_hand(criteria, notes):
    out = scoring_grid(notes, criteria, grid="potentiel")
    assert list(out.columns) == ["customer_id", "weighted_sum", "total_coefficient", "score"]
    # X: notes 1,2,3,4,5 with coefficients 2,1,3,3,1 -> 2+2+9+12+5 = 30.
    assert out["weighted_sum"].tolist() == [30.0, 30.0]
    assert out["total_coefficient"].tolist() == [10.0, 10.0]
    assert out["score"].tolist() == [3.0, 3.0]
    perf = scoring_grid(notes, criteria, grid="performance", score_name="performance")
    assert "performance" in perf.columns


def test_all_fives_and_all_ones(criteria):
    fives = pd.DataFrame({"customer_id": ["A"], **{c: [5] for c in POTENTIAL}})
    assert scoring_grid(fives, criteria, grid="potentiel")["score"].iloc[0] == 5
    ones = pd.DataFrame({"customer_id": ["A"], **{c: [1] for c in POTENTIAL}})
    assert scoring_grid(ones, criteria, grid="potentiel")["score"].iloc[0] == 1


def test_mapping_of_coefficients():
    notes = pd.DataFrame({"customer_id": [1], "a": [4], "b": [2]})
    out = scoring_grid(notes, {"a": 3, "b": 1})
    assert out["score"].iloc[0] == pytest.approx(3.5)


def test_inputs_not_mutated(criteria, notes):
    c0, n0 = criteria.copy(), notes.copy()
    scoring_grid(notes, criteria, grid="potentiel")
    pd.testing.assert_frame_equal(criteria, c0)
    pd.testing.assert_frame_equal(notes, n0)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda n, c: (n.drop(columns=["ca_client"]), c), "sans note"),
        (lambda n, c: (n.assign(nom=["x", "y"]), c), "sans coefficient"),
        (lambda n, c: (n.assign(ca_client=[6, 3]), c), "hors de l’échelle 1-5"),
        (lambda n, c: (n.assign(ca_client=[0, 3]), c), "hors de l’échelle"),
        (lambda n, c: (n.assign(ca_client=["bon", 3]), c), "numérique"),
        (lambda n, c: (n, c.assign(coefficient=c["coefficient"] * 2)), "Coefficient hors"),
        (lambda n, c: (n, c.assign(coefficient=c["coefficient"] - 1)), "non positif"),
        (lambda n, c: (n.iloc[0:0], c), "vide"),
        (lambda n, c: (pd.concat([n, n]), c), "double"),
    ],
)
def test_bad_input_french_errors(criteria, notes, change, words):
    n, c = change(notes, criteria)
    with pytest.raises(DataError, match=words):
        scoring_grid(n, c, grid="potentiel")


def test_grid_selection_errors(criteria, notes):
    with pytest.raises(DataError, match="plusieurs grilles"):
        scoring_grid(notes, criteria)
    with pytest.raises(DataError, match=r"Grille inconnue.*Vouliez-vous dire"):
        scoring_grid(notes, criteria, grid="potentiels")


def test_coefficient_range_none_accepts_other_weights(criteria, notes):
    scaled = criteria.assign(coefficient=criteria["coefficient"] * 10)
    out = scoring_grid(notes, scaled, grid="potentiel", coefficient_range=None)
    ref = scoring_grid(notes, criteria, grid="potentiel")
    assert out["score"].tolist() == pytest.approx(ref["score"].tolist())


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 3), min_size=1, max_size=6),
    st.data(),
    st.floats(min_value=0.01, max_value=1000, allow_nan=False),
)
def test_score_invariant_to_scaling_coefficients(coefs, data, factor):
    names = [f"c{i}" for i in range(len(coefs))]
    n_customers = data.draw(st.integers(1, 5))
    notes = pd.DataFrame(
        {"customer_id": range(n_customers)}
        | {
            name: data.draw(st.lists(st.integers(1, 5), min_size=n_customers, max_size=n_customers))
            for name in names
        }
    )
    base = scoring_grid(notes, dict(zip(names, coefs, strict=True)))
    scaled = scoring_grid(
        notes, {n: c * factor for n, c in zip(names, coefs, strict=True)}, coefficient_range=None
    )
    np.testing.assert_allclose(scaled["score"], base["score"], rtol=1e-9)
    assert ((base["score"] >= 1) & (base["score"] <= 5)).all()


def test_positioning_course_clients():
    pos = scoring_positioning(cs.datasets.load("scoring_clients"))
    assert list(pos.columns) == [
        "customer_id",
        "potential",
        "performance",
        "potential_mean",
        "performance_mean",
        "potential_level",
        "performance_level",
        "strategy",
        "share_revenue_pct",
        "diameter",
    ]
    assert pos["potential_mean"].iloc[0] == pytest.approx(3.0)
    assert pos["performance_mean"].iloc[0] == pytest.approx(3.4)
    pairs = zip(pos["potential_level"], pos["performance_level"], strict=True)
    levels = dict(zip(pos["customer_id"], pairs, strict=True))
    assert levels == {
        "A": ("fort", "fort"),
        "B": ("fort", "fort"),
        "C": ("fort", "faible"),  # potential 3 is on the mean line: counts as "fort"
        "D": ("faible", "faible"),
        "E": ("faible", "fort"),
    }
    assert pos["diameter"].isna().all()


def test_positioning_bubble_diameter():
    data = pd.DataFrame(
        {"customer_id": [1, 2], "potential": [4, 2], "performance": [3, 3], "ca": [25, 75]}
    )
    pos = scoring_positioning(data, revenue_col="ca")
    assert pos["share_revenue_pct"].tolist() == pytest.approx([25, 75])
    assert pos["diameter"].tolist() == pytest.approx([2.5, 0.5 * np.sqrt(75)])
    assert bubble_diameter(4.0).item() == pytest.approx(1.0)


def test_positioning_bad_input():
    data = pd.DataFrame({"customer_id": [1], "potential": [6], "performance": [3]})
    with pytest.raises(DataError, match="hors de l’échelle"):
        scoring_positioning(data)
    ok = pd.DataFrame({"customer_id": [1], "potential": [3], "performance": [3], "ca": [0]})
    with pytest.raises(DataError, match="nul"):
        scoring_positioning(ok, revenue_col="ca")
    with pytest.raises(DataError, match="négative"):
        bubble_diameter([-1.0])
