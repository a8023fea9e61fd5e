"""What the firm knows at an observation month, and who then left: the churn data set.

The firm stands at an **observation month** ``t0`` and sees only what happened up to the end
of that month: its orders (recency, frequency, monetary value), its customers' tenure, the
complaints received and the service incidents logged, and the answers to its satisfaction
surveys. From these it scores every active customer; the simulation then tells who really left
during the ``horizon_months`` that follow. :mod:`crmsim.analysis.churn_model` trains a
classifier on these tables.

The satisfaction survey. The simulation records when a survey took place (``events``, event
``satisfaction_survey``) and each customer's changes of state (``interactions``:
``mécontentement`` / ``retour à la satisfaction``), but not who answered. The survey answers
are therefore *derived*: at each survey month up to ``t0`` a seeded random sample of the
customers active that month answers truthfully whether they are dissatisfied at that moment. Everyone else's
satisfaction stays unknown to the firm, as in reality.

Nothing after ``t0`` enters the features (a test changes the future and checks the features do
not move).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_integers,
    check_numeric,
    check_periods,
    check_seed,
    check_table,
    french_arguments,
)
from crmsim.errors import DataError

__all__ = [
    "CHURN_FEATURES",
    "CHURN_LABELS",
    "SURVEY_GROUPS",
    "churn_by_survey",
    "churn_dataset",
    "churn_features",
    "churn_labels",
]

#: Feature columns of :func:`churn_features`, with their French headings.
CHURN_FEATURES: dict[str, str] = {
    "tenure_months": "Ancienneté (mois)",
    "recency_months": "Récence (mois depuis le dernier achat)",
    "frequency_12m": "Fréquence (commandes sur 12 mois)",
    "orders_3m": "Commandes sur 3 mois",
    "monetary_12m": "Montant sur 12 mois (MAD)",
    "incidents_6m": "Incidents sur 6 mois",
    "complaints": "Réclamations",
    "unresolved_complaints": "Réclamations non résolues",
    "surveyed": "A répondu à l’enquête",
    "survey_dissatisfied": "Mécontent à l’enquête",
}

#: French headings of the other columns of this module's tables.
CHURN_LABELS: dict[str, str] = {
    **CHURN_FEATURES,
    "customer_id": "Client",
    "churned": "Parti dans l’horizon",
    "decile": "Décile de score",
    "customers": "Clients",
    "churners": "Départs",
    "churn_rate": "Taux de départ",
    "cum_customers_share": "Part cumulée des clients",
    "cum_churners_share": "Part cumulée des départs (gain)",
    "lift": "Lift du décile",
    "cum_lift": "Lift cumulé",
    "feature": "Variable",
    "coefficient": "Coefficient (variable centrée réduite)",
}

_DISSATISFIED = "mécontentement"
_SATISFIED = "retour à la satisfaction"
_COMPLAINT_OK = "réclamation résolue"
_COMPLAINT_KO = "réclamation non résolue"
_INCIDENT = "incident"


def _check_month(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise DataError(f"{name} doit être un numéro de mois entier ≥ 0, reçu {value!r}.")
    return int(value)


def _check_customers_table(customers: object, *, id_col: bool = True) -> pd.DataFrame:
    """The customer table: identifiers, whole acquisition and departure months."""
    cu = check_table(
        customers,
        ["customer_id", "acquisition_month", "churn_month"],
        name="customers",
        id_col="customer_id" if id_col else None,
        keys=() if id_col else ("customer_id",),
    )
    check_integers(cu, "acquisition_month", name="customers")
    check_integers(cu, "churn_month", name="customers", fill=-1)
    return cu


def _check_months(table: pd.DataFrame, name: str) -> None:
    """The ``month`` column of ``table`` holds whole month numbers."""
    check_integers(table, "month", name=name)


def _warn_empty(table: pd.DataFrame, name: str, consequence: str) -> None:
    if len(table) == 0:
        warnings.warn(
            f"Le tableau {name} est vide (0 ligne) : {consequence}. Vérifiez que c’est bien "
            "le tableau de la simulation.",
            UserWarning,
            stacklevel=4,  # the caller, past this helper and the french_arguments wrapper
        )


def _active_at(customers: pd.DataFrame, t0: int) -> pd.DataFrame:
    """Customers acquired by the end of ``t0`` who had not left by then."""
    churn = customers["churn_month"]
    alive = churn.isna() | (churn.fillna(-1) > t0)
    return customers[(customers["acquisition_month"] <= t0) & alive.astype(bool)]


def _survey_answers(
    customers: pd.DataFrame,
    interactions: pd.DataFrame,
    events: pd.DataFrame | None,
    active_ids: np.ndarray,
    t0: int,
    sample_size: int,
    memory_months: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Latest survey answer of each active customer: (surveyed, dissatisfied) arrays.

    Each survey of the last ``memory_months`` months up to ``t0`` asks a fresh random sample
    of ``sample_size`` of the customers active in the survey month; a customer's most recent
    answer counts. Who was active then is known at ``t0`` (acquisitions and departures up to
    ``t0`` only).
    """
    surveyed = np.zeros(len(active_ids), dtype=int)
    unhappy = np.zeros(len(active_ids), dtype=int)
    if events is None or len(events) == 0:
        return surveyed, unhappy
    window = (events["month"] <= t0) & (events["month"] > t0 - memory_months)
    months = sorted(
        int(m) for m in events.loc[(events["event"] == "satisfaction_survey") & window, "month"]
    )
    states = interactions[interactions["kind"].isin([_DISSATISFIED, _SATISFIED])]
    states = states.sort_values("month", kind="stable")
    position = pd.Series(np.arange(len(active_ids)), index=active_ids)
    for month in months:  # oldest first: later answers overwrite earlier ones
        population = np.sort(_active_at(customers, month)["customer_id"].to_numpy())
        n = min(sample_size, len(population))
        asked = rng.choice(population, size=n, replace=False)
        last = states[states["month"] <= month].groupby("customer_id", observed=True)["kind"].last()
        dissatisfied_ids = last.index[last.astype(str) == _DISSATISFIED]
        still_here = asked[np.isin(asked, active_ids)]
        rows = position.loc[still_here].to_numpy()
        surveyed[rows] = 1
        unhappy[rows] = np.isin(still_here, dissatisfied_ids).astype(int)
    return surveyed, unhappy


