"""The generated reference (docs/reference/) matches the tables, and `agentconv explain` says the same."""
from __future__ import annotations

import ast
import functools
import re
import string
import subprocess
import sys
from pathlib import Path

from agentconv import docs
from agentconv.loss import LossCode

ROOT = Path(__file__).resolve().parent.parent
REF = ROOT / "docs" / "reference"


def test_checked_in_reference_is_what_the_tables_generate() -> None:
    pages = docs.generate()
    on_disk = {p.name: p.read_text("utf-8") for p in REF.glob("*.md")}
    assert sorted(on_disk) == sorted(pages), "run `make docs`"
    for name, text in pages.items():
        assert on_disk[name] == text, f"docs/reference/{name} drifted from the tables: run `make docs`"


def test_check_mode_names_a_drifted_page(tmp_path: Path) -> None:
    assert docs.main([str(tmp_path)]) == 0
    assert docs.main(["--check", str(tmp_path)]) == 0
    (tmp_path / "copilot.md").write_text("edited by hand\n")
    assert docs.main(["--check", str(tmp_path)]) == 1


def test_every_loss_code_is_explained() -> None:
    table = docs.loss_codes()
    assert list(table) == [c.value for c in LossCode]
    for code, entry in table.items():
        assert entry["severity"] in ("info", "warning", "error"), code  # one severity per code
        assert entry["template"].strip() if "template" in entry else entry["variants"], code
        assert entry["meaning"].strip() and entry["remedy"].strip(), code
    text = docs.losses_page()
    assert all(f"## `{c.value}`" in text for c in LossCode)


def test_dialect_pages_hold_the_tables() -> None:
    from agentconv import registry

    page = docs.generate()["copilot.md"]
    t = registry.get("copilot").table
    for key, ipath in t["fields"].items():
        assert f"| `{key}` | `{ipath}` |" in page
    for version, spelling in {**t["model"]["alias"], **t["model"]["version"]}.items():
        assert f"| `{version}` | `{spelling}` |" in page
    assert "| `write` | `edit/createFile`, `edit/createDirectory` |" in page
    tools = docs.generate()["tools.md"]
    spelled = [d for d in docs._builtins() if d.table.get("tools")]
    row = next(line for line in tools.splitlines() if line.startswith("| `read` |") and line.count("|") > 4)
    assert row == "| `read` | " + " | ".join(docs._cell(d.table["tools"].get("read")) or "—" for d in spelled) + " |"


def test_explain_cli() -> None:
    run = lambda *a: subprocess.run([sys.executable, "-m", "agentconv", "explain", *a], capture_output=True, text=True,
                                    timeout=60)
    r = run("tool-unmapped", "yaml-lenient")
    assert r.returncode == 0 and r.stdout == docs.explain("tool-unmapped") + "\n" + docs.explain("yaml-lenient")
    r = run("tool-unmaped")
    assert r.returncode == 2 and r.stderr == "agentconv: error: unknown loss code 'tool-unmaped'; did you mean 'tool-unmapped'?\n"
    assert run().stdout.count("What to do:") == len(LossCode)


def test_a_code_without_one_severity_and_a_template_is_refused(monkeypatch) -> None:
    """losses.toml is the one source: a code it gives no template, or not exactly one severity, fails at once."""
    from agentconv import loss, tables

    real = tables.builtin("losses.toml")
    for broken in ({"severity": "warning", "meaning": "m", "remedy": "r"},
                   {"severity": "info or warning", "template": "{what}", "meaning": "m", "remedy": "r"}):
        monkeypatch.setattr(tables, "builtin", lambda name: {**real, "tool-unmapped": broken})
        monkeypatch.setattr(loss, "_SPEC", {})
        try:
            loss.spec()
        except KeyError as exc:
            assert "tool-unmapped" in str(exc)
        else:
            raise AssertionError(f"accepted {broken}")


def _variant(node: ast.expr | None) -> list[str | None]:
    """The variant names a call site's ``variant`` argument can take: a name, None, or either of two (``a if c else
    b``); anything else (a value computed elsewhere) is ``"<computed>"``, which names no variant."""
    if node is None or isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, str)):
        return [None if node is None else node.value]
    if isinstance(node, ast.IfExp):
        return _variant(node.body) + _variant(node.orelse)
    return ["<computed>"]


