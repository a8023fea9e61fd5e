"""Every portfolio method of the course on one simulated base, beside the lessons' examples.

These helpers sit above the model (like :mod:`crmsim.portfolio_sim`): they read the tables
of a :class:`crmsim.SimulationResult` and call the course's analysis functions on them
(:func:`crmsim.pareto`, :func:`crmsim.abc`, :func:`crmsim.rfm`, :func:`crmsim.frat`,
:func:`crmsim.account_positioning`, :func:`crmsim.radar`,
:func:`crmsim.campaign_kpis_by_channel`), so that one population answers every method.

* :func:`portfolio_revenue` -- the firm's customers of one year and their revenue that year;
* :func:`portfolio_methods` -- what each method says of each of those customers;
* :func:`method_overlap` -- who the "best customers" of each method are, and how far they
  are the same people;
* :func:`compare_with_course` -- one method on the simulated base beside the same method
  on the lesson's example table (:data:`COURSE_EXAMPLES`).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from crmsim import datasets
from crmsim._validation import (
    check_flags,
    check_instance,
    check_numeric,
    check_table,
    did_you_mean,
    french_arguments,
)
from crmsim.analysis import (
    abc,
    abc_summary,
    account_positioning,
    campaign_kpis_by_channel,
    frat,
    gini,
    pareto,
    pareto_summary,
    radar,
    rfm,
    supplier_sales_for_tcc,
)
from crmsim.analysis.rfm import RFM_SEGMENTS
from crmsim.analysis.scoring import POSITIONING_STRATEGIES
from crmsim.analysis.tcc import RADAR_STRATEGIES
from crmsim.errors import DataError
from crmsim.model import SimulationResult

__all__ = [
    "B2B_PRESETS",
    "COURSE_EXAMPLES",
    "FIRM",
    "LESSON_CAMPAIGN",
    "METHODS",
    "compare_with_course",
    "method_overlap",
    "portfolio_methods",
    "portfolio_revenue",
    "radar_of_year",
    "study_years",
]

#: The simulated firm's name in the ``supplier_sales`` table.
FIRM = "Entreprise"

#: Presets whose customers are business accounts (the scoring grids need them).
B2B_PRESETS = ("industriel",)

#: The methods :func:`compare_with_course` knows.
METHODS = ("pareto", "abc", "rfm", "frat", "scoring", "tcc", "kpi")

#: The lessons' example of each method: the course side of :func:`compare_with_course`.
COURSE_EXAMPLES: dict[str, str] = {
    "pareto": "Leçon 3 : cabinet de conseil (consulting_clients)",
    "abc": "Leçon 4 : cabinet de conseil (consulting_clients)",
    "rfm": "Leçon 7 : journal d’achats (transactions_sample)",
    "frat": "Leçon 7 : journal d’achats (transactions_sample)",
    "scoring": "Leçon 6 : clients A à E (scoring_notes)",
    "tcc": "Leçon 8 : emballages, entreprise A (tcc_lesson_sales)",
    "kpi": "Leçon 9 : publipostage",
}

#: The publipostage of lesson 9 (illustrative figures) as a row of a ``campaigns`` table:
#: 10 000 letters at 5 MAD, 400 responses, 100 orders of 800 MAD, 250 MAD of margin each.
LESSON_CAMPAIGN: dict[str, object] = {
    "channel": "publipostage",
    "messages": 10_000,
    "responses": 400,
    "orders": 100,
    "cost": 50_000.0,
    "revenue": 80_000.0,
    "gross_margin": 25_000.0,
}

SIMULATED = "Base simulée"


def _check_result(result: object) -> SimulationResult:
    check_instance(
        result,
        SimulationResult,
        "result",
        "Obtenez-le avec cs.simulate(cs.small_portfolio('cours', customers=300, months=36), "
        "seed=1).",
    )
    return result  # type: ignore[return-value]


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


def _positioning(result: SimulationResult) -> pd.DataFrame:
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
        grid = _positioning(result).set_index("customer_id")["strategy"]
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


def _counts(labels: pd.Series, order: list[str], revenue: pd.Series | None = None) -> pd.DataFrame:
    """Customers (and share of revenue) by label, in ``order`` (absent labels count 0)."""
    counts = labels.value_counts().reindex(order, fill_value=0)
    out = pd.DataFrame(
        {
            "customers": counts.to_numpy(np.int64),
            "share_customers": (counts / len(labels)).to_numpy(),
        }
    )
    if revenue is not None:
        total = revenue.sum()
        out["share_revenue"] = (
            (revenue.groupby(labels.to_numpy()).sum() / total)
            .reindex(order, fill_value=0.0)
            .to_numpy()
        )
    return out


def _labelled(column: str, labels: list[str], table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``column`` = ``labels`` inserted first."""
    table.insert(0, column, labels)
    return table


def _pareto_row(data: pd.DataFrame) -> dict:
    head = pareto_summary(data, targets=[0.8]).iloc[0]
    return {
        "customers": len(data),
        "head_customers": int(head["customers"]),
        "customers_share": float(head["customers_share"]),
        "revenue_share": float(head["revenue_share"]),
        "gini": gini(data),
    }


