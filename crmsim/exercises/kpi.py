"""Exercise 7, campaign indicators: variant data and answer checks.

The course gives only the formulas; the campaign's numbers are illustrative. Data
(:func:`make_data`): ``emailing``, the keywords of :func:`crmsim.analysis.kpi.campaign_kpis`
(total_cost and order_revenue in MAD, messages_sent, responses, orders,
gross_margin_per_order in MAD): :data:`EMAILING` in the course's version, drawn otherwise.
``mailing`` is a postal mailing to compare with (total_cost, orders,
gross_margin_per_order): :data:`POSTAL`, the lesson's, in the course's version.
``campagnes_simulees`` is the ``campaigns`` table of a small simulated run
(:func:`simulated_campaigns`: :data:`COURSE_RUN` in the course's version; a variant draws
its months and seed after its other numbers, so that they never change).

Examples
--------
>>> from crmsim.exercises import kpi
>>> kpi.EXERCISE.start("cours").check("q1", [0.3, 12_000 / 168]).ok
True
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from crmsim.analysis.kpi import campaign_kpis
from crmsim.analysis.simulated import campaign_kpis_by_channel
from crmsim.exercises._checks import check_choice, check_number, check_sequence
from crmsim.exercises._feedback import Feedback
from crmsim.exercises.variants import Exercise, Question

__all__ = ["COURSE_RUN", "EMAILING", "EXERCISE", "POSTAL", "make_data", "simulated_campaigns"]

#: The course version's e-mailing (illustrative): keywords of ``campaign_kpis``.
EMAILING: dict[str, float] = {
    "total_cost": 12_000,
    "messages_sent": 40_000,
    "responses": 1_400,
    "orders": 168,
    "order_revenue": 109_200,
    "gross_margin_per_order": 195,
}
#: The course version's postal publipostage (the lesson's): cost (MAD), orders, gross margin per order (MAD).
POSTAL: dict[str, float] = {"total_cost": 50_000, "orders": 100, "gross_margin_per_order": 250}
#: The simulated run of the course's version: months and seed (the lesson uses others).
COURSE_RUN = {"months": 24, "seed": 2026}


def simulated_campaigns(months: int, seed: int) -> pd.DataFrame:
    """The acquisition campaigns of a small run of the ``cours`` preset (150 customers).

    Columns
    -------
    month : int
    channel : str
        publipostage, téléphone, e-mail, force de vente or web.
    messages, responses, orders : int
        Messages sent, responses, first orders of the month's campaign.
    cost, revenue, gross_margin : float
        Cost of the campaign, revenue and gross margin of its first orders (MAD).

    Examples
    --------
    >>> campagnes = simulated_campaigns(6, seed=1)
    >>> int(campagnes["month"].nunique()), "publipostage" in set(campagnes["channel"])
    (6, True)
    """
    from crmsim import simulate, small_portfolio  # the model is only needed to draw the data

    scenario = small_portfolio("cours", customers=150, months=months)
    return simulate(scenario, seed=seed, transactions=False).campaigns


def make_data(rng: np.random.Generator | None) -> dict:
    """The campaign's numbers: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        return {
            "emailing": dict(EMAILING),
            "mailing": dict(POSTAL),
            "campagnes_simulees": simulated_campaigns(**COURSE_RUN),
        }
    messages = int(rng.integers(20, 81)) * 1_000
    responses = int(messages * rng.uniform(0.01, 0.05))
    orders = int(responses * rng.uniform(0.05, 0.2))
    margin = int(rng.integers(12, 41)) * 10
    emailing = {
        "total_cost": float(round(messages * rng.uniform(0.2, 0.9), -2)),
        "messages_sent": messages,
        "responses": responses,
        "orders": orders,
        "order_revenue": float(orders * margin * int(rng.integers(2, 5))),
        "gross_margin_per_order": margin,
    }
    letters = int(rng.integers(5, 16)) * 1_000
    mailing = {
        "total_cost": 5.0 * letters,
        "orders": int(letters * 0.01 * rng.uniform(0.8, 3.0)),
        "gross_margin_per_order": 250,
    }
    simulated = simulated_campaigns(int(rng.integers(12, 37)), int(rng.integers(2**31)))
    return {"emailing": emailing, "mailing": mailing, "campagnes_simulees": simulated}


def _value(data: dict, indicator_id: str) -> float:
    kpis = campaign_kpis(**data["emailing"]).set_index("indicator_id")
    return float(kpis.loc[indicator_id, "value"])


def _result(campaign: dict) -> float:
    return campaign["orders"] * campaign["gross_margin_per_order"] - campaign["total_cost"]


def _costs(answer: object, data: dict) -> Feedback:
    return check_sequence(
        answer,
        [_value(data, "contact_cost"), _value(data, "customer_acquisition_cost")],
        what="le coût du contact et le coût d’acquisition du client",
        hint="Le coût total se divise par ce que l’on compte : les messages, puis les commandes.",
    )


def _rates(answer: object, data: dict) -> Feedback:
    return check_sequence(
        answer,
        [_value(data, "response_rate"), _value(data, "conversion_rate")],
        what="le taux de remontée et le taux de transformation",
        hint="Deux parts entre 0 et 1 ; le « coût de transformation » du cours est un taux.",
    )


