"""The ``cours`` preset reproduces the course's loyalty-economics figures."""

from __future__ import annotations

import numpy as np
import pytest

import crmsim as cs
from crmsim.calibration import TARGETS
from crmsim.model.results import SimulationResult

kpis = SimulationResult.kpis  # the run's indicators (crmsim.analysis.run_kpis.run_kpis)


@pytest.fixture(scope="module", params=[1, 2, 3])
def cours(request):
    return cs.simulate("cours", seed=request.param, transactions=False)


def test_cours_passes_every_band(cours):
    report = cs.calibration_report(cours)
    assert list(report.columns) == [
        "indicator",
        "target",
        "obtained",
        "low",
        "high",
        "ok",
        "source",
    ]
    assert list(report.index) == list(TARGETS)
    assert report["ok"].all(), report.to_string()


def test_report_values_are_the_kpis(cours):
    report = cs.calibration_report(cours)
    k = kpis(cours)
    for key in TARGETS:
        assert report.loc[key, "obtained"] == k[key]
    assert report["indicator"].str.contains("clients perdus").any()


def test_kpis_definitions(cours):
    k, m, c, ca = kpis(cours), cours.monthly, cours.customers, cours.campaigns
    monthly = m["churned"].sum() / m["active_start"].sum()
    assert k["yearly_churn_rate"] == pytest.approx(1 - (1 - monthly) ** 12)
    assert k["acquisition_cost_per_customer"] == pytest.approx(
        ca["cost"].sum() / ca["orders"].sum()
    )
    rev = np.sort(c["revenue"].to_numpy())[::-1]
    assert k["top20_revenue_share"] == pytest.approx(
        rev[: int(np.ceil(0.2 * len(rev)))].sum() / rev.sum()
    )
    shares = [
        k[f"share_{cause}"]
        for cause in ("insatisfaction", "structurelle", "conjoncturelle", "anecdotique")
    ]
    assert sum(shares) == pytest.approx(1.0)
    assert all(s > 0 for s in shares)  # cours shows the four attrition types


def test_miscalibrated_scenario_is_flagged():
    bad = cs.simulate(
        cs.Scenario().replace(**{"attrition.anecdotal_monthly_rate": 0.03}, months=24),
        seed=1,
        transactions=False,
    )
    report = cs.calibration_report(bad)
    assert not report.loc["yearly_churn_rate", "ok"]
    assert report.loc["yearly_churn_rate", "obtained"] > 0.2
