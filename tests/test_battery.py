"""One battery of bad inputs against every public function and every CLI command.

Like scikit-learn's estimator checks, the bad inputs are generated from each function's
signature and from one valid example call (the table ``VALID`` below): for every
parameter, the valid value is replaced by values of the wrong type, NaN, inf, negative,
empty, huge, missing columns, duplicated keys... The rules:

* a *certainly bad* input (wrong type, NaN, inf, empty table, missing argument, unknown
  keyword, huge size) must raise a :class:`crmsim.CrmSimError` whose message is French,
  or emit a French warning;
* a *doubtful* input (negative, zero, unknown column injected, duplicated row, NaN in a
  column the function may not use) may be accepted, but then the result must either be
  identical to the valid result or contain no NaN/inf where the valid result had none;
  an error, if any, is a French ``CrmSimError``;
* NumPy scalars (``np.int64(24)``, ``np.float64(0.1)``) are valid numbers: same result;
* huge sizes are refused by the memory guard before anything is allocated;
* a public name without an entry in ``VALID`` (or ``NOT_CALLED``) fails the suite, so a new
  public function is covered as soon as it has one valid example. The names are those of
  ``crmsim.__all__``, the functions and classes of the public sub-modules and subpackages
  (``SUBMODULES``: ``datasets.*``, ``formatting.*``, ``ecrm.*``) and the public methods of
  the classes of ``METHODS_COVERED``, called on the instance given in ``INSTANCES``
  (``OlapCube.slice``, ``ChurnModel.predict``, ``ecrm.WebAudience.replace``...).

The exercises' answer checks (``crmsim.exercises``) give feedback instead of raising and
are tested in their own files.
"""

from __future__ import annotations

import inspect
import math
import re
import tracemalloc
import warnings
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pytest

import crmsim as cs
from crmsim.cli import _build_parser, main

# --------------------------------------------------------------------- French detector
_ENGLISH = re.compile(
    r"\b(the|must|should|expected|cannot|could not|has no attribute|object of type|is not|"
    r"not supported|invalid literal|unsupported operand|NoneType|Errno|takes \d|"
    r"got an unexpected|missing \d+ required|not allowed|unrecognized|argument of type|"
    r"No such file|Permission denied|is a directory|out of bounds|must be|Unknown)\b",
    re.IGNORECASE,
)
_FRENCH = re.compile(
    r"[éèêàâçùûôîœ«»’]|\b(doit|reçu|attendu|manquant|Réduisez|vide|introuvable|choisissez|"
    r"valeur|nombre|entier|colonne|dossier|fichier|erreur|dans|une|les|des|pour|avec|est)\b",
    re.IGNORECASE,
)


def is_french(message: str) -> bool:
    """True for a house message: French markers, no common English phrase."""
    return bool(_FRENCH.search(message)) and not _ENGLISH.search(message)


def test_detector_tells_french_from_raw_python():
    assert is_french("n doit être un entier positif, reçu 'abc'.")
    assert not is_french("object of type 'float' has no len()")
    assert not is_french("could not convert string to float: 'abc'")
    assert not is_french("'NoneType' object is not subscriptable")
    assert not is_french("invalid value encountered in divide")


# ------------------------------------------------------------------ valid examples
@cache
def _small_result():
    sc = cs.preset("cours").replace(months=4, **{"market.initial_customers": 300})
    return cs.simulate(sc, seed=1)


@cache
def _churn_result():
    sc = cs.preset("cours").replace(months=8, **{"market.initial_customers": 600})
    return cs.simulate(sc, seed=1)


@cache
def _churn_data() -> pd.DataFrame:
    return cs.churn_dataset(_churn_result(), observation_month=3, horizon_months=4, seed=1)


@cache
def _churn_model():
    return cs.fit_churn_model(_churn_data(), seed=1)


def _facts() -> pd.DataFrame:
    return cs.olap_facts(_small_result().transactions, _small_result().customers)


@cache
def _small_cube():
    return cs.OlapCube(_facts(), dimensions=("quarter", "channel"))


def _audience():
    return cs.ecrm.WebAudience(visitors=100, days=30)


@cache
def _audience_result():
    return cs.ecrm.simulate_audience(_audience(), seed=1)


def _visit_log() -> pd.DataFrame:
    return _audience_result().sessions.copy()


@cache
def _price_war_result():
    sc = cs.small_portfolio("guerre_des_prix", customers=300, months=14)
    return cs.simulate(sc, seed=1, transactions=False, referrals=True)


