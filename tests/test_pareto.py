import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmsim as cs
from crmsim.errors import DataError


@pytest.fixture
def course():
    return cs.datasets.load("pareto_clients")


def test_course_answer(course):
    head = cs.pareto_head(course, target=0.8)
    assert head["customer_id"].tolist() == [1, 16, 2, 20]
    assert head["revenue"].sum() == 800_000
    assert head["share"].sum() == pytest.approx(0.8)
    assert len(head) / len(course) == pytest.approx(0.2)


def test_table_columns_and_order(course):
    table = cs.pareto(course)
    assert list(table.columns) == [
        "rank",
        "customer_id",
        "revenue",
        "share",
        "cum_share",
        "cum_customers_share",
        "in_head",
    ]
    assert table["rank"].tolist() == list(range(1, 21))
    assert table["revenue"].is_monotonic_decreasing
    assert table["cum_share"].iloc[-1] == pytest.approx(1.0)
    assert table["cum_customers_share"].iloc[-1] == pytest.approx(1.0)
    # the six clients at 5 000 MAD come in ascending id order
    ties = table.loc[table["revenue"] == 5000, "customer_id"].tolist()
    assert ties == [5, 10, 12, 13, 14, 18]


def test_ties_do_not_depend_on_row_order(course):
    shuffled = course.sample(frac=1, random_state=np.random.default_rng(3))
    pd.testing.assert_frame_equal(cs.pareto(course), cs.pareto(shuffled))


def test_input_not_mutated(course):
    before = course.copy()
    cs.pareto(course)
    cs.gini(course)
    pd.testing.assert_frame_equal(course, before)


def test_target_one_keeps_everyone(course):
    assert cs.pareto(course, target=1.0)["in_head"].all()


def test_summary(course):
    summary = cs.pareto_summary(course, targets=[0.5, 0.8])
    assert summary["customers"].tolist() == [3, 4]
    assert summary.loc[1, "customers_share"] == pytest.approx(0.2)
    assert (summary["revenue_share"] >= summary["target"]).all()


def test_custom_column_names():
    data = pd.DataFrame({"client": ["a", "b", "c"], "ca": [1.0, 8.0, 1.0]})
    head = cs.pareto_head(data, customer_col="client", revenue_col="ca", target=0.8)
    assert head["client"].tolist() == ["b"]


def test_lorenz_and_gini_known_values():
    equal = pd.DataFrame({"customer_id": [1, 2, 3], "revenue": [2.0, 2.0, 2.0]})
    assert cs.gini(equal) == pytest.approx(0.0)
    curve = cs.lorenz(equal)
    assert curve.iloc[0].tolist() == [0.0, 0.0]
    assert curve["cum_revenue_share"].to_numpy() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    monopoly = pd.DataFrame({"customer_id": [1, 2, 3, 4, 5], "revenue": [0, 0, 0, 0, 9.0]})
    assert cs.gini(monopoly) == pytest.approx(1 - 1 / 5)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=40))
def test_gini_matches_mean_absolute_difference(values):
    if sum(values) <= 0:
        return
    data = pd.DataFrame({"customer_id": range(len(values)), "revenue": values})
    x = np.asarray(values)
    expected = np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())
    assert cs.gini(data) == pytest.approx(expected, abs=1e-9)
    assert 0 <= cs.gini(data) <= 1 - 1 / len(x) + 1e-9


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 1000), min_size=1, max_size=30),
    st.floats(0.05, 1.0),
)
def test_head_is_the_smallest_reaching_target(values, target):
    if sum(values) == 0:
        return
    data = pd.DataFrame({"customer_id": range(len(values)), "revenue": values})
    table = cs.pareto(data, target=target)
    head = table[table["in_head"]]
    assert head["share"].sum() >= target - 1e-9
    assert head["share"].iloc[:-1].sum() < target - 1e-9 or len(head) == 1
    assert table["cum_share"].is_monotonic_increasing


@pytest.mark.parametrize(
    ("data", "kwargs", "words"),
    [
        (pd.DataFrame({"customer_id": [1], "ca": [3]}), {}, ["manquante", "revenue", "ca"]),
        (pd.DataFrame({"customer_id": [1, 2], "revenue": [3, -1]}), {}, ["négatif", "-1"]),
        (pd.DataFrame({"customer_id": [1, 2], "revenue": [3, "x"]}), {}, ["numérique", "'x'"]),
        (pd.DataFrame({"customer_id": [], "revenue": []}), {}, ["vide"]),
        (pd.DataFrame({"customer_id": [1, 2], "revenue": [0, 0]}), {}, ["nul"]),
        (pd.DataFrame({"customer_id": [1, 1], "revenue": [3, 4]}), {}, ["double", "groupby"]),
        (pd.DataFrame({"customer_id": [1, 2], "revenue": [3, None]}), {}, ["manquante"]),
        (pd.DataFrame({"customer_id": [1], "revenue": [3]}), {"target": 80}, ["0.8"]),
        (pd.DataFrame({"customer_id": [1], "revenue": [3]}), {"target": 0}, ["target"]),
    ],
)
def test_bad_input_french_errors(data, kwargs, words):
    with pytest.raises(DataError) as info:
        cs.pareto(data, **kwargs)
    for word in words:
        assert word in str(info.value)


def test_not_a_dataframe():
    with pytest.raises(DataError, match="DataFrame"):
        cs.pareto([1, 2, 3])


def test_summary_rejects_empty_targets(course):
    with pytest.raises(DataError, match="au moins une part"):
        cs.pareto_summary(course, targets=[])
