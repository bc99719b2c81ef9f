"""The import graph of src/healthlint has no cycle, and every module imports
only from its own layer or the layers below it (issue 18; CONTRIBUTING.md,
"How the code is laid out", shows the same table).

The graph is read with ast, so every import counts: at the top of a module,
inside a function, and under `if TYPE_CHECKING:` (a type is a dependency too).
A new module fails these tests until it is given a layer in LAYERS.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# Lowest layer first. A name is a module of the healthlint package, written as
# its path without .py ("parse.html"); a package name ("parse") covers the
# package and every module in it; "__init__" is the package healthlint itself.
LAYERS: dict[str, tuple[str, ...]] = {
    # the document, positions, errors, and leaf helpers that import nothing from healthlint
    "core": ("errors", "source", "model", "fold", "version", "safe_write", "stagetimes", "private_folder"),
    # bytes to text, text to Document
    "parse": ("sniff", "yamlsafe", "loader", "parse"),
    # phrase packs, thresholds and the per-file settings that read them
    "packs": ("resources", "packs", "settings"),
    # what several rules share; Context is what a rule and these analyses see
    "analysis": ("text", "context", "stats", "readability", "keyphrase", "analysis", "links", "structured",
                 "evidence", "faq_visible", "faq_markup", "faq_generate"),
    # the rule contract and registry, suppressions, the rules
    "rules": ("registry", "suggest", "suppress", "rules"),
    # one envelope, the reporters, the typed result
    "report": ("results", "report"),
    # running it all: the engine (it finds each file's config), the API, CLI, cache, sources, LSP
    "app": ("__init__", "__main__", "api", "engine", "runner", "cli", "entry", "config", "files", "gitignore", "cache",
            "fixes", "baseline", "adoption", "gitdiff", "merge", "init", "console", "sources", "lsp", "dev"),
}

# Imports that go up a layer today, each with the change that removes it. An
# entry that no longer matches an import fails the test, so the list only shrinks.
KNOWN_UPWARD: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC / "healthlint").with_suffix("").parts
    return ".".join(parts[:-1]) if parts[-1] == "__init__" and len(parts) > 1 else ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted((SRC / "healthlint").rglob("*.py"))}


def _imported_names(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    """The dotted names an import statement reads: `import a.b` reads a.b,
    `from a import b` reads a.b (a module b, or a name b defined in a)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    origin = node.module or ""
    if node.level:  # relative to the importing module's package, level - 1 packages up
        parts = package.split(".")
        origin = ".".join([*parts[: len(parts) - (node.level - 1)], *([origin] if origin else [])])
    return [f"{origin}.{alias.name}" for alias in node.names]


def _import_graph() -> dict[str, dict[str, int]]:
    """module -> {imported healthlint module: line of the first such import}."""
    modules = _modules()

    def module_of(dotted: str) -> str | None:
        """The healthlint module a dotted name is, or the module that defines it."""
        if not (dotted == "healthlint" or dotted.startswith("healthlint.")):
            return None
        name = dotted.removeprefix("healthlint").removeprefix(".")
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or "__init__"

    graph: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        edges: dict[str, int] = {}
        dotted = "healthlint" if name == "__init__" else f"healthlint.{name}"
        package = dotted if path.name == "__init__.py" else dotted.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for imported in _imported_names(node, package):
                    target = module_of(imported)
                    if target is not None and target != name:
                        edges.setdefault(target, node.lineno)
        graph[name] = edges
    return graph


def _layer_of() -> dict[str, int]:
    """module -> index of its layer in LAYERS."""
    modules = _modules()
    owner: dict[str, int] = {}
    for rank, names in enumerate(LAYERS.values()):
        for entry in names:
            for module in modules:
                if module == entry or module.startswith(entry + ".") and entry != "__init__":
                    owner.setdefault(module, rank)
    return owner


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_one_layer():
    modules = _modules()
    entries = [entry for names in LAYERS.values() for entry in names]
    repeated = sorted({entry for entry in entries if entries.count(entry) > 1})
    stale = sorted(entry for entry in entries
                   if entry not in modules and not any(m.startswith(entry + ".") for m in modules))
    unmapped = sorted(set(modules) - set(_layer_of()))
    assert not repeated, f"listed in two layers: {repeated}"
    assert not stale, f"LAYERS names modules that no longer exist: {stale}"
    assert not unmapped, f"give these modules a layer in LAYERS (tests/test_layers.py) and CONTRIBUTING.md: {unmapped}"


def test_no_import_cycles():
    graph = _import_graph()
    cycles = [" <-> ".join(c) + ": " + "; ".join(f"{a} -> {b} (line {graph[a][b]})" for a in c for b in graph[a]
                                                 if b in c)
              for c in _cycles(graph)]
    assert not cycles, "import cycles in healthlint (move the shared piece down a layer):\n" + "\n".join(cycles)


def test_imports_go_only_down():
    graph = _import_graph()
    layer = _layer_of()
    names = list(LAYERS)
    upward = {(module, target): f"{module} ({names[layer[module]]}) imports {target} ({names[layer[target]]}) "
                                f"at line {line}"
              for module, targets in graph.items() for target, line in targets.items()
              if layer[target] > layer[module]}
    new = [message for edge, message in sorted(upward.items()) if edge not in KNOWN_UPWARD]
    gone = [f"{a} -> {b}" for a, b in KNOWN_UPWARD if (a, b) not in upward]
    assert not new, "imports from a higher layer:\n" + "\n".join(new)
    assert not gone, f"no longer imported upward, remove from KNOWN_UPWARD: {gone}"


def test_contributing_table_lists_the_same_layers():
    """CONTRIBUTING.md shows LAYERS to readers: the same modules in the same layers, in the same order."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\w+) \| ([^|]+) \|", text, flags=re.MULTILINE)
    shown = {layer: tuple(name.removesuffix("/").removesuffix(".py").replace("/", ".")
                          for name in re.findall(r"`([^`]+)`", cells))
             for layer, cells in rows if layer in LAYERS}
    assert list(shown) == list(LAYERS)
    assert shown == LAYERS
