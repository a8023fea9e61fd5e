"""Tests of the command line (``python -m crmsim``)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

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
    assert main(["simulate", *SMALL, "--out", str(out)]) == 0
    first = (out / "monthly.parquet").read_bytes()
    assert main(["simulate", *SMALL, "--out", str(out)]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert (
        main(["simulate", "--months", "4", "--seed", "3", "--quiet", "--out", str(out), "--force"])
        == 0
    )
    assert (out / "monthly.parquet").read_bytes() != first
    assert len(pd.read_parquet(out / "monthly.parquet")) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


def test_force_refuses_a_folder_that_is_not_a_crmsim_output(tmp_path, capsys):
    out = tmp_path / "mes_documents"
    out.mkdir()
    (out / "mémoire.docx").write_text("mon travail")
    assert main(["simulate", *SMALL, "--out", str(out), "--force"]) == 2
    err = capsys.readouterr().err
    assert "n’est pas une sortie de crmsim" in err and "Rien n’a été supprimé" in err
    assert (out / "mémoire.docx").read_text() == "mon travail"
    assert [p.name for p in tmp_path.iterdir()] == ["mes_documents"]


def test_force_refuses_an_output_holding_a_user_file(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["simulate", *SMALL, "--out", str(out)]) == 0
    (out / "notes.txt").write_text("à garder")
    assert main(["simulate", *SMALL, "--out", str(out), "--force"]) == 2
    assert "« notes.txt »" in capsys.readouterr().err
    assert (out / "notes.txt").read_text() == "à garder"


@pytest.mark.parametrize("target", [".", "..", "~", "/"])
def test_out_refuses_current_parent_home_and_root(target, tmp_path, monkeypatch, capsys):
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    (work / "fichier.txt").write_text("x")
    path = str(Path(target).expanduser())
    assert main(["simulate", *SMALL, "--out", path, "--force"]) == 2
    assert "crmsim ne l’écrase jamais" in capsys.readouterr().err
    assert (work / "fichier.txt").exists()


def test_file_where_a_folder_is_expected_is_reported_before_simulating(
    tmp_path, capsys, monkeypatch
):
    import crmsim.model

    def boom(*args, **kwargs):
        raise AssertionError("the simulation must not run")

    monkeypatch.setattr(crmsim.model, "simulate", boom)
    (tmp_path / "f").write_text("x")
    assert main(["simulate", *SMALL, "--out", str(tmp_path / "f" / "run")]) == 2
    assert "est un fichier, pas un dossier" in capsys.readouterr().err
    assert main(["simulate", *SMALL, "--out", str(tmp_path / "f")]) == 2
    assert "est un fichier" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write in a read-only folder")
def test_read_only_destination_is_reported_before_simulating(tmp_path, capsys, monkeypatch):
    import crmsim.model

    monkeypatch.setattr(crmsim.model, "simulate", lambda *a, **k: 1 / 0)
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert main(["simulate", *SMALL, "--out", str(ro / "run")]) == 2
    finally:
        ro.chmod(0o700)
    assert "permission refusée" in capsys.readouterr().err


def test_unwritable_destination_message_is_french(tmp_path, capsys, monkeypatch):
    import errno

    import crmsim._output as output

    def refuse(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(output.Path, "mkdir", refuse)
    assert main(["simulate", *SMALL, "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert "système de fichiers en lecture seule" in err and "Read-only" not in err


def test_full_disk_is_reported_before_simulating(tmp_path, capsys, monkeypatch):
    import shutil

    import crmsim._output as output

    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(output.shutil, "disk_usage", lambda p: usage._replace(free=1024))
    assert main(["simulate", *SMALL, "--out", str(tmp_path / "run")]) == 2
    assert "Disque presque plein" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_write_error_during_the_run_is_french_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    import errno

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    assert main(["simulate", *SMALL, "--out", str(tmp_path / "run")]) == 1
    err = capsys.readouterr().err
    assert "disque plein" in err and "No space" not in err
    assert list(tmp_path.iterdir()) == []


_KILLED_WRITER = """
import os, signal, sys
import pandas as pd
from crmsim.cli import main
original = pd.DataFrame.to_parquet
state = {"n": 0}
def slow(self, *args, **kwargs):
    state["n"] += 1
    if state["n"] == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self, *args, **kwargs)
