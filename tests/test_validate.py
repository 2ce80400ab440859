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
    if target == case.source:
        # same dialect keeps every value as written: what the source gets wrong, validate reports in both (where the
        # output goes: a legacy .chatmode.md is written as an .agent.md, which GitHub.com reads too)
        same = agentconv.convert(case.input, to=target, path=case.rel)
        if has_errors(validate_text(same.text, target, path=same.path)):
            assert same.text.encode() == case.input.read_bytes() or case.id in REWRITTEN, case.id
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
        (2, "error", "name-pattern"), (3, "error", "required"), (4, "warning", "tool-unknown"),  # Claude Code loads
        # effort and permissionMode too: Claude Code 2.1.332 logs them as invalid and loads the agent without them
        (5, "warning", "model"), (6, "warning", "value"), (7, "warning", "value"), (8, "warning", "value"),
        (9, "warning", "type"), (10, "warning", "unknown-key")}
    assert "'Grpe'" in next(x.message for x in f if x.rule == "tool-unknown")  # MCP and Bash(git *) pass
    assert all(x.file == ".claude/agents/bad.md" for x in f)


def test_missing_required_name_and_lenient_header_in_claude():
    text = "---\ndescription: Use when: the user asks\n---\nhi\n"
    f = validate_text(text, "claude")
    assert _found(f) == {(1, "error", "required"), (2, "warning", "yaml-strict")}  # Claude Code tolerates it


def test_copilot_tools_foreign_case_unknown_and_lines():
    text = ("---\ndescription: d\ntools:\n  - read/readFile\n  - read_file\n  - Read\n  - edit/editfiles\n"
            "  - github/create_issue\n  - nonsense\nreasoning-effort: huge\n---\nbody\n")
    f = validate_text(text, "copilot", path=".github/agents/x.agent.md")
    assert _found(f) == {(5, "warning", "tool-foreign"), (6, "warning", "tool-foreign"), (7, "warning", "tool-case"),
                         (9, "warning", "tool-unknown"), (10, "error", "value")}  # VS Code loads it: Unknown tool


def test_copilot_body_limit():
    f = validate_text("---\ndescription: d\n---\n" + "x" * 30001, "copilot")
    assert _found(f) == {(4, "error", "body-limit")}
    assert not validate_text("---\ndescription: d\n---\n" + "x" * 30000, "copilot")


@pytest.mark.parametrize(("path", "target", "severity"), [
    (".github/agents/x.agent.md", None, "error"),  # GitHub.com reads it: its rules bind
    (".github/chatmodes/x.chatmode.md", None, "warning"),  # VS Code's alone
    ("x.chatmode.md", None, "warning"),
    (".github/agents/x.agent.md", "vscode", "warning"),  # kept from GitHub.com by its target
    (".github/agents/x.agent.md", "github-copilot", "error"),
])
def test_github_only_rules_bind_only_files_github_reads(path, target, severity):
    """No description and a prompt over 30,000 characters: GitHub.com refuses the agent, VS Code loads it."""
    head = f"---\ntools: [read]\n{f'target: {target}' + chr(10) if target else ''}---\n"
    f = validate_text(head + "x" * 30001, "copilot", path=path)
    assert {(x.severity.value, x.rule) for x in f} == {(severity, "required"), (severity, "body-limit")}
    assert all(("GitHub.com's rule; GitHub.com does not read this file" in x.message) == (severity == "warning")
               for x in f)


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
    assert str(f[0]).endswith("bad.md:4: warning [value] color: 'magenta' is not one of red, blue, green, yellow, "
                              "purple, orange, pink, cyan")


def test_unreadable_and_undetectable():
    assert _found(validate_text(b"---\nname: caf\x00\n---\n")) == {(1, "error", "encoding")}
    assert _found(validate_text(b"---\nname: caf\xe9\ndescription: d\n---\n", "claude")) == {(2, "warning", "encoding")}
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
    assert f"{bad}:6: warning [value] color: 'magenta' is not one of red, blue, green, yellow, purple, orange, pink, cyan" \
        in out.stdout.splitlines()
    data = json.loads(cli("-", "--dialect", "claude", "--json", stdin=BAD_CLAUDE).stdout)
    assert data["summary"] == {"errors": 2, "warnings": 7}
    assert {"file": None, "line": 2, "severity": "error", "rule": "name-pattern",
            "message": "name 'plugin:bad' does not fit claude's rule ^[^-:][^:]{0,255}$"} in data["findings"]
    seed = "fixtures/cases/claude/seed-001/.claude/agents/backend-developer.md"
    ok = cli(seed)
    assert ok.returncode == 0 and ok.stdout == ""
    warn_only = cli("fixtures/cases/claude/seed-004/.claude/agents/backend-api-developer.md")
    assert warn_only.returncode == 0 and "warning [yaml-strict]" in warn_only.stdout
    assert cli(str(tmp_path / "missing.md")).returncode == ExitCode.PARSE
    assert cli(seed, "--dialect", "nope").returncode == ExitCode.UNKNOWN_DIALECT