def _codes(node: ast.expr) -> list[str]:
    """The codes a call site's code argument can be: ``LossCode.X``, or either of two (``LossCode.A if c else
    LossCode.B``); none where it is computed elsewhere."""
    if isinstance(node, ast.IfExp):
        return _codes(node.body) + _codes(node.orelse)
    return [node.attr] if isinstance(node, ast.Attribute) and getattr(node.value, "id", "") == "LossCode" else []


_FACTS_OF = {"add": 1, "lose": 2, "_loss": 2, "loss": 2, "Note": 1}
"""A loss call's name -> where its code argument is (1: first, 2: second); ``lose`` without one: field-dropped."""


@functools.cache
def _modules() -> list[tuple[Path, ast.Module, dict[int, ast.AST]]]:
    """Every module of src/ and adapters/ (not the plugins' tests), parsed once: (path, tree, id(node) -> the innermost function holding it, or
    the module)."""
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "adapters").rglob("*.py")):
        if "tests" in path.relative_to(ROOT).parts:  # an example plugin's tests: they make no message
            continue
        tree = ast.parse(path.read_text("utf-8"))
        inner: dict[int, ast.AST] = {}
        todo: list[tuple[ast.AST, ast.AST]] = [(tree, tree)]
        while todo:
            node, scope = todo.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                scope = node
            inner[id(node)] = scope
            todo += [(child, scope) for child in ast.iter_child_nodes(node)]
        found.append((path, tree, inner))
    return found


def _loss_sites() -> list[tuple[str, list[str], ast.expr | None, dict[str, ast.expr] | None, ast.AST]]:
    """Every place in src/ and adapters/ that makes a loss item: ``(where, codes, variant, parameters, scope)``, with
    the codes it can report, its ``variant`` argument, its parameters by name (None: a helper passing on its caller's
    ``**params``, whose callers are the sites) and the innermost function it is in. The places: ``.add(LossCode.X,
    ...)``, ``.lose(path, LossCode.X, ...)``, ``_loss(report, LossCode.X, ...)``, a package's ``loss(report,
    LossCode.X, ...)``, envelope ``Note(LossCode.X, {...})``, an item kept for later as ``(LossCode.X, path, {...})``,
    and ``broaden(ctx, VARIANT, ...)`` (a tool-broadened refusal, or the item; codex's and cursor's ``_broaden``
    too)."""
    found = []
    for path, tree, inner in _modules():
        for node in ast.walk(tree):
            scope = inner[id(node)]
            where, params, chosen = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}", None, None
            if isinstance(node, ast.Tuple) and len(node.elts) == 3 and isinstance(node.elts[2], ast.Dict):
                codes, facts = _codes(node.elts[0]), node.elts[2]
            elif isinstance(node, ast.Call):
                func = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if func in ("broaden", "_broaden") and len(node.args) >= 2:
                    codes, chosen = ["TOOL_BROADENED"], node.args[1]
                else:
                    at = _FACTS_OF.get(func, 0)
                    codes = _codes(node.args[at - 1]) if 0 < at <= len(node.args) else \
                        ["FIELD_DROPPED"] if func == "lose" else []
                facts = node.args[1] if func == "Note" and len(node.args) > 1 else None
                if facts is None and all(k.arg is not None for k in node.keywords):
                    params = {k.arg: k.value for k in node.keywords if k.arg not in ("line", "target", "file")}
                    chosen = params.pop("variant", chosen)
            else:
                continue
            if not codes:
                continue
            if facts is not None and all(isinstance(k, ast.Constant) for k in facts.keys):
                params = {k.value: v for k, v in zip(facts.keys, facts.values)}
                chosen = params.pop("variant", None)
            found.append((where, codes, chosen, params, scope))
    return found


