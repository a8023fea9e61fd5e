"""Speed and memory of the simulation engine (run: ``python benchmarks/bench_simulation.py``).

Prints, from one run of this script:

- customer-months per second with every mechanism on (campaigns, word of mouth, crisis,
  competitor price cut and alignment, loyalty programme, surveys with call-backs) at
  10 000, 100 000 and 1 000 000 customers (median of several runs, ``transactions=False``);
- 1 000 000 customers x 120 months: wall time and peak memory (``ru_maxrss`` of a
  fresh subprocess, so the figure is the whole process);
- the median end-to-end classroom rerun: ``crmsim.simulate(seed=...)`` with the default
  scenario (10 000 customers, 60 months, every table including transactions);
- the ratio against ``naive_simpy.py`` (one SimPy process per customer) at 10 000.

Targets on a 2-core machine: >= 10 M customer-months/s at 100 000; >= 50x naive at
10 000; classroom rerun < 150 ms; 1 M x 120 months < 60 s and < 6 GB.
Use ``--quick`` to skip the 1 M x 120 months run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

import crmsim as cs

HERE = Path(__file__).resolve().parent
CHANNELS = ("mailing", "phone", "email", "sales_force", "web")


def full_scenario(customers: int, months: int) -> cs.Scenario:
    """The cours scenario scaled to ``customers`` with every calendar mechanism switched on."""
    base = cs.Scenario()
    scale = customers / base.market.initial_customers
    contacts = {
        f"acquisition.{c}.contacts_per_month": int(
            getattr(base.acquisition, c).contacts_per_month * scale
        )
        for c in CHANNELS
    }
    return base.replace(
        months=months,
        initial_customers=customers,
        market_size=20 * customers,
        crisis_month=min(8, months - 1),
        competitor_price_cut_month=min(3, months - 1),
        firm_alignment_month=min(12, months - 1),
        programme_launch_month=min(6, months - 1),
        survey_callback=True,
        **contacts,
    )


def throughput(customers: int, months: int, repeats: int) -> tuple[float, float]:
    """Median seconds and customer-months per second of full simulations."""
    sc = full_scenario(customers, months)
    times, cm = [], 0
    for seed in range(repeats):
        start = time.perf_counter()
        res = cs.simulate(sc, seed=seed, transactions=False)
        times.append(time.perf_counter() - start)
        cm = int(res.monthly["active_start"].sum())
    t = median(times)
    return t, cm / t


def big_run_in_subprocess(customers: int, months: int) -> dict[str, float]:
    """Time a large run in a fresh interpreter and report its peak resident memory."""
    code = f"""
import json, resource, sys, time
sys.path.insert(0, {str(HERE)!r})
from bench_simulation import full_scenario
import crmsim as cs
sc = full_scenario({customers}, {months})
t = time.perf_counter()
res = cs.simulate(sc, seed=1, transactions=False)
dt = time.perf_counter() - t
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": dt, "customer_months": int(res.monthly["active_start"].sum()),
                  "peak_gb": peak_kb / 1024**2}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def classroom(repeats: int = 9) -> float:
    """Median seconds of the default classroom rerun, all tables included."""
    cs.simulate(seed=0)  # warm-up (imports, caches)
    times = []
    for seed in range(1, repeats + 1):
        start = time.perf_counter()
        cs.simulate(seed=seed)
        times.append(time.perf_counter() - start)
    return median(times)


def main(quick: bool = False) -> None:
    sys.path.insert(0, str(HERE))
    from naive_simpy import run_naive

    print("crmsim simulation benchmark (medians)")
    cs.simulate(full_scenario(10_000, 12), seed=0, transactions=False)  # warm-up
    rates = {}
    for customers, months, repeats in [(10_000, 60, 7), (100_000, 60, 3), (1_000_000, 12, 1)]:
        t, rate = throughput(customers, months, repeats)
        rates[customers] = rate
        print(
            f"  {customers:>9,} customers x {months:>3} months: {t:7.3f} s  {rate / 1e6:6.2f} M customer-months/s"
        )
    t_class = classroom()
    print(f"  classroom rerun (10 000 x 60 months, all tables): {t_class * 1e3:.0f} ms")
    naive = [run_naive(10_000, 60, seed=s) for s in range(3)]
    naive_rate = median(n["customer_months"] / n["seconds"] for n in naive)
    print(
        f"  naive one-process-per-customer SimPy at 10 000: {naive_rate / 1e6:.3f} M customer-months/s"
    )
    print(f"  ratio engine / naive at 10 000: {rates[10_000] / naive_rate:.0f}x")
    if not quick:
        big = big_run_in_subprocess(1_000_000, 120)
        rate = big["customer_months"] / big["seconds"]
        print(
            f"  1 000 000 customers x 120 months: {big['seconds']:.1f} s "
            f"({rate / 1e6:.2f} M customer-months/s), peak memory {big['peak_gb']:.2f} GB"
        )


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
