"""Every portfolio method on one simulated base (crmsim.portfolio_views)."""

import numpy as np
import pandas as pd
import pytest

import crmsim as cs
from crmsim.course_comparison import COURSE_EXAMPLES, METHODS
from crmsim.errors import DataError
from crmsim.portfolio_views import radar_of_year, scored_accounts, study_years


@pytest.fixture(scope="module")
def b2c():
    return cs.simulate(cs.small_portfolio("cours", customers=200, months=24), seed=3)


@pytest.fixture(scope="module")
def b2b():
    return cs.simulate(cs.small_portfolio("industriel", customers=150, months=24), seed=3)


def test_portfolio_revenue_is_the_years_purchases(b2c):
    clients = cs.portfolio_revenue(b2c)
    tx = b2c.transactions
    year2 = tx[(tx["month"] >= 12) & (tx["month"] < 24)].groupby("customer_id")["amount"].sum()
    assert clients["customer_id"].tolist() == sorted(year2.index.tolist())
    np.testing.assert_allclose(clients["revenue"], year2.to_numpy(), rtol=1e-9)
    first = cs.portfolio_revenue(b2c, 1)
    assert first["revenue"].sum() == pytest.approx(tx.loc[tx["month"] < 12, "amount"].sum())


def test_methods_agree_with_the_analysis_functions(b2c):
    table = cs.portfolio_methods(b2c)
    clients = cs.portfolio_revenue(b2c)
    assert len(table) == len(clients) and table["revenue"].is_monotonic_decreasing
    head = set(cs.pareto_head(clients, target=0.8)["customer_id"])
    assert set(table.loc[table["in_head"], "customer_id"]) == head
    counts = table["abc_class"].value_counts()
    assert counts["A"] == pytest.approx(0.1 * len(table), abs=1)
    # the TCC is the firm's share of the customer's purchases that year, from the raw table
    sales = b2c.supplier_sales[b2c.supplier_sales["year"] == 2]
    total = sales.groupby("customer_id")["sales_mad"].sum()
    firm = sales[sales["supplier"] == "Entreprise"].set_index("customer_id")["sales_mad"]
    expected = (firm / total).reindex(table["customer_id"]).to_numpy()
    np.testing.assert_allclose(table["tcc"].to_numpy(), expected, rtol=1e-9)
    assert set(table["strategy"]) <= {"Réactiver", "Développer", "Accompagner", "Retenir"}
    assert (table["value_level"] == np.where(table["tcc"] >= 0.25, "forte", "faible")).all()
    assert table["segment"].notna().all() and table["scoring_strategy"].isna().all()


def test_b2b_accounts_get_their_scoring_quadrant(b2b):
    table = cs.portfolio_methods(b2b)
    grid = cs.account_positioning(b2b.accounts, cs.datasets.load("scoring_criteria"))
    scored = table.dropna(subset=["scoring_strategy"]).set_index("customer_id")
    assert len(scored) > 0.8 * len(table)
    expected = grid.set_index("customer_id")["strategy"].reindex(scored.index)
    assert (scored["scoring_strategy"] == expected).all()
    overlap = cs.method_overlap(table)
    assert overlap["group"].iloc[-1] == "Clients clés (scoring)"


def test_same_seed_same_tables(b2c):
    again = cs.simulate(cs.small_portfolio("cours", customers=200, months=24), seed=3)
    pd.testing.assert_frame_equal(cs.portfolio_methods(b2c), cs.portfolio_methods(again))


def test_overlap_by_hand():
    table = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4],
            "revenue": [60.0, 20.0, 15.0, 5.0],
            "in_head": [True, True, False, False],
            "abc_class": ["A", "B", "B", "C"],
            "segment": ["Fidèles", "Meilleurs clients", "Meilleurs clients", "Perdus"],
            "tcc": [0.1, 0.5, 0.6, 0.9],
            "value_level": ["faible", "forte", "forte", "forte"],
            "strategy": ["Développer", "Retenir", "Accompagner", "Accompagner"],
            "scoring_strategy": [None] * 4,
        }
    )
    out = cs.method_overlap(table).set_index("group")
    assert len(out) == 5  # no scoring row without accounts
    rfm = out.loc["Meilleurs clients (RFM)"]
    assert rfm["customers"] == 2 and rfm["share_customers"] == 0.5
    assert rfm["share_revenue"] == pytest.approx(0.35) and rfm["in_head_share"] == 0.5
    assert out.loc["TCC fort (au moins le seuil)", "in_head_share"] == pytest.approx(1 / 3)
    assert out.loc["Classe A (ABC)", "share_revenue"] == pytest.approx(0.6)


