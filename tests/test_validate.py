"""agentconv validate: writers' outputs pass for every fixture and every dialect; hand-made bad files give the
expected findings at the expected lines; the CLI prints FILE:LINE: severity [rule] message and exits 10 on errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import agentconv
from agentconv import registry
from agentconv.errors import AgentconvError, ExitCode
from agentconv.validate import Finding, has_errors, validate, validate_text
from casesupport import REWRITTEN, cases

ROOT = Path(__file__).resolve().parent.parent


def _pairs():
    """Every (fixture, dialect) pair that has an output; the refusals are checked by their golden error files."""
    out = []
    for c in cases():
        for t in registry.ids():
            try:
                agentconv.convert_all(c.input, to=t, path=c.rel)
            except AgentconvError:
                continue
            out.append(pytest.param(c, t, id=f"{c.id}->{t}"))
    return out


@pytest.mark.parametrize(("case", "target"), _pairs())
def test_writer_output_validates(case, target, tmp_path):
    if target == case.source and has_errors(validate(case.input, target, path=case.rel)):
        # same dialect keeps every value as written: what the source gets wrong, validate reports in both
        same = agentconv.convert(case.input, to=target, path=case.rel).text
        assert same.encode() == case.input.read_bytes() or case.id in REWRITTEN, case.id
        return
    for result in agentconv.convert_all(case.input, to=target, path=case.rel):  # several for a multi-record source
        findings = validate_text(result.text, target, path=result.path)
        assert not has_errors(findings), "\n".join(map(str, findings))
        out = tmp_path / result.path  # the same, as a file at the target's own place
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(result.text, "utf-8")
        assert not has_errors(validate(out, target)), "\n".join(map(str, validate(out, target)))


def _found(findings: list[Finding]) -> set[tuple[int, str, str]]:
    return {(f.line, f.severity.value, f.rule) for f in findings}


BAD_CLAUDE = """\
---
name: plugin:bad  # Claude Code refuses ":" (plugin namespacing); Bad_Name would load
description:
tools: Read, Grpe, mcp__github__create_issue, Bash(git *)
model: gpt-9
color: magenta
effort: extreme
permissionMode: yolo
background: "yes"
argument-hint: x
---
body
"""


def test_bad_claude_file():
    f = validate_text(BAD_CLAUDE, "claude", path=".claude/agents/bad.md")
    assert _found(f) == {
        (2, "error", "name-pattern"), (3, "error", "required"), (4, "error", "tool-unknown"),
        (5, "warning", "model"), (6, "error", "value"), (7, "error", "value"), (8, "error", "value"),
        (9, "warning", "type"), (10, "warning", "unknown-key")}
    assert "'Grpe'" in next(x.message for x in f if x.rule == "tool-unknown")  # MCP and Bash(git *) pass
    assert all(x.file == ".claude/agents/bad.md" for x in f)


def test_missing_required_name_and_lenient_header_in_claude():
    text = "---\ndescription: Use when: the user asks\n---\nhi\n"
    f = validate_text(text, "claude")
    assert _found(f) == {(1, "error", "required"), (2, "warning", "yaml-strict")}  # Claude Code tolerates it


def test_copilot_tools_foreign_case_unknown_and_lines():
    text = ("---\ndescription: d\ntools:\n  - read/readFile\n  - read_file\n  - Read\n  - edit/editfiles\n"
            "  - github/create_issue\n  - nonsense\nreasoningEffort: huge\n---\nbody\n")
    f = validate_text(text, "copilot", path=".github/agents/x.agent.md")
    assert _found(f) == {(5, "error", "tool-foreign"), (6, "error", "tool-foreign"), (7, "warning", "tool-case"),
                         (9, "error", "tool-unknown"), (10, "error", "value")}


def test_copilot_body_limit():
    f = validate_text("---\ndescription: d\n---\n" + "x" * 30001, "copilot")
    assert _found(f) == {(4, "error", "body-limit")}
    assert not validate_text("---\ndescription: d\n---\n" + "x" * 30000, "copilot")


def test_opencode_strict_yaml_values_and_permissions():
    text = ("---\ndescription: Use when: the user asks\nmode: boss\ncolor: teal\npermission:\n  edit: maybe\n"
            "  bash:\n    \"git *\": allow\n---\nhi\n")
    f = validate_text(text, "opencode")
    assert _found(f) == {(2, "error", "yaml-strict"), (3, "error", "value"), (4, "error", "value"),
                         (6, "error", "value")}


def test_detection_file_and_directory(tmp_path):
    good = tmp_path / ".claude" / "agents" / "ok.md"
    good.parent.mkdir(parents=True)
    good.write_text("---\nname: ok\ndescription: fine\ntools: Read\n---\nbody\n", "utf-8")
    bad = tmp_path / ".claude" / "agents" / "bad.md"
    bad.write_text("---\nname: bad\ndescription: d\ncolor: magenta\n---\n", "utf-8")
    assert validate(good) == []
    assert validate(str(good)) == []  # a str naming a file is a path
    f = validate(tmp_path)
    assert [(Path(x.file).name, x.line, x.rule) for x in f] == [("bad.md", 4, "value")]
    assert str(f[0]).endswith("bad.md:4: error [value] color: 'magenta' is not one of red, blue, green, yellow, "
                              "purple, orange, pink, cyan")


def test_unreadable_and_undetectable():
    assert _found(validate_text(b"---\nname: caf\xe9\n---\n")) == {(1, "error", "encoding")}
    assert _found(validate_text("---\nname: x\n", "claude")) == {(1, "error", "parse")}


def test_unknown_dialect_and_missing_path():
    with pytest.raises(agentconv.UnknownDialectError):
        validate_text("---\n---\n", "nope")
    with pytest.raises(agentconv.ParseError):
        validate(Path("/nonexistent/agent.md"))


def cli(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "agentconv", "validate", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=60)


def test_cli_validate(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(BAD_CLAUDE, "utf-8")
    out = cli(str(bad), "--dialect", "claude")
    assert out.returncode == ExitCode.VALIDATION == 10
    assert f"{bad}:6: error [value] color: 'magenta' is not one of red, blue, green, yellow, purple, orange, pink, cyan" \
        in out.stdout.splitlines()
    data = json.loads(cli("-", "--dialect", "claude", "--json", stdin=BAD_CLAUDE).stdout)
    assert data["summary"] == {"errors": 6, "warnings": 3}
    assert {"file": None, "line": 2, "severity": "error", "rule": "name-pattern",
            "message": "name 'plugin:bad' does not fit claude's rule ^[^-:][^:]{0,255}$"} in data["findings"]
    seed = "fixtures/cases/claude/seed-001/.claude/agents/backend-developer.md"
    ok = cli(seed)
    assert ok.returncode == 0 and ok.stdout == ""
    warn_only = cli("fixtures/cases/claude/seed-004/.claude/agents/backend-api-developer.md")
    assert warn_only.returncode == 0 and "warning [yaml-strict]" in warn_only.stdout
    assert cli(str(tmp_path / "missing.md")).returncode == ExitCode.PARSE
    assert cli(seed, "--dialect", "nope").returncode == ExitCode.UNKNOWN_DIALECT