@french_arguments
def churn_features(
    transactions: pd.DataFrame,
    customers: pd.DataFrame,
    interactions: pd.DataFrame,
    *,
    observation_month: int,
    events: pd.DataFrame | None = None,
    survey_sample_size: int = 500,
    survey_memory_months: int = 12,
    seed: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    """What the firm knows of each active customer at the end of ``observation_month``.

    Only orders and interactions of months ``<= observation_month`` are used, and of the
    customer table only the acquisition month and the departures already seen.

    Parameters
    ----------
    transactions : DataFrame
        Orders with ``customer_id``, ``month``, ``amount``.
    customers : DataFrame
        Customers with ``customer_id``, ``acquisition_month``, ``churn_month``.
    interactions : DataFrame
        Interactions with ``month``, ``customer_id``, ``kind`` (simulation labels).
    observation_month : int
        The month the firm stands at (``t0``).
    events : DataFrame, optional
        Events with ``month`` and ``event``; its ``satisfaction_survey`` rows give the survey
        months. Without it nobody is surveyed.
    survey_sample_size : int, default 500
        Customers who answer each survey (drawn at random among those active that month).
    survey_memory_months : int, default 12
        Surveys of the last ``survey_memory_months`` months count; the latest answer wins.
    seed : int, Generator or None
        Seed of the survey samples.

    Returns
    -------
    DataFrame
        One row per active customer at ``t0``, by increasing ``customer_id``.

        Columns
        -------
        customer_id : customer identifier
        tenure_months : int, months since acquisition (1 in the acquisition month)
        recency_months : int, months since the last order (tenure if none yet)
        frequency_12m : int, orders in the last 12 months
        orders_3m : int, orders in the last 3 months
        monetary_12m : float, amount ordered in the last 12 months (MAD)
        incidents_6m : int, service incidents in the last 6 months
        complaints : int, complaints received up to ``t0``
        unresolved_complaints : int, complaints not solved at once
        surveyed : int, 1 if the customer answered a survey of the last 12 months
        survey_dissatisfied : int, 1 if their latest answer said they were dissatisfied

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(seed=1, months=12)
    >>> X = cs.churn_features(res.transactions, res.customers, res.interactions,
    ...                       observation_month=8, events=res.events, seed=1)
    >>> list(X.columns[:4])
    ['customer_id', 'tenure_months', 'recency_months', 'frequency_12m']
    >>> # one survey (month 5): 500 customers asked, of whom a few have left by month 8
    >>> bool(450 < X["surveyed"].sum() <= 500)
    True
    """
    t0 = _check_month(observation_month, "observation_month")
    check_periods(survey_sample_size, "survey_sample_size")
    check_periods(survey_memory_months, "survey_memory_months")
    check_seed(seed)
    tx = check_table(
        transactions, ["customer_id", "month", "amount"], name="transactions", keys=["customer_id"]
    )
    _check_months(tx, "transactions")
    check_numeric(tx, "amount", name="transactions")
    cu = _check_customers_table(customers)
    it = check_table(
        interactions, ["month", "customer_id", "kind"], name="interactions", nonempty=False
    )
    _check_months(it, "interactions")
    _warn_empty(it, "interactions", "aucun incident ni aucune réclamation ne sera compté")
    if events is not None:
        check_table(events, ["month", "event"], name="events", nonempty=False)
        _check_months(events, "events")
        _warn_empty(events, "events", "aucune enquête de satisfaction ne sera prise en compte")
    rng = np.random.default_rng(seed)

    active = _active_at(cu, t0).sort_values("customer_id")
    if len(active) == 0:
        raise DataError(
            f"Aucun client actif à la fin du mois observation_month={t0} : choisissez un mois "
            "compris dans la simulation."
        )
    ids = active["customer_id"].to_numpy()
    out = pd.DataFrame({"customer_id": ids})
    out["tenure_months"] = (t0 - active["acquisition_month"].to_numpy() + 1).astype(int)

    past = tx[tx["month"] <= t0]
    by_customer = past.groupby("customer_id")
    last = by_customer["month"].max().reindex(ids)
    recency = t0 - last.to_numpy(dtype=float)
    out["recency_months"] = np.where(np.isnan(recency), out["tenure_months"], recency).astype(int)

    def count_since(frame: pd.DataFrame, months: int) -> np.ndarray:
        recent = frame[frame["month"] > t0 - months]
        return recent.groupby("customer_id").size().reindex(ids, fill_value=0).to_numpy()

    out["frequency_12m"] = count_since(past, 12).astype(int)
    out["orders_3m"] = count_since(past, 3).astype(int)
    year = past[past["month"] > t0 - 12]
    out["monetary_12m"] = (
        year.groupby("customer_id")["amount"].sum().reindex(ids, fill_value=0.0).to_numpy()
    )

    seen = it[it["month"] <= t0]
    kind = seen["kind"].astype(str)
    out["incidents_6m"] = count_since(seen[kind == _INCIDENT], 6).astype(int)
    ko = seen[kind == _COMPLAINT_KO].groupby("customer_id").size()
    ok = seen[kind == _COMPLAINT_OK].groupby("customer_id").size()
    out["unresolved_complaints"] = ko.reindex(ids, fill_value=0).to_numpy().astype(int)
    out["complaints"] = (
        ok.reindex(ids, fill_value=0).to_numpy() + out["unresolved_complaints"]
    ).astype(int)
    surveyed, unhappy = _survey_answers(
        cu, it, events, ids, t0, survey_sample_size, survey_memory_months, rng
    )
    out["surveyed"] = surveyed
    out["survey_dissatisfied"] = unhappy
    return out[["customer_id", *CHURN_FEATURES]]


@french_arguments
def churn_labels(
    customers: pd.DataFrame, *, observation_month: int, horizon_months: int
) -> pd.DataFrame:
    """Who, among the customers active at ``t0``, left during the next ``horizon_months``.

    Returns
    -------
    DataFrame
        Columns
        -------
        customer_id : customer identifier, increasing
        churned : int, 1 if the departure month is in ``(t0, t0 + horizon_months]``

    Examples
    --------
    >>> import pandas as pd
    >>> cu = pd.DataFrame({"customer_id": [1, 2, 3], "acquisition_month": [0, 0, 0],
    ...                    "churn_month": pd.array([None, 4, 9], dtype="Int64")})
    >>> churn_labels(cu, observation_month=2, horizon_months=3)["churned"].tolist()
    [0, 1, 0]
    """
    t0 = _check_month(observation_month, "observation_month")
    h = check_periods(horizon_months, "horizon_months")
    cu = _check_customers_table(customers)
    active = _active_at(cu, t0).sort_values("customer_id")
    churn = active["churn_month"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    return pd.DataFrame(
        {"customer_id": active["customer_id"].to_numpy(), "churned": (churn <= t0 + h).astype(int)}
    )


@french_arguments
def churn_dataset(
    result: object,
    *,
    observation_month: int,
    horizon_months: int = 6,
    survey_sample_size: int | None = None,
    seed: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    """Features at ``t0`` and the label seen afterwards, from a simulation result.

    ``result`` is any object with the tables ``transactions``, ``customers``,
    ``interactions``, ``events`` and a ``scenario.months`` (a :class:`SimulationResult`).
    The horizon must end inside the simulated period. ``survey_sample_size`` defaults to the
    scenario's own survey size (``scenario.satisfaction.survey_sample_size``).

    Returns
    -------
    DataFrame
        The columns of :func:`churn_features` plus ``churned`` (int, 0/1).

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(seed=1, months=12)
    >>> data = cs.churn_dataset(res, observation_month=5, horizon_months=6, seed=1)
    >>> bool(0 < data["churned"].mean() < 0.2)
    True
    """
    tables = ("transactions", "customers", "interactions", "events")
    if not all(hasattr(result, a) for a in (*tables, "scenario")):
        raise DataError(
            f"result doit être un résultat de simulation (SimulationResult), reçu "
            f"{type(result).__name__} ({result!r:.60}). Obtenez-le avec cs.simulate(...)."
        )
    t0 = _check_month(observation_month, "observation_month")
    h = check_periods(horizon_months, "horizon_months")
    if survey_sample_size is not None:
        check_periods(survey_sample_size, "survey_sample_size")
    check_seed(seed)
    months = int(result.scenario.months)  # type: ignore[attr-defined]
    if t0 + h > months - 1:
        raise DataError(
            f"observation_month + horizon_months = {t0} + {h} dépasse le dernier mois simulé "
            f"({months - 1}) : on ne saurait pas qui est parti. Choisissez observation_month ≤ "
            f"{months - 1 - h} ou simulez plus longtemps."
        )
    if len(result.transactions) == 0:  # type: ignore[attr-defined]
        raise DataError(
            "La simulation n’a pas gardé les commandes (transactions=False) : relancez "
            "cs.simulate(..., transactions=True)."
        )
    if survey_sample_size is None:
        survey_sample_size = int(result.scenario.satisfaction.survey_sample_size)  # type: ignore[attr-defined]
    features = churn_features(
        result.transactions,  # type: ignore[attr-defined]
        result.customers,  # type: ignore[attr-defined]
        result.interactions,  # type: ignore[attr-defined]
        observation_month=t0,
        # a run without any event: nobody is surveyed, as with events=None
        events=result.events if len(result.events) else None,  # type: ignore[attr-defined]
        survey_sample_size=survey_sample_size,
        seed=seed,
    )
    labels = churn_labels(
        result.customers,  # type: ignore[attr-defined]
        observation_month=t0,
        horizon_months=h,
    )
    return features.merge(labels, on="customer_id", validate="one_to_one")


#: The three groups of :func:`churn_by_survey`, by what the firm knows of the customer.
SURVEY_GROUPS: tuple[str, ...] = (
    "non interrogé",
    "satisfait à l’enquête",
    "mécontent à l’enquête",
)


@french_arguments
def churn_by_survey(data: pd.DataFrame) -> pd.DataFrame:
    """Departure rate by what the survey told the firm: not asked, satisfied, dissatisfied.

    Parameters
    ----------
    data : pandas.DataFrame
        A table of :func:`churn_dataset` (columns ``surveyed``, ``survey_dissatisfied``
        and ``churned``, each 0 or 1).

    Returns
    -------
    pandas.DataFrame
        One row per group present in ``data``, in the order of :data:`SURVEY_GROUPS`.

    Columns
    -------
    group
        What the firm knows (French text of :data:`SURVEY_GROUPS`).
    customers
        Number of customers in the group (int).
    churn_rate
        Share of them who left within the horizon (0-1).

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"surveyed": [0, 0, 1, 1], "survey_dissatisfied": [0, 0, 0, 1],
    ...                   "churned": [0, 1, 0, 1]})
    >>> churn_by_survey(d).to_dict("list")
    {'group': ['non interrogé', 'satisfait à l’enquête', 'mécontent à l’enquête'], \
'customers': [2, 1, 1], 'churn_rate': [0.5, 0.0, 1.0]}
    """
    columns = ["surveyed", "survey_dissatisfied", "churned"]
    table = check_table(data, columns, name="data")
    for col in columns:
        values = pd.to_numeric(table[col], errors="coerce")
        if not values.isin([0, 1]).all():
            raise DataError(
                f"La colonne « {col} » de data ne doit contenir que 0 ou 1 (ou vrai/faux) ; "
                "passez le tableau rendu par churn_dataset."
            )
    known = table["surveyed"].astype(int) * (1 + table["survey_dissatisfied"].astype(int))
    grouped = table["churned"].astype(float).groupby(known)
    out = grouped.agg(customers="size", churn_rate="mean").sort_index()
    out.index = [SURVEY_GROUPS[i] for i in out.index]
    out = out.reset_index(names="group")
    return out.astype({"customers": "int64", "churn_rate": "float64"})
