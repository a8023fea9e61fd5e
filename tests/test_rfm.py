"""Tests of crmsim.analysis.rfm (RFM, FRAT, appetence) and of the transaction sample."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim as cs
from crmsim.analysis.rfm import (
    APPETENCE_STRATEGIES,
    RFM_SEGMENTS,
    appetence,
    frat,
    quantile_scores,
    rfm,
    rfm_segment,
    rfm_segments,
)
from crmsim.errors import DataError

ROOT = Path(__file__).resolve().parents[1]

RFM_COLUMNS = [
    "customer_id",
    "recency_days",
    "frequency",
    "monetary_total",
    "monetary_value",
    "T",
    "r_score",
    "f_score",
    "m_score",
    "rfm_code",
    "rfm_total",
    "segment",
]
FRAT_COLUMNS = [
    "customer_id",
    "orders",
    "mean_days_between",
    "seniority_days",
    "last_amount",
    "mean_amount",
    "last_to_mean",
    "share_strategic",
    "main_type",
]


@pytest.fixture
def log() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3, 3, 3, 4, 5, 5],
            "date": [
                "2024-01-05",
                "2024-03-01",
                "2024-02-01",
                "2024-01-10",
                "2024-02-20",
                "2024-03-10",
                "2023-06-01",
                "2024-03-30",
                "2024-01-01",
            ],
            "amount": [100, 50, 20, 80, 60, 90, 500, 10, 30],
            "product_type": [
                "tactique",
                "Stratégique",
                "tactique",
                "strategique",
                "tactique",
                "tactique",
                "strategique",
                "tactique",
                "tactique",
            ],
        }
    )


def test_rfm_by_hand(log):
    out = rfm(log, as_of="2024-03-31")
    assert list(out.columns) == RFM_COLUMNS
    row = out.set_index("customer_id")
    assert row["recency_days"].to_dict() == {1: 30, 2: 59, 3: 21, 4: 304, 5: 1}
    assert row["frequency"].to_dict() == {1: 2, 2: 1, 3: 3, 4: 1, 5: 2}
    assert row["monetary_total"].to_dict() == {1: 150, 2: 20, 3: 230, 4: 500, 5: 40}
    assert row.loc[1, "monetary_value"] == 75
    assert row.loc[3, "T"] == (pd.Timestamp("2024-03-31") - pd.Timestamp("2024-01-10")).days
    # R = 5 is the most recent buyer (customer 5, one day ago); R = 1 the oldest (4).
    assert row.loc[5, "r_score"] == 5 and row.loc[4, "r_score"] == 1
    # Ties: customers 2 and 4 both bought once and share the lowest F score.
    assert row.loc[2, "f_score"] == row.loc[4, "f_score"] == 1
    assert row.loc[3, "f_score"] == 5
    assert row.loc[4, "m_score"] == 5
    assert (
        row.loc[3, "rfm_code"]
        == f"{row.loc[3, 'r_score']}{row.loc[3, 'f_score']}{row.loc[3, 'm_score']}"
    )


def test_french_day_first_dates(log):
    french = log.assign(date=pd.to_datetime(log["date"]).dt.strftime("%d/%m/%Y"))
    pd.testing.assert_frame_equal(rfm(french), rfm(log))


def test_as_of_defaults_to_last_date_and_filters_later_purchases(log):
    default = rfm(log).set_index("customer_id")
    assert default.loc[5, "recency_days"] == 0
    early = rfm(log, as_of="2024-01-31").set_index("customer_id")
    assert 2 not in early.index  # first purchase after as_of
    assert early.loc[1, "frequency"] == 1
    with pytest.raises(DataError, match="Aucune transaction"):
        rfm(log, as_of="2020-01-01")


def test_inputs_not_mutated(log):
    before = log.copy()
    rfm(log)
    with pytest.warns(UserWarning, match="qu’un achat"):
        frat(log)
    pd.testing.assert_frame_equal(log, before)


def test_quantile_tie_rule():
    assert quantile_scores([3, 3, 3, 3]).tolist() == [1, 1, 1, 1]
    assert quantile_scores([1, 2, 2, 3, 4], bins=5).tolist() == [1, 2, 2, 4, 5]
    # Independent of row order.
    assert quantile_scores([4, 2, 3, 2, 1]).tolist() == [5, 2, 4, 2, 1]


def test_segments_cover_each_code_exactly_once():
    table = rfm_segments()
    assert len(table) == 125
    expected = {f"{r}{f}{m}" for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)}
    assert set(table["rfm_code"]) == expected
    assert table["rfm_code"].is_unique
    assert set(table["segment"]) == set(RFM_SEGMENTS)  # every named segment is used
    assert list(table.columns) == ["rfm_code", "r_score", "f_score", "m_score", "segment", "action"]


def test_named_segments():
    assert rfm_segment(5, 5, 5) == "Meilleurs clients"
    assert rfm_segment(4, 4, 5) == "Fidèles"
    assert rfm_segment(1, 4, 4) == "À risque"
    assert rfm_segment(2, 1, 2) == "En hibernation"
    assert rfm_segment(1, 1, 1) == "Perdus"
    assert rfm_segment(5, 1, 1) == "Nouveaux clients"
    with pytest.raises(DataError, match="entier de 1 à 5"):
        rfm_segment(6, 1, 1)


def test_bins_other_than_five_leave_segment_missing(log):
    out = rfm(log, bins=3)
    assert out["r_score"].between(1, 3).all()
    assert out["segment"].isna().all()
    with pytest.raises(DataError, match="bins"):
        rfm(log, bins=1)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda t: t.drop(columns=["date"]), "manquante"),
        (lambda t: t.iloc[0:0], "vide"),
        (lambda t: t.assign(amount=[-1] + [1] * 8), "négatif"),
        (lambda t: t.assign(amount=["dix"] + [1] * 8), "numérique"),
        (lambda t: t.assign(date=["32/13/2024", *list(t["date"][1:])]), "Date illisible"),
        (lambda t: t.assign(customer_id=[None] + [1] * 8), "Identifiant client manquant"),
    ],
)
def test_rfm_bad_input(log, change, words):
    with pytest.raises(DataError, match=words):
        rfm(change(log))


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 15), st.integers(0, 700), st.integers(0, 5000)),
        min_size=1,
        max_size=60,
    ),
    st.integers(2, 7),
)
def test_rfm_scores_in_range(rows, bins):
    start = pd.Timestamp("2023-01-01")
    log = pd.DataFrame(
        {
            "customer_id": [r[0] for r in rows],
            "date": [start + pd.Timedelta(days=r[1]) for r in rows],
            "amount": [r[2] for r in rows],
        }
    )
    out = rfm(log, bins=bins)
    for col in ("r_score", "f_score", "m_score"):
        assert out[col].between(1, bins).all()
    assert out["customer_id"].is_unique and len(out) == log["customer_id"].nunique()
    assert (out["recency_days"] >= 0).all() and (out["T"] >= out["recency_days"]).all()
    # More recent never scores lower on R.
    order = out.sort_values("recency_days")
    assert order["r_score"].is_monotonic_decreasing


def test_frat_by_hand(log):
    with pytest.warns(UserWarning, match="qu’un achat"):
        out = frat(log)
    assert list(out.columns) == FRAT_COLUMNS
    row = out.set_index("customer_id")
    assert row.loc[3, "orders"] == 3
    assert row.loc[3, "seniority_days"] == 60  # 2024-01-10 -> 2024-03-10
    assert row.loc[3, "mean_days_between"] == 30
    assert np.isnan(row.loc[2, "mean_days_between"])
    assert row.loc[1, "last_to_mean"] == pytest.approx(50 / 75)
    # Customer 5: rows not in date order; the last purchase is the 2024-03-30 one.
    assert row.loc[5, "last_amount"] == 10
    assert row.loc[1, "share_strategic"] == pytest.approx(50 / 150)  # accent-insensitive
    assert row.loc[3, "main_type"] == "tactique"
    assert row.loc[4, "main_type"] == "stratégique"


def test_frat_unknown_type(log):
    bad = log.assign(product_type=["strategie", *list(log["product_type"][1:])])
    with pytest.raises(DataError, match=r"Type de produit inconnu.*Vouliez-vous dire"):
        frat(bad)


def test_appetence_quadrants():
    data = pd.DataFrame(
        {"customer_id": [1, 2, 3, 4], "interest": [5, 5, 1, 1], "capacity": [5, 1, 5, 1]}
    )
    out = appetence(data)
    assert list(out.columns) == [
        "customer_id",
        "interest",
        "capacity",
        "interest_level",
        "capacity_level",
        "strategy",
    ]
    assert out["strategy"].tolist() == [
        APPETENCE_STRATEGIES[("fort", "fort")],
        APPETENCE_STRATEGIES[("fort", "faible")],
        APPETENCE_STRATEGIES[("faible", "fort")],
        APPETENCE_STRATEGIES[("faible", "faible")],
    ]
    with pytest.raises(DataError, match="manquante"):
        appetence(data.drop(columns=["capacity"]))


# --- the shipped transaction sample -------------------------------------------------


def _generator():
    path = ROOT / "datasets" / "make_transactions_sample.py"
    spec = importlib.util.spec_from_file_location("make_transactions_sample", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_reproduces_committed_csv_byte_for_byte():
    gen = _generator()
    text = gen.to_csv_text(gen.make_rows())
    assert (ROOT / "datasets" / "transactions_sample.csv").read_bytes() == text.encode("utf-8")


def test_sample_shape_and_analysis():
    sample = pd.read_csv(ROOT / "datasets" / "transactions_sample.csv")
    assert list(sample.columns) == ["customer_id", "date", "amount", "product_type"]
    assert 200 <= sample["customer_id"].nunique() <= 500
    dates = pd.to_datetime(sample["date"])
    assert (dates.max() - dates.min()).days > 600
    assert set(sample["product_type"]) == {"strategique", "tactique"}
    assert (sample["amount"] > 0).all()
    out = rfm(sample)
    assert out["segment"].notna().all()
    assert out["segment"].nunique() >= 6


def test_sample_loads_through_crmsim_datasets():
    if "transactions_sample" not in cs.datasets.names():
        pytest.skip("dataset not yet registered by the loader")
    sample = cs.datasets.load("transactions_sample")
    assert len(rfm(sample)) == sample["customer_id"].nunique()
