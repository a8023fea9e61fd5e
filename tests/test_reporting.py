import pytest

import crmsim as cs
from crmsim.reporting import SUMMARY_ROWS, simulation_summary


@pytest.fixture(scope="module")
def runs():
    base = cs.simulate(seed=4, months=24, transactions=False)
    better = cs.simulate(
        cs.preset("cours").replace(**{"satisfaction.service_quality": 9.0}),
        seed=4,
        months=24,
        transactions=False,
    )
    return base, better


def test_summary_alone(runs):
    table = simulation_summary(runs[0])
    assert list(table.columns) == ["Indicateur", "Simulation", "value"]
    assert list(table.index) == list(SUMMARY_ROWS)
    assert table.loc["yearly_churn_rate", "Simulation"].endswith("\u00a0%")
    assert table.loc["revenue", "Simulation"].endswith("\u00a0MAD")
    assert table.loc["active_end", "value"] == runs[0].monthly["active"].iloc[-1]


def test_summary_against_baseline(runs):
    base, better = runs
    table = simulation_summary(better, base)
    assert list(table.columns) == ["Indicateur", "Simulation", "Référence", "Écart", "value"]
    assert table.loc["yearly_churn_rate", "Écart"].startswith("-")
    assert table.loc["yearly_churn_rate", "Écart"].endswith("\u00a0pt")
    assert table.loc["active_end", "Écart"].startswith("+")
    same = simulation_summary(base, base)
    assert set(same["Écart"]) <= {"0", "0,0", "0,0\u00a0pt", "0\u00a0MAD", "n.d."}


def test_summary_selected_rows_with_relative_change(runs):
    base, better = runs
    keys = ["yearly_churn_rate", "profit"]
    table = simulation_summary(better, base, rows=keys, relative=True)
    assert list(table.index) == keys
    assert list(table.columns)[-2:] == ["Variation", "change"]
    expected = better.kpis()["profit"] / base.kpis()["profit"] - 1
    assert table.loc["profit", "change"] == pytest.approx(expected)
    assert table.loc["yearly_churn_rate", "Variation"].endswith("\u00a0%")


def test_summary_unknown_row_is_a_french_error(runs):
    from crmsim.errors import DataError

    with pytest.raises(DataError, match=r"inconnu.*Vouliez-vous dire « profit »"):
        simulation_summary(runs[0], rows=["profits"])
