"""Cost of the referrals recording and of the course-claims tables.

Run ``python benchmarks/bench_claims.py`` (from the repository root). Prints medians of
the default call of ``bench_simulation.py`` (``simulate(scenario, seed=...)`` at 10 000
customers x 60 months, every mechanism on) without and with ``referrals=True``, the two
calls alternating (in both orders) so that they see the same load of the machine; then
the time of ``portfolio_claims``, ``price_war_departures`` and ``word_of_mouth_by_tenure``
on such a run.

``--against DIR`` first times the default call of this copy against another copy of the
package (``DIR`` holds its ``crmsim`` folder, e.g. ``git archive <commit> crmsim | tar -x
-C DIR``), with :func:`bench_portfolio.before_after`: the cost of the referrals hook when
the table is not asked for.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent


def referrals_cost(repeats: int = 30) -> dict[str, float]:
    """Median wall and CPU seconds of the default call without and with ``referrals=True``."""
    sys.path.insert(0, str(HERE))
    from bench_simulation import full_scenario

    import crmsim as cs

    sc = full_scenario(10_000, 60)
    cs.simulate(sc, seed=0, referrals=True)  # warm-up
    times: dict[str, list[float]] = {"off": [], "on": [], "off_cpu": [], "on_cpu": []}
    gc.disable()
    try:
        for rep in range(repeats):
            order = (False, True) if rep % 2 else (True, False)
            for on in order:
                c, t = time.process_time(), time.perf_counter()
                cs.simulate(sc, seed=rep + 1, referrals=on)
                key = "on" if on else "off"
                times[key].append(time.perf_counter() - t)
                times[f"{key}_cpu"].append(time.process_time() - c)
            gc.collect()
    finally:
        gc.enable()
    return {k: median(v) for k, v in times.items()}


def claims_cost(repeats: int = 5) -> dict[str, float]:
    """Median wall seconds of the three claims functions on a 10 000 x 60 run."""
    import crmsim as cs

    out: dict[str, list[float]] = {"portfolio_claims": [], "price_war": [], "word_of_mouth": []}
    for seed in range(1, repeats + 1):
        res = cs.simulate("cours", seed=seed, transactions=False, referrals=True)
        war = cs.simulate("guerre_des_prix", seed=seed, transactions=False)
        _ = res.customers, war.customers
        for key, func, arg in (
            ("portfolio_claims", cs.portfolio_claims, res),
            ("price_war", cs.price_war_departures, war),
            ("word_of_mouth", cs.word_of_mouth_by_tenure, res),
        ):
            t = time.perf_counter()
            func(arg)
            out[key].append(time.perf_counter() - t)
    return {k: median(v) for k, v in out.items()}


def main(argv: list[str]) -> None:
    print(f"crmsim claims benchmark (medians; load average {os.getloadavg()[0]:.1f})")
    if "--against" in argv:
        sys.path.insert(0, str(HERE))
        from bench_portfolio import before_after

        other = Path(argv[argv.index("--against") + 1])
        ba = before_after(other)
        print(
            f"  default call 10 000 x 60: this copy {ba['this'] * 1e3:.1f} ms, "
            f"{other} {ba['other'] * 1e3:.1f} ms ({ba['this'] / ba['other'] - 1:+.1%}); "
            f"CPU {ba['this_cpu'] * 1e3:.1f} ms vs {ba['other_cpu'] * 1e3:.1f} ms "
            f"({ba['this_cpu'] / ba['other_cpu'] - 1:+.1%})"
        )
    r = referrals_cost()
    print(
        f"  default call 10 000 x 60: {r['off'] * 1e3:.1f} ms; with referrals=True "
        f"{r['on'] * 1e3:.1f} ms ({r['on'] / r['off'] - 1:+.1%}); CPU "
        f"{r['off_cpu'] * 1e3:.1f} ms vs {r['on_cpu'] * 1e3:.1f} ms "
        f"({r['on_cpu'] / r['off_cpu'] - 1:+.1%})"
    )
    c = claims_cost()
    print(
        f"  portfolio_claims {c['portfolio_claims'] * 1e3:.0f} ms, price_war_departures "
        f"{c['price_war'] * 1e3:.0f} ms, word_of_mouth_by_tenure "
        f"{c['word_of_mouth'] * 1e3:.0f} ms (customers table already built)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
