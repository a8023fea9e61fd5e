"""Tests of crmsim.scenario: validation, variants, presets, metadata and TOML files."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmsim.errors import ScenarioError
from crmsim.scenario import (
    Attrition,
    Channel,
    Events,
    Market,
    Scenario,
    list_presets,
    load_scenario,
    preset,
    save_scenario,
)


def test_default_runs_and_is_cours():
    sc = Scenario()
    assert sc.name == "cours"
    assert sc == preset("cours")
    assert sc.months == 60


def test_frozen_and_keyword_only():
    sc = Scenario()
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.months = 12  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.attrition.offer_gap_pct = 3.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        Market(1000)  # type: ignore[misc]


def test_percentage_error_message():
    with pytest.raises(ScenarioError) as err:
        Attrition(anecdotal_monthly_rate=1.5)
    msg = str(err.value)
    assert "anecdotal_monthly_rate" in msg
    assert "doit être entre 0 et 1, reçu 1.5 (un pourcentage ? écrivez 0.015)" in msg


@pytest.mark.parametrize(
    ("cls", "kwargs", "fragment"),
    [
        (Market, {"market_size": 0}, "entre 1 et 100\u00a0000\u00a0000, reçu 0"),
        (Market, {"market_size": 10.5}, "nombre entier"),
        (Market, {"imitation_q": "0.3"}, "doit être un nombre"),
        (Market, {"imitation_q": True}, "doit être un nombre"),
        (Channel, {"response_rate": -0.1}, "entre 0 et 1"),
        (Events, {"crisis_communication": 1}, "True ou False"),
        (Events, {"crisis_month": "demain"}, "None"),
        (Attrition, {"offer_gap_pct": float("nan")}, "entre 0 et 100"),
    ],
)
def test_bad_values_raise_french_errors(cls, kwargs, fragment):
    with pytest.raises(ScenarioError, match=fragment):
        cls(**kwargs)


def test_errors_are_value_errors():
    with pytest.raises(ValueError):
        Scenario(months=0)


def test_int_fields_accept_integral_floats_and_floats_accept_ints():
    m = Market(market_size=1e5, imitation_q=1)
    assert m.market_size == 100_000 and isinstance(m.market_size, int)
    assert isinstance(m.imitation_q, float)


def test_cross_field_check():
    with pytest.raises(ScenarioError, match="initial_customers"):
        Scenario().replace(
            **{"market.market_size": 100, "market.initial_customers": 200},
        )


def test_start_date_is_validated_and_normalised():
    assert Scenario(start_date="2025-03-17").start_date == "2025-03-01"
    with pytest.raises(ScenarioError, match="AAAA-MM-JJ"):
        Scenario(start_date="17/03/2025")


def test_replace_full_paths_only_and_original_untouched():
    sc = Scenario()
    a = sc.replace(**{"attrition.offer_gap_pct": 4})
    e = sc.replace(attrition=Attrition(offer_gap_pct=4))
    assert a == e
    assert a.attrition.offer_gap_pct == 4.0
    assert sc.attrition.offer_gap_pct == Scenario().attrition.offer_gap_pct
    f = sc.replace(**{"acquisition.mailing.response_rate": 0.05}, months=12)
    assert f.acquisition.mailing.response_rate == 0.05 and f.months == 12
    assert f.acquisition.phone == sc.acquisition.phone
    # one spelling: every other one is refused with the full path to write
    for other in (
        {"attrition__offer_gap_pct": 4},
        {"offer_gap_pct": 4},
        {"attrition": {"offer_gap_pct": 4}},
    ):
        with pytest.raises(ScenarioError, match=re.escape("attrition.offer_gap_pct")):
            sc.replace(**other)


def test_replace_validates():
    with pytest.raises(ScenarioError, match="pourcentage"):
        Scenario().replace(**{"attrition.anecdotal_monthly_rate": 12})
    with pytest.raises(ScenarioError, match="Attrition"):
        Scenario().replace(attrition=3)


def test_unknown_key_did_you_mean():
    with pytest.raises(
        ScenarioError, match=re.escape("Vouliez-vous dire « anecdotal_monthly_rate » ?")
    ):
        Scenario().replace(anecdotal_montly_rate=0.01)
    with pytest.raises(
        ScenarioError, match=re.escape("Vouliez-vous dire « attrition.offer_gap_pct » ?")
    ):
        Scenario().replace(**{"attrition.offer_gap_pc": 1})


def test_ambiguous_key():
    with pytest.raises(ScenarioError, match="ambigu"):
        Scenario().replace(response_rate=0.1)


def test_presets_all_valid_and_distinct():
    names = list(list_presets())
    assert {"cours", "crise", "guerre_des_prix", "programme_fidelite"} <= set(names)
    built = [preset(n) for n in names]
    assert all(p.name == n for p, n in zip(built, names, strict=True))
    assert all(list_presets()[n] == p.description for p, n in zip(built, names, strict=True))
    bodies = {repr(dataclasses.replace(p, name="", description="")) for p in built}
    assert len(bodies) == len(names)


def test_unknown_preset_lists_presets():
    with pytest.raises(ScenarioError) as err:
        preset("crises")
    msg = str(err.value)
    assert "Préréglage inconnu « crises »" in msg
    assert "Vouliez-vous dire « crise » ?" in msg
    assert "guerre_des_prix" in msg


def test_parameters_metadata_for_sliders():
    params = Scenario().parameters()
    paths = [p.path for p in params]
    assert len(paths) == len(set(paths)) > 60
    assert "acquisition.mailing.response_rate" in paths
    for p in params:
        assert p.label and isinstance(p.label, str)
        assert p.kind in {"float", "int", "bool", "month"}
        if p.kind in {"float", "int"}:
            assert p.minimum is not None and p.maximum is not None
            assert p.minimum <= p.value <= p.maximum
        assert p.value == p.default
        assert Scenario().replace(**{p.path: p.value}) == Scenario()
    changed = Scenario().replace(months=12).parameters()
    months = next(p for p in changed if p.path == "months")
    assert (months.value, months.default) == (12, 60)


@pytest.mark.parametrize("name", list(list_presets()))
def test_toml_round_trip(tmp_path, name):
    sc = preset(name)
    path = save_scenario(sc, tmp_path / f"{name}.toml")
    assert load_scenario(path) == sc
    assert not list(tmp_path.glob("*.tmp"))


def test_toml_is_human_editable(tmp_path):
    path = save_scenario(Scenario(), tmp_path / "s.toml")
    text = path.read_text(encoding="utf-8")
    assert "[attrition]" in text and "[acquisition.mailing]" in text
    assert "# taux d’attrition anecdotique mensuel" in text
    assert 'competitor_price_cut_month = "jamais"' in text  # None is written "jamais"
    edited = text.replace("months = 60", "months = 24")
    path.write_text(
        edited.replace(
            'competitor_price_cut_month = "jamais"', "competitor_price_cut_month = 12"
        ).replace("crisis_month = 36", 'crisis_month = "jamais"'),
        encoding="utf-8",
    )
    sc = load_scenario(path)
    assert sc.months == 24 and sc.events.competitor_price_cut_month == 12
    assert sc.events.crisis_month is None


def test_partial_file_with_preset(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('preset = "crise"\nmonths = 30\n[events]\ncrisis_month = 6\n', encoding="utf-8")
    sc = load_scenario(path)
    assert sc.months == 30 and sc.events.crisis_month == 6
    assert sc.events.crisis_extra_hazard == preset("crise").events.crisis_extra_hazard


def test_file_errors(tmp_path):
    bad_key = tmp_path / "k.toml"
    bad_key.write_text("[attrition]\nanecdotal_monthly_rat = 0.01\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="Vouliez-vous dire"):
        load_scenario(bad_key)
    bad_toml = tmp_path / "t.toml"
    bad_toml.write_text("months = = 3\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="TOML valide"):
        load_scenario(bad_toml)
    with pytest.raises(ScenarioError, match="introuvable"):
        load_scenario(tmp_path / "absent.toml")
    bad_value = tmp_path / "v.toml"
    bad_value.write_text("[economics]\ngross_margin_rate = 30\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=re.escape("écrivez 0.3")):
        load_scenario(bad_value)


_FLOATS = [p for p in Scenario().parameters() if p.kind == "float"]
#: Parameters that must stay ordered (low <= high): a value within its own bounds moves the
#: other one of its pair as far as needed.
_ORDERED = [("wallet.min_share", "wallet.max_share")]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_valid_value_round_trips(tmp_path, data):
    p = data.draw(st.sampled_from(_FLOATS))
    value = data.draw(st.floats(p.minimum, p.maximum, allow_nan=False))
    changes = {p.path: value}
    for low, high in _ORDERED:
        if p.path == low:
            changes[high] = max(value, Scenario().get(high))
        elif p.path == high:
            changes[low] = min(value, Scenario().get(low))
    sc = Scenario().replace(**changes)
    assert sc.get(p.path) == value
    assert load_scenario(save_scenario(sc, tmp_path / "h.toml")) == sc


def test_every_parameter_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "model.md").read_text(encoding="utf-8")
    missing = [p.path for p in Scenario().parameters() if f"`{p.path}`" not in doc]
    assert not missing, missing


def test_resolve_scenario_is_the_one_way_to_a_run(tmp_path):
    from crmsim.scenario import resolve_scenario

    assert resolve_scenario() == Scenario()
    assert resolve_scenario("crise") == preset("crise")
    sc = preset("calme")
    assert resolve_scenario(sc) is sc
    path = save_scenario(preset("crise"), tmp_path / "crise.toml")
    assert resolve_scenario(path, months=12) == preset("crise").replace(months=12)
    with pytest.raises(ScenarioError, match="base doit être"):
        resolve_scenario(3, argument="base")  # type: ignore[arg-type]
    with pytest.raises(ScenarioError, match="Préréglage inconnu"):
        resolve_scenario("cour")
