"""The Windsurf plugin: installed through the entry point, read/written by the table, and end to end through the CLI.

Needs the plugin installed into agentconv's environment (`pip install -e adapters/agentconv-windsurf`; agentconv's
`make install` does it). The CLI runs as a separate process, exactly as a user would run it.
"""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import agentconv
from agentconv import registry
from agentconv.loss import LossCode, Severity

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
RULE = FIXTURES / ".windsurf" / "rules" / "python-style.md"
AGENT = FIXTURES / ".claude" / "agents" / "code-reviewer.md"


def cli(*args: str, stdin: str = "", cwd: Path = FIXTURES) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)


# ---------------------------------------------------------------- registration
def test_entry_point_is_installed():
    eps = {ep.name: ep.value for ep in entry_points(group="agentconv.dialects")}
    assert eps.get("windsurf") == "agentconv_windsurf:Windsurf", "pip install -e adapters/agentconv-windsurf"


def test_registry_loads_it_after_the_builtins():
    from agentconv_windsurf import Windsurf

    d = registry.get("windsurf")
    assert isinstance(d, Windsurf) and d.table["id"] == "windsurf"
    assert registry.get("cascade") is d
    ids = registry.ids()
    assert ids.index("windsurf") > ids.index("markdown")
    assert "windsurf" not in registry.broken()
    assert d in registry.all_dialects()


# ---------------------------------------------------------------- library
def test_read_a_rule():
    doc, report = agentconv.read(RULE, path=".windsurf/rules/python-style.md")
    agent = doc.agent
    assert report.source == "windsurf"
    assert agent.name == "python-style"  # from the file name
    assert agent.description == "Python house style for this repository."
    assert agent.prompt == "Use type hints on every public function.\nPrefer `pathlib.Path` over `os.path`.\n"
    assert agent.extensions["windsurf"] == {"trigger": "glob", "globs": "**/*.py"}
    assert agent.tools.mode == "inherit" and agent.model is None


def test_model_decision_is_the_default_and_leaves_no_extension():
    text = "---\ntrigger: model_decision\ndescription: d\n---\n\nbody\n"
    doc, _ = agentconv.read_text(text, "windsurf", path=".windsurf/rules/r.md")
    assert "windsurf" not in doc.agent.extensions
    assert agentconv.write(doc, "windsurf") == text  # and it is written back


def test_same_dialect_same_bytes():
    result = agentconv.convert(RULE, to="windsurf", path=".windsurf/rules/python-style.md")
    assert result.text == RULE.read_text("utf-8")
    assert result.path == ".windsurf/rules/python-style.md"


def test_write_from_claude_reports_the_tool_policy():
    result = agentconv.convert(AGENT, to="windsurf", path=".claude/agents/code-reviewer.md")
    head = result.text.split("---\n")[1].splitlines()
    assert head[0] == "trigger: model_decision"
    assert head[1].startswith("description: Reviews a diff")
    assert "\nYou review code changes.\n" in result.text
    assert result.path == ".windsurf/rules/code-reviewer.md"
    by_path = {i.path: i for i in result.report if i.target == "windsurf"}
    assert by_path["tools"].code in (LossCode.FIELD_CARRIED, LossCode.FIELD_DROPPED)  # a loss, never a broadening
    assert "windsurf has no tool field" in by_path["tools"].message
    assert {"model", "metadata.color"} <= set(by_path)


def test_tool_policy_is_a_warning_without_carry():
    result = agentconv.convert(AGENT, to="windsurf", path=".claude/agents/code-reviewer.md",
                               policy=agentconv.Policy(carry=False))
    assert "agentconv-carry" not in result.text
    tools = [i for i in result.report if i.path == "tools" and i.target == "windsurf"]
    assert tools and tools[0].severity == Severity.WARNING and tools[0].code == LossCode.FIELD_DROPPED
    with pytest.raises(agentconv.LossError):
        agentconv.convert(AGENT, to="windsurf", path=".claude/agents/code-reviewer.md",
                          policy=agentconv.Policy(carry=False, fail_on=Severity.WARNING))


def test_body_limit():
    doc, _ = agentconv.read_text("---\ntrigger: always_on\n---\n" + "x" * 12001, "windsurf", path=".windsurf/rules/big.md")
    report = agentconv.LossReport()
    agentconv.write(doc, "windsurf", report=report)
    assert any(i.path == "prompt" and "12000" in i.message for i in report)


@pytest.mark.parametrize("source", [AGENT, RULE], ids=["claude", "windsurf"])
def test_round_trip_covers_every_difference(source):
    from agentconv import diff

    doc, _ = agentconv.read(source, path=source.relative_to(FIXTURES).as_posix())
    via = "claude" if doc.agent.origin.dialect == "windsurf" else "windsurf"
    rt = diff.roundtrip(doc, via)
    assert rt.uncovered == [], rt.differences


