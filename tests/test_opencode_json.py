"""OpenCode's config file (opencode.json / opencode.jsonc): its `agent` and `command` entries are records read with
exactly the markdown dialects' meaning; everything else is said, never read; nothing is written into it."""
from __future__ import annotations

import pytest

import agentconv

from agentconv import api, batch, migration
from agentconv.envelopes import opencodejson
from agentconv.errors import NoRecords, ParseError, UsageError

CONFIG = """{
  // the project's OpenCode config
  "$schema": "https://opencode.ai/config.json",
  "model": "anthropic/claude-sonnet-4-5",
  "agent": {
    "reviewer": {
      "description": "Reviews code", /* inline comment */
      "mode": "subagent",
      "prompt": "Review the change.",
      "tools": {"write": false, "bash": false},
      "temperature": 0.1,
    },
    "guarded": {
      "description": "Runs git only",
      "prompt": "{file:./prompts/guarded.md}",
      "permission": {"edit": "deny", "bash": {"*": "deny", "git *": "allow"}},
    },
    "build": {"tools": {"bash": false}},
  },
  "command": {
    "test": {"template": "Run the tests $ARGUMENTS", "description": "Run tests", "agent": "build", "subtask": true},
  },
}
"""

MARKDOWN_REVIEWER = """---
description: Reviews code
mode: subagent
tools:
  write: false
  bash: false
temperature: 0.1
---

Review the change.
"""


def _tools(agent):
    return agent.tools.mode, sorted((g.canonical, g.decision, g.pattern) for g in agent.tools.grants)


def test_jsonc_comments_and_trailing_commas_are_read_as_opencode_reads_them():
    assert opencodejson.plain_json('{"a": "x // y /* z */", // c\n "b": [1, 2,], /* d\n */ "c": 3,}') == \
        '{"a": "x // y /* z */",     \n "b": [1, 2 ],     \n    "c": 3 }'
    with pytest.raises(ParseError, match="not valid JSONC"):
        opencodejson.parse('{"agent": {,}}', "opencode.json")


def test_each_agent_and_command_entry_is_a_record_with_the_markdown_dialects_meaning():
    doc, report = api.read_text(CONFIG, path="proj/opencode.jsonc")
    assert report.source == "opencode-json"
    assert [(r.kind, r.name) for r in doc.records] == [
        ("agent", "reviewer"), ("agent", "guarded"), ("agent", "build"), ("command", "test")]
    reviewer, guarded, build, test = doc.records
    md, _ = api.read_text(MARKDOWN_REVIEWER, "opencode", path=".opencode/agent/reviewer.md")
    assert _tools(reviewer) == _tools(md.agent)  # the same reader: never wider than the markdown dialect's
    assert (reviewer.description, reviewer.role, reviewer.params, reviewer.prompt) == \
        (md.agent.description, md.agent.role, md.agent.params, md.agent.prompt)
    assert _tools(guarded) == ("denylist", [("bash", "allow", "git *"), ("bash", "deny", None), ("edit", "deny", None),
                                            ("write", "deny", None)])
    assert _tools(build) == ("denylist", [("bash", "deny", None)]) and build.prompt == ""
    assert (test.description, test.prompt, test.extensions) == (
        "Run tests", "Run the tests {{args}}\n", {"opencode-command": {"agent": "build", "subtask": True}})


def test_what_is_not_an_agent_and_what_opencode_substitutes_are_said():
    _, report = api.read_text(CONFIG, path="opencode.jsonc")
    said = [(i.line, i.code.value, i.message) for i in report.items]
    assert (3, "field-dropped", "top-level '$schema' not read: OpenCode configuration, not an agent or a command") in said
    assert (4, "field-dropped", "top-level 'model' not read: OpenCode configuration, not an agent or a command") in said
    assert any(code == "value-invalid" and "{file:./prompts/guarded.md}" in msg and "read as the literal text" in msg
               for _, code, msg in said)
    assert any(code == "value-read-as" and "agent 'build' without a prompt" in msg and "mergeDeep" in msg
               for _, code, msg in said)


def test_from_opencode_reads_the_config_not_one_markdown_agent_named_opencode():
    doc, report = api.read_text(CONFIG, "opencode", path="opencode.json")
    assert report.source == "opencode-json" and [r.name for r in doc.records] == ["reviewer", "guarded", "build", "test"]
    doc, report = api.read_text(CONFIG, "opencode-command", path=".opencode/opencode.jsonc")
    assert report.source == "opencode-json"