def _load(name: str) -> Callable[[], pd.DataFrame]:
    return lambda: cs.datasets.load(name)


class Call(NamedTuple):
    args: tuple
    kwargs: dict


def _c(*args: Any, **kwargs: Any) -> Callable[[], Call]:
    """A valid call; callables among the values are evaluated lazily (fresh copies)."""

    def make() -> Call:
        ev = [a() if callable(a) and not isinstance(a, type) else a for a in args]
        kw = {k: (v() if callable(v) and not isinstance(v, type) else v) for k, v in kwargs.items()}
        return Call(tuple(ev), kw)

    return make


def _scoring_notes() -> pd.DataFrame:
    return cs.datasets.load("scoring_notes").drop(columns=["revenue"])


def _supplier_sales() -> pd.DataFrame:
    sc = cs.preset("cours").replace(months=24, **{"market.initial_customers": 300})
    return cs.simulate(sc, seed=1).supplier_sales


VALID: dict[str, Callable[[], Call]] = {
    "account_positioning": _c(_load("scoring_notes"), _load("scoring_criteria")),
    "supplier_sales_for_tcc": _c(_supplier_sales, 1),
    "formatting.preview_fr": _c(_load("pareto_clients")),
    "abc": _c(_load("abc_clients")),
    "abc_summary": _c(_load("abc_clients")),
    "appetence": _c(
        lambda: pd.DataFrame(
            {"customer_id": [1, 2, 3], "interest": [1.0, 5.0, 3.0], "capacity": [2.0, 4.0, 1.0]}
        )
    ),
    "bass_adoption": _c(0.03, 0.38, 1000.0, 24),
    "bass_peak": _c(0.03, 0.38),
    "calibration_report": _c(_small_result),
    "channel_kpis": _c(lambda: _small_result().campaigns, "publipostage"),
    "churn_by_survey": _c(_churn_data),
    "churn_dataset": _c(_churn_result, observation_month=3, horizon_months=4, seed=1),
    "churn_features": _c(
        lambda: _churn_result().transactions,
        lambda: _churn_result().customers,
        lambda: _churn_result().interactions,
        observation_month=3,
        events=lambda: _churn_result().events,
        seed=1,
    ),
    "churn_labels": _c(lambda: _churn_result().customers, observation_month=3, horizon_months=4),
    "campaign_kpis": _c(
        total_cost=50_000.0,
        messages_sent=10_000,
        responses=400,
        orders=100,
        order_revenue=30_000.0,
        margin_rate=0.3,
    ),
    "campaign_kpis_by_channel": _c(lambda: _small_result().campaigns),
    "churn_by_cause": _c(lambda: _small_result().monthly),
    "clv": _c(1200.0, 0.9, 0.1),
    "cohort_survival": _c(lambda: _small_result().customers),
    "compare_situations": _c(
        lambda: {"calme": cs.small_portfolio("calme", customers=200, months=4)}, seed=1
    ),
    "compare_with_course": _c(_small_result, "pareto"),
    "competing_risks": _c({"insatisfaction": 0.004, "anecdotique": 0.006}),
    "customer_value": _c([100.0, 200.0, 300.0], 0.8, 0.1, acquisition_cost=150.0),
    "find_customer": _c(_small_result, churn_cause="anecdotique"),
    "fit_churn_model": _c(_churn_data, seed=1),
    "fit_sbg": _c([1000.0, 631.0, 468.0, 382.0, 326.0]),
    "frat": _c(_load("transactions_sample")),
    "gains_table": _c([0.9, 0.8, 0.1, 0.2], [1, 0, 0, 0], bins=2),
    "geometric_survival": _c(0.05, 24),
    "gini": _c(_load("pareto_clients")),
    "individual_risks": _c(0.02, 0.2, customers=1000, seed=1),
    "lever_effects": _c(
        lambda: pd.DataFrame({"situation": ["a", "b"], "insatisfaction": [100, 75]}),
        [("b", "a", "insatisfaction")],
    ),
    "leverage_by_acquisition_cost": _c(1000.0, 0.8, [0.0, 2000.0]),
    "list_presets": _c(),
    "load_scenario": _c(lambda: cs.save_scenario(cs.preset("calme"), "valide.toml")),
    "lorenz": _c(_load("pareto_clients")),
    "matrix_quadrants": _c("ca_rentabilite"),
    "method_overlap": _c(lambda: cs.portfolio_methods(_small_result())),
    "monthly_to_yearly": _c(0.01),
    "olap_cube": _c(
        lambda: _small_result().transactions,
        lambda: _small_result().customers,
        dimensions=("quarter",),
    ),
    "olap_facts": _c(lambda: _small_result().transactions, lambda: _small_result().customers),
    "pareto": _c(_load("pareto_clients"), target=0.8),
    "pareto_head": _c(_load("pareto_clients"), target=0.8),
    "pareto_summary": _c(_load("pareto_clients")),
    "portfolio_matrix": _c(_load("matrix_clients")),
    "portfolio_methods": _c(_small_result),
    "portfolio_revenue": _c(_small_result),
    "preset": _c("cours"),
    "portfolio_claims": _c(_small_result),
    "price_war_departures": _c(_price_war_result),
    "radar": _c(_load("tcc_sales"), firm="A"),
    "retention_leverage": _c([100.0, 200.0], 0.8),
    "run_kpis": _c(
        lambda: _small_result().monthly,
        lambda: _small_result().customers,
        lambda: _small_result().campaigns,
    ),
    "revenue_by_tenure": _c(
        lambda: _small_result().transactions, lambda: _small_result().customers, months=4
    ),
    "rfm": _c(_load("transactions_sample")),
    "rfm_segments": _c(),
    "sales_table": _c(_load("tcc_sales")),
    "save_scenario": _c(lambda: cs.preset("calme"), "sortie.toml"),
    "sbg_params": _c(0.1, 0.2),
    "sbg_survival": _c(1.0, 10.0, 12),
    "scoring_grid": _c(_scoring_notes, _load("scoring_criteria"), grid="potentiel"),
    "scoring_positioning": _c(_load("scoring_clients")),
    "selection_effect": _c(customers=300, months=6, max_tenure=4, seed=1),
    "simulate": _c("calme", seed=1, months=2, transactions=False),
    "simulation_summary": _c(_small_result),
    "small_portfolio": _c("crise", customers=1000, months=12),
    "spend_segments": _c(lambda: _small_result().customers, 4),
    "survival_summary": _c(
        lambda: {"géométrique": cs.geometric_survival(0.02, 48)}, at=24, early=1, late=36
    ),
    "sweep": _c(
        lambda: cs.preset("calme").replace(months=2, **{"market.initial_customers": 200}),
        {"months": [2, 3]},
        seed=1,
        progress=False,
    ),
    "tcc": _c(_load("tcc_sales"), firm="A"),
    "tenure_margins": _c(100.0, 5),
    "word_of_mouth_by_tenure": _c(_price_war_result),
    "yearly_to_monthly": _c(0.1),
    # functions of the public sub-modules
    "datasets.load": _c("pareto_clients"),
    "datasets.make_customer_sample": _c(50, sigma=1.0, seed=1),
    "datasets.names": _c(),
    "datasets.path": _c("pareto_clients"),
    "formatting.format_money": _c(1234.5),
    "formatting.format_number": _c(1234.5),
    "formatting.format_percent": _c(0.1875),
    "formatting.french_labels": _c(["revenue", "customer_id"]),
    "formatting.kpi_display": _c(
        lambda: cs.campaign_kpis(
            total_cost=10_000.0,
            messages_sent=5_000,
            responses=130,
            orders=40,
            order_revenue=30_000.0,
            gross_margin_per_order=130.0,
        )
    ),
    "formatting.style_fr": _c(_load("pareto_clients"), money=["revenue"]),
    "formatting.table_fr": _c(_load("pareto_clients"), ["customer_id", "revenue"]),
    "formatting.to_csv_fr": _c(_load("pareto_clients"), "tableau.csv"),
    "ecrm.best_value": _c(
        lambda: pd.DataFrame({"value": [2, 5, 8], "net_value_mad": [120.0, 340.0, 90.0]})
    ),
    "ecrm.email_rule": _c(_visit_log, threshold=3),
    "ecrm.simulate_audience": _c(_audience, seed=1),
    "ecrm.survey_rule": _c(_visit_log, silence_days=10.0, regular_min_visits=2),
    "ecrm.threshold_sweep": _c(_audience, "email_views_threshold", [2, 5], trigger="email", seed=1),
    "ecrm.trigger_summary": _c(_audience, seed=1),
    "ecrm.trigger_table": _c(_audience),
    "ecrm.WebAudience": _c(visitors=100, days=30),
    "ecrm.WebAudience.replace": _c(days=20),
    "ecrm.WebAudience.with_triggers": _c(["appel", "email"]),
    "ecrm.WebAudience.active_triggers": _c(),
    "ecrm.WebAudience.parameter_table": _c(),
    "ecrm.WebAudience.parameters": _c(_audience),
    "ecrm.AudienceResult.kpis": _c(),
    "ecrm.AudienceResult.action_costs": _c(),
    # methods of the OLAP cube and of the fitted churn model
    "OlapCube": _c(_facts, dimensions=("year",)),
    "OlapCube.dice": _c({"channel": ["publipostage", "web"]}),
    "OlapCube.drill_down": _c("quarter"),
    "OlapCube.pivot": _c("channel", measure="revenue"),
    "OlapCube.roll_up": _c("quarter"),
    "OlapCube.slice": _c("channel", "publipostage"),
    "OlapCube.table": _c(french=False),
    "ChurnModel.coefficients": _c(),
    "ChurnModel.predict": _c(lambda: _churn_data().drop(columns=["churned"])),
    # methods of the simulation result
    "SimulationResult.customer_story": _c(lambda: int(_small_result().customers.iloc[0, 0])),
    "SimulationResult.kpis": _c(),
    "SimulationResult.tables": _c(),
    "Scenario": _c(months=12),
    "Scenario.replace": _c(months=12),
}

