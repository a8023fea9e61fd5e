"""Exercise 1, the Pareto 20/80 rule: variant data and answer checks.

Data (:func:`make_data`): ``clients`` (customer_id, revenue in MAD; the course table
``pareto_clients`` in the course's version, else 20 to 30 customers with log-normal
revenues) and ``echantillon`` (customer_id, revenue: ``sample_customers_500`` or a
seeded :func:`crmsim.datasets.make_customer_sample` of 300 to 600 customers) and
``simules`` (customer_id, acquisition_month, active, revenue in MAD over the run: the
customers of a 24-month simulation of the ``cours`` preset, 800 customers at the start and
seed :data:`SIMULATED_COURSE_SEED` in the course's version, 500 to 1 000 customers and a
drawn seed otherwise; the lesson simulates another base).

Examples
--------
>>> from crmsim.exercises import pareto
>>> exo = pareto.EXERCISE.start("cours")
>>> exo.check("q2", [1, 16, 2, 20]).ok
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim.analysis.pareto import gini, pareto
from crmsim.exercises._checks import check_choice, check_number, check_sequence, check_set
from crmsim.exercises._feedback import Feedback
from crmsim.exercises._simulated import SIMULATED_MONTHS, draw_size_and_seed, simulated_customers
from crmsim.exercises.variants import Exercise, Question

__all__ = ["EXERCISE", "SIMULATED_COURSE_SEED", "make_data"]

#: Seed of the simulated base of the course's version (800 customers at the start).
SIMULATED_COURSE_SEED = 3103

_SIMULATED_COLUMNS = ["customer_id", "acquisition_month", "active", "revenue"]


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's tables: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        return {
            "clients": datasets.load("pareto_clients"),
            "echantillon": datasets.load("sample_customers_500"),
            "simules": simulated_customers(
                _SIMULATED_COLUMNS, customers=800, seed=SIMULATED_COURSE_SEED
            ),
        }
    n = int(rng.integers(20, 31))
    revenue = np.round(np.exp(rng.normal(np.log(30_000), rng.uniform(0.9, 1.6), n)), -2)
    clients = pd.DataFrame(
        {"customer_id": rng.permutation(np.arange(1, n + 1)), "revenue": np.maximum(revenue, 500)}
    ).sort_values("customer_id", ignore_index=True)
    sample = datasets.make_customer_sample(
        int(rng.integers(300, 601)),
        sigma=float(rng.choice([0.6, 0.8, 1.6, 1.9])),
        seed=int(rng.integers(2**31)),
    )
    customers, seed = draw_size_and_seed(rng)  # after the earlier draws: they stay the same
    simulated = simulated_customers(_SIMULATED_COLUMNS, customers=customers, seed=seed)
    return {"clients": clients, "echantillon": sample, "simules": simulated}


def _table(clients: pd.DataFrame) -> pd.DataFrame:
    return pareto(clients, target=0.8)


def _cumulative_shares(answer: object, data: dict) -> Feedback:
    return check_sequence(
        answer,
        _table(data["clients"])["cum_share"],
        what="la suite des parts cumulées du CA",
        hint="Triez par CA décroissant, puis divisez la somme cumulée du CA par le CA total.",
    )


def _head(answer: object, data: dict) -> Feedback:
    table = _table(data["clients"])
    return check_set(
        answer,
        table.loc[table["in_head"], "customer_id"].tolist(),
        what="la liste des clients qui font 80 % du CA",
        hint="Gardez les premiers clients du tableau trié jusqu’à atteindre 80 % du CA.",
        label="client",
    )


def _share_without_top(answer: object, data: dict) -> Feedback:
    clients = data["clients"]
    rest = clients.drop(index=clients["revenue"].idxmax())
    return check_number(
        answer,
        _table(rest)["in_head"].mean(),
        what="la part des clients de la nouvelle tête",
        hint="Refaites toute la méthode (trier, cumuler, couper) sur le portefeuille privé de "
        "son plus gros client, puis comptez la tête.",
        percent_hint=True,
    )


def _more_concentrated(answer: object, data: dict) -> Feedback:
    own, sample = gini(data["clients"]), gini(data["echantillon"])
    return check_choice(
        answer,
        "portefeuille" if own > sample else "échantillon",
        ["portefeuille", "échantillon"],
        what="le choix du CA le plus concentré",
        hint="Comparez les deux indices de Gini (cs.gini) : le plus grand est le plus concentré.",
    )


def _head_share(clients: pd.DataFrame) -> float:
    return float(_table(clients)["in_head"].mean())


def _simulated_heads(answer: object, data: dict) -> Feedback:
    simulated = data["simules"]
    present = simulated[(simulated["acquisition_month"] < 0) & simulated["active"]]
    return check_sequence(
        answer,
        [_head_share(simulated), _head_share(present)],
        what="les deux parts de clients de la tête (tous les clients simulés, puis ceux "
        f"présents les {SIMULATED_MONTHS} mois)",
        hint="Même méthode que pour votre portefeuille, deux fois : sur tout le tableau simulé, "
        "puis sur les clients arrivés avant le début (mois d’acquisition négatif) et encore "
        "actifs à la fin. Donnez des parts entre 0 et 1.",
    )


EXERCISE = Exercise(
    "03_pareto",
    make_data,
    (
        Question(
            "q1",
            "parts_cumulees",
            _cumulative_shares,
            "trie = clients.sort_values(['revenue', 'customer_id'], ascending=[False, True]), "
            "puis trie['revenue'].cumsum() / trie['revenue'].sum().",
        ),
        Question(
            "q2",
            "tete",
            _head,
            "le client qui fait franchir 80 % fait partie de la tête : gardez les lignes dont "
            "la part cumulée du client PRÉCÉDENT (parts_cumulees.shift(fill_value=0)) est "
            "sous 0,8.",
        ),
        Question(
            "q3",
            "part_sans_premier",
            _share_without_top,
            "retirez la ligne de clients['revenue'].idxmax(), recalculez les parts cumulées "
            "(le total a changé !), puis divisez la taille de la tête par le nombre de clients "
            "restants.",
        ),
        Question(
            "q4",
            "plus_concentre",
            _more_concentrated,
            "cs.gini(clients) et cs.gini(echantillon) ; répondez 'portefeuille' ou 'échantillon'.",
        ),
        Question(
            "q5",
            "reponse-q5",
            checklist=(
                "compare les deux Gini (ou les deux parts de clients) avec les valeurs de sa variante",
                "conclut que 20/80 est un ordre de grandeur à vérifier sur chaque portefeuille",
                "explique la dépendance envers la tête (départ du plus gros client)",
            ),
            points=2,
        ),
        Question(
            "q6",
            "parts_tete_simulee",
            _simulated_heads,
            "presents = simules[(simules['acquisition_month'] < 0) & simules['active']] ; pour "
            "chaque tableau t, len(cs.pareto_head(t, target=0.8)) / len(t).",
        ),
    ),
)