# ------------------------------------------------------------------------------------------------ one place
# validate reads each file with the reader every conversion uses: whatever that reader warns about, validate reports
# at the same line, under the loss code (or the name READER_RULES gives it), or under the table rule that judges the
# same key there (SAME_VALUE). Walked over every source the project holds.
SYNTHETIC = [  # hazards of our own, one or more reader warnings each
    (".roomodes", "customModes:\n  - slug: bad slug!\n    name: Bad\n    roleDefinition: You help.\n"
                  "    groups: [read, frobnicate]\n    colour: red\n"),
    (".roomodes", "customModes:\n  - slug: ok\n    roleDefinition: x\n  - slug: two\n    name: Two\n    roleDefinition: y\n"
                  "    groups: [read, browser]\n    source: nowhere\nextra: 1\n"),
    (".roomodes", "customModes:\n  - name: No slug\n    roleDefinition: y\n    groups: [read]\n"),
    (".roomodes", "customModes:\n  - slug: q\n    name: Q\n    roleDefinition: \"Say \u201chi\u201d\"\n    groups: [read]\n"),
    ("modes/one.yaml", "slug: helper\nname: Helper\ncategory: misc\nroleDefinition: You help.\n"),
    (".claude/agents/a.md", "---\nname: a\ndescription: Use when: asked\npermission:\n  edit: deny\n---\nx\n"),
    (".claude/agents/b.md", "---\nname: 12\ndescription: d\ncolor: 2024-01-01\nwhen: .nan\n---\nx\n"),
    (".opencode/agent/c.md", "---\ndescription: d\ntools:\n  write: false\n---\nx\n"
                             "<!-- a comment -->\n# agentconv-carry: {\"v\": 1, \"fields\": {\"tools\": 3}}\n"),
    (".github/agents/d.agent.md", "---\ndescription: d\n# agentconv-carry: {\"v\": 1, \"fields\": {\"name\": 5}\n---\nx\n"),
    (".kiro/agents/e.json", '{"name": "e", "description": "d", "prompt": "file://./p.md", "tools": ["read"]}\n'),
    (".claude/agents/f.md", "---\nname: f\ndescription: caf\u00c3\u00a9 \u00e2\u20ac\u0153x\u00e2\u20ac\u009d\n---\nx\n"),
]


def _sources() -> list[tuple[str, bytes]]:
    """(path the file is detected from, bytes): every fixture input and golden output, examples/, the CLI transcripts'
    inputs, SYNTHETIC, and 300 fixtures mutated as the fuzz test mutates them (fixed seeds)."""
    import random

    import fuzzcheck as fc

    out = fc.seeds()
    for base in [ROOT / "examples", *sorted((ROOT / "tests" / "transcripts" / "inputs").iterdir())]:
        out += [(p.relative_to(base).as_posix(), p.read_bytes()) for p in sorted(base.rglob("*"))
                if p.is_file() and p.suffix in (".md", ".toml", ".json", ".yaml") and p.name != ".agentconv.toml"
                and p.name != "README.md"]
    out += [(rel, text.encode()) for rel, text in SYNTHETIC]
    seeds = list(out)
    for n in range(300):
        rnd = random.Random(n)
        rel, data = seeds[n % len(seeds)]
        out.append((rel, fc.mutate(rnd, data, rnd.randint(1, 3))))
    return out


def test_validate_reports_every_reader_warning():
    from agentconv.validate import READER_RULES, SAME_VALUE

    table_rules = {"parse", "required", "name-pattern", "tool-unknown", "tool-foreign", "tool-case", "value", "type", "model",
                   "body-limit", "unknown-key", "renamed-key"}
    warned = refused = 0
    for rel, data in _sources():
        findings = validate_text(data, path=rel)
        try:
            _doc, report = agentconv.read_text(data, path=rel)
        except AgentconvError:  # what the reader refuses, validate refuses too
            refused += 1
            assert has_errors(findings) and {f.rule for f in findings} & {"parse", "encoding", "dialect"}, rel
            continue
        for item in report:
            if item.severity.rank < agentconv.Severity.WARNING.rank:
                continue
            warned += 1
            rule = READER_RULES.get(item.code, (item.code.value, None))[0]
            same = {rule} | (table_rules if item.code in SAME_VALUE else set())
            at = [f for f in findings if f.line == (item.line or 1)]
            if item.code == agentconv.LossCode.FILE_REJECTED:  # or a table rule's error there (line 1: the whole file)
                same |= {f.rule for f in at if f.severity.value == "error"}
            assert any(f.rule in same for f in at), f"{rel}: {item.code.value} {item.message!r} at {item.line}: {at}"
    assert warned > 150 and refused > 50  # the walk holds many warnings and refusals, not a few