def _call_sites() -> list[tuple[str, str, str | None, set[str]]]:
    """(where, code, variant, parameter names) of every place that makes a loss item (``_loss_sites``) but a helper
    passing on its caller's parameters; one row per code and variant an ``a if c else b`` can pick."""
    return [(where, code, variant, set(params)) for where, codes, chosen, params, _ in _loss_sites()
            if params is not None for code in codes for variant in _variant(chosen)]


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_call_site_passes_exactly_its_templates_parameters() -> None:
    """A call site says which code (and which of its variants, by name) and the template's parameters, nothing else:
    no severity, no wording."""
    from agentconv.loss import spec, variants
    from agentconv.tables import builtin

    sites = _call_sites()
    assert len(sites) > 90 and sum(code == "TOOL_BROADENED" for _, code, _, _ in sites) > 25
    wrong = []
    for where, code, variant, names in sites:
        table = variants(LossCode[code])
        if variant is not None and variant not in table:
            wrong.append(f"{where}: {code} has no variant {variant!r}")
            continue
        fields = _fields(spec()[LossCode[code]][1] if variant is None else table[variant])
        if names != fields:
            wrong.append(f"{where}: {code} {variant or ''} passes {sorted(names)}, its template takes {sorted(fields)}")
    shared = {name: value for name, value in builtin("losses.toml").items() if isinstance(value, str)}
    said = 0
    for path, tree, _ in _modules():  # a shared sentence (``loss.sentence``) is named and filled the same way
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) == "sentence" and node.args:
                for name in _variant(node.args[0]):
                    said += 1
                    names = {k.arg for k in node.keywords}
                    if name not in shared:
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: no shared sentence {name!r}")
                    elif None not in names and names != _fields(shared[name]):
                        wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name} passes {sorted(names)}, it takes "
                                     f"{sorted(_fields(shared[name]))}")
    assert wrong == [] and said > 50


def _reached() -> set[tuple[str, str | None]]:
    """(code, variant) of every template a call site can fill (``_loss_sites``; None: the code's default template); a
    code whose variant is computed (``"<computed>"``) reaches all of its templates. Besides: ``LossCode.X.message(...)``
    and a record whose ``code`` is ``LossCode.X`` (``Retyped.code``, filled by ``message(**params)``), default or named."""
    reached = {(code, variant) for _, codes, chosen, _, _ in _loss_sites() for code in codes for variant in
               _variant(chosen)}
    for _, tree, _ in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "message" \
                    and _codes(node.func.value):
                chosen = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "variant"), None)
                reached |= {(code, v) for code in _codes(node.func.value) for v in _variant(chosen)}
            elif isinstance(node, ast.Assign) and _codes(node.value):
                reached |= {(code, None) for code in _codes(node.value)}
    computed = {code for code, variant in reached if variant == "<computed>"}
    return reached | {(c.name, v) for c in LossCode if c.name in computed for v in (None, *c_variants(c))}


def c_variants(code: LossCode) -> list[str]:
    from agentconv.loss import variants

    return list(variants(code))


