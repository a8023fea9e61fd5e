"""Exercise 9, the four attrition types, competing risks, survival: variant data and checks.

Data (:func:`make_data`): ``mensuel`` (the ``monthly`` table of a 48-month simulation of
the « crise » preset, 5 000 customers in a market of 100 000, the crisis starting in month
24 in the course's version, in a drawn month otherwise), ``risques`` (three monthly
hazards by cause), ``taux_annuel`` (a yearly attrition rate), ``mois`` (a horizon in
months), ``sbg`` (alpha, beta of the shifted-beta-geometric model) and ``reclamations``
(dissatisfied customers, share who complain, share kept after an on-the-spot
resolution). The course's version uses seed 2027 and parameters of its own, different
from the lesson's examples.

Examples
--------
>>> from crmsim.exercises import attrition
>>> attrition.EXERCISE.start("cours")["taux_annuel"]
0.12
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmsim.analysis import competing_risks, geometric_survival, sbg_survival, yearly_to_monthly
from crmsim.exercises._checks import check_number, check_sequence
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises.variants import Exercise, Question
from crmsim.labels import CAUSE_COLUMNS, CAUSES

__all__ = ["EXERCISE", "make_data"]


def make_data(rng: np.random.Generator | None) -> dict:
    """The simulated months and the parameters: the course's or a seeded variant."""
    from crmsim import simulate, small_portfolio  # the model is only needed to draw the data

    scenario = small_portfolio("crise", customers=5_000, months=48)
    crisis = {"events.crisis_month": 24}
    if rng is None:
        seed = 2027
        params = {
            "risques": {"insatisfaction": 0.005, "structurelle": 0.0025, "anecdotique": 0.006},
            "taux_annuel": 0.12,
            "mois": 30,
            "sbg": {"alpha": 1.5, "beta": 12.0},
            "reclamations": {"mecontents": 800, "part_reclame": 0.05, "part_reste": 0.9},
        }
    else:
        seed = int(rng.integers(2**31))
        crisis = {
            "events.crisis_month": int(rng.integers(6, 40)),
            "events.crisis_duration_months": int(rng.integers(1, 5)),
        }
        params = {
            "risques": {
                "insatisfaction": round(float(rng.uniform(0.002, 0.01)), 4),
                "structurelle": round(float(rng.uniform(0.001, 0.005)), 4),
                "anecdotique": round(float(rng.uniform(0.002, 0.008)), 4),
            },
            "taux_annuel": round(float(rng.uniform(0.05, 0.25)), 2),
            "mois": int(rng.integers(12, 61)),
            "sbg": {
                "alpha": round(float(rng.uniform(0.5, 3.0)), 1),
                "beta": round(float(rng.uniform(4.0, 20.0)), 1),
            },
            "reclamations": {
                "mecontents": int(rng.integers(5, 31)) * 100,
                "part_reclame": round(float(rng.uniform(0.02, 0.1)), 2),
                "part_reste": round(float(rng.uniform(0.8, 0.97)), 2),
            },
        }
    monthly = simulate(scenario.replace(**crisis), seed=seed, transactions=False).monthly
    return {"mensuel": monthly, **params}


def _cause_shares(answer: object, data: dict) -> Feedback:
    monthly = data["mensuel"]
    totals = np.array([monthly[c].sum() for c in CAUSE_COLUMNS], dtype=float)
    what = "la répartition des départs par cause"
    if is_unanswered(answer):
        return Feedback.todo(what)
    if isinstance(answer, (Mapping, pd.Series)):
        missing = [c for c in CAUSES if c not in answer]
        if missing:
            return Feedback(
                "incorrect",
                f"Il manque la ou les cause(s) : {', '.join(missing)}.",
                hint="Une entrée par cause : insatisfaction, structurelle, conjoncturelle, anecdotique.",
            )
        answer = [answer[c] for c in CAUSES]
    return check_sequence(
        answer,
        totals / totals.sum(),
        what=what,
        hint=(
            "Additionnez chaque colonne churned_... de monthly sur toute la période, puis "
            "divisez par le total des départs : les quatre parts font 1."
        ),
    )


