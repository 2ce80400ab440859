"""A VS Code custom agent names the agents it may run (`agents: [...]`, a handoff's `agent:`) by their `name` header,
else their file name: microsoft/vscode chatModes.ts `findModeByName` compares `mode.name`, which promptsServiceImpl.ts
`computeCustomAgents` sets to `header.name ?? file name` (01a59900 / c875be85, read 2026-11-28). agentconv names a
converted agent after its file, so a batch rewrites such a reference to the target's name for that agent, and says
so; a reference to no agent among the sources, or one file alone whose reference no file name keeps, is said.
Synthetic fixtures only."""
from __future__ import annotations

from pathlib import Path

import pytest

import agentconv
from agentconv.batch import convert_many

AGENTS = {
    "lead.agent.md": ("---\nname: 🧭 Team Lead\ndescription: Plans and delegates\ntools: ['read', 'agent']\n"
                      "agents: ['💻 Python Developer', 'QA Tester', 'Ghost Writer', 'Plan']\nhandoffs:\n"
                      "  - label: Build it\n    agent: 💻 Python Developer\n    prompt: Implement the plan.\n"
                      "---\nLead the team.\n"),
    "developer.agent.md": "---\nname: 💻 Python Developer\ndescription: Writes Python\ntools: ['read']\n---\nCode.\n",
    "qa.agent.md": "---\nname: QA Tester\ndescription: Tests things\ntools: ['read']\n---\nTest.\n",
}


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    (root / ".github/agents").mkdir(parents=True)
    for name, text in AGENTS.items():
        (root / ".github/agents" / name).write_text(text, encoding="utf-8")
    return root


def lead(tmp_path: Path, target: str):
    root = repo(tmp_path)
    results = {Path(r.source).name: r for r in convert_many([root], target, tmp_path / "out")}
    res = results["lead.agent.md"]
    assert res.status == "converted"
    return Path(res.target).read_text(encoding="utf-8").split("# agentconv-carry")[0], res.report


def test_claude_delegates_to_the_agents_by_the_names_it_gives_them(tmp_path):
    text, report = lead(tmp_path, "claude")
    assert "tools: Read, Agent(developer), Agent(qa), Agent(Ghost Writer)\n" in text  # VS Code's Plan: builtins
    coerced = [i.message for i in report.items if i.code.value == "tool-coerced" and "scope" in i.message]
    assert coerced == [
        "the agent tool's scope '💻 Python Developer' written as 'developer' (the name claude gives the agent copilot "
        "names '💻 Python Developer')",
        "the agent tool's scope 'QA Tester' written as 'qa' (the name claude gives the agent copilot names "
        "'QA Tester')"]


def test_opencode_allows_the_task_tool_for_those_names(tmp_path):
    text, _ = lead(tmp_path, "opencode")
    assert "  task:\n    \"*\": deny\n    developer: allow\n    qa: allow\n    Ghost Writer: allow\n" in text
    assert "Python Developer" not in text and "lan: allow" not in text


def test_a_reference_to_no_source_agent_is_said_and_kept(tmp_path):  # VS Code's own Plan agent is no reference
    _, report = lead(tmp_path, "claude")
    said = [i for i in report.items if i.code.value == "name-conflict"]
    assert [i.severity.value for i in said] == ["warning"]
    assert said[0].message.startswith("name 'Ghost Writer' names no agent among the converted files")


def test_one_file_alone_says_the_display_names_are_kept(tmp_path):
    result = agentconv.convert_text(AGENTS["lead.agent.md"], "claude", path=".github/agents/lead.agent.md")
    assert "Agent(💻 Python Developer), Agent(QA Tester), Agent(Ghost Writer)\n" in result.text
    said = sorted(i.message.split(" is no name")[0] for i in result.report.items if i.code.value == "name-conflict")
    assert said == ["name 'Ghost Writer'", "name 'QA Tester'", "name '💻 Python Developer'"]


@pytest.mark.parametrize("name", sorted(AGENTS))
def test_the_same_dialect_keeps_every_file_byte_for_byte(tmp_path, name):
    root = repo(tmp_path)
    out = {Path(r.source).name: r for r in convert_many([root], "copilot", tmp_path / "out")}
    assert Path(out[name].target).read_text(encoding="utf-8") == AGENTS[name]
    assert not [i for i in out[name].report.items if i.code.value in ("name-conflict", "tool-coerced")]