def test_every_template_of_losses_toml_is_one_a_call_site_can_fill() -> None:
    """No template nothing can reach. A code's default template: some call site names the code and no variant (or
    passes its variant on, ``**facts``); a code whose every call site names a variant has none (``explain`` and
    docs/reference/losses.md show its variants alone), and no call site names no variant of such a code. A variant:
    some call site names it, or its name is a string of the source (a helper's argument: ``drop("claude-type")``).
    Static: a template only a test fills fails."""
    from agentconv.loss import spec

    reached = _reached()
    strings = {node.value for _, tree, _ in _modules() for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    unreached = [c.value for c in LossCode if spec()[c][1] is not None and (c.name, None) not in reached]
    unnamed = [(c.value, v) for c in LossCode for v in c_variants(c) if (c.name, v) not in reached and v not in strings]
    defaultless = [c.value for c in LossCode if spec()[c][1] is None and (c.name, None) in reached]
    assert (unreached, unnamed, defaultless) == ([], [], [])
    assert len(reached) > 400


def _literal_words(template: str) -> list[str]:
    """The words a template says itself, outside its fields (``{{`` and ``}}`` are literal braces)."""
    return re.findall(r"[A-Za-z]+", "".join(literal for literal, _, _, _ in string.Formatter().parse(template)))


# Codes whose message is a file and an error's own line (an exception's text, the tree walk's refusal of a link out of
# it), which reaches the user in the same words where that error stops a run: the wording lives with the error.
_ERROR_LINE = {"component-unreadable"}


def test_every_template_says_something_itself() -> None:
    """The wording lives in losses.toml, with the loss types (pandoc's LogMessage model): every template, variant and
    shared sentence says at least one word of its own beyond its fields, so that no call site writes a whole sentence
    through a bare ``{what}``. A widening's refusal line is its tool-broadened variant too."""
    from agentconv.loss import spec
    from agentconv.tables import builtin

    bare = {code.value for code, (_, template) in spec().items()
            if template is not None and not _literal_words(template)}
    assert bare == _ERROR_LINE
    table = builtin("losses.toml")
    empty = [f"{code.value}.variants.{name}" for code in LossCode
             for name, template in table[code.value].get("variants", {}).items() if not _literal_words(template)]
    empty += [name for name, value in builtin("losses.toml").items() if isinstance(value, str) and not _literal_words(value)]
    assert empty == []


def test_a_widening_names_its_variant_and_passes_facts() -> None:
    """Every ``broaden`` (a refusal unless ``--allow-broaden``, else a tool-broadened item) and every tool-broadened
    ``add`` names a variant of losses.toml (or None: the template) with a literal, never a sentence: no f-string,
    no concatenation, no ``what``."""
    sites = [(where, variant) for where, code, variant, _ in _call_sites() if code == "TOOL_BROADENED"]
    assert [s for s in sites if s[1] == "<computed>"] == []
    from agentconv.loss import variants

    named = {v for _, v in sites} - {None}
    assert named <= set(variants(LossCode.TOOL_BROADENED)) and len(named) > 20


_PHRASE = re.compile(r"[A-Za-z]{2,}[^\sA-Za-z{}]*\s+[^\sA-Za-z{}]*[A-Za-z]{2,}")
"""Two words with a space between: wording, where a fact (a name, a key, a value, a path) is one token."""


_WORD = re.compile(r"\s[A-Za-z]{2,}\s")
"""A word between blanks in an f-string's own text (``f"{n}({p}) for {raw} {p}"``): wording, where a fact is a field
between marks (``f"extensions.{ns}.{key}"``, ``f"{n}({p})"``)."""
_PATTERN = re.compile(r"\(\?|\\[bswd]")
"""A regular expression's marks: such a literal is a pattern, not wording."""


class _Source:
    """Every module of src/ and adapters/ parsed once: each function by name (with the innermost function holding
    each node) and each call by the name it calls, so that a value can be followed out of the function that makes
    a loss item: to what its callers pass for a parameter, and to what a function it calls returns."""

    def __init__(self) -> None:
        self.scope: dict[int, ast.AST] = {}        # id(node) -> the innermost function (or module) holding it
        self.functions: dict[str, list[ast.AST]] = {}
        self.calls: dict[str, list[ast.Call]] = {}  # a function's name -> every call of that name
        self._assigned: dict[int, dict[str, list[ast.expr]]] = {}
        self._memo: dict[tuple, frozenset[str]] = {}
        for _, tree, inner in _modules():
            self.scope.update(inner)
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self.functions.setdefault(node.name, []).append(node)
                elif isinstance(node, ast.Call):
                    self.calls.setdefault(_called(node), []).append(node)

    def assigned(self, scope: ast.AST) -> dict[str, list[ast.expr]]:
        """A function's local names -> the values it gives them: assignments (a tuple's element where one is
        unpacked, the whole value where that cannot be told), ``+=``, ``:=``, what ``.append``/``.extend`` adds to a
        list, and what a ``for`` loop's names take (the whole sequence)."""
        if id(scope) not in self._assigned:
            out: dict[str, list[ast.expr]] = {}

            def bind(target: ast.expr, value: ast.expr) -> None:
                if isinstance(target, ast.Name):
                    out.setdefault(target.id, []).append(value)
                elif isinstance(target, (ast.Tuple, ast.List)):
                    for i, t in enumerate(target.elts):
                        bind(t, value.elts[i] if isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) ==
                             len(target.elts) else _Element(value, i))

            for n in ast.walk(scope):
                if isinstance(n, ast.Assign):
                    for t in n.targets:
                        bind(t, n.value)
                elif isinstance(n, (ast.AugAssign, ast.AnnAssign, ast.NamedExpr)) and n.value is not None:
                    bind(n.target, n.value)
                elif isinstance(n, (ast.For, ast.comprehension)):
                    bind(n.target, n.iter)
                elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                        and n.func.attr in ("append", "extend", "add", "insert"):
                    out.setdefault(n.func.value.id, []).extend(n.args)
            self._assigned[id(scope)] = out
        return self._assigned[id(scope)]

    def passed(self, func: ast.AST, name: str) -> list[tuple[ast.expr, ast.AST]]:
        """What the calls of ``func`` (by its name) pass for its parameter ``name``: (the argument, the caller's scope)."""
        args = func.args.posonlyargs + func.args.args
        at = next((i for i, a in enumerate(args) if a.arg == name), None)
        method = bool(args) and args[0].arg in ("self", "cls")
        found = []
        for call in self.calls.get(func.name, ()):
            got = next((k.value for k in call.keywords if k.arg == name), None)
            if got is None and at is not None:
                i = at - (1 if method and isinstance(call.func, ast.Attribute) else 0)
                got = call.args[i] if 0 <= i < len(call.args) and not isinstance(call.args[i], ast.Starred) else None
            if got is not None:
                found.append((got, self.scope[id(call)]))
        return found

    def returned(self, name: str, index: int | None) -> frozenset[str]:
        """The wording the function of src/ called ``name`` returns (element ``index`` of a tuple it returns, where the
        caller unpacks one), read no further than its own body: its parameters are the caller's to check."""
        key = ("returns", name, index)
        funcs = self.functions.get(name, ())
        if len(funcs) != 1 or name in _COMMON:  # a name several functions share (a method) tells none of them
            return _NONE
        if key not in self._memo:
            self._memo[key] = frozenset()  # a recursion finds nothing more
            found: set[str] = set()
            for func in funcs:
                for n in ast.walk(func):
                    if isinstance(n, ast.Return) and n.value is not None and self.scope[id(n)] is func:
                        value = n.value
                        if index is not None and isinstance(value, ast.Tuple) and index < len(value.elts):
                            value = value.elts[index]
                        found |= self.phrases(value, func, hops=0)
            self._memo[key] = frozenset(found)
        return self._memo[key]

    def name(self, name: str, scope: ast.AST, hops: int) -> frozenset[str]:
        """The wording a function's local name holds: what the function gives it, else, for a parameter, what the
        callers pass (where ``hops`` is left: one hop out of a function, no more)."""
        key = ("name", id(scope), name, hops)
        if key not in self._memo:
            self._memo[key] = frozenset()  # a recursion finds nothing more
            local = self.assigned(scope).get(name)
            found: set[str] = set()
            if local:
                for value in local:
                    found |= self.phrases(value, scope, hops)
            elif hops and isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) and name in {
                    a.arg for a in scope.args.posonlyargs + scope.args.args + scope.args.kwonlyargs} and \
                    len(self.functions.get(scope.name, ())) == 1:
                for value, where in self.passed(scope, name):
                    found |= self.phrases(value, where, hops - 1)
            self._memo[key] = frozenset(found)
        return self._memo[key]

    def phrases(self, node: ast.AST, scope: ast.AST, hops: int = 1) -> frozenset[str]:
        """The wording an expression writes itself: a string literal with two words, the words of an f-string's own
        text, a concatenation's parts; and, followed, those of a local name it reads (what the function gives it),
        of a parameter of its function (what the callers pass), of a call to a function of src/ (what it returns;
        one element of it where a tuple is unpacked). A ``.get(key, default)``'s default (a fallback name such as
        "the tool") and a shared sentence's or a template's name are facts."""
        if isinstance(node, ast.Constant):
            return frozenset([node.value]) if isinstance(node.value, str) and _PHRASE.search(node.value) and \
                not _PATTERN.search(node.value) else _NONE
        parts: list[ast.AST] = list(ast.iter_child_nodes(node))
        found: frozenset[str] = _NONE
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            found = frozenset([text]) if (_WORD.search(text) or _PHRASE.search(text)) and not _PATTERN.search(text) \
                else _NONE
            parts = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
        elif isinstance(node, _Element):
            if not isinstance(node.value, ast.Call):
                return self.phrases(node.value, scope, hops)
            parts, found = _arguments(node.value), self.returned(_called(node.value), node.index) if hops else _NONE
        elif isinstance(node, ast.Call):
            func = _called(node)
            if func == "get" and len(node.args) == 2:
                parts = [node.func, node.args[0]]
            elif func in ("split", "rsplit", "partition", "rpartition") and isinstance(node.func, ast.Attribute):
                parts = [node.func.value]  # a separator cuts the text, it writes no words
            elif func == "sub" and len(node.args) == 3:  # re.sub(pattern, replacement, text): the pattern is no words
                parts = node.args[1:]
            elif func in ("len", "int", "bool", "float", "id", "hash"):  # a number or a truth, whatever it reads
                return _NONE
            elif func in ("sentence", "message", "not_carried"):  # a shared sentence or a template, by its name
                parts = node.args[1:] + [k.value for k in node.keywords]
            elif hops:
                found = self.returned(func, None)
        elif isinstance(node, ast.Name):
            return self.name(node.id, scope, hops) if isinstance(node.ctx, ast.Load) else _NONE
        for part in parts:
            found = found | self.phrases(part, scope, hops)
        return found


