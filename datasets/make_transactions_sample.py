"""Generate ``transactions_sample.csv``: a seeded purchase log for the RFM and FRAT lessons.

Run from the repository root::

    python datasets/make_transactions_sample.py

The output is deterministic (fixed seed, fixed text formatting): rerunning the script
reproduces the committed file byte for byte, which a test checks.

Model (simple, for teaching, not calibrated on real data): 300 customers of a retailer
over two years (2023-01-01 to 2024-12-31). Each customer arrives on a random day of the
first 20 months with a first purchase, then buys at its own rate (gamma-distributed,
about one purchase every two months on average) until it silently leaves (exponential
lifetime, mean 14 months) or the period ends. Each customer has a typical basket
(log-normal, median about 250 MAD) around which order amounts vary, and a propensity to
buy *stratégique* products (the firm's high-value core offer) rather than *tactique*
ones (promotional, occasional items).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

SEED = 20240417
N_CUSTOMERS = 300
START = np.datetime64("2023-01-01")
END = np.datetime64("2024-12-31")
OUTPUT = Path(__file__).resolve().parent / "transactions_sample.csv"


def make_rows(seed: int = SEED, n_customers: int = N_CUSTOMERS) -> list[tuple]:
    """Return the transactions as (customer_id, date, amount, product_type), sorted."""
    rng = np.random.default_rng(seed)
    horizon = int((END - START).astype(int))  # last day index
    rows: list[tuple] = []
    for customer in range(1, n_customers + 1):
        arrival = int(rng.integers(0, 600))
        lifetime = rng.exponential(14 * 30.4)
        last_day = min(horizon, arrival + int(lifetime))
        rate_per_day = rng.gamma(shape=1.2, scale=0.45) / 30.4
        basket = float(np.exp(rng.normal(np.log(250.0), 0.6)))
        p_strategic = rng.beta(2.0, 3.0)
        days = [arrival]
        day = float(arrival)
        while rate_per_day > 0:
            day += rng.exponential(1 / rate_per_day)
            if day > last_day or len(days) >= 40:
                break
            days.append(int(day))
        for d in days:
            amount = round(basket * float(np.exp(rng.normal(0.0, 0.35))), 2)
            kind = "strategique" if rng.random() < p_strategic else "tactique"
            rows.append((customer, str(START + np.timedelta64(d, "D")), amount, kind))
    rows.sort(key=lambda r: (r[1], r[0], r[2]))
    return rows


def to_csv_text(rows: list[tuple]) -> str:
    """Format rows as CSV text with fixed formatting (amounts with two decimals)."""
    lines = ["customer_id,date,amount,product_type"]
    lines += [f"{c},{d},{a:.2f},{k}" for c, d, a, k in rows]
    return "\n".join(lines) + "\n"


def main(path: Path = OUTPUT) -> Path:
    """Write the sample to ``path`` and return it."""
    path.write_text(to_csv_text(make_rows()), encoding="utf-8", newline="\n")
    return path


if __name__ == "__main__":
    out = main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
    print(f"écrit : {out}")
