"""Kernel-side response of the instructor dashboard to a lever (run: ``python benchmarks/bench_dashboard.py``).

Builds :class:`crmsim.widgets.SimulationDashboard` at 10 000 customers x 60 months (the
lesson's size), then moves the service-quality lever back and forth, as an instructor
does, and times each move from ``control.value = ...`` to the new table and PNG chart in
the panel's outputs (simulation, comparison table, charts, PNG encoding): what the kernel
does before the browser gets the update.

Prints the median and quartiles in milliseconds, and the same split into the simulation +
table step and the chart step. Target: median under 120 ms on a 2-core machine.
``--moves N`` sets the number of moves (default 30).
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from crmsim.widgets import SimulationDashboard

#: Positions of the service-quality lever visited in turn (points /10).
POSITIONS = (7.0, 8.0, 9.0, 8.5, 7.5, 6.5, 7.25, 9.5, 8.25, 7.75)


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    q1, q2, q3 = statistics.quantiles(values, n=4)
    return q1, q2, q3


def _timed(method):
    """Wrap ``method`` so that each call appends its duration (ms) to ``wrapper.times``."""

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            wrapper.times.append(1000 * (time.perf_counter() - start))

    wrapper.times = []
    return wrapper


def main(moves: int = 30) -> dict[str, tuple[float, float, float]]:
    """Time ``moves`` lever moves; print and return quartiles (ms) of each step."""
    board = SimulationDashboard("cours", seed=2026, months=60)
    lever = board.levers["satisfaction.service_quality"]
    board._render_table = table = _timed(board._render_table)
    board._render_plot = chart = _timed(board._render_plot)
    total = []
    for i in range(moves):
        start = time.perf_counter()
        lever.value = POSITIONS[i % len(POSITIONS)]
        total.append(1000 * (time.perf_counter() - start))
        assert board.error is None and board.plot_out.outputs
    figures = {
        "lever move, kernel side": _quartiles(total),
        "  simulation + comparison table": _quartiles(table.times),
        "  charts + PNG": _quartiles(chart.times),
    }
    print(f"Instructor dashboard, 10 000 customers x 60 months, {moves} lever moves (ms)")
    print(f"{'step':34s} {'q1':>7s} {'median':>7s} {'q3':>7s}")
    for name, (q1, q2, q3) in figures.items():
        print(f"{name:34s} {q1:7.1f} {q2:7.1f} {q3:7.1f}")
    print(f"frame redraws of the chart: {board.chart.redraws} (the rest were in-place updates)")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30)
    main(parser.parse_args().moves)
