"""Tests of crmsim.analysis.kpi: the seven campaign indicators."""

from __future__ import annotations

import math

import pytest

import crmsim as cs
from crmsim.analysis.kpi import KPI_INDICATORS, campaign_kpis
from crmsim.errors import DataError

CAMPAIGN = dict(
    total_cost=50_000, messages_sent=10_000, responses=400, orders=100, order_revenue=80_000
)


def values(**kwargs):
    out = campaign_kpis(**kwargs)
    return dict(zip(out["indicator_id"], out["value"], strict=True))


def test_seven_indicators_by_hand():
    v = values(**CAMPAIGN, gross_margin_per_order=250)
    assert v == pytest.approx(
        {
            "contact_cost": 5.0,
            "response_rate": 0.04,
            "average_order": 800.0,
            "prospect_acquisition_cost": 125.0,
            "conversion_rate": 0.25,
            "customer_acquisition_cost": 500.0,
            "break_even_orders": 200.0,
        }
    )


def test_schema_and_names_match_dataset():
    out = campaign_kpis(**CAMPAIGN, gross_margin_per_order=250)
    assert list(out.columns) == ["indicator_id", "indicator", "value", "unit", "formula"]
    table = cs.datasets.load("kpi_indicators")
    assert out["indicator_id"].tolist() == table["indicator_id"].tolist()
    assert out["indicator"].tolist() == table["indicator"].tolist()
    assert out["unit"].tolist() == table["unit"].tolist()
    # The course's "coût de transformation" is a rate: named as such.
    assert "Taux de transformation" in out["indicator"].tolist()
    assert len(KPI_INDICATORS) == 7


def test_margin_rate_alternative():
    v = values(**CAMPAIGN, margin_rate=0.25)  # margin per order = 0.25 x 800 = 200
    assert v["break_even_orders"] == pytest.approx(250)


def test_no_margin_warns_nan():
    with pytest.warns(UserWarning, match="Point mort"):
        v = values(**CAMPAIGN)
    assert math.isnan(v["break_even_orders"])


def test_no_response_warns_nan():
    with pytest.warns(UserWarning) as record:
        v = values(
            total_cost=1000,
            messages_sent=100,
            responses=0,
            orders=0,
            order_revenue=0,
            gross_margin_per_order=10,
        )
    messages = " | ".join(str(w.message) for w in record)
    assert "aucune réponse" in messages and "aucune commande" in messages
    assert "indéfinie (NaN)" in messages
    assert v["response_rate"] == 0
    assert math.isnan(v["prospect_acquisition_cost"])
    assert math.isnan(v["conversion_rate"])
    assert math.isnan(v["average_order"])
    assert math.isnan(v["customer_acquisition_cost"])


def test_zero_margin_warns_nan():
    with pytest.warns(UserWarning, match="marge brute"):
        v = values(**CAMPAIGN, gross_margin_per_order=0)
    assert math.isnan(v["break_even_orders"])


def test_suspicious_counts_warn():
    with pytest.warns(UserWarning, match="Plus de commandes"):
        campaign_kpis(
            total_cost=10,
            messages_sent=100,
            responses=5,
            orders=10,
            order_revenue=10,
            gross_margin_per_order=1,
        )
    with pytest.warns(UserWarning, match="Plus de réponses"):
        campaign_kpis(
            total_cost=10,
            messages_sent=10,
            responses=50,
            orders=10,
            order_revenue=10,
            gross_margin_per_order=1,
        )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"messages_sent": 0}, "messages émis"),
        ({"total_cost": -5}, "négatif"),
        ({"orders": "cent"}, "nombre"),
        ({"responses": float("inf")}, "fini"),
        ({"gross_margin_per_order": 10, "margin_rate": 0.2}, "pas les deux"),
        ({"margin_rate": 25}, "pourcentage"),
    ],
)
def test_bad_input(change, words):
    with pytest.raises(DataError, match=words):
        campaign_kpis(**(CAMPAIGN | change))