pd.DataFrame.to_parquet = slow
if sys.argv[2] == "between-renames":
    import crmsim._output as output
    real = output.os.replace
    def replace(src, dst):
        real(src, dst)
        if str(dst).endswith(output.BACKUP_SUFFIX):
            os.kill(os.getpid(), signal.SIGKILL)
    output.os.replace = replace
    pd.DataFrame.to_parquet = original
main(["simulate", "--months", "5", "--seed", "4", "--quiet", "--out", sys.argv[1], "--force"])
"""


@pytest.mark.parametrize("moment", ["mid-write", "between-renames"])
def test_killed_run_is_cleaned_up_and_previous_output_recovered(moment, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["simulate", *SMALL, "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    env = {**os.environ, "PYTHONPATH": str(Path(cs.__file__).parents[1])}
    proc = subprocess.run(
        [sys.executable, "-c", _KILLED_WRITER, str(out), moment], env=env, check=False
    )
    assert proc.returncode == -signal.SIGKILL
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name != "run")
    assert leftovers  # the killed run left a temporary folder or a backup
    capsys.readouterr()
    assert main(["simulate", *SMALL, "--out", str(out), "--force"]) == 0
    said = capsys.readouterr().out
    assert ("supprimé" in said) or ("restaurée" in said)
    assert [p.name for p in tmp_path.iterdir()] == ["run"]
    assert {p.name: p.read_bytes() for p in out.iterdir()}.keys() == before.keys()


def test_killed_between_renames_next_run_restores_old_output(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["simulate", *SMALL, "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    env = {**os.environ, "PYTHONPATH": str(Path(cs.__file__).parents[1])}
    subprocess.run(
        [sys.executable, "-c", _KILLED_WRITER, str(out), "between-renames"], env=env, check=False
    )
    assert not out.exists() and (tmp_path / "run.sauvegarde-crmsim").is_dir()  # visible backup
    capsys.readouterr()
    assert main(["simulate", *SMALL, "--out", str(tmp_path / "autre")]) == 0
    assert "l’ancienne sortie a été restaurée" not in capsys.readouterr().out  # other name
    assert main(["simulate", *SMALL, "--out", str(out)]) == 2  # restored, so it exists
    assert "restaurée" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_stale_folders_of_others_are_never_touched(tmp_path):
    mine = tmp_path / ".crmsim-tmp-run-999999-abcd"  # no mark file: not crmsim's
    mine.mkdir()
    (mine / "data.csv").write_text("1")
    assert main(["simulate", *SMALL, "--out", str(tmp_path / "run")]) == 0
    assert (mine / "data.csv").exists()


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


@pytest.mark.parametrize(
    ("argv", "french", "english"),
    [
        (
            ["simulate", "--out", "x", "--preset", "cours", "--scenario", "s.toml"],
            "incompatible avec l’argument --preset",
            "not allowed",
        ),
        (["simulate", "--out", "x", "--s", "1"], "option ambiguë", "ambiguous"),
        (["simulate", "--out", "x", "--quiet=oui"], "ne prend pas de valeur", "ignored explicit"),
        (["simulate", "--out"], "une valeur est attendue", "expected one"),
        (["presets", "--zzz"], "arguments non reconnus", "unrecognized"),
    ],
)
def test_argparse_messages_are_french(argv, french, english, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert french in err and english not in err and "usage:" not in err


def test_help_is_french(capsys):
    with pytest.raises(SystemExit):
        main(["simulate", "--help"])
    out = capsys.readouterr().out
    assert "utilisation :" in out and "affiche cette aide" in out and "show this help" not in out
