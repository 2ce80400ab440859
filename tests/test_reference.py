"""The generated reference (docs/reference/) matches the tables, and `agentconv explain` says the same."""
from __future__ import annotations

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


def _call_sites() -> list[tuple[str, str, set[str]]]:
    """(where, code, parameter names) of every ``.add(LossCode.X, ...)``, ``.lose(path, LossCode.X, ...)``,
    ``_loss(report, LossCode.X, ...)`` and envelope ``Note(LossCode.X, {...})`` in src/ and adapters/ (``lose``
    without a code: field-dropped)."""
    import ast

    found = []
    for path in sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "adapters").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = getattr(node.func, "attr", getattr(node.func, "id", ""))
            args = {"add": node.args[:1], "lose": node.args[1:2], "_loss": node.args[1:2], "Note": node.args[:1]}.get(
                func, [])
            if func == "lose" and not args:
                args = [ast.parse("LossCode.FIELD_DROPPED", mode="eval").body]
            if not args or not (isinstance(args[0], ast.Attribute) and getattr(args[0].value, "id", "") == "LossCode"):
                continue
            names = {k.arg for k in node.keywords if k.arg not in ("line", "target", "file")}
            if func == "Note":
                names = {k.value for k in node.args[1].keys}
            found.append((f"{path.relative_to(ROOT)}:{node.lineno}", args[0].attr, names))
    return found


def test_every_call_site_passes_exactly_its_templates_parameters() -> None:
    """A call site says which code and the template's parameters, nothing else: no severity, no wording."""
    import string

    from agentconv.loss import spec

    sites = _call_sites()
    assert len(sites) > 90
    wrong = []
    for where, code, names in sites:
        template = spec()[LossCode[code]][1]
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        if names != fields:
            wrong.append(f"{where}: {code} passes {sorted(names)}, its template takes {sorted(fields)}")
    assert wrong == []


_PASS_THROUGH = {
    # a widening's sentence is also the refusal's one error line (BroadenError, exit 6): one sentence per rule
    "tool-broadened",
}


def test_no_template_is_a_bare_pass_through() -> None:
    """The wording lives in losses.toml: a template that is one field alone (``{what}``) would let each call site
    choose it; only the codes listed in ``_PASS_THROUGH`` (see why there) still do."""
    import re

    from agentconv.loss import spec

    bare = {code.value for code, (_, template) in spec().items() if re.fullmatch(r"\{\w+(![rsa])?\}", template)}
    assert bare == _PASS_THROUGH
