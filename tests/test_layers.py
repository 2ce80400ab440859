"""Import rules between layers (in the spirit of sqlfluff's import-linter contract), checked from the source."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import agentconv

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "agentconv"
CLI_ONLY = {"typer", "rich", "click"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            found.add(("." * node.level) + mod)
    return found


def test_core_never_imports_the_cli_or_its_libraries():
    offenders = []
    for path in SRC.rglob("*.py"):
        if "cli" in path.relative_to(SRC).parts or path.name == "__main__.py":  # the entry points themselves
            continue
        for name in _imports(path):
            top = name.lstrip(".").split(".")[0]
            if top in CLI_ONLY or name.lstrip(".").startswith("cli") or "agentconv.cli" in name:
                offenders.append(f"{path.relative_to(SRC)}: {name}")
    assert offenders == []


def test_a_clean_conversion_imports_no_heavy_module():
    code = (
        "import sys, agentconv\n"
        "from pathlib import Path\n"
        "agentconv.convert_text(b'---\\nname: a\\ndescription: d\\ntools: Read\\n---\\nbody\\n', to='copilot')\n"
        "print(' '.join(sorted(m for m in ('typer', 'rich', 'deepdiff', 'ftfy', 'emoji', 'pathspec', 'click')"
        " if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_version_does_not_import_typer():
    code = "import sys; sys.argv=['agentconv','--version']\nfrom agentconv.cli import main\nmain()\nprint('typer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["agentconv", agentconv.__version__, "False"]


def _sources() -> list[Path]:
    """Every module of the library and of the plugins in ``adapters/`` (their tests too)."""
    return sorted(SRC.rglob("*.py")) + sorted((ROOT / "adapters").rglob("*.py"))


def _module_of(path: Path) -> str:
    """``agentconv.dialects.base`` for src/agentconv/dialects/base.py, ``agentconv_windsurf`` for
