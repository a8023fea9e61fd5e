"""Speed of the simulated web audience (run: ``python benchmarks/bench_ecrm.py``).

Prints medians over a few runs (figures printed, not asserted):

- ``simulate_audience``: 3 000 visitors over 90 days, every table built (visits per second);
- ``trigger_summary`` of that run: each of the four triggers switched off, then all of
  them, with the same seed (only the visitors a trigger changed are simulated again);
- the e-CRM panel's rerun (2 000 visitors, 90 days: run, summary, table and charts), what
  a student waits for after moving a control; target: well under one second.

Use ``--repeat N`` to change the number of runs (default 5).
"""

from __future__ import annotations

import argparse
import os
import time
from statistics import median

from crmsim.ecrm import WebAudience, simulate_audience, trigger_summary


def _median_seconds(func, repeat: int) -> float:
    """Median wall time of ``repeat`` calls; the median CPU time is kept in ``_cpu``."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    _cpu.append(median(cpu))
    return median(times)


_cpu: list[float] = []  # CPU-time medians, in the order of the measures


def _cpu_ms() -> str:
    return f"(CPU {_cpu[-1] * 1000:.0f} ms)"


def main(repeat: int = 5) -> None:
    audience = WebAudience(visitors=3_000, days=90)
    result = simulate_audience(audience, seed=1)
    visits = len(result.sessions)
    t_run = _median_seconds(lambda: simulate_audience(audience, seed=1), repeat)
    print(
        f"simulate_audience, 3 000 visitors x 90 days ({visits} visits, "
        f"{len(result.page_views)} page views, {len(result.actions)} actions): "
        f"median {t_run * 1000:.0f} ms {_cpu_ms()} ({visits / t_run / 1000:.0f} k visits/s)"
    )
    t_sum = _median_seconds(lambda: trigger_summary(result=result), repeat)
    print(
        f"trigger_summary of that run (5 counterfactuals): median {t_sum * 1000:.0f} ms {_cpu_ms()}"
    )

    from crmsim.widgets import EcrmPanel

    panel = EcrmPanel()
    values = iter([4, 5] * repeat)
    t_panel = _median_seconds(lambda: setattr(panel.email_views, "value", next(values)), repeat)
    print(
        "EcrmPanel rerun (2 000 visitors x 90 days, table and charts): "
        f"median {t_panel * 1000:.0f} ms {_cpu_ms()}"
    )
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    main(parser.parse_args().repeat)
