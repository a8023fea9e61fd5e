"""Exercise 5, RFM, FRAT and appetence: variant data and answer checks.

Data (:func:`make_data`): ``journal`` (customer_id, date, amount in MAD, product_type: the
course version's ``transactions_sample``, else a seeded log of 150 customers over
2023-2024 drawn like ``datasets/make_transactions_sample.py``), ``date_analyse`` (the
analysis date, ``"2024-12-31"`` in the course's version, a month end of the second half of
2024 otherwise), ``client`` (the customer followed: 7 in the course's version, else a
customer with at least four purchases), ``clients_offre`` (customer_id K1 to K6,
interest and capacity scored 1 to 10) and a simulated base (:func:`simulated_base`):
``achats_simules`` (the ``transactions`` table of a small run of the ``cours`` preset) and
``clients_simules`` (customer_id, active: whether the customer is still a customer at the
end). The course's version simulates :data:`COURSE_BASE`; a variant draws the size and the
seed after all its other tables, so that they never change.

Examples
--------
>>> from crmsim.exercises import rfm
>>> exo = rfm.EXERCISE.start("cours")
>>> exo["client"], exo["date_analyse"]
(7, '2024-12-31')
>>> exo.check("q2", "255").ok
True
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim.analysis.rfm import appetence, frat, rfm
from crmsim.exercises._checks import check_number, check_set
from crmsim.exercises._feedback import Feedback, is_unanswered
from crmsim.exercises.variants import Exercise, Question

__all__ = ["COURSE_BASE", "EXERCISE", "make_data", "make_log", "simulated_base"]

_START = np.datetime64("2023-01-01")
#: The simulated base of the course's version: initial customers, months, seed.
COURSE_BASE = {"customers": 150, "months": 24, "seed": 2026}


def simulated_base(customers: int, months: int, seed: int) -> dict:
    """A small simulated base: its purchase log and whether each customer is still there.

    Returns a dict with ``achats_simules`` (the run's ``transactions`` table without its
    transaction_id: customer_id, month, date, amount in MAD, product_type) and
    ``clients_simules``.

    Columns of ``clients_simules``
    ------------------------------
    customer_id : int
    active : bool
        Still a customer at the end of the run (False: the customer has left).

    Examples
    --------
    >>> base = simulated_base(50, 12, seed=1)
    >>> sorted(base), base["clients_simules"].columns.tolist()
    (['achats_simules', 'clients_simules'], ['customer_id', 'active'])
    """
    from crmsim import simulate, small_portfolio  # the model is only needed to draw the data

    result = simulate(small_portfolio("cours", customers=customers, months=months), seed=seed)
    clients = result.customers[["customer_id", "active"]].astype({"active": bool})
    purchases = result.transactions.drop(columns=["transaction_id"])
    return {"achats_simules": purchases, "clients_simules": clients}


def make_log(rng: np.random.Generator, n_customers: int = 150) -> pd.DataFrame:
    """A seeded purchase log over 2023-2024 (model of ``make_transactions_sample.py``).

    Columns
    -------
    customer_id : int
    date : datetime64
    amount : float
        MAD, two decimals.
    product_type : str
        « strategique » or « tactique ».

    Examples
    --------
    >>> log = make_log(np.random.default_rng(1), 20)
    >>> log.columns.tolist()
    ['customer_id', 'date', 'amount', 'product_type']
    """
    rows = []
    for customer in range(1, n_customers + 1):
        arrival = int(rng.integers(0, 600))
        last = min(730, arrival + int(rng.exponential(14 * 30.4)))
        rate = rng.gamma(1.2, 0.45) / 30.4
        basket = float(np.exp(rng.normal(np.log(250.0), 0.6)))
        strategic = rng.beta(2.0, 3.0)
        days, day = [arrival], float(arrival)
        while len(days) < 40:
            day += rng.exponential(1 / rate)
            if day > last:
                break
            days.append(int(day))
        for d in days:
            amount = round(basket * float(np.exp(rng.normal(0.0, 0.35))), 2)
            kind = "strategique" if rng.random() < strategic else "tactique"
            rows.append((customer, _START + np.timedelta64(d, "D"), amount, kind))
    log = pd.DataFrame(rows, columns=["customer_id", "date", "amount", "product_type"])
    log["date"] = pd.to_datetime(log["date"])
    return log.sort_values(["date", "customer_id", "amount"], ignore_index=True)


def make_data(rng: np.random.Generator | None) -> dict:
    """The exercise's tables: the course's (``rng=None``) or a seeded variant."""
    if rng is None:
        offer = pd.DataFrame(
            {
                "customer_id": ["K1", "K2", "K3", "K4", "K5", "K6"],
                "interest": [9, 8, 3, 2, 7, 4],
                "capacity": [8, 3, 9, 2, 6, 5],
            }
        )
        journal = datasets.load("transactions_sample")
        return {
            "journal": journal,
            "date_analyse": "2024-12-31",
            "client": 7,
            "clients_offre": offer,
            **simulated_base(**COURSE_BASE),
        }
    journal = make_log(rng)
    as_of = str(pd.Timestamp("2024-06-30") + pd.offsets.MonthEnd(int(rng.integers(0, 7))))[:10]
    counts = journal[journal["date"] <= as_of]["customer_id"].value_counts()
    client = int(rng.choice(np.sort(counts[counts >= 4].index.to_numpy())))
    offer = pd.DataFrame(
        {
            "customer_id": [f"K{i}" for i in range(1, 7)],
            "interest": rng.integers(1, 11, 6),
            "capacity": rng.integers(1, 11, 6),
        }
    )
    base = simulated_base(  # drawn after the other tables: they stay as they were
        customers=int(rng.integers(100, 201)), months=24, seed=int(rng.integers(2**31))
    )
    return {
        "journal": journal,
        "date_analyse": as_of,
        "client": client,
        "clients_offre": offer,
        **base,
    }


def _row(data: dict) -> pd.Series:
    scores = rfm(data["journal"], as_of=data["date_analyse"])
    return scores.set_index("customer_id").loc[data["client"]]


def _recency(answer: object, data: dict) -> Feedback:
    return check_number(
        answer,
        _row(data)["recency_days"],
        what="la récence du client suivi",
        hint="La récence compte les jours entre le DERNIER achat du client et la date "
        "d’analyse (pas une somme de ventes, comme l’écrit le support).",
    )


def _code(answer: object, data: dict) -> Feedback:
    what = "le code RFM du client suivi"
    hint = "Lisez les trois notes r_score, f_score, m_score de cs.rfm pour ce client."
    if is_unanswered(answer):
        return Feedback.todo(what)
    if not isinstance(answer, (str, int)) or isinstance(answer, bool):
        return Feedback(
            "incorrect",
            "Il faut un code de trois chiffres entre guillemets, par exemple '245'.",
            hint=hint,
        )
    given, expected = str(answer).strip(), str(_row(data)["rfm_code"])
    if given == expected:
        return Feedback("correct", f"Bravo, c’est juste : {what}.")
    right = [
        f"La note {n} est juste." for n, a, b in zip("RFM", given, expected, strict=False) if a == b
    ]
    return Feedback("incorrect", f"Pas encore juste : {what}.", right, [], hint)


def _best_customers(answer: object, data: dict) -> Feedback:
    scores = rfm(data["journal"], as_of=data["date_analyse"])
    return check_set(
        answer,
        scores.loc[scores["segment"] == "Meilleurs clients", "customer_id"].tolist(),
        what="la liste des meilleurs clients",
        hint="cs.rfm(journal, as_of=DATE_ANALYSE), puis les lignes du segment « Meilleurs clients ».",
        label="client",
    )


def _last_to_mean(answer: object, data: dict) -> Feedback:
    with warnings.catch_warnings():  # single-purchase customers: not this question
        warnings.simplefilter("ignore", UserWarning)
        table = frat(data["journal"], as_of=data["date_analyse"])
    return check_number(
        answer,
        table.set_index("customer_id").loc[data["client"], "last_to_mean"],
        what="le critère A (achat) du client suivi",
        hint="Montant de la DERNIÈRE commande divisé par le montant moyen des commandes.",
        rel_tol=1e-2,
    )


def _core(answer: object, data: dict) -> Feedback:
    grid = appetence(data["clients_offre"])
    core = grid[(grid["interest_level"] == "fort") & (grid["capacity_level"] == "fort")]
    return check_set(
        answer,
        core["customer_id"].tolist(),
        what="la liste des clients cœur de cible",
        hint="Cœur de cible : intérêt ET capacité au moins égaux à la médiane de leur colonne.",
        label="client",
    )


def _departed_share(answer: object, data: dict) -> Feedback:
    scores = rfm(data["achats_simules"])
    lapsed = scores.loc[scores["r_score"] == 1, "customer_id"]
    active = data["clients_simules"].set_index("customer_id")["active"]
    return check_number(
        answer,
        float((~active.loc[lapsed].astype(bool)).mean()),
        what="la part des clients de score R = 1 réellement partis",
        hint="Calculez le RFM du journal simulé entier (sans date d’analyse), gardez les "
        "clients de score R = 1, puis regardez dans clients_simules lesquels ne sont plus "
        "actifs.",
        percent_hint=True,
    )


EXERCISE = Exercise(
    "07_rfm",
    make_data,
    (
        Question(
            "q1",
            "recence",
            _recency,
            "achats = journal[(journal['customer_id'] == CLIENT) & (journal['date'] <= "
            "DATE_ANALYSE)] ; (pd.Timestamp(DATE_ANALYSE) - achats['date'].max()).days.",
        ),
        Question(
            "q2",
            "code_rfm",
            _code,
            "scores = cs.rfm(journal, as_of=DATE_ANALYSE) ; la colonne rfm_code de la ligne "
            "du client (scores.set_index('customer_id').loc[CLIENT]).",
        ),
        Question(
            "q3",
            "meilleurs_clients",
            _best_customers,
            "sans as_of, cs.rfm lit le journal jusqu’à sa dernière date : passez "
            "as_of=DATE_ANALYSE, puis filtrez la colonne segment.",
        ),
        Question(
            "q4",
            "critere_a",
            _last_to_mean,
            "gardez les achats du client jusqu’à DATE_ANALYSE, triez par date, puis "
            "amount.iloc[-1] / amount.mean().",
        ),
        Question(
            "q5",
            "coeur_de_cible",
            _core,
            "grille = cs.appetence(clients_offre) ; colonnes interest_level et capacity_level "
            "toutes deux à « fort ».",
        ),
        Question(
            "q6",
            "reponse-q6",
            checklist=(
                "lit le code RFM du client et ce que dit chaque note",
                "montre que la définition de R du support (somme des ventes) ferait double emploi avec M",
                "propose une action adaptée au segment (réactivation, fidélisation…)",
            ),
            points=2,
        ),
        Question(
            "q7",
            "part_partis_r1",
            _departed_share,
            "r1 = scores_simules.loc[scores_simules['r_score'] == 1, 'customer_id'] ; "
            "actifs = clients_simules.set_index('customer_id')['active'] ; la part des False "
            "parmi actifs.loc[r1] : (~actifs.loc[r1]).mean().",
        ),
    ),
)
