"""Every portfolio method of the course on one simulated base: one population, every answer.

These helpers sit above the model (like :mod:`crmsim.portfolio_sim`): they read the tables
of a :class:`crmsim.SimulationResult` and call the course's analysis functions on them
(:func:`crmsim.pareto`, :func:`crmsim.abc`, :func:`crmsim.rfm`, :func:`crmsim.radar`,
:func:`crmsim.account_positioning`), so that one population answers every method.

* :func:`portfolio_revenue` -- the firm's customers of one year and their revenue that year;
* :func:`portfolio_methods` -- what each method says of each of those customers;
* :func:`method_overlap` -- who the "best customers" of each method are, and how far they
  are the same people;
* :func:`scored_accounts` -- the scoring grids' positioning of a B2B run's accounts.

:mod:`crmsim.course_comparison` sets each method on the simulated base beside the lesson's
example.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim._validation import (
    check_flags,
    check_instance,
    check_numeric,
    check_table,
    french_arguments,
)
from crmsim.analysis import (
    abc,
    account_positioning,
    pareto,
    radar,
    rfm,
    supplier_sales_for_tcc,
)
from crmsim.analysis.scoring import POSITIONING_STRATEGIES
from crmsim.errors import DataError
from crmsim.labels import FIRM  # the simulated firm's name in ``supplier_sales``
from crmsim.model import SimulationResult

__all__ = [
    "B2B_PRESETS",
    "FIRM",
    "method_overlap",
    "portfolio_methods",
    "portfolio_revenue",
    "radar_of_year",
    "scored_accounts",
    "study_years",
]


#: Presets whose customers are business accounts (the scoring grids need them).
B2B_PRESETS = ("industriel",)


def _check_result(result: object) -> SimulationResult:
    check_instance(
        result,
        SimulationResult,
        "result",
        "Obtenez-le avec cs.simulate(cs.small_portfolio('cours', customers=300, months=36), "
        "seed=1).",
    )
    return result  # type: ignore[return-value]


@french_arguments
def study_years(result: SimulationResult, year: object = None) -> tuple[int, int | None]:
    """The year studied (default the last one of the run) and the one before (None in year 1).

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(cs.small_portfolio("cours", customers=100, months=30), seed=1)
    >>> study_years(res), study_years(res, 1)
    ((3, 2), (1, None))
    """
    result = _check_result(result)
    last = (result.scenario.months + 11) // 12
    if year is None:
        year = last
    if isinstance(year, (bool, np.bool_)) or not isinstance(year, (int, np.integer)):
        raise DataError(f"year (année) doit être un entier de 1 à {last}, reçu {year!r}.")
    if not 1 <= year <= last:
        raise DataError(
            f"year (année) doit être une année de la simulation, de 1 à {last}, reçu {year!r} "
            f"(la simulation dure {result.scenario.months} mois)."
        )
    return int(year), (int(year) - 1 if year > 1 else None)


@french_arguments
def portfolio_revenue(result: SimulationResult, year: int | None = None) -> pd.DataFrame:
    """The firm's customers of one year with their revenue that year.

    A customer of the year is anyone who bought from the firm during it (a customer who
    left during the year counts, with the sales made before leaving). This is the
    portfolio that Pareto and ABC rank, as the course ranks a year's revenue.

    Parameters
    ----------
    result : SimulationResult
        A run (``result.supplier_sales`` is read).
    year : int, optional
        1 = the first twelve months; default the last year of the run.

    Returns
    -------
    DataFrame
        One row per customer, by increasing id.

        Columns
        -------
        customer_id : int
        revenue : float
            The firm's sales to the customer that year (MAD, > 0).

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(cs.small_portfolio("cours", customers=200, months=24), seed=1)
    >>> clients = portfolio_revenue(res)
    >>> list(clients.columns), bool((clients["revenue"] > 0).all())
    (['customer_id', 'revenue'], True)
    """
    result = _check_result(result)
    year, _ = study_years(result, year)
    sales = supplier_sales_for_tcc(result.supplier_sales, year)
    own = sales[(sales["firm"] == FIRM) & (sales["sales"] > 0)]
    out = pd.DataFrame(
        {"customer_id": own["customer"].to_numpy(np.int64), "revenue": own["sales"].to_numpy()}
    )
    return out.sort_values("customer_id", ignore_index=True)


def _radar(result: SimulationResult, year: int, previous: int | None) -> pd.DataFrame:
    supplier = result.supplier_sales
    before = None if previous is None else supplier_sales_for_tcc(supplier, previous)
    return radar(supplier_sales_for_tcc(supplier, year), firm=FIRM, previous_sales=before)


@french_arguments
def radar_of_year(result: SimulationResult, year: int | None = None) -> pd.DataFrame:
    """The firm's RADAR matrix in ``year`` (default the last) against the year before.

    Every customer and prospect with purchases that year is in it: the table of
    :func:`crmsim.radar` on :func:`crmsim.supplier_sales_for_tcc` of both years.

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(cs.small_portfolio("cours", customers=100, months=24), seed=1)
    >>> radar_of_year(res)["firm"].unique().tolist()
    ['Entreprise']
    """
    year, previous = study_years(result, year)
    return _radar(result, year, previous)


def _is_b2b(result: SimulationResult) -> bool:
    return result.scenario.name in B2B_PRESETS


def _require_accounts(result: SimulationResult) -> None:
    if not _is_b2b(result):
        raise DataError(
            "La grille de scoring note des comptes professionnels (attractivité du secteur, "
            "niveau de technologie, capacité de production, conditions commerciales) : ces "
            f"critères n’ont pas de sens pour les particuliers de la base « {result.scenario.name} ». "
            "Simulez la base B2B « industriel » (cs.small_portfolio('industriel', ...))."
        )


@french_arguments
def scored_accounts(result: SimulationResult) -> pd.DataFrame:
    """Both grid scores and the positioning of a B2B run's accounts (course's grids).

    :func:`crmsim.account_positioning` of ``result.accounts`` with the grids of
    ``datasets/scoring_criteria.csv``. A consumers' run is refused with a French message:
    the criteria describe firms.

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(cs.small_portfolio("industriel", customers=100, months=12), seed=1)
    >>> bool(scored_accounts(res)["potential"].between(1, 5).all())
    True
    """
    result = _check_result(result)
    _require_accounts(result)
    return account_positioning(result.accounts, datasets.load("scoring_criteria"))


@french_arguments
def portfolio_methods(result: SimulationResult, *, year: int | None = None) -> pd.DataFrame:
    """What each method of the course says of each customer of one year.

    The customers are those of :func:`portfolio_revenue`. Pareto (80 % of the revenue) and
    ABC (10/30/60 % of the customers) rank the year's revenue; RFM reads the whole
    purchase log up to the end of the run; TCC and RADAR read the sales of the firm and of
    its competitors that year (against the year before); the scoring grids (B2B runs
    only) read the accounts' notes at the end of the run.

    Parameters
    ----------
    result : SimulationResult
    year : int, optional
        Default the last year of the run.

    Returns
    -------
    DataFrame
        One row per customer of the year, by decreasing revenue.

        Columns
        -------
        customer_id : int
        revenue : float
            The firm's sales to the customer that year (MAD).
        in_head : bool
            In the Pareto head (the fewest customers making 80 % of the revenue).
        abc_class : str
            A, B or C.
        segment : str
            RFM segment (:func:`crmsim.rfm`).
        tcc : float
            The firm's share of the customer's purchases that year (0-1).
        value_level : str
            "forte" (TCC at least the RADAR threshold, 25 % with four suppliers) or "faible".
        strategy : str
            RADAR strategy.
        scoring_strategy : str or None
            Strategy of the potential x performance grid (B2B runs; None for a consumer
            base, or for an account that left before the end).

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(cs.small_portfolio("cours", customers=200, months=24), seed=1)
    >>> table = portfolio_methods(res)
    >>> table.columns.tolist()[2:5]
    ['in_head', 'abc_class', 'segment']
    """
    result = _check_result(result)
    year, previous = study_years(result, year)
    clients = portfolio_revenue(result, year)
    if clients.empty:
        raise DataError(f"Aucun client n’a acheté à l’entreprise l’année {year} : rien à classer.")
    ranked = pareto(clients)[["customer_id", "revenue", "in_head"]]
    classes = abc(clients).set_index("customer_id")["abc_class"]
    segments = rfm(result.transactions).set_index("customer_id")["segment"]
    matrix = _radar(result, year, previous)
    matrix.index = matrix["customer"].astype(np.int64)  # radar shows the ids as text
    ids = ranked["customer_id"]
    out = ranked.assign(
        abc_class=ids.map(classes).to_numpy(),
        segment=ids.map(segments).to_numpy(),
        tcc=ids.map(matrix["tcc"]).to_numpy(dtype=float),
        value_level=ids.map(matrix["value_level"]).to_numpy(),
        strategy=ids.map(matrix["strategy"]).to_numpy(),
        scoring_strategy=None,
    )
    if _is_b2b(result):
        grid = scored_accounts(result).set_index("customer_id")["strategy"]
        out["scoring_strategy"] = ids.map(grid).astype(object).where(ids.isin(grid.index), None)
    return out.reset_index(drop=True)


#: The "best customers" of each method: (label, column, value).
_GROUPS = (
    ("Tête de Pareto (80 % du CA)", "in_head", True),
    ("Classe A (ABC)", "abc_class", "A"),
    ("Meilleurs clients (RFM)", "segment", "Meilleurs clients"),
    ("TCC fort (au moins le seuil)", "value_level", "forte"),
    ("Retenir (RADAR)", "strategy", "Retenir"),
    ("Clients clés (scoring)", "scoring_strategy", POSITIONING_STRATEGIES[("fort", "fort")]),
)


@french_arguments
def method_overlap(methods: pd.DataFrame) -> pd.DataFrame:
    """The "best customers" of each method, and how many of them are in the Pareto head.

    Parameters
    ----------
    methods : DataFrame
        The table of :func:`portfolio_methods`.

    Returns
    -------
    DataFrame
        One row per method (the scoring row only when ``scoring_strategy`` is filled).

        Columns
        -------
        group : str
            The method's best customers (Pareto head, class A, RFM "Meilleurs clients",
            strong TCC, RADAR "Retenir", key accounts of the scoring grid).
        customers : int
            How many they are.
        share_customers : float
            Their share of the year's customers (0-1).
        share_revenue : float
            Their share of the year's revenue (0-1).
        in_head_share : float
            Share of them who are also in the Pareto head (0-1; NaN for an empty group).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"customer_id": [1, 2], "revenue": [80.0, 20.0],
    ...     "in_head": [True, False], "abc_class": ["A", "C"], "segment": ["Fidèles"] * 2,
    ...     "tcc": [0.2, 0.5], "value_level": ["faible", "forte"],
    ...     "strategy": ["Développer", "Retenir"], "scoring_strategy": [None, None]})
    >>> method_overlap(table)[["customers", "in_head_share"]].to_numpy().tolist()
    [[1.0, 1.0], [1.0, 1.0], [0.0, nan], [1.0, 0.0], [1.0, 0.0]]
    """
    columns = [c for _, c, _ in _GROUPS]
    table = check_table(methods, ["customer_id", "revenue", *columns], name="methods")
    revenue = check_numeric(table, "revenue", name="methods").to_numpy(dtype=float)
    head = check_flags(table, "in_head", "methods")
    rows = []
    for label, column, value in _GROUPS:
        if column == "scoring_strategy" and table[column].isna().all():
            continue
        chosen = (table[column] == value).to_numpy(dtype=bool)
        n = int(chosen.sum())
        rows.append(
            {
                "group": label,
                "customers": n,
                "share_customers": n / len(table) if len(table) else float("nan"),
                "share_revenue": revenue[chosen].sum() / revenue.sum() if revenue.sum() else 0.0,
                "in_head_share": head[chosen].mean() if n else float("nan"),
            }
        )
    return pd.DataFrame(rows)
