"""Memory guard, the issue's silent wrong results and raw errors, each with its French answer."""

from __future__ import annotations

import math
import os
import sys

import numpy as np
import pandas as pd
import pytest

import crmsim as cs
import crmsim._resources as res
from crmsim._resources import ResourceError, check_memory, estimate_simulation, format_bytes

sys.path.insert(0, os.path.dirname(__file__))
from test_battery import is_french


# ------------------------------------------------------------------ memory guard
@pytest.fixture
def machine_8gib(monkeypatch):
    """The guard's verdicts below do not depend on the machine running the tests."""
    monkeypatch.setattr(res, "available_memory", lambda: 8 * 1024**3)


def test_available_memory_is_a_positive_byte_count():
    assert res.available_memory() > 1024**2


def test_format_bytes_french_units():
    assert format_bytes(512) == "512\u00a0octets"
    assert format_bytes(1.5 * 1024**3) == "1,5\u00a0Gio"


def test_guard_message_gives_estimate_available_and_what_to_reduce(monkeypatch):
    monkeypatch.setattr(res, "available_memory", lambda: 4 * 1024**3)
    with pytest.raises(ResourceError) as info:
        cs.geometric_survival(0.1, 10**9)
    msg = str(info.value)
    assert "37,3\u00a0Gio" in msg and "4,0\u00a0Gio sont disponibles" in msg
    assert "Réduisez periods" in msg and "allow_large=True" in msg and is_french(msg)
    assert isinstance(info.value, MemoryError)  # except MemoryError keeps working


def test_allow_large_goes_past_the_guard(monkeypatch):
    monkeypatch.setattr(res, "available_memory", lambda: 1000)
    with pytest.raises(ResourceError):
        cs.geometric_survival(0.1, 100)
    assert len(cs.geometric_survival(0.1, 100, allow_large=True)) == 101
    with pytest.raises(cs.CrmSimError, match="True ou False"):
        check_memory(10, what="x", reduce="y", allow_large="oui")


@pytest.mark.usefixtures("machine_8gib")
@pytest.mark.parametrize(
    "call",
    [
        lambda: cs.geometric_survival(0.1, 10**11),
        lambda: cs.sbg_survival(1.0, 2.0, 10**11),
        lambda: cs.bass_adoption(0.03, 0.38, 1000, 10**11),
        lambda: cs.customer_value(100.0, 0.9, 0.1, horizon=10**11),
        lambda: cs.retention_leverage(100.0, 0.9, horizon=10**11),
        lambda: cs.tenure_margins(100.0, 10**11),
        lambda: cs.datasets.make_customer_sample(10**11),
        lambda: cs.cohort_survival(
            cs.simulate("calme", months=2, seed=1).customers, max_tenure=10**11
        ),
    ],
)
def test_sizes_beyond_memory_are_refused(call):
    with pytest.raises(ResourceError, match="Mémoire insuffisante"):
        call()


def test_simulation_estimate_covers_the_measured_peak():
    import tracemalloc

    sc = cs.preset("cours").replace(months=12, **{"market.initial_customers": 20_000})
    tracemalloc.start()
    cs.simulate(sc, seed=1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < estimate_simulation(sc) < 20 * peak


def test_scenario_bounds_are_what_the_engine_can_run():
    with pytest.raises(cs.ScenarioError, match="entre 0 et 10"):
        cs.preset("cours").replace(**{"market.initial_customers": 10**8})
    with pytest.raises(cs.ScenarioError):
        cs.preset("cours").replace(**{"acquisition.email.contacts_per_month": 10**9})
    biggest = cs.preset("cours").replace(
        **{"market.initial_customers": 10**7, "market.market_size": 10**7}
    )
    assert estimate_simulation(biggest, transactions=False) < 16 * 1024**3


def test_simulate_ten_million_customers_refused_before_allocating(machine_8gib):
    sc = cs.preset("cours").replace(
        **{"market.initial_customers": 10**7, "market.market_size": 10**8}
    )
    with pytest.raises(ResourceError, match=r"market\.initial_customers"):
        cs.simulate(sc)


def test_hundred_million_contacts_a_month_refused(machine_8gib):
    sc = cs.preset("cours").replace(
        **{
            "market.market_size": 10**8,
            "acquisition.email.contacts_per_month": 10**8,
            "acquisition.email.response_rate": 1.0,
            "acquisition.email.conversion_rate": 1.0,
        }
    )
    with pytest.raises(ResourceError, match="contacts_per_month"):
        cs.simulate(sc, transactions=False)


def test_simulation_longer_than_an_hour_refused():
    sc = cs.preset("cours").replace(
        months=600, **{"market.initial_customers": 10**7, "market.market_size": 10**7}
    )
    assert res.estimate_seconds(sc) > res.MAX_SECONDS
    with pytest.raises(ResourceError, match=r"durerait jusqu’à \d+ h"):
        cs.simulate(sc, transactions=False)
    assert res.estimate_seconds(cs.preset("cours")) < 30


def test_sweep_of_a_trillion_points_refused_before_building_the_grid():
    keys = ("months", "market.happy_tell", "market.unhappy_tell", "market.recovered_tell")
    grid = {k: list(range(1, 1001)) for k in keys}
    with pytest.raises(ResourceError, match="1\u202f000\u202f000\u202f000\u202f000 simulations"):
        cs.sweep("calme", grid)


# ------------------------------------------------- the silent wrong results
def _customers() -> pd.DataFrame:
    return cs.simulate("calme", months=3, seed=2).customers


SILENT = {
    "sample sigma=inf": lambda: cs.datasets.make_customer_sample(10, sigma=math.inf),
    "pareto 1e308 revenues": lambda: cs.pareto(
        pd.DataFrame({"customer_id": [1, 2, 3], "revenue": [1e308, 1e308, 1.0]})
    ),
    "pareto boolean revenue": lambda: cs.pareto(
        pd.DataFrame({"customer_id": [1, 2], "revenue": [True, False]})
    ),
    "negative messages": lambda: cs.campaign_kpis_by_channel(
        cs.simulate("calme", months=2, seed=1).campaigns.assign(messages=-5)
    ),
    "negative tenure": lambda: cs.cohort_survival(_customers().assign(tenure_months=-3)),
    "text active": lambda: cs.cohort_survival(_customers().assign(active="non")),
    "clv margin nan": lambda: cs.clv(math.nan, 0.9, 0.1),
    "clv margin inf": lambda: cs.clv(math.inf, 0.9, 0.1),
    "tenure_margins nan": lambda: cs.tenure_margins(math.nan, 5),
    "tenure_margins inf": lambda: cs.tenure_margins(100.0, 5, spend_growth=math.inf),
    "revenue_by_tenure months=2": lambda: cs.revenue_by_tenure(
        *(lambda r: (r.transactions, r.customers))(cs.simulate("calme", months=12, seed=1)),
        months=2,
    ),
    "simulate transactions='non'": lambda: cs.simulate("calme", months=2, transactions="non"),
    "simulate progress='oui'": lambda: cs.simulate("calme", months=2, progress="oui"),
}


@pytest.mark.parametrize("case", sorted(SILENT))
def test_silent_wrong_results_now_raise_in_french(case):
    with pytest.raises(cs.CrmSimError) as info:
        SILENT[case]()
    assert is_french(str(info.value)), str(info.value)


def test_pareto_panel_target_out_of_range_is_not_clamped():
    widgets = pytest.importorskip("crmsim.widgets")
    with pytest.raises(cs.DataError, match="entre 5\u00a0% et 100\u00a0%"):
        widgets.ParetoPanel(target=2.0)


def test_huge_scenario_file_refused(tmp_path):
    big = tmp_path / "gros.toml"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024**2)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(cs.ScenarioError, match="au-delà de la limite"):
        cs.load_scenario(big)


