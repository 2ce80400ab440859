"""Roo Code / Kilo Code custom modes (many records in one file) and Agent Skills (SKILL.md): library and CLI."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import agentconv
from agentconv.errors import BroadenError
from agentconv.ir import Agent, Document, Grant, ToolPolicy

from yamlcheck import header

ROOT = Path(__file__).resolve().parent.parent
MODES = ROOT / "fixtures" / "cases" / "roo" / "modes" / ".roomodes"
VALIDATE_ROO = Path("/work/shared/tools/clients/validate-roo")


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "agentconv", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def claude_agents(root: Path, n: int = 3) -> Path:
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    for i in range(n):
        (agents / f"a{i}.md").write_text(f"---\nname: agent-{i}\ndescription: Agent {i}.\n---\n\nYou are agent {i}.\n",
                                         "utf-8")
    return agents


def slugs(text: str) -> list[str]:
    doc, _ = agentconv.read_text(text, "roo")
    return [a.name for a in doc.records]


def roo_loader_accepts(path: Path) -> None:
    """Roo's own zod schema (tools/clients/validate-roo), when the shared client is set up."""
    if not VALIDATE_ROO.exists() or shutil.which("node") is None:
        return
    out = subprocess.run([str(VALIDATE_ROO), str(path)], capture_output=True, text=True, timeout=60)
    if out.returncode == 2:
        return  # the client is not installed here
    assert out.returncode == 0, out.stdout + out.stderr


# --------------------------------------------------------------------------- roo: many records, one file
def test_claude_dir_to_roo_is_one_file(tmp_path):
    agents = claude_agents(tmp_path / "src")
    out = cli("convert", agents, "--to", "roo", "-o", tmp_path / "out")
    assert out.returncode == 0, out.stderr
    files = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert files == [".agentconv/.gitignore", ".agentconv/lock", ".agentconv/manifest.json", ".roomodes"]  # migrate knows these
    text = (tmp_path / "out" / ".roomodes").read_text("utf-8")
    assert slugs(text) == ["agent-0", "agent-1", "agent-2"]
    roo_loader_accepts(tmp_path / "out" / ".roomodes")


def test_migrate_to_roo_is_one_file(tmp_path):
    claude_agents(tmp_path / "repo")
    out = cli("migrate", tmp_path / "repo", "--to", "roo", "--out", tmp_path / "out")
    assert out.returncode == 0, out.stderr
    files = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert files == [".agentconv/.gitignore", ".agentconv/lock", ".agentconv/manifest.json", ".roomodes"]
    assert slugs((tmp_path / "out" / ".roomodes").read_text("utf-8")) == ["agent-0", "agent-1", "agent-2"]
    again = cli("migrate", tmp_path / "repo", "--to", "roo", "--out", tmp_path / "out")
    assert again.returncode == 0 and "unchanged" in again.stdout + again.stderr


def test_three_modes_to_claude_are_three_files(tmp_path):
    src = tmp_path / "repo" / ".roomodes"
    src.parent.mkdir()
    shutil.copy(MODES, src)
    # (docs-writer edits only Markdown: a Claude Code subagent's Edit(*.md) is all of Edit, test_claude_allow_scopes.py)
    out = cli("convert", src, "--to", "claude", "-o", tmp_path / "out", "--allow-broaden")
    assert out.returncode == 0, out.stderr
    files = sorted(p.name for p in (tmp_path / "out" / ".claude" / "agents").iterdir())
    assert files == ["builder.md", "docs-writer.md", "reviewer.md"]
    single = cli("convert", src, "--to", "claude", "--allow-broaden")  # one output stream cannot hold three files
    assert single.returncode != 0 and "3 records" in single.stderr


def test_roomodes_to_roo_is_byte_identical_and_json_is_read():
    result = agentconv.convert(MODES, to="roo", path=".roomodes")
    assert result.text.encode("utf-8") == MODES.read_bytes()
    kilo = ROOT / "fixtures" / "cases" / "roo" / "kilo-json" / ".kilocodemodes"
    assert agentconv.detect(kilo, path=".kilocodemodes").dialect == "roo"
    assert agentconv.convert(kilo, to="roo", path=".kilocodemodes").text == kilo.read_text("utf-8")


def test_mode_fields():
    doc, _ = agentconv.read(MODES, path=".roomodes")
    docs, reviewer, builder = doc.records
    assert (docs.name, docs.display_name, docs.kind) == ("docs-writer", "📝 Docs Writer", "agent")
    assert docs.description.startswith("Use this mode when documentation")
    assert docs.extensions["roo"] == {"description": "Write and update documentation.", "source": "project"}
    role, sep, ci = docs.prompt.partition("\n\n<!-- roo:customInstructions -->\n\n")
    assert sep and role.endswith("before you describe it.") and ci.startswith("- Keep sentences short.")
    scoped = [g for g in docs.tools.grants if g.pattern]
    assert {g.canonical for g in scoped} == {"write", "edit"} and {g.pattern for g in scoped} == {"*.md", "*.mdx"}  # the glob it is
    assert builder.display_name == "Builder" and "display_name" in builder.derived
    assert builder.description == "Build features."  # only `description`: read as the description ...
    rebuilt = agentconv.write(Document([builder]), "roo")
    assert "    description: Build features.\n" in rebuilt and "whenToUse" not in rebuilt  # ... and written back so
    assert ("mcp", None) in {(g.raw, g.canonical) for g in builder.tools.grants}


