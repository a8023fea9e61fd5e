import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import crmsim as cs
from crmsim.analysis.churn_model import CHURN_FEATURES, CHURN_LABELS
from crmsim.errors import DataError


@pytest.fixture(scope="module")
def run():
    return cs.simulate(cs.preset("cours").replace(months=36), seed=2026)


@pytest.fixture(scope="module")
def small_run():
    scenario = cs.preset("cours").replace(
        **{"market.initial_customers": 2_000, "market.market_size": 40_000}, months=24
    )
    return cs.simulate(scenario, seed=11)


def _features(res, t0=12, seed=3, **tables):
    t = {
        "transactions": res.transactions,
        "customers": res.customers,
        "interactions": res.interactions,
        "events": res.events,
    }
    t.update(tables)
    return cs.churn_features(
        t["transactions"],
        t["customers"],
        t["interactions"],
        events=t["events"],
        observation_month=t0,
        seed=seed,
    )


def test_features_schema_and_hand_computed_values():
    tx = pd.DataFrame(
        {"customer_id": [1, 1, 1, 2], "month": [0, 3, 5, 1], "amount": [10.0, 20.0, 30.0, 5.0]}
    )
    cu = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 4],
            "acquisition_month": [-2, 1, 0, 6],
            "churn_month": pd.array([None, None, 2, None], dtype="Int64"),
        }
    )
    it = pd.DataFrame(
        {
            "month": [1, 3, 4, 4, 6],
            "customer_id": [2, 2, 2, 1, 1],
            "kind": [
                "incident",
                "réclamation non résolue",
                "réclamation résolue",
                "incident",
                "incident",
            ],
        }
    )
    X = cs.churn_features(tx, cu, it, observation_month=5)
    assert list(X.columns) == ["customer_id", *CHURN_FEATURES]
    assert X["customer_id"].tolist() == [1, 2]  # 3 left at month 2, 4 not yet acquired
    row1, row2 = X.iloc[0], X.iloc[1]
    assert row1["tenure_months"] == 8 and row2["tenure_months"] == 5
    assert row1["recency_months"] == 0 and row2["recency_months"] == 4
    assert row1["frequency_12m"] == 3 and row1["orders_3m"] == 2
    assert row1["monetary_12m"] == 60.0
    assert row1["incidents_6m"] == 1  # the month-6 incident is in the future
    assert row2["complaints"] == 2 and row2["unresolved_complaints"] == 1
    assert X["surveyed"].sum() == 0  # no events: nobody surveyed


def test_features_ignore_everything_after_the_observation_month(small_run):
    res, t0 = small_run, 12
    before = _features(res, t0)
    # rewrite the future: orders, interactions, departures and end-of-run totals after t0
    tx = res.transactions.copy()
    future = tx["month"] > t0
    tx.loc[future, "amount"] *= 7
    tx = tx[~future | (tx["customer_id"] % 2 == 0)]
    it = res.interactions.copy()
    it = pd.concat(
        [
            it[it["month"] <= t0],
            pd.DataFrame(
                {
                    "month": t0 + 1,
                    "customer_id": before["customer_id"],
                    "kind": "réclamation non résolue",
                }
            ),
        ]
    )
    cu = res.customers.copy()
    later = cu["churn_month"].notna() & (cu["churn_month"] > t0)
    cu.loc[later, "churn_month"] = t0 + 1
    for col in ("complaints", "revenue", "n_orders", "satisfaction", "last_purchase_month"):
        cu[col] = cu[col].sample(frac=1, random_state=0).to_numpy()
    ev = pd.concat(
        [res.events, pd.DataFrame({"month": [t0 + 1], "event": ["satisfaction_survey"]})]
    )
    after = _features(res, t0, transactions=tx, interactions=it, customers=cu, events=ev)
    pd.testing.assert_frame_equal(before, after)


def test_labels_are_departures_within_the_horizon(small_run):
    cu = small_run.customers
    labels = cs.churn_labels(cu, observation_month=10, horizon_months=6)
    merged = labels.merge(cu, on="customer_id")
    left = merged[merged["churned"] == 1]
    assert left["churn_month"].between(11, 16).all()
    stayed = merged[merged["churned"] == 0]
    assert (stayed["churn_month"].isna() | (stayed["churn_month"] > 16)).all()
    assert len(labels) == len(_features(small_run, 10))


