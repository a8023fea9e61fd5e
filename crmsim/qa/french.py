"""Checker of the course's French: notebooks, stored outputs and the package's messages.

Run it from the repository root::

    python -m crmsim.qa.french                 # check everything, list the problems
    python -m crmsim.qa.french --fix notebooks/09_kpi.ipynb crmsim/model
    python -m crmsim.qa.french --fix --code-strings notebooks/11_attrition.ipynb

What is read (the house style is ``docs/style-fr.md``):

- every Markdown cell of the notebooks (``notebooks/``, ``solutions/``, ``exercises/``),
  outside code, math, HTML tags and URLs;
- every stored output a student sees: printed text and HTML (tables are checked cell
  by cell: French headings, no ``True``/``False``, French decimals, at most two
  decimals); widget views and figures are skipped (their text comes from the package);
- every French string literal of the package (error and warning messages, feedback of
  the exercises, labels, plot and widget texts), docstrings excepted.

``--fix`` repairs what is mechanical (no-break spaces before ``; : ! ?``, inside « »,
before ``%`` and in thousands, typographic apostrophe, ``×`` between numbers) in the
Markdown cells and in the package's string literals, outside ``{...}`` fields of
f-strings; with ``--code-strings`` also in the string literals of notebook code cells
(their stored outputs must then be regenerated). Vocabulary is never changed
automatically. The repair is idempotent.
"""

from __future__ import annotations

import argparse
import fnmatch
import html
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from crmsim.qa.allowlist import ALLOWED
from crmsim.qa.pystrings import fix_python_strings, french_literals
from crmsim.qa.typography import (
    Finding,
    check_markdown,
    check_text,
    fix_markdown,
)

__all__ = [
    "Problem",
    "check_paths",
    "default_paths",
    "fix_paths",
    "fix_python_strings",
    "is_allowed",
    "main",
]

ROOT = Path(__file__).resolve().parents[2]
#: Most decimals a number shown to students may have.
MAX_DECIMALS = 2
_ENGLISH_HEADERS = {
    "revenue", "customers", "customer", "share", "value", "count", "month", "months",
    "profit", "loyalty", "churn", "cost", "rate", "sales", "orders", "responses", "tenure",
    "survival", "retention", "hazard", "departures", "name", "mean", "median", "std",
    "index", "true", "false", "score", "year", "label",
}  # fmt: skip
_SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
_ENGLISH_DECIMAL = re.compile(r"(?<![\w.,/:-])-?\d+\.\d+(?![\w.])")
_LONG_DECIMAL = re.compile(rf"(?<![\w.,])\d[\d\u00a0\u202f]*,\d{{{MAX_DECIMALS + 1},}}(?!\d)")
_BOOLEAN = re.compile(r"^(True|False|nan|NaN|None)$")


@dataclass(frozen=True)
class Problem:
    """One problem: file, place (cell or line), rule, text around it and the fix."""

    path: str
    where: str
    rule: str
    excerpt: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}, {self.where} : [{self.rule}] {self.excerpt} → {self.fix}"


# --------------------------------------------------------------------------- outputs