def _doc(*grants: Grant, mode: str = "allowlist") -> Document:
    return Document([Agent(name="probe", description="d", prompt="Do it.\n", tools=ToolPolicy(mode, list(grants)))])


def test_groups_never_widen():
    g = lambda raw, c, p=None: Grant(raw, c, "allow", p)  # noqa: E731
    # read-only reach next to read access: a warning (and the exact allowlist is carried), not a refusal
    report = agentconv.LossReport()
    text = agentconv.write(_doc(g("Read", "read"), g("Grep", "grep")), "roo", report=report)
    assert "      - read\n" in text and "agentconv-carry" in text
    assert [(i.code.value, i.severity.value, i.message) for i in report if i.code.value == "tool-broadened"] == [
        ("tool-broadened", "warning", "in roo the agent also gets glob (read), list (read), semantic-search (read): "
         "no new kind of access"),
        ("tool-broadened", "warning", "in roo every mode also has new_task, ask_followup_question, update_todo_list, "
         "skill, outside its groups: the agent can start a subtask in another mode (new_task, with that mode's tools; "
         "Roo asks the user first unless subtasks are auto-approved)")]  # what Roo gives every mode is never silent
    report = agentconv.LossReport()
    agentconv.write(_doc(g("Read", "read"), g("Agent", "agent"), g("AskUserQuestion", "ask"), g("TodoWrite", "todo"),
                         g("Skill", "skill")), "roo", report=report)
    assert not [i for i in report if "every mode also has" in i.message]  # all of them held already: nothing said
    # one MCP tool is not the whole mcp group (every server's): the mode goes without it, narrower (said)
    report = agentconv.LossReport()
    text = agentconv.write(_doc(g("mcp__github__create_issue", "mcp:github/create_issue")), "roo", report=report)
    assert "groups: []" in text and [i.code.value for i in report if i.severity.value == "warning"][0] == "tool-narrowed"
    with pytest.raises(BroadenError, match="scope"):
        agentconv.write(_doc(g("Bash(git *)", "bash", "git *"), g("TaskOutput", "terminal-output")), "roo")
    text = agentconv.write(_doc(g("Write", "write"), g("Edit", "edit"), g("Agent", "agent")), "roo")
    assert "    groups:\n      - edit\n" in text and "modes" not in text  # Roo gives every mode new_task anyway
    # the whole read group's tools (Copilot's read + search sets) need no broadening
    copilot = "---\nname: r\ndescription: d\ntools: ['read', 'search']\n---\nRead.\n"
    assert "      - read\n" in agentconv.convert_text(copilot, "roo", from_="copilot").text
    broad = agentconv.write(_doc(g("Read", "read")), "roo")
    assert "agentconv-carry" in broad  # the exact allowlist rides along
    back = agentconv.convert_text(agentconv.convert_text(
        "---\nname: probe\ndescription: d\ntools: Read\n---\n\nDo it.\n", "roo", from_="claude").text,
        "claude", from_="roo")
    assert back.text == "---\nname: probe\ndescription: d\ntools: Read\n---\n\nDo it.\n"


def test_inherit_is_every_group_and_no_tools_is_empty():
    every = agentconv.write(_doc(mode="inherit"), "roo")
    assert "    groups:\n      - read\n      - edit\n      - command\n      - mcp\n" in every
    assert "    groups: []\n" in agentconv.write(_doc(mode="none"), "roo")


def test_claude_to_roo_to_claude_is_identical():
    text = "---\nname: helper\ndescription: Helps.\nmodel: sonnet\ncolor: blue\n---\n\nHelp \u2014 kindly.\n"
    roo = agentconv.convert_text(text, "roo", from_="claude").text
    assert any(i.path == "prompt" for i in agentconv.convert_text(text, "roo", from_="claude").report)  # Roo's dash
    assert agentconv.convert_text(roo, "claude", from_="roo").text.replace("Help - kindly", "Help \u2014 kindly") == text


def test_duplicate_slugs_are_renamed(tmp_path):
    a = Agent(name="same", description="a", prompt="A.\n")
    b = Agent(name="same", description="b", prompt="B.\n")
    report = agentconv.LossReport()
    text = agentconv.write(Document([a, b]), "roo", report=report)
    assert slugs(text) == ["same", "same"]  # the carried name comes back in the IR ...
    assert "- slug: same-2\n" in text  # ... while Roo sees two slugs
    assert any(i.code.value == "name-conflict" for i in report)


# --------------------------------------------------------------------------- skill: SKILL.md, named by its directory
SKILL = ROOT / "fixtures" / "cases" / "skill" / "pdf-tools" / ".claude" / "skills" / "pdf-tools" / "SKILL.md"


def test_skill_reads_spec_fields_and_comes_back_byte_identical():
    rel = ".claude/skills/pdf-tools/SKILL.md"
    assert agentconv.detect(SKILL, path=rel).dialect == "skill"
    doc, _ = agentconv.read(SKILL, path=rel)
    a = doc.agent
    assert (a.name, a.kind) == ("pdf-tools", "skill")
    assert a.metadata == {"author": "example-org", "version": "1.2"}
    assert a.extensions["skill"]["license"] == "Apache-2.0"
    assert a.tools.mode == "inherit"  # allowed-tools pre-approves; it does not restrict
    assert [(g.canonical, g.decision, g.pattern) for g in a.tools.grants] == [
        ("bash", "allow", "python3 *"), ("read", "allow", None), ("grep", "allow", None)]
    result = agentconv.convert(SKILL, to="skill", path=rel)
    assert result.text.encode("utf-8") == SKILL.read_bytes() and result.path == rel


