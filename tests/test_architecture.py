"""The import rules of docs/architecture.md, read from the source with :mod:`ast`.

Each package is a layer; a module may import its own layer and the layers below it, never one
above. Only the TUI imports Textual. No two modules import each other, directly or round a loop
(imports under ``if TYPE_CHECKING:`` are left out: they never run).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import interview_coach

SRC = Path(interview_coach.__file__).resolve().parent

# Lowest first. A module may import from its own layer or a lower one.
LAYERS = ["_util", "banks", "scoring", "history", "trainer", "tui", "cli"]
CORE = {"_util", "banks", "scoring", "history", "trainer"}
# Top-level modules that belong to a package's concept (none today; kept for a move in progress).
ALIASES: dict[str, str] = {}
# Packages that a layer must not import even though they rank below it.
FORBIDDEN = {"banks": {"scoring", "history", "trainer"}}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def layer(name: str) -> str | None:
    """The package (layer) of an interview_coach module, or None for the root and __main__."""
    parts = name.split(".")
    if len(parts) < 2 or parts[0] != "interview_coach":
        return None
    top = ALIASES.get(parts[1], parts[1])
    return top if top in LAYERS else None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``node`` except the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield other
                yield from _walk(other)
            continue
        yield child
        yield from _walk(child)


def imports(name: str, path: Path) -> set[str]:
    """The modules ``name`` imports at run time (at module level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # ``from package import module`` imports the module too
            found.update(f"{base}.{alias.name}" for alias in node.names)
    known = modules()
    return {m for m in found if m in known or not m.startswith("interview_coach")}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {m for m in imports(name, path) if m in known and m != name}
            for name, path in known.items()}


def test_the_layers_exist() -> None:
    present = {layer(name) for name in modules()}
    assert set(LAYERS) <= present


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_imports_only_lower_layers(name: str) -> None:
    own = layer(name)
    if own is None:
        return
    rank = LAYERS.index(own)
    for target in imports(name, modules()[name]):
        other = layer(target)
        if other is None:
            continue
        assert LAYERS.index(other) <= rank, f"{name} ({own}) imports {target} ({other}), a higher layer"
        assert other not in FORBIDDEN.get(own, set()), f"{name} imports {target}: {own} may not use {other}"


@pytest.mark.parametrize("name", sorted(modules()))
def test_only_the_tui_imports_textual(name: str) -> None:
    if layer(name) == "tui":
        return
    textual = sorted(m for m in imports(name, modules()[name]) if m.split(".")[0] == "textual")
    assert not textual, f"{name} imports {textual}"
    if layer(name) in CORE:
        assert not any(layer(m) in ("tui", "cli") for m in imports(name, modules()[name]))


def _cycle_from(start: str, edges: dict[str, set[str]]) -> list[str] | None:
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(edges[node]):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def test_no_import_cycle() -> None:
    edges = graph()
    # a package's __init__ is imported with each of its modules; an edge back to it is not a loop
    for name in edges:
        edges[name] = {m for m in edges[name] if not name.startswith(m + ".")}
    cycles = [c for name in sorted(edges) if (c := _cycle_from(name, edges))]
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_rules_catch_a_bad_import(tmp_path: Path) -> None:
    """The checker itself: a core module importing Textual or a higher layer is seen."""
    bad = tmp_path / "bad.py"
    bad.write_text("import textual\nfrom interview_coach.tui import app\n", encoding="utf-8")
    found = imports("interview_coach.banks.bad", bad)
    assert "textual" in found
    assert "interview_coach.tui.app" in found
    assert layer("interview_coach.tui.app") == "tui"
    assert layer("interview_coach.scoring.textnorm") == "scoring"


def test_public_class_names_are_unique() -> None:
    """One name, one class: two public classes of the same name (two ``LiveScore`` once) make
    a reader guess which one a module means."""
    seen: dict[str, list[str]] = {}
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                seen.setdefault(node.name, []).append(name)
    twice = {cls: where for cls, where in seen.items() if len(where) > 1}
    assert not twice, f"classes defined more than once: {twice}"


LONG = 600  # lines; a longer module says at its top why it is kept whole


@pytest.mark.parametrize("name", sorted(modules()))
def test_a_long_module_says_why(name: str) -> None:
    path = modules()[name]
    text = path.read_text(encoding="utf-8")
    if text.count("\n") <= LONG:
        return
    doc = ast.get_docstring(ast.parse(text)) or ""
    assert "lines on purpose" in doc, (
        f"{name} has {text.count(chr(10))} lines: split it, or say at its top why it is kept "
        "whole ('About N lines on purpose: ...')")


