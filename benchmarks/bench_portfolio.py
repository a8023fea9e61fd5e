"""Cost of the portfolio mechanisms (share of wallet, product lines, B2B accounts).

Run ``python benchmarks/bench_portfolio.py`` (from the repository root). Prints medians of:

- the default call of ``bench_simulation.py`` (``simulate(scenario, seed=...)`` at 10 000
  customers x 60 months, every mechanism on, tables built on first access), with the
  development campaigns off (the default) and on (5 % of customers contacted a month);
- the time to build each new table of that run (``wallet``, ``supplier_sales``,
  ``accounts``) and a run of the ``industriel`` preset with its three tables.

``--against DIR`` also times the default call of another copy of the package (``DIR``
holds its ``crmsim`` folder, e.g. ``git archive main crmsim | tar -x -C DIR``): both are
imported in this process (the other one renamed ``crmsim_other`` in a temporary copy)
and their calls alternate, so that the before/after comparison sees the same load of the
machine (CPU time of this process and wall time, medians of 40 calls each).
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent


def _renamed_copy(other: Path) -> str:
    """Copy ``other/crmsim`` to a temporary folder as package ``crmsim_other``; its name."""
    tmp = Path(tempfile.mkdtemp(prefix="crmsim_other_"))
    shutil.copytree(other / "crmsim", tmp / "crmsim_other", symlinks=True)
    for path in (tmp / "crmsim_other").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\bcrmsim\.", "crmsim_other.", text)
        text = re.sub(r"(from|import) crmsim\b(?!_)", r"\1 crmsim_other", text)
        path.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(tmp))
    return "crmsim_other"


def before_after(other: Path, repeats: int = 40) -> dict[str, float]:
    """Median CPU and wall seconds of the default call, this copy and ``other``.

    Both packages are imported in this process (``other`` under another name) and their
    calls alternate (in both orders), so that they see the same load of the machine.
    """
    import importlib

    sys.path.insert(0, str(HERE))
    from bench_simulation import full_scenario

    import crmsim as cs

    theirs = importlib.import_module(_renamed_copy(other))
    mine = full_scenario(10_000, 60)
    base = theirs.Scenario()  # the same scenario, for the other copy's parameters
    changes = {p.path: mine.get(p.path) for p in base.parameters()}
    sc_other = base.replace(**{k: v for k, v in changes.items() if v != base.get(k)})
    versions = {"this": (cs, mine), "other": (theirs, sc_other)}
    for mod, sc in versions.values():
        mod.simulate(sc, seed=0)
    cpu: dict[str, list[float]] = {"this": [], "other": []}
    wall: dict[str, list[float]] = {"this": [], "other": []}
    gc.disable()
    try:
        for rep in range(repeats):
            order = ("this", "other") if rep % 2 else ("other", "this")
            for name in order:
                mod, sc = versions[name]
                c, t = time.process_time(), time.perf_counter()
                mod.simulate(sc, seed=rep + 1)
                cpu[name].append(time.process_time() - c)
                wall[name].append(time.perf_counter() - t)
            gc.collect()
    finally:
        gc.enable()
    return {
        "this": median(wall["this"]),
        "other": median(wall["other"]),
        "this_cpu": median(cpu["this"]),
        "other_cpu": median(cpu["other"]),
    }


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
