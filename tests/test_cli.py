"""Tests of the command line (``python -m crmsim``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pandas.testing as pdt
import pytest

import crmsim as cs
from crmsim.cli import main

SMALL = ["--months", "6", "--seed", "3", "--quiet"]


def test_presets_lists_every_preset(capsys):
    assert main(["presets"]) == 0
    out = capsys.readouterr().out
    for name in cs.list_presets():
        assert name in out


def test_simulate_parquet_matches_library(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["simulate", "--preset", "crise", *SMALL, "--out", str(out)]) == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(
        [f"{t}.parquet" for t in cs.SimulationResult.TABLES] + ["run.json", "scenario.toml"]
    )
    res = cs.simulate("crise", months=6, seed=3)
    for name in ("customers", "monthly", "campaigns", "transactions"):
        pdt.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), getattr(res, name))
    assert cs.load_scenario(out / "scenario.toml") == res.scenario
    assert json.loads((out / "run.json").read_text())["seed"] == 3
    assert "écrite dans" in capsys.readouterr().out
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_simulate_csv_and_scenario_file(tmp_path):
    sc_file = cs.save_scenario(
        cs.preset("calme").replace(**{"market.initial_customers": 500}), tmp_path / "s.toml"
    )
    out = tmp_path / "csv"
    args = ["simulate", "--scenario", str(sc_file), *SMALL, "--out", str(out), "--format", "csv"]
    assert main([*args, "--no-transactions"]) == 0
    monthly = pd.read_csv(out / "monthly.csv")
    assert len(monthly) == 6 and monthly["active_start"].iloc[0] == 500
    assert len(pd.read_csv(out / "transactions.csv")) == 0


def test_existing_folder_needs_force(tmp_path, capsys):
    out = tmp_path / "run"
    out.mkdir()
    (out / "old.txt").write_text("ancien")
    assert main(["simulate", *SMALL, "--out", str(out)]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert main(["simulate", *SMALL, "--out", str(out), "--force"]) == 0
    assert not (out / "old.txt").exists() and (out / "monthly.parquet").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


def test_interrupted_write_leaves_nothing(tmp_path, monkeypatch, capsys):
    calls = {"n": 0}
    original = pd.DataFrame.to_parquet

    def flaky(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", flaky)
    assert main(["simulate", *SMALL, "--out", str(tmp_path / "run")]) == 130
    assert "Interrompu" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["simulate", "--preset", "cour", "--out", "x"], "Vouliez-vous dire « cours »"),
        (["simulate", "--out", "x", "--format", "xls"], "choix invalide"),
        (["simulate"], "arguments obligatoires manquants"),
        (["simulate", "--out", "x", "--months", "-2"], "entier positif"),
        (["simulate", "--out", "x", "--seed", "abc"], "entier attendu"),
        (["simulate", "--out", "x", "--months", "0"], "months"),
        (["simulate", "--out", "x", "--scenario", "absent.toml"], "introuvable"),
        (["bouh"], "choix invalide"),
    ],
)
def test_bad_arguments_french_message_no_traceback(argv, fragment, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse errors exit from the parser
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err
    assert not (tmp_path / "x").exists()


def test_calibrate_command(capsys):
    assert main(["calibrate", "--seed", "1", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.count(" ok") == 4


def test_module_entry_point(tmp_path):
    ok = subprocess.run(
        [sys.executable, "-m", "crmsim", "presets"], capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0 and "guerre_des_prix" in ok.stdout
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "crmsim",
            "simulate",
            "--out",
            str(tmp_path / "o"),
            "--format",
            "xls",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "Erreur" in bad.stderr and "Traceback" not in bad.stderr
