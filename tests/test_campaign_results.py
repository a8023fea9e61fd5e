import math

import pandas as pd
import pytest

import crmsim as cs
from crmsim.analysis.campaign_results import campaign_result, new_customers_by_source
from crmsim.errors import DataError


def test_campaign_result_course_mailing():
    out = campaign_result(100, 250, 50_000, break_even_orders=200.0)
    assert out.gross_margin == 25_000 and out.result == -25_000
    assert out.break_even_reached is False
    assert campaign_result(200, 250, 50_000, break_even_orders=200.0).break_even_reached is True
    assert campaign_result(0, 0, 10).break_even_reached is None  # break-even undefined


def test_new_customers_by_source_matches_the_run():
    run = cs.simulate("cours", seed=3, months=12, transactions=False)
    out = new_customers_by_source(run.monthly, run.campaigns).set_index("source")
    assert out.loc["campaigns", "customers"] == run.campaigns["orders"].sum()
    assert out.loc["word_of_mouth", "customers"] == run.monthly["new_word_of_mouth"].sum()
    assert out["share"].sum() == pytest.approx(1)
    cost = run.campaigns["cost"].sum() / run.campaigns["orders"].sum()
    assert out.loc["campaigns", "cost_per_customer"] == pytest.approx(cost)


def test_new_customers_without_campaigns_or_customers():
    monthly = pd.DataFrame({"new_word_of_mouth": [0], "new_external": [0]})
    campaigns = pd.DataFrame({"orders": [], "cost": []})
    out = new_customers_by_source(monthly, campaigns)
    assert out["customers"].tolist() == [0, 0, 0]
    assert out["share"].isna().all() and math.isnan(out["cost_per_customer"].iloc[0])
    with pytest.raises(DataError, match="new_external"):
        new_customers_by_source(monthly.drop(columns="new_external"), campaigns)
