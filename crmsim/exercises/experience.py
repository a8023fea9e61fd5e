"""Exercise on customer experience: gap, complaints, recovery, 20/30/50 (variant data, checks).

Data (:func:`make_data`): ``reference`` and ``ecoute``, two simulations of the ``calme``
preset with the same seed (:func:`experience_runs`; ``ecoute`` makes complaining easy),
``qualite`` (the delivered quality, out of 10), ``hausse_promesse`` (the rise of every
expectation promised by an advertisement, in points), ``taux_reclamation`` and
``taux_resolution`` of ``ecoute``. The course's version: seed 2026, 3 000 customers over
24 months, quality 7,5, promise +0,5, 25 % and 95 %; a student's variant draws the seed
and these parameters. The checks (``check(answer, data)``) recompute every expected
answer from these tables.

Examples
--------
>>> exo = EXERCISE.start("cours")
>>> exo.check("q3", 0.5).ok
True
>>> exo.check("q2", ...).status
'a_completer'
"""

from __future__ import annotations

import numpy as np

from crmsim.analysis.experience import complaint_funnel, portfolio_tiers, recovery_outcomes
from crmsim.exercises._checks import check_number
from crmsim.exercises._feedback import Feedback
from crmsim.exercises.variants import Exercise, Question

__all__ = ["EXERCISE", "experience_runs", "make_data"]

#: Parameters of the course's version.
COURSE = {
    "seed": 2026,
    "qualite": 7.5,
    "hausse_promesse": 0.5,
    "taux_reclamation": 0.25,
    "taux_resolution": 0.95,
}


def experience_runs(
    seed=None,
    *,
    initial_customers: int = 3_000,
    months: int = 24,
    complaint_rate: float = 0.25,
    resolution_rate: float = 0.95,
) -> dict:
    """The two runs of the exercise: ``"reference"`` and ``"ecoute"`` (easy complaints).

    Both start from the ``calme`` preset (``initial_customers`` customers, a market 20
    times larger) and use the same ``seed``; « ecoute » makes 25 % of the dissatisfied
    complain (instead of 4 %) and solves 95 % of complaints at once (instead of 80 %).

    Parameters
    ----------
    seed : None, int or numpy Generator
        Seed of both simulations (one per student for personal variants).
    initial_customers, months : int

    Returns
    -------
    dict of str -> SimulationResult

    Examples
    --------
    >>> runs = experience_runs(seed=1, initial_customers=500, months=6)
    >>> sorted(runs)
    ['ecoute', 'reference']
    """
    import crmsim as cs  # the public API only (the engine's modules may move)

    base = cs.small_portfolio("calme", customers=initial_customers, months=months)
    ecoute = base.replace(
        **{
            "satisfaction.complaint_rate": complaint_rate,
            "satisfaction.resolution_rate": resolution_rate,
        }
    )
    rng = np.random.default_rng(seed)
    # Both runs share one drawn seed: the same customers, only the policy differs.
    shared = int(rng.integers(2**31))
    return {
        "reference": cs.simulate(base, seed=shared, transactions=False),
        "ecoute": cs.simulate(ecoute, seed=shared, transactions=False),
    }


def _complaint_share(answer: object, data: dict) -> Feedback:
    """Share of the customers who became dissatisfied and complained."""
    return check_number(
        answer,
        complaint_funnel(data["reference"].monthly)["complaint_share"],
        what="la part des mécontents qui réclament",
        hint=(
            "Additionnez complaints et new_dissatisfied sur toute la période, puis divisez "
            "le premier total par le second (une part entre 0 et 1)."
        ),
        percent_hint=True,
    )


def _share_under_promise(answer: object, data: dict) -> Feedback:
    """Share of customers whose expectation is above the delivered quality (Δ < 0)."""
    values = data["reference"].customers["expectation"].to_numpy(dtype=float)
    service_quality = data["qualite"]
    return check_number(
        answer,
        float((values > service_quality).mean()),
        what="la part des clients sous leur attente",
        hint=(
            "Un client est déçu quand son attente dépasse la qualité délivrée : comptez les "
            "attentes strictement supérieures à la qualité, puis divisez par le nombre de clients."
        ),
        percent_hint=True,
    )


def _quality_offset(answer: object, data: dict) -> Feedback:
    """Quality rise that exactly compensates a rise of every expectation (Δ unchanged)."""
    return check_number(
        answer,
        data["hausse_promesse"],
        what="la hausse de qualité qui compense la promesse",
        hint="Δ = qualité − attente : pour garder le même Δ, que faut-il ajouter à la qualité ?",
    )


