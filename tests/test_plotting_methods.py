import matplotlib
import pandas as pd
import pytest

import crmsim as cs
from crmsim.errors import DataError

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def run():
    return cs.simulate(cs.small_portfolio("industriel", customers=100, months=24), seed=2)


def test_overlap_chart_has_one_row_per_method(run):
    overlap = cs.method_overlap(cs.portfolio_methods(run))
    ax = cs.plotting.plot_method_overlap(overlap)
    assert [t.get_text() for t in ax.get_yticklabels()] == overlap["group"].tolist()
    assert len(ax.patches) == 3 * len(overlap)


def test_tcc_distribution_counts_every_customer(run):
    sales = cs.supplier_sales_for_tcc(run.supplier_sales, 2)
    table = cs.radar(sales, firm="Entreprise")
    ax = cs.plotting.plot_tcc_distribution(table)
    assert sum(p.get_height() for p in ax.patches) == pytest.approx(len(table))
    assert "Entreprise" in ax.get_title()


def test_scoring_cloud_one_point_per_account(run):
    pos = cs.account_positioning(run.accounts, cs.datasets.load("scoring_criteria"))
    ax = cs.plotting.plot_scoring_cloud(pos)
    assert sum(len(c.get_offsets()) for c in ax.collections) == len(pos)
    assert ax.get_ylabel() == "Potentiel (1 = mauvais, 5 = excellent)"


def test_course_comparison_bars_and_french_error(run):
    table = cs.compare_with_course(run, "tcc")
    ax = cs.plotting.plot_course_comparison(table)
    heights = sorted(round(p.get_height(), 9) for p in ax.patches)
    expected = sorted(table["share_revenue"].round(9).tolist())
    assert heights == expected
    with pytest.raises(DataError, match="share_revenue"):
        cs.plotting.plot_course_comparison(table, value="revenue")
    with pytest.raises(DataError, match="base"):
        cs.plotting.plot_course_comparison(pd.DataFrame({"x": [1]}))