def test_resolving_the_references_leaves_the_callers_document_as_it_was(tmp_path):
    """`write_all` writes the rewritten scopes into its own copy: a document written to several targets (an API
    caller's, or `migrate`'s one read per source) still names the agents as its source did for the next target."""
    from agentconv import api
    from agentconv.batch import agent_refs_of, discover, sources_read

    root = repo(tmp_path)
    found = list(discover([root]))
    doc, _ = api.read(root / ".github/agents/lead.agent.md")
    before = [(g.canonical, g.pattern) for g in doc.agent.tools.grants]
    for target in ("claude", "opencode"):
        routes = agent_refs_of(sources_read(found), target, {})
        out = api.write_all(doc, target, policy=agentconv.Policy(routes=routes))
        assert "developer" in out[0].text
        assert [(g.canonical, g.pattern) for g in doc.agent.tools.grants] == before, target


def _migrated(tmp_path: Path, name: str, jobs: int, filler: int = 0):
    from agentconv import migration

    root = repo(tmp_path / name)
    for i in range(filler):  # enough sources for the pool (migration.POOLED)
        (root / f".github/agents/f{i:03}.agent.md").write_text(
            f"---\nname: Filler {i}\ndescription: Fills\ntools: ['read']\n---\nFill.\n", encoding="utf-8")
    outcome = migration.migrate(root, ["claude", "opencode"], jobs=jobs)
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
             if p.is_file() and p.name != "lock"}
    return root, outcome, files


def test_migrate_writes_the_scope_under_the_names_it_gives_the_agents(tmp_path):
    root, outcome, _ = _migrated(tmp_path, "m", 1)
    claude = (root / ".claude/agents/lead.md").read_text(encoding="utf-8").split("# agentconv-carry")[0]
    assert "tools: Read, Agent(developer), Agent(qa), Agent(Ghost Writer)\n" in claude
    opencode = (root / ".opencode/agent/lead.md").read_text(encoding="utf-8").split("# agentconv-carry")[0]
    assert "  task:\n    \"*\": deny\n    developer: allow\n    qa: allow\n    Ghost Writer: allow\n" in opencode
    lead = [r for r in outcome.records if r.source.endswith("lead.agent.md")]
    assert [r.target_dialect for r in lead] == ["claude", "opencode"]
    for r in lead:
        said = [(i["code"], i["severity"], i["message"].split(":")[0]) for i in r.items()
                if i["code"] == "name-conflict" or (i["code"] == "tool-coerced" and "scope" in i["message"])]
        assert said == [
            ("tool-coerced", "info", f"the agent tool's scope '💻 Python Developer' written as 'developer' (the name "
                                     f"{r.target_dialect} gives the agent copilot names '💻 Python Developer')"),
            ("tool-coerced", "info", f"the agent tool's scope 'QA Tester' written as 'qa' (the name {r.target_dialect} "
                                     "gives the agent copilot names 'QA Tester')"),
            ("name-conflict", "warning", "name 'Ghost Writer' names no agent among the converted files")]
    # as convert DIR writes it
    out = {Path(x.source).name: x for x in convert_many([root / ".github/agents"], "claude", tmp_path / "dir")}
    assert Path(out["lead.agent.md"].target).read_text(encoding="utf-8") == (root / ".claude/agents/lead.md").read_text(
        encoding="utf-8")


def test_migrate_with_a_pool_writes_what_one_process_does(tmp_path):
    _, one, files_one = _migrated(tmp_path, "one", 1, filler=70)
    _, two, files_two = _migrated(tmp_path, "two", 2, filler=70)
    assert [r.to_json() for r in two.records] == [r.to_json() for r in one.records]
    assert files_two == files_one
    assert b"Agent(developer)" in files_one[".claude/agents/lead.md"]


def test_sync_check_finds_a_scope_stale_when_the_agent_it_names_is_renamed(tmp_path):
    """The scope's written name comes from another source: `sync --check` and `sync` follow that source's header."""
    from agentconv import migration

    root = repo(tmp_path)
    migration.migrate(root, ["claude", "opencode"], from_="copilot", jobs=1)
    assert [r.status for r in migration.sync_check(root, ["claude", "opencode"], from_="copilot").records] == \
        ["unchanged"] * 6
    dev = root / ".github/agents/developer.agent.md"
    dev.write_text(AGENTS["developer.agent.md"].replace("💻 Python Developer", "Py Dev"), encoding="utf-8")
    check = migration.sync_check(root, ["claude", "opencode"], from_="copilot")
    assert sorted((Path(r.source).name, r.target_dialect) for r in check.records if r.status == "stale") == [
        ("developer.agent.md", "claude"), ("developer.agent.md", "opencode"),
        ("lead.agent.md", "claude"), ("lead.agent.md", "opencode")]
    again = migration.migrate(root, ["claude", "opencode"], from_="copilot", jobs=1)
    text = (root / ".claude/agents/lead.md").read_text(encoding="utf-8").split("# agentconv-carry")[0]
    assert "tools: Read, Agent(💻 Python Developer), Agent(qa), Agent(Ghost Writer)\n" in text
    lead = next(r for r in again.records if r.source.endswith("lead.agent.md") and r.target_dialect == "claude")
    assert sorted(i["message"].split(" names no agent")[0] for i in lead.items() if i["code"] == "name-conflict") == \
        ["name 'Ghost Writer'", "name '💻 Python Developer'"]