def test_a_real_base_class_a_is_inside_the_pareto_head(b2c):
    out = cs.method_overlap(cs.portfolio_methods(b2c)).set_index("group")
    assert out.loc["Tête de Pareto (80\u00a0% du CA)", "share_revenue"] >= 0.8
    assert out.loc["Classe A (ABC)", "in_head_share"] == 1.0
    assert out["share_customers"].between(0, 1).all()


@pytest.mark.parametrize("method", [m for m in METHODS if m != "scoring"])
def test_every_method_beside_the_lessons_example(b2c, method):
    table = cs.compare_with_course(b2c, method)
    assert table.columns[0] == "base"
    assert table["base"].iloc[0] == COURSE_EXAMPLES[method]
    assert table["base"].iloc[-1] == "Base simulée"
    assert table.drop(columns="base").notna().any(axis=None)


def test_course_side_is_the_lessons_answer(b2c, b2b):
    pareto = cs.compare_with_course(b2c, "pareto").iloc[0]
    assert (pareto["customers"], pareto["head_customers"]) == (20, 4)
    abc = cs.compare_with_course(b2c, "abc")
    assert abc["customers"].iloc[:3].tolist() == [2, 6, 12]
    radar = cs.compare_with_course(b2c, "tcc")
    lesson = radar[radar["base"] == COURSE_EXAMPLES["tcc"]].set_index("strategy")
    assert lesson["customers"].to_dict() == {
        "Réactiver": 0,
        "Acquérir": 0,
        "Développer": 3,
        "Accompagner": 1,
        "Retenir": 1,
    }
    kpi = cs.compare_with_course(b2c, "kpi").iloc[0]
    assert kpi["contact_cost"] == 5 and kpi["response_rate"] == 0.04
    assert kpi["break_even_orders"] == 200
    scoring = cs.compare_with_course(b2b, "scoring")
    assert scoring.groupby("base")["share_customers"].sum().round(9).tolist() == [1.0, 1.0]


def test_simulated_side_counts_every_customer_and_prospect(b2c):
    radar = cs.compare_with_course(b2c, "tcc")
    sim = radar[radar["base"] == "Base simulée"]
    year = cs.supplier_sales_for_tcc(b2c.supplier_sales, 2)
    assert sim["customers"].sum() == year["customer"].nunique()
    assert sim["share_revenue"].sum() == pytest.approx(1.0)
    rfm = cs.compare_with_course(b2c, "rfm")
    assert rfm.loc[rfm["base"] == "Base simulée", "customers"].sum() == (
        b2c.transactions["customer_id"].nunique()
    )


def test_french_errors(b2c):
    with pytest.raises(DataError, match="industriel"):
        cs.compare_with_course(b2c, "scoring")
    with pytest.raises(DataError, match="Vouliez-vous dire «\u00a0pareto\u00a0»"):
        cs.compare_with_course(b2c, "paretto")
    with pytest.raises(DataError, match="de 1 à 2"):
        cs.portfolio_revenue(b2c, 5)
    with pytest.raises(DataError, match="SimulationResult"):
        cs.portfolio_methods(b2c.customers)
    with pytest.raises(DataError, match="particuliers"):
        scored_accounts(b2c)
    with pytest.raises(DataError, match="entier"):
        study_years(b2c, "2")


def test_radar_of_year_is_the_radar_of_the_supplier_sales(b2c):
    sales = b2c.supplier_sales
    expected = cs.radar(
        cs.supplier_sales_for_tcc(sales, 2),
        firm="Entreprise",
        previous_sales=cs.supplier_sales_for_tcc(sales, 1),
    )
    pd.testing.assert_frame_equal(radar_of_year(b2c), expected)
    assert study_years(b2c) == (2, 1)


def test_first_year_has_no_history_so_no_reactiver(b2c):
    radar = cs.compare_with_course(b2c, "tcc", year=1)
    sim = radar[radar["base"] == "Base simulée"].set_index("strategy")
    assert sim.loc["Réactiver", "customers"] == 0 and sim.loc["Acquérir", "customers"] > 0
