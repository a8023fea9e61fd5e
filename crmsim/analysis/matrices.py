"""Bivariate portfolio matrices: customers placed in the quadrants of two criteria.

Each criterion is split in two at its mean or median (or at a value you choose): a
customer at or above the split is "fort" on it, below it is "faible". The four models of
the course are described in :data:`MATRIX_MODELS`, each with the recommended strategy of
its quadrants (our wording; the course names the axes and only one strategy).

=======================  ===========================  ==================================
model                    vertical axis (y)            horizontal axis (x)
=======================  ===========================  ==================================
``ca_rentabilite``       niveau de chiffre d'affaires  rentabilité actuelle
``potentiel_fidelite``   potentiel du client          degré de fidélité
``fioca``                importance stratégique       difficulté de la relation
``dubinsky_ingram``      rentabilité actuelle         rentabilité potentielle
=======================  ===========================  ==================================
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_numeric,
    check_table,
    did_you_mean,
    french_arguments,
)
from crmsim.errors import DataError

__all__ = ["MATRIX_MODELS", "MatrixModel", "matrix_quadrants", "portfolio_matrix"]


@dataclass(frozen=True)
class MatrixModel:
    """A two-criteria matrix: axis labels, default columns and quadrant strategies.

    ``strategies`` maps ``(y_level, x_level)``, each "fort" or "faible", to a French
    recommendation.
    """

    title: str
    x_label: str
    y_label: str
    x_col: str
    y_col: str
    strategies: dict[tuple[str, str], str] = field(default_factory=dict)


#: The course's four matrix models, by name.
MATRIX_MODELS: dict[str, MatrixModel] = {
    "ca_rentabilite": MatrixModel(
        title="Modèle 1 : chiffre d’affaires × rentabilité actuelle",
        x_label="Rentabilité actuelle",
        y_label="Niveau de chiffre d’affaires",
        x_col="current_profitability",
        y_col="revenue",
        strategies={
            ("fort", "fort"): "Clients clés : fidéliser en priorité (suivi personnalisé)",
            ("fort", "faible"): "Restaurer la marge : revoir prix, remises et coût de service",
            ("faible", "fort"): "Développer les ventes : offres complémentaires, montée en gamme",
            ("faible", "faible"): "Réduire le coût de service, voire se désengager",
        },
    ),
    "potentiel_fidelite": MatrixModel(
        title="Modèle 2 : potentiel × degré de fidélité",
        x_label="Degré de fidélité",
        y_label="Potentiel du client",
        x_col="loyalty",
        y_col="potential",
        strategies={
            ("fort", "fort"): "Fidéliser et développer : relation privilégiée",
            ("fort", "faible"): "Gagner leur fidélité par un gros effort marketing",
            ("faible", "fort"): "Entretenir la relation à moindre coût",
            ("faible", "faible"): "Service minimal : offre standard, canaux peu coûteux",
        },
    ),
    "fioca": MatrixModel(
        title="Matrice FIOCA : importance stratégique × difficulté de la relation",
        x_label="Difficulté de la relation client",
        y_label="Importance stratégique du client",
        x_col="relationship_difficulty",
        y_col="strategic_importance",
        strategies={
            ("fort", "faible"): "Partenaires : consolider et sécuriser la relation",
            ("fort", "fort"): "Fidéliser par un gros effort marketing (client très attractif)",
            ("faible", "faible"): "Gérer en routine : relation standardisée",
            ("faible", "fort"): "Limiter l’investissement, voire se désengager",
        },
    ),
    "dubinsky_ingram": MatrixModel(
        title="Matrice de Dubinsky & Ingram : rentabilité actuelle × potentielle",
        x_label="Rentabilité potentielle",
        y_label="Rentabilité actuelle",
        x_col="potential_profitability",
        y_col="current_profitability",
        strategies={
            ("fort", "fort"): "Investir : fidéliser par un gros effort marketing",
            ("fort", "faible"): "Maintenir : préserver la rentabilité au moindre coût",
            ("faible", "fort"): "Développer : transformer le potentiel en rentabilité",
            ("faible", "faible"): "Réduire les efforts, voire se désengager",
        },
    ),
}


def _get_model(model: str) -> MatrixModel:
    if model not in MATRIX_MODELS:
        known = ", ".join(f"« {m} »" for m in MATRIX_MODELS)
        raise DataError(
            f"model inconnu : {model!r}. Modèles disponibles : {known}."
            f"{did_you_mean(model, MATRIX_MODELS)}"
        )
    return MATRIX_MODELS[model]


def split_value(values: pd.Series, split: str | float, name: str) -> float:
    """Return the split point of ``values``: its mean, its median or a given number."""
    if isinstance(split, str):
        if split == "mean":
            return float(values.mean())
        if split == "median":
            return float(values.median())
        raise DataError(
            f"{name} doit valoir « mean » (moyenne), « median » (médiane) ou un nombre, "
            f"reçu {split!r}.{did_you_mean(split, ['mean', 'median'])}"
        )
    try:
        value = float(split)
    except (TypeError, ValueError):
        raise DataError(
            f"{name} doit valoir « mean », « median » ou un nombre, reçu {split!r}."
        ) from None
    if not np.isfinite(value):
        raise DataError(f"{name} doit être un nombre fini, reçu {split!r}.")
    return value


def levels(values: pd.Series, cut: float) -> np.ndarray:
    """'fort' at or above ``cut``, 'faible' below (a value on the line counts as 'fort')."""
    return np.where(values.to_numpy() >= cut, "fort", "faible")


@french_arguments
def portfolio_matrix(
    data: pd.DataFrame,
    *,
    model: str = "ca_rentabilite",
    x_col: str | None = None,
    y_col: str | None = None,
    split: str | float = "median",
    x_split: str | float | None = None,
    y_split: str | float | None = None,
    customer_col: str = "customer_id",
) -> pd.DataFrame:
    """Place each customer in a quadrant of a two-criteria portfolio matrix.

    Parameters
    ----------
    data : DataFrame
        One row per customer, with the two criteria (numbers; negative values are
        allowed, e.g. a loss-making customer).
    model : str, default "ca_rentabilite"
        One of :data:`MATRIX_MODELS`: "ca_rentabilite", "potentiel_fidelite", "fioca",
        "dubinsky_ingram". It gives the axis labels and the quadrant strategies.
    x_col, y_col : str, optional
        Columns of the horizontal and vertical criteria; default to the model's
        (``MATRIX_MODELS[model].x_col`` / ``.y_col``).
    split : {"median", "mean"} or float, default "median"
        Where both criteria are cut in two. ``x_split`` / ``y_split`` override it per
        axis (a number sets the cut directly). A value equal to the cut counts as "fort".
    customer_col : str
        Name of the identifier column.

    Returns
    -------
    DataFrame
        A new table, one row per customer in the input order.

        Columns
        -------
        ``customer_col`` : identifier, as given.
        ``x_col``, ``y_col`` : float
            The two criteria.
        x_cut, y_cut : float
            The split values used.
        x_level, y_level : str
            "fort" or "faible".
        quadrant : str
            French label, e.g. "Niveau de chiffre d'affaires fort / Rentabilité
            actuelle faible".
        strategy : str
            Recommended strategy of the quadrant, in French.

    Raises
    ------
    DataError
        Unknown model or split rule, missing column, empty table, duplicated
        identifier, non-numeric or missing criterion.

    Examples
    --------
    >>> import pandas as pd
    >>> from crmsim.analysis import portfolio_matrix
    >>> clients = pd.DataFrame({"customer_id": ["a", "b", "c", "d"],
    ...                         "potential": [9, 8, 2, 1], "loyalty": [1, 9, 8, 2]})
    >>> out = portfolio_matrix(clients, model="potentiel_fidelite", split="mean")
    >>> out[["customer_id", "y_level", "x_level"]].to_string(index=False)
    'customer_id y_level x_level\\n          a    fort  faible\\n          b    fort    fort\\n          c  faible    fort\\n          d  faible  faible'
    >>> out.loc[0, "strategy"]
    'Gagner leur fidélité par un gros effort marketing'
    """
    spec = _get_model(model)
    x_col = x_col or spec.x_col
    y_col = y_col or spec.y_col
    data = check_table(data, [customer_col, x_col, y_col], id_col=customer_col)
    x = check_numeric(data, x_col, allow_negative=True)
    y = check_numeric(data, y_col, allow_negative=True)
    x_cut = split_value(x, split if x_split is None else x_split, "x_split")
    y_cut = split_value(y, split if y_split is None else y_split, "y_split")
    x_level = levels(x, x_cut)
    y_level = levels(y, y_cut)
    out = pd.DataFrame(
        {
            customer_col: data[customer_col].to_numpy(),
            x_col: x.to_numpy(),
            y_col: y.to_numpy(),
            "x_cut": x_cut,
            "y_cut": y_cut,
            "x_level": x_level,
            "y_level": y_level,
        }
    )
    out["quadrant"] = [
        f"{spec.y_label} {_agree(yl, spec.y_label)} / {spec.x_label} {_agree(xl, spec.x_label)}"
        for yl, xl in zip(y_level, x_level, strict=True)
    ]
    out["strategy"] = [spec.strategies[(yl, xl)] for yl, xl in zip(y_level, x_level, strict=True)]
    return out


def _agree(level: str, label: str) -> str:
    """French agreement of 'fort'/'faible' with a feminine axis label."""
    feminine = label.split()[0].lower() in {"rentabilité", "difficulté", "importance"}
    return "forte" if (feminine and level == "fort") else level


@french_arguments
def matrix_quadrants(model: str = "ca_rentabilite") -> pd.DataFrame:
    """The four quadrants of a matrix model with their strategies.

    Returns
    -------
    DataFrame
        Columns
        -------
        y_level, x_level : str
            "fort" or "faible".
        strategy : str
            Recommended strategy, in French.

    Examples
    --------
    >>> from crmsim.analysis import matrix_quadrants
    >>> len(matrix_quadrants("fioca"))
    4
    """
    spec = _get_model(model)
    rows = [
        {"y_level": yl, "x_level": xl, "strategy": spec.strategies[(yl, xl)]}
        for yl in ("fort", "faible")
        for xl in ("faible", "fort")
    ]
    return pd.DataFrame(rows)
