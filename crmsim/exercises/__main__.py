"""``python -m crmsim.exercises build|check|execute|grade``.

See :mod:`crmsim.exercises.build` and :mod:`crmsim.exercises.grading`.
"""

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
    sub.add_parser("check", help="échoue si exercises/ n’est pas à jour")
    p_exec = sub.add_parser("execute", help="exécute des carnets et garde leurs sorties")
    p_exec.add_argument("notebooks", nargs="+")
    p_grade = sub.add_parser("grade", help="corrige un dossier de copies (carnets rendus)")
    p_grade.add_argument("submissions", help="dossier des carnets rendus (sous-dossiers compris)")
    p_grade.add_argument("--out", default="notes.csv", help="CSV par question (défaut : notes.csv)")
    p_grade.add_argument(
        "--time-limit", type=float, default=120, help="secondes par carnet (défaut : 120)"
    )
    p_grade.add_argument("--checks", help="fichier Python de vérifications cachées (CHECKS)")
    p_grade.add_argument("--exercises", default="exercises", help="dossier des exercices publiés")
    args = parser.parse_args(argv)
    if args.command == "grade":
        from crmsim.exercises import EXERCISES
        from crmsim.exercises.grading import grade_folder, load_checks

        extra = load_checks(args.checks) if args.checks else None
        subs = grade_folder(
            args.submissions,
            args.out,
            EXERCISES,
            reference_dir=args.exercises,
            time_limit=args.time_limit,
            extra=extra,
        )
        flagged = sum(1 for s in subs if s.flags)
        print(f"{len(subs)} copie(s) corrigée(s), {flagged} à vérifier ; notes : {args.out}")
        return 0
    if args.command == "build":
        for path in build(".", execute=not args.no_execute):
            print(f"écrit : {path}")
    elif args.command == "check":
        stale = out_of_date(".")
        if stale:
            print("Exercices pas à jour (lancez `make exercises`) :", *stale, sep="\n  ")
            return 1
        print("Exercices à jour.")
    else:
        for path in args.notebooks:
            execute_notebook(path)
            print(f"exécuté : {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