def _peak_month(answer: object, data: dict) -> Feedback:
    monthly = data["mensuel"]
    return check_number(
        answer,
        int(monthly.loc[monthly["churned_circumstantial"].idxmax(), "month"]),
        what="le mois du pic de l’attrition conjoncturelle",
        hint="Cherchez la ligne où les départs conjoncturels sont les plus nombreux et lisez son mois.",
        rel_tol=0,
    )


def _departure(answer: object, data: dict) -> Feedback:
    return check_number(
        answer,
        float(competing_risks(data["risques"], customers=1.0)["departures"].sum()),
        what="la probabilité de partir dans le mois",
        hint="Un client reste s’il échappe à TOUTES les causes ; la simple somme des risques "
        "n’est qu’une approximation.",
        rel_tol=1e-4,
        percent_hint=True,
    )


def _hazard(answer: object, data: dict) -> Feedback:
    return check_number(
        answer,
        yearly_to_monthly(data["taux_annuel"]),
        what="le taux d’attrition mensuel équivalent",
        hint="Douze mois de survie à (1 − h) doivent donner la survie annuelle 1 − a ; "
        "ce n’est pas a / 12.",
        percent_hint=True,
    )


def _survival(answer: object, data: dict) -> Feedback:
    months = data["mois"]
    hazard = yearly_to_monthly(data["taux_annuel"])
    return check_number(
        answer,
        float(geometric_survival(hazard, months)["survival"].iloc[months]),
        what=f"la part de la cohorte encore cliente après {months} mois",
        hint="Avec un risque constant, la survie après t mois est (1 − h) puissance t.",
        percent_hint=True,
    )


def _retention(answer: object, data: dict) -> Feedback:
    alpha, beta = data["sbg"]["alpha"], data["sbg"]["beta"]
    table = sbg_survival(alpha, beta, 24)["retention"]
    return check_sequence(
        answer,
        [float(table.iloc[1]), float(table.iloc[24])],
        what="les rétentions au 1er et au 24e mois (sBG)",
        hint="r_t = (β + t − 1) / (α + β + t − 1), pour t = 1 puis t = 24.",
        rel_tol=1e-4,
    )


def _kept(answer: object, data: dict) -> Feedback:
    c = data["reclamations"]
    return check_number(
        answer,
        c["mecontents"] * c["part_reclame"] * c["part_reste"],
        what="le nombre de mécontents retenus grâce au traitement des réclamations",
        hint="Seuls les mécontents qui réclament peuvent être retenus.",
    )


EXERCISE = Exercise(
    "11_attrition",
    make_data,
    (
        Question(
            "q1",
            "parts",
            _cause_shares,
            "total des départs = somme des quatre colonnes churned_... sur tous les mois ; "
            "chaque part = somme de sa colonne / ce total.",
        ),
        Question(
            "q2",
            "mois_pic",
            _peak_month,
            "mensuel.loc[mensuel['churned_circumstantial'].idxmax(), 'month'].",
        ),
        Question(
            "q3",
            "p_depart",
            _departure,
            "1 - produit des (1 - h) sur les trois risques (np.prod).",
        ),
        Question("q4", "h", _hazard, "h = 1 - (1 - a) ** (1 / 12)."),
        Question("q5", "survie", _survival, "(1 - h) ** MOIS, avec le h de la question 4."),
        Question(
            "q6",
            "retentions",
            _retention,
            "[(beta + 1 - 1) / (alpha + beta + 1 - 1), (beta + 24 - 1) / (alpha + beta + 24 - 1)].",
        ),
        Question(
            "q7",
            "retenus",
            _kept,
            "mécontents × part qui réclame × part qui reste après résolution sur-le-champ.",
        ),
        Question(
            "q8",
            "reponse-q8",
            checklist=(
                "effet de sélection : les clients à risque élevé partent les premiers",
                "aucun client ne devient plus fidèle : c’est la composition de la cohorte qui change",
                "la plupart des mécontents ne réclament pas : il faut aller chercher l’insatisfaction",
            ),
            points=2,
        ),
    ),
)