NOT_CALLED = {
    "ChurnModel": "result class of fit_churn_model: its methods are listed as ChurnModel.*",
    "CrmSimError": "exception class",
    "DataError": "exception class",
    "ScenarioError": "exception class",
    "SimulationResult": "result class: its methods are listed as SimulationResult.*",
    "__version__": "a string",
    "datasets": "module: its functions are listed as datasets.*",
    "ecrm": "subpackage: its functions and classes are listed as ecrm.*",
    "ecrm.AudienceResult": "result class: its methods are listed as ecrm.AudienceResult.*",
    "ecrm.Parameter": "named tuple returned by WebAudience.parameters (a description)",
    "formatting": "module: its functions are listed as formatting.*",
}

# Documented answers to inputs the battery would otherwise call bad (name -> {(param, label)}).
_DISPLAY = {("value", "nan"), ("value", "None"), ("value", "inf"), ("value", "-inf")}
DOCUMENTED: dict[str, set[tuple[str, str]]] = {
    # formatting shows a missing value as "n.d." and an infinite one as "∞"
    "formatting.format_number": _DISPLAY,
    "formatting.format_percent": _DISPLAY,
    "formatting.format_money": _DISPLAY,
    # an empty table is shown or written empty
    # any hashable column name is kept as it is; no column to format is fine
    "formatting.french_labels": {("columns", "empty"), ("columns", "nan item")},
    "formatting.style_fr": {("data", "empty"), ("percent", "empty"), ("money", "empty")},
    "formatting.to_csv_fr": {("data", "empty")},
    "formatting.table_fr": {("data", "empty")},
    "formatting.preview_fr": {("data", "empty")},
    # a list of customer ids is what ``customers`` takes
    "supplier_sales_for_tcc": {("customers", "list")},
    # no dimension shown: the cube is the grand total (documented)
    "OlapCube": {("dimensions", "empty")},
    "olap_cube": {("dimensions", "empty")},
    # an empty list switches every trigger off: the site without e-CRM (documented)
    "ecrm.WebAudience.with_triggers": {("active", "empty")},
    # a run without campaigns: the acquisition cost is undefined (NaN, documented)
    "run_kpis": {("campaigns", "empty")},
}

