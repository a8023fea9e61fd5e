import pandas as pd
import pytest

import crmsim as cs
from crmsim.analysis.olap import OLAP_LABELS
from crmsim.errors import DataError


@pytest.fixture
def small():
    tx = pd.DataFrame(
        {
            "customer_id": [1, 1, 2, 3, 3, 4],
            "amount": [100.0, 50.0, 30.0, 20.0, 10.0, 5.0],
            "date": pd.to_datetime(
                ["2024-01-05", "2024-02-10", "2024-04-02", "2024-12-31", "2025-01-01", "2025-03-03"]
            ),
            "product_type": [
                "stratégique",
                "tactique",
                "tactique",
                "tactique",
                "stratégique",
                "tactique",
            ],
        }
    )
    cu = pd.DataFrame(
        {"customer_id": [1, 2, 3, 4, 5], "channel": ["web", "web", "mailing", "web", "web"]}
    )
    return tx, cu


def test_fact_table_schema_and_time_levels(small):
    tx, cu = small
    facts = cs.olap_facts(tx, cu)
    assert list(facts.columns) == [
        "customer_id", "year", "quarter", "month", "channel", "segment", "product_type", "amount"
    ]  # fmt: skip
    assert facts["quarter"].tolist() == [
        "2024-T1",
        "2024-T1",
        "2024-T2",
        "2024-T4",
        "2025-T1",
        "2025-T1",
    ]
    assert facts["month"].iloc[3] == "2024-12"
    # ABC on 4 customers: round(0.4) = 0 in A, round(1.6) = 2 in B (1, then 2 before 3 at a tie)
    assert facts.groupby("customer_id")["segment"].first().to_dict() == {
        1: "B",
        2: "B",
        3: "C",
        4: "C",
    }
    assert len(tx) == 6  # input untouched


def test_roll_up_climbs_the_time_hierarchy_and_keeps_totals(small):
    tx, cu = small
    cube = cs.olap_cube(tx, cu, dimensions=("month", "channel"))
    by_quarter = cube.roll_up("month")
    assert by_quarter.dimensions == ("quarter", "channel")
    by_year = by_quarter.roll_up("quarter")
    assert by_year.dimensions == ("year", "channel")
    table = by_year.table()
    assert table.set_index(["year", "channel"])["revenue"].to_dict() == {
        (2024, "mailing"): 20.0,
        (2024, "web"): 180.0,
        (2025, "mailing"): 10.0,
        (2025, "web"): 5.0,
    }
    total = by_year.roll_up("year").roll_up("channel").table()
    assert total["revenue"].iloc[0] == pytest.approx(tx["amount"].sum())
    assert total["orders"].iloc[0] == 6 and total["customers"].iloc[0] == 4


def test_drill_down_details_and_adds_dimensions(small):
    tx, cu = small
    cube = cs.olap_cube(tx, cu, dimensions=("year",))
    quarters = cube.drill_down("year")
    assert quarters.table()["quarter"].tolist() == ["2024-T1", "2024-T2", "2024-T4", "2025-T1"]
    months = quarters.drill_down("quarter")
    assert months.table()["revenue"].sum() == pytest.approx(215.0)
    with_product = cube.drill_down("product_type")
    assert with_product.dimensions == ("year", "product_type")
    with pytest.raises(DataError, match="plus fin"):
        months.drill_down("month")


def test_slice_fixes_one_value_and_dice_keeps_several(small):
    tx, cu = small
    cube = cs.olap_cube(tx, cu, dimensions=("year", "channel"))
    web = cube.slice("channel", "web")
    assert web.dimensions == ("year",)
    assert web.table().set_index("year")["revenue"].to_dict() == {2024: 180.0, 2025: 5.0}
    diced = cube.dice({"product_type": ["tactique"], "year": [2024]})
    assert diced.dimensions == ("year", "channel")
    assert diced.table()["revenue"].tolist() == [20.0, 80.0]
    assert cube.table()["revenue"].sum() == pytest.approx(215.0)  # original cube unchanged


def test_pivot_and_french_headers(small):
    tx, cu = small
    cube = cs.olap_cube(tx, cu, dimensions=("year", "product_type"))
    pivot = cube.pivot("product_type")
    assert pivot.loc[2024, "stratégique"] == 100.0 and pivot.loc[2025, "tactique"] == 5.0
    french = cube.table(french=True)
    assert "CA (MAD)" in french.columns and "Type de produit" in french.columns
    assert set(OLAP_LABELS) >= {"year", "quarter", "month", "channel", "segment", "product_type"}
    assert french["Commandes"].dtype.kind == "i"


def test_french_errors(small):
    tx, cu = small
    cube = cs.olap_cube(tx, cu)
    with pytest.raises(
        DataError, match=r"dimension inconnue.*Vouliez-vous dire «\u00a0channel\u00a0»"
    ):
        cube.drill_down("chanel")
    with pytest.raises(DataError, match=r"absente.*«\u00a0channel\u00a0»"):
        cube.slice("channel", "télépathie")
    with pytest.raises(DataError, match="n’est pas affichée"):
        cube.roll_up("segment")
    with pytest.raises(DataError, match="dictionnaire"):
        cube.dice([])
    with pytest.raises(DataError, match="Colonne"):
        cs.olap_facts(tx.drop(columns="date"), cu)
    with pytest.raises(DataError, match="absents de customers"):
        cs.olap_facts(tx, cu[cu.customer_id != 1])


def test_on_a_simulation_the_cube_adds_up():
    res = cs.simulate(seed=5, months=12)
    cube = cs.olap_cube(res.transactions, res.customers, dimensions=("quarter", "segment"))
    table = cube.table()
    assert table["revenue"].sum() == pytest.approx(res.transactions["amount"].sum())
    assert table["orders"].sum() == len(res.transactions)
    assert set(table["segment"]) == {"A", "B", "C"}
    # class A makes the largest revenue of every quarter
    pivot = cube.pivot("segment")
    assert (pivot["A"] > pivot["C"]).all()


def test_style_olap_french_headings_and_whole_numbers(small):
    from crmsim.analysis.olap import style_olap

    tx, cu = small
    cube = cs.olap_cube(tx, cu, dimensions=("year",))
    html = style_olap(cube.table()).to_html()
    assert OLAP_LABELS["revenue"] in html and "Panier moyen (MAD)" in html
    assert ">200<" in html  # 2024 revenue 100 + 50 + 30 + 20, no decimals
    assert ">2024<" in html  # a dimension is not grouped by thousands
    pivot = cube.drill_down("product_type").pivot("product_type").reset_index()
    html = style_olap(pivot).to_html()
    assert "Année" in html and "tactique" in html
    assert ">100<" in html and ">5<" in html  # 2024 and 2025 revenue of tactical products
    with pytest.raises(DataError):
        style_olap("pas un tableau")