def _top_tier_share(answer: object, data: dict) -> Feedback:
    """Share of revenue made by the best 20 % of the customers (first tranche)."""
    expected = float(portfolio_tiers(data["reference"].customers)["share_revenue"].iloc[0])
    return check_number(
        answer,
        expected,
        what="la part du CA des 20 % meilleurs clients",
        hint=(
            "Triez les clients par CA décroissant, gardez les 20 % premiers (arrondi au client "
            "près) et divisez leur CA par le CA total."
        ),
        rel_tol=1e-3,
        percent_hint=True,
    )


def _departures_avoided(answer: object, data: dict) -> Feedback:
    """Departures for dissatisfaction avoided by easy complaints (reference − ecoute)."""
    reference, ecoute = data["reference"].monthly, data["ecoute"].monthly
    expected = float(
        reference["churned_dissatisfaction"].sum() - ecoute["churned_dissatisfaction"].sum()
    )
    return check_number(
        answer,
        expected,
        what="le nombre de départs par insatisfaction évités",
        hint=(
            "Additionnez churned_dissatisfaction dans chaque table monthly, puis faites "
            "référence − écoute (positif si l’écoute évite des départs)."
        ),
        rel_tol=0,
    )


def _recovery_stay_share(answer: object, data: dict) -> Feedback:
    """Share of customers with a complaint solved at once who stay (not gone that month)."""
    expected = float(
        recovery_outcomes(data["ecoute"].interactions, data["ecoute"].customers)["stay_share"].iloc[
            0
        ]
    )
    return check_number(
        answer,
        expected,
        what="la part des clients qui restent après une réclamation résolue",
        hint=(
            "Pour chaque client, prenez le mois de sa première « réclamation résolue » dans "
            "interactions ; il est parti si churn_month vaut ce mois. Part restée = 1 − partis / clients."
        ),
        percent_hint=True,
    )


def make_data(rng: np.random.Generator | None) -> dict:
    """The two runs and the parameters: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        params = dict(COURSE)
    else:
        params = {
            "seed": int(rng.integers(2**31)),
            "qualite": round(float(rng.uniform(6.8, 8.2)), 1),
            "hausse_promesse": round(float(rng.uniform(0.3, 1.2)), 1),
            "taux_reclamation": round(float(rng.uniform(0.15, 0.35)), 2),
            "taux_resolution": round(float(rng.uniform(0.88, 0.97)), 2),
        }
    runs = experience_runs(
        seed=params.pop("seed"),
        complaint_rate=params["taux_reclamation"],
        resolution_rate=params["taux_resolution"],
    )
    return {**runs, **params}


EXERCISE = Exercise(
    "13_experience_client",
    make_data,
    (
        Question(
            "q1",
            "part_reclamation",
            _complaint_share,
            "mensuel['complaints'].sum() / mensuel['new_dissatisfied'].sum(), dans "
            "reference.monthly.",
        ),
        Question(
            "q2",
            "part_decus",
            _share_under_promise,
            "la moyenne du booléen (attentes > qualite) donne directement la part ; « strictement "
            "supérieure » : pas >=.",
        ),
        Question(
            "q3",
            "hausse_qualite",
            _quality_offset,
            "si chaque attente monte de hausse_promesse, Δ baisse d’autant pour chaque client ; "
            "la qualité doit compenser exactement cette baisse.",
        ),
        Question(
            "q4",
            "departs_evites",
            _departures_avoided,
            "reference.monthly['churned_dissatisfaction'].sum() moins la même somme dans "
            "ecoute.monthly.",
        ),
        Question(
            "q5",
            "part_restee",
            _recovery_stay_share,
            "groupby('customer_id')['month'].min() sur les réclamations résolues, puis comparez "
            "au churn_month de ecoute.customers (reindex sur les mêmes clients).",
        ),
        Question(
            "q6",
            "part_top20",
            _top_tier_share,
            "sort_values(ascending=False) sur revenue, round(0.2 * len(...)) premiers clients, "
            "leur somme divisée par la somme de tous.",
        ),
        Question(
            "q7",
            "reponse-q7",
            checklist=(
                "les réclamations révèlent des mécontents qui existaient (question 1), elles "
                "n’en créent pas",
                "s’appuie sur ses chiffres : départs évités (question 4), part qui reste après "
                "une résolution (question 5)",
                "un client gardé évite une nouvelle acquisition : la réclamation est un "
                "investissement",
                "Δ = qualité − attente : une promesse qui monte autant que le service annule "
                "l’effet (question 3)",
            ),
            points=2,
        ),
    ),
)