_NONE: frozenset[str] = frozenset()
_COMMON = set(dir(__builtins__) if isinstance(__builtins__, dict) is False else __builtins__) | set(dir(str)) | \
    set(dir(dict)) | set(dir(list)) | set(dir(set))
"""Names a call may mean without calling a function of src/ (``str``, ``.join``, ``.get``)."""


def _called(call: ast.Call) -> str:
    return getattr(call.func, "attr", getattr(call.func, "id", ""))


def _arguments(call: ast.Call) -> list[ast.expr]:
    return [call.func, *call.args, *(k.value for k in call.keywords)]


class _Element(ast.expr):
    """Element ``index`` of a value unpacked into several names (``text, why = prompt_file(...)``)."""

    _fields = ()

    def __init__(self, value: ast.expr, index: int) -> None:
        super().__init__()
        self.value, self.index = value, index


def _worded_sites() -> list[tuple[str, str, list[str]]]:
    """(where, code, phrases) of every place that makes a loss item (``_loss_sites``) whose parameters write wording,
    followed out of its function: what a helper's callers pass (``reject_file``'s problem), what a function it calls
    returns (``prompt_file``'s why), what a list it joins was given."""
    source = _Source()
    found = []
    for where, codes, _, params, scope in _loss_sites():
        said = sorted(set().union(*(source.phrases(value, scope) for value in (params or {}).values())))
        found += [(where, code, said) for code in codes if said]
    return found


