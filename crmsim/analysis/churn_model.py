"""Data mining for churn: a scikit-learn classifier judged on held-out customers.

The data set comes from :func:`crmsim.churn_dataset` (features known at the observation month,
departures seen afterwards). :func:`fit_churn_model` trains a classifier on part of the
customers and scores the others, which it never saw; :func:`gains_table` ranks them by score
and gives the gain and the lift of each decile (lift 1 = a random ordering).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_flags,
    check_fraction,
    check_numbers,
    check_numeric,
    check_periods,
    check_seed,
    check_sequence,
    check_table,
    french_arguments,
)
from crmsim.analysis.churn_features import CHURN_FEATURES, CHURN_LABELS
from crmsim.errors import DataError

__all__ = ["CHURN_FEATURES", "CHURN_LABELS", "ChurnModel", "fit_churn_model", "gains_table"]


def _feature_matrix(data: pd.DataFrame, columns: tuple[str, ...], name: str) -> np.ndarray:
    """The feature columns as a float matrix: numbers only, no missing or infinite value."""
    return np.column_stack(
        [check_numeric(data, c, allow_negative=True, name=name) for c in columns]
    )


@french_arguments
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
    s = check_numbers(scores, "scores")
    y = np.asarray(check_sequence(outcomes, "outcomes"), dtype=object)
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
            "scores contient des valeurs manquantes (NaN) : calculez un score pour chaque client."
        )
    bad = [v for v in y if not (isinstance(v, (int, float, np.number, np.bool_)) and v in (0, 1))]
    if bad:
        shown = ", ".join(dict.fromkeys(repr(v) for v in bad[:20]))
        raise DataError(
            f"outcomes doit valoir 0 (resté) ou 1 (parti) pour chaque client ; valeurs reçues "
            f"hors de 0 et 1 : {shown}."
        )
    y = y.astype(int)
    if y.sum() == 0:
        raise DataError("outcomes ne contient aucun départ : le lift n’a pas de sens.")
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


@dataclass(frozen=True, eq=False)
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

    Two models are equal when they have the same method, features, training size and the
    same held-out scores (the fitted estimators themselves are not compared).
    """

    method: str
    estimator: object
    features: tuple[str, ...]
    test: pd.DataFrame
    gains: pd.DataFrame
    n_train: int

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ChurnModel):
            return NotImplemented
        return (
            (self.method, self.features, self.n_train)
            == (other.method, other.features, other.n_train)
            and self.test.equals(other.test)
            and self.gains.equals(other.gains)
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def top_decile_lift(self) -> float:
        """Churn rate of the 10 % highest scores divided by the overall churn rate."""
        return float(self.gains["lift"].iloc[0])

    @french_arguments
    def predict(self, features: pd.DataFrame) -> pd.Series:
        """Predicted probability of leaving for each row of a :func:`churn_features` table."""
        check_table(features, list(self.features), name="features")
        X = _feature_matrix(features, self.features, "features")
        proba = self.estimator.predict_proba(X)[:, 1]  # type: ignore[attr-defined]
        return pd.Series(proba, index=features.index, name="score")

    @french_arguments
    def coefficients(self) -> pd.DataFrame:
        """Coefficients of the logistic regression on standardised features, largest first.

        Columns: ``feature`` and ``coefficient`` (positive = more risk).
        """
        if self.method != "logistic":
            raise DataError(
                f"coefficients() n’existe que pour method='logistic', pas {self.method!r}."
            )
        coefs = self.estimator[-1].coef_[0]  # type: ignore[index]
        out = pd.DataFrame({"feature": list(self.features), "coefficient": coefs})
        return out.reindex(out["coefficient"].abs().sort_values(ascending=False).index).reset_index(
            drop=True
        )


@french_arguments
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

    if features is not None:
        example = "features=('recency_months', 'complaints')"
        cols = tuple(check_sequence(features, "features", example=example))
        if not cols or not all(isinstance(c, str) for c in cols) or len(set(cols)) < len(cols):
            raise DataError(
                f"features doit être une liste non vide de noms de colonnes distincts, reçu "
                f"{features!r}. Exemple : {example}."
            )
    else:
        cols = tuple(CHURN_FEATURES)
    check_seed(seed)
    data = check_table(data, ["customer_id", *cols, "churned"], name="data", id_col="customer_id")
    share = check_fraction(test_share, "test_share")
    if share >= 1:
        raise DataError(
            f"test_share doit être < 1 (il faut des clients pour apprendre), reçu {test_share!r}."
        )
    if method not in ("logistic", "boosting"):
        raise DataError(f"method doit être « logistic » ou « boosting », reçu {method!r}.")
    X = _feature_matrix(data, cols, "data")
    y = check_flags(data, "churned", name="data").astype(int)
    if y.sum() < 2 or (len(y) - y.sum()) < 2:
        raise DataError(
            f"Il faut au moins deux départs et deux clients restés pour apprendre, reçu "
            f"{int(y.sum())} départ(s) sur {len(y)} clients : allongez l’horizon."
        )
    rng = np.random.default_rng(seed)
    state = int(rng.integers(0, 2**31 - 1))
    train, test = train_test_split(
        np.arange(len(data)), test_size=share, stratify=y, random_state=state
    )
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