# Valid values too slow for the battery's budget, tested elsewhere (name -> {(param, label)}).
SKIPPED: dict[str, set[tuple[str, str]]] = {
    # n_jobs=-1 (all cores) is valid and starts a process pool: tests/test_experiments.py
    "sweep": {("n_jobs", "negative")},
}

# Parameters that set a size: a huge value must be refused by the memory guard.
SIZE_PARAMS = {"periods", "n", "horizon", "years", "months", "max_tenure", "replications"}
# Parameters accepting a None default, a path or a seed need their own bad values.
PATH_PARAMS = {"path"}
SEED_PARAMS = {"seed"}
# Doubtful values of these parameters are legitimate (a margin may be negative, a
# percentage may be 0...): only certainly bad values must raise.


# Public classes whose methods the battery calls, with the instance it calls them on.
INSTANCES: dict[str, Callable[[], Any]] = {
    "SimulationResult": _small_result,
    "Scenario": lambda: cs.preset("calme"),
    "OlapCube": _small_cube,
    "ChurnModel": _churn_model,
    "ecrm.WebAudience": _audience,
    "ecrm.AudienceResult": _audience_result,
}
# Classes whose public methods must all have an example (Scenario's are checked elsewhere).
METHODS_COVERED = (
    "SimulationResult",
    "OlapCube",
    "ChurnModel",
    "ecrm.WebAudience",
    "ecrm.AudienceResult",
)
SUBMODULES = ("datasets", "formatting", "ecrm")