def test_to_its_own_dialect_gives_the_config_back_byte_for_byte_and_refuses_any_other_write():
    results = api.convert_all_text(CONFIG, "opencode-json", path="opencode.jsonc")
    assert [r.text for r in results] == [CONFIG]
    with pytest.raises(UsageError, match="does not write into an OpenCode config"):
        api.convert_text(MARKDOWN_REVIEWER, "opencode-json", from_="opencode", path=".opencode/agent/reviewer.md")


def test_to_opencode_the_entries_become_markdown_files(tmp_path):
    results = api.convert_all_text(CONFIG, "opencode", path="opencode.jsonc")
    assert [r.path for r in results] == [".opencode/agent/reviewer.md", ".opencode/agent/guarded.md",
                                         ".opencode/agent/build.md", ".opencode/agent/test.md"]
    back, _ = api.read_text(results[0].text, "opencode", path=results[0].path)
    first, _ = api.read_text(CONFIG, path="opencode.jsonc")
    assert _tools(back.agent) == _tools(first.agent) and back.agent.prompt == first.agent.prompt


def test_a_config_without_agents_or_commands_is_skipped_not_an_error(tmp_path):
    src = tmp_path / "repo"
    (src / ".opencode").mkdir(parents=True)
    (src / "opencode.json").write_text('{"model": "a/b", "mcp": {}}\n')
    with pytest.raises(NoRecords, match=r"without agents or commands \(its top-level keys: model, mcp\)"):
        api.read(src / "opencode.json")
    results = list(batch.convert_many([src], "claude", tmp_path / "out"))
    assert [(r.status, r.reason) for r in results] == [
        ("skipped", "an OpenCode config without agents or commands (its top-level keys: model, mcp), OpenCode "
                    "settings only")]


def test_migrate_routes_each_kind_and_accounts_for_every_config(tmp_path):
    src = tmp_path / "repo"
    (src / ".opencode").mkdir(parents=True)
    (src / ".opencode" / "opencode.jsonc").write_text(CONFIG)
    (src / "sub").mkdir()
    (src / "sub" / "opencode.json").write_text('{"theme": "x"}')
    result = migration.migrate(src, ["claude"], mode="plan", jobs=1)
    got = sorted((r.source, r.status, r.target_dialect, r.target) for r in result.records)
    assert got == [
        (".opencode/opencode.jsonc", "planned", "claude", ".claude/agents/build.md"),
        (".opencode/opencode.jsonc", "planned", "claude", ".claude/agents/guarded.md"),
        (".opencode/opencode.jsonc", "planned", "claude", ".claude/agents/reviewer.md"),
        (".opencode/opencode.jsonc", "planned", "claude-command", ".claude/commands/test.md"),
        ("sub/opencode.json", "skipped", None, None)]


def test_detect_names_the_config_and_what_it_holds_record_by_record():
    det = api.detect_text(CONFIG, path="proj/.opencode/opencode.jsonc")
    assert det.dialect == "opencode-json" and det.evidence == [
        "file name opencode.jsonc", "3 agents: reviewer, guarded, build", "1 command: test"]
    assert api.detect_text('{"theme": "x"}', path="opencode.json").evidence == [
        "file name opencode.json", "no agent or command: nothing to convert"]
    assert api.detect_text(CONFIG, path="settings.json").dialect != "opencode-json"  # by its name only


def test_validate_checks_each_entry_by_its_kinds_rules_not_as_unknown_keys():
    from agentconv import validate

    found = [(f.line, f.rule, f.message) for f in validate.validate_text(CONFIG, path="opencode.jsonc")]
    assert not any(rule in ("unknown-key", "required") for _, rule, _ in found)  # `build` (tools only) is an override
    bad = CONFIG.replace('"mode": "subagent"', '"mode": "helper"')
    assert (8, "value", "mode: 'helper' is not one of primary, subagent, all; OpenCode refuses the configuration and "
            "loads no agent") in [
        (f.line, f.rule, f.message) for f in validate.validate_text(bad, path="opencode.jsonc")]  # opencode's own rule