def test_skill_name_comes_from_the_directory():
    text = "---\nname: other\ndescription: d\n---\nBody.\n"
    doc, report = agentconv.read_text(text, "skill", path=".github/skills/real-name/SKILL.md")
    assert doc.agent.name == "real-name" and doc.agent.display_name == "other"
    assert any(i.code.value == "name-conflict" for i in report)
    # Claude Code loads it (invoked as /real-name, shown as 'other'): converted to itself it comes back as written
    out = agentconv.convert_text(text, "skill", from_="skill", path=".github/skills/real-name/SKILL.md")
    assert out.path == ".claude/skills/real-name/SKILL.md" and out.text == text
    assert [i.code.value for i in out.report] == ["name-conflict"] and "VS Code and Roo skip it" in out.report.items[0].message
    # into another dialect and back into a skill, the header says the directory's name (the spec's rule, which VS Code
    # and Roo enforce); the header's spelling rides in the side channel
    agent = agentconv.convert_text(text, "claude", from_="skill", path=".github/skills/real-name/SKILL.md")
    assert "name: real-name\n" in agent.text
    back = agentconv.convert_text(agent.text, "skill", from_="claude", path=".claude/agents/real-name.md")
    assert "name: real-name\n" in back.text and '"display_name":"other"' in back.text


def test_a_skill_directory_off_the_spec_rule_is_kept_in_a_skill_converted_to_itself():
    """Claude Code invokes a skill by its directory as written (SYNC_DOC, frontend-slides-2.0.0; it refuses only
    hidden or blank-like characters there; read 2026-11-27): converted to itself the skill stays in that directory,
    said (Roo skips such a skill), below .claude/skills (no reader there enforces the rule); elsewhere, and written
    from another dialect, the name follows the spec's rule."""
    text = "---\nname: syncdoc\ndescription: d\n---\nBody.\n"
    for folder in ("SYNC_DOC", "frontend-slides-2.0.0"):
        rel = f".claude/skills/{folder}/SKILL.md"
        out = agentconv.convert_text(text, "skill", from_="skill", path=rel)
        assert (out.path, out.text) == (rel, text)
        assert [i.code.value for i in out.report] == ["name-conflict", "value-invalid"]
        assert f"skill directory {folder!r} does not fit" in out.report.items[1].message
    elsewhere = agentconv.convert_text(text, "skill", from_="skill", path=".agents/skills/SYNC_DOC/SKILL.md")
    assert elsewhere.path == ".claude/skills/sync-doc/SKILL.md"  # where Roo reads skills too: the spec's rule stands
    agent = "---\nname: SYNC_DOC\ndescription: d\n---\nBody.\n"
    fresh = agentconv.convert_text(agent, "skill", from_="claude", path=".claude/agents/SYNC_DOC.md")
    assert fresh.path == ".claude/skills/sync-doc/SKILL.md" and "name: sync-doc\n" in fresh.text


def test_skill_with_an_agents_tools_key_converted_to_itself_comes_back_as_written():
    # Claude Code ignores `tools` in a SKILL.md (it reads allowed-tools); read narrowly as a tool list, the file still
    # comes back byte for byte into its own dialect (it was refused as an allowlist a skill cannot say)
    rel = "skills/probe/SKILL.md"
    for extra in ("", "allowed-tools: Read\n"):
        text = f"---\nname: probe\ndescription: d\ntools: Read, Grep\n{extra}---\n\nBody.\n"
        out = agentconv.convert_text(text, "skill", from_="skill", path=rel)
        assert out.text == text and [i.code.value for i in out.report] == ["value-invalid"]
    with pytest.raises(BroadenError, match="cannot restrict tools"):  # changed, it is written strictly again
        doc, _ = agentconv.read_text(text, "skill", path=rel)
        doc.agent.tools.grants.pop()
        agentconv.write(doc, "skill")


def test_skill_allowed_tools_shapes_and_never_widen():
    for value in ("Read Grep Bash(git add *)", "Read, Grep, Bash(git add *)", "[Read, Grep, 'Bash(git add *)']"):
        doc, _ = agentconv.read_text(f"---\nname: s\ndescription: d\nallowed-tools: {value}\n---\nB.\n", "skill")
        assert [g.raw for g in doc.agent.tools.grants] == ["Read", "Grep", "Bash(git add *)"]
    agent = "---\nname: probe\ndescription: d\ntools: Read\n---\n\nDo it.\n"
    with pytest.raises(BroadenError, match="cannot restrict tools"):
        agentconv.convert_text(agent, "skill", from_="claude")
    broad = agentconv.convert_text(agent, "skill", from_="claude", policy=agentconv.Policy(allow_broaden=True))
    assert "allowed-tools" not in broad.text  # nothing pre-approved; the allowlist rides in the side channel
    back = agentconv.convert_text(broad.text, "claude", from_="skill")
    assert back.text == agent
    inherit = agentconv.convert_text("---\nname: probe\ndescription: d\n---\n\nDo it.\n", "skill", from_="claude")
    assert inherit.path == ".claude/skills/probe/SKILL.md" and "allowed-tools" not in inherit.text