adapters/agentconv-windsurf/agentconv_windsurf/__init__.py."""
    rel = path.relative_to(SRC.parent) if path.is_relative_to(SRC) else Path(*path.relative_to(ROOT).parts[2:])
    parts = list(rel.with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module an ``from ... import`` names, made absolute."""
    if not node.level:
        return node.module or ""
    package = _module_of(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[:len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _private_imports(path: Path, source: str | None = None) -> list[str]:
    """Private names (``_x``) of agentconv modules (or of a plugin's) used outside the module that defines them:
    ``from m import _x``, and ``m._x`` where ``m`` is a module imported here."""
    tree = ast.parse(path.read_text("utf-8") if source is None else source)
    ours = ("agentconv", "agentconv_")
    found, modules = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            mod = _absolute(path, node)
            if not mod.startswith(ours):
                continue
            for a in node.names:
                if _private(a.name):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: from {mod} import {a.name}")
                else:
                    modules[a.asname or a.name] = f"{mod}.{a.name}"
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith(ours):
                    modules[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name) \
                and node.value.id in modules:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_private_name_is_used_across_modules():
    """What one module uses of another is public: a dialect or plugin imports from ``agentconv.dialects.base``,
    ``.command`` and ``.helpers``, never a ``_name``."""
    offenders = [o for path in _sources() for o in _private_imports(path)]
    assert offenders == []


DIALECT_CLASS = {"dialects/base.py", "dialects/toolpolicy.py", "dialects/detection.py"}
"""The modules ``Dialect`` is made of (the class and its mixins): their private members are one class's own."""


def _private_members(tree: ast.AST) -> set[str]:
    """The private names (``_x``) a module defines as a class's member: a method, a class attribute, ``self._x = ...``."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found.add(item.name)
                elif isinstance(item, (ast.Assign, ast.AnnAssign)):
                    targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                    found.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found.update(t.attr for t in targets if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                         and t.value.id == "self")
    return {n for n in found if _private(n)}


def _in_dialect_class(path: Path) -> bool:
    return path.is_relative_to(SRC) and path.relative_to(SRC).as_posix() in DIALECT_CLASS


def _members_used_across(sources: list[Path]) -> list[str]:
    """Each ``x._name`` (``self._name`` too) of a module that does not define ``_name`` as a member, where another
    module does: a private member of another module's class (a base's method a subclass calls, an attribute a caller
    reads), apart from those among the modules of ``DIALECT_CLASS``."""
    trees = {p: ast.parse(p.read_text("utf-8")) for p in sources}
    defined = {p: _private_members(t) for p, t in trees.items()}
    found = []
    for path, tree in trees.items():
        own = _in_dialect_class(path)
        elsewhere = set().union(*(d for p, d in defined.items() if p != path and not (own and _in_dialect_class(p))))
        uses = sorted((n.lineno, n.col_offset, ast.unparse(n)) for n in ast.walk(tree) if isinstance(n, ast.Attribute)
                      and _private(n.attr) and n.attr not in defined[path] and n.attr in elsewhere)
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
        found += [f"{where}:{line}: {text}" for line, _, text in uses]
    return found


def test_no_private_member_is_used_across_modules():
    """A dialect (built in or plugin) calls what ``Dialect`` offers by its public names, and a module reads another's
    objects through theirs: ``self._same(ctx)`` in a plugin used a base's private method."""
    assert _members_used_across(_sources()) == []


def test_the_private_member_check_sees_a_subclass_and_a_caller(tmp_path):
    base, plugin = tmp_path / "base.py", tmp_path / "plugin.py"
    base.write_text("class Base:\n    def _hook(self):\n        self._seen = 1\n")
    plugin.write_text("class P(Base):\n    def _own(self):\n        return self._hook(), self._own(), b._seen\n")
    found = _members_used_across([base, plugin])
    assert [f.split(": ", 1)[1] for f in found] == ["self._hook", "b._seen"]


def test_the_private_import_check_sees_both_spellings():
    module = SRC / "dialects" / "probe.py"  # never read: its name only places the relative imports
    source = "from .base import _x, Dialect\nfrom .. import api\nimport agentconv.tools as t\nimport os\n" \
             "api._detect()\nt._data()\nos._exit(0)\n"
    found = _private_imports(module, source)
    assert [f.split(": ", 1)[1] for f in found] == [
        "from agentconv.dialects.base import _x", "api._detect", "t._data"]


def test_dialects_never_import_the_layers_above():
    """``agentconv.dialects`` is below the api: it never imports ``api``, ``batch``, ``migration`` or ``packages``."""
    above = {"agentconv.api", "agentconv.batch", "agentconv.migration", "agentconv.packages"}
    offenders = []
    for path in sorted((SRC / "dialects").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                mod = _absolute(path, node)
                names = {mod} | {f"{mod}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                names = {a.name for a in node.names}
            else:
                continue
            offenders += [f"{path.relative_to(SRC)}: {n}" for n in sorted(names) if n in above]
    assert offenders == []


PACKAGE_LAYERS = [("model",), ("writing", "names"), ("mcp", "extensions"), ("claude", "agentplugins", "gemini"), ("formats",),
                  ("converting",)]
"""The modules of ``agentconv.packages``, lowest first: each imports only modules of the package below its own layer."""


def test_package_modules_import_only_the_layers_below():
    layer = {m: i for i, names in enumerate(PACKAGE_LAYERS) for m in names}
    folder = SRC / "packages"
    assert sorted(layer) == sorted(p.stem for p in folder.glob("*.py") if p.stem != "__init__")
    offenders = []
    for path in sorted(folder.glob("*.py")):
        if path.stem == "__init__":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            mod = _absolute(path, node)
            names = [mod] + [f"{mod}.{a.name}" for a in node.names]
            for name in names:
                inner = name.removeprefix("agentconv.packages.").split(".")[0]
                if name.startswith("agentconv.packages.") and inner in layer and layer[inner] >= layer[path.stem] \
                        and inner != path.stem:
                    offenders.append(f"{path.name}: {inner}")
    assert offenders == []


_PERSONA = ("a persona has no header: its title and first paragraph are guesses from the text (a paragraph that is "
            "a list or a heading is prompt), and a write reads itself back to say what those conventions cannot hold")
RECORD_QUIRKS: dict[tuple[str, str], str] = {("markdown", "read_record"): _PERSONA, ("markdown", "write_record"): _PERSONA,
                                             ("opencode-json", "read_record"): "an entry of an OpenCode config is read by "
                                             "the markdown dialect of its kind (opencode, opencode-command)",
                                             ("opencode-json", "write_record"): "nothing is written into a user's "
                                             "OpenCode config (it holds other settings): refused"}
"""(dialect, method) -> why it reads or writes a record itself; every other dialect is a table, an envelope and hooks."""


def test_no_dialect_reads_or_writes_a_record_itself():
    """A dialect (built in or plugin) is its table plus its envelope: ``read_record`` / ``write_record`` are the base's,
    except where ``RECORD_QUIRKS`` names the reason."""
    from agentconv import registry
    from agentconv.dialects.base import Dialect

    found = {}
    for d in registry.all_dialects():
        for method in ("read_record", "write_record"):
            owner = next(c for c in type(d).__mro__ if method in vars(c))
            if owner is not Dialect:
                found[(d.id, method)] = owner.__qualname__
    assert sorted(found) == sorted(RECORD_QUIRKS)
