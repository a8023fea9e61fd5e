"""Command line: ``python -m crmsim`` (or ``crmsim``).

Sub-commands::

    crmsim presets
    crmsim simulate --preset cours --months 60 --seed 1 --out DIR [--format parquet|csv]
    crmsim calibrate --preset cours --seed 1

``simulate`` writes every table, the scenario (TOML) and the manifest ``run.json`` (seed,
version, tables) into a marked temporary folder next to ``DIR``, flushes it to disk and
moves it into place at the end, so an interrupted run leaves nothing half-written. The
destination is checked before the simulation runs; ``--force`` only replaces an earlier
crmsim output, recoverably (see :mod:`crmsim._output`). Bad arguments print a French
message and exit with a non-zero status, without a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from crmsim._output import MANIFEST, commit_output, os_error_fr, prepare_output

__all__ = ["main"]

_TRANSLATIONS = (
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"one of the arguments (.*) is required", r"un de ces arguments est obligatoire : \1"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
    (r"ambiguous option: (\S+) could match (.*)", r"option ambiguë : \1 peut désigner \2"),
    (r"not allowed with argument (.*)", r"incompatible avec l’argument \1"),
    (r"expected one argument", r"une valeur est attendue"),
    (r"expected at most one argument", r"au plus une valeur est attendue"),
    (r"expected at least one argument", r"au moins une valeur est attendue"),
    (r"ignored explicit argument (.*)", r"cette option ne prend pas de valeur (reçu \1)"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"choix invalide : \1 (valeurs possibles : \2)"),
    (r"invalid (\S+) value: (.*)", r"valeur invalide : \2"),
    (r"unexpected option string: (.*)", r"option inattendue : \1"),
    (r"^argument ([^:]+): ", r"argument \1 : "),
)
_HELP_TRANSLATIONS = (
    ("usage: ", "utilisation : "),
    ("positional arguments:", "arguments positionnels :"),
    ("options:", "options :"),
    ("show this help message and exit", "affiche cette aide et quitte"),
)


def _french(message: str) -> str:
    """Translate argparse's English error messages into French."""
    for pattern, repl in _TRANSLATIONS:
        message = re.sub(pattern, repl, message)
    return message


class _Parser(argparse.ArgumentParser):
    """ArgumentParser whose errors and help are in French; errors exit 2 without traceback."""

    def format_usage(self) -> str:
        return self._fr(super().format_usage())

    def format_help(self) -> str:
        return self._fr(super().format_help())

    @staticmethod
    def _fr(text: str) -> str:
        for en, fr in _HELP_TRANSLATIONS:
            text = text.replace(en, fr)
        return text

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur : {_french(message)}\nAide : {self.prog} --help\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"entier attendu, reçu « {text} »") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"entier positif attendu, reçu {value}")
    return value


def _path(text: str) -> Path:
    if not text.strip() or "\0" in text:
        raise argparse.ArgumentTypeError(f"chemin de dossier ou de fichier attendu, reçu {text!r}")
    return Path(text)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="crmsim", description="Simulation d’un portefeuille clients (cours de CRM)."
    )
    sub = parser.add_subparsers(dest="command", metavar="commande", parser_class=_Parser)
    sub.add_parser("presets", help="liste les scénarios préréglés")

    def scenario_args(p: argparse.ArgumentParser) -> None:
        src = p.add_mutually_exclusive_group()
        # default None: argparse skips the exclusion check when a value *is* the default
        src.add_argument("--preset", default=None, help="nom du préréglage (défaut : cours)")
        src.add_argument("--scenario", type=_path, help="fichier de scénario TOML")
        p.add_argument("--months", type=_positive_int, help="durée en mois")
        p.add_argument("--seed", type=_positive_int, help="graine aléatoire (entier)")
        p.add_argument("--quiet", action="store_true", help="sans barre de progression")

    sim = sub.add_parser("simulate", help="simule et écrit les tables dans un dossier")
    scenario_args(sim)
    sim.add_argument("--out", type=_path, required=True, help="dossier de sortie")
    sim.add_argument(
        "--format", choices=["parquet", "csv"], default="parquet", help="format des tables"
    )
    sim.add_argument(
        "--no-transactions", action="store_true", help="sans la table des transactions"
    )
    sim.add_argument(
        "--force",
        action="store_true",
        help="remplace le dossier s’il contient une ancienne sortie de crmsim (et rien d’autre)",
    )
    cal = sub.add_parser("calibrate", help="compare une simulation aux chiffres du cours")
    scenario_args(cal)
    return parser


def _scenario(args: argparse.Namespace):
    from crmsim.scenario import resolve_scenario

    source = args.scenario if args.scenario is not None else args.preset
    return resolve_scenario("cours" if source is None else source, months=args.months)


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


def _write_tables(tmp: Path, result, fmt: str, quiet: bool) -> dict:
    from tqdm.auto import tqdm

    from crmsim import __version__
    from crmsim.scenario import save_scenario

    tables = result.tables()
    for name, frame in tqdm(
        tables.items(), desc="Écriture", unit="table", disable=quiet, leave=False
    ):
        if fmt == "parquet":
            frame.to_parquet(tmp / f"{name}.parquet", index=False)
        else:
            frame.to_csv(tmp / f"{name}.csv", index=False)
    save_scenario(result.scenario, tmp / "scenario.toml")
    meta = {
        "crmsim_output": 1,
        "seed": result.seed,
        "crmsim_version": __version__,
        "format": fmt,
        "tables": list(tables),
    }
    (tmp / MANIFEST).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return tables


def _cmd_simulate(args: argparse.Namespace) -> int:
    out: Path = args.out
    scenario = _scenario(args)  # a bad scenario is reported before anything is written
    tmp = prepare_output(out, force=args.force)
    try:
        from crmsim.model import simulate

        result = simulate(
            scenario, seed=args.seed, transactions=not args.no_transactions, progress=not args.quiet
        )
        tables = _write_tables(tmp, result, args.format, args.quiet)
        commit_output(tmp, out)
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
    except KeyboardInterrupt:
        print("Interrompu : aucun fichier n’a été écrit.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"Erreur d’écriture : {os_error_fr(exc)}.", file=sys.stderr)
        return 1
    except MemoryError:
        print(
            "Erreur : mémoire insuffisante pour cette simulation ; réduisez le nombre de "
            "clients, de mois ou de contacts.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
