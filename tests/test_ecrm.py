"""The simulated web audience and its four e-CRM triggers (crmsim.ecrm)."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from crmsim.ecrm import (
    COLUMNS,
    PAGES,
    SUMMARY_COLUMNS,
    TRIGGER_FIELDS,
    TRIGGERS,
    WebAudience,
    email_rule,
    simulate_audience,
    survey_rule,
    threshold_sweep,
    trigger_summary,
    trigger_table,
)
from crmsim.errors import DataError, ScenarioError

SMALL = WebAudience(visitors=600, days=90)


@pytest.fixture(scope="module")
def run():
    return simulate_audience(SMALL, seed=7)


def _fired(res, trigger):
    act = res.actions
    return act[(act["trigger"] == trigger) & (act["step"] == "déclenchement")]


def test_tables_have_their_documented_columns(run):
    for name, columns in COLUMNS.items():
        assert list(getattr(run, name).columns) == list(columns), name
    assert len(run.visitors) == SMALL.visitors
    assert run.sessions["session_id"].is_monotonic_increasing
    assert run.actions["day"].is_monotonic_increasing
    assert set(run.page_views["page"].cat.categories) == set(PAGES)
    assert run.seed == 7


def test_same_seed_identical_tables_other_seed_differs(run):
    again = simulate_audience(SMALL, seed=7)
    for name in COLUMNS:
        pd.testing.assert_frame_equal(getattr(run, name), getattr(again, name))
    other = simulate_audience(SMALL, seed=8)
    assert not run.sessions["day"].equals(other.sessions["day"])


def test_generator_seed_is_reproducible():
    a = simulate_audience(SMALL, seed=np.random.default_rng(3))
    b = simulate_audience(SMALL, seed=np.random.default_rng(3))
    pd.testing.assert_frame_equal(a.actions, b.actions)
    pd.testing.assert_frame_equal(simulate_audience(SMALL, seed=a.seed).actions, a.actions)


def test_banner_fires_exactly_on_keyword_visits(run):
    keyword = set(run.sessions.loc[run.sessions["keyword"], "session_id"])
    fired = _fired(run, "banniere")
    assert set(fired["session_id"]) == keyword and len(fired) == len(keyword)
    assert (fired["cost_mad"] == SMALL.banner_cost_mad).all()


@pytest.mark.parametrize("threshold", [5, 3])
def test_email_fires_on_the_nth_product_view_without_order(threshold):
    res = simulate_audience(SMALL.replace(email_views_threshold=threshold), seed=11)
    s = res.sessions
    rule = s["product_view"] & ~s["ordered"] & (s["views_since_purchase"] == threshold)
    fired = _fired(res, "email")
    assert len(fired) > 0
    assert set(fired["session_id"]) == set(s.loc[rule, "session_id"])
    assert len(fired) == rule.sum()  # once per visit, never again before an order
    # the n-th view counts views since the last order: never fewer views than the threshold
    views = s.set_index("session_id").loc[fired["session_id"], "views_since_purchase"]
    assert (views == threshold).all()
    # an incentive is only paid on an order that follows an e-mail
    used = res.actions[res.actions["step"] == "remise"]
    assert set(used["visitor_id"]) <= set(fired["visitor_id"])
    assert (used["cost_mad"] == SMALL.incentive_mad).all()


def test_call_follows_every_aborted_checkout(run):
    s = run.sessions
    aborted = s[s["aborted"] & (s["day"] + SMALL.call_delay_days < SMALL.days)]
    calls = _fired(run, "appel")
    assert len(calls) > 0
    assert sorted(calls["session_id"]) == sorted(aborted["session_id"])
    day = s.set_index("session_id").loc[calls["session_id"], "day"].to_numpy()
    np.testing.assert_allclose(calls["day"].to_numpy(), day + SMALL.call_delay_days)
    assert (s["aborted"] == (s["checkout_started"] & ~s["ordered"])).all()
    phone = run.orders[run.orders["channel"] == "téléphone"]
    assert 0 < len(phone) < len(calls)
    assert set(phone["session_id"]) <= set(calls["session_id"])


@pytest.mark.parametrize("silence", [31, 20])
def test_survey_after_the_silence_of_a_regular_visitor(silence):
    res = simulate_audience(SMALL.replace(silence_days=silence), seed=5)
    s = res.sessions
    rule = (s["visit_number"] > SMALL.regular_min_visits) & (s["days_since_last_visit"] >= silence)
    fired = _fired(res, "enquete")
    assert len(fired) > 0
    assert set(fired["session_id"]) == set(s.loc[rule, "session_id"])
    assert (s["survey_shown"] == rule).all()
    gaps = s.set_index("session_id").loc[fired["session_id"], "days_since_last_visit"]
    assert gaps.min() >= silence
    # a visitor back after 30 days is not surveyed when the rule says 31
    near = s[(s["days_since_last_visit"] < silence) & (s["visit_number"] > 3)]
    assert not near["survey_shown"].any()


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_switching_a_trigger_off_removes_its_actions_and_cost(run, trigger):
    off = simulate_audience(SMALL.replace(**{TRIGGER_FIELDS[trigger]: False}), seed=7)
    assert (off.actions["trigger"] == trigger).sum() == 0
    assert (run.actions["trigger"] == trigger).sum() > 0
    mine = run.actions.loc[run.actions["trigger"] == trigger, "cost_mad"].sum()
    others = run.actions.loc[run.actions["trigger"] != trigger, "cost_mad"].sum()
    assert mine > 0
    assert off.kpis()["actions_cost_mad"] == pytest.approx(
        off.actions["cost_mad"].sum()
    )  # and the other triggers still act
    assert off.actions["cost_mad"].sum() == pytest.approx(others, rel=0.5)
    if trigger == "appel":
        assert (off.orders["channel"] == "téléphone").sum() == 0


def test_all_triggers_off_means_no_action():
    res = simulate_audience(SMALL.with_triggers([]), seed=7)
    assert res.actions.empty and list(res.actions.columns) == list(COLUMNS["actions"])
    assert res.visitors["actions_cost_mad"].sum() == 0


def test_page_views_expand_the_visits(run):
    s, pv = run.sessions, run.page_views
    expected = 1 + s["browse_pages"] + s["product_view"] + s["checkout_started"] + s["ordered"]
    counts = pv.groupby("session_id").size().reindex(s["session_id"]).to_numpy()
    np.testing.assert_array_equal(counts, expected.to_numpy())
    first = pv.groupby("session_id").first()
    assert (first["page"] == "arrivée").all() and (first["position"] == 1).all()
    paid = pv[pv["page"] == "paiement"]
    assert set(paid["session_id"]) == set(s.loc[s["ordered"], "session_id"])


def test_visitor_outcomes_add_up(run):
    v, o = run.visitors, run.orders
    assert v["orders"].sum() == len(o)
    assert v["margin_mad"].sum() == pytest.approx(o["margin_mad"].sum())
    assert v["actions_cost_mad"].sum() == pytest.approx(run.actions["cost_mad"].sum())
    assert (v["converted"] == (v["orders"] > 0)).all()
    left = run.sessions.loc[run.sessions["departed"], "visitor_id"]
    assert set(left) == set(v.loc[v["lapsed"], "visitor_id"])
    assert v.loc[v["lapsed"], "lapse_day"].notna().all()
    k = run.kpis()
    assert k["value_mad"] == pytest.approx(
        k["margin_mad"] - k["actions_cost_mad"] + k["active_end"] * SMALL.retained_value_mad
    )


@pytest.mark.parametrize(
    "audience",
    [
        WebAudience(visitors=400, days=90),
        # triggers pulling departures both ways (the e-mail adds risk, survey and call remove)
        WebAudience(visitors=400, days=90, email_views_threshold=2, email_departure_extra=0.2),
    ],
    ids=["defaut", "risques_opposes"],
)
def test_summary_matches_full_runs_without_each_trigger(audience):
    table = trigger_summary(audience, seed=2).set_index("trigger")
    assert list(table.columns) == list(SUMMARY_COLUMNS)[1:]
    for trigger in TRIGGERS:
        full = simulate_audience(audience.replace(**{TRIGGER_FIELDS[trigger]: False}), seed=2)
        k = full.kpis()
        row = table.loc[trigger]
        assert row["conversion_without"] == pytest.approx(k["conversion_rate"])
        assert row["lapse_without"] == pytest.approx(k["lapse_rate"])
    none = simulate_audience(audience.with_triggers([]), seed=2).kpis()
    with_all = simulate_audience(audience, seed=2).kpis()
    row = table.loc["ensemble"]
    assert row["net_value_mad"] == pytest.approx(with_all["value_mad"] - none["value_mad"])
    assert row["extra_orders"] == with_all["orders"] - none["orders"]


def test_summary_effects_have_the_expected_direction():
    table = trigger_summary(WebAudience(visitors=2000, days=90), seed=1).set_index("trigger")
    for trigger in ("banniere", "email", "appel"):
        assert table.loc[trigger, "conversion_with"] > table.loc[trigger, "conversion_without"]
    for trigger in ("appel", "enquete"):
        assert table.loc[trigger, "lapse_with"] < table.loc[trigger, "lapse_without"]
    assert (table["cost_mad"] > 0).all()
    # an expensive incentive makes the e-mail a loss
    dear = WebAudience(visitors=2000, days=90, incentive_mad=300.0)
    assert not trigger_summary(dear, seed=1).set_index("trigger").loc["email", "pays"]


def test_summary_of_inactive_trigger_and_of_a_result():
    audience = WebAudience(visitors=300, days=60, banner=False)
    res = simulate_audience(audience, seed=4)
    table = trigger_summary(result=res)
    pd.testing.assert_frame_equal(table, trigger_summary(audience, seed=4))
    banner = table.set_index("trigger").loc["banniere"]
    assert not banner["active"] and banner["actions"] == 0 and pd.isna(banner["net_value_mad"])
    empty = trigger_summary(audience.with_triggers([]), seed=4).set_index("trigger")
    assert not empty["active"].any() and empty.loc["ensemble", "net_value_mad"] == 0


def test_trigger_table_joins_the_course_table_and_the_rules():
    table = trigger_table(WebAudience(email_views_threshold=3, silence_days=45))
    assert table["trigger"].tolist() == list(TRIGGERS)
    assert "5 consultations" in table.loc[1, "action"]
    assert table.loc[1, "rule"].startswith("3e consultation")
    assert "45 jours" in table.loc[3, "rule"]
    assert trigger_table(WebAudience(email_views_threshold=1)).loc[1, "rule"].startswith("1re")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"visitors": 0}, "visitors (visiteurs suivis) doit être entre 1 et 200\u00a0000, reçu 0"),
        ({"abandon_probability": 60}, "un pourcentage ? écrivez 0.6"),
        ({"email_views_threshold": 2.5}, "doit être un nombre entier, reçu 2.5"),
        ({"silence_days": "un mois"}, "doit être un nombre, reçu 'un mois'"),
        ({"banner": 1}, "doit valoir True ou False"),
    ],
)
def test_parameters_are_validated_in_french(changes, message):
    with pytest.raises(ScenarioError) as info:
        WebAudience(**changes)
    assert message in str(info.value)


def test_unknown_names_and_bad_seeds_get_french_errors():
    with pytest.raises(ScenarioError, match=r"paramètre inconnu : 'silence_day'.*silence_days"):
        WebAudience().replace(silence_day=40)
    with pytest.raises(ScenarioError, match="déclencheur inconnu : 'mail'"):
        WebAudience().with_triggers(["mail"])
    with pytest.raises(ScenarioError, match="seed doit être"):
        simulate_audience(SMALL, seed="abc")
    with pytest.raises(ScenarioError, match="audience doit être un WebAudience"):
        simulate_audience({"visitors": 10})


def test_parameters_carry_labels_units_and_bounds():
    params = {p.name: p for p in WebAudience.parameters()}
    assert params["silence_days"].unit == "jours" and params["silence_days"].value == 31
    assert params["email_views_threshold"].low == 1
    assert all(p.label for p in params.values())
    table = WebAudience(visitors=12_000, banner=False).parameter_table().set_index("name")
    assert table.loc["visitors", "value"] == "12\u00a0000"
    assert (
        table.loc["banner", "value"] == "non" and table.loc["abandon_probability", "value"] == "0,6"
    )
    import dataclasses

    for f in dataclasses.fields(WebAudience):
        assert {"label", "unit", "min", "max", "kind"} <= set(f.metadata)


def test_model_layer_imports_neither_matplotlib_nor_ipywidgets():
    code = (
        "import sys, crmsim.ecrm; "
        "print(any(m in sys.modules for m in ('matplotlib', 'ipywidgets')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_email_push_acts_at_the_next_visit_and_voucher_expires():
    audience = SMALL.replace(email_views_threshold=2, incentive_valid_days=5.0)
    res = simulate_audience(audience, seed=9)
    s = res.sessions.set_index("session_id")
    fired = _fired(res, "email")
    nxt = res.sessions.sort_values(["visitor_id", "visit_number"]).groupby("visitor_id")
    following = nxt["session_id"].shift(-1)
    after = following.reindex(res.sessions.index)  # aligned on the original order
    mapping = dict(zip(res.sessions["session_id"], after, strict=True))
    pushed = [int(mapping[sid]) for sid in fired["session_id"] if not np.isnan(mapping[sid])]
    assert pushed and s.loc[pushed, "product_view"].all()  # the link leads to the product
    used = res.actions[res.actions["step"] == "remise"]
    sent = fired.groupby("visitor_id")["day"].max()
    assert (used["day"].to_numpy() - sent.loc[used["visitor_id"]].to_numpy() <= 5.0).all()


def test_threshold_sweep_compares_each_value_with_the_trigger_off():
    table = threshold_sweep(SMALL, "silence_days", [14, 31], trigger="enquete", seed=3)
    assert table["value"].tolist() == [14, 31]
    assert table.loc[0, "actions"] > table.loc[1, "actions"]
    one = trigger_summary(SMALL.replace(silence_days=14), seed=3).set_index("trigger")
    assert table.loc[0, "net_value_mad"] == pytest.approx(one.loc["enquete", "net_value_mad"])
    with pytest.raises(ScenarioError, match="trigger doit valoir"):
        threshold_sweep(SMALL, "silence_days", [14], trigger="sondage", seed=3)


def test_rules_on_a_log_match_the_simulation():
    audience = SMALL.replace(service_call=False, email_views_threshold=4, silence_days=20)
    res = simulate_audience(audience, seed=12)
    assert email_rule(res.sessions, 4) == sorted(_fired(res, "email")["session_id"])
    assert survey_rule(res.sessions, 20, 3) == sorted(_fired(res, "enquete")["session_id"])
    with pytest.raises(DataError, match="threshold doit être au moins 1"):
        email_rule(res.sessions, 0)
    with pytest.raises(DataError, match="Colonne"):
        survey_rule(res.sessions.drop(columns="day"))


# --- the exercise and the quiz of the lesson ---------------------------------------------


@pytest.fixture(scope="module")
def exo():
    from crmsim.exercises import ecrm as verif

    return verif, verif.exercise_data(2026)


def test_exercise_data_depends_on_the_seed_only(exo):
    verif, data = exo
    again = verif.exercise_data.__wrapped__(2026)  # not the cached object: really recomputed
    pd.testing.assert_frame_equal(data.journal, again.journal)
    pd.testing.assert_frame_equal(data.thresholds, again.thresholds)
    assert data.costs == again.costs
    other = verif.exercise_data(7)
    assert (other.costs, other.email_threshold) != (data.costs, data.email_threshold) or not (
        other.journal.equals(data.journal)
    )
    assert data.journal["visitor_id"].nunique() == 3
    assert email_rule(data.journal, data.email_threshold)  # the rule has something to find
    assert verif.EXERCISE.data("cours")["donnees"] is data  # the course's version: seed 2026


def test_matching_events_are_drawn_and_explained():
    from crmsim.exercises import ecrm as verif

    assert {t for _, t, _ in verif.EVENTS.values()} == set(TRIGGERS)
    course = verif.EXERCISE.start("cours")
    right = {k: verif.EVENTS[k][1] for k in course["evenements"]}
    assert course.check("q1", right).ok
    assert course.check("q1", list(right.values())).ok
    wrong = dict(zip(right, reversed(list(right.values())), strict=True))
    fb = course.check("q1", wrong)
    assert fb.status == "incorrect" and fb.wrong
    assert any(verif.EVENTS[k][0] in w for k in right for w in fb.wrong)
    assert "inconnue" in course.check("q1", {k: "sms" for k in right}).message
    assert course.check("q1", ...).status == "a_completer"
    a = verif.EXERCISE.data("22A1234")["evenements"]
    b = verif.EXERCISE.data("22B5678")["evenements"]
    assert a != b and len(a) == len(b) == 4


def test_exercise_checks_accept_the_reasoned_answers_and_reject_others(exo):
    verif, data = exo
    exercise = verif.EXERCISE.start("cours")

    emails = email_rule(data.journal, data.email_threshold)
    assert exercise.check("q2", emails).ok
    assert not exercise.check("q2", [*emails, -1]).ok
    surveys = survey_rule(data.journal, data.silence_days, data.regular_min_visits)
    assert surveys and exercise.check("q3", surveys).ok
    assert not exercise.check("q3", []).ok

    # net value recomputed by hand from the data the student is given
    c, b = data.costs, data.bilan.set_index("trigger")
    by_hand = {
        t: b.loc[t, "extra_margin_mad"]
        + b.loc[t, "extra_loyal"] * c["retained_value"]
        - b.loc[t, "actions"] * c[t]
        - b.loc[t, "incentives"] * c["incentive"]
        for t in TRIGGERS
    }
    paying = [t for t, v in by_hand.items() if v > 0]
    assert 0 < len(paying) < 4  # the course's version has both kinds
    assert exercise.check("q4", paying).ok
    assert not exercise.check("q4", list(TRIGGERS)).ok

    values = verif.threshold_values(data)
    best = int(values.idxmax())
    assert exercise.check("q5", best).ok
    other = next(t for t in values.index if t != best)
    fb = exercise.check("q5", int(other))
    assert fb.status == "incorrect" and "MAD de plus" in fb.message
    assert exercise.check("q5", 4.5).status == "incorrect"
    assert exercise.check("q5", None).status == "a_completer"
    second = exercise.check("q5", int(other))
    assert "Plus précisément" in second.hint


def test_quiz_file_has_the_agreed_format():
    from pathlib import Path

    import tomllib

    path = Path(__file__).resolve().parents[1] / "crmsim/exercises/quizzes/ecrm.toml"
    quiz = tomllib.loads(path.read_text(encoding="utf-8"))
    assert quiz["title"] == "Quiz\u00a0: e-CRM, suivi et déclencheurs"
    questions = quiz["questions"]
    assert len(questions) >= 6
    assert len({q["id"] for q in questions}) == len(questions)
    kinds = {q["kind"] for q in questions}
    assert "association" in kinds and kinds <= {"choix", "multiple", "vrai_faux", "association"}
    for q in questions:
        assert q["prompt"] and q["explanation"]
        if q["kind"] == "choix":
            assert 0 <= q["answer"] < len(q["choices"])
        elif q["kind"] == "multiple":
            assert all(0 <= i < len(q["choices"]) for i in q["answer"])
        elif q["kind"] == "vrai_faux":
            assert isinstance(q["answer"], bool)
        else:
            assert all(len(pair) == 2 for pair in q["pairs"]) and len(q["pairs"]) >= 2


# --- helpers that keep the lesson thin ------------------------------------------------------


def test_action_costs_add_up_to_the_action_log(run):
    costs = run.action_costs()
    assert list(costs.columns) == ["action", "actions", "cost_mad"]
    assert costs["actions"].dtype == "int64"
    assert int(costs["actions"].sum()) == len(run.actions)
    assert costs["cost_mad"].sum() == pytest.approx(run.actions["cost_mad"].sum())
    by_hand = run.actions.groupby("action", observed=True)["cost_mad"].sum()
    for row in costs.itertuples():
        assert row.cost_mad == pytest.approx(by_hand[row.action])
    # order of first use, as in the action log
    first = list(dict.fromkeys(run.actions["action"].astype(str)))
    assert costs["action"].tolist() == first


def test_best_value_picks_the_highest_net_value_and_the_first_of_ties():
    from crmsim.ecrm import best_value

    sweep = pd.DataFrame({"value": [7, 14, 21], "net_value_mad": [5.0, 90.0, 90.0]})
    assert best_value(sweep) == 14
    assert isinstance(best_value(sweep), int)
    real = threshold_sweep(SMALL, "silence_days", [7, 30], trigger="enquete", seed=3)
    assert best_value(real) == real.loc[real["net_value_mad"].idxmax(), "value"]
    with pytest.raises(DataError, match="net_value_mad"):
        best_value(sweep.drop(columns="net_value_mad"))
    with pytest.raises(DataError, match="aucune valeur numérique"):
        best_value(sweep.assign(net_value_mad=np.nan))


def test_lesson_tables_are_styled_in_french(run):
    import crmsim as cs

    rules = cs.plotting.style_trigger_rules(trigger_table()).to_html()
    assert "Règle de la simulation" in rules and "banniere" not in rules
    costs = cs.plotting.style_action_costs(run.action_costs()).to_html()
    assert "Coût (MAD)" in costs and "Actions" in costs
    sweep = threshold_sweep(SMALL, "email_views_threshold", [2, 5], trigger="email", seed=3)
    html = cs.plotting.style_threshold_sweep(sweep).to_html()
    assert "Seuil" in html and "Valeur nette (MAD)" in html and "conversion_with" not in html
    with pytest.raises(DataError, match="Colonne"):
        cs.plotting.style_threshold_sweep(sweep.drop(columns="net_value_mad"))