def test_a_roomodes_file_is_checked_mode_by_mode():
    """The reader warns about a bad slug, an unknown group and an unknown key: validate says each, per mode, with
    Roo's severity (it rejects the first two: @roo-code/types modeConfigSchema)."""
    f = validate_text(SYNTHETIC[0][1], path=".roomodes")
    assert [(x.line, x.severity.value, x.rule) for x in f] == [
        (2, "error", "name-pattern"), (2, "warning", "unknown-key"), (2, "error", "tool-unknown")]
    assert "'frobnicate'" in f[2].message and "'colour'" in f[1].message
    f = validate_text(SYNTHETIC[1][1], path=".roomodes")
    assert _found(f) == {(2, "error", "required"), (4, "error", "value"), (9, "warning", "field-dropped")}
    assert [x.message for x in f if x.rule == "required"] == ["'name' is required in roo", "'groups' is required in roo"]
    assert "slug" in next(x.message for x in validate_text(SYNTHETIC[2][1], path=".roomodes") if x.rule == "required")
    f = validate_text(SYNTHETIC[3][1], path=".roomodes")  # Roo's own clean-up breaks it: it loads no mode
    assert _found(f) == {(4, "error", "parse")} and "loads nothing" in f[0].message  # the line it breaks at


def test_a_file_the_tool_loads_is_not_an_error():
    """Claude Code loads an agent with a tool it does not have or a color outside its eight, OpenCode one naming a
    custom tool (their loaders, ../shared/tools/clients), VS Code a prompt with unknown tools (promptValidator.ts):
    warnings. Roo loads no mode with an empty name or roleDefinition (modeConfigSchema: min 1): errors."""
    f = validate_text("---\nname: a\ndescription: d\ntools: Read, TeamCreate\ncolor: magenta\n---\nx\n", "claude")
    assert _found(f) == {(4, "warning", "tool-unknown"), (5, "warning", "value")} and not has_errors(f)
    f = validate_text("---\ndescription: d\ntools:\n  gemini: true\npermission:\n  frobnicate: deny\n---\nx\n", "opencode")
    assert _found(f) == {(4, "warning", "tool-unknown"), (6, "warning", "tool-unknown")}
    f = validate_text("---\nname: Apple Reviewer\ndescription: d\ntools: [frobnicate]\n---\nx\n", "copilot-prompt")
    assert _found(f) == {(4, "warning", "tool-unknown")}  # VS Code: a Warning marker; any non-empty name
    f = validate_text("---\nallowed-tools: None, Eza, Read\ndescription: d\n---\nx\n", "claude-command",
                      path=".claude/commands/a.md")  # `claude plugin validate` passes it: the names pre-approve nothing
    assert _found(f) == {(2, "warning", "tool-unknown")} and not has_errors(f)
    f = validate_text("customModes:\n  - slug: a\n    name: ''\n    roleDefinition: ''\n    groups: [read]\n", "roo")
    assert [x.message for x in f] == ["'name' is required in roo", "'roleDefinition' is required in roo"]


@pytest.mark.parametrize(("path", "severity"), [
    (".claude/skills/foo/SKILL.md", "warning"),  # Claude Code loads it, named by its directory
    ("plugins/p/.claude/skills/foo/SKILL.md", "warning"),
    (".agents/skills/foo/SKILL.md", "error"),  # Codex, Gemini CLI, OpenCode, VS Code: the spec's rule
    ("skills/foo/SKILL.md", "error"),
])
def test_a_skill_without_a_name_in_claude_codes_folder_loads_there(path, severity):
    """A SKILL.md with no header name: Claude Code loads it from .claude/skills by its directory (`claude plugin
    validate` passes it), OpenCode skips it (Info.pick safeParse): a warning there, an error where no reader names
    it by its folder. Converted to itself it comes back as written."""
    text = "---\ndescription: Does foo things\n---\nBody\n"
    f = validate_text(text, "skill", path=path)
    assert _found(f) == {(1, severity, "required")}
    assert ("Claude Code loads it, named by its directory; OpenCode skips it" in f[0].message) == (severity == "warning")
    doc, _ = agentconv.read_text(text, "skill", path=path)
    assert doc.agent.name == "foo" and agentconv.write(doc, "skill") == text


