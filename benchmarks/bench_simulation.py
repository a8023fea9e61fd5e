"""Speed and memory of the simulation engine (run: ``python benchmarks/bench_simulation.py``).

Prints, from one run of this script:

- customer-months per second with every mechanism on (campaigns, word of mouth, crisis,
  competitor price cut and alignment, loyalty programme, surveys with call-backs) at
  10 000, 100 000 and 1 000 000 customers (median of several runs, ``transactions=False``);
- 1 000 000 customers x 120 months: wall time and peak memory (``ru_maxrss`` of a
  fresh subprocess, so the figure is the whole process);
- the median end-to-end classroom rerun: ``crmsim.simulate(seed=...)`` with the default
  scenario (10 000 customers, 60 months, every table including transactions);
- the ratio against ``naive_simpy.py`` (one SimPy process per customer) at 10 000, twice:
  the full engine (every mechanism on, a conservative ratio) and the engine reduced to the
  same core buy/churn dynamics as the baseline (:func:`core_scenario`, like for like).

Targets on a 2-core machine: >= 10 M customer-months/s at 100 000; >= 50x naive at
10 000; classroom rerun < 150 ms; 1 M x 120 months < 60 s and < 6 GB.
Use ``--quick`` to skip the 1 M x 120 months run.
"""

from __future__ import annotations

import json
import os
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
        **{
            "market.initial_customers": customers,
            "market.market_size": 20 * customers,
            "events.crisis_month": min(8, months - 1),
            "events.competitor_price_cut_month": min(3, months - 1),
            "events.firm_alignment_month": min(12, months - 1),
            "events.programme_launch_month": min(6, months - 1),
            "satisfaction.survey_callback": True,
            **contacts,
        },
    )


def core_scenario(customers: int, months: int) -> cs.Scenario:
    """The engine reduced to the naive baseline's dynamics: buy, churn, constant arrivals.

    No campaigns, no word of mouth, no incidents, complaints, surveys or calendar events,
    no dissatisfaction or structural hazard: customers order and leave with their
    anecdotal hazard, and about 0.87 % of the base arrives each month through the external
    influence, as in ``naive_simpy.py``.
    """
    market = 1_000 * customers
    return cs.Scenario().replace(
        months=months,
        **{
            "market.initial_customers": customers,
            "market.market_size": market,
            "market.external_influence_p": 0.0087 * customers / market,
            "market.imitation_q": 0.0,
            # the baseline's mean hazard, Beta-distributed alike
            "attrition.anecdotal_monthly_rate": 0.0087,
            "attrition.propensity_heterogeneity": 0.02,
            "satisfaction.incident_monthly_rate": 0.0,
            "customers.expectation_mean": 0.0,
            "customers.expectation_sd": 0.0,
            "satisfaction.survey_every_months": 0,
            "attrition.offer_gap_pct": 0.0,
            "events.crisis_month": None,
            **{f"acquisition.{c}.contacts_per_month": 0 for c in CHANNELS},
        },
    )


def _timed(fn, *args, **kwargs):
    """Run ``fn`` and return (result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def throughput(
    customers: int, months: int, repeats: int, scenario=None
) -> tuple[float, float, float]:
    """Median wall seconds, and customer-months per wall and per CPU second."""
    sc = scenario or full_scenario(customers, months)
    walls, cpus, cm = [], [], 0
    for seed in range(repeats):
        res, wall, cpu = _timed(cs.simulate, sc, seed=seed, transactions=False)
        walls.append(wall)
        cpus.append(cpu)
        cm = int(res.monthly["active_start"].sum())
    return median(walls), cm / median(walls), cm / median(cpus)


def big_run_in_subprocess(customers: int, months: int) -> dict[str, float]:
    """Time a large run in a fresh interpreter and report its peak resident memory."""
    code = f"""
import json, resource, sys, time
sys.path.insert(0, {str(HERE)!r})
from bench_simulation import full_scenario
import crmsim as cs
sc = full_scenario({customers}, {months})
t, c = time.perf_counter(), time.process_time()
res = cs.simulate(sc, seed=1, transactions=False)
dt, dc = time.perf_counter() - t, time.process_time() - c
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": dt, "cpu_seconds": dc, "customer_months": int(res.monthly["active_start"].sum()),
                  "peak_gb": peak_kb / 1024**2}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def classroom(repeats: int = 9) -> tuple[float, float]:
    """Median wall and CPU seconds of the default classroom rerun, all tables included."""
    cs.simulate(seed=0)  # warm-up (imports, caches)
    runs = [_timed(cs.simulate, seed=seed)[1:] for seed in range(1, repeats + 1)]
    return median(r[0] for r in runs), median(r[1] for r in runs)


def main(quick: bool = False) -> None:
    sys.path.insert(0, str(HERE))
    from naive_simpy import run_naive

    load = os.getloadavg()[0]
    print(
        f"crmsim simulation benchmark (medians; load average {load:.1f} on {os.cpu_count()} cores)"
    )
    print("  wall-clock figures; CPU-time figures (this process only) in brackets")
    cs.simulate(full_scenario(10_000, 12), seed=0, transactions=False)  # warm-up
    rates = {}
    sizes = [(10_000, 60, 9), (100_000, 60, 3)] + ([(1_000_000, 12, 1)] if quick else [])
    for customers, months, repeats in sizes:
        t, rate, cpu_rate = throughput(customers, months, repeats)
        rates[customers] = (rate, cpu_rate)
        print(
            f"  {customers:>9,} customers x {months:>3} months: {t:7.3f} s  "
            f"{rate / 1e6:6.2f} M customer-months/s  [{cpu_rate / 1e6:.2f}]"
        )
    wall, cpu = classroom()
    print(
        f"  classroom rerun (10 000 x 60 months, all tables): {wall * 1e3:.0f} ms  [{cpu * 1e3:.0f} ms]"
    )
    naive = [run_naive(10_000, 60, seed=s) for s in range(3)]
    naive_rate = median(n["customer_months"] / n["seconds"] for n in naive)
    naive_cpu = median(n["customer_months"] / n["cpu_seconds"] for n in naive)
    print(
        f"  naive one-process-per-customer SimPy at 10 000: {naive_rate / 1e6:.3f} M customer-months/s  [{naive_cpu / 1e6:.3f}]"
    )
    print(
        f"  ratio engine (every mechanism on) / naive at 10 000: "
        f"{rates[10_000][0] / naive_rate:.0f}x  [{rates[10_000][1] / naive_cpu:.0f}x]"
    )
    _, core_rate, core_cpu = throughput(10_000, 60, 9, core_scenario(10_000, 60))
    print(
        f"  engine on the same core dynamics at 10 000: {core_rate / 1e6:.2f} M customer-months/s"
        f"  [{core_cpu / 1e6:.2f}]"
    )
    print(
        f"  ratio like for like (core dynamics) / naive at 10 000: "
        f"{core_rate / naive_rate:.0f}x  [{core_cpu / naive_cpu:.0f}x]"
    )
    if not quick:
        big = big_run_in_subprocess(1_000_000, 120)
        rate = big["customer_months"] / big["seconds"]
        cpu_rate = big["customer_months"] / big["cpu_seconds"]
        print(
            f"  {1_000_000:>9,} customers x 120 months: {big['seconds']:7.3f} s  "
            f"{rate / 1e6:6.2f} M customer-months/s  [{cpu_rate / 1e6:.2f}]"
        )
        print(
            f"  1 000 000 customers x 120 months (fresh process): {big['seconds']:.1f} s "
            f"[{big['cpu_seconds']:.1f} s], peak memory {big['peak_gb']:.2f} GB"
        )


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