# Places whose words still reach a message through a helper, a returned value or a list (where: code -> phrases found);
# each moved into losses.toml comes off this list. A new place, or more of its words, fails the test. Left:
# - api.py: read_text's ``dialect=d.id`` is followed to the whole ``Detection(...)`` detect_decoded returns, whose
#   ``problem`` says "..., not an agent file" (an attribute read is followed to its object: ``meta.problem`` must be).
_STILL_WORDED: dict[str, int] = {"src/agentconv/api.py:KIND_CHANGED": 1}


def test_no_call_site_writes_its_message() -> None:
    """The wording lives in losses.toml with the loss types (pandoc's LogMessage model): a call site names its code and
    variant and passes facts (names, keys, values, paths), never words of the sentence (an f-string or a literal with
    words, a concatenation), for any code; nor does what it passes carry words made elsewhere: a helper's parameter
    (``reject_file``'s problem and reading, what each caller passes), a function's returned text (``kiro.prompt_file``'s
    why), a list's items (the rules a tool-narrowed joins). Those still worded are listed (``_STILL_WORDED``)."""
    found: dict[str, set[str]] = {}
    for where, code, said in _worded_sites():
        found.setdefault(f"{where.rpartition(':')[0]}:{code}", set()).update(said)
    assert {k: len(v) for k, v in found.items()} == _STILL_WORDED


def _error_classes() -> set[str]:
    """The names of agentconv's exception classes (``errors.py``, ``LimitError``): what a call site raises."""
    from agentconv import errors
    from agentconv.limits import LimitError

    return {name for name, value in vars(errors).items() if isinstance(value, type) and
            issubclass(value, errors.AgentconvError)} | {LimitError.__name__}


