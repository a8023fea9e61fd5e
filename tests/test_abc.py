"""Tests of crmsim.analysis.abc: the course's 10/30/60 exercise, variants, bad input."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim as cs
from crmsim.analysis.abc import abc, abc_summary
from crmsim.errors import DataError

ABC_COLUMNS = [
    "rank",
    "customer_id",
    "revenue",
    "share",
    "cum_share",
    "cum_customers_share",
    "abc_class",
]
SUMMARY_COLUMNS = ["abc_class", "customers", "share_customers", "revenue", "share_revenue"]


@pytest.fixture
def clients() -> pd.DataFrame:
    return cs.datasets.load("abc_clients")


def test_course_answer_classes(clients):
    table = abc(clients)
    members = table.groupby("abc_class")["customer_id"].apply(list).to_dict()
    assert members["A"] == [19, 5]
    assert members["B"] == [2, 16, 9, 15, 3, 8]
    assert sorted(members["C"]) == sorted(set(range(1, 21)) - {19, 5, 2, 16, 9, 15, 3, 8})
    assert len(members["C"]) == 12


def test_course_answer_summary(clients):
    summary = abc_summary(clients)
    assert list(summary.columns) == SUMMARY_COLUMNS
    assert summary["customers"].tolist() == [2, 6, 12]
    assert summary["share_customers"].tolist() == pytest.approx([0.10, 0.30, 0.60])
    assert summary["revenue"].tolist() == pytest.approx([600_000, 315_000, 85_000])
    assert summary["share_revenue"].tolist() == pytest.approx([0.60, 0.315, 0.085])


def test_schema(clients):
    table = abc(clients)
    assert list(table.columns) == ABC_COLUMNS
    assert table["rank"].tolist() == list(range(1, 21))
    assert table["cum_share"].iloc[-1] == pytest.approx(1.0)
    assert set(table["abc_class"]) == {"A", "B", "C"}


def test_input_not_mutated(clients):
    before = clients.copy()
    abc(clients)
    abc_summary(clients, by="revenue")
    pd.testing.assert_frame_equal(clients, before)


def test_ties_sorted_by_id_whatever_the_row_order():
    data = pd.DataFrame({"customer_id": [7, 3, 5, 1], "revenue": [10, 10, 10, 10]})
    table = abc(data, shares=(0.25, 0.25, 0.5))
    assert table["customer_id"].tolist() == [1, 3, 5, 7]
    shuffled = abc(data.sample(frac=1, random_state=0), shares=(0.25, 0.25, 0.5))
    pd.testing.assert_frame_equal(table, shuffled)


def test_adjustable_shares(clients):
    summary = abc_summary(clients, shares=(0.2, 0.3, 0.5))
    assert summary["customers"].tolist() == [4, 6, 10]


def test_revenue_variant_80_95(clients):
    table = abc(clients, by="revenue")
    members = table.groupby("abc_class")["customer_id"].apply(list).to_dict()
    # 19, 5, 2, 16 make 75 %: customer 9 crosses 80 % (81 %) and is still A.
    assert members["A"] == [19, 5, 2, 16, 9]
    summary = abc_summary(clients, by="revenue")
    assert summary["share_revenue"].iloc[0] == pytest.approx(0.81)
    # B stops at the customer crossing 95 % (6: 94,6 % -> 95,5 %).
    assert members["B"][-1] == 6


def test_empty_class_is_listed():
    data = pd.DataFrame({"customer_id": [1, 2], "revenue": [5, 1]})
    summary = abc_summary(data)  # 10 % of 2 customers rounds to 0
    assert summary["customers"].tolist() == [0, 1, 1]
    assert summary["share_revenue"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("data", "kwargs", "words"),
    [
        (pd.DataFrame({"customer_id": [1], "ca": [1]}), {}, "manquante"),
        (pd.DataFrame({"customer_id": [], "revenue": []}), {}, "vide"),
        (pd.DataFrame({"customer_id": [1, 2], "revenue": [5, -1]}), {}, "négatif"),
        (pd.DataFrame({"customer_id": [1, 2], "revenue": [5, "abc"]}), {}, "numérique"),
        (pd.DataFrame({"customer_id": [1, 1], "revenue": [5, 1]}), {}, "double"),
        (pd.DataFrame({"customer_id": [1, 2], "revenue": [0, 0]}), {}, "nul"),
        (pd.DataFrame({"customer_id": [1], "revenue": [1]}), {"by": "ca"}, "by doit"),
        (pd.DataFrame({"customer_id": [1], "revenue": [1]}), {"shares": (0.1, 0.3)}, "trois"),
        (
            pd.DataFrame({"customer_id": [1], "revenue": [1]}),
            {"shares": (10, 30, 60)},
            "pourcentage",
        ),
        (
            pd.DataFrame({"customer_id": [1], "revenue": [1]}),
            {"shares": (0.1, 0.3, 0.5)},
            "totaliser",
        ),
        (
            pd.DataFrame({"customer_id": [1], "revenue": [1]}),
            {"by": "revenue", "revenue_cuts": (0.95, 0.8)},
            "croissant",
        ),
    ],
)
def test_bad_input_french_errors(data, kwargs, words):
    with pytest.raises(DataError, match=words):
        abc(data, **kwargs)


def test_not_a_frame():
    with pytest.raises(DataError, match="DataFrame"):
        abc([1, 2, 3])


revenues = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40).filter(
    lambda xs: sum(xs) > 0
)


@settings(max_examples=60, deadline=None)
@given(revenues, st.sampled_from(["customers", "revenue"]))
def test_classes_partition_customers_and_shares_sum_to_one(values, by):
    data = pd.DataFrame({"customer_id": range(len(values)), "revenue": values})
    table = abc(data, by=by)
    assert sorted(table["customer_id"]) == list(range(len(values)))
    assert set(table["abc_class"]) <= {"A", "B", "C"}
    # Classes are contiguous in the ranking: A before B before C.
    assert table["abc_class"].tolist() == sorted(table["abc_class"])
    summary = abc_summary(data, by=by)
    assert summary["customers"].sum() == len(values)
    assert summary["share_customers"].sum() == pytest.approx(1.0)
    assert summary["share_revenue"].sum() == pytest.approx(1.0)