def _break_even(answer: object, data: dict) -> Feedback:
    """Break-even: a whole number of orders, rounded UP (lesson's rule, docs/style-fr.md).

    The exact quotient (cost / gross margin per order) and the quotient rounded down are
    recognised and answered with a hint about rounding.
    """
    exact = _value(data, "break_even_orders")
    expected = math.ceil(exact - 1e-9)
    rounding = (
        "Le point mort est un nombre entier de commandes, arrondi à l’entier SUPÉRIEUR "
        "(math.ceil)\u202f: avec une commande de moins, la marge ne couvre pas encore le coût."
    )
    feedback = check_number(
        answer,
        expected,
        what="le point mort",
        hint="Coût total divisé par la marge brute d’UNE commande, arrondi à la commande "
        "supérieure\u202f: un nombre entier de commandes.",
    )
    whole = isinstance(answer, numbers.Real) and float(answer).is_integer()
    if feedback.ok and whole:
        return feedback
    if expected != exact and check_number(answer, exact, what="", hint="").ok:
        return Feedback(
            "incorrect",
            "Le calcul est juste, mais le résultat n’est pas encore arrondi.",
            right=[
                "Coût total divisé par la marge brute d’une commande\u202f: c’est la bonne formule."
            ],
            wrong=["On ne vend pas une fraction de commande."],
            hint=rounding,
        )
    if (
        expected != math.floor(exact)
        and check_number(answer, math.floor(exact), what="", hint="").ok
    ):
        return Feedback(
            "incorrect",
            "Le point mort n’est pas encore juste\u202f: l’arrondi va dans le mauvais sens.",
            wrong=["Avec ce nombre de commandes, la marge brute ne couvre pas encore le coût."],
            hint=rounding,
        )
    return feedback


def _result_check(answer: object, data: dict) -> Feedback:
    return check_number(
        answer,
        _result(data["emailing"]),
        what="le résultat de la campagne",
        hint="Marge brute dégagée par les commandes moins le coût total ; négatif si la "
        "campagne perd de l’argent.",
    )


def _min_response_rate(answer: object, data: dict) -> Feedback:
    campaign = data["emailing"]
    needed_orders = math.ceil(_value(data, "break_even_orders") - 1e-9)
    return check_number(
        answer,
        needed_orders / _value(data, "conversion_rate") / campaign["messages_sent"],
        what="le taux de remontée minimal",
        hint="Partez du point mort (commandes nécessaires), remontez aux réponses nécessaires "
        "avec le taux de transformation, puis rapportez-les aux messages émis.",
        percent_hint=True,
    )


def _best(answer: object, data: dict) -> Feedback:
    return check_choice(
        answer,
        "électronique" if _result(data["emailing"]) > _result(data["mailing"]) else "postal",
        ["électronique", "postal"],
        what="le choix de la campagne la plus rentable",
        hint="Comparez les résultats (en MAD) des deux campagnes, pas leurs taux.",
    )


def _simulated_break_even(answer: object, data: dict) -> Feedback:
    kpis = campaign_kpis_by_channel(data["campagnes_simulees"]).set_index("channel")
    return check_number(
        answer,
        math.ceil(float(kpis.loc["publipostage", "break_even_orders"]) - 1e-9),
        what="le point mort du publipostage simulé",
        hint="Sur toute la période : coût total du canal divisé par la marge brute d’UNE "
        "commande (marge brute totale / commandes), arrondi à la commande supérieure.",
        rel_tol=0.0,
    )


EXERCISE = Exercise(
    "09_kpi",
    make_data,
    (
        Question(
            "q1",
            "couts",
            _costs,
            "[cout_total / messages, cout_total / commandes].",
        ),
        Question(
            "q2",
            "taux",
            _rates,
            "[reponses / messages, commandes / reponses] : la transformation se mesure sur "
            "les réponses, pas sur les messages.",
        ),
        Question("q3", "point_mort", _break_even, "cout_total / marge_par_commande."),
        Question("q4", "resultat", _result_check, "commandes * marge_par_commande - cout_total."),
        Question(
            "q5",
            "taux_remontee_minimal",
            _min_response_rate,
            "point_mort / taux_transformation donne les réponses nécessaires ; divisez par "
            "messages.",
        ),
        Question(
            "q6",
            "plus_rentable",
            _best,
            "résultat du publipostage postal : commandes × marge par commande − coût total, avec "
            "les chiffres du dictionnaire `mailing` ; comparez-le à votre resultat.",
        ),
        Question(
            "q7",
            "reponse-q7",
            checklist=(
                "compare les taux ET les coûts des deux campagnes avec ses chiffres",
                "conclut sur la rentabilité à court terme (résultats en MAD)",
                "nuance : clients touchés, valeur vie des clients acquis, groupe témoin",
            ),
            points=2,
        ),
        Question(
            "q8",
            "point_mort_publipostage",
            _simulated_break_even,
            "pub = campagnes_simulees[campagnes_simulees['channel'] == 'publipostage'] ; "
            "marge d’une commande = pub['gross_margin'].sum() / pub['orders'].sum() ; "
            "math.ceil(pub['cost'].sum() / marge).",
        ),
    ),
)
