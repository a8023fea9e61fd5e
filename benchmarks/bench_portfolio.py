"""Cost of the portfolio mechanisms (share of wallet, product lines, B2B accounts).

Run ``python benchmarks/bench_portfolio.py`` (from the repository root). Prints medians of:

- the default call of ``bench_simulation.py`` (``simulate(scenario, seed=...)`` at 10 000
  customers x 60 months, every mechanism on, tables built on first access), with the
  development campaigns off (the default) and on (5 % of customers contacted a month);
- the time to build each new table of that run (``wallet``, ``supplier_sales``,
  ``accounts``) and a run of the ``industriel`` preset with its three tables.

``--against DIR`` also times the default call of another copy of the package (``DIR``
holds its ``crmsim`` folder, e.g. ``git archive main crmsim | tar -x -C DIR``), in
alternating fresh processes of the same run, so that a before/after comparison sees the
same load of the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_CHILD = """
import json, sys, time
sys.path.insert(0, {bench!r})
from bench_simulation import full_scenario
import crmsim as cs
sc = full_scenario(10_000, 60)
cs.simulate(sc, seed=0)
walls, cpus = [], []
for seed in range(1, {repeats} + 1):
    t, c = time.perf_counter(), time.process_time()
    cs.simulate(sc, seed=seed)
    walls.append(time.perf_counter() - t)
    cpus.append(time.process_time() - c)
print(json.dumps({{"walls": walls, "cpus": cpus, "where": cs.__file__}}))
"""


def _child(package_dir: Path, repeats: int) -> dict[str, list[float]]:
    """Wall and CPU seconds of the default call in a fresh process importing ``package_dir``."""
    env = {**os.environ, "PYTHONPATH": str(package_dir)}
    code = _CHILD.format(bench=str(HERE), repeats=repeats)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
        cwd=str(package_dir),
    )  # fmt: skip
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert Path(data["where"]).resolve().is_relative_to(package_dir.resolve()), data["where"]
    return data


def before_after(other: Path, rounds: int = 6, repeats: int = 5) -> dict[str, float]:
    """Median wall and CPU seconds of the default call, this copy and ``other``, alternating."""
    runs: dict[str, list[float]] = {"this": [], "other": [], "this_cpu": [], "other_cpu": []}
    for _ in range(rounds):
        for name, where in (("other", other), ("this", ROOT)):
            data = _child(where, repeats)
            runs[name] += data["walls"]
            runs[name + "_cpu"] += data["cpus"]
    return {k: median(v) for k, v in runs.items()}


def table_costs(repeats: int = 5) -> dict[str, float]:
    """Median seconds: run with development campaigns on, each new table, ``industriel``."""
    sys.path.insert(0, str(HERE))
    from bench_simulation import full_scenario

    import crmsim as cs

    sc = full_scenario(10_000, 60)
    dev = sc.replace(**{"lines.development_contact_rate": 0.05})
    _ = cs.simulate(sc, seed=0).supplier_sales  # warm-up
    out: dict[str, list[float]] = {
        k: [] for k in ("run", "development_on", "wallet", "supplier_sales", "accounts")
    }
    out["industriel"] = []
    for seed in range(1, repeats + 1):
        t = time.perf_counter()
        cs.simulate(sc, seed=seed)
        out["run"].append(time.perf_counter() - t)
        t = time.perf_counter()
        cs.simulate(dev, seed=seed)
        out["development_on"].append(time.perf_counter() - t)
        res = cs.simulate(sc, seed=seed)
        _ = res.customers
        for name in ("wallet", "supplier_sales", "accounts"):
            t = time.perf_counter()
            getattr(res, name)
            out[name].append(time.perf_counter() - t)
        t = time.perf_counter()
        ind = cs.simulate("industriel", seed=seed)
        _ = ind.accounts, ind.supplier_sales
        out["industriel"].append(time.perf_counter() - t)
    return {k: median(v) for k, v in out.items()}


def main(argv: list[str]) -> None:
    print(f"crmsim portfolio benchmark (medians; load average {os.getloadavg()[0]:.1f})")
    if "--against" in argv:
        other = Path(argv[argv.index("--against") + 1])
        ba = before_after(other)
        print(
            f"  default call 10 000 x 60: this copy {ba['this'] * 1e3:.1f} ms, "
            f"{other} {ba['other'] * 1e3:.1f} ms ({ba['this'] / ba['other'] - 1:+.1%}); "
            f"CPU {ba['this_cpu'] * 1e3:.1f} ms vs {ba['other_cpu'] * 1e3:.1f} ms "
            f"({ba['this_cpu'] / ba['other_cpu'] - 1:+.1%})"
        )
    c = table_costs()
    print(
        f"  default call {c['run'] * 1e3:.1f} ms; with development campaigns (5 %/month) "
        f"{c['development_on'] * 1e3:.1f} ms"
    )
    print(
        f"  tables of that run: wallet {c['wallet'] * 1e3:.0f} ms, supplier_sales "
        f"{c['supplier_sales'] * 1e3:.0f} ms, accounts {c['accounts'] * 1e3:.0f} ms"
    )
    print(f"  industriel preset, run + accounts + supplier_sales: {c['industriel'] * 1e3:.0f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
