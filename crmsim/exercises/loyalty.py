"""Exercise 10, customer lifetime value and loyalty economics: variant data and checks.

Data (:func:`make_data`): ``client`` (m, the yearly net margin in MAD; r, the yearly
retention; d, the discount rate: 1 500, 0,85 and 0,08 in the course's version, chosen to
differ from the lesson's examples), ``nouveau`` (acquisition cost in MAD, margins of years
1 to 5 in MAD, retention r and discount rate d of a new customer) and ``offres`` (the
retention points an offer « A » buys, the yearly margin an offer « B » adds, and what
offer A costs per year, all in MAD).

Examples
--------
>>> from crmsim.exercises import loyalty
>>> exo = loyalty.EXERCISE.start("cours")
>>> round(1_500 * 0.85 / (1 + 0.08 - 0.85), 2)
5543.48
>>> exo.check("q1", 5543.48).ok
True
"""

from __future__ import annotations

import numpy as np

from crmsim.analysis import clv, customer_value
from crmsim.exercises._checks import check_choice, check_number
from crmsim.exercises._feedback import Feedback
from crmsim.exercises.variants import Exercise, Question

__all__ = ["EXERCISE", "make_data"]


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's parameters: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        return {
            "client": {"m": 1_500, "r": 0.85, "d": 0.08},
            "nouveau": {"cout": 400, "marges": [250, 500, 700, 850, 950], "r": 0.75, "d": 0.08},
            "offres": {"points": 0.05, "cout_a": 150, "marge_b": 300},
        }
    return {
        "client": {
            "m": int(rng.integers(8, 31)) * 100,
            "r": round(float(rng.uniform(0.7, 0.92)), 2),
            "d": round(float(rng.uniform(0.05, 0.15)), 2),
        },
        "nouveau": {
            "cout": int(rng.integers(2, 10)) * 100,
            "marges": sorted(int(x) for x in rng.integers(2, 12, 5) * 100),
            "r": round(float(rng.uniform(0.6, 0.9)), 2),
            "d": round(float(rng.uniform(0.05, 0.15)), 2),
        },
        "offres": {
            "points": round(float(rng.uniform(0.02, 0.06)), 2),
            "cout_a": int(rng.integers(1, 5)) * 50,
            "marge_b": int(rng.integers(1, 8)) * 50,
        },
    }


def _tidy(answer: object) -> object:
    """A numeric answer rounded to 6 decimals (5399.999999999 is shown as 5 400)."""
    if answer is None or isinstance(answer, (bool, str)):
        return answer
    try:
        return round(float(answer), 6)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return answer


def _clv_end(answer: object, data: dict) -> Feedback:
    c = data["client"]
    return check_number(
        _tidy(answer),
        clv(c["m"], c["r"], c["d"]),
        what="la valeur vie client",
        hint="CLV = m r / (1 + d − r), avec r et d en fractions (0.9, pas 90).",
    )


def _clv_start(answer: object, data: dict) -> Feedback:
    c = data["client"]
    return check_number(
        _tidy(answer),
        clv(c["m"], c["r"], c["d"], timing="start"),
        what="la valeur vie client (première marge reçue tout de suite)",
        hint="Avec une marge reçue tout de suite, la formule devient m (1 + d) / (1 + d − r).",
    )


def _change(answer: object, data: dict) -> Feedback:
    c = data["client"]
    before, after = clv(c["m"], c["r"], c["d"]), clv(c["m"], c["r"] + 0.05, c["d"])
    return check_number(
        _tidy(answer),
        after / before - 1,
        what="la variation relative de la CLV",
        hint="CLV après / CLV avant − 1 : une fraction (0.4 = +40 %).",
        percent_hint=True,
    )


def _new_customer(answer: object, data: dict) -> Feedback:
    n = data["nouveau"]
    return check_number(
        _tidy(answer),
        customer_value(n["marges"], n["r"], n["d"], acquisition_cost=n["cout"]),
        what="la valeur actuelle d’un nouveau client",
        hint="Somme sur t = 1 à 5 de m_t r^t / (1 + d)^t, moins le coût d’acquisition.",
    )


def _offer(answer: object, data: dict) -> Feedback:
    c, o = data["client"], data["offres"]
    value_a = clv(c["m"] - o["cout_a"], c["r"] + o["points"], c["d"])
    value_b = clv(c["m"] + o["marge_b"], c["r"], c["d"])
    return check_choice(
        answer,
        "A" if value_a > value_b else "B",
        ["A", "B"],
        what="le choix de l’offre",
        hint="Calculez la CLV du client avec chaque offre (elles changent m ou r), puis comparez.",
    )


def _retention_for_double(answer: object, data: dict) -> Feedback:
    c = data["client"]
    target = 2 * clv(c["m"], c["r"], c["d"])
    return check_number(
        _tidy(answer),
        target * (1 + c["d"]) / (c["m"] + target),
        what="la rétention qui double la CLV",
        hint="Écrivez m r / (1 + d − r) = 2 × CLV et résolvez en r (r apparaît deux fois).",
        percent_hint=True,
    )


EXERCISE = Exercise(
    "12_fidelite",
    make_data,
    (
        Question("q1", "clv_fin", _clv_end, "m * r / (1 + d - r), avec m, r, d de CLIENT."),
        Question("q2", "clv_debut", _clv_start, "m * (1 + d) / (1 + d - r)."),
        Question(
            "q3",
            "variation",
            _change,
            "recalculez la CLV de la question 1 avec r + 0.05, puis divisez par clv_fin et "
            "retirez 1.",
        ),
        Question(
            "q4",
            "valeur_client",
            _new_customer,
            "-cout + sum(mt * (r / (1 + d)) ** t for t, mt in enumerate(marges, start=1)).",
        ),
        Question(
            "q5",
            "offre",
            _offer,
            "offre A : CLV avec m − cout_a et r + points ; offre B : CLV avec m + marge_b et "
            "le même r ; répondez 'A' ou 'B'.",
        ),
        Question(
            "q6",
            "retention_double",
            _retention_for_double,
            "m r = 2 CLV (1 + d − r) donne r (m + 2 CLV) = 2 CLV (1 + d).",
        ),
        Question(
            "q7",
            "reponse-q7",
            checklist=(
                "Reichheld et Sasser mesurent 5 points de défection en moins et la valeur d’un client",
                "appuie l’argument sur ses propres résultats (questions 3, 4 et 6)",
                "explique les écarts entre secteurs (coût d’acquisition, marge croissante, rétention)",
            ),
            points=2,
        ),
    ),
)
