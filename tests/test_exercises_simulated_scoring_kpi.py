"""The questions on simulated customers of exercises 6 to 9 (scoring, RFM, TCC, KPI).

Each expected answer is recomputed here by hand from the student's own data (pandas and
the course's formulas, not the check's code path), and the tables a variant had before
these questions were added must not change (their fingerprints were taken from the
previous version of each ``make_data``).
"""

import functools
import hashlib
import math

import nbformat
import pandas as pd
import pytest

from crmsim.exercises import EXERCISES
from tests.test_variants import ROOT

STUDENT = "22A1234"


def _fingerprint(value) -> str:
    if isinstance(value, pd.DataFrame):
        text = value.to_csv(index=False, float_format="%.6f")
    else:
        text = repr(sorted(value.items())) if isinstance(value, dict) else repr(value)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


#: Fingerprints of the variant tables of student 22A1234 before the simulated questions.
BEFORE = {
    "06_scoring": {
        "criteres": "13d0c675c084",
        "fiches": "dd977bd66998",
        "positions": "7184304a01ff",
    },
    "07_rfm": {
        "journal": "27e109ee4ef8",
        "date_analyse": "44fc75dd2ab4",
        "client": "108c995b953c",
        "clients_offre": "8a0ab4fa798b",
    },
    "08_tcc_radar": {"ventes": "83863d7b8696"},
    "09_kpi": {"emailing": "a80cce26bf2c", "mailing": "a08bd1f461d2"},
}


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_earlier_tables_of_a_variant_are_unchanged(name):
    data = _data(name)
    assert {key: _fingerprint(data[key]) for key in BEFORE[name]} == BEFORE[name]


@functools.cache
def _data(name, student=STUDENT):
    return EXERCISES[name].data(student)


def _check(name, qid, answer, student=STUDENT):
    """The question's check on the student's data (what ``exo.check`` runs)."""
    return EXERCISES[name].question(qid).check(answer, _data(name, student))


# ------------------------------------------------------------------ by-hand answers


def _key_accounts_share(data) -> float:
    accounts, criteria = data["comptes"], data["criteres"]
    scores = {}
    for grid in ("potentiel", "performance"):
        rows = criteria[criteria["grid"] == grid]
        notes = accounts[rows["criterion_id"].tolist()].to_numpy(dtype=float)
        weights = rows["coefficient"].to_numpy(dtype=float)
        scores[grid] = notes @ weights / weights.sum()
    key = (scores["potentiel"] >= scores["potentiel"].mean()) & (
        scores["performance"] >= scores["performance"].mean()
    )
    return accounts.loc[key, "revenue"].sum() / accounts["revenue"].sum()


def _departed_share_r1(data) -> float:
    import crmsim as cs

    scores = cs.rfm(data["achats_simules"])
    last = data["achats_simules"].groupby("customer_id")["date"].max()
    recency = (data["achats_simules"]["date"].max() - last).dt.days
    worst = scores.loc[scores["r_score"] == 1, "customer_id"]
    # R = 1 is the fifth of customers silent the longest
    assert recency[worst].min() >= recency.drop(index=worst).max()
    assert len(worst) == pytest.approx(len(scores) / 5, rel=0.15)
    active = data["clients_simules"].set_index("customer_id")["active"]
    return float((~active[worst.to_numpy()]).mean())


def _to_reactivate(data) -> int:
    sales = data["ventes_fournisseurs"]
    share = {}
    for year in (1, 2):
        table = sales[sales["year"] == year].pivot_table(
            index="customer_id",
            columns="supplier",
            values="sales_mad",
            aggfunc="sum",
            observed=True,
        )
        table = table.fillna(0.0)
        share[year] = table.get("Entreprise", 0.0) / table.sum(axis=1)
    now, before = share[2], share[1].reindex(share[2].index)
    threshold = 1 / sales["supplier"].nunique()
    lost = (now == 0) & (before > 0)
    slipping = (now > 0) & (now < threshold) & (now < before)
    return int((lost | slipping).sum())


def _break_even_postal(data) -> int:
    camp = data["campagnes_simulees"]
    post = camp[camp["channel"] == "publipostage"]
    margin_per_order = post["gross_margin"].sum() / post["orders"].sum()
    return math.ceil(post["cost"].sum() / margin_per_order)


CASES = [
    ("06_scoring", "q8", _key_accounts_share),
    ("07_rfm", "q7", _departed_share_r1),
    ("08_tcc_radar", "q6", _to_reactivate),
    ("09_kpi", "q8", _break_even_postal),
]


@pytest.mark.parametrize(("name", "qid", "by_hand"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("student", ["cours", STUDENT])
def test_by_hand_answer_is_accepted_and_a_near_miss_is_not(name, qid, by_hand, student):
    expected = by_hand(_data(name, student))
    assert _check(name, qid, expected, student).ok
    miss = _check(name, qid, expected * 1.05 + 1, student)
    assert not miss.ok and "Pas encore juste" in str(miss) and "trop grande" in str(miss)
    assert _check(name, qid, ..., student).status == "a_completer"


@pytest.mark.parametrize(("name", "qid"), [("06_scoring", "q8"), ("07_rfm", "q7")])
def test_share_given_in_percent_gets_a_hint(name, qid):
    by_hand = dict((n, f) for n, _, f in CASES)[name]
    expected = by_hand(_data(name))
    feedback = _check(name, qid, 100 * expected)
    assert not feedback.ok and "pourcentage" in str(feedback)


def test_whole_numbers_are_asked_for_exactly():
    expected = _break_even_postal(_data("09_kpi"))
    assert not _check("09_kpi", "q8", expected - 0.5).ok  # not rounded up
    reactivate = _to_reactivate(_data("08_tcc_radar"))
    assert not _check("08_tcc_radar", "q6", reactivate + 1).ok


def test_course_version_is_fixed_and_variants_differ():
    for name, _, by_hand in CASES:
        course = by_hand(_data(name, "cours"))
        assert by_hand(EXERCISES[name].data("cours")) == course  # a fresh draw: same base
        assert by_hand(_data(name)) != course, name


def _lesson_simulation(name: str) -> str:
    cells = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4).cells
    return "\n".join(c.source for c in cells if c.cell_type == "code" and "SEED" in c.source)


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_lesson_simulates_another_base_than_the_course_exercise(name):
    """The lesson's section runs on its own seed, so it never prints the exercise's answer."""
    source = _lesson_simulation(name)
    assert "SEED = 11" in source and "cs.simulate(" in source
    assert "2026" not in source and "2027" not in source
