"""The import layers, read from the source: lower layers import nothing above or beside them, and
no module of the project imports itself back through others (issue 13).

Every import counts, including those inside functions and under `if TYPE_CHECKING:`: a circle
hidden from the interpreter is still a circle for the reader.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT

PACKAGES = ("voice", "dialogs", "store", "heartline")
"""The project's top-level packages (pyproject.toml's [tool.setuptools] packages)."""

LOWER = ("voice", "dialogs", "store")
"""The lower layers: each imports nothing of the others, nor of `heartline`."""

MAX_LINES = 400
"""The longest a module of the refactored areas may be."""



def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    """Every module of the project's packages, by dotted name."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if (path.parent / "__init__.py").exists():  # data folders hold scripts, not modules
                found[_module_name(path)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[str]:
    """The project modules `name` imports, wherever in the module the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            # `from pkg import mod` imports the module pkg.mod; `from pkg import name`, pkg itself.
            targets = [
                f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in MODULES else origin
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:  # `import a.b.c` of a module a.b
                target = target.rpartition(".")[0]
            if target:
                yield target


GRAPH: dict[str, set[str]] = {name: set(_imports(name, path)) for name, path in MODULES.items()}


def _top(name: str) -> str:
    return name.split(".")[0]


def _cycles() -> list[list[str]]:
    """The import circles: strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(GRAPH[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in GRAPH[node]:
                found.append(sorted(component))

    for name in sorted(GRAPH):
        if name not in index:
            visit(name)
    return found


CYCLES = _cycles()


def test_the_graph_sees_the_project() -> None:
    # The test reads what it claims to: every package, and edges a reader can check by eye.
    assert {"store.db", "voice.audio", "dialogs.checkin", "heartline.cli"} <= MODULES.keys()
    assert "store.errors" in GRAPH["store.db"]
    assert "store" in GRAPH["heartline.runner"]


@pytest.mark.parametrize("layer", LOWER)
def test_a_lower_layer_imports_nothing_above_or_beside_it(layer: str) -> None:
    others = {p for p in PACKAGES if p != layer}
    wrong = sorted(
        f"{name} -> {target}"
        for name, targets in GRAPH.items()
        if _top(name) == layer
        for target in targets
        if _top(target) in others
    )
    assert wrong == []


def test_no_import_circle_anywhere() -> None:
    # Each circle is listed whole (its modules, sorted), so the message names what to untangle.
    assert CYCLES == []


def test_no_module_is_over_400_lines() -> None:
    long = sorted(
        f"{name}: {n} lines"
        for name, path in MODULES.items()
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    )
    assert long == []