class _HtmlText(HTMLParser):
    """Visible text of an HTML output, and the text of each table heading and cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.headers: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None
        self._kind = ""
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        elif tag in ("th", "td"):
            self._cell, self._kind = [], tag
        elif tag in ("br", "p", "div", "li", "tr"):
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("th", "td") and self._cell is not None:
            value = "".join(self._cell).strip()
            (self.headers if self._kind == "th" else self.cells).append(value)
            self._cell = None
            self.text.append("\n")

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _number_findings(text: str) -> Iterator[Finding]:
    for match in _ENGLISH_DECIMAL.finditer(text):
        fix = "nombre au format anglais : virgule décimale, via crmsim.formatting"
        yield Finding("decimales", *match.span(), match.group(0), fix)
    for match in _LONG_DECIMAL.finditer(text):
        fix = f"au plus {MAX_DECIMALS} décimales (arrondir avec crmsim.formatting)"
        yield Finding("decimales", *match.span(), match.group(0), fix)


def _table_findings(parser: _HtmlText) -> Iterator[Finding]:
    for header in parser.headers:
        if _SNAKE.match(header) or header.lower() in _ENGLISH_HEADERS:
            fix = "en-tête anglais : le traduire (LABELS_FR ou labels= de style_fr)"
            yield Finding("tableau-entete", 0, 0, header, fix)
    for cell in parser.cells:
        if _BOOLEAN.match(cell):
            fix = "valeur brute dans un tableau : « oui »/« non » ou « n.d. »"
            yield Finding("tableau-valeur", 0, 0, cell, fix)


def _output_findings(output: dict) -> Iterator[Finding]:
    kind = output.get("output_type")
    if kind == "stream":
        text = output.get("text", "")
        yield from check_text(text)
        yield from _number_findings(text)
    elif kind in ("display_data", "execute_result"):
        data = output.get("data", {})
        if "application/vnd.jupyter.widget-view+json" in data or "image/png" in data:
            return  # widget views and figures: their texts are checked in the package
        if "text/html" in data:
            parser = _HtmlText()
            parser.feed(data["text/html"])
            text = html.unescape("".join(parser.text))
            yield from check_text(text)
            yield from _number_findings(text)
            yield from _table_findings(parser)
        elif "text/plain" in data:
            text = data["text/plain"]
            yield from check_text(text)
            yield from _number_findings(text)


# --------------------------------------------------------------------------- notebooks


def _check_notebook(path: Path, rel: str) -> Iterator[Problem]:
    nb = nbformat.read(path, as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for f in check_markdown(cell.source):
                line = cell.source.count("\n", 0, f.start) + 1
                yield Problem(
                    rel, f"cellule {index} (texte, ligne {line})", f.rule, f.excerpt, f.fix
                )
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                for f in _output_findings(output):
                    yield Problem(rel, f"cellule {index} (sortie)", f.rule, f.excerpt, f.fix)


def _fix_notebook(path: Path, code_strings: bool) -> bool:
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            new = fix_markdown(cell.source)
        elif cell.cell_type == "code" and code_strings:
            new = fix_python_strings(cell.source)
        else:
            continue
        if new != cell.source:
            cell.source, changed = new, True
    if changed:
        nbformat.write(nb, path)
    return changed


# --------------------------------------------------------------------------- package


def _check_python(path: Path, rel: str) -> Iterator[Problem]:
    for line, text in french_literals(path.read_text(encoding="utf-8")):
        for f in check_text(text):
            yield Problem(rel, f"ligne {line}", f.rule, f.excerpt, f.fix)


# --------------------------------------------------------------------------- driver


def default_paths(root: Path = ROOT) -> list[Path]:
    """The notebooks folders and the package (without this checker)."""
    return [root / "notebooks", root / "solutions", root / "exercises", root / "crmsim"]


def _files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.suffix in (".ipynb", ".py") and not _skipped(file):
                    yield file
        elif path.suffix in (".ipynb", ".py"):
            yield path


def _skipped(file: Path) -> bool:
    parts = file.parts
    return ".ipynb_checkpoints" in parts or "__pycache__" in parts or "qa" in parts[-2:-1]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_allowed(problem: Problem, allowed=ALLOWED) -> bool:
    """True when an allow-list entry covers the problem (same file, rule and text)."""
    return any(
        fnmatch.fnmatch(problem.path, entry.path)
        and entry.rule in ("*", problem.rule)
        and entry.text in problem.excerpt
        for entry in allowed
    )


def check_paths(paths: Iterable[Path] | None = None, root: Path = ROOT, *, allowed=ALLOWED):
    """Every problem of the given files and folders that the allow-list does not cover.

    Returns
    -------
    list of Problem
    """
    problems: dict[tuple, Problem] = {}
    for file in _files(paths or default_paths(root)):
        rel = _relative(file, root)
        found = _check_notebook(file, rel) if file.suffix == ".ipynb" else _check_python(file, rel)
        for p in found:
            if not is_allowed(p, allowed):
                problems.setdefault((p.path, p.where, p.rule, p.excerpt), p)
    return list(problems.values())


def fix_paths(paths: Iterable[Path] | None = None, root: Path = ROOT, *, code_strings=False):
    """Repair the mechanical problems in place; returns the files changed."""
    changed = []
    for file in _files(paths or default_paths(root)):
        if file.suffix == ".ipynb":
            if _fix_notebook(file, code_strings):
                changed.append(file)
        else:
            source = file.read_text(encoding="utf-8")
            new = fix_python_strings(source)
            if new != source:
                file.write_text(new, encoding="utf-8")
                changed.append(file)
    return changed


def main(argv: list[str] | None = None) -> int:
    """Command line: list the problems (exit status 1 if any), or repair with --fix."""
    parser = argparse.ArgumentParser(prog="python -m crmsim.qa.french", description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, help="fichiers ou dossiers")
    parser.add_argument("--fix", action="store_true", help="réparer ce qui est mécanique")
    parser.add_argument(
        "--code-strings",
        action="store_true",
        help="avec --fix : aussi les chaînes des cellules de code (réexécuter ensuite)",
    )
    args = parser.parse_args(argv)
    paths = args.paths or None
    if args.fix:
        for file in fix_paths(paths, code_strings=args.code_strings):
            print(f"corrigé : {_relative(file, ROOT)}")
    problems = check_paths(paths)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problème(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
