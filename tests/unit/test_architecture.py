"""The dependency rule of DESIGN.md, checked on the source: pure core, doors through services, no import cycles.

Imports inside functions count like any other (only `if TYPE_CHECKING:` blocks are left out, since they never run),
so an import cannot hide a cycle by moving into a function.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

PURE = (
    "crest.errors",
    "crest.counting",
    "crest.durations",
    "crest.shortening",
    "crest.moments",
    "crest.protocol.model",
    "crest.session",
    "crest.safety",
    "crest.insights",
    "crest.knowledge.model",
    "crest.knowledge.red_flags",
    "crest.knowledge.search",
    "crest.knowledge.spelling",
    "crest.knowledge.text",
    "crest.knowledge.why_links",
    "crest.knowledge.why_links",
    "crest.datafile",
    "crest.input_problems",
    "crest.breath.reasons",
    "crest.breath.resample",
    "crest.breath.rate",
    "crest.breath.stillness",
    "crest.breath.analysis",
    "crest.breath.result",
    "crest.breath.trunk",
    "crest.breath.words",
    "crest.interop",
    "crest.accounts.model",
    "crest.accounts.permissions",
    "crest.posture.landmarks",
    "crest.posture.body",
    "crest.posture.heights",
    "crest.posture.views",
    "crest.posture.result",
    "crest.posture.rules",
    "crest.posture.vocabulary",
    "crest.posture.smoothing",
    "crest.posture.video",
    "crest.journal.records",
    "crest.journal.breath_record",
    "crest.journal.vocabulary",
    "crest.journal.plausibility",
    "crest.journal.merging",
)
FORBIDDEN_IN_PURE = ("sqlalchemy", "alembic", "fastapi", "starlette", "uvicorn", "cv2", "mediapipe", "psycopg")
DOORS = ("crest.cli", "crest.web")
JOURNAL_ADAPTERS = (
    "crest.journal.store",
    "crest.journal.engine",
    "crest.journal.tables",
    "crest.journal.schema",
    "crest.journal.recovery",
)
COMPOSITION_ROOTS = ("crest.cli.journal_access", "crest.web.app")


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _walk_running_code(node: ast.AST) -> Iterator[ast.AST]:
    for child in ast.iter_child_nodes(node):
        if _is_type_checking_block(child):
            assert isinstance(child, ast.If)
            for orelse in child.orelse:
                yield orelse
                yield from _walk_running_code(orelse)
            continue
        yield child
        yield from _walk_running_code(child)


def imports_of(root: Path) -> tuple[set[str], list[Import]]:
    """Every module under `root` (the `src` folder) and every import that runs, resolved to module names."""
    modules = {_module_name(path, root) for path in root.rglob("*.py")}
    found: list[Import] = []
    for path in sorted(root.rglob("*.py")):
        importer = _module_name(path, root)
        package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _walk_running_code(tree):
            if isinstance(node, ast.Import):
                found += [Import(importer, alias.name, node.lineno) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    found.append(Import(importer, submodule if submodule in modules else base, node.lineno))
    return modules, found


def _cycles(modules: set[str], found: list[Import]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each a cycle to report."""
    graph: dict[str, set[str]] = {module: set() for module in modules}
    for one in found:
        if one.imported in modules and one.imported != one.importer:
            graph[one.importer].add(one.imported)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return components


def problems(root: Path = SRC) -> list[str]:
    modules, found = imports_of(root)
    found_problems = [f"import cycle: {' <-> '.join(cycle)}" for cycle in _cycles(modules, found)]
    for one in found:
        where = f"{one.importer} line {one.line} imports {one.imported}"
        if _within(one.importer, PURE):
            if one.imported.split(".")[0] in FORBIDDEN_IN_PURE:
                found_problems.append(f"pure code imports a framework or adapter: {where}")
            elif one.imported.startswith("crest") and one.imported in modules and not _within(one.imported, PURE):
                found_problems.append(f"pure code imports impure crest code: {where}")
        door = _within(one.importer, DOORS) and one.importer not in COMPOSITION_ROOTS
        if door and _within(one.imported, JOURNAL_ADAPTERS):
            found_problems.append(f"a door reaches past the services into the journal: {where}")
    return found_problems


def test_the_source_follows_the_dependency_rule() -> None:
    assert problems() == []


def test_the_pure_packages_exist() -> None:
    modules, _ = imports_of(SRC)
    for package in ("crest.protocol.model", "crest.session", "crest.safety", "crest.insights", "crest.journal.records"):
        assert package in modules


def _copy_with(tmp_path: Path, relative: str, extra_source: str) -> Path:
    root = tmp_path / "src"
    shutil.copytree(SRC, root, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))
    target = root / relative
    target.write_text(target.read_text(encoding="utf-8") + extra_source, encoding="utf-8")
    return root


def test_a_forbidden_import_in_pure_code_is_caught(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, "crest/insights/practice.py", "\n\ndef _sneaky() -> None:\n    import sqlalchemy\n")
    assert any("crest.insights.practice" in problem and "sqlalchemy" in problem for problem in problems(root))


def test_pure_code_importing_a_door_is_caught(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, "crest/safety/screen.py", "\nfrom crest.web import presenters\n")
    assert any("crest.safety.screen" in problem and "crest.web" in problem for problem in problems(root))


def test_a_door_reaching_into_the_journal_store_is_caught(tmp_path: Path) -> None:
    root = _copy_with(tmp_path, "crest/web/pages/today.py", "\nfrom crest.journal.store import Journal\n")
    assert any("crest.web.pages.today" in problem and "journal.store" in problem for problem in problems(root))


def test_a_cycle_hidden_in_a_function_is_caught(tmp_path: Path) -> None:
    root = _copy_with(
        tmp_path, "crest/journal/vocabulary.py", "\n\ndef _hidden() -> None:\n    from crest.journal import records\n"
    )
    assert any(
        problem.startswith("import cycle") and "crest.journal.vocabulary" in problem for problem in problems(root)
    )


def test_type_checking_imports_do_not_count(tmp_path: Path) -> None:
    root = _copy_with(
        tmp_path,
        "crest/journal/vocabulary.py",
        "\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from crest.journal import records\n",
    )
    assert problems(root) == []
