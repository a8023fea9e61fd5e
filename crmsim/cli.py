"""Command line: ``python -m crmsim`` (or ``crmsim``).

Sub-commands::

    crmsim presets
    crmsim simulate --preset cours --months 60 --seed 1 --out DIR [--format parquet|csv]
    crmsim calibrate --preset cours --seed 1

``simulate`` writes every table, the scenario (TOML) and ``run.json`` (seed, version)
into a temporary directory next to ``DIR`` and moves it into place at the end, so an
interrupted run leaves nothing half-written. Bad arguments print a French message and
exit with a non-zero status, without a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

__all__ = ["main"]

_TRANSLATIONS = (
    ("the following arguments are required", "arguments obligatoires manquants"),
    ("unrecognized arguments", "arguments non reconnus"),
    ("expected one argument", "une valeur est attendue"),
    ("invalid choice", "choix invalide"),
    ("choose from", "valeurs possibles"),
    ("argument", "argument"),
    ("invalid int value", "entier invalide"),
)


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors are in French and end with status 2, no traceback."""

    def error(self, message: str) -> NoReturn:
        for en, fr in _TRANSLATIONS:
            message = message.replace(en, fr)
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur : {message}\nAide : {self.prog} --help\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"entier attendu, reçu « {text} »") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"entier positif attendu, reçu {value}")
    return value


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="crmsim", description="Simulation d’un portefeuille clients (cours de CRM)."
    )
    sub = parser.add_subparsers(dest="command", metavar="commande", parser_class=_Parser)
    sub.add_parser("presets", help="liste les scénarios préréglés")

    def scenario_args(p: argparse.ArgumentParser) -> None:
        src = p.add_mutually_exclusive_group()
        src.add_argument("--preset", default="cours", help="nom du préréglage (défaut : cours)")
        src.add_argument("--scenario", type=Path, help="fichier de scénario TOML")
        p.add_argument("--months", type=_positive_int, help="durée en mois")
        p.add_argument("--seed", type=_positive_int, help="graine aléatoire (entier)")
        p.add_argument("--quiet", action="store_true", help="sans barre de progression")

    sim = sub.add_parser("simulate", help="simule et écrit les tables dans un dossier")
    scenario_args(sim)
    sim.add_argument("--out", type=Path, required=True, help="dossier de sortie")
    sim.add_argument(
        "--format", choices=["parquet", "csv"], default="parquet", help="format des tables"
    )
    sim.add_argument(
        "--no-transactions", action="store_true", help="sans la table des transactions"
    )
    sim.add_argument("--force", action="store_true", help="remplace le dossier s’il existe")
    cal = sub.add_parser("calibrate", help="compare une simulation aux chiffres du cours")
    scenario_args(cal)
    return parser


def _scenario(args: argparse.Namespace):
    from crmsim.scenario import resolve_scenario

    return resolve_scenario(args.scenario or args.preset, months=args.months)


def _cmd_presets() -> int:
    from crmsim.scenario import list_presets

    items = list_presets()
    width = max(map(len, items))
    for name, desc in items.items():
        print(f"{name:<{width}}  {desc}")
    return 0


def _simulate(args: argparse.Namespace, transactions: bool):
    from crmsim.model import simulate

    return simulate(
        _scenario(args), seed=args.seed, transactions=transactions, progress=not args.quiet
    )


def _cmd_calibrate(args: argparse.Namespace) -> int:
    from crmsim.calibration import calibration_report

    report = calibration_report(_simulate(args, transactions=False))
    for row in report.itertuples():
        verdict = "ok" if row.ok else "HORS BANDE"
        print(
            f"{row.indicator} : obtenu {row.obtained:.3f}, cible {row.target:g} [{row.low:g} ; {row.high:g}] {verdict}"
        )
    return 0 if report["ok"].all() else 1


def _cmd_simulate(args: argparse.Namespace) -> int:
    from tqdm.auto import tqdm

    from crmsim import __version__
    from crmsim.scenario import save_scenario

    out: Path = args.out
    if out.exists() and not args.force:
        raise FileExistsError(
            f"Le dossier {out} existe déjà : choisissez un autre --out ou ajoutez --force."
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    result = _simulate(args, transactions=not args.no_transactions)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp creates 0o700; the result is an ordinary folder
    try:
        tables = result.tables()
        for name, frame in tqdm(
            tables.items(), desc="Écriture", unit="table", disable=args.quiet, leave=False
        ):
            if args.format == "parquet":
                frame.to_parquet(tmp / f"{name}.parquet", index=False)
            else:
                frame.to_csv(tmp / f"{name}.csv", index=False)
        save_scenario(result.scenario, tmp / "scenario.toml")
        meta = {
            "seed": result.seed,
            "crmsim_version": __version__,
            "format": args.format,
            "tables": list(tables),
        }
        (tmp / "run.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        if out.exists():  # --force: swap the old directory out, then delete it
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            os.replace(out, old / out.name)
            os.replace(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    rows = ", ".join(f"{name} ({len(frame)})" for name, frame in tables.items())
    print(
        f"Simulation « {result.scenario.name} » (graine {result.seed}) écrite dans {out} : {rows}."
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status (0 on success)."""
    from crmsim.errors import CrmSimError

    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "presets":
            return _cmd_presets()
        if args.command == "calibrate":
            return _cmd_calibrate(args)
        return _cmd_simulate(args)
    except CrmSimError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except FileExistsError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrompu : aucun fichier n’a été écrit.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"Erreur d’écriture : {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
