"""The generated reference (docs/reference/) matches the tables, and `agentconv explain` says the same."""
from __future__ import annotations

import ast
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
        assert entry["template"].strip(), code
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


def _loss_sites() -> list[tuple[str, list[str], ast.expr | None, dict[str, ast.expr] | None, ast.AST]]:
    """Every place in src/ and adapters/ that makes a loss item: ``(where, codes, variant, parameters, scope)``, with
    the codes it can report, its ``variant`` argument, its parameters by name (None: a helper passing on its caller's
    ``**params``, whose callers are the sites) and the innermost function it is in. The places: ``.add(LossCode.X,
    ...)``, ``.lose(path, LossCode.X, ...)``, ``_loss(report, LossCode.X, ...)``, a package's ``loss(report,
    LossCode.X, ...)``, envelope ``Note(LossCode.X, {...})``, an item kept for later as ``(LossCode.X, path, {...})``,
    and ``broaden(ctx, VARIANT, ...)`` (a tool-broadened refusal, or the item; codex's and cursor's ``_broaden``
    too)."""
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "adapters").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        inner = {}
        for scope in [tree] + [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            for node in ast.walk(scope):  # the innermost function holding each node (ast.walk goes outside in)
                inner[id(node)] = (node, scope)
        for node, scope in inner.values():
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
    assert wrong == []


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

    bare = {code.value for code, (_, template) in spec().items() if not _literal_words(template)}
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


def _phrases(node: ast.AST, assigned: dict[str, list[ast.expr]], seen: frozenset[str] = frozenset()) -> list[str]:
    """The phrases an expression writes itself: its string literals and f-strings' literal text, a concatenation's
    parts, and those of a local name it reads (assigned in the same function); a ``.get(key, default)``'s default (a
    fallback name such as "the tool") is a fact."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) and _PHRASE.search(node.value) else []
    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get" and len(node.args) == 2:
        return _phrases(node.func, assigned, seen) + _phrases(node.args[0], assigned, seen)
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in assigned and node.id not in seen:
        return [p for value in assigned[node.id] for p in _phrases(value, assigned, seen | {node.id})]
    return [p for child in ast.iter_child_nodes(node) for p in _phrases(child, assigned, seen)]


def _worded_sites() -> list[tuple[str, str, list[str]]]:
    """(where, code, phrases) of every place that makes a loss item (``_loss_sites``) whose parameters write wording."""
    found = []
    for where, codes, _, params, scope in _loss_sites():
        assigned: dict[str, list[ast.expr]] = {}
        for n in ast.walk(scope):
            if isinstance(n, ast.Assign):
                for t in n.targets:
                    if isinstance(t, ast.Name):
                        assigned.setdefault(t.id, []).append(n.value)
            elif isinstance(n, (ast.AugAssign, ast.AnnAssign)) and isinstance(n.target, ast.Name) and n.value:
                assigned.setdefault(n.target.id, []).append(n.value)
        said = [p for value in (params or {}).values() for p in _phrases(value, assigned)]
        found += [(where, code, said) for code in codes if said]
    return found


def test_no_call_site_writes_its_message() -> None:
    """The wording lives in losses.toml with the loss types (pandoc's LogMessage model): a call site names its code and
    variant and passes facts (names, keys, values, paths), never words of the sentence (an f-string or a literal with
    words, a concatenation), for any code."""
    assert _worded_sites() == []
