"""The tree shows the layers: each package of ``src/printprog`` imports only from its own
package or the packages below it, lowest first (core, schedule, draw, theme, pdf, importers,
exporters, production, layout, qa, products, render, cli); no two modules import each other,
through any chain, not even through an import inside a function or one made only for type
checking (both hid loops once: importers.common -> report -> units -> importers.safeyaml,
production -> restream -> restream_pages -> production); a product package uses no other
product's package; at most six modules sit directly in ``src/printprog``.

Read from the source with ast, so a lazy import and an ``if TYPE_CHECKING:`` one count as much
as a top-level one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

SRC = ROOT / "src" / "printprog"

#: Lowest first. A module may import from its own layer or any layer below, never above. A
#: module belongs to the layer of its top-level package ("products.badges.compose" ->
#: "products"); a new package must be placed here (the test says so).
LAYERS: list[tuple[str, ...]] = [
    ("", "core"),
    ("schedule",),
    ("draw",),
    ("theme",),
    ("pdf",),
    ("importers",),
    ("exporters",),
    ("production",),
    ("layout",),
    ("qa",),
    ("products",),
    ("render",),
    ("cli",),
]
#: Modules allowed directly in src/printprog (the issue's limit is six).
MAX_FLAT = 6


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _walk(node: ast.AST):
    """Every node below ``node``, type-only imports included."""
    yield from ast.walk(node)


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
    """The package a module is in ('importers' for importers.common, 'products.booklet' for
    products.booklet.story), else the module."""
    return product_package(name) or (name.split(".")[0] if "." in name
                                     or MODULES[name].name == "__init__.py" else name)


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
    assert "core.safeyaml" in imports("core.units")
    assert "cli" not in imports("core.safeyaml")


def test_the_checker_sees_a_type_only_import(tmp_path, monkeypatch):
    """An import under ``if TYPE_CHECKING:`` counts (it hid the production loop once)."""
    module = tmp_path / "typed.py"
    module.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from .products.base import Output\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "typed", module)
    assert "products.base" in imports("typed")


def test_at_most_six_flat_modules():
    flat = sorted(p.name for p in SRC.glob("*.py"))
    assert len(flat) <= MAX_FLAT, f"modules directly in src/printprog: {flat}"


def product_package(name: str) -> str | None:
    """'products.booklet' for products.booklet.story; None for products.base and the like."""
    parts = name.split(".")
    if len(parts) >= 2 and parts[0] == "products" and (SRC / "products" / parts[1]).is_dir():
        return ".".join(parts[:2])
    return None


@pytest.mark.parametrize("name", sorted(n for n in MODULES if product_package(n)))
def test_products_use_no_other_product(name):
    """What two products share lives in a layer below them (layout, draw), never in one of
    them: the poster once took signage's QR placement."""
    own = product_package(name)
    others = sorted(t for t in imports(name) if product_package(t) not in (None, own))
    assert not others, f"printprog.{name} imports another product's modules: {others}"
