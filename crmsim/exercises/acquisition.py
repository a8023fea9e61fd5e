"""Exercise 8, acquisition and word of mouth (Bass): variant data and answer checks.

Data (:func:`make_data`): ``campagnes`` (the ``campaigns`` table of a simulation of the
« calme » preset, 5 000 customers in a market of 100 000, 36 months, seed 2026 in the
course's version, a derived seed otherwise) and ``bass`` (p, q per month and M, the
market size: 0,003, 0,08 and 50 000 in the course's version) and ``canaux`` (two
channels whose acquisition costs are compared: publipostage and e-mail in the course's version).

Examples
--------
>>> from crmsim.exercises import acquisition
>>> exo = acquisition.EXERCISE.start("cours")
>>> exo["bass"]
{'p': 0.003, 'q': 0.08, 'M': 50000}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.analysis import bass_adoption, bass_peak, campaign_kpis_by_channel
from crmsim.exercises._checks import check_number
from crmsim.exercises._feedback import Feedback
from crmsim.exercises.variants import Exercise, Question

__all__ = ["EXERCISE", "make_data"]


def make_data(rng: np.random.Generator | None) -> dict:
    """The simulated campaigns and Bass parameters: the course's or a seeded variant."""
    from crmsim import simulate, small_portfolio  # the model is only needed to draw the data

    scenario = small_portfolio("calme", customers=5_000, months=36)
    if rng is None:
        seed, bass = 2026, {"p": 0.003, "q": 0.08, "M": 50_000}
        channels = ("publipostage", "e-mail")
    else:
        seed = int(rng.integers(2**31))
        bass = {
            "p": round(float(rng.uniform(0.002, 0.02)), 4),
            "q": round(float(rng.uniform(0.05, 0.4)), 3),
            "M": int(rng.integers(2, 21)) * 10_000,
        }
        names = ["publipostage", "téléphone", "e-mail", "force de vente", "web"]
        channels = tuple(str(c) for c in rng.choice(names, size=2, replace=False))
    campaigns = simulate(scenario, seed=seed, transactions=False).campaigns
    return {"campagnes": campaigns, "bass": bass, "canaux": channels}


def _kpis(data: dict) -> pd.DataFrame:
    return campaign_kpis_by_channel(data["campagnes"]).set_index("channel")


def _response_rate(answer: object, data: dict) -> Feedback:
    return check_number(
        answer,
        float(_kpis(data).loc["publipostage", "response_rate"]),
        what="le taux de remontée du publipostage",
        hint="Sur toute la période : total des réponses divisé par total des messages du canal.",
        percent_hint=True,
    )


def _cost_ratio(answer: object, data: dict) -> Feedback:
    costs = _kpis(data)["customer_acquisition_cost"]
    first, second = data["canaux"]
    return check_number(
        answer,
        float(costs[first] / costs[second]),
        what=f"le rapport des coûts d’acquisition « {first} » / « {second} »",
        hint="Le coût d’acquisition d’un canal, c’est son coût total divisé par ses commandes, "
        "sur toute la période ; calculez-le pour les deux canaux, puis divisez.",
    )


def _adopters(answer: object, data: dict) -> Feedback:
    p, q, m = data["bass"]["p"], data["bass"]["q"], data["bass"]["M"]
    return check_number(
        answer,
        float(bass_adoption(p, q, m, 12)["adopters"].iloc[12]),
        what="le nombre d’adoptants après 12 mois (Bass discret)",
        hint="Répétez 12 fois N = N + (p + q N / M)(M − N) en partant de N = 0.",
    )


def _peak(answer: object, data: dict) -> Feedback:
    return check_number(
        answer,
        bass_peak(data["bass"]["p"], data["bass"]["q"]),
        what="le mois du pic des adoptions",
        hint="t* = ln(q / p) / (p + q).",
        rel_tol=1e-2,
    )


def _half(answer: object, data: dict) -> Feedback:
    p, q, m = data["bass"]["p"], data["bass"]["q"], data["bass"]["M"]
    table = bass_adoption(p, q, m, 600)
    expected = int(table.loc[table["adopters"] >= m / 2, "period"].iloc[0])
    return check_number(
        answer,
        expected,
        what="le premier mois où la moitié du marché a adopté",
        hint="Poursuivez la récurrence mois après mois et arrêtez-vous dès que N ≥ M / 2.",
        rel_tol=0,
    )


EXERCISE = Exercise(
    "10_acquisition",
    make_data,
    (
        Question(
            "q1",
            "taux_remontee",
            _response_rate,
            "publipostage = campagnes[campagnes['channel'] == 'publipostage'] ; "
            "publipostage['responses'].sum() / publipostage['messages'].sum().",
        ),
        Question(
            "q2",
            "rapport_cac",
            _cost_ratio,
            "par_canal = campagnes.groupby('channel', observed=True)[['cost', 'orders']].sum() ; "
            "cac = par_canal['cost'] / par_canal['orders'] ; puis cac[premier] / cac[second].",
        ),
        Question(
            "q3",
            "adoptants_12",
            _adopters,
            "une boucle for _ in range(12) qui met à jour N ; N vaut 0.0 avant la boucle.",
        ),
        Question("q4", "mois_pic", _peak, "np.log(q / p) / (p + q)."),
        Question(
            "q5",
            "mois_moitie",
            _half,
            "une boucle while N < M / 2 qui compte les mois ; le mois 1 est la première "
            "application de la récurrence.",
        ),
        Question(
            "q6",
            "reponse-q6",
            checklist=(
                "les clients perdus cessent de recommander (Bass suppose que tout adoptant reste)",
                "les mécontents dissuadent et parlent à plus de monde que les satisfaits",
                "leviers sans campagne : qualité, traitement des réclamations, fidélisation",
            ),
            points=2,
        ),
    ),
)