def _class(path: str) -> Any:
    obj: Any = cs
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _resolve(name: str) -> Callable:
    owner, _, method = name.rpartition(".")
    if owner in INSTANCES:
        return getattr(INSTANCES[owner](), method)
    obj: Any = cs
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def public_names() -> list[str]:
    names = [n for n in cs.__all__ if n not in NOT_CALLED]
    for mod in SUBMODULES:
        module = getattr(cs, mod)
        names += [
            f"{mod}.{n}"
            for n in module.__all__
            if callable(getattr(module, n)) and f"{mod}.{n}" not in NOT_CALLED
        ]
    for cls in METHODS_COVERED:
        names += [
            f"{cls}.{n}"
            for n, v in vars(_class(cls)).items()
            if not n.startswith("_") and callable(v) and not isinstance(v, type)
        ]
    return sorted(names)


def test_every_public_name_has_a_valid_example():
    missing = [n for n in public_names() if n not in VALID]
    assert not missing, f"add a valid example to VALID in tests/test_battery.py for {missing}"
    unknown = [n for n in cs.__all__ if n not in VALID and n not in NOT_CALLED]
    assert not unknown


# ------------------------------------------------------------------- bad values
class Bad(NamedTuple):
    label: str
    value: Any
    must_raise: bool


_TEXT = "abc"


def _bad_numbers(param: str, valid: Any, default: Any) -> list[Bad]:
    out = [
        Bad("text", _TEXT, True),
        Bad("nan", math.nan, True),
        Bad("inf", math.inf, param not in SEED_PARAMS),
        Bad("-inf", -math.inf, True),
        Bad("negative", -1, param in SIZE_PARAMS),
        Bad("zero", 0, False),
        Bad("list", [1, 2], True),
    ]
    if default is not None:
        out.append(Bad("None", None, param not in SEED_PARAMS))
    if isinstance(valid, (int, np.integer)):
        out.append(Bad("fraction", 1.5, param in SIZE_PARAMS))
    if param in SIZE_PARAMS:
        out.append(Bad("huge", 10**12, True))
    else:
        out.append(Bad("huge", 1e308, False))
    return out


def _numeric_columns(frame: pd.DataFrame) -> list[str]:
    return [
        c
        for c in frame.columns
        if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
    ]


def _bad_frames(frame: pd.DataFrame, default: Any) -> list[Bad]:
    out = [
        Bad("text", _TEXT, True),
        Bad("list", [[1, 2]], True),
        Bad("empty", frame.iloc[0:0], True),
        Bad("duplicated row", pd.concat([frame, frame.iloc[:1]], ignore_index=True), False),
    ]
    if default is not None:
        out.append(Bad("None", None, True))
    for col in list(frame.columns)[:8]:
        out.append(Bad(f"without {col}", frame.drop(columns=[col]), False))
        out.append(Bad(f"two {col} columns", pd.concat([frame, frame[[col]]], axis=1), False))
    for col in _numeric_columns(frame)[:6]:
        for label, value in (("NaN", np.nan), ("inf", np.inf), ("text", "douze"), ("neg", -5)):
            bad = frame.copy()
            if label in ("NaN", "inf") and pd.api.types.is_integer_dtype(bad[col]):
                bad[col] = bad[col].astype(float)
            if label == "text":
                bad[col] = bad[col].astype(object)
            bad.iloc[0, bad.columns.get_loc(col)] = value
            out.append(Bad(f"{label} in {col}", bad, False))
    return out


def _typical(param: inspect.Parameter) -> Any:
    """A value of the annotated type, for a parameter whose default is None."""
    ann = str(param.annotation)
    if "DataFrame" in ann:
        return pd.DataFrame({"a": [1.0]})  # only its type matters: text and lists are bad
    if "int" in ann and "float" not in ann:
        return 1
    if "float" in ann:
        return 0.5
    if "str" in ann:
        return "x"
    if param.name == "as_of":
        return "2024-12-31"
    return None


