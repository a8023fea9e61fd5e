"""The project's own files install everything and keep their promises."""

import re
import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
REQ = re.compile(r"^([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(>=\s*[0-9][^;,\s]*)?")


def _pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = {}
    for line in project["dependencies"] + project["optional-dependencies"]["test"]:
        if ";" in line:  # environment markers (backports): not for conda
            continue
        name, _extra, bound = REQ.match(line).groups()
        requirements[name.lower()] = (bound or "").replace(" ", "")
    return requirements


def _environment_requirements():
    requirements = {}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        match = re.match(r"^  - ([A-Za-z0-9_.\-]+)\s*(>=\s*[0-9][^\s#]*)?\s*$", line)
        if match and match.group(1) not in {"python", "pip"}:
            requirements[match.group(1).lower()] = (match.group(2) or "").replace(" ", "")
    return requirements


def test_environment_yml_mirrors_pyproject():
    assert _environment_requirements() == _pyproject_requirements()


def test_every_dependency_has_a_lower_bound():
    assert all(bound.startswith(">=") for bound in _pyproject_requirements().values())


def test_environment_installs_crmsim_editable():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "conda-forge" in text
    assert re.search(r"- pip:\n\s+- -e \.", text)


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make course" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^exec make test$", ci, re.MULTILINE)


def test_makefile_targets():
    make = subprocess.run(
        ["make", "-n", "course", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "jupyter lab" in make and "notebooks/00_sommaire.ipynb" in make
    assert "--nbval" in make and "ruff check" in make and "ruff format --check" in make
    for folder in ("notebooks", "solutions", "exercises"):
        assert f"{folder}/*.ipynb" in make


def test_import_changes_no_global_state():
    code = """
import warnings, numpy as np, pandas as pd, matplotlib
# third-party imports may set their own filters (scipy does): measure crmsim's alone
import scipy.optimize, scipy.special, scipy.stats, simpy, ipywidgets, matplotlib.pyplot
before = (dict(matplotlib.rcParams), str(pd.get_option('display.max_rows')),
          list(warnings.filters), np.random.get_state()[1][:5].tolist())
import crmsim, crmsim.plotting, crmsim.widgets, crmsim.exercises
crmsim.datasets.load('pareto_clients')
after = (dict(matplotlib.rcParams), str(pd.get_option('display.max_rows')),
         list(warnings.filters), np.random.get_state()[1][:5].tolist())
assert before == after, 'global state changed'
print('ok')
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_public_namespace_is_documented():
    import crmsim

    for name in crmsim.__all__:
        obj = getattr(crmsim, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"