def test_skill_to_claude_and_back(tmp_path):
    rel = ".claude/skills/pdf-tools/SKILL.md"
    claude = agentconv.convert(SKILL, to="claude", path=rel)
    assert "tools:" not in claude.text.split("---")[1].replace("# agentconv-carry", "")  # no restriction appears
    assert "Bash(python3 *)" not in claude.text  # pre-approvals never ride in the side channel (they would grant)
    again = agentconv.convert_text(claude.text, "skill", from_="claude")
    original = SKILL.read_text("utf-8")
    assert again.text == original.replace("allowed-tools: Bash(python3 *) Read Grep\n", "")
    assert "allowed-tools" in original
    src = tmp_path / "repo" / ".claude" / "skills" / "pdf-tools"
    src.mkdir(parents=True)
    shutil.copy(SKILL, src / "SKILL.md")
    out = cli("migrate", tmp_path / "repo", "--to", "claude", "--out", tmp_path / "out")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out" / ".claude" / "agents" / "pdf-tools.md").is_file()


def test_a_refused_source_fails_alone_in_a_merged_file(tmp_path):
    """One agent Roo cannot hold (a scoped Bash rule) is reported by name; the others still land in .roomodes."""
    import subprocess
    import sys

    src = tmp_path / "src" / ".claude" / "agents"
    src.mkdir(parents=True)
    (src / "open.md").write_text("---\nname: open\ndescription: Inherits every tool.\n---\n\nOpen.\n")
    (src / "plain.md").write_text("---\nname: plain\ndescription: Also inherits.\n---\n\nPlain.\n")
    scoped = tmp_path / "src" / ".opencode" / "agent"  # an OpenCode bash pattern (a Claude subagent's Bash(git *) is
    scoped.mkdir(parents=True)                         # the whole Bash: Roo writes it)
    (scoped / "scoped.md").write_text('---\ndescription: Scoped.\nmode: subagent\npermission:\n  "*": deny\n  bash:\n'
                                      '    "*": deny\n    git *: allow\n---\n\nScoped.\n')
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "agentconv", "convert", str(tmp_path / "src"), "--to", "roo", "-o",
                           str(out), "-q"], capture_output=True, text=True)
    assert proc.returncode == 8, proc.stderr
    assert f"agentconv: error: {scoped / 'scoped.md'}:" in proc.stderr
    modes = (out / ".roomodes").read_text()
    assert "slug: open" in modes and "slug: plain" in modes and "scoped" not in modes


def test_a_mode_written_fresh_follows_the_table():
    """roo.toml alone says the key order, the prompt's two keys and their separator, and that `name` and
    `roleDefinition` are required; the base writes them (no write of Roo's own), the slug rule and clean-up are said."""
    from agentconv.loss import LossReport

    doc = Document([Agent(name="Tidy Up!", prompt="", description="Cleans \u201cthings\u201d"),
                    Agent(name="tidy-up", display_name="Tidy",
                          prompt="Role.\n\n<!-- roo:customInstructions -->\n\nSteps \u2014 go.")])
    report = LossReport()
    text = agentconv.write(doc, "roo", report=report, policy=agentconv.Policy(carry=False))
    assert text == ("customModes:\n  - slug: tidy-up\n    name: Tidy Up\n    roleDefinition: Cleans \"things\"\n"
                    "    whenToUse: Cleans \"things\"\n    groups:\n      - read\n      - edit\n      - command\n"
                    "      - mcp\n  - slug: tidy-up-2\n    name: Tidy\n    roleDefinition: Role.\n    groups:\n"
                    "      - read\n      - edit\n      - command\n      - mcp\n    customInstructions: Steps - go.\n")  # as Roo reads them
    assert [(i.code.value, i.path) for i in report.items] == [
        ("name-changed", "name"), ("name-derived", "display_name"), ("value-required", "prompt"),
        ("tool-narrowed", "tools"), ("text-cleaned", "prompt"), ("text-cleaned", "description"),
        ("tool-narrowed", "tools"), ("name-conflict", "name"), ("text-cleaned", "prompt")]  # Roo: no web tool
    assert report.items[-1].message.startswith("mode 'tidy-up-2', 'customInstructions'")  # the slug as written
    back, _ = agentconv.read_text(text, "roo")
    assert back.records[1].prompt == doc.records[1].prompt.replace("\u2014", "-")  # read after Roo's clean-up


# What Roo gives every mode outside its groups (src/shared/tools.ts ALWAYS_AVAILABLE_TOOLS, RooCodeInc/Roo-Code
# cb836567, read 2026-11-27): new_task and switch_mode, ask_followup_question, update_todo_list, skill, in Claude Code
ROO_ALWAYS = "Agent, AskUserQuestion, TaskCreate, TaskGet, TaskList, TaskUpdate, Skill"

FILE_REGEX = [  # (Roo fileRegex, Claude Code's rules, OpenCode's edit patterns)
    ("\\.md$", "Write(*.md), Edit(*.md)", ["*.md"]),
    ("^.*\\.(md|mdx)$", "Write(*.md), Edit(*.md), Write(*.mdx), Edit(*.mdx)", ["*.md", "*.mdx"]),
    # not a glob for Claude Code: matches nothing; OpenCode's wildcards say it (test_roo_regex_wildcards.py)
    ("^docs/.*\\.md$", "Write(^docs/.*\\.md$), Edit(^docs/.*\\.md$)", ["docs/*.md"]),
]