def test_survey_sample_is_seeded_and_sized(small_run):
    a = _features(small_run, 12, seed=1)
    b = _features(small_run, 12, seed=1)
    c = _features(small_run, 12, seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert not a["surveyed"].equals(c["surveyed"])
    # surveys at months 5 and 11: two samples of 500 among the customers active then,
    # overlapping, less those who left before month 12
    assert 500 < a["surveyed"].sum() < 1000
    # nobody acquired after month 11 was surveyed
    new = a["customer_id"].isin(small_run.customers.query("acquisition_month > 11")["customer_id"])
    assert new.any() and a.loc[new, "surveyed"].sum() == 0
    assert (a.loc[a["survey_dissatisfied"] == 1, "surveyed"] == 1).all()


def test_gains_table_by_hand_and_random_baseline():
    table = cs.gains_table([0.9, 0.1, 0.8, 0.7, 0.2, 0.3], [1, 0, 1, 0, 0, 0], bins=3)
    assert table["customers"].tolist() == [2, 2, 2]
    assert table["churners"].tolist() == [2, 0, 0]
    assert table["lift"].tolist() == [3.0, 0.0, 0.0]
    assert table["cum_churners_share"].tolist() == [1.0, 1.0, 1.0]
    assert table["cum_lift"].iloc[-1] == 1.0
    rng = np.random.default_rng(0)
    y = rng.random(20_000) < 0.05
    random_lift = cs.gains_table(rng.random(20_000), y)["lift"].iloc[0]
    assert 0.8 < random_lift < 1.2


def test_classifier_beats_a_random_ordering_on_held_out_customers(run):
    data = cs.churn_dataset(
        run, observation_month=24, horizon_months=6, survey_sample_size=3_000, seed=2026
    )
    model = cs.fit_churn_model(data, seed=2026)
    assert model.n_train + len(model.test) == len(data)
    assert model.top_decile_lift > 1.5
    assert model.gains["cum_churners_share"].iloc[2] > 0.3 + 0.1  # top 30 % finds > 40 %
    coefs = model.coefficients().set_index("feature")["coefficient"]
    assert coefs["survey_dissatisfied"] > 0
    # the firm's own survey (500 answers) still ranks better than chance
    own = cs.fit_churn_model(cs.churn_dataset(run, observation_month=24, seed=2026), seed=2026)
    assert own.top_decile_lift > 1.2


def test_held_out_customers_are_not_trained_on(run):
    data = cs.churn_dataset(run, observation_month=24, horizon_months=6, seed=1)
    model = cs.fit_churn_model(data, seed=1, test_share=0.25)
    assert len(model.test) == pytest.approx(0.25 * len(data), abs=1)
    assert model.test["customer_id"].is_unique
    # the test churn rate matches the stratified split
    assert model.test["churned"].mean() == pytest.approx(data["churned"].mean(), abs=0.005)
    scores = model.predict(data.set_index("customer_id").loc[model.test["customer_id"]])
    np.testing.assert_allclose(scores.to_numpy(), model.test["score"].to_numpy())


def test_reproducible_for_a_seed(small_run):
    d1 = cs.churn_dataset(small_run, observation_month=10, seed=4)
    d2 = cs.churn_dataset(small_run, observation_month=10, seed=4)
    pd.testing.assert_frame_equal(d1, d2)
    for method in ("logistic", "boosting"):
        m1 = cs.fit_churn_model(d1, method=method, seed=4)
        m2 = cs.fit_churn_model(d2, method=method, seed=4)
        pd.testing.assert_frame_equal(m1.test, m2.test)
        pd.testing.assert_frame_equal(m1.gains, m2.gains)


def test_french_errors(small_run):
    with pytest.raises(DataError, match="dépasse le dernier mois simulé"):
        cs.churn_dataset(small_run, observation_month=20, horizon_months=6)
    with pytest.raises(DataError, match="observation_month doit être un numéro de mois"):
        cs.churn_dataset(small_run, observation_month=-1)
    with pytest.raises(DataError, match="Colonne"):
        cs.churn_features(
            small_run.transactions.drop(columns="amount"),
            small_run.customers,
            small_run.interactions,
            observation_month=5,
        )
    data = cs.churn_dataset(small_run, observation_month=10, seed=1)
    with pytest.raises(DataError, match="method doit être"):
        cs.fit_churn_model(data, method="forêt")
    with pytest.raises(DataError, match="test_share"):
        cs.fit_churn_model(data, test_share=30)
    with pytest.raises(DataError, match="aucun départ"):
        cs.gains_table([0.1, 0.2], [0, 0], bins=2)
    with pytest.raises(DataError, match="0 \\(resté\\) ou 1"):
        cs.gains_table([0.1, 0.2], [0, 2], bins=2)
    with pytest.raises(DataError, match="coefficients"):
        cs.fit_churn_model(data, method="boosting", seed=1).coefficients()
    assert set(CHURN_LABELS) >= set(CHURN_FEATURES)


def test_gains_plots_are_french():
    table = cs.gains_table(np.linspace(1, 0, 50), np.r_[np.ones(10), np.zeros(40)].astype(int))
    ax = cs.plotting.plot_gains(table)
    assert "gain" in ax.get_title() and "Part des départs" in ax.get_ylabel()
    ax2 = cs.plotting.plot_lift(table)
    assert ax2.get_title() == "Lift par décile de score"
    assert len(ax2.patches) == 10
    plt.close("all")
    with pytest.raises(DataError, match="Colonne"):
        cs.plotting.plot_lift(table.drop(columns="lift"))


def test_churn_by_survey_by_hand():
    data = pd.DataFrame(
        {
            "surveyed": [0, 0, 0, 1, 1, 1, 1],
            "survey_dissatisfied": [0, 0, 0, 0, 0, 1, 1],
            "churned": [1, 0, 0, 0, 0, 1, 1],
        }
    )
    table = cs.churn_by_survey(data)
    assert table["group"].tolist() == [
        "non interrogé",
        "satisfait à l’enquête",
        "mécontent à l’enquête",
    ]
    assert table["customers"].tolist() == [3, 2, 2]
    assert table["churn_rate"].tolist() == pytest.approx([1 / 3, 0.0, 1.0])
    # a group absent from the data is absent from the table
    assert cs.churn_by_survey(data[data["surveyed"] == 1])["customers"].tolist() == [2, 2]
    with pytest.raises(DataError, match="survey_dissatisfied"):
        cs.churn_by_survey(data.drop(columns="survey_dissatisfied"))
    with pytest.raises(DataError, match="0 ou 1"):
        cs.churn_by_survey(data.assign(churned=[2, 0, 0, 0, 0, 1, 1]))


def test_churn_by_survey_on_a_simulation(small_run):
    data = cs.churn_dataset(small_run, observation_month=12, horizon_months=6, seed=3)
    table = cs.churn_by_survey(data)
    assert table["customers"].sum() == len(data)
    weighted = (table["customers"] * table["churn_rate"]).sum() / len(data)
    assert weighted == pytest.approx(data["churned"].mean())


def test_lesson_tables_and_figure_of_the_model_are_french():
    scores = np.linspace(1, 0, 50)
    table = cs.gains_table(scores, np.r_[np.ones(10), np.zeros(40)].astype(int))
    html = cs.plotting.style_gains(table).to_html()
    assert CHURN_LABELS["cum_lift"] in html and "%" in html
    left, right = cs.plotting.plot_gains_and_lift(table)
    assert left.figure is right.figure
    assert "gain" in left.get_title() and right.get_title() == "Lift par décile de score"
    plt.close("all")
    coefs = pd.DataFrame({"feature": ["complaints", "tenure_months"], "coefficient": [0.5, -0.25]})
    html = cs.plotting.style_coefficients(coefs).to_html()
    assert "Réclamations" in html and "Ancienneté (mois)" in html and "complaints" not in html
    groups = pd.DataFrame({"group": ["non interrogé"], "customers": [10], "churn_rate": [0.1]})
    html = cs.plotting.style_churn_by_survey(groups, horizon_months=6).to_html()
    assert "Départs dans les 6 mois (%)" in html and "Ce que sait l’entreprise" in html
    with pytest.raises(DataError, match="Colonne"):
        cs.plotting.style_coefficients(coefs.drop(columns="coefficient"))