def test_tools_write_false_switches_off_every_file_edit_as_opencode_does():
    """OpenCode reads `tools: {write: false}` as `permission: {edit: deny}` (edit, write and apply_patch): it was read
    as denying the write tool alone, and written for Claude Code as `disallowedTools: Write` (Edit still allowed)."""
    text = '{"agent": {"r": {"description": "d", "mode": "subagent", "prompt": "p", "tools": {"write": false}}}}'
    doc, _ = api.read_text(text, path="opencode.json")
    assert _tools(doc.agent) == ("denylist", [("edit", "deny", None), ("write", "deny", None)])
    assert "disallowedTools: Edit, Write, NotebookEdit, EnterWorktree, ExitWorktree\n" in api.convert_text(
        text, "claude", path="opencode.json").text
    md, _ = api.read_text("---\ndescription: d\ntools:\n  patch: false\n---\np\n", "opencode", path=".opencode/agent/r.md")
    assert _tools(md.agent) == ("denylist", [("edit", "deny", None), ("write", "deny", None)])


def test_each_output_says_what_reading_its_own_entry_found_not_every_entrys():
    """A config of 33 commands, each with a {file:} template, gave every output all 33 warnings (1,089 items)."""
    text = ('{"theme": "x", "command": {"a": {"template": "{file:a.md}"}, "b": {"template": "{file:b.md}"}, '
            '"c": {"template": "Run."}}}')
    results = api.convert_all_text(text, "opencode-command", path="opencode.json")
    said = [[i.message for i in r.report if i.code.value in ("value-invalid", "field-dropped")] for r in results]
    top = "top-level 'theme' not read: OpenCode configuration, not an agent or a command"
    assert said == [
        [top, "command 'a': 'template' holds {file:a.md}, which OpenCode replaces with the text of that file: read as "
              "the literal text"],
        [top, "command 'b': 'template' holds {file:b.md}, which OpenCode replaces with the text of that file: read as "
              "the literal text"],
        [top]]


BOTH_WAYS = '{"agent": {"reviewer": {"description": "Reviews (json)", "prompt": "Review."},\n' \
            '           "helper": {"description": "Helps", "prompt": "Help."}},\n' \
            ' "command": {"ship": {"template": "Ship $ARGUMENTS", "description": "Ship"}}}\n'
MD_REVIEWER = "---\ndescription: Reviews (md)\n---\n\nReview from the file.\n"


def _both_ways(tmp_path, config="opencode.json"):
    src = tmp_path / "repo"
    (src / ".opencode" / "agent").mkdir(parents=True)
    (src / ".opencode" / "agent" / "reviewer.md").write_text(MD_REVIEWER)
    (src / config).parent.mkdir(parents=True, exist_ok=True)
    (src / config).write_text(BOTH_WAYS)
    return src


@pytest.mark.parametrize("config", ["opencode.json", ".opencode/opencode.jsonc"])
@pytest.mark.parametrize("from_", [None, "opencode", "opencode-command"])
def test_migrate_from_opencode_finds_the_config_where_opencode_reads_it(tmp_path, config, from_):
    """`--from opencode` (or opencode-command) takes the config too (its records are theirs: `takes`), at the project
    root and in .opencode/ (config.ts: findUp opencode.json(c), each .opencode/ folder's); an agent defined both in
    it and as .opencode/agent/NAME.md is a collision, as two sources that want one file are anywhere."""
    src = _both_ways(tmp_path, config)
    result = migration.migrate(src, ["claude"], from_=from_, mode="plan", jobs=1)
    got = sorted((r.source, r.status, r.target) for r in result.records)
    md = [(".opencode/agent/reviewer.md", "collision", ".claude/agents/reviewer.md")]
    assert got == sorted([(config, "planned", ".claude/agents/helper.md"),
                          (config, "planned", ".claude/commands/ship.md")]
                         + ([(config, "collision", ".claude/agents/reviewer.md")] + md
                            if from_ != "opencode-command" else [(config, "planned", ".claude/agents/reviewer.md")]))
    clash = [r for r in result.records if r.status == "collision"]
    assert all(f"2 sources want this file ({config}, .opencode/agent/reviewer.md)" in r.error for r in clash)


