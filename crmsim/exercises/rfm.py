"""Answer checks of the RFM / FRAT / appetence exercise (sample ``transactions_sample``).

The questions read the purchase log on :data:`AS_OF` and follow customer
:data:`CUSTOMER_ID`; the appetence question uses :func:`appetence_clients`.
"""

from __future__ import annotations

import warnings

import pandas as pd

from crmsim import datasets
from crmsim.analysis.rfm import appetence, frat, rfm
from crmsim.exercises._checks import check_number, check_set
from crmsim.exercises._feedback import Feedback

__all__ = [
    "AS_OF",
    "CUSTOMER_ID",
    "appetence_clients",
    "check_champions",
    "check_core_target",
    "check_frequency",
    "check_last_to_mean",
    "check_monetary",
    "check_recency",
]

#: Analysis date of the exercise.
AS_OF = "2024-12-31"
#: The customer followed in the first questions.
CUSTOMER_ID = 7


def appetence_clients() -> pd.DataFrame:
    """Six illustrative customers scored 1-10 on interest in an offer and capacity to buy.

    Examples
    --------
    >>> from crmsim.exercises.rfm import appetence_clients
    >>> appetence_clients().columns.tolist()
    ['customer_id', 'interest', 'capacity']
    """
    return pd.DataFrame(
        {
            "customer_id": ["K1", "K2", "K3", "K4", "K5", "K6"],
            "interest": [9, 8, 3, 2, 7, 4],
            "capacity": [8, 3, 9, 2, 6, 5],
        }
    )


def _scores() -> pd.DataFrame:
    return rfm(datasets.load("transactions_sample"), as_of=AS_OF)


def _row(table: pd.DataFrame) -> pd.Series:
    return table.set_index("customer_id").loc[CUSTOMER_ID]


def check_recency(answer: object) -> Feedback:
    """Check the recency, in days, of customer :data:`CUSTOMER_ID` on :data:`AS_OF`."""
    return check_number(
        answer,
        _row(_scores())["recency_days"],
        what=f"la récence du client {CUSTOMER_ID}",
        hint=(
            "La récence est le nombre de jours entre le DERNIER achat du client et la date "
            "d'analyse : (pd.Timestamp(AS_OF) - date du dernier achat).days."
        ),
    )


def check_frequency(answer: object) -> Feedback:
    """Check the number of purchases of customer :data:`CUSTOMER_ID` up to :data:`AS_OF`."""
    return check_number(
        answer,
        _row(_scores())["frequency"],
        what=f"la fréquence du client {CUSTOMER_ID}",
        hint="Comptez les lignes du journal de ce client (len(...) ou .size()).",
    )


def check_monetary(answer: object) -> Feedback:
    """Check the total amount bought by customer :data:`CUSTOMER_ID` (MAD)."""
    return check_number(
        answer,
        _row(_scores())["monetary_total"],
        what=f"le montant total du client {CUSTOMER_ID}",
        hint="Additionnez la colonne amount des achats de ce client (le M de RFM).",
    )


def check_champions(answer: object) -> Feedback:
    """Check the identifiers of the « Champions » on :data:`AS_OF`."""
    scores = _scores()
    return check_set(
        answer,
        scores.loc[scores["segment"] == "Champions", "customer_id"].tolist(),
        what="la liste des clients « Champions »",
        hint=(
            "Calculez cs.rfm(transactions, as_of=AS_OF), puis gardez les lignes dont la "
            "colonne segment vaut « Champions » ; n'oubliez pas la date d'analyse."
        ),
        label="client",
    )


def check_last_to_mean(answer: object) -> Feedback:
    """Check the FRAT « A » (last order / mean order) of customer :data:`CUSTOMER_ID`."""
    with warnings.catch_warnings():  # single-purchase customers: not this question
        warnings.simplefilter("ignore", UserWarning)
        table = frat(datasets.load("transactions_sample"), as_of=AS_OF)
    return check_number(
        answer,
        _row(table)["last_to_mean"],
        what=f"le critère A (achat) du client {CUSTOMER_ID}",
        hint=(
            "Divisez le montant de la DERNIÈRE commande (la plus récente) par le montant "
            "moyen des commandes du client ; le résultat n'a pas d'unité."
        ),
        rel_tol=1e-2,
    )


def check_core_target(answer: object) -> Feedback:
    """Check the customers of the appetence grid's core target (split at the median)."""
    grid = appetence(appetence_clients())
    core = grid[(grid["interest_level"] == "fort") & (grid["capacity_level"] == "fort")]
    return check_set(
        answer,
        core["customer_id"].tolist(),
        what="la liste des clients cœur de cible",
        hint=(
            "Un client est cœur de cible quand son intérêt ET sa capacité sont au moins "
            "égaux à la médiane de leur colonne (cs.appetence le fait pour vous)."
        ),
        label="client",
    )
