"""The shape of the code, measured: largest module, modules importing MkDocs, function lengths, import circles.

Run `python tools/code_shape.py`; tests/test_code_quality.py asserts the limits (docs/architecture.md).
"""

from __future__ import annotations

import ast
import statistics
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "portfolio_builder"


@dataclass(frozen=True)
class Shape:
    lines: dict[str, int]  # module → lines
    mkdocs: list[str]  # modules importing mkdocs or material
    functions: list[int]  # length in lines of every function and method
    circles: list[list[str]]  # import circles between modules


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, tree: ast.Module) -> Iterator[str]:
    """The absolute names of what a module imports (relative imports resolved)."""
    package = module_name(path).split(".") if path.name == "__init__.py" else module_name(path).split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            yield name
            yield from (f"{name}.{alias.name}" for alias in node.names)


def measure() -> Shape:
    lines, mkdocs, functions = {}, [], []
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        name = module_name(path)
        lines[name] = text.count("\n")
        found = set(imports(path, tree))
        if any(i.split(".")[0] in {"mkdocs", "material"} for i in found):
            mkdocs.append(name)
        graph[name] = {i for i in found if i.startswith("portfolio_builder")}
        functions += [
            (node.end_lineno or node.lineno) - node.lineno + 1
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
    modules = set(graph)
    edges = {m: {t for t in targets if t in modules and t != m} for m, targets in graph.items()}
    return Shape(lines, mkdocs, functions, _circles(edges))


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan), ignoring package `__init__` re-exports."""
    plain = {m: {t for t in ts if not _is_package(t)} for m, ts in edges.items() if not _is_package(m)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in plain.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(plain):
        if node not in index:
            visit(node)
    return found


def _is_package(name: str) -> bool:
    return (PACKAGE.parent / name.replace(".", "/") / "__init__.py").is_file()


def main() -> int:
    shape = measure()
    largest = max(shape.lines, key=lambda m: shape.lines[m])
    print(f"modules: {len(shape.lines)}; largest: {largest} ({shape.lines[largest]} lines)")
    print(f"modules importing MkDocs: {', '.join(shape.mkdocs)}")
    print(f"functions: {len(shape.functions)}; median length {statistics.median(shape.functions)} lines; "
          f"longest {max(shape.functions)}")
    print(f"import circles: {shape.circles or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
