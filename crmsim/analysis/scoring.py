"""Multi-criteria scoring grids and the potential x performance positioning.

A grid lists criteria with a coefficient (3 très important, 2 important, 1 assez
important). Each customer gets a score from 1 (mauvais) to 5 (excellent) on every
criterion, and its grid score is the weighted mean

    score = Σ (coefficient x note) / Σ coefficients,

so it stays on the 1-5 scale. The course uses two grids, *potentiel* and *performance*
(Σ coefficients = 10 in each; see ``datasets/scoring_criteria.csv``). Its text lists
"niveau annuel de l'activité industrielle" among the potential criteria and "fréquence
d'achat sur 12 mois" among the performance ones, while its tables put the purchase
frequency in the potential grid and the annual production capacity in the performance
grid: the shipped tables follow the tables.

The positioning places customers on a performance (x) x potential (y) chart, cut by the
mean of each axis, with a bubble of diameter d = 1/2 sqrt(n), n the customer's share of
revenue in percent.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmsim._validation import (
    check_columns,
    check_ids_unique,
    check_nonempty,
    check_number,
    check_numeric,
    check_sequence,
    check_table,
    did_you_mean,
    french_arguments,
)
from crmsim.analysis.matrices import levels
from crmsim.errors import DataError

__all__ = ["POSITIONING_STRATEGIES", "bubble_diameter", "scoring_grid", "scoring_positioning"]

#: Recommended strategy by (potential level, performance level).
POSITIONING_STRATEGIES: dict[tuple[str, str], str] = {
    ("fort", "fort"): "Clients clés : fidéliser et développer",
    ("fort", "faible"): "Potentiel inexploité : investir pour développer les ventes",
    ("faible", "fort"): "Entretenir la relation sans surinvestir",
    ("faible", "faible"): "Surveiller, réduire le coût de service",
}


def _coefficients(
    criteria: pd.DataFrame | Mapping[str, float],
    grid: str | None,
    criterion_col: str,
    coefficient_col: str,
    grid_col: str,
) -> tuple[pd.Series, set[str]]:
    """Return (coefficients indexed by criterion, criteria of the other grids)."""
    if isinstance(criteria, Mapping):
        criteria = pd.DataFrame(
            {criterion_col: list(criteria), coefficient_col: list(criteria.values())}
        )
    criteria = check_table(criteria, [criterion_col, coefficient_col], name="criteria")
    check_columns(criteria, list(criteria.columns), "criteria")
    other: set[str] = set()
    if grid_col in criteria.columns:
        grids = [str(g) for g in pd.unique(criteria[grid_col].astype(str))]
        if grid is None and len(grids) > 1:
            shown = ", ".join(f"« {g} »" for g in grids)
            raise DataError(
                f"criteria contient plusieurs grilles ({shown}) : précisez laquelle, par "
                f"exemple grid={grids[0]!r}."
            )
        if grid is not None:
            if grid not in grids:
                shown = ", ".join(f"« {g} »" for g in grids)
                raise DataError(
                    f"Grille inconnue : {grid!r}. Grilles de criteria : {shown}."
                    f"{did_you_mean(grid, grids)}"
                )
            mask = criteria[grid_col].astype(str) == grid
            other = {str(c) for c in criteria.loc[~mask, criterion_col]}
            criteria = criteria[mask]
    elif grid is not None:
        raise DataError(
            f"grid={grid!r} demandé mais criteria n’a pas de colonne « {grid_col} » : "
            "retirez grid ou passez grid_col=..."
        )
    check_nonempty(criteria, "criteria")
    check_ids_unique(criteria, criterion_col, "criteria")
    coef = check_numeric(criteria, coefficient_col, name="criteria")
    coef.index = [str(c) for c in criteria[criterion_col]]
    return coef, other


@french_arguments
def scoring_grid(
    scores: pd.DataFrame,
    criteria: pd.DataFrame | Mapping[str, float],
    *,
    grid: str | None = None,
    coefficient_range: tuple[float, float] | None = (1, 3),
    score_range: tuple[float, float] = (1, 5),
    customer_col: str = "customer_id",
    criterion_col: str = "criterion_id",
    coefficient_col: str = "coefficient",
    grid_col: str = "grid",
    score_name: str = "score",
) -> pd.DataFrame:
    """Weighted multi-criteria score of each customer: Σ(coef x note) / Σ coef.

    Parameters
    ----------
    scores : DataFrame
        One row per customer: ``customer_col`` and one column per criterion of the grid
        (named by its ``criterion_id``), holding notes from 1 to 5. Columns of criteria
        of *other* grids of ``criteria`` are ignored; any other column is an error (it
        would be a note without a coefficient).
    criteria : DataFrame or mapping
        The grid: ``criterion_col`` and ``coefficient_col`` (and ``grid_col`` when several
        grids share the table, as in ``datasets/scoring_criteria.csv``), or a mapping
        ``{criterion_id: coefficient}``.
    grid : str, optional
        Which grid of ``criteria`` to use ("potentiel" or "performance" in the course);
        required when ``criteria`` holds several grids.
    coefficient_range : (low, high) or None, default (1, 3)
        Allowed coefficients (the course's 1-3 scale). ``None`` accepts any positive
        coefficient.
    score_range : (low, high), default (1, 5)
        Allowed notes.
    customer_col, criterion_col, coefficient_col, grid_col : str
        Column names.
    score_name : str, default "score"
        Name of the output score column (e.g. "potential").

    Returns
    -------
    DataFrame
        A new table, one row per customer in the input order.

        Columns
        -------
        ``customer_col`` : identifier, as given.
        weighted_sum : float
            Σ (coefficient x note).
        total_coefficient : float
            Σ coefficients (10 for each course grid).
        ``score_name`` : float
            weighted_sum / total_coefficient, between the lowest and highest note.

    Raises
    ------
    DataError
        Missing column, empty table, duplicated customer or criterion, a criterion of
        the grid without notes, a note column without coefficient, coefficient outside
        ``coefficient_range`` or not positive, note outside ``score_range`` or not
        numeric, ambiguous or unknown grid.

    Examples
    --------
    >>> import pandas as pd
    >>> import crmsim as cs
    >>> criteria = cs.datasets.load("scoring_criteria")
    >>> notes = pd.DataFrame({"customer_id": ["X"], "attractivite_secteur": [4],
    ...     "niveau_technologie": [2], "ca_client": [5], "frequence_achat_12m": [3],
    ...     "type_marche_derive": [1]})
    >>> out = cs.scoring_grid(notes, criteria, grid="potentiel", score_name="potential")
    >>> out.to_dict("records")
    [{'customer_id': 'X', 'weighted_sum': 35.0, 'total_coefficient': 10.0, 'potential': 3.5}]
    """
    if not isinstance(score_name, str) or not score_name.strip():
        raise DataError(
            f"score_name doit être un nom de colonne (texte), reçu {score_name!r}. "
            'Exemple : score_name="potential".'
        )
    coef, other = _coefficients(criteria, grid, criterion_col, coefficient_col, grid_col)
    if (coef <= 0).any():
        bad = coef[coef <= 0]
        raise DataError(
            f"Coefficient non positif pour le critère « {bad.index[0]} » : {bad.iloc[0]:g}. "
            "Un coefficient pondère un critère : il doit être strictement positif."
        )
    if coefficient_range is not None:
        low, high = (
            check_number(v, "coefficient_range")
            for v in check_sequence(
                coefficient_range, "coefficient_range", length=2, example="(1, 3) ou None"
            )
        )
        out_of = coef[(coef < low) | (coef > high)]
        if len(out_of):
            raise DataError(
                f"Coefficient hors de l’échelle {low:g}-{high:g} pour le critère "
                f"« {out_of.index[0]} » : {out_of.iloc[0]:g} (3 = très important, "
                "2 = important, 1 = assez important). Passez coefficient_range=None pour "
                "accepter d’autres pondérations."
            )
    scores = check_table(scores, [customer_col], name="scores", id_col=customer_col)
    check_columns(scores, list(scores.columns), "scores")
    note_cols = [c for c in scores.columns if c != customer_col]
    missing = [c for c in coef.index if c not in scores.columns]
    if missing:
        shown = ", ".join(f"« {m} »" for m in missing)
        hint = "".join(did_you_mean(m, note_cols) for m in missing)
        raise DataError(
            f"Critère(s) de la grille sans note dans scores : {shown}. Chaque critère "
            f"pondéré doit avoir une colonne de notes.{hint}"
        )
    extra = [c for c in note_cols if str(c) not in coef.index and str(c) not in other]
    if extra:
        shown = ", ".join(f"« {e} »" for e in extra)
        hint = "".join(did_you_mean(str(e), coef.index) for e in extra)
        raise DataError(
            f"Colonne(s) de notes sans coefficient dans la grille : {shown}. Les "
            f"coefficients ne correspondent pas aux critères notés.{hint} Ajoutez le "
            "critère à la grille ou retirez la colonne (scores.drop(columns=[...]))."
        )
    low, high = (
        check_number(v, "score_range")
        for v in check_sequence(score_range, "score_range", length=2, example="(1, 5)")
    )
    notes = pd.DataFrame(
        {c: check_numeric(scores, c, allow_negative=True, name="scores") for c in coef.index}
    )
    outside = (notes < low) | (notes > high)
    if outside.to_numpy().any():
        row, col = np.argwhere(outside.to_numpy())[0]
        raise DataError(
            f"Note hors de l’échelle {low:g}-{high:g} : {notes.iat[row, col]:g} pour le "
            f"client {scores[customer_col].iloc[row]!r}, critère « {notes.columns[col]} » "
            f"({low:g} = mauvais, {high:g} = excellent)."
        )
    weighted = notes.to_numpy() @ coef.to_numpy()
    total = float(coef.sum())
    return pd.DataFrame(
        {
            customer_col: scores[customer_col].to_numpy(),
            "weighted_sum": weighted.astype(float),
            "total_coefficient": total,
            score_name: weighted / total,
        }
    )


def bubble_diameter(share_pct: float | np.ndarray | pd.Series) -> np.ndarray:
    """The course's bubble diameter d = 1/2 sqrt(n), n a share of revenue in percent.

    Examples
    --------
    >>> from crmsim.analysis.scoring import bubble_diameter
    >>> bubble_diameter([25.0, 4.0]).tolist()
    [2.5, 1.0]
    """
    n = np.asarray(share_pct, dtype=float)
    if (n < 0).any():
        raise DataError(f"Une part de CA ne peut pas être négative, reçu {n[n < 0][0]:g} %.")
    return 0.5 * np.sqrt(n)


@french_arguments
def scoring_positioning(
    data: pd.DataFrame,
    *,
    revenue_col: str | None = None,
    customer_col: str = "customer_id",
    potential_col: str = "potential",
    performance_col: str = "performance",
    score_range: tuple[float, float] = (1, 5),
) -> pd.DataFrame:
    """Position customers by potential (y) and performance (x) against the mean lines.

    Parameters
    ----------
    data : DataFrame
        One row per customer with its potential and performance grid scores (1-5).
    revenue_col : str, optional
        Revenue of each customer, giving its share of revenue n (in %) and the bubble
        diameter d = 1/2 sqrt(n). Without it these two columns are NaN (plots then draw
        equal bubbles).
    customer_col, potential_col, performance_col : str
        Column names.
    score_range : (low, high), default (1, 5)
        Allowed grid scores.

    Returns
    -------
    DataFrame
        A new table, one row per customer in the input order.

        Columns
        -------
        ``customer_col`` : identifier, as given.
        ``potential_col``, ``performance_col`` : float
            The two grid scores.
        potential_mean, performance_mean : float
            Mean of each score over the customers (the chart's mean lines).
        potential_level, performance_level : str
            "fort" at or above the mean, "faible" below.
        strategy : str
            Recommendation of the quadrant, in French.
        share_revenue_pct : float
            Share of total revenue in percent (NaN without ``revenue_col``).
        diameter : float
            Bubble diameter 1/2 sqrt(share_revenue_pct), in score units.

    Examples
    --------
    >>> import crmsim as cs
    >>> pos = cs.scoring_positioning(cs.datasets.load("scoring_clients"))
    >>> float(pos.loc[0, "performance_mean"]), pos.loc[0, "strategy"]
    (3.4, 'Clients clés\\xa0: fidéliser et développer')
    """
    cols = [customer_col, potential_col, performance_col]
    data = check_table(data, cols + ([revenue_col] if revenue_col else []), id_col=customer_col)
    low, high = (
        check_number(v, "score_range")
        for v in check_sequence(score_range, "score_range", length=2, example="(1, 5)")
    )
    values = {}
    for col in (potential_col, performance_col):
        v = check_numeric(data, col, allow_negative=True)
        if ((v < low) | (v > high)).any():
            where = v.index[(v < low) | (v > high)][0]
            raise DataError(
                f"Score hors de l’échelle {low:g}-{high:g} dans « {col} » : {v[where]:g} "
                f"(ligne {where!r}). Un score de grille est une moyenne de notes {low:g}-{high:g}."
            )
        values[col] = v.to_numpy()
    pot_mean = float(values[potential_col].mean())
    perf_mean = float(values[performance_col].mean())
    pot_level = levels(pd.Series(values[potential_col]), pot_mean)
    perf_level = levels(pd.Series(values[performance_col]), perf_mean)
    if revenue_col:
        revenue = check_numeric(data, revenue_col).to_numpy()
        if revenue.sum() <= 0:
            raise DataError(
                f"Le chiffre d’affaires total (colonne « {revenue_col} ») est nul : les "
                "parts de CA (et donc les diamètres) ne peuvent pas être calculées."
            )
        share = 100 * revenue / revenue.sum()
    else:
        share = np.full(len(data), np.nan)
    return pd.DataFrame(
        {
            customer_col: data[customer_col].to_numpy(),
            potential_col: values[potential_col],
            performance_col: values[performance_col],
            "potential_mean": pot_mean,
            "performance_mean": perf_mean,
            "potential_level": pot_level,
            "performance_level": perf_level,
            "strategy": [
                POSITIONING_STRATEGIES[(p, f)] for p, f in zip(pot_level, perf_level, strict=True)
            ],
            "share_revenue_pct": share,
            "diameter": 0.5 * np.sqrt(share),
        }
    )
