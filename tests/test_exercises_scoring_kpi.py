"""Answer checks of lessons 05 (RFM/FRAT/appétence), 06 (TCC/RADAR) and 07 (KPIs)."""

import math

import pandas as pd
import pytest

import crmsim as cs
from crmsim.exercises import kpi, rfm, tcc


def _scores():
    return cs.rfm(cs.datasets.load("transactions_sample"), as_of=rfm.AS_OF)


# --- RFM / FRAT / appétence -------------------------------------------------------------


def test_rfm_checks_correct_incorrect_todo():
    row = _scores().set_index("customer_id").loc[rfm.CUSTOMER_ID]
    for check, value in [
        (rfm.check_recency, row["recency_days"]),
        (rfm.check_frequency, row["frequency"]),
        (rfm.check_monetary, row["monetary_total"]),
    ]:
        assert check(value).ok
        assert check(...).status == "a_completer"
        bad = check(value * 1.1 + 1)
        assert bad.status == "incorrect" and bad.hint
        assert "trop grande" in str(bad)


def test_recency_is_time_since_last_purchase_not_a_sum_of_sales():
    log = cs.datasets.load("transactions_sample")
    mine = log[log["customer_id"] == rfm.CUSTOMER_ID]
    days = (pd.Timestamp(rfm.AS_OF) - mine["date"].max()).days
    assert rfm.check_recency(days).ok
    assert not rfm.check_recency(mine["amount"].sum()).ok  # the slide's wrong definition


def test_champions_set_check():
    scores = _scores()
    champions = scores.loc[scores["segment"] == "Champions", "customer_id"].tolist()
    assert rfm.check_champions(champions).ok
    partial = rfm.check_champions([*champions[:-3], -1])
    assert partial.status == "incorrect"
    assert any("Il manque 3" in w for w in partial.wrong)
    assert any("en trop" in w for w in partial.wrong)
    assert rfm.check_champions(...).status == "a_completer"


def test_frat_and_appetence_checks():
    with pytest.warns(UserWarning):
        table = cs.frat(cs.datasets.load("transactions_sample"), as_of=rfm.AS_OF)
    a = table.set_index("customer_id").loc[rfm.CUSTOMER_ID, "last_to_mean"]
    assert rfm.check_last_to_mean(a).ok
    assert not rfm.check_last_to_mean(1 / a).ok
    assert rfm.check_last_to_mean(None).status == "a_completer"
    assert rfm.check_core_target(["K5", "K1"]).ok
    assert not rfm.check_core_target(["K1", "K2"]).ok
    assert rfm.check_core_target(...).status == "a_completer"


# --- TCC / RADAR ---------------------------------------------------------------------------


def test_course_answer_tcc_of_a_at_lambda():
    assert tcc.check_tcc_a_lambda(30 / 160).ok
    assert tcc.check_tcc_a_lambda(0.1875).ok
    assert "pourcentage" in str(tcc.check_tcc_a_lambda(18.75))
    assert not tcc.check_tcc_a_lambda(30 / 150).ok  # divided by A's total, a classic slip
    assert tcc.check_tcc_a_lambda(...).status == "a_completer"


def test_all_five_tccs_of_a():
    answer = [30 / 160, 50 / 150, 40 / 150, 20 / 90, 10 / 120]
    assert tcc.check_tcc_a(answer).ok
    wrong = tcc.check_tcc_a([30 / 150, 50 / 150, 40 / 150, 20 / 150, 10 / 150])
    assert wrong.status == "incorrect" and "position 1" in str(wrong)
    assert not tcc.check_tcc_a(answer[:4]).ok
    assert tcc.check_tcc_a(...).status == "a_completer"


def test_high_value_and_radar_checks():
    assert tcc.check_high_value(["μ", "ξ"]).ok
    assert not tcc.check_high_value(["ξ"]).ok
    expected = {"λ": "Développer", "ξ": "Retenir", "μ": "Retenir", "η": "Développer"}
    expected["Σ"] = "Développer"
    assert tcc.check_radar_strategies(expected).ok
    bad = tcc.check_radar_strategies({**expected, "μ": "Accompagner", "Σ": "Bof"})
    assert bad.status == "incorrect"
    assert any("mal placé" in w for w in bad.wrong) and any("inconnue" in w for w in bad.wrong)
    assert "Retenir" not in " ".join(bad.right)  # never says which strategy is right
    assert not tcc.check_radar_strategies(["Développer"] * 5).ok
    missing = tcc.check_radar_strategies({"λ": "Développer"})
    assert any("Il manque 4" in w for w in missing.wrong)
    assert tcc.check_radar_strategies(...).status == "a_completer"


# --- KPIs ----------------------------------------------------------------------------------


def test_kpi_checks_on_the_emailing():
    e = kpi.EMAILING
    answers = {
        kpi.check_contact_cost: e["total_cost"] / e["messages_sent"],
        kpi.check_response_rate: e["responses"] / e["messages_sent"],
        kpi.check_conversion_rate: e["orders"] / e["responses"],
        kpi.check_customer_acquisition_cost: e["total_cost"] / e["orders"],
        kpi.check_break_even: math.ceil(e["total_cost"] / e["gross_margin_per_order"]),
        kpi.check_result: e["orders"] * e["gross_margin_per_order"] - e["total_cost"],
    }
    for check, value in answers.items():
        assert check(value).ok, check.__name__
        assert check(...).status == "a_completer"
        assert check(value * 2).status == "incorrect"
        assert check("beaucoup").status == "incorrect"


def test_kpi_classic_mistakes_get_hints():
    e = kpi.EMAILING
    assert "pourcentage" in str(kpi.check_response_rate(100 * e["responses"] / e["messages_sent"]))
    by_messages = kpi.check_conversion_rate(e["orders"] / e["messages_sent"])
    assert not by_messages.ok and "RÉPONSES" in by_messages.hint
    by_average_order = kpi.check_break_even(e["total_cost"] / (e["order_revenue"] / e["orders"]))
    assert not by_average_order.ok


def test_break_even_one_rule_rounded_up_with_a_rounding_hint():
    e = kpi.EMAILING
    exact = e["total_cost"] / e["gross_margin_per_order"]  # 61,54 orders
    assert kpi.check_break_even(math.ceil(exact)).ok
    for wrong in (exact, math.floor(exact), round(exact, 1)):
        feedback = kpi.check_break_even(wrong)
        assert not feedback.ok and "entier SUPÉRIEUR" in feedback.hint, wrong
    assert "arrondi" in kpi.check_break_even(10).hint


def test_feedback_never_reveals_the_expected_value():
    texts = [
        str(tcc.check_tcc_a_lambda(0.5)),
        str(kpi.check_break_even(10)),
        str(rfm.check_recency(1)),
    ]
    for text in texts:
        assert "18,75" not in text and "0,1875" not in text
        assert "61,5" not in text and "330" not in text