def _frat_rows(transactions: pd.DataFrame, strategic: str) -> pd.DataFrame:
    with warnings.catch_warnings():  # one-purchase customers: their F is NaN, unused here
        warnings.simplefilter("ignore", UserWarning)
        table = frat(transactions, strategic=strategic)
    order = ["stratégique", "tactique"]
    out = _counts(table["main_type"], order)
    out.insert(0, "main_type", order)
    mean = table.groupby("main_type")["share_strategic"].mean()
    out["share_strategic"] = mean.reindex(order).to_numpy()
    return out


def _side(method: str, result: SimulationResult, year: int, previous: int | None) -> tuple:
    """(simulated table, course table) of ``method``, without the ``base`` column."""
    if method in ("pareto", "abc"):
        course, sim = datasets.load("consulting_clients"), portfolio_revenue(result, year)
        if method == "pareto":
            return pd.DataFrame([_pareto_row(sim)]), pd.DataFrame([_pareto_row(course)])
        return abc_summary(sim), abc_summary(course)
    if method == "rfm":
        order = list(RFM_SEGMENTS)
        pair = (rfm(result.transactions), rfm(datasets.load("transactions_sample")))
        return tuple(_labelled("segment", order, _counts(t["segment"], order)) for t in pair)
    if method == "frat":
        sample = datasets.load("transactions_sample")
        return _frat_rows(result.transactions, "stratégique"), _frat_rows(sample, "strategique")
    if method == "scoring":
        order = list(POSITIONING_STRATEGIES.values())
        course = account_positioning(
            datasets.load("scoring_notes"), datasets.load("scoring_criteria")
        )
        pair = (_positioning(result), course)
        return tuple(
            _labelled("strategy", order, _counts(p["strategy"], order, p["share_revenue_pct"]))
            for p in pair
        )
    if method == "tcc":
        order = list(RADAR_STRATEGIES)
        pair = (_radar(result, year, previous), radar(datasets.load("tcc_lesson_sales"), firm="A"))
        out = []
        for table in pair:
            rows = _labelled("strategy", order, _counts(table["strategy"], order, table["sales"]))
            rows["tcc"] = table.groupby("strategy")["tcc"].median().reindex(order).to_numpy()
            out.append(rows)
        return tuple(out)
    lesson = campaign_kpis_by_channel(pd.DataFrame([LESSON_CAMPAIGN]))
    return campaign_kpis_by_channel(result.campaigns), lesson


@french_arguments
def compare_with_course(
    result: SimulationResult, method: str, *, year: int | None = None
) -> pd.DataFrame:
    """One method of the course on the simulated base, beside the lesson's example.

    Parameters
    ----------
    result : SimulationResult
    method : {"pareto", "abc", "rfm", "frat", "scoring", "tcc", "kpi"}
        ``"scoring"`` needs business accounts: a run of a preset of :data:`B2B_PRESETS`.
    year : int, optional
        The year of Pareto, ABC, TCC and RADAR (default the last one; RADAR compares it
        with the year before). RFM, FRAT, scoring and KPI read the whole run.

    Returns
    -------
    DataFrame
        The lesson's example first (its ``base`` named in :data:`COURSE_EXAMPLES`), then
        the simulated base (« Base simulée »).

        Columns
        -------
        base : str
            Where the row comes from.
        pareto: customers, head_customers (int), customers_share, revenue_share, gini (float)
            Customers, size of the 80 % head and its shares, Gini index.
        abc: abc_class, customers, share_customers, revenue, share_revenue
            :func:`crmsim.abc_summary`.
        rfm: segment, customers, share_customers
            Customers of each RFM segment (all eleven, in the course's order).
        frat: main_type, customers, share_customers, share_strategic
            Customers by dominant purchase type, their mean share of strategic purchases.
        scoring: strategy, customers, share_customers, share_revenue
            Accounts in each quadrant of the potential x performance grid.
        tcc: strategy, customers, share_customers, share_revenue, tcc
            Customers (and prospects) of each RADAR strategy, their share of the firm's
            sales, their median TCC.
        kpi: channel, then the columns of :func:`crmsim.campaign_kpis_by_channel`.

    Examples
    --------
    >>> import crmsim as cs
    >>> res = cs.simulate(cs.small_portfolio("cours", customers=200, months=24), seed=1)
    >>> table = compare_with_course(res, "pareto")
    >>> table["base"].iloc[1]
    'Base simulée'
    >>> int(table["head_customers"].iloc[0])
    4
    """
    result = _check_result(result)
    if not isinstance(method, str) or method not in METHODS:
        shown = ", ".join(f"« {m} »" for m in METHODS)
        hint = did_you_mean(method, METHODS) if isinstance(method, str) else ""
        raise DataError(f"method doit être l’une de {shown}, reçu {method!r}.{hint}")
    year, previous = study_years(result, year)
    sim, course = _side(method, result, year, previous)
    return pd.concat(
        [course.assign(base=COURSE_EXAMPLES[method]), sim.assign(base=SIMULATED)],
        ignore_index=True,
    )[["base", *sim.columns]]
