"""The package's shape, read from its source with `ast`: layers import only downward,
one import loop at most (the composite calendar's), no module reaches into another's
underscore names, and no module grows past 600 lines."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "slaclock"

#: Lower layers first; a module may import its own layer and those before it.
#: The package's own top level (`__init__`, `__main__`, the public facades) is above all.
LAYERS = ("base", "calendar", "sla", "table", "helpdesk", "cli", "top")
#: Top-level modules below every layer: shared helpers and the error classes.
BASE = {"_checks", "_fork_safe", "_html", "_model", "_once", "_text", "_time", "errors", "limits"}
#: The one loop the design keeps: `Calendar.__or__` builds a `CombinedCalendar`, whose
#: parts are any calendar (`AnyCalendar`: business, combined or versioned), each a
#: `Calendar` (see calendar/base.py).
ALLOWED_LOOP = {
    f"slaclock.calendar.{m}"
    for m in ("base", "any_calendar", "business_calendar", "combined", "versioned")
}
MAX_LINES = 600


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in ("__init__", "__main__"):
        return "top"
    if parts[1] in BASE:
        return "base"
    if parts[1] in LAYERS:
        return parts[1]
    return "top"  # a public facade module at the top (e.g. slaclock.zendesk)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def type_checking_nodes(tree: ast.Module) -> set[int]:
    """ids of the import nodes inside `if TYPE_CHECKING:` blocks (they run no code)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in ast.walk(node):
                skip.add(id(inner))
    return skip


def imports_of(module: str, path: Path) -> Iterator[tuple[str, ast.ImportFrom | ast.Import]]:
    """Each slaclock module a module imports at run time (lazy imports included)."""
    known = modules()
    tree = ast.parse(path.read_text())
    skip = type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("slaclock"):
                    yield alias.name, node
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("slaclock"):
                continue
            yield node.module, node
            for alias in node.names:  # `from slaclock.calendar import days`: a module
                sub = f"{node.module}.{alias.name}"
                if sub in known:
                    yield sub, node


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {m: set() for m in known}
    for m, path in known.items():
        for target, _ in imports_of(m, path):
            if target in known and target != m and not m.startswith(target + "."):
                # importing a package runs its __init__; a package's own modules do not count
                if known[target].name == "__init__.py" and m.startswith(target):
                    continue
                edges[m].add(target)
    return edges


def test_no_layer_imports_one_above_it() -> None:
    upward = []
    for m, targets in graph().items():
        for t in targets:
            if LAYERS.index(layer_of(t)) > LAYERS.index(layer_of(m)):
                upward.append(f"{m} -> {t}")
    assert upward == []


def strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's components with more than one module (the import loops)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = set()
            while True:
                w = stack.pop()
                on.discard(w)
                part.add(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(part)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_one_import_loop_at_most_the_composite_calendar() -> None:
    loops = strongly_connected(graph())
    assert all(loop <= ALLOWED_LOOP for loop in loops), loops
    assert len(loops) <= 1


def test_the_loop_finder_finds_a_loop() -> None:
    """The check above can fail: a made-up loop is found."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(edges) == [{"a", "b", "c"}]


def test_no_module_imports_another_modules_underscore_names() -> None:
    known = modules()
    reached = []
    for m, path in known.items():
        for target, node in imports_of(m, path):
            if isinstance(node, ast.ImportFrom) and node.module == target:
                for alias in node.names:
                    private = alias.name.startswith("_") and not alias.name.startswith("__")
                    if private and f"{target}.{alias.name}" not in known:
                        reached.append(f"{m}: from {target} import {alias.name}")
    assert reached == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_module_over_600_lines(name: str) -> None:
    lines = len(modules()[name].read_text().splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by concept"


def test_layers_cover_every_module() -> None:
    assert {layer_of(m) for m in modules()} <= set(LAYERS)
    assert layer_of("slaclock.calendar.engine") == "calendar"
    assert layer_of("slaclock._time") == "base"
