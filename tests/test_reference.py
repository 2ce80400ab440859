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


def _call_sites() -> list[tuple[str, str, str | None, set[str]]]:
    """(where, code, variant, parameter names) of every ``.add(LossCode.X, ...)``, ``.lose(path, LossCode.X, ...)``,
    ``_loss(report, LossCode.X, ...)``, envelope ``Note(LossCode.X, {...})`` and ``broaden(ctx, VARIANT, ...)`` (a
    tool-broadened refusal, or the item; codex's and cursor's ``_broaden`` too) in src/ and adapters/ (``lose`` without a
    code: field-dropped); one row per variant an ``a if c else b`` can pick."""
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "adapters").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = getattr(node.func, "attr", getattr(node.func, "id", ""))
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if any(k.arg is None for k in node.keywords):
                continue  # a helper passing on its caller's variant and facts (``**params``): its callers are the sites
            names = {k.arg for k in node.keywords if k.arg not in ("line", "target", "file", "variant")}
            if func in ("broaden", "_broaden") and len(node.args) >= 2:
                for variant in _variant(node.args[1]):
                    found.append((where, "TOOL_BROADENED", variant, names))
                continue
            args = {"add": node.args[:1], "lose": node.args[1:2], "_loss": node.args[1:2], "Note": node.args[:1]}.get(
                func, [])
            if func == "lose" and not args:
                args = [ast.parse("LossCode.FIELD_DROPPED", mode="eval").body]
            if not args or not (isinstance(args[0], ast.Attribute) and getattr(args[0].value, "id", "") == "LossCode"):
                continue
            chosen = next((k.value for k in node.keywords if k.arg == "variant"), None)
            if func == "Note":
                names = {k.value for k in node.args[1].keys}
                chosen = next((v for k, v in zip(node.args[1].keys, node.args[1].values) if k.value == "variant"), None)
                names.discard("variant")
            for variant in _variant(chosen):
                found.append((where, args[0].attr, variant, names))
    return found


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


# Codes whose template still leaves the whole sentence to the call site (a field before a colon and a field after it):
# their wording is still chosen where the item is made. Move it into losses.toml (a template with literal words, or
# named variants) and take the code off this list; nothing may join it.
_WORDED_AT_CALL_SITES = {"value-invalid"}
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
    assert bare == _WORDED_AT_CALL_SITES | _ERROR_LINE
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
