"""The import graph of crmsim points one way: no cycle, no arrow from a lower layer up.

Every ``import`` statement of the package is read (module level, inside functions and
under ``TYPE_CHECKING`` alike) and reduced to the layer it belongs to: the top-level
module or subpackage of crmsim (``model``, ``analysis``, ``scenario``...), or ``crmsim``
for the package's own ``__init__`` (the public facade).
"""

from __future__ import annotations

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1] / "crmsim"


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    rel = pathlib.Path(*name.split(".")[1:])
    return (ROOT / rel).with_suffix(".py").is_file() or (ROOT / rel / "__init__.py").is_file()


def _imports(path: pathlib.Path) -> set[str]:
    """Modules imported by one file (``from crmsim import x`` counts as ``crmsim.x``)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = [f"{node.module}.{alias.name}" for alias in node.names]
            found = [s for s in subs if s.startswith("crmsim") and _is_module(s)]
            out.update(found)
            if len(found) < len(subs):
                out.add(node.module)
    return out


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "crmsim"


GRAPH: dict[str, set[str]] = {}  # layer -> layers and third-party modules it imports
for _file in ROOT.rglob("*.py"):
    if "_data" in _file.parts:
        continue
    _src = _layer(_module_name(_file))
    for _target in _imports(_file):
        _dst = _layer(_target) if _target.split(".")[0] == "crmsim" else _target.split(".")[0]
        if _dst != _src:
            GRAPH.setdefault(_src, set()).add(_dst)


def _internal(layer: str) -> set[str]:
    return {d for d in GRAPH.get(layer, set()) if d in GRAPH or _is_module(f"crmsim.{d}")}


def test_graph_is_read():
    assert {"analysis", "model", "scenario", "labels", "calibration"} <= set(GRAPH)
    assert {"scenario", "labels", "simpy"} <= GRAPH["model"]
    assert "analysis" in GRAPH["calibration"]


def test_no_cycle_between_layers():
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(_internal(node)):
            if state.get(nxt) == 1:
                cycle = " -> ".join([*path[path.index(nxt) :], nxt])
                pytest.fail(f"import cycle: {cycle}")
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for layer in sorted(GRAPH):
        if layer not in state:
            visit(layer, [layer])


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        (
            "model",
            {
                "calibration",
                "reporting",
                "experiments",
                "plotting",
                "widgets",
                "exercises",
                "cli",
                "crmsim",
                "matplotlib",
                "ipywidgets",
            },
        ),
        ("analysis", {"model", "simpy", "matplotlib", "ipywidgets", "scenario"}),
        ("scenario", {"model", "analysis", "labels", "simpy"}),
        ("labels", {"model", "analysis", "scenario", "simpy"}),
        ("calibration", {"reporting", "experiments", "plotting", "widgets"}),
        ("plotting", {"widgets", "ipywidgets"}),
    ],
)
def test_allowed_directions(layer, forbidden):
    wrong = GRAPH.get(layer, set()) & forbidden
    assert not wrong, f"crmsim.{layer} imports {sorted(wrong)}"
