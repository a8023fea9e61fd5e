import matplotlib.pyplot as plt
import pandas as pd
import pytest

import crmsim as cs
from crmsim.errors import DataError
from crmsim.plotting import plot_churn_by_cause, plot_customer_base


@pytest.fixture(scope="module")
def monthly():
    return cs.simulate("crise", seed=2, months=36, transactions=False).monthly


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_customer_base(monthly):
    ax = plot_customer_base(monthly)
    assert ax.get_title() == "Évolution du portefeuille clients"
    line = ax.lines[0]
    assert list(line.get_ydata()) == monthly["active"].tolist()
    assert ax.get_legend().get_texts()[-1].get_text() == "crise"


@pytest.mark.parametrize("per", ["month", "year"])
def test_churn_by_cause_stacks_every_departure(monthly, per):
    ax = plot_churn_by_cause(monthly, per=per)
    heights = sum(bar.get_height() for container in ax.containers for bar in container)
    assert len(ax.containers) == 4
    assert heights == pytest.approx(monthly["churned"].sum())
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    for cause in ("insatisfaction", "structurelle", "conjoncturelle", "anecdotique"):
        assert cause in labels


def test_bad_input(monthly):
    with pytest.raises(DataError, match="churned_dissatisfaction"):
        plot_churn_by_cause(monthly.drop(columns="churned_dissatisfaction"))
    with pytest.raises(ValueError, match="per"):
        plot_churn_by_cause(monthly, per="week")
    with pytest.raises(DataError, match="vide"):
        plot_customer_base(pd.DataFrame({"month": [], "active": []}))
