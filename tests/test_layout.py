"""The package's layout: no import circle between its modules, counting the
imports made inside functions too (a late import hides a circle; it does not
remove it)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def module_imports() -> dict[str, set[str]]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rsplit(".", 1)[0]
                source = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
                for alias in node.names:
                    target = f"{source}.{alias.name}"
                    found.add(target if target in modules else source)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {t for t in found if t in modules and t != name}
    return graph


def within(parent: str, child: str) -> bool:
    return child.startswith(parent + ".")


def test_no_import_circles():
    graph = module_imports()
    assert "generator.write.compose" in graph and "generator.generate" in graph["generator.site"]
    circles = set()

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in graph[node]:
            if within(nxt, node) or within(node, nxt):  # a package and its own modules
                continue
            if nxt == start:
                circles.add(" -> ".join(path + [nxt]))
            elif nxt not in path and len(path) < 8:
                walk(start, nxt, path + [nxt])

    for name in graph:
        walk(name, name, [name])
    assert sorted(circles) == []


def test_the_checker_sees_a_circle(tmp_path, monkeypatch):
    """The test above can fail: two modules importing each other (one inside a function) are found."""
    package = tmp_path / "generator"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("from .b import x\n", encoding="utf-8")
    (package / "b.py").write_text("def x():\n    from . import a\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", package)
    graph = module_imports()
    assert graph["generator.a"] == {"generator.b"} and graph["generator.b"] == {"generator.a"}
