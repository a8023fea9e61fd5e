"""Answer checks of the customer-experience lesson: gap, complaints, recovery, 20/30/50.

The exercise's data come from :func:`experience_runs` (two seeded simulations: the
reference and « réclamation facilitée »); every check takes the tables it needs, so the
same checks work for any seed (one variant per student).

Examples
--------
>>> import pandas as pd
>>> check_quality_offset(0.5, 0.5).ok
True
>>> check_share_under_promise(..., [6.0, 8.0], 7.0).status
'a_completer'
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from crmsim.analysis.experience import complaint_funnel, portfolio_tiers, recovery_outcomes
from crmsim.exercises._checks import check_number
from crmsim.exercises._feedback import Feedback

__all__ = [
    "check_complaint_share",
    "check_departures_avoided",
    "check_quality_offset",
    "check_recovery_stay_share",
    "check_share_under_promise",
    "check_top_tier_share",
    "experience_runs",
]


def experience_runs(seed=None, *, initial_customers: int = 3_000, months: int = 24) -> dict:
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

    base = cs.preset("calme").replace(
        **{
            "market.initial_customers": initial_customers,
            "market.market_size": 20 * initial_customers,
        },
        months=months,
    )
    ecoute = base.replace(
        **{"satisfaction.complaint_rate": 0.25, "satisfaction.resolution_rate": 0.95}
    )
    rng = np.random.default_rng(seed)
    # Both runs share one drawn seed: the same customers, only the policy differs.
    shared = int(rng.integers(2**31))
    return {
        "reference": cs.simulate(base, seed=shared, transactions=False),
        "ecoute": cs.simulate(ecoute, seed=shared, transactions=False),
    }


def check_complaint_share(answer: object, monthly: pd.DataFrame) -> Feedback:
    """Share of the customers who became dissatisfied and complained."""
    return check_number(
        answer,
        complaint_funnel(monthly)["complaint_share"],
        what="la part des mécontents qui réclament",
        hint=(
            "Additionnez complaints et new_dissatisfied sur toute la période, puis divisez "
            "le premier total par le second (une part entre 0 et 1)."
        ),
        percent_hint=True,
    )


def check_share_under_promise(
    answer: object, expectations: Iterable[float], service_quality: float
) -> Feedback:
    """Share of customers whose expectation is above the delivered quality (Δ < 0)."""
    values = np.asarray(list(expectations), dtype=float)
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


def check_quality_offset(answer: object, expectation_rise: float) -> Feedback:
    """Quality rise that exactly compensates a rise of every expectation (Δ unchanged)."""
    return check_number(
        answer,
        expectation_rise,
        what="la hausse de qualité qui compense la promesse",
        hint="Δ = qualité − attente : pour garder le même Δ, que faut-il ajouter à la qualité ?",
    )


def check_top_tier_share(answer: object, customers: pd.DataFrame) -> Feedback:
    """Share of revenue made by the best 20 % of the customers (first tranche)."""
    expected = float(portfolio_tiers(customers)["share_revenue"].iloc[0])
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


def check_departures_avoided(
    answer: object, reference: pd.DataFrame, ecoute: pd.DataFrame
) -> Feedback:
    """Departures for dissatisfaction avoided by easy complaints (reference − ecoute)."""
    expected = float(
        reference["churned_dissatisfaction"].sum() - ecoute["churned_dissatisfaction"].sum()
    )
    return check_number(
        answer,
        expected,
        what="le nombre de départs par insatisfaction évités",
        hint=(
            "Additionnez churned_dissatisfaction dans chaque table monthly, puis faites "
            "référence − écoute (positif si l'écoute évite des départs)."
        ),
        rel_tol=0,
    )


def check_recovery_stay_share(
    answer: object, interactions: pd.DataFrame, customers: pd.DataFrame
) -> Feedback:
    """Share of customers with a complaint solved at once who stay (not gone that month)."""
    expected = float(recovery_outcomes(interactions, customers)["stay_share"].iloc[0])
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