def _bad_values(param: inspect.Parameter, valid: Any) -> list[Bad]:
    default = None if param.default is inspect.Parameter.empty else param.default
    if param.name in PATH_PARAMS:
        return [Bad("None", None, True), Bad("number", 3, True), Bad("folder", ".", True)]
    if isinstance(valid, bool):
        return [
            Bad("text non", "non", True),
            Bad("text oui", "oui", True),
            Bad("nan", math.nan, True),
        ]
    if isinstance(valid, (int, float, np.integer, np.floating)):
        return _bad_numbers(param.name, valid, default)
    if isinstance(valid, pd.DataFrame):
        return _bad_frames(valid, default)
    if isinstance(valid, str):
        out = [
            Bad("number", 3, "float" not in str(param.annotation)),
            Bad("unknown", "zzz_inconnu", False),
            Bad("empty", "", False),
        ]
        if default is not None or param.default is inspect.Parameter.empty:
            out.append(Bad("None", None, param.name != "scenario"))
        return out
    if isinstance(valid, Mapping):
        return [
            Bad("text", _TEXT, True),
            Bad("empty", {}, False),
            Bad("nan value", {k: math.nan for k in valid}, True),
            Bad("text value", {k: "x" for k in valid}, True),
        ]
    if isinstance(valid, (list, tuple)):
        numeric = bool(valid) and all(isinstance(v, (int, float)) for v in valid)
        return [
            Bad("number", 3.5, False),
            Bad("text", _TEXT, True),
            Bad("empty", [], bool(valid)),
            Bad("nan item", [math.nan] * max(len(valid), 1), numeric or not valid),
            Bad("text item", ["x"] * len(valid), numeric),
        ]
    return [Bad("text", _TEXT, True), Bad("number", 3, True)]


# ---------------------------------------------------------------- outcome checks
def _signature_of_nan(result: Any) -> tuple:
    if isinstance(result, pd.DataFrame):
        num = result.select_dtypes("number")
        return tuple(sorted(num.columns[num.isna().any()].astype(str))) + tuple(
            sorted(num.columns[np.isinf(num.to_numpy(dtype=float)).any(axis=0)].astype(str))
        )
    if isinstance(result, (float, np.floating)):
        return ("nan",) if math.isnan(result) else ("inf",) if math.isinf(result) else ()
    if isinstance(result, dict) and all(isinstance(x, (int, float)) for x in result.values()):
        return tuple(sorted(k for k, x in result.items() if not math.isfinite(x)))
    if isinstance(result, (tuple, list)) and all(isinstance(x, (int, float)) for x in result):
        return tuple(i for i, x in enumerate(result) if not math.isfinite(x))
    if isinstance(result, np.ndarray) and result.dtype.kind == "f":
        return ("nonfinite",) if not np.isfinite(result).all() else ()
    return ()


def _same(a: Any, b: Any) -> bool:
    try:
        if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame):
            return a.shape == b.shape and a.equals(b)
        if isinstance(a, pd.Series) and isinstance(b, pd.Series):
            return a.equals(b)
        if isinstance(a, np.ndarray):
            return np.array_equal(a, b, equal_nan=True)
        return bool(a == b) or (
            isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)
        )
    except (TypeError, ValueError):
        return False


def _run(func: Callable, call: Call) -> tuple[Any, BaseException | None, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result, error = func(*call.args, **call.kwargs), None
        except Exception as exc:
            result, error = None, exc
    messages = [str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)]
    return result, error, messages


def _check(
    name: str,
    label: str,
    func: Callable,
    call: Call,
    must: bool,
    valid: Any,
    documented: bool = False,
) -> None:
    result, error, warned = _run(func, call)
    where = f"{name} with {label}"
    for message in warned:
        assert is_french(message), f"{where}: English warning {message!r}"
    if error is not None:
        assert isinstance(error, cs.CrmSimError), f"{where}: raw {type(error).__name__}: {error}"
        assert is_french(str(error)), f"{where}: message not French: {error}"
        return
    if warned:
        return
    assert not must, f"{where}: accepted silently (result {str(result)[:80]!r})"
    if documented:
        return
    if _same(result, valid):
        return
    new = set(_signature_of_nan(result)) - set(_signature_of_nan(valid))
    assert not new, f"{where}: silent NaN/inf in {sorted(new)}"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("name", sorted(VALID))