def test_the_cli_knows_no_file_name_of_the_history() -> None:
    """The names of the history's files (the database, its log, what is moved aside or parked)
    live in history/files.py; a command asks it rather than matching names itself."""
    marks = ("history.db", "-wal", "-shm", ".damaged-", ".replaced-", ".pending-", ".keep-")
    found = []
    for name, path in modules().items():
        if layer(name) not in ("cli", "tui"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and any(m in node.value for m in marks):
                found.append(f"{name}: {node.value!r}")
    assert not found, "\n".join(found)


# Each shared job has one home: (what, the module that may do it, how a copy would show).
ONE_HOME = [
    ("exit codes", "interview_coach._util.exit_codes", "assigns EXIT_*"),
    ("atomic replacement", "interview_coach._util.atomic", "calls os.replace"),
    ("CSV writing", "interview_coach._util.csvtext", "uses csv.writer"),
    ("progress bar", "interview_coach.cli.output", "imports rich.progress"),
]


def _jobs(name: str, path: Path) -> set[str]:
    """Which of the ONE_HOME jobs the module ``name`` does itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
            if any(n.startswith("EXIT_") for n in names):
                found.add("assigns EXIT_*")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) == ("os", "replace"):
                found.add("calls os.replace")
            if node.value.id == "csv" and node.attr in ("writer", "DictWriter"):
                found.add("uses csv.writer")
    if any(m.startswith("rich.progress") for m in imports(name, path)):
        found.add("imports rich.progress")
    return found


@pytest.mark.parametrize(("job", "home", "sign"), ONE_HOME)
def test_each_shared_job_has_one_home(job: str, home: str, sign: str) -> None:
    doing = sorted(name for name, path in modules().items() if sign in _jobs(name, path))
    assert doing == [home], f"{job}: done in {doing}, only {home} should"


# Calls that end the process (or the app) with a status: sys.exit, os._exit, App.exit,
# raise SystemExit; and the names a status is passed or kept under.
EXIT_CALLS = {"exit", "_exit", "SystemExit"}
CODE_NAMES = {"return_code", "code", "exit_code", "status"}


def _literal_ints(node: ast.AST | None) -> list[int]:
    """The integer literals in an expression (``0 if saved else 1`` has two)."""
    if node is None:
        return []
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, int) and not isinstance(n.value, bool)]


def _returns(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.Return]:
    """The return statements of ``function`` itself, not of functions defined inside it."""
    todo: list[ast.AST] = list(function.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Return):
            yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            todo.extend(ast.iter_child_nodes(node))


def bare_exit_codes(name: str, tree: ast.AST) -> list[str]:
    """Where ``tree`` gives an exit status as a bare number rather than a named EXIT_* code:
    in an exiting call, a ``return_code=`` (or ``code``) argument or default, and, in the CLI,
    a return of a function that returns an ``int`` (every such function returns a status)."""
    found: list[str] = []

    def note(node: ast.AST, what: str, value: ast.AST | None) -> None:
        if ints := _literal_ints(value):
            found.append(f"{name}:{getattr(node, 'lineno', '?')}: {what} {ints}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in EXIT_CALLS:
                for arg in node.args:
                    note(node, f"{called}()", arg)
            for keyword in node.keywords:
                if keyword.arg in CODE_NAMES or (called in EXIT_CALLS and keyword.arg):
                    note(node, f"{called}({keyword.arg}=)", keyword.value)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            positional = [*arguments.posonlyargs, *arguments.args]
            with_default = positional[len(positional) - len(arguments.defaults):]
            pairs = [*zip(with_default, arguments.defaults, strict=True),
                     *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]
            for arg, default in pairs:
                if arg.arg in CODE_NAMES:
                    note(node, f"default of {arg.arg}", default)
            returns_int = isinstance(node.returns, ast.Name | ast.Constant) and (
                getattr(node.returns, "id", None) == "int" or getattr(node.returns, "value", None) == "int")
            if returns_int and layer(name) == "cli":
                for ret in _returns(node):
                    note(ret, f"{node.name} returns", ret.value)
    return found


def test_no_bare_exit_codes_in_the_front_ends() -> None:
    """The CLI and the TUI name their exit codes (EXIT_OK, EXIT_PROBLEMS, ...) from their one
    home, ``_util/exit_codes.py``, which both may import; no bare 0, 1 or 2 stands for one."""
    found = []
    for name, path in modules().items():
        if layer(name) in ("cli", "tui"):
            found += bare_exit_codes(name, ast.parse(path.read_text(encoding="utf-8")))
    assert not found, "bare exit codes:\n" + "\n".join(found)


def test_the_bare_exit_code_check_sees_each_form() -> None:
    """The checker itself, on the forms a bare code took before (``tui/app.py`` had three)."""
    source = (
        "import os, sys\n"
        "def run(args) -> int:\n    return 2\n"
        "def quiet(args) -> int:\n    return EXIT_OK if args else 1\n"
        "def fine(args) -> int:\n    return EXIT_USAGE\n"
        "def width() -> str:\n    return 'x'\n"
        "async def save_and_exit(drain=0.5, return_code: int = 0): self.exit(0, return_code=1)\n"
        "def hard(): os._exit(0 if saved else 1)\n"
        "def leave(): sys.exit(3)\n"
        "def stop(): raise SystemExit(1)\n")
    found = bare_exit_codes("interview_coach.cli.fake", ast.parse(source))
    assert [line.split(": ", 1)[1] for line in found] == [
        "run returns [2]", "quiet returns [1]", "default of return_code [0]", "exit() [0]",
        "exit(return_code=) [1]", "_exit() [0, 1]", "exit() [3]", "SystemExit() [1]"], found
    # In the TUI a function returning an int returns a width or a count, not a status.
    in_tui = bare_exit_codes("interview_coach.tui.fake", ast.parse(source))
    assert len(in_tui) == 6 and not [line for line in in_tui if "returns" in line], in_tui
