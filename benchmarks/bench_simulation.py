"""Speed and memory of the simulation engine (run: ``python benchmarks/bench_simulation.py``).

Prints, from one run of this script (medians):

- the default call ``crmsim.simulate(scenario, seed=...)`` at 10 000 customers x 60 months
  with every mechanism on (campaigns, word of mouth, crisis, competitor price cut and
  alignment, loyalty programme, surveys with call-backs; purchases recorded, tables built
  on first access), against the naive one-SimPy-process-per-customer model
  (``naive_simpy.py``) timed in the same run: the headline ratio. The two take turns
  (three rounds of one naive run and three default calls) so that both see the same load
  on a shared machine; the ratio printed is the median of the rounds' ratios;
- the same run when every table is then read (the ~0.8 M-row transactions table too),
  and a what-if that reads only the monthly table;
- customer-months per second with every mechanism on at 10 000 and 100 000 customers
  (``transactions=False``);
- the engine reduced to the baseline's core buy/churn dynamics (:func:`core_scenario`),
  like for like against the naive model;
- 1 000 000 customers x 120 months: wall time and peak memory (``ru_maxrss`` of a fresh
  subprocess, so the figure is the whole process).

Targets on a 2-core machine: default call >= 60x naive at 10 000; >= 10 M
customer-months/s at 100 000; 1 M x 120 months < 60 s and < 6 GB.
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


def default_call(repeats: int = 9, first_seed: int = 1) -> dict[str, float]:
    """Median wall (and CPU) seconds of the default call at 10 000 x 60, every mechanism on.

    ``run``: ``simulate(scenario, seed=...)`` alone (tables are built on first access);
    ``what_if``: the same plus the monthly table; ``all_tables``: plus every table;
    ``run_cpu``: CPU seconds of ``run`` (this process only). Seeds ``first_seed`` on.
    """
    sc = full_scenario(10_000, 60)
    cs.simulate(sc, seed=0).tables()  # warm-up (imports, caches)
    runs: dict[str, list[float]] = {"run": [], "run_cpu": [], "what_if": [], "all_tables": []}
    cm = 0
    for seed in range(first_seed, first_seed + repeats):
        _, wall, cpu = _timed(cs.simulate, sc, seed=seed)
        runs["run"].append(wall)
        runs["run_cpu"].append(cpu)
        t = time.perf_counter()
        res = cs.simulate(sc, seed=seed)
        cm = int(res.monthly["active_start"].sum())
        runs["what_if"].append(time.perf_counter() - t)
        t = time.perf_counter()
        cs.simulate(sc, seed=seed).tables()
        runs["all_tables"].append(time.perf_counter() - t)
    return {**{k: median(v) for k, v in runs.items()}, "customer_months": cm}


def main(quick: bool = False) -> None:
    sys.path.insert(0, str(HERE))
    from naive_simpy import run_naive

    load = os.getloadavg()[0]
    print(
        f"crmsim simulation benchmark (medians; load average {load:.1f} on {os.cpu_count()} cores)"
    )
    print("  wall-clock figures; CPU-time figures (this process only) in brackets")
    # the naive model and the default call take turns (3 rounds of one naive run and 3
    # default calls), so that both see the same load on a shared machine
    naive, rounds, ratios, cpu_ratios = [], [], [], []
    for r in range(3):
        n = run_naive(10_000, 60, seed=r)
        d = default_call(3, first_seed=1 + 3 * r)
        naive.append(n)
        rounds.append(d)
        ratios.append(d["customer_months"] / d["run"] / (n["customer_months"] / n["seconds"]))
        cpu_ratios.append(
            d["customer_months"] / d["run_cpu"] / (n["customer_months"] / n["cpu_seconds"])
        )
    naive_rate = median(n["customer_months"] / n["seconds"] for n in naive)
    naive_cpu = median(n["customer_months"] / n["cpu_seconds"] for n in naive)
    print(
        f"  naive one-process-per-customer SimPy at 10 000: {naive_rate / 1e6:.3f} M "
        f"customer-months/s  [{naive_cpu / 1e6:.3f}]"
    )
    d = {k: median(x[k] for x in rounds) for k in rounds[0]}
    print(
        f"  default call simulate(scenario, seed=...), 10 000 x 60, every mechanism on: "
        f"{d['run'] * 1e3:.0f} ms [{d['run_cpu'] * 1e3:.0f} ms], "
        f"{median(ratios):.0f}x naive [{median(cpu_ratios):.0f}x] "
        f"(rounds: {', '.join(f'{x:.0f}x' for x in ratios)})"
    )
    print(
        f"    + monthly table (what-if): {d['what_if'] * 1e3:.0f} ms; "
        f"+ every table (transactions too): {d['all_tables'] * 1e3:.0f} ms "
        f"({d['customer_months'] / d['all_tables'] / naive_rate:.0f}x naive)"
    )
    rates = {}
    sizes = [(10_000, 60, 9), (100_000, 60, 3)] + ([(1_000_000, 12, 1)] if quick else [])
    for customers, months, repeats in sizes:
        t, rate, cpu_rate = throughput(customers, months, repeats)
        rates[customers] = (rate, cpu_rate)
        print(
            f"  {customers:>9,} customers x {months:>3} months: {t:7.3f} s  "
            f"{rate / 1e6:6.2f} M customer-months/s  [{cpu_rate / 1e6:.2f}]"
        )
    _, core_rate, _ = throughput(10_000, 60, 9, core_scenario(10_000, 60))
    print(
        f"  engine on the same core dynamics at 10 000: {core_rate / 1e6:.2f} M customer-months/s"
        f"  ({core_rate / naive_rate:.0f}x naive, like for like)"
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
