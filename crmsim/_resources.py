"""Memory and time asked before they are taken.

Every public function whose memory grows with its arguments (``simulate``, ``sweep``,
``geometric_survival``, ``sbg_survival``, ``cohort_survival``, ``customer_value``,
``retention_leverage``, ``tenure_margins``, ``bass_adoption``, ``make_customer_sample``...)
first estimates the bytes the call needs from its arguments and compares them with the
memory the machine has available (``MemAvailable`` of ``/proc/meminfo``, or
``os.sysconf``). When the estimate exceeds :data:`SHARE` of it, the call is refused with a
:class:`ResourceError` (French: the estimate, the memory available, what to reduce),
before anything is allocated. Passing ``allow_large=True`` goes past the check
deliberately.

The estimates are upper bounds measured on the engine (450 to 750 bytes per simulated
customer, 100 to 120 bytes per transaction row, about 1.2 orders per active customer-month);
see :func:`estimate_simulation`.

Examples
--------
>>> from crmsim._resources import check_memory
>>> check_memory(1_000, what="un petit tableau", reduce="periods")  # fits: nothing happens
>>> try:
...     check_memory(10**18, what="un tableau énorme", reduce="periods")
... except ResourceError as exc:
...     print(str(exc).split(":")[0].strip())
Mémoire insuffisante pour un tableau énorme
"""

from __future__ import annotations

import math
import os
from typing import Any

import numpy as np

from crmsim.errors import ResourceError

__all__ = [
    "BYTES_PER_CUSTOMER",
    "BYTES_PER_TRANSACTION",
    "CUSTOMER_MONTHS_PER_SECOND",
    "MAX_RUNS",
    "MAX_SECONDS",
    "SHARE",
    "ResourceError",
    "available_memory",
    "check_memory",
    "check_runs",
    "check_simulation_args",
    "check_sweep",
    "estimate_seconds",
    "estimate_simulation",
    "format_bytes",
]

SHARE = 0.5
"""Share of the available memory a single call may take without ``allow_large=True``."""
BYTES_PER_CUSTOMER = 800
"""Peak bytes per simulated customer (measured 450 to 750, growing with the months)."""
BYTES_PER_TRANSACTION = 130
"""Peak bytes per transaction row when the table is built (measured 100 to 120)."""
ORDERS_PER_CUSTOMER_MONTH = 1.25
"""Transaction rows counted per active customer-month (measured about 1.2)."""
CUSTOMER_MONTHS_PER_SECOND = 1_000_000
"""Engine speed counted by the time check (measured: about 3 million on one core)."""
MAX_SECONDS = 3600
"""Longest single simulation run without ``allow_large=True``."""
MAX_RUNS = 20_000
"""Most simulations a sweep runs without ``allow_large=True`` (time, not memory)."""
_FALLBACK = 2 * 1024**3  # when the platform does not say: assume 2 GiB