@pytest.mark.parametrize("source,path,text", [
    ("copilot", ".github/chatmodes/v2.0-Helper.chatmode.md", "---\ndescription: Helps.\nmodel: GPT-4.1\n---\n\nHelp.\n"),
    ("claude-command", ".claude/commands/plan_tests.md", "---\ndescription: Plan tests.\n---\n\nPlan $ARGUMENTS.\n"),
], ids=["dotted", "underscore"])
def test_a_rule_agentconv_wrote_keeps_the_name_its_file_name_rewrote(source, path, text):
    """The rule's file name is the name as Windsurf spells it (v2-0-helper.md); the side channel's spelling (v2.0-Helper)
    stays the name on reading: converted to windsurf again it rides again (it dropped out of the comment), and
    converted back the source's own file name returns (it came back as v2-0-helper)."""
    rule = agentconv.convert_text(text, "windsurf", from_=source, path=path)
    assert rule.path != f".windsurf/rules/{path.rsplit('/', 1)[-1]}"  # the file name did rewrite it
    again = agentconv.convert_text(rule.text, "windsurf", from_="windsurf", path=rule.path)
    assert again.text == rule.text
    back = agentconv.convert_text(rule.text, source, from_="windsurf", path=rule.path)
    assert back.name == agentconv.read_text(text, source, path=path)[0].agent.name


# ---------------------------------------------------------------- CLI, end to end
def test_cli_dialects_lists_windsurf():
    out = cli("dialects")
    assert out.returncode == 0, out.stderr
    assert any(line.split()[:3] == ["windsurf", "Windsurf", "rule"] for line in out.stdout.splitlines())
    assert "windsurf: name, description" in out.stdout
    rows = json.loads(cli("dialects", "--json").stdout)["dialects"]
    assert [r for r in rows if r["id"] == "windsurf"][0]["path"] == ".windsurf/rules/{name}.md"


def test_cli_detect_finds_a_rule(tmp_path):
    out = cli("detect", ".windsurf/rules/python-style.md")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("windsurf  ")
    bare = tmp_path / ".windsurf" / "rules" / "x.md"  # no header at all: the path alone says it
    bare.parent.mkdir(parents=True)
    bare.write_text("Always answer in English.\n", "utf-8")
    det = json.loads(cli("detect", "--json", str(bare)).stdout)["files"][0]
    assert det["dialect"] == "windsurf"


def test_cli_convert_to_windsurf_and_back():
    there = cli("convert", ".claude/agents/code-reviewer.md", "--to", "windsurf", "-v")
    assert there.returncode == 0, there.stderr
    assert there.stdout.startswith("---\ntrigger: model_decision\ndescription: Reviews a diff")
    assert "tools: the allowlist of 3 tools not written: windsurf has no tool field" in there.stderr
    back = cli("convert", "-", "--from", "windsurf", "--to", "claude", stdin=there.stdout)
    assert back.returncode == 0, back.stderr
    assert back.stdout == AGENT.read_text("utf-8")  # the carry comment gives everything back, byte for byte


def test_cli_batch_to_windsurf_then_detected_back(tmp_path):
    out = cli("convert", ".claude", "--to", "windsurf", "-o", str(tmp_path / "ws"))
    assert out.returncode == 0, out.stderr
    rule = tmp_path / "ws" / ".windsurf" / "rules" / "code-reviewer.md"
    assert rule.is_file()
    back = cli("convert", str(rule), "--to", "claude")  # detected as windsurf from its path and header
    assert back.returncode == 0, back.stderr
    assert back.stdout == AGENT.read_text("utf-8")


def test_cli_strict_fails_on_the_tool_loss():
    out = cli("convert", ".claude/agents/code-reviewer.md", "--to", "windsurf", "--no-carry", "--strict")
    assert out.returncode == int(agentconv.ExitCode.LOSS)


# ---------------------------------------------------------------- validate (the table's rules apply to plugins too)
def test_validate_a_rule():
    from agentconv.validate import validate, validate_text

    assert validate(RULE) == []
    out = agentconv.convert(AGENT, to="windsurf", path=".claude/agents/code-reviewer.md")
    assert validate_text(out.text, "windsurf", path=out.path) == []
    bad = "---\ntrigger: sometimes\ndescription: d\n---\n" + "x" * 12001
    found = {(f.line, f.severity.value, f.rule) for f in validate_text(bad, "windsurf", path=".windsurf/rules/Big Rule.md")}
    assert found == {(1, "warning", "name-pattern"), (2, "error", "value"), (5, "error", "body-limit")}


# A rule without a trigger (or without any header) came back with `trigger: model_decision` and the description the
# way out made up: the side channel's `made` says the first rule had neither (windsurf.toml `made`), and a write
# back, while the file is as the way out left it, leaves them out. Converted to itself, such a rule stays as it is.
@pytest.mark.parametrize("text", ["Check the build before merging.\n\nRead its log.\n",
                                  "---\ndescription: Checks the build\n---\n\nRead its log.\n"])
@pytest.mark.parametrize("via", ["claude", "codex", "gemini", "cursor", "skill"])
def test_a_rule_without_a_trigger_comes_back_without_one(text, via):
    path, placed = ".windsurf/rules/check-build.md", agentconv.Policy(placed=True)
    assert agentconv.convert_text(text, "windsurf", from_="windsurf", path=path, policy=placed).text == text
    out = agentconv.convert_all_text(text, via, from_="windsurf", path=path, policy=placed)[0]
    assert agentconv.convert_text(out.text, "windsurf", from_=via, path=out.path, policy=placed).text == text
    edited = out.text.replace("Read its log.", "Read its whole log.")  # the file edited: what it says is written
    back = agentconv.convert_text(edited, "windsurf", from_=via, path=out.path, policy=placed)
    assert back.text.startswith("---\ntrigger: model_decision\n")