PLAIN = {  # no name headers: VS Code names each agent by its file, and so does every target
    "lead.agent.md": "---\ndescription: Delegates\ntools: ['read', 'agent']\nagents: ['reviewer']\n---\nLead.\n",
    "reviewer.agent.md": "---\ndescription: Reviews\ntools: ['read']\n---\nReview.\n",
}


def test_migrate_converts_an_agent_once_when_its_scope_is_named_right_already(tmp_path, monkeypatch):
    """Only the agents whose scope the written names change are converted a second time (`refs_change`)."""
    from agentconv import api, migration

    calls: list[tuple[str, str]] = []
    write_all = api.write_all

    def counted(doc, to, **kw):
        calls.append((doc.agent.name, to))
        return write_all(doc, to, **kw)

    monkeypatch.setattr(api, "write_all", counted)
    plain = tmp_path / "plain"
    (plain / ".github/agents").mkdir(parents=True)
    for name, text in PLAIN.items():
        (plain / ".github/agents" / name).write_text(text, encoding="utf-8")
    outcome = migration.migrate(plain, ["claude", "opencode"], jobs=1)
    assert sorted(calls) == [("lead", "claude"), ("lead", "opencode"), ("reviewer", "claude"), ("reviewer", "opencode")]
    assert "tools: Read, Agent(reviewer)\n" in (plain / ".claude/agents/lead.md").read_text(encoding="utf-8")
    assert not [i for r in outcome.records for i in r.items() if i["code"] == "name-conflict"
                or (i["code"] == "tool-coerced" and "scope" in i["message"])]
    out = {Path(x.source).name: x for x in convert_many([plain / ".github/agents"], "claude", tmp_path / "dir")}
    assert Path(out["lead.agent.md"].target).read_text(encoding="utf-8") == \
        (plain / ".claude/agents/lead.md").read_text(encoding="utf-8")
    calls.clear()  # the display names of the other fixture change the scope: that lead is converted again
    migration.migrate(repo(tmp_path), ["claude", "opencode"], jobs=1)
    assert sorted(c for c in calls if c[0] == "lead") == [("lead", "claude")] * 2 + \
        [("lead", "opencode")] * 2


OPENCODE_LEAD = ("---\ndescription: Plans and delegates\nmode: primary\npermission:\n  \"*\": deny\n  read: allow\n"
                 "  task:\n    \"*\": deny\n    explore: allow\n    general: allow\n    reviewer: allow\n"
                 "    ghost: allow\n---\nLead.\n")


def test_a_tools_own_subagent_in_a_scope_is_no_unresolved_reference(tmp_path):
    """OpenCode's own subagents (`explore`, `general`: opencode.toml [name.builtin], anomalyco/opencode
    packages/opencode/src/agent/agent.ts) named in a `task` scope are no reference to a converted agent: not said as
    one that names no agent among the converted files (its command table, opencode-command.toml [runs_in], lists no
    `builtin` of its own; the agent table's names are its own agents, as `own_agent` reads them). A name no agent
    has is still said. Claude Code's agents of their roles have more access (the session's MCP tools, subagents):
    left out of the scope, said (test_builtin_agents.py)."""
    root = tmp_path / "src"
    (root / ".opencode/agent").mkdir(parents=True)
    (root / ".opencode/agent/lead.md").write_text(OPENCODE_LEAD, encoding="utf-8")
    (root / ".opencode/agent/reviewer.md").write_text("---\ndescription: Reviews\nmode: subagent\n---\nReview.\n",
                                                     encoding="utf-8")
    results = {Path(r.source).name: r for r in convert_many([root], "claude", tmp_path / "out")}
    res = results["lead.md"]
    assert res.status == "converted"
    said = sorted(i.message.split(" names no agent")[0] for i in res.report.items if i.code.value == "name-conflict")
    assert said == ["name 'ghost'"]
    assert "tools: Read, Agent(reviewer), Agent(ghost)\n" in Path(res.target).read_text(encoding="utf-8")
    assert sorted(i.message.split(" names ")[0] for i in res.report.items if i.code.value == "agent-unmapped") == [
        "the agent tool's scope 'explore'", "the agent tool's scope 'general'"]
