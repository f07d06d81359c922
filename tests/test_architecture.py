"""The package's shape holds: each layer imports only the layers below it, no module imports
itself in a circle, and no module grows past what a reader takes in at once."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "factfile"
# Lowest first. A module may import its own layer and the ones before it, never one after.
LAYERS = ["problems", "deps", "content", "site", "outputs", "engine", "live", "tools", "cli"]
MAX_LINES = 400


def modules() -> dict[str, Path]:
    return {".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts): path
            for path in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 else 0


def imports(module: str, path: Path) -> set[str]:
    """Return the factfile modules a module imports when it runs (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
               and "TYPE_CHECKING" in ast.unparse(block.test) for node in ast.walk(block)}
    package = module.split(".")[:-1]  # for a package's __init__ too: its module name ends in .__init__
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + (node.module.split(".") if node.module else []))
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in modules() else target)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    known = modules()
    return {name.removesuffix(".__init__") for name in found if name in known or f"{name}.__init__" in known}


def test_layers_import_only_downwards() -> None:
    wrong = []
    for module, path in modules().items():
        for target in imports(module, path):
            if layer(target) > layer(module):
                wrong.append(f"{module} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_no_import_circles() -> None:
    graph = {module.removesuffix(".__init__"): imports(module, path) - {module.removesuffix(".__init__")}
             for module, path in modules().items()}
    circles = []

    def visit(node: str, trail: list[str]) -> None:
        for target in graph.get(node, ()):
            if target in trail:
                circles.append(" -> ".join(trail[trail.index(target):] + [target]))
            elif target not in done:
                visit(target, trail + [target])
        done.add(node)

    done: set[str] = set()
    for module in graph:
        if module not in done:
            visit(module, [module])
    assert not circles, "\n".join(sorted(set(circles)))


def test_modules_stay_small() -> None:
    long = {module: n for module, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_the_checks_see_a_wrong_import(tmp_path: Path) -> None:
    """The checks above must be able to fail: a content module importing the engine is caught."""
    path = PACKAGE / "content" / "model.py"
    assert "factfile.engine.build" in imports("factfile.content.model", _with_line(path, tmp_path))


def _with_line(path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "content" / "model.py"
    copy.parent.mkdir()
    copy.write_text(path.read_text(encoding="utf-8") + "\nfrom ..engine.build import Engine\n", encoding="utf-8")
    return copy
