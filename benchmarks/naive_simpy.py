"""Naive baseline: one SimPy process per customer, core buy/churn dynamics only.

Each customer is a generator process that, every month, orders ``floor(rate + U)`` times
at its basket value and then leaves with its monthly churn probability. New customers
arrive at a constant monthly rate through one more process. This is the textbook way to
write an agent-based model with SimPy; ``bench_simulation.py`` compares the vectorised
engine with it. Randomness comes from one seeded ``random.Random`` instance (not the
global generator).

Run ``python benchmarks/naive_simpy.py`` to time it alone.
"""

from __future__ import annotations

import math
import random
import time

import simpy


def run_naive(customers: int = 10_000, months: int = 60, seed: int = 1) -> dict[str, float]:
    """Simulate ``customers`` initial customers for ``months``; return totals and timing."""
    rng = random.Random(seed)
    env = simpy.Environment()
    totals = {"revenue": 0.0, "churned": 0, "customer_months": 0, "acquired": 0}
    arrivals_per_month = customers * 0.0087  # replaces the ~10 % yearly losses

    def customer(rate: float, basket: float, hazard: float):
        while True:
            yield env.timeout(1)
            totals["customer_months"] += 1
            if rng.random() < hazard:
                totals["churned"] += 1
                return
            orders = math.floor(rate + rng.random())
            totals["revenue"] += orders * basket

    def new_customer():
        rate = rng.gammavariate(1.5, 1.2 / 1.5)
        basket = 250.0 * math.exp(1.3 * rng.gauss(0.0, 1.0))
        hazard = rng.betavariate(0.0087 / 0.02, (1 - 0.0087) / 0.02)
        env.process(customer(rate, basket, hazard))

    def acquisition():
        debt = 0.0
        while True:
            yield env.timeout(1)
            debt += arrivals_per_month
            while debt >= 1:
                new_customer()
                totals["acquired"] += 1
                debt -= 1

    start, cpu = time.perf_counter(), time.process_time()  # timed end to end, like simulate()
    for _ in range(customers):
        new_customer()
    env.process(acquisition())
    env.run(until=months + 0.5)
    totals["seconds"] = time.perf_counter() - start
    totals["cpu_seconds"] = time.process_time() - cpu
    return totals


if __name__ == "__main__":
    out = run_naive()
    rate = out["customer_months"] / out["seconds"]
    print(
        f"naive SimPy, 10 000 customers x 60 months: {out['seconds']:.2f} s, {rate:,.0f} customer-months/s"
    )