@pytest.mark.parametrize("regex, claude, opencode", FILE_REGEX)
def test_a_roo_file_regex_that_names_an_extension_is_that_glob(regex, claude, opencode):
    """Roo tests an edit's path with new RegExp(fileRegex) (validateToolUse.ts, read 2026-11-27); Claude Code (gitignore
    rules) and OpenCode (wildcards) read a glob. `\\.md$` copied as written let the agent edit no file at all: it is
    `*.md`, in both. Another regex stays as written (narrower, never wider); Roo gets its own entry back."""
    src = ("customModes:\n  - slug: docs\n    name: Docs\n    roleDefinition: You write docs.\n    groups:\n"
           f"      - read\n      - - edit\n        - fileRegex: '{regex}'\n")
    with pytest.raises(BroadenError, match="as the whole tool"):  # a Claude Code subagent's Edit(*.md): all of Edit
        agentconv.convert_text(src, "claude", from_="roo", path=".roomodes")
    broad = agentconv.Policy(allow_broaden=True)  # then written as the whole tools, said
    to_claude = agentconv.convert_text(src, "claude", from_="roo", path=".roomodes", policy=broad).text
    assert f"tools: Read, Grep, Glob, Write, Edit, {ROO_ALWAYS}\n" in to_claude
    perm = header(agentconv.convert_text(src, "opencode", from_="roo", path=".roomodes").text)["permission"]
    assert perm["edit"] == {"*": "deny", **dict.fromkeys(opencode, "allow")}
    assert agentconv.convert_text(src, "roo", from_="roo", path=".roomodes").text == src


CLAUDE_GLOBS = [  # (Claude Code's scoped grants, the Roo fileRegex that says exactly that)
    ("Read, Edit(*.md), Write(*.md)", "\\.md$"),
    ("Edit(*.md), Edit(*.mdx), Write(*.md), Write(*.mdx)", "\\.(md|mdx)$"),
]


@pytest.mark.parametrize("claude, regex", CLAUDE_GLOBS)
def test_claude_edit_globs_that_name_extensions_are_one_roo_file_regex(tmp_path, claude, regex):
    """Claude Code reads `Edit(*.md)` as a gitignore rule (at any depth: the file's name ends in .md); Roo tests the
    edit's path with new RegExp(fileRegex) (validateToolUse.ts, read 2026-11-27): `\\.md$` is the same set of files.
    Several such globs are one alternation (was refused: "dropping the scope")."""
    src = f"---\nname: docs\ndescription: d\ntools: {claude}\n---\n\nYou write docs.\n"
    res = agentconv.convert_text(src, "roo", from_="claude")
    modes = agentconv.read_text(res.text, "roo", carry=False)[0].records  # the file alone
    edit = [g for g in modes[0].tools.grants if g.raw.startswith('["edit"')]
    assert edit and {json.loads(g.raw)[1]["fileRegex"] for g in edit} == {regex}
    assert {g.pattern for g in edit} == {f"*.{e}" for e in regex.strip("\\.()$").split("|")}
    (tmp_path / ".roomodes").write_text(res.text, "utf-8")
    roo_loader_accepts(tmp_path / ".roomodes")


@pytest.mark.parametrize("claude", [
    "Edit(docs/**)",           # Roo tests the path as written: `^docs/` would also take docs/../x
    "Edit(*.md), Write(*.txt)",  # one regex would give each tool the other's files
    "Edit(*.md), Write",       # Write anywhere: the group cannot keep Edit's scope
    "Edit(*.test.ts)",
    "Edit(**/*.md)",           # not taken: OpenCode's `**/*.md` needs a folder, the regex does not
])
def test_claude_edit_scopes_roo_cannot_say_exactly_stay_refused(claude):
    """A Claude subagent's `Edit(...)` gives the whole tool in Claude Code (claude.toml [parser] allow_scopes): where
    Roo cannot say the scope exactly, the whole edit group is no widening; an OpenCode source's scope still is one."""
    src = f"---\nname: docs\ndescription: d\ntools: Read, {claude}\n---\n\nYou write docs.\n"
    out = agentconv.convert_text(src, "roo", from_="claude")
    assert "      - edit\n" in out.text and "fileRegex" not in out.text, out.text
    assert any(i.code.value == "value-invalid" and "its scope ignored" in i.message for i in out.report)


@pytest.mark.parametrize("regex", ["", ".*", "^.*$"])
def test_a_roo_file_regex_every_path_matches_is_no_scope(regex):
    """Roo applies a fileRegex only when it is not empty, with new RegExp(fileRegex).test(path) (validateToolUse.ts,
    read 2026-11-27): `.*` lets the mode edit every file, so it is written as plain edit access, never refused as a
    scope the target cannot hold; Roo gets its own entry back."""
    src = ("customModes:\n  - slug: docs\n    name: Docs\n    roleDefinition: You write docs.\n    groups:\n"
           f"      - read\n      - - edit\n        - fileRegex: '{regex}'\n          description: All files\n")
    assert f"tools: Read, Grep, Glob, Write, Edit, {ROO_ALWAYS}\n" in \
        agentconv.convert_text(src, "claude", from_="roo", path=".roomodes").text
    gemini = agentconv.convert_text(src, "gemini", from_="roo", path=".roomodes").text  # was refused: a scope it
    # (no invoke_agent: Gemini CLI gives a subagent no agent tool; test_gemini_withheld_agent_tool.py)
    assert header(gemini)["tools"][-5:] == ["write_file", "replace", "ask_user", "write_todos",  # a scope it cannot say
                                            "activate_skill"]
    assert agentconv.convert_text(src, "roo", from_="roo", path=".roomodes").text == src


