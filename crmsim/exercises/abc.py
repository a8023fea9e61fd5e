"""Exercise 2, the ABC method (10/30/60): variant data and answer checks.

Data (:func:`make_data`): ``clients`` (customer_id, revenue in MAD): the course table
``abc_clients`` in the course's version, else 20 to 40 customers with log-normal revenues;
``simules`` (customer_id, revenue in MAD over the run, tenure_months): the customers of a
24-month simulation of the ``cours`` preset, 700 customers at the start and seed
:data:`SIMULATED_COURSE_SEED` in the course's version, 500 to 1 000 customers and a drawn
seed otherwise (the lesson simulates another base).

Examples
--------
>>> from crmsim.exercises import abc
>>> exo = abc.EXERCISE.start("cours")
>>> exo.check("q2", [5, 19]).ok
True
>>> print(*exo.check("q4", [60, 31.5, 8.5]).wrong)
Les valeurs semblent exprimées en pourcentages : donnez des parts entre 0 et 1.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim.analysis.abc import abc, abc_summary
from crmsim.exercises._checks import check_sequence, check_set
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises._simulated import draw_size_and_seed, simulated_customers
from crmsim.exercises.variants import Exercise, Question

__all__ = ["EXERCISE", "SIMULATED_COURSE_SEED", "make_data"]

#: Seed of the simulated base of the course's version (700 customers at the start).
SIMULATED_COURSE_SEED = 3104

_SIMULATED_COLUMNS = ["customer_id", "revenue", "tenure_months"]

_SORT = "Triez les clients par CA décroissant : "


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's tables: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        simulated = simulated_customers(
            _SIMULATED_COLUMNS, customers=700, seed=SIMULATED_COURSE_SEED
        )
        return {"clients": datasets.load("abc_clients"), "simules": simulated}
    n = int(rng.integers(20, 41))
    revenue = np.round(np.exp(rng.normal(np.log(20_000), rng.uniform(1.0, 1.6), n)), -2)
    ids = rng.choice(np.arange(1, 100), size=n, replace=False)
    clients = pd.DataFrame({"customer_id": ids, "revenue": np.maximum(revenue, 500)})
    customers, seed = draw_size_and_seed(rng)  # after the earlier draws: they stay the same
    return {
        "clients": clients.sort_values("customer_id", ignore_index=True),
        "simules": simulated_customers(_SIMULATED_COLUMNS, customers=customers, seed=seed),
    }


def _members(clients: pd.DataFrame, cls: str, **options) -> list:
    table = abc(clients, **options)
    return table.loc[table["abc_class"] == cls, "customer_id"].tolist()


def _sizes(answer: object, data: dict) -> Feedback:
    return check_sequence(
        answer,
        abc_summary(data["clients"])["customers"],
        what="le nombre de clients des classes A, B et C",
        hint="Appliquez 10 % puis 10 + 30 = 40 % au nombre de clients (rangs cumulés, "
        "arrondis) : A, B, C dans cet ordre.",
    )


def _class(cls: str, rule: str):
    def check(answer: object, data: dict) -> Feedback:
        return check_set(
            answer,
            _members(data["clients"], cls),
            what=f"la liste des clients de la classe {cls}",
            hint=_SORT + rule,
            label="client",
        )

    return check


def _shares(answer: object, data: dict) -> Feedback:
    expected = abc_summary(data["clients"])["share_revenue"].to_numpy()
    hint = "Additionnez le CA de chaque classe et divisez par le CA total : trois parts (A, B, C)."
    if not is_unanswered(answer) and not isinstance(answer, (str, dict)):
        try:
            given = np.asarray(list(answer), dtype=float)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            given = None
        if given is not None and given.shape == expected.shape:
            if np.allclose(given, 100 * expected, rtol=1e-3):
                return Feedback(
                    "incorrect",
                    "La suite des parts du CA des classes A, B et C n’est pas encore juste.",
                    wrong=[
                        "Les valeurs semblent exprimées en pourcentages : donnez des parts "
                        "entre 0 et 1."
                    ],
                    hint=hint,
                )
    return check_sequence(
        answer, expected, what="la suite des parts du CA des classes A, B et C", hint=hint
    )


def _switchers(answer: object, data: dict) -> Feedback:
    course = set(_members(data["clients"], "A"))
    variant = set(_members(data["clients"], "A", by="revenue", revenue_cuts=(0.80, 0.95)))
    return check_set(
        answer,
        sorted(variant - course),
        what="la liste des clients en A seulement avec la variante par CA cumulé",
        hint="Faites les deux classements, puis gardez les clients de la classe A de la "
        "variante qui ne sont pas dans la classe A de la méthode du cours.",
        label="client",
    )


def _tenure_by_class(answer: object, data: dict) -> Feedback:
    simulated = data["simules"]
    classes = abc(simulated)[["customer_id", "abc_class"]].merge(simulated, on="customer_id")
    expected = classes.groupby("abc_class")["tenure_months"].mean().reindex(list("ABC"))
    return check_sequence(
        answer,
        expected,
        what="l’ancienneté moyenne (en mois) des classes A, B et C des clients simulés",
        hint="Classez les clients simulés avec la méthode du cours (cs.abc), rattachez à "
        "chacun son ancienneté (tenure_months), puis faites la moyenne par classe, dans "
        "l’ordre A, B, C.",
    )


EXERCISE = Exercise(
    "04_abc",
    make_data,
    (
        Question(
            "q1",
            "effectifs",
            _sizes,
            "les classes se coupent sur les rangs cumulés : A va jusqu’au rang arrondi de "
            "0,10 × n, B jusqu’au rang arrondi de 0,40 × n (demi arrondi vers le haut), C prend "
            "le reste.",
        ),
        Question(
            "q2",
            "classe_a",
            _class("A", "la classe A est formée des premiers 10 % de la liste."),
            "trie = clients.sort_values(['revenue', 'customer_id'], ascending=[False, True]) ; "
            "la classe A, ce sont les effectifs[0] premières lignes (iloc).",
        ),
        Question(
            "q3",
            "classe_b",
            _class("B", "la classe B suit la classe A et compte 30 % des clients."),
            "dans le tableau trié, les lignes de effectifs[0] à effectifs[0] + effectifs[1] "
            "(exclue).",
        ),
        Question(
            "q4",
            "parts_ca",
            _shares,
            "avec la colonne revenue du tableau trié, sommez les mêmes tranches de lignes que "
            "pour les classes, puis divisez chaque somme par clients['revenue'].sum().",
        ),
        Question(
            "q5",
            "en_plus_variante",
            _switchers,
            "variante = cs.abc(clients, by='revenue') ; comparez les listes avec set(...) - "
            "set(...).",
        ),
        Question(
            "q6",
            "reponse-q6",
            checklist=(
                "distingue nombre de clients fixé (cours) et part du CA fixée (variante)",
                "relie le choix à la ressource (un responsable de compte ne suit que quelques clients)",
                "cite les clients de sa variante qui changent de classe",
                "complète par la marge ou le potentiel avant de décider",
            ),
            points=2,
        ),
        Question(
            "q7",
            "anciennete_classes",
            _tenure_by_class,
            "classes = cs.abc(simules).merge(simules[['customer_id', 'tenure_months']]), puis "
            "classes.groupby('abc_class')['tenure_months'].mean().tolist().",
        ),
    ),
)