# ------------------------------------------------------ raw or English errors
def _deep_toml(tmp_path):
    f = tmp_path / "profond.toml"
    f.write_text("x = " + "[" * 100_000 + "]" * 100_000)
    return f


RAW = {
    "load_scenario folder": lambda t: cs.load_scenario(t),
    "load_scenario binary": lambda t: cs.load_scenario(
        (t / "b.toml", (t / "b.toml").write_bytes(b"\xff\xfe\x00bad"))[0]
    ),
    "load_scenario recursion": lambda t: cs.load_scenario(_deep_toml(t)),
    "load_scenario None": lambda t: cs.load_scenario(None),
    "save_scenario missing folder": lambda t: cs.save_scenario(
        cs.preset("calme"), t / "absent" / "s.toml"
    ),
    "save_scenario folder": lambda t: cs.save_scenario(cs.preset("calme"), t),
    "sweep seed": lambda t: cs.sweep("calme", {"months": [2]}, seed=-1, progress=False),
    "sweep seed text": lambda t: cs.sweep("calme", {"months": [2]}, seed="a", progress=False),
    "simulate seed": lambda t: cs.simulate("calme", months=2, seed=-3),
    "summary of text": lambda t: cs.simulation_summary("résultat"),
    "customer_value text": lambda t: cs.customer_value("abc", 0.9, 0.1),
    "fit_sbg float": lambda t: cs.fit_sbg(3.0),
    "pareto missing data": lambda t: cs.pareto(),
    "pareto unknown keyword": lambda t: cs.pareto(cs.datasets.load("pareto_clients"), targt=0.8),
    "format_number text": lambda t: cs.formatting.format_number("12"),
}


@pytest.mark.parametrize("case", sorted(RAW))
def test_raw_errors_are_french(case, tmp_path):
    with pytest.raises(cs.CrmSimError) as info:
        RAW[case](tmp_path)
    assert is_french(str(info.value)), str(info.value)


def test_numpy_integers_are_valid_numbers():
    a = cs.geometric_survival(np.float64(0.05), np.int64(24))
    assert a.equals(cs.geometric_survival(0.05, 24))
    assert cs.simulate("calme", months=np.int64(2), seed=np.int64(1)).scenario.months == 2
    assert cs.preset("calme").replace(months=np.int64(24)).months == 24


def test_warnings_point_at_the_callers_line():
    import warnings

    log = cs.datasets.load("transactions_sample")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cs.frat(log)
        cs.campaign_kpis(
            total_cost=100.0, messages_sent=10, responses=0, orders=0, order_revenue=0.0
        )
    assert caught and all(w.filename == __file__ for w in caught), [w.filename for w in caught]


def test_every_guarded_function_accepts_allow_large():
    import inspect

    from test_battery import _resolve, public_names

    guarded = []
    for name in public_names():
        func = inspect.unwrap(_resolve(name))
        source = inspect.getsource(func)
        if any(g in source for g in ("check_memory(", "check_simulation_args(", "check_sweep(")):
            guarded.append(name)
            assert "allow_large" in inspect.signature(func).parameters, name
    assert {"simulate", "sweep", "geometric_survival", "datasets.make_customer_sample"} <= set(
        guarded
    )
