"""Tests of crmsim.analysis.matrices: quadrants of the four course models."""

from __future__ import annotations

import pandas as pd
import pytest

from crmsim.analysis.matrices import MATRIX_MODELS, matrix_quadrants, portfolio_matrix
from crmsim.errors import DataError


@pytest.fixture
def clients() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d", "e"],
            "revenue": [100, 80, 10, 5, 50],
            "current_profitability": [0.3, -0.1, 0.25, 0.01, 0.1],
        }
    )


def test_schema_and_levels_at_median(clients):
    out = portfolio_matrix(clients, model="ca_rentabilite")
    assert list(out.columns) == [
        "customer_id",
        "current_profitability",
        "revenue",
        "x_cut",
        "y_cut",
        "x_level",
        "y_level",
        "quadrant",
        "strategy",
    ]
    assert out["y_cut"].iloc[0] == 50  # median revenue
    assert out["x_cut"].iloc[0] == pytest.approx(0.1)
    # A value equal to the cut counts as "fort" (customer e on both axes).
    assert out.set_index("customer_id").loc["e", ["y_level", "x_level"]].tolist() == [
        "fort",
        "fort",
    ]
    assert out.set_index("customer_id").loc["b", "x_level"] == "faible"
    assert (
        out.loc[0, "quadrant"] == "Niveau de chiffre d’affaires fort / Rentabilité actuelle forte"
    )


def test_mean_split_and_numeric_override(clients):
    mean = portfolio_matrix(clients, split="mean")
    assert mean["y_cut"].iloc[0] == pytest.approx(49)
    fixed = portfolio_matrix(clients, x_split=0.2, y_split=60)
    assert fixed.set_index("customer_id")["y_level"].to_dict() == {
        "a": "fort",
        "b": "fort",
        "c": "faible",
        "d": "faible",
        "e": "faible",
    }


@pytest.mark.parametrize("model", list(MATRIX_MODELS))
def test_every_model_has_four_french_strategies(model):
    quadrants = matrix_quadrants(model)
    assert len(quadrants) == 4
    assert quadrants["strategy"].is_unique
    assert all(isinstance(s, str) and len(s) > 10 for s in quadrants["strategy"])


@pytest.mark.parametrize("model", list(MATRIX_MODELS))
def test_each_model_runs_on_its_default_columns(model):
    spec = MATRIX_MODELS[model]
    data = pd.DataFrame(
        {"customer_id": [1, 2, 3, 4], spec.x_col: [1, 2, 3, 4], spec.y_col: [4, 1, 3, 2]}
    )
    out = portfolio_matrix(data, model=model)
    assert set(zip(out["y_level"], out["x_level"], strict=True)) <= set(spec.strategies)
    assert out["strategy"].isin(list(spec.strategies.values())).all()


def test_dubinsky_high_high_is_invest():
    data = pd.DataFrame(
        {"customer_id": [1, 2], "current_profitability": [9, 1], "potential_profitability": [9, 1]}
    )
    out = portfolio_matrix(data, model="dubinsky_ingram")
    assert out.loc[0, "strategy"].startswith("Investir")


def test_input_not_mutated(clients):
    before = clients.copy()
    portfolio_matrix(clients)
    pd.testing.assert_frame_equal(clients, before)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"model": "bcg"}, "model inconnu"),
        ({"model": "fiocca"}, "Vouliez-vous dire"),
        ({"split": "moyenne"}, "mean"),
        ({"x_split": "abc"}, "mean"),
        ({"x_col": "marge"}, "manquante"),
    ],
)
def test_bad_arguments(clients, kwargs, words):
    with pytest.raises(DataError, match=words):
        portfolio_matrix(clients, **kwargs)


def test_bad_data(clients):
    with pytest.raises(DataError, match="vide"):
        portfolio_matrix(clients.iloc[0:0])
    bad = clients.assign(revenue=["x", 1, 2, 3, 4])
    with pytest.raises(DataError, match="numérique"):
        portfolio_matrix(bad)