def test_smart_quotes_in_a_quoted_value_leave_the_modes_file_loadable_by_roo():
    """Roo replaces smart quotes (and Unicode dashes, NBSP, zero-width characters) before it parses a modes file
    (CustomModesManager.ts): a value written as a double-quoted YAML string with a smart quote in it ended there, and
    Roo loaded no mode of the file (a real Codex agent's Chinese prompt, validate-roo: 'Unexpected scalar'). Written
    fresh, such values are already replaced, as Roo reads them, and said."""
    from ruamel.yaml import YAML

    src = ("---\nname: probe\ndescription: \"Reviews code: \u201cstrict\u201d mode \u2014 it\u2019s fast\"\n---\n\n"
           "  Indented first line with \u201cquotes\u201d.\nMore.\n")
    res = agentconv.convert_text(src, "roo", from_="claude")
    roo_sees = (res.text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
                .replace("\u2014", "-"))  # Roo's own replacement, then yaml.parse
    modes = YAML(typ="safe", pure=True).load(roo_sees)["customModes"]
    assert [m["slug"] for m in modes] == ["probe"]
    assert modes[0]["whenToUse"] == "Reviews code: \"strict\" mode - it's fast"
    assert modes[0]["roleDefinition"] == "  Indented first line with \"quotes\".\nMore.\n"
    assert "text-cleaned" in {i.code.value for i in res.report.items}


def test_a_skill_metadata_key_with_no_value_comes_back_as_written(tmp_path):
    """A SKILL.md whose metadata map holds a key with no value (``links:``, a real skill's) converted to itself
    comes back byte for byte: the key was dropped (reported as nothing lost) and the whole map written fresh."""
    text = ('---\nname: probe\ndescription: d\nmetadata:\n  version: "1.0"\n  links:\n  tags: ["a", "b"]\n---\n\n'
            "Body.\n")
    skill = tmp_path / "probe" / "SKILL.md"
    skill.parent.mkdir()
    skill.write_text(text)
    assert agentconv.convert(skill, to="skill", from_="skill").text == text


ORCHESTRATOR = ("customModes:\n  - slug: orchestrator\n    name: Orchestrator\n    roleDefinition: You delegate.\n"
                "    whenToUse: Big jobs.\n    groups: []\n")


@pytest.mark.parametrize("target, key, want", [
    ("claude", "tools", ROO_ALWAYS),
    ("opencode", "permission", {"*": "deny", "task": "allow", "question": "allow", "todowrite": "allow", "skill": "allow"}),
    ("copilot", "tools", ["agent", "vscode/askQuestions", "todo"]),
])
def test_a_roo_orchestrator_keeps_its_delegation(target, key, want):
    """Roo gives every mode new_task and switch_mode (and ask_followup_question, update_todo_list, skill) outside its
    groups (src/shared/tools.ts ALWAYS_AVAILABLE_TOOLS, validateToolUse.ts isToolAllowedForMode; RooCodeInc/Roo-Code
    cb836567, read 2026-11-27): an orchestrator with `groups: []` delegates. Written for another tool it gets that
    tool's delegation tool (was no tool at all, unreported), and comes back to Roo as it was, without a group. (Gemini
    CLI gives a subagent no delegation tool at all: test_gemini_withheld_agent_tool.py.)"""
    result = agentconv.convert_text(ORCHESTRATOR, target, from_="roo", path=".roomodes")
    assert header(result.text)[key] == want
    back = agentconv.convert_text(result.text, "roo", from_=target, path=result.path)
    assert back.text == ORCHESTRATOR
    assert not [i for i in back.report if i.code.value in ("tool-unmapped", "tool-broadened")]


def test_a_denied_tool_roo_gives_every_mode_is_said():
    """`disallowedTools: Agent` written for Roo: no group takes new_task away, so the deny cannot hold there; said as for
    an allowlist without it (was silent: a deny list skipped the check)."""
    src = "---\nname: rd\ndescription: Does.\ndisallowedTools: Agent, Write\n---\n\nDo.\n"
    said = [i.message for i in agentconv.convert_text(src, "roo", from_="claude", path=".claude/agents/rd.md").report
            if i.code.value == "tool-broadened"]
    assert said == ["in roo every mode also has new_task, outside its groups: the agent can start a subtask in another "
                    "mode (new_task, with that mode's tools; Roo asks the user first unless subtasks are auto-approved)"]
    plain = src.replace("Agent, ", "")
    assert not [i for i in agentconv.convert_text(plain, "roo", from_="claude", path=".claude/agents/rd.md").report
                if i.code.value == "tool-broadened"]