GEMINI_PROMPTS = [  # a Gemini CLI command and what Gemini CLI 0.61.0's FileCommandLoader does with it
    ('description = "Does it."\n', {(1, "error", "required")}),  # no prompt: skipped
    ('description = "Does it."\nprompt = 3\n', {(2, "error", "type")}),  # no string: skipped
    ('prompt = true\n', {(1, "error", "type")}),
    ('prompt = ""\n', set()),  # an empty string loads
]


@pytest.mark.parametrize("text,found", GEMINI_PROMPTS)
def test_a_gemini_command_gemini_skips_is_an_error(text, found, tmp_path):
    """Gemini CLI skips a command file with no `prompt`, or a prompt that is no string ("The 'prompt' field is
    required."): validate says so, one finding, exit 10 (was: nothing, exit 0); the reader warns and reads an empty
    prompt (or the value's text); a file Gemini loads is no error."""
    path = ".gemini/commands/it.toml"
    f = validate_text(text, "gemini-command", path=path)
    assert _found(f) == found and all("Gemini CLI skips the command file" in x.message for x in f)
    _, report = agentconv.read_text(text, "gemini-command", path=path)
    warned = [i.message for i in report if i.path == "prompt" and i.severity.value == "warning"]
    assert len(warned) == len(found)
    if "prompt" not in text:
        assert warned == ["no 'prompt' key: Gemini CLI skips the command file: read as an empty prompt"]
    file = tmp_path / path
    file.parent.mkdir(parents=True)
    file.write_text(text)
    run = subprocess.run([sys.executable, "-m", "agentconv", "validate", str(file)], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == (ExitCode.VALIDATION if found else 0), run.stdout + run.stderr
    assert len([line for line in run.stdout.splitlines() if ": error [" in line]) == len(found)


@pytest.mark.parametrize(("dialect", "path"), [("skill", ".claude/skills/ps/SKILL.md"),
                                               ("claude-command", ".claude/commands/ps.md")])
def test_claude_codes_shell_key_of_a_skill_or_command_is_known(dialect, path):
    """`shell` picks the shell of the text's !`command` blocks (Claude Code 2.1.330's skill and command loader: trimmed,
    lowercased, bash or powershell; any other value warns and falls back to bash): never an unknown key Claude Code
    ignores; `PowerShell` is powershell; `zsh` loads (with bash): a warning. Converted to itself, as written."""
    head = "---\nname: ps\n" if dialect == "skill" else "---\n"
    for value, found in (("powershell", set()), ("PowerShell", set()), ("zsh", {(len(head.splitlines()) + 2, "warning", "value")})):
        text = f"{head}description: Lists files.\nshell: {value}\n---\nList the files.\n"
        f = validate_text(text, dialect, path=path)
        assert _found(f) == found, value
        assert agentconv.convert_text(text, dialect, from_=dialect, path=path).text == text


def test_when_to_use_in_a_claude_plugins_agent_is_said_as_its_loader_reads_it():
    """Claude Code's plugin loader describes an agent by `description ?? when_to_use ?? when-to-use` (2.1.330): there
    `when_to_use` is no ignored skill field (was "'when_to_use' is not a claude field (a skill field); it is
    ignored"). At .claude/agents/ it still is."""
    def said(header: str, path: str) -> list[tuple[str, str]]:
        f = validate_text(f"---\nname: helper\n{header}---\nDo docs.\n", "claude", path=path)
        return [(x.severity.value, x.message) for x in f if x.rule == "unknown-key"]
    plugin = "plugins/demo/agents/helper.md"
    assert said("when_to_use: Use it for docs.\n", plugin) == [
        ("info", "'when_to_use' is the description here: Claude Code's plugin loader shows it for an agent without one")]
    assert said("description: Helps.\nwhen_to_use: Use it for docs.\n", plugin) == [
        ("warning", "'when_to_use' is ignored: Claude Code's plugin loader reads it only in an agent without a "
                    "description")]
    assert said("when-to-use: Use it.\nwhen_to_use: Use it for docs.\n", plugin) == [
        ("warning", "'when-to-use' is ignored: Claude Code's plugin loader takes 'when_to_use' first"),
        ("info", "'when_to_use' is the description here: Claude Code's plugin loader shows it for an agent without one")]
    assert said("when_to_use: Use it for docs.\n", ".claude/agents/helper.md") == [
        ("warning", "'when_to_use' is not a claude field (a skill field); it is ignored")]


def test_kiro_unknown_tool_is_a_warning():
    """Kiro CLI filters its tools by the list: a name it has no tool for selects nothing, and the agent loads."""
    text = '{"name": "a", "description": "d", "prompt": "p", "tools": ["read", "frobnicate"]}\n'
    f = validate_text(text, "kiro", path=".kiro/agents/a.json")
    assert [(x.severity.value, x.rule) for x in f] == [("warning", "tool-unknown")]
    assert not has_errors(f)
