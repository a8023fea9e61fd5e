"""Answer checks of the Pareto 20/80 exercise (course table ``pareto_clients``)."""

from __future__ import annotations

from crmsim import datasets
from crmsim.analysis.pareto import gini, pareto
from crmsim.exercises._checks import check_number, check_sequence, check_set
from crmsim.exercises._feedback import Feedback

__all__ = [
    "check_cumulative_shares",
    "check_gini",
    "check_head_customer_share",
    "check_pareto_head",
    "check_total_revenue",
]


def _table():
    return pareto(datasets.load("pareto_clients"), target=0.8)


def check_total_revenue(answer: object) -> Feedback:
    """Check the total revenue of the 20 course clients."""
    return check_number(
        answer,
        _table()["revenue"].sum(),
        what="le CA total",
        hint="Additionnez la colonne du chiffre d'affaires : clients['revenue'].sum().",
    )


def check_cumulative_shares(answer: object) -> Feedback:
    """Check the cumulative revenue shares, customers sorted by decreasing revenue."""
    return check_sequence(
        answer,
        _table()["cum_share"],
        what="la suite des parts cumulées du CA",
        hint=(
            "Triez par CA décroissant (sort_values(..., ascending=False)), puis divisez la "
            "somme cumulée (cumsum) par le CA total ; les parts sont entre 0 et 1."
        ),
    )


def check_pareto_head(answer: object) -> Feedback:
    """Check the identifiers of the customers making 80 % of revenue."""
    table = _table()
    return check_set(
        answer,
        table.loc[table["in_head"], "customer_id"].tolist(),
        what="la liste des clients qui font 80 % du CA",
        hint=(
            "Gardez les premiers clients du tableau trié jusqu'à ce que la part cumulée "
            "atteigne 0,8 (le client qui la fait atteindre compte)."
        ),
        label="client",
    )


def check_head_customer_share(answer: object) -> Feedback:
    """Check the share of customers (0-1) that makes 80 % of revenue."""
    table = _table()
    return check_number(
        answer,
        table["in_head"].mean(),
        what="la part des clients qui font 80 % du CA",
        hint="Nombre de clients de la tête divisé par le nombre total de clients.",
        percent_hint=True,
    )


def check_gini(answer: object, dataset: str = "pareto_clients") -> Feedback:
    """Check a Gini index computed on one of the shipped datasets."""
    return check_number(
        answer,
        gini(datasets.load(dataset)),
        what=f"l'indice de Gini de « {dataset} »",
        hint="Utilisez cs.gini(tableau) : 0 = CA également réparti, proche de 1 = concentré.",
        rel_tol=1e-2,
        percent_hint=True,
    )