@pytest.mark.parametrize("text", ['{"customModes": []}\n', "customModes: []\n"])
def test_an_empty_list_of_modes_is_a_valid_file_with_no_record(text, tmp_path):
    """Roo's own schema (customModesSettingsSchema, @roo-code/types 1.115.0) takes an empty `customModes` list: Roo
    loads zero modes, no error. It was refused as unparseable (exit 3); now it is a file with nothing to convert."""
    from agentconv.errors import NoRecords, ParseError
    from agentconv.validate import validate_text
    with pytest.raises(NoRecords, match="'customModes' list is empty"):
        agentconv.convert_text(text, to="claude", path=".roomodes")
    assert validate_text(text, path=".roomodes") == []
    (tmp_path / ".roomodes").write_text(text)
    summary = agentconv.migrate(tmp_path, ["claude"])
    assert [(r.source, r.status) for r in summary.records] == [(".roomodes", "skipped")]
    # a list of modes with no `customModes` around it: Roo loads nothing; read as those modes, and said (below)
    bare = agentconv.convert_text("- slug: a\n  name: A\n  roleDefinition: r\n  groups: []\n", to="claude",
                                  path=".roomodes")
    assert "file-rejected" in [item.code for item in bare.report.items]
    with pytest.raises(ParseError):  # a list of anything else is no modes file
        agentconv.convert_text("- a\n- b\n", to="claude", path=".roomodes")


def test_a_modes_file_holding_a_bare_list_of_modes_is_read_and_said_to_load_nothing_in_roo(tmp_path):
    """A .roomodes / .kilocodemodes whose modes are a top-level list, with no `customModes` key around them (2 of 36
    Roo/Kilo files of the unseen14 shadow corpus): Roo loads no mode from it (CustomModesManager.loadModesFromFile:
    `!settings.customModes` -> []), nor does Kilo (ModesMigrator.readModesFile: `parsed?.customModes ?? []`; both read
    2026-11-28). It failed on every target ("the file holds a list"); now each mode is read, as one mode alone is, with
    a file-rejected warning (validate: an error), and the file converted to itself comes back byte for byte."""
    text = ("# modes\n- slug: planner\n  name: Planner\n  roleDefinition: Plans the work.\n  groups: [read]\n"
            "- slug: builder\n  name: Builder\n  roleDefinition: Builds it.\n  groups:\n    - read\n    - edit\n")
    src = tmp_path / "repo" / ".kilocodemodes"
    src.parent.mkdir()
    src.write_text(text, "utf-8")
    out = cli("convert", src, "--to", "claude", "-o", tmp_path / "out")
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in (tmp_path / "out" / ".claude" / "agents").iterdir()) == ["builder.md", "planner.md"]
    assert "[file-rejected] the file holds a list of modes with no 'customModes' key around it, so Roo loads " \
           "nothing from the file" in out.stderr
    assert agentconv.convert(src, to="roo", path=".kilocodemodes").text == text
    checked = cli("validate", src)
    assert checked.returncode != 0 and "error [rejected] the file holds a list of modes" in checked.stdout + checked.stderr
    src.write_text("- slug: planner\n  roleDefinition: Plans.\n- just text\n", "utf-8")  # not every item a mode
    assert "the file holds a list, not a mapping with customModes" in cli("convert", src, "--to", "claude").stderr


@pytest.mark.parametrize("name", [".roomodes", ".kilocodemodes", "custom_modes.yaml"])
def test_one_mode_alone_in_a_file_roo_loads_by_name_is_said_to_load_nothing(name):
    """One mode with no `customModes` list around it is read as that mode (an export, a catalogue entry: an info
    note). In a file Roo loads modes from by its name (.roomodes, Kilo's .kilocodemodes, custom_modes.yaml: a real
    .roomodes of the unseen14 shadow corpus) Roo loads nothing from it (CustomModesManager.loadModesFromFile:
    `!settings.customModes` -> []; RooCodeInc/Roo-Code, read 2026-11-28): that is a file-rejected warning now and a
    validate error, where it was an info note and validate passed it. Converted to itself it comes back as written."""
    from agentconv.validate import validate_text
    text = "slug: solo\nname: Solo\nroleDefinition: Works alone.\ngroups: [read]\n"
    codes = [item.code for item in agentconv.convert_text(text, to="claude", path=name).report.items]
    assert "file-rejected" in codes and "value-read-as" not in codes
    assert [p.severity for p in validate_text(text, path=name) if "one mode" in p.message] == ["error"]
    assert agentconv.convert_text(text, to="roo", path=name).text == text
    elsewhere = [item.code for item in agentconv.convert_text(text, to="claude", path="modes/solo.yaml").report.items]
    assert "value-read-as" in elsewhere and "file-rejected" not in elsewhere


def test_a_mode_named_as_one_of_roos_own_is_said(tmp_path):
    """Roo's own modes (architect, code, ask, debug, orchestrator): a custom mode of one of those slugs takes that mode's
    place in Roo, and Kilo CLI 7 loads no mode of those slugs (its modes migration skips them; `kilo debug config`).
    An agent named `architect` was written as that mode with no word (the loaders4 harness: 28 modes, every one missing
    from Kilo CLI's agents). Said now, by convert (name-conflict) and validate (name-builtin); a Roo file into Roo is
    given back as it came, with nothing said; another slug is not said."""
    for name, said in (("architect", True), ("orchestrator", True), ("planner", False)):
        src = f"---\nname: {name}\ndescription: d\ntools: Read\n---\n\nPlan.\n"
        out = agentconv.convert_text(src, "roo", from_="claude", path=f".claude/agents/{name}.md")
        hits = [i.message for i in out.report.items if i.code.value == "name-conflict"]
        assert bool(hits) is said, name
        if said:
            assert "Kilo CLI loads no mode of that slug" in hits[0] and "in place of its own mode" in hits[0]
    modes = "customModes:\n  - slug: code\n    name: Code\n    roleDefinition: r\n    groups: [read]\n"
    out = agentconv.convert_text(modes, "roo", from_="roo", path=".roomodes")
    assert out.text == modes and not [i for i in out.report.items if i.code.value == "name-conflict"]
    (tmp_path / ".roomodes").write_text(modes)
    r = cli("validate", tmp_path / ".roomodes")
    assert r.returncode == 0 and "warning [name-builtin] name 'code' is a built-in roo agent's" in r.stdout


