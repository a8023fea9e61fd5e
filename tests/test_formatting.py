import math

import pandas as pd
import pytest

from crmsim.errors import DataError
from crmsim.formatting import (
    NBSP,
    format_money,
    format_number,
    format_percent,
    style_fr,
    to_csv_fr,
)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1_000_000, 2, "1\u00a0000\u00a0000,00"),
        (1234.5, 1, "1\u00a0234,5"),
        (999, 0, "999"),
        (-1234.567, 2, "-1\u00a0234,57"),
        (-0.001, 2, "0,00"),
        (0, 2, "0,00"),
        (float("nan"), 2, "n.d."),
        (None, 2, "n.d."),
    ],
)
def test_format_number_exact_characters(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_percent_and_money_exact_characters():
    assert format_percent(0.1875) == "18,75\u00a0%"
    assert format_percent(0.8, 0) == "80\u00a0%"
    assert format_money(1_000_000) == "1\u00a0000\u00a0000,00\u00a0MAD"
    assert format_percent(math.nan) == "n.d."
    assert NBSP == "\u00a0"


def test_format_number_rejects_text():
    with pytest.raises(TypeError, match="attend un nombre"):
        format_number("12")


def test_style_fr_formats_and_translates():
    data = pd.DataFrame({"customer_id": [1], "revenue": [225000.0], "share": [0.225]})
    html = style_fr(data, money=["revenue"], percent=["share"]).to_html()
    assert "225\u00a0000,00\u00a0MAD" in html
    assert "22,50\u00a0%" in html
    assert "Part du CA" in html and "Client" in html
    assert html == style_fr(data, money=["revenue"], percent=["share"]).to_html()
    assert data["share"].iloc[0] == 0.225  # data untouched


def test_style_fr_unknown_column():
    with pytest.raises(DataError, match="absentes"):
        style_fr(pd.DataFrame({"a": [1]}), percent=["b"])


def test_csv_for_french_excel(tmp_path):
    data = pd.DataFrame({"client": ["é"], "ca": [1234.5]})
    path = to_csv_fr(data, tmp_path / "export.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    assert raw.decode("utf-8-sig").splitlines() == ["client;ca", "é;1234,5"]


def test_table_fr_units_in_headings_integers_and_no_booleans():
    from crmsim.formatting import table_fr

    data = pd.DataFrame(
        {
            "channel": ["publipostage"],
            "orders": [34.9],
            "break_even_orders": [3079.507],
            "response_rate": [0.0421],
            "customer_acquisition_cost": [561.23],
            "ok": [False],
            "current_profitability": [13.94],
        }
    )
    html = table_fr(data).to_html()
    headings = [
        "Canal",
        "Commandes",
        "Point mort (commandes)",
        "Taux de remontée (%)",
        "Coût d’acquisition du client (MAD)",
        "Dans la fourchette",
        "Rentabilité actuelle (% du CA)",
    ]
    for heading in headings:
        assert f">{heading}</th>" in html
    for cell in [">35<", ">3\u00a0080<", ">4,21<", ">561<", ">non<", ">13,9<"]:
        assert cell in html, cell
    assert "True" not in html and "False" not in html and "0.0421" not in html
    assert "%<" not in html.split("</thead>")[1]  # units are in the headings only


def test_table_fr_columns_labels_formats_and_unknown_columns():
    from crmsim.formatting import table_fr

    data = pd.DataFrame({"x": [1.23456], "n": [3], "orders": [2.0], "t": ["a"]})
    html = table_fr(
        data, ["t", "x", "n", "orders"], labels={"x": "Indice"}, formats={"orders": ("ceil", 0)}
    ).to_html()
    assert ">Indice</th>" in html and ">1,23<" in html and ">3<" in html and ">2<" in html
    assert html.index(">t</th>") < html.index(">Indice</th>")
    assert table_fr(data).to_html() == table_fr(data).to_html()  # same HTML every run


def test_kpi_display_rounds_break_even_up_and_keeps_units_apart():
    import crmsim as cs
    from crmsim.formatting import kpi_display

    kpis = cs.campaign_kpis(
        total_cost=50_000,
        messages_sent=10_000,
        responses=400,
        orders=100,
        order_revenue=80_000,
        gross_margin_per_order=16.237,
    )
    html = kpi_display(kpis).to_html()
    assert ">3\u00a0080<" in html  # 3 079,4... orders -> 3 080 (rounded up)
    assert ">4,00<" in html and ">25,00<" in html and ">5,00<" in html
    assert "MAD par message" in html and "arrondi à l’entier supérieur" in html
    exact = cs.campaign_kpis(
        total_cost=50_000,
        messages_sent=10_000,
        responses=400,
        orders=100,
        order_revenue=80_000,
        gross_margin_per_order=250,
    )
    assert ">200<" in kpi_display(exact).to_html()  # an exact whole number stays
