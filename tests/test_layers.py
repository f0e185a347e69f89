"""The package's imports point one way: cli -> commands -> render -> products -> layout ->
schedule -> model, with the shared helpers below them all; and no two modules import each
other, not even through an import inside a function (those hid a loop once:
importers.common -> report -> units -> importers.safeyaml).

Read from the source with ast, so a lazy import counts as much as a top-level one; only
imports under ``if TYPE_CHECKING:`` (never run) are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

SRC = ROOT / "src" / "printprog"

#: Lowest first. A module may import from its own layer or any layer below, never above.
#: A module belongs to the layer of its longest listed prefix ("products.badges" ->
#: "products"); a new module must be placed here (the test says so).
LAYERS: list[tuple[str, ...]] = [
    ("", "errors", "text", "resources", "labels", "console", "when", "inputs", "stops"),
    ("safeyaml", "units", "fonts", "model", "qr", "rlprivate"),
    ("schedule", "report", "theme", "theme_schema", "images", "lookup", "urls", "compare",
     "scope"),
    ("importers", "attendees", "checks", "export_yaml", "ical", "pdf", "source"),
    ("layout", "cropmarks", "production", "restream", "restream_pages", "impose", "parallel",
     "pdfjoin", "preflight", "pdfinput", "preview"),
    ("products",),
    ("render",),
    ("commands",),
    ("cli",),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _walk(node: ast.AST):
    """Every node below ``node`` except the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if _type_checking(child):
            for other in child.orelse:
                yield other
                yield from _walk(other)
            continue
        yield child
        yield from _walk(child)


def imports(name: str) -> set[str]:
    """The printprog modules ``name`` imports, as module names relative to the package."""
    path = MODULES[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    package = [p for p in package if p]
    found: set[str] = set()
    for node in _walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif (node.module or "").split(".")[0] == "printprog":
                target = node.module.removeprefix("printprog").lstrip(".")
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}".lstrip(".")
                targets.append(sub if sub in MODULES else target)
        elif isinstance(node, ast.Import):
            targets = [a.name.removeprefix("printprog").lstrip(".") for a in node.names
                       if a.name.split(".")[0] == "printprog"]
        found.update(t for t in targets if t != name)
    return found


def layer(name: str) -> int:
    best, rank = -1, None
    for i, members in enumerate(LAYERS):
        for prefix in members:
            if (name == prefix or name.startswith(f"{prefix}.") or prefix == "") and \
                    len(prefix) > best:
                best, rank = len(prefix), i
    if name and best == 0:
        pytest.fail(f"printprog.{name} is in no layer: add it to LAYERS in {__file__}")
    assert rank is not None
    return rank


def test_every_module_has_a_layer():
    for name in MODULES:
        layer(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_down(name):
    upward = [f"printprog.{t} (layer {layer(t)})" for t in sorted(imports(name))
              if layer(t) > layer(name)]
    assert not upward, f"printprog.{name} (layer {layer(name)}) imports up: {upward}"


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of nodes that reach each other (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


def package(name: str) -> str:
    """The subpackage a module is in ('importers' for importers.common), else the module."""
    return name.split(".")[0] if "." in name or MODULES[name].name == "__init__.py" else name


def test_no_module_cycle():
    graph = {name: imports(name) & set(MODULES) for name in MODULES}
    assert not cycles(graph), f"modules that import each other: {cycles(graph)}"


def test_no_package_cycle():
    """No loop through a package either: importers -> report -> units -> importers was one."""
    graph: dict[str, set[str]] = {}
    for name in MODULES:
        graph.setdefault(package(name), set()).update(
            package(t) for t in imports(name) if t in MODULES and package(t) != package(name))
    assert not cycles(graph), f"packages that import each other: {cycles(graph)}"


def test_the_checker_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_checker_sees_a_lazy_import():
    """The walk finds an import inside a function (units reads papers.yaml lazily)."""
    assert "safeyaml" in imports("units")
    assert "commands" not in imports("safeyaml")
