"""The course's tables and generated samples, as pandas DataFrames.

The CSV files live in the top-level ``datasets/`` folder of the repository, which is
installed inside the package as ``crmsim/_data``; ``datasets/README.md`` gives each file's
source, columns and units. Use :func:`names` to list them and :func:`load` to read one.

Examples
--------
>>> from crmsim import datasets
>>> "pareto_clients" in datasets.names()
True
>>> datasets.load("pareto_clients")["revenue"].sum()
np.float64(1000000.0)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from crmsim._resources import check_memory
from crmsim._validation import check_positive, did_you_mean, french_arguments
from crmsim.errors import DataError

__all__ = ["load", "make_customer_sample", "names", "path"]

# Column dtypes of each shipped table (columns not listed are read as pandas infers).
_DTYPES: dict[str, dict[str, str]] = {
    "pareto_clients": {"customer_id": "int64", "revenue": "float64"},
    "abc_clients": {"customer_id": "int64", "revenue": "float64"},
    "sample_customers_500": {"customer_id": "int64", "revenue": "float64"},
    "tcc_sales": {"firm": "string", "customer": "string", "sales": "float64"},
    "scoring_criteria": {
        "grid": "category",
        "criterion_id": "string",
        "criterion": "string",
        "coefficient": "int64",
    },
    "scoring_clients": {"customer_id": "string", "potential": "float64", "performance": "float64"},
    "kpi_indicators": {
        "indicator_id": "string",
        "indicator": "string",
        "formula": "string",
        "unit": "string",
        "note": "string",
    },
    "loyalty_segments": {
        "segment": "string",
        "monthly_spend_min_mad": "float64",
        "monthly_spend_max_mad": "float64",
        "share_customers": "float64",
        "share_profit": "float64",
    },
    "portfolio_tiers": {
        "tier": "int64",
        "share_customers": "float64",
        "share_revenue": "float64",
        "strategy": "string",
    },
    "ecrm_triggers": {"pages_seen": "string", "event_detected": "string", "action": "string"},
    "appetence_clients": {"customer_id": "string", "interest": "int64", "capacity": "int64"},
}

#: Tables with a date column to parse.
_DATES: dict[str, list[str]] = {"transactions_sample": ["date"]}


def _folder() -> Path:
    """Folder holding the CSV files, whether crmsim is installed or run from a clone.

    ``crmsim/_data`` is installed with the package (in a clone it is a symbolic link to
    the top-level ``datasets/`` folder); where symbolic links are not supported (a clone
    on some Windows set-ups), the top-level folder is read directly.
    """
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "_data", package.parent / "datasets"):
        if folder.is_dir() and any(folder.glob("*.csv")):
            return folder
    raise DataError(  # pragma: no cover - broken installs only
        f"Dossier des données introuvable près de {package}. Réinstallez crmsim "
        "(pip install -e . depuis le dépôt)."
    )


@french_arguments
def names() -> list[str]:
    """Names of the available tables, sorted (file names without ``.csv``)."""
    return sorted(p.stem for p in _folder().glob("*.csv"))


@french_arguments
def path(name: str) -> Path:
    """Path of the CSV file of table ``name``; a French error lists the names if unknown."""
    available = names()
    if name not in available:
        listed = ", ".join(available)
        raise DataError(
            f"Jeu de données inconnu : « {name} ».{did_you_mean(name, available)} "
            f"Jeux disponibles : {listed}."
        )
    return _folder() / f"{name}.csv"


@french_arguments
def load(name: str) -> pd.DataFrame:
    """Read table ``name`` as a DataFrame with proper dtypes.

    Parameters
    ----------
    name : str
        One of :func:`names`, e.g. ``"pareto_clients"`` or ``"tcc_sales"``.

    Returns
    -------
    DataFrame
        A fresh copy at every call (modifying it never changes the next load).

    Raises
    ------
    DataError
        Unknown name; the message lists the available ones.
    """
    file = path(name)
    frame = pd.read_csv(
        file, encoding="utf-8", dtype=_DTYPES.get(name), parse_dates=_DATES.get(name, False)
    )
    return frame


SIGMA_MAX = 10.0
"""Largest log-normal dispersion :func:`make_customer_sample` accepts."""


@french_arguments
def make_customer_sample(
    n: int = 500, *, sigma: float = 1.0, seed: int = 2026, allow_large: bool = False
) -> pd.DataFrame:
    """Draw a seeded sample of yearly revenues, log-normally distributed.

    The log-normal is the usual model of skewed spending: ``sigma`` sets the
    concentration: in a large sample the best 20 % of customers make about 56 % of
    revenue with ``sigma=1``, 75 % with 1.5 and 88 % with 2. Revenues are in MAD, rounded to the cent, with a median of
    10 000 MAD. ``datasets/sample_customers_500.csv`` is this function's output with its
    defaults.

    Parameters
    ----------
    n : int, default 500
        Number of customers (at least 1).
    sigma : float, default 1.0
        Dispersion of the log-normal, in (0, 10].
    seed : int, default 2026
        Seed of the draw (same seed, same sample).
    allow_large : bool, default False
        Go past the memory check (a French error when the sample would not fit).

    Columns
    -------
    customer_id : int
        1 to ``n``.
    revenue : float
        Yearly revenue in MAD.

    Examples
    --------
    >>> sample = make_customer_sample(5, seed=1)
    >>> sample["revenue"].round(0).tolist()
    [14128.0, 22742.0, 13916.0, 2717.0, 24728.0]
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise DataError(f"n doit être un entier positif (nombre de clients ≥ 1), reçu {n!r}.")
    n = int(n)
    sigma = check_positive(sigma, "sigma (dispersion du log-normal)")
    if sigma > SIGMA_MAX:
        raise DataError(
            f"sigma vaut {sigma:g} : au-delà de {SIGMA_MAX:g} les revenus tirés dépassent "
            "la capacité des nombres (un client ferait tout le chiffre d’affaires). "
            "Le cours utilise sigma entre 0,5 et 2."
        )
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise DataError(f"seed doit être un entier positif ou nul, reçu {seed!r}.")
    check_memory(
        48.0 * n,
        what=f"un échantillon de {n} clients",
        reduce="n",
        allow_large=allow_large,
    )
    rng = np.random.default_rng(seed)
    revenue = np.round(10_000 * np.exp(sigma * rng.standard_normal(int(n))), 2)
    return pd.DataFrame({"customer_id": np.arange(1, int(n) + 1), "revenue": revenue})
