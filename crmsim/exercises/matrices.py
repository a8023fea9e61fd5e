"""Answer checks of the matrix exercise (illustrative table ``matrix_clients``).

Examples
--------
>>> from crmsim.exercises import matrices
>>> matrices.check_median_revenue(...).status
'a_completer'
>>> matrices.check_key_customers_mean(["M04"]).ok
True
"""

from __future__ import annotations

from crmsim import datasets
from crmsim.analysis.matrices import portfolio_matrix
from crmsim.exercises._checks import check_number, check_set
from crmsim.exercises._feedback import Feedback

__all__ = [
    "check_dubinsky_develop",
    "check_key_customers_mean",
    "check_key_customers_median",
    "check_median_revenue",
]

_LEVEL_HINT = (
    "Un client est « fort » sur un axe quand sa valeur est supérieure ou égale à la "
    "coupure ; la coupure est calculée sur tous les clients (.median() ou .mean())."
)


def _quadrant(model: str, split: str, y_level: str, x_level: str) -> list:
    out = portfolio_matrix(datasets.load("matrix_clients"), model=model, split=split)
    inside = (out["y_level"] == y_level) & (out["x_level"] == x_level)
    return out.loc[inside, "customer_id"].tolist()


def check_median_revenue(answer: object) -> Feedback:
    """Check the median revenue of the 16 customers (the split of model 1's vertical axis)."""
    return check_number(
        answer,
        float(datasets.load("matrix_clients")["revenue"].median()),
        what="la médiane du CA",
        hint=(
            "Avec 16 clients, la médiane est la moyenne des 8e et 9e valeurs une fois le CA "
            "trié ; pandas la donne directement : clients['revenue'].median()."
        ),
    )


def check_key_customers_median(answer: object) -> Feedback:
    """Check the key customers of model 1 (CA fort, rentabilité forte), median split."""
    return check_set(
        answer,
        _quadrant("ca_rentabilite", "median", "fort", "fort"),
        what="la liste des clients clés (coupure à la médiane)",
        hint=_LEVEL_HINT + " Il faut être fort sur les deux axes.",
        label="client",
    )


def check_key_customers_mean(answer: object) -> Feedback:
    """Check the key customers of model 1 when both axes are split at their mean."""
    return check_set(
        answer,
        _quadrant("ca_rentabilite", "mean", "fort", "fort"),
        what="la liste des clients clés (coupure à la moyenne)",
        hint=_LEVEL_HINT + " La moyenne du CA est tirée vers le haut par les gros comptes.",
        label="client",
    )


def check_dubinsky_develop(answer: object) -> Feedback:
    """Check the Dubinsky & Ingram customers to develop (current weak, potential strong)."""
    return check_set(
        answer,
        _quadrant("dubinsky_ingram", "median", "faible", "fort"),
        what="la liste des clients à développer (Dubinsky & Ingram, médiane)",
        hint=(
            _LEVEL_HINT + " Ici : rentabilité actuelle faible (axe vertical) et rentabilité "
            "potentielle forte (axe horizontal)."
        ),
        label="client",
    )