def test_battery(name):
    func = _resolve(name)
    call = VALID[name]()
    valid, error, warned = _run(func, call)
    assert error is None, f"{name}: the valid example fails: {error}"
    assert all(is_french(w) for w in warned), f"{name}: English warning {warned}"
    sig = inspect.signature(func)
    bound = sig.bind(*call.args, **call.kwargs)
    # missing required arguments and unknown keywords
    for pname, p in sig.parameters.items():
        if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL):
            args = dict(bound.arguments)
            args.pop(pname, None)
            _check(name, f"{pname} missing", func, Call((), args), True, valid)
    _check(name, "unknown keyword", func, Call(call.args, {**call.kwargs, "zzz": 1}), True, valid)
    # bad values, one parameter at a time (those left to their default too)
    for pname, p in sig.parameters.items():
        if p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL) or pname == "allow_large":
            continue
        value = bound.arguments.get(pname, p.default)
        if value is None:
            value = _typical(p)
            if value is None:
                continue
        for bad in _bad_values(p, value):
            if (pname, bad.label) in SKIPPED.get(name, set()):
                continue
            args = {**bound.arguments, pname: bad.value}
            documented = (pname, bad.label) in DOCUMENTED.get(name, set())
            must = bad.must_raise and not documented
            _check(name, f"{pname}={bad.label}", func, Call((), args), must, valid, documented)
        if (
            pname in bound.arguments
            and isinstance(value, (int, float))
            and not isinstance(value, bool)
        ):
            np_value = np.int64(value) if isinstance(value, int) else np.float64(value)
            got, err, _ = _run(func, Call((), {**bound.arguments, pname: np_value}))
            assert err is None, f"{name}: NumPy number {pname}={np_value!r} refused: {err}"
            if isinstance(valid, (pd.DataFrame, float, str)):
                assert _same(got, valid), f"{name}: {pname}={np_value!r} changes the result"


def test_huge_sizes_are_refused_before_allocating(monkeypatch):
    import crmsim._resources as res

    monkeypatch.setattr(res, "available_memory", lambda: 8 * 1024**3)  # same verdict anywhere
    tracemalloc.start()
    try:
        for call in (
            lambda: cs.geometric_survival(0.1, 10**10),
            lambda: cs.sbg_survival(1.0, 2.0, 10**10),
            lambda: cs.bass_adoption(0.03, 0.38, 1000, 10**10),
            lambda: cs.customer_value(100.0, 0.9, 0.1, horizon=10**10),
            lambda: cs.datasets.make_customer_sample(10**11),
            lambda: cs.simulate(
                cs.preset("cours").replace(
                    **{"market.initial_customers": 10**7, "market.market_size": 10**8}
                )
            ),
            lambda: cs.sweep("calme", {"months": list(range(1, 121))}, replications=10**6),
            lambda: cs.individual_risks(0.02, 0.2, customers=10**12, seed=1),
            lambda: cs.selection_effect(customers=4_000_000, months=120, seed=1),
        ):
            with pytest.raises(cs.CrmSimError, match=r"allow_large|Réduisez"):
                call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024**2


# ---------------------------------------------------------------------- CLI battery
def _cli_commands() -> dict[str, Any]:
    parser = _build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return dict(sub.choices)


_CLI_VALID = {
    "presets": [],
    "simulate": ["--preset", "calme", "--months", "2", "--seed", "1", "--quiet", "--out", "o"],
    "calibrate": ["--preset", "calme", "--months", "2", "--seed", "1", "--quiet"],
}


def test_every_cli_command_has_a_valid_example():
    assert set(_cli_commands()) == set(_CLI_VALID)