# (`lib/?.js` is for Roo "lib", an optional slash, any character, "js": the texts lib.js and lib/.js, each written as
# a narrower glob: test_roo_regex_branches)
@pytest.mark.parametrize("regex", ["src/*.ts", "docs/*.md", "lib/[a-z].js"])
@pytest.mark.parametrize("target", ["claude", "opencode", "kilo-agents"])
def test_a_roo_file_regex_another_tool_would_read_as_a_wider_glob_is_refused(regex, target):
    """Roo tests an edit's path with new RegExp(fileRegex).test(path) (validateToolUse.ts doesFileMatchRegex,
    RooCodeInc/Roo-Code): `src/*.ts` there is "src", any slashes, one character, "ts" (src.ts, never src/app.ts).
    Written as it is, Claude Code read it as a gitignore rule and OpenCode/Kilo as a wildcard, both of which take
    src/app.ts: the mode could edit files it could not (written silently for OpenCode; for Claude Code with only a
    case note). Refused as a widening; Roo gets its own entry back."""
    src = ("customModes:\n  - slug: docs\n    name: Docs\n    roleDefinition: You write docs.\n    groups:\n"
           f"      - read\n      - - edit\n        - fileRegex: '{regex}'\n")
    with pytest.raises(BroadenError, match="regular expression of edit" if target != "claude" else "as the whole tool"):
        agentconv.convert_text(src, target, from_="roo", path=".roomodes")
    assert agentconv.convert_text(src, "roo", from_="roo", path=".roomodes").text == src


def test_an_anchored_roo_file_regex_written_as_a_glob_is_said_to_be_narrower():
    """`\\.(md|ya?ml)$` (not one "ends in .ext" alternation: `ya?ml`) is written as it is; a glob of it names only a
    file whose name ends in `$`, so the mode edits less there: said as tool-narrowed, no longer as the case note
    ("also take the same paths in other cases"), which said the same files were named."""
    src = ("customModes:\n  - slug: docs\n    name: Docs\n    roleDefinition: You write docs.\n    groups:\n"
           "      - read\n      - - edit\n        - fileRegex: '\\.(md|ya?ml)$'\n")
    with pytest.raises(BroadenError, match="as the whole tool"):  # Claude Code: a subagent's Edit(x) is all of Edit
        agentconv.convert_text(src, "claude", from_="roo", path=".roomodes")


@pytest.mark.parametrize("regex, globs", [("\\.(py|env\\.example|proguard-rules\\.pro)$",
                                           ["*.py", "*.env.example", "*.proguard-rules.pro"]),
                                          ("^.*\\.md$", ["*.md"]), ("\\.(md)$", ["*.md"]), ("^\\.roomodes$", []), ("^\\.(md|txt)$", [])])
def test_a_roo_file_regex_is_a_claude_glob_only_where_it_says_ends_in(regex, globs):
    """`\\.(py|env\\.example)$` ends in .py or .env.example at any depth: Claude's Edit(*.env.example) says the same.
    `^\\.roomodes$` is the one path .roomodes (Roo: new RegExp(fileRegex).test(path), validateToolUse.ts): never
    Edit(*.roomodes), which would let the mode edit every *.roomodes below the root too."""
    import agentconv

    text = ("customModes:\n  - slug: py\n    name: Py\n    roleDefinition: You write Python.\n    groups:\n"
            f"      - read\n      - - edit\n        - fileRegex: '{regex}'\n")
    from agentconv import api

    doc, _ = api.read_text(text, "roo", path=".roomodes")  # (written for Claude Code it is refused: a subagent's
    edits = [g.pattern for g in doc.agent.tools.grants if g.canonical == "edit"]  # Edit(*.py) is all of Edit)
    assert sorted(edits) == (sorted(globs) if globs else [regex])


@pytest.mark.parametrize("target", ["claude"])  # OpenCode's wildcards say it exactly: test_roo_regex_wildcards.py
def test_a_roo_file_regex_whose_only_wildcard_is_dot_star_is_refused_for_claude(target):
    """`\\.roo/memory/.*` is, for Roo's new RegExp(fileRegex).test(path), any path holding `.roo/memory/`; read as a
    glob (OpenCode's wildcard) it names fewer files, never more: written there. A Claude Code subagent's Edit(x) is all
    of Edit, whatever x (test_claude_allow_scopes.py): refused there, as any scope of a tool."""
    src = ("customModes:\n  - slug: mem\n    name: Mem\n    roleDefinition: You keep notes.\n    groups:\n"
           "      - read\n      - - edit\n        - fileRegex: '\\.roo/memory/.*'\n")
    with pytest.raises(BroadenError, match="as the whole tool"):
        agentconv.convert_text(src, target, from_="roo", path=".roomodes")
    with pytest.raises(BroadenError):  # a glob wildcard elsewhere still refuses: src/*.ts
        agentconv.convert_text(src.replace("\\.roo/memory/.*", "src/*.ts"), target, from_="roo", path=".roomodes")