@pytest.mark.parametrize("force", [False, True])
def test_an_entry_converted_into_its_own_markdown_place_never_replaces_the_file_there(tmp_path, force):
    """`--to opencode`: the config's `reviewer` wants .opencode/agent/reviewer.md, a source: refused and said (a plan
    says it as the write does), the other entries are written, and nothing is ever written into the config."""
    src = _both_ways(tmp_path)
    for mode in ("plan", "write"):
        result = migration.migrate(src, ["opencode", "opencode-json"], mode=mode, force=force, jobs=1)
        by = {(r.source, r.target_dialect, r.target): r for r in result.records}
        bad = by[("opencode.json", "opencode", ".opencode/agent/reviewer.md")]
        assert bad.status == "failed" and "refusing to overwrite a source file (2 sources want this file: " \
                                          "opencode.json and the file itself)" in bad.error
        assert by[("opencode.json", "opencode", ".opencode/agent/helper.md")].status in ("planned", "converted")
        assert by[(".opencode/agent/reviewer.md", "opencode", None)].status == "skipped"
        assert {r.status for r in result.records if r.target_dialect == "opencode-json"} <= {"skipped", "failed"}
        assert (src / ".opencode/agent/reviewer.md").read_text() == MD_REVIEWER
        assert (src / "opencode.json").read_text() == BOTH_WAYS


BASED = """{
  "permission": {"edit": "ask", "bash": {"*": "deny", "git *": "allow"}},
  "tools": {"*": false, "read": true, "edit": true, "bash": true},
  "agent": {
    "plain": {"description": "d", "mode": "subagent", "prompt": "p"},
    "own": {"description": "d", "prompt": "p", "permission": {"bash": {"npm *": "allow"}}},
    "alone": {"description": "d", "prompt": "p", "permission": {"*": "deny", "read": "allow"}}
  }
}
"""


def test_the_configs_top_level_tools_and_permission_are_the_base_of_every_agents_own():
    """OpenCode applies a config's top-level `tools` and `permission` to every agent, the agent's own rules after them
    (opencode-ai 1.18.33 `debug agent`: an agent without tool keys under top-level `tools: {"*": false, ...}` has bash
    and the web tools off). They were said "not read" and the agent read as having every tool: converted, it got them
    all (Claude: no tools line). Now under each agent: a key or pattern of the agent's replaces the config's, an
    agent's catch-all leaves nothing of the config's."""
    doc, report = api.read_text(BASED, path="opencode.json")
    plain, own, alone = doc.records
    _tools = lambda a: (a.tools.mode, sorted((g.canonical, g.decision, g.pattern or "") for g in a.tools.grants))  # noqa: E731
    assert plain.tools.mode == "allowlist" and ("bash", "allow", "git *") in _tools(plain)[1]
    assert not any(c in ("webfetch", "websearch") and d == "allow" for c, d, _ in _tools(plain)[1])
    assert {("bash", "allow", "git *"), ("bash", "allow", "npm *")} <= set(_tools(own)[1])
    assert _tools(alone) == ("allowlist", [("read", "allow", "")])
    said = [i.message for i in report.items if i.code.value == "value-read-as"]
    assert any("top-level 'tools' read as the base of every agent's own" in m for m in said)
    # bash only for `git *`: no Claude Code subagent tool list holds that (its Bash(git *) is all of Bash), so allowed
    # to broaden (test_claude_allow_scopes.py), each agent gets a tool list, the web tools not in it
    claude = {r.text.split("\nname: ")[1].split("\n")[0]: r.text for r in api.convert_all_text(
        BASED, "claude", path="opencode.json", policy=agentconv.Policy(allow_broaden=True))}
    assert all("\ntools: " in t and "WebFetch" not in t.split("\n---", 2)[1] for t in claude.values())
    assert [r.text for r in api.convert_all_text(BASED, "opencode-json", path="opencode.json")] == [BASED]


@pytest.mark.parametrize("mode, kind", [("{a: b}", "map"), ("[subagent]", "list")])
def test_an_agent_mode_that_is_a_list_or_map_is_refused_with_its_line(mode: str, kind: str) -> None:
    """OpenCode's `mode` is one of subagent, primary, all (OpenCode 1.18.33 rejects a map or list: "Configuration is
    invalid"); read as the IR's role, a map or list made every writer that looks a role up crash (TypeError: unhashable,
    exit 70, found by the fuzz run). Now a ParseError naming the line, for every target."""
    text = f"---\ndescription: Reviews code\nmode: {mode}\n---\nReview.\n".encode()
    with pytest.raises(ParseError, match=f"'mode' is a {kind}, not text") as err:
        api.read_text(text, "opencode", path=".opencode/agent/reviewer.md")
    assert err.value.line == 3
    doc, _ = api.read_text(b"---\ndescription: Reviews code\nmode: 3\n---\nReview.\n", "opencode",
                           path=".opencode/agent/reviewer.md")
    assert [api.write(doc, t) for t in ("opencode",)] == ["---\ndescription: Reviews code\nmode: 3\n---\nReview.\n"]