def _cli(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.err


@pytest.mark.parametrize("command", sorted(_CLI_VALID))
def test_cli_battery(command, capsys):
    parser = _cli_commands()[command]
    valid = _CLI_VALID[command]
    variants: list[tuple[str, list[str], bool]] = [
        ("unknown option", [command, *valid, "--zzz"], True),
        ("stray value", [command, *valid, "zzz"], True),
    ]
    for action in parser._actions:
        opt = next((o for o in action.option_strings if o.startswith("--")), None)
        if opt is None or opt == "--help":
            continue
        if action.nargs == 0:
            variants.append((f"{opt}=x", [command, *valid, f"{opt}=x"], True))
            continue
        variants.append((f"{opt} without value", [command, *valid, opt], True))
        for bad in ("abc", "-1", "", "nan", "1e99", "99999999999999"):
            must = bad in ("", "nan", "1e99") or (bad == "abc" and action.type is not None)
            argv = [command, *valid]
            if opt in argv:
                argv[argv.index(opt) + 1] = bad
            else:
                argv += [opt, bad]
            if opt == "--scenario":
                argv = [a for a in argv if a not in ("--preset", "calme")]
            variants.append((f"{opt} {bad!r}", argv, must and opt != "--out"))
        if action.required:
            i = valid.index(opt)
            variants.append((f"{opt} missing", [command, *valid[:i], *valid[i + 2 :]], True))
    if command != "presets":
        variants.append(("both sources", [command, *valid, "--scenario", "s.toml"], True))
    for label, argv, must in variants:
        code, err = _cli(argv, capsys)
        assert "Traceback" not in err, f"{command} {label}: traceback"
        if code not in (0, 1) or must:
            assert code != 0, f"{command} {label}: accepted"
            last = err.strip().splitlines()[-2:] if err.strip() else [""]
            assert any(is_french(line) for line in last), f"{command} {label}: {err!r}"


def _values(result: Any) -> Any:
    """The result without its row labels (an input's index must not change the answer)."""
    if isinstance(result, pd.DataFrame):
        return result.reset_index(drop=True)
    if isinstance(result, pd.Series):
        return result.reset_index(drop=True)
    return result


@pytest.mark.parametrize("name", sorted(VALID))
def test_input_index_does_not_change_the_result(name):
    """A table with a duplicated, unordered index gives the same values (or a French error)."""
    func = _resolve(name)
    call = VALID[name]()
    frames = [k for k, v in enumerate(call.args) if isinstance(v, pd.DataFrame)]
    frames += [k for k, v in call.kwargs.items() if isinstance(v, pd.DataFrame)]
    if not frames:
        pytest.skip("no table argument")
    valid, _, _ = _run(func, call)
    args, kwargs = list(call.args), dict(call.kwargs)
    for key in frames:
        frame = args[key] if isinstance(key, int) else kwargs[key]
        odd = frame.set_axis([7 - (i % 3) for i in range(len(frame))], axis=0)
        if isinstance(key, int):
            args[key] = odd
        else:
            kwargs[key] = odd
    result, error, _warned = _run(func, Call(tuple(args), kwargs))
    if error is not None:
        assert isinstance(error, cs.CrmSimError) and is_french(str(error)), f"{name}: {error}"
        return
    if name.startswith("formatting."):
        return  # the Styler or the file shows the table as given
    assert _same(_values(result), _values(valid)), f"{name}: the input's index changed the result"


def test_the_battery_catches_raw_errors_silent_nan_and_english_warnings():
    """The outcome checks fail on the three faults they exist for."""

    def raw(x):
        return float(x)

    def silent(x):
        return math.nan if x != 1.0 else 1.0

    def english(x):
        warnings.warn("invalid value encountered in divide", RuntimeWarning, stacklevel=2)
        return 1.0

    with pytest.raises(AssertionError, match="raw ValueError"):
        _check("raw", "x=text", raw, Call(("abc",), {}), True, 1.0)
    with pytest.raises(AssertionError, match="silent NaN"):
        _check("silent", "x=-1", silent, Call((-1.0,), {}), False, 1.0)
    with pytest.raises(AssertionError, match="accepted silently"):
        _check("silent", "x=nan", silent, Call((math.nan,), {}), True, 1.0)
    with pytest.raises(AssertionError, match="English warning"):
        _check("english", "x=0", english, Call((0.0,), {}), False, 1.0)


def test_specific_answers_of_the_new_checks():
    """Cases the generic battery cannot see: a ratio without a base, a curve too short,
    equality of results built from re-indexed inputs, NumPy numbers in a dataclass."""
    comp = pd.DataFrame({"situation": ["a", "b"], "insatisfaction": [0, 5]})
    with pytest.raises(cs.DataError, match="aucun départ"):
        cs.lever_effects(comp, [("b", "a", "insatisfaction")])
    with pytest.raises(cs.DataError, match="durée 24 n’y figure pas"):
        cs.survival_summary({"courte": cs.geometric_survival(0.02, 12)})
    facts = _facts()
    odd = facts.set_axis(range(len(facts), 0, -1), axis=0)
    assert cs.OlapCube(odd) == cs.OlapCube(facts) != cs.OlapCube(facts, dimensions=())
    assert _churn_model() == cs.fit_churn_model(_churn_data(), seed=1)
    assert cs.ecrm.WebAudience(visitors=np.int64(100)).visitors == 100
    with pytest.raises(cs.CrmSimError, match="valeurs possibles"):
        cs.find_customer(_small_result(), churn_cause="insatisfactio")
