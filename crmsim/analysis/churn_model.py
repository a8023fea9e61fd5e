"""Data mining for churn: which active customers will leave in the next months?

The firm stands at an **observation month** ``t0`` and sees only what happened up to the end
of that month: its orders (recency, frequency, monetary value), its customers' tenure, the
complaints received and the service incidents logged, and the answers to its satisfaction
surveys. From these it scores every active customer; the simulation then tells who really left
during the ``horizon_months`` that follow. A classifier from scikit-learn is trained on part of
the customers and evaluated on the others (held out), with a gains / lift table by decile.

The satisfaction survey. The simulation records when a survey took place (``events``, event
``satisfaction_survey``) and each customer's changes of state (``interactions``:
``mécontentement`` / ``retour à la satisfaction``), but not who answered. The survey answers
are therefore *derived*: at each survey month up to ``t0`` a seeded random sample of the active
customers answers truthfully whether they are dissatisfied at that moment. Everyone else's
satisfaction stays unknown to the firm, as in reality.

Nothing after ``t0`` enters the features (a test changes the future and checks the features do
not move).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmsim._validation import check_fraction, check_periods, check_table
from crmsim.errors import DataError

__all__ = [
    "CHURN_FEATURES",
    "CHURN_LABELS",
    "ChurnModel",
    "churn_dataset",
    "churn_features",
    "churn_labels",
    "fit_churn_model",
    "gains_table",
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


def _active_at(customers: pd.DataFrame, t0: int) -> pd.DataFrame:
    """Customers acquired by the end of ``t0`` who had not left by then."""
    churn = customers["churn_month"]
    alive = churn.isna() | (churn.fillna(-1) > t0)
    return customers[(customers["acquisition_month"] <= t0) & alive.astype(bool)]


def _survey_answers(
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
    of ``sample_size`` of the customers active at ``t0`` (an approximation: the firm's list of
    customers at ``t0``); a customer's most recent answer counts.
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
    for month in months:  # oldest first: later answers overwrite earlier ones
        last = states[states["month"] <= month].groupby("customer_id", observed=True)["kind"].last()
        dissatisfied_ids = last.index[last.astype(str) == _DISSATISFIED]
        n = min(sample_size, len(active_ids))
        chosen = rng.choice(len(active_ids), size=n, replace=False)
        surveyed[chosen] = 1
        unhappy[chosen] = np.isin(active_ids[chosen], dissatisfied_ids).astype(int)
    return surveyed, unhappy


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
        Customers who answer each survey (drawn at random among the active ones).
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
    >>> int(X["surveyed"].sum())  # one survey (month 5) in the last 12 months
    500
    """
    t0 = _check_month(observation_month, "observation_month")
    check_periods(survey_sample_size, "survey_sample_size")
    check_periods(survey_memory_months, "survey_memory_months")
    tx = check_table(transactions, ["customer_id", "month", "amount"], name="transactions")
    cu = check_table(
        customers,
        ["customer_id", "acquisition_month", "churn_month"],
        name="customers",
        id_col="customer_id",
    )
    it = check_table(
        interactions, ["month", "customer_id", "kind"], name="interactions", nonempty=False
    )
    if events is not None:
        check_table(events, ["month", "event"], name="events", nonempty=False)
    rng = np.random.default_rng(seed)

    active = _active_at(cu, t0).sort_values("customer_id")
    if len(active) == 0:
        raise DataError(
            f"Aucun client actif à la fin du mois observation_month={t0} : choisissez un mois "
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
        it, events, ids, t0, survey_sample_size, survey_memory_months, rng
    )
    out["surveyed"] = surveyed
    out["survey_dissatisfied"] = unhappy
    return out[["customer_id", *CHURN_FEATURES]]


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
    cu = check_table(
        customers, ["customer_id", "acquisition_month", "churn_month"], name="customers"
    )
    active = _active_at(cu, t0).sort_values("customer_id")
    churn = active["churn_month"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    return pd.DataFrame(
        {"customer_id": active["customer_id"].to_numpy(), "churned": (churn <= t0 + h).astype(int)}
    )


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
    t0 = _check_month(observation_month, "observation_month")
    h = check_periods(horizon_months, "horizon_months")
    months = int(result.scenario.months)  # type: ignore[attr-defined]
    if t0 + h > months - 1:
        raise DataError(
            f"observation_month + horizon_months = {t0} + {h} dépasse le dernier mois simulé "
            f"({months - 1}) : on ne saurait pas qui est parti. Choisissez observation_month ≤ "
            f"{months - 1 - h} ou simulez plus longtemps."
        )
    if len(result.transactions) == 0:  # type: ignore[attr-defined]
        raise DataError(
            "La simulation n'a pas gardé les commandes (transactions=False) : relancez "
            "cs.simulate(..., transactions=True)."
        )
    if survey_sample_size is None:
        survey_sample_size = int(result.scenario.satisfaction.survey_sample_size)  # type: ignore[attr-defined]
    features = churn_features(
        result.transactions,  # type: ignore[attr-defined]
        result.customers,  # type: ignore[attr-defined]
        result.interactions,  # type: ignore[attr-defined]
        observation_month=t0,
        events=result.events,  # type: ignore[attr-defined]
        survey_sample_size=survey_sample_size,
        seed=seed,
    )
    labels = churn_labels(
        result.customers,  # type: ignore[attr-defined]
        observation_month=t0,
        horizon_months=h,
    )
    return features.merge(labels, on="customer_id", validate="one_to_one")


def gains_table(scores: object, outcomes: object, *, bins: int = 10) -> pd.DataFrame:
    """Gains and lift by decile of score (decile 1 = the highest scores).

    Customers are sorted by decreasing score (ties keep their order) and cut into ``bins``
    groups of equal size (sizes differ by one at most). The lift of a decile is its churn
    rate divided by the overall rate: 1 is what a random ordering gives.

    Parameters
    ----------
    scores : array-like
        Predicted risk of each customer (higher = more at risk).
    outcomes : array-like of 0/1
        What happened (1 = left).
    bins : int, default 10

    Returns
    -------
    DataFrame
        Columns
        -------
        decile : int, 1 .. bins
        customers : int
        churners : int
        churn_rate : float
        cum_customers_share : float
        cum_churners_share : float, the gain
        lift : float
        cum_lift : float

    Examples
    --------
    >>> t = gains_table([0.9, 0.8, 0.1, 0.2], [1, 0, 0, 0], bins=2)
    >>> t["lift"].tolist(), t["cum_churners_share"].tolist()
    ([2.0, 0.0], [1.0, 1.0])
    """
    s = np.asarray(scores, dtype=float)
    y = np.asarray(outcomes)
    bins = check_periods(bins, "bins")
    if s.ndim != 1 or y.shape != s.shape:
        raise DataError(
            f"scores et outcomes doivent être deux listes de même longueur, reçu {s.shape} "
            f"et {y.shape}."
        )
    if len(s) < bins:
        raise DataError(f"Il faut au moins bins={bins} clients, reçu {len(s)}.")
    if np.isnan(s).any():
        raise DataError(
            "scores contient des valeurs manquantes (NaN) : calculez un score pour chaque client."
        )
    if not np.isin(y, [0, 1]).all():
        raise DataError(
            f"outcomes doit valoir 0 (resté) ou 1 (parti), reçu {sorted(set(y.tolist()))[:5]!r}."
        )
    y = y.astype(int)
    if y.sum() == 0:
        raise DataError("outcomes ne contient aucun départ : le lift n'a pas de sens.")
    order = np.argsort(-s, kind="stable")
    n = len(s)
    decile = np.arange(n) * bins // n + 1
    frame = pd.DataFrame({"decile": decile, "churned": y[order]})
    out = frame.groupby("decile").agg(customers=("churned", "size"), churners=("churned", "sum"))
    out = out.reset_index()
    base = y.mean()
    out["churn_rate"] = out["churners"] / out["customers"]
    out["cum_customers_share"] = out["customers"].cumsum() / n
    out["cum_churners_share"] = out["churners"].cumsum() / y.sum()
    out["lift"] = out["churn_rate"] / base
    out["cum_lift"] = out["cum_churners_share"] / out["cum_customers_share"]
    return out


@dataclass(frozen=True)
class ChurnModel:
    """A fitted churn classifier and its evaluation on held-out customers.

    Attributes
    ----------
    method : str
        ``"logistic"`` or ``"boosting"``.
    estimator : sklearn estimator
        The fitted pipeline.
    features : tuple of str
    test : DataFrame
        Held-out customers: ``customer_id``, ``score`` (predicted probability), ``churned``.
    gains : DataFrame
        :func:`gains_table` of the held-out customers.
    n_train : int
    """

    method: str
    estimator: object
    features: tuple[str, ...]
    test: pd.DataFrame
    gains: pd.DataFrame
    n_train: int

    @property
    def top_decile_lift(self) -> float:
        """Churn rate of the 10 % highest scores divided by the overall churn rate."""
        return float(self.gains["lift"].iloc[0])

    def predict(self, features: pd.DataFrame) -> pd.Series:
        """Predicted probability of leaving for each row of a :func:`churn_features` table."""
        check_table(features, list(self.features), name="features")
        X = features[list(self.features)].astype(float).to_numpy()
        proba = self.estimator.predict_proba(X)[:, 1]  # type: ignore[attr-defined]
        return pd.Series(proba, index=features.index, name="score")

    def coefficients(self) -> pd.DataFrame:
        """Coefficients of the logistic regression on standardised features, largest first.

        Columns: ``feature`` and ``coefficient`` (positive = more risk).
        """
        if self.method != "logistic":
            raise DataError(
                f"coefficients() n'existe que pour method='logistic', pas {self.method!r}."
            )
        coefs = self.estimator[-1].coef_[0]  # type: ignore[index]
        out = pd.DataFrame({"feature": list(self.features), "coefficient": coefs})
        return out.reindex(out["coefficient"].abs().sort_values(ascending=False).index).reset_index(
            drop=True
        )


def fit_churn_model(
    data: pd.DataFrame,
    *,
    method: str = "logistic",
    test_share: float = 0.3,
    features: tuple[str, ...] | None = None,
    seed: int | np.random.Generator | None = None,
) -> ChurnModel:
    """Train a churn classifier on part of the customers and score the others.

    The split is stratified on ``churned`` and seeded; the model never sees the held-out
    customers, on which the gains table is computed.

    Parameters
    ----------
    data : DataFrame
        A :func:`churn_dataset` table (features and ``churned``).
    method : {"logistic", "boosting"}, default "logistic"
        Logistic regression on standardised features (balanced classes), or scikit-learn's
        histogram gradient boosting.
    test_share : float, default 0.3
        Share of customers held out.
    features : tuple of str, optional
        Feature columns (default: all of :data:`CHURN_FEATURES`).
    seed : int, Generator or None

    Returns
    -------
    ChurnModel

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(seed=1, months=18)
    >>> data = cs.churn_dataset(res, observation_month=8, horizon_months=6, seed=1)
    >>> model = cs.fit_churn_model(data, seed=1)
    >>> model.n_train + len(model.test) == len(data)
    True
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    cols = tuple(features) if features is not None else tuple(CHURN_FEATURES)
    data = check_table(data, ["customer_id", *cols, "churned"], name="data")
    share = check_fraction(test_share, "test_share")
    if share >= 1:
        raise DataError(
            f"test_share doit être < 1 (il faut des clients pour apprendre), reçu {test_share!r}."
        )
    if method not in ("logistic", "boosting"):
        raise DataError(f"method doit être « logistic » ou « boosting », reçu {method!r}.")
    y = data["churned"].to_numpy(dtype=int)
    if y.sum() < 2 or (len(y) - y.sum()) < 2:
        raise DataError(
            f"Il faut au moins deux départs et deux clients restés pour apprendre, reçu "
            f"{int(y.sum())} départ(s) sur {len(y)} clients : allongez l'horizon."
        )
    rng = np.random.default_rng(seed)
    state = int(rng.integers(0, 2**31 - 1))
    train, test = train_test_split(
        np.arange(len(data)), test_size=share, stratify=y, random_state=state
    )
    X = data[list(cols)].astype(float).to_numpy()
    if method == "logistic":
        estimator = make_pipeline(
            StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000)
        )
    else:
        estimator = make_pipeline(HistGradientBoostingClassifier(max_iter=150, random_state=state))
    estimator.fit(X[train], y[train])
    scores = estimator.predict_proba(X[test])[:, 1]
    held = pd.DataFrame(
        {
            "customer_id": data["customer_id"].to_numpy()[test],
            "score": scores,
            "churned": y[test],
        }
    )
    return ChurnModel(
        method=method,
        estimator=estimator,
        features=cols,
        test=held,
        gains=gains_table(held["score"], held["churned"]),
        n_train=len(train),
    )