def _problem_calls() -> list[tuple[str, list[str], dict[str, ast.expr], ast.Call, ast.AST]]:
    """Every ``problem(NAME, ...)`` and ``message(NAME, ...)`` of src/ and adapters/: (where, the names it can give
    (``"<computed>"`` where not a literal or ``a if c else b``), its facts by name, the call, its function)."""
    found = []
    for path, tree, inner in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("problem", "message") \
                    and node.args:
                facts = {k.arg: k.value for k in node.keywords if k.arg not in (("file", "line", "remedy")
                                                                                 if node.func.id == "problem" else ())}
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", _variant(node.args[0]), facts, node,
                              inner[id(node)]))
    return found


# Problems whose text is a file and the system's own line for it (an OSError's strerror), in the system's words.
_OS_LINE = {"output-unwritable"}


def test_every_problem_is_named_with_its_facts() -> None:
    """problems.toml holds the words and the kind of every error a bad input or a bad run gets (pandoc's model: the
    message type, not the call site): each call site names a problem of the table and passes exactly its template's
    facts; each problem is raised somewhere, as an exception class of agentconv, and says words of its own."""
    from agentconv.tables import builtin

    table = builtin("problems.toml")
    classes = _error_classes()
    wrong, used = [], set()
    calls = _problem_calls()
    for where, names, facts, _, _ in calls:
        for name in names:
            used.add(name)
            if name not in table:
                wrong.append(f"{where}: no problem {name!r} in problems.toml")
            elif set(facts) != _fields(table[name]["template"]):
                wrong.append(f"{where}: {name} passes {sorted(facts)}, its template takes "
                             f"{sorted(_fields(table[name]['template']))}")
    for name, entry in table.items():
        if entry.get("error") not in classes or set(entry) != {"error", "template"}:
            wrong.append(f"problems.toml: {name} needs an exception class of agentconv and a template, nothing else")
        elif not _literal_words(entry["template"]) and name not in _OS_LINE:
            wrong.append(f"problems.toml: {name} says nothing of its own")
    assert wrong == [] and len(calls) > 80
    assert sorted(set(table) - used) == []  # a problem no code raises is gone from the table


# Errors whose words are still made in code (where: class, or problem for a fact -> phrases found); each moved into
# problems.toml comes off this list, and a new place, or more of its words, fails the test. Why each is left:
# - packages/extensions.py: one clause per target joined into the line ("T loads only ...", "T has no ..."): a clause
#   table (shared sentences, as losses.toml's) is the next step.
# - limits.py: check_size's ``what`` ("the JSON file", "the YAML header", ...) from its four callers: they would pass a
#   problem's name, which the check cannot follow through a parameter yet.
# - packages/agentplugins.py: the Agent Plugins manifest's findings, which validate reports as its own findings too:
#   one list of findings for both is the move.
_ERRORS_STILL_WORDED: dict[str, int] = {
    "src/agentconv/packages/extensions.py:UsageError": 4,
    "src/agentconv/limits.py:problem": 4, "src/agentconv/packages/agentplugins.py:problem": 4}


def test_no_error_writes_its_message() -> None:
    """An error a call site builds (any exception class of agentconv) takes its words from problems.toml: its
    message is ``message(NAME, ...)``, or it is ``problem(NAME, ...)``; no call site writes a literal with words, an
    f-string or a concatenation as an error's message, and no fact passed carries words made elsewhere (a helper's
    parameter, a function's returned text, a list's items: followed as for the loss items)."""
    source = _Source()
    classes = _error_classes()
    found: dict[str, set[str]] = {}
    for path, tree, inner in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called(node) in classes and node.args:
                said = source.phrases(node.args[0], inner[id(node)])
                if said:
                    found.setdefault(f"{path.relative_to(ROOT)}:{_called(node)}", set()).update(said)
    for where, _, facts, _, scope in _problem_calls():
        said = set().union(*(source.phrases(value, scope) for value in facts.values()))
        if said:
            found.setdefault(f"{where.rpartition(':')[0]}:problem", set()).update(said)
    assert {k: len(v) for k, v in found.items()} == _ERRORS_STILL_WORDED, found
