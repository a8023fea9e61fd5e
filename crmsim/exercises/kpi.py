"""Answer checks of the campaign-indicators exercise, on the illustrative :data:`EMAILING`.

The course gives only the formulas; the campaign's numbers are made up for the exercise.
"""

from __future__ import annotations

import math

import numpy as np

from crmsim.analysis.kpi import campaign_kpis
from crmsim.exercises._checks import _as_float, check_number
from crmsim.exercises._feedback import Feedback, is_unanswered

__all__ = [
    "EMAILING",
    "check_break_even",
    "check_contact_cost",
    "check_conversion_rate",
    "check_customer_acquisition_cost",
    "check_response_rate",
    "check_result",
]

#: An illustrative e-mailing (not course data): keywords of ``campaign_kpis``.
EMAILING: dict[str, float] = {
    "total_cost": 12_000,
    "messages_sent": 40_000,
    "responses": 1_400,
    "orders": 168,
    "order_revenue": 109_200,
    "gross_margin_per_order": 195,
}


def _value(indicator_id: str) -> float:
    kpis = campaign_kpis(**EMAILING)
    return float(kpis.set_index("indicator_id").loc[indicator_id, "value"])


def check_contact_cost(answer: object) -> Feedback:
    """Check the cost per message sent (MAD)."""
    return check_number(
        answer,
        _value("contact_cost"),
        what="le coût du contact",
        hint="Coût total de l’opération divisé par le nombre de messages émis.",
    )


def check_response_rate(answer: object) -> Feedback:
    """Check the response rate (taux de remontée), as a share 0-1."""
    return check_number(
        answer,
        _value("response_rate"),
        what="le taux de remontée",
        hint="Nombre de réponses divisé par le nombre de messages émis ; une part entre 0 et 1.",
        percent_hint=True,
    )


def check_conversion_rate(answer: object) -> Feedback:
    """Check the conversion rate (the course's « coût de transformation »), share 0-1."""
    return check_number(
        answer,
        _value("conversion_rate"),
        what="le taux de transformation",
        hint=(
            "Nombre de commandes divisé par le nombre de RÉPONSES (pas par les messages) ; "
            "c’est un taux, sans unité monétaire."
        ),
        percent_hint=True,
    )


def check_customer_acquisition_cost(answer: object) -> Feedback:
    """Check the customer acquisition cost (MAD per order)."""
    return check_number(
        answer,
        _value("customer_acquisition_cost"),
        what="le coût d’acquisition du client",
        hint="Coût total de l’opération divisé par le nombre de commandes.",
    )


def check_break_even(answer: object) -> Feedback:
    """Check the break-even point: a whole number of orders, rounded UP (lesson 7's rule).

    The exact quotient (cost / gross margin per order) is recognised and answered with a
    hint about rounding, as is the quotient rounded down or to the nearest.
    """
    exact = _value("break_even_orders")
    expected = math.ceil(exact - 1e-9)
    value = None if is_unanswered(answer) else _as_float(answer)
    rounding = (
        "Le point mort est un nombre entier de commandes, arrondi à l’entier SUPÉRIEUR "
        "(math.ceil) : avec une commande de moins, la marge ne couvre pas encore le coût."
    )
    if value is not None and value != expected and np.isclose(value, exact, rtol=1e-3):
        return Feedback(
            "incorrect",
            "Le calcul est juste, mais le résultat n’est pas encore arrondi.",
            right=["Coût total divisé par la marge brute d’une commande : c’est la bonne formule."],
            wrong=["On ne vend pas une fraction de commande."],
            hint=rounding,
        )
    if value is not None and value == math.floor(exact) and value != expected:
        return Feedback(
            "incorrect",
            "Le point mort n’est pas encore juste : l’arrondi va dans le mauvais sens.",
            wrong=["Avec ce nombre de commandes, la marge brute ne couvre pas encore le coût."],
            hint=rounding,
        )
    return check_number(
        answer,
        expected,
        what="le point mort",
        hint=(
            "Coût total de l’opération divisé par la marge brute d’UNE commande (pas par la "
            "commande moyenne), puis arrondi à l’entier supérieur : le résultat est un nombre "
            "entier de commandes."
        ),
        rel_tol=1e-9,
    )


def check_result(answer: object) -> Feedback:
    """Check the campaign's result: orders x gross margin per order - total cost (MAD)."""
    expected = EMAILING["orders"] * EMAILING["gross_margin_per_order"] - EMAILING["total_cost"]
    return check_number(
        answer,
        expected,
        what="le résultat de la campagne",
        hint=(
            "Marge brute dégagée (commandes × marge brute par commande) moins le coût total ; "
            "négatif si la campagne perd de l’argent."
        ),
    )
