"""Answer checks of lesson 9: the four attrition types, competing risks, survival."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmsim.analysis import (
    competing_risks,
    geometric_survival,
    sbg_survival,
    yearly_to_monthly,
)
from crmsim.exercises._checks import check_number, check_sequence
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.labels import CAUSE_COLUMNS, CAUSES

__all__ = [
    "check_cause_shares",
    "check_complaints_kept",
    "check_crisis_peak_month",
    "check_departure_probability",
    "check_monthly_hazard",
    "check_sbg_retention",
    "check_survival",
]


def check_cause_shares(answer: object, monthly: pd.DataFrame) -> Feedback:
    """Check the share of departures of each cause (dict or Series indexed by cause)."""
    totals = np.array([monthly[c].sum() for c in CAUSE_COLUMNS], dtype=float)
    what = "la répartition des départs par cause"
    if is_unanswered(answer):
        return Feedback.todo(what)
    if isinstance(answer, (Mapping, pd.Series)):
        missing = [c for c in CAUSES if c not in answer]
        if missing:
            return Feedback(
                "incorrect",
                f"Il manque la ou les cause(s) : {', '.join(missing)}.",
                hint="Une entrée par cause : insatisfaction, structurelle, conjoncturelle, anecdotique.",
            )
        answer = [answer[c] for c in CAUSES]
    return check_sequence(
        answer,
        totals / totals.sum(),
        what=what,
        hint=(
            "Additionnez chaque colonne churned_... de monthly sur toute la période, puis "
            "divisez par le total des départs : les quatre parts font 1."
        ),
    )


def check_crisis_peak_month(answer: object, monthly: pd.DataFrame) -> Feedback:
    """Check the month with the most circumstantial departures."""
    expected = int(monthly.loc[monthly["churned_circumstantial"].idxmax(), "month"])
    return check_number(
        answer,
        expected,
        what="le mois du pic de l'attrition conjoncturelle",
        hint="Cherchez la ligne où churned_circumstantial est maximal (idxmax) et lisez son mois.",
        rel_tol=0,
    )


def check_departure_probability(answer: object, hazards: Mapping[str, float]) -> Feedback:
    """Check the monthly probability of leaving under competing risks."""
    expected = float(competing_risks(hazards, customers=1.0)["departures"].sum())
    return check_number(
        answer,
        expected,
        what="la probabilité de partir dans le mois",
        hint=(
            "Un client reste s'il échappe à toutes les causes : multipliez les (1 - h) puis "
            "prenez le complément. La simple somme des risques est une approximation."
        ),
        rel_tol=1e-4,
        percent_hint=True,
    )


def check_monthly_hazard(answer: object, yearly_rate: float = 0.10) -> Feedback:
    """Check the monthly rate equivalent to a yearly attrition rate."""
    return check_number(
        answer,
        yearly_to_monthly(yearly_rate),
        what="le taux d'attrition mensuel équivalent",
        hint="(1 - h)^12 = 1 - a, donc h = 1 - (1 - a)^(1/12) ; ce n'est pas a / 12.",
        rel_tol=1e-3,
        percent_hint=True,
    )


def check_survival(answer: object, months: int, yearly_rate: float = 0.10) -> Feedback:
    """Check the share of a cohort still there after ``months`` (constant monthly hazard
    equivalent to ``yearly_rate``)."""
    hazard = yearly_to_monthly(yearly_rate)
    expected = float(geometric_survival(hazard, months)["survival"].iloc[months])
    return check_number(
        answer,
        expected,
        what=f"la part de la cohorte encore cliente après {months} mois",
        hint="S(t) = (1 - h)^t.",
        rel_tol=1e-3,
        percent_hint=True,
    )


def check_sbg_retention(answer: object, alpha: float, beta: float, tenure: int) -> Feedback:
    """Check the sBG retention rate r_t at a given tenure."""
    expected = float(sbg_survival(alpha, beta, tenure)["retention"].iloc[tenure])
    return check_number(
        answer,
        expected,
        what=f"le taux de rétention au mois {tenure} (modèle sBG)",
        hint="r_t = (beta + t - 1) / (alpha + beta + t - 1).",
        rel_tol=1e-4,
        percent_hint=True,
    )


def check_complaints_kept(
    answer: object, dissatisfied: int = 1000, complaint_rate: float = 0.04, stay_rate: float = 0.95
) -> Feedback:
    """Check the dissatisfied customers kept thanks to an on-the-spot resolution."""
    return check_number(
        answer,
        dissatisfied * complaint_rate * stay_rate,
        what="le nombre de mécontents retenus grâce au traitement des réclamations",
        hint=(
            "Seuls les mécontents qui réclament peuvent être retenus : nombre de mécontents "
            "x part qui réclame x part qui reste après résolution sur-le-champ."
        ),
        rel_tol=1e-3,
    )
