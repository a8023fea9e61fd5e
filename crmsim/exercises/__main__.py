"""``python -m crmsim.exercises build|check|execute``: see :mod:`crmsim.exercises.build`."""

from __future__ import annotations

import argparse
import sys

from crmsim.exercises.build import build, execute_notebook, out_of_date


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crmsim.exercises",
        description="Génère les exercices élèves depuis les solutions.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="régénère exercises/ depuis solutions/")
    p_build.add_argument("--no-execute", action="store_true", help="sans exécuter")
    sub.add_parser("check", help="échoue si exercises/ n'est pas à jour")
    p_exec = sub.add_parser("execute", help="exécute des notebooks et garde leurs sorties")
    p_exec.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "build":
        for path in build(".", execute=not args.no_execute):
            print(f"écrit : {path}")
    elif args.command == "check":
        stale = out_of_date(".")
        if stale:
            print("Exercices pas à jour (lancez `make exercises`) :", *stale, sep="\n  ")
            return 1
        print("Exercices à jour.")
    else:
        for path in args.notebooks:
            execute_notebook(path)
            print(f"exécuté : {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