def _agents_beside_configs(root):
    """A worktree whose configs deny edits (opencode.jsonc at its root) and switch bash off (.opencode/opencode.json),
    inside a folder whose own opencode.json denies reading (outside the worktree: OpenCode never reads it)."""
    (root / "opencode.json").write_text('{"permission": {"read": "deny"}}\n')
    repo = root / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "opencode.jsonc").write_text('{\n  // the project\'s rules\n  "permission": {"edit": "deny", "webfetch": "allow"},\n}\n')
    agents = repo / ".opencode" / "agent"
    agents.mkdir(parents=True)
    (repo / ".opencode" / "opencode.json").write_text('{"tools": {"bash": false}}\n')
    files = {"plain": "---\ndescription: Reviews code\nmode: subagent\n---\nReview.\n",
             "own": "---\ndescription: Runs npm\npermission:\n  bash: allow\n---\nRun npm.\n",
             "alone": "---\ndescription: Reads\npermission:\n  \"*\": deny\n  read: allow\n---\nRead.\n",
             "switched": "---\ndescription: Offline\ntools:\n  webfetch: false\n---\nWork offline.\n"}
    for name, text in files.items():
        (agents / f"{name}.md").write_text(text)
    return repo, agents, files


def test_a_projects_config_rules_are_beneath_its_markdown_agents_own(tmp_path):
    """OpenCode puts its configs' top-level `permission` and `tools` beneath every agent's own rules, markdown agents
    of .opencode/agent/ too (agent.ts: Permission.merge(defaults, config's, agent's); config.ts: opencode.json(c) from
    the worktree down, then each .opencode/ folder's). An agent file was read alone: `bash: false` and `edit: deny` in
    the project's configs were lost, and the agent converted to Claude Code could edit and run commands. Now read
    beneath them (convert, migrate), said, and given back to OpenCode as written; a config above the worktree is not
    OpenCode's and not read. An agent's own `tools` switch comes after the configs' `permission` (opencode-ai 1.18.33
    `debug agent`: `tools: {edit: false}` under a config's `edit: allow` is an edit deny)."""
    repo, agents, files = _agents_beside_configs(tmp_path)
    claude = {n: api.convert(agents / f"{n}.md", "claude") for n in files}
    header = {n: r.text.split("\n---\n")[0] for n, r in claude.items()}
    assert "disallowedTools: Bash, Edit, Write" in header["plain"] and "Read" not in header["plain"]
    assert "disallowedTools: Edit, Write" in header["own"] and "Bash" not in header["own"]
    assert "tools: Read" in header["alone"] and "disallowedTools" not in header["alone"]
    assert "disallowedTools: Bash, Edit, Write, WebFetch" in header["switched"]  # its own switch after the config's allow
    said = [i.message for i in claude["plain"].report.items if i.code.value == "value-read-as"]
    assert said == [f"the top-level 'permission' and 'tools' of {repo / 'opencode.jsonc'}, "
                    f"{repo / '.opencode' / 'opencode.json'} read as rules beneath this agent's own, as OpenCode "
                    "applies its configs' rules to every agent"]
    assert not [i for i in claude["alone"].report.items if i.code.value == "value-read-as"]
    assert {n: api.convert(agents / f"{n}.md", "opencode").text for n in files} == files
    result = migration.migrate(repo, ["claude"], jobs=1)
    assert {n: (repo / ".claude" / "agents" / f"{n}.md").read_text() for n in files} == {
        n: r.text for n, r in claude.items()}
    assert result.summary.statuses["converted"] == 4


def test_a_config_that_cannot_be_read_is_said_beside_the_agent(tmp_path):
    """OpenCode does not start on a config it cannot parse: what it would have put beneath the agent is unknown, and
    said (a warning), never passed over."""
    repo, agents, _ = _agents_beside_configs(tmp_path)
    (repo / "opencode.jsonc").write_text('{"permission": {"edit": "deny"}\n')
    report = api.convert(agents / "plain.md", "claude").report
    bad = [i.message for i in report.items if i.code.value == "value-invalid"]
    assert len(bad) == 1 and bad[0].startswith(f"{repo / 'opencode.jsonc'}: ") and "not read beneath" in bad[0]