def available_memory() -> int:
    """Bytes of memory available to a new allocation (``MemAvailable``, else ``sysconf``)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return _FALLBACK


def format_bytes(n: float) -> str:
    """``n`` bytes in French binary units (``1,5 Gio``), non-breaking space before the unit."""
    units = ("octets", "Kio", "Mio", "Gio", "Tio", "Pio", "Eio")
    value, i = float(n), 0
    while value >= 1024 and i < len(units) - 1:
        value /= 1024
        i += 1
    if i == len(units) - 1 and value >= 1024:
        return "plus de 1 024\u00a0Eio"
    text = f"{value:.0f}" if i == 0 else f"{value:.1f}".replace(".", ",")
    return f"{text}\u00a0{units[i]}"


def check_memory(nbytes: float, *, what: str, reduce: str, allow_large: bool = False) -> None:
    """Refuse (French :class:`ResourceError`) when ``nbytes`` exceeds the share allowed.

    ``what`` names the computation (« la simulation »), ``reduce`` the arguments to lower.
    """
    if not isinstance(allow_large, bool):
        raise ResourceError(f"allow_large doit valoir True ou False, reçu {allow_large!r}.")
    if allow_large:
        return
    avail = available_memory()
    if not math.isfinite(nbytes) or nbytes > SHARE * avail:
        raise ResourceError(
            f"Mémoire insuffisante pour {what} : il faudrait environ {format_bytes(nbytes)}, "
            f"alors que {format_bytes(avail)} sont disponibles (au plus "
            f"{format_bytes(SHARE * avail)} pour un seul calcul). Réduisez {reduce}, ou passez "
            "allow_large=True pour tenter le calcul malgré tout."
        )


def check_runs(runs: int, *, allow_large: bool = False) -> None:
    """Refuse a sweep of more than :data:`MAX_RUNS` simulations unless ``allow_large``."""
    if not allow_large and runs > MAX_RUNS:
        raise ResourceError(
            f"La grille demande {runs:,} simulations".replace(",", "\u202f")
            + f" (au plus {MAX_RUNS:,} sans confirmation)".replace(",", "\u202f")
            + " : cela prendrait des heures. Réduisez le nombre de valeurs de la grille ou "
            "de répétitions (replications), ou passez allow_large=True."
        )


def estimate_simulation(scenario: Any, *, transactions: bool = True) -> float:
    """Upper bound of the peak bytes of ``simulate(scenario)``.

    Customers ever present: the initial base plus, each month, what the channels can
    convert and what word of mouth can bring, capped by the market size. Transactions:
    at most about one order per customer and month.
    """
    nbytes = BYTES_PER_CUSTOMER * _customers_ever(scenario)
    if transactions:
        rows = ORDERS_PER_CUSTOMER_MONTH * _customer_months(scenario)
        nbytes += BYTES_PER_TRANSACTION * rows
    return nbytes


def estimate_seconds(scenario: Any) -> float:
    """Upper bound of the duration of ``simulate(scenario)`` in seconds (one core)."""
    return _customer_months(scenario) / CUSTOMER_MONTHS_PER_SECOND


def _customers_ever(scenario: Any) -> float:
    m = scenario.market
    return min(float(m.market_size), m.initial_customers + scenario.months * _arrivals(scenario))


def _customer_months(scenario: Any) -> float:
    """Upper bound of the active customer-months: no departure, arrivals capped by the market."""
    m, months, per_month = scenario.market, scenario.months, _arrivals(scenario)
    k = np.arange(1, months + 1, dtype=float)
    return float(np.minimum(float(m.market_size), m.initial_customers + k * per_month).sum())


def _arrivals(scenario: Any) -> float:
    """Upper bound of the new customers of a month (campaigns plus word of mouth)."""
    m = scenario.market
    channels = scenario.acquisition
    per_month = sum(
        ch.contacts_per_month * ch.response_rate * ch.conversion_rate
        for ch in (getattr(channels, f.name) for f in channels.__dataclass_fields__.values())
    )
    return per_month + (m.external_influence_p + m.imitation_q) * m.market_size


_REDUCE_SIM = (
    "market.initial_customers, market.market_size, months ou les contacts par mois "
    "(acquisition.*.contacts_per_month), ou passez transactions=False"
)


def check_simulation_args(
    scenario: Any, seed: Any, transactions: Any, progress: Any, allow_large: Any
) -> None:
    """The checks of ``simulate`` before the engine allocates anything (French errors)."""
    from crmsim._validation import check_bool, check_seed
    from crmsim.errors import ScenarioError

    check_seed(seed, error=ScenarioError)
    transactions = check_bool(transactions, "transactions")
    if not (isinstance(progress, bool) or callable(progress)):
        raise ResourceError(
            f"progress doit valoir True, False ou être une fonction, reçu {progress!r}."
        )
    allow_large = check_bool(allow_large, "allow_large")
    seconds = estimate_seconds(scenario)
    if seconds > MAX_SECONDS and not allow_large:
        raise ResourceError(
            f"La simulation « {scenario.name} » durerait jusqu’à {seconds / 3600:.0f} h "
            f"({scenario.months} mois, {_customer_months(scenario):,.0f} mois-clients au plus)".replace(
                ",", "\u202f"
            )
            + " : réduisez market.initial_customers, market.market_size, months ou les "
            "contacts par mois (acquisition.*.contacts_per_month), ou passez "
            "allow_large=True."
        )
    check_memory(
        estimate_simulation(scenario, transactions=transactions),
        what=f"la simulation « {scenario.name} » ({scenario.months} mois)",
        reduce=_REDUCE_SIM,
        allow_large=allow_large,
    )


def check_sweep(
    base: Any, sizes: list[int], replications: int, n_jobs: int, allow_large: Any
) -> None:
    """Refuse a sweep too long (:data:`MAX_RUNS`) or whose parallel runs would not fit."""
    from crmsim._validation import check_bool

    allow_large = check_bool(allow_large, "allow_large")
    runs = math.prod(sizes) * replications
    check_runs(runs, allow_large=allow_large)
    workers = min(runs, os.cpu_count() or 1) if n_jobs < 0 else min(runs, n_jobs)
    check_memory(
        workers * estimate_simulation(base, transactions=False) + 2_000.0 * runs,
        what=f"{runs} simulations ({workers} à la fois)",
        reduce="la taille du scénario, n_jobs ou le nombre de points de la grille",
        allow_large=allow_large,
    )
