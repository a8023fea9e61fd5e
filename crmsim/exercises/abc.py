"""Answer checks of the ABC 10/30/60 exercise (course table ``abc_clients``).

Examples
--------
>>> from crmsim.exercises import abc
>>> abc.check_class_a(...).status
'a_completer'
>>> abc.check_class_a([5, 19]).ok
True
>>> abc.check_revenue_shares([60, 31.5, 8.5]).wrong
['Les valeurs semblent exprimées en pourcentages : donnez des parts entre 0 et 1.']
"""

from __future__ import annotations

import numpy as np

from crmsim import datasets
from crmsim.analysis.abc import abc, abc_summary
from crmsim.exercises._checks import check_sequence, check_set
from crmsim.exercises._feedback import Feedback, is_unanswered

__all__ = [
    "check_class_a",
    "check_class_b",
    "check_class_sizes",
    "check_revenue_method_a",
    "check_revenue_shares",
]

_SORT_HINT = "Triez les clients par CA décroissant (sort_values('revenue', ascending=False)) : "


def _members(cls: str, **options) -> list:
    table = abc(datasets.load("abc_clients"), **options)
    return table.loc[table["abc_class"] == cls, "customer_id"].tolist()


def check_class_sizes(answer: object) -> Feedback:
    """Check the numbers of customers in A, B and C (10/30/60 of 20 customers)."""
    summary = abc_summary(datasets.load("abc_clients"))
    return check_sequence(
        answer,
        summary["customers"],
        what="le nombre de clients des classes A, B et C",
        hint="Appliquez 10 %, 30 % et 60 % au nombre total de clients, dans cet ordre.",
    )


def check_class_a(answer: object) -> Feedback:
    """Check the identifiers of the class-A customers (course method, 10 % of customers)."""
    return check_set(
        answer,
        _members("A"),
        what="la liste des clients de la classe A",
        hint=_SORT_HINT + "la classe A est formée des premiers 10 % de la liste.",
        label="client",
    )


def check_class_b(answer: object) -> Feedback:
    """Check the identifiers of the class-B customers (the next 30 % of customers)."""
    return check_set(
        answer,
        _members("B"),
        what="la liste des clients de la classe B",
        hint=_SORT_HINT + "la classe B suit la classe A et compte 30 % des clients.",
        label="client",
    )


def check_revenue_shares(answer: object) -> Feedback:
    """Check the shares of revenue (0-1) of classes A, B and C, in this order."""
    expected = abc_summary(datasets.load("abc_clients"))["share_revenue"].to_numpy()
    hint = (
        "Additionnez le CA des clients de chaque classe et divisez par le CA total ; "
        "donnez trois parts entre 0 et 1 (A, B, C), dont la somme vaut 1."
    )
    if not is_unanswered(answer):
        try:
            given = np.asarray(list(answer), dtype=float)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            given = None
        if given is not None and given.shape == expected.shape:
            if np.allclose(given, 100 * expected, rtol=1e-3):
                return Feedback(
                    "incorrect",
                    "La suite des parts du CA des classes A, B et C n'est pas encore juste.",
                    wrong=[
                        "Les valeurs semblent exprimées en pourcentages : donnez des parts "
                        "entre 0 et 1."
                    ],
                    hint=hint,
                )
    return check_sequence(
        answer, expected, what="la suite des parts du CA des classes A, B et C", hint=hint
    )


def check_revenue_method_a(answer: object) -> Feedback:
    """Check class A of the inventory-style variant: cumulative revenue up to 80 %."""
    return check_set(
        answer,
        _members("A", by="revenue", revenue_cuts=(0.80, 0.95)),
        what="la classe A de la variante par CA cumulé (80 %)",
        hint=(
            _SORT_HINT + "gardez les clients tant que la part cumulée du CA des clients "
            "qui les précèdent est sous 80 % (le client qui franchit 80 % est en A)."
        ),
        label="client",
    )
