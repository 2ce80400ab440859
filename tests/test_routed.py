"""Commands routed to a custom agent of the same repository (an OpenCode command's `agent: review` beside
`.opencode/agent/review.md`, a VS Code prompt's `agent: Planner` beside `.github/agents/planner.agent.md`, a Claude Code
command's `context: fork` with `agent:`). Refused where nothing is known of the agent (`[runs_in]`); in `migrate` routed
to it where the target routes a command to an agent converted beside it; else, in `migrate` or a batch, judged by the
agent's own tools (every tool: converted, the agent dropped and said; fewer: the command takes them where its target can
say them, else refused)."""
from __future__ import annotations

from pathlib import Path

import pytest

import agentconv
from agentconv.batch import convert_many
from agentconv.errors import BroadenError

REVIEW = "---\ndescription: Reviews code\nmode: subagent\npermission:\n  edit: deny\n  bash: deny\n---\nYou review.\n"
DOCS = "---\ndescription: Writes docs\nmode: subagent\n---\nYou write docs.\n"
PLANNER = "---\nname: Planner\ndescription: Plans\ntools: ['search/codebase', 'web/fetch']\n---\nYou plan.\n"
COMMANDS = {
    ".opencode/command/rev.md": "---\ndescription: Review it\nagent: review\n---\nReview the change.\n",
    ".opencode/command/doc.md": "---\ndescription: Doc it\nagent: docs\n---\nDocument it.\n",
    ".opencode/command/pl.md": "---\ndescription: Plan it\nagent: plan\n---\nPlan it.\n",  # OpenCode's own agent
    ".github/prompts/mkplan.prompt.md": "---\ndescription: Make a plan\nagent: Planner\n---\nMake a plan.\n",
}


def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    files = {".opencode/agent/review.md": REVIEW, ".opencode/agent/docs.md": DOCS,
             ".github/agents/planner.agent.md": PLANNER, **COMMANDS}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def outcome(root: Path, out: Path, to: str) -> dict[str, object]:
    """Source -> (status, error) of each command's record."""
    result = agentconv.migrate(root, [to], out=out, jobs=1)
    return {r.source: (r.status, r.error) for r in result.records if r.source in COMMANDS}


def fresh_copy(out: Path, dest: Path) -> Path:
    """The files a run wrote, without its manifest (which keeps them from being taken for sources): a new repository."""
    for p in out.rglob("*.md"):
        if ".agentconv" not in p.parts:
            (dest / p.relative_to(out)).parent.mkdir(parents=True, exist_ok=True)
            (dest / p.relative_to(out)).write_text(p.read_text())
    return dest


def header(path: Path) -> str:
    """The visible header (its side channel's comment left out)."""
    return "".join(ln for ln in path.read_text().split("---\n")[1].splitlines(True) if not ln.startswith("# agentconv-"))


def test_migrate_routes_a_command_to_its_agent_converted_beside_it(tmp_path):
    root = repo(tmp_path)
    got = outcome(root, tmp_path / "claude", "claude")
    assert {k: v[0] for k, v in got.items()} == {
        ".opencode/command/rev.md": "converted", ".opencode/command/doc.md": "converted",
        ".opencode/command/pl.md": "converted", ".github/prompts/mkplan.prompt.md": "converted"}
    cmds = tmp_path / "claude/.claude/commands"
    # OpenCode's own primary `plan` (no edits): Claude Code's own Plan, which holds no more (tool-narrowed)
    assert header(cmds / "pl.md") == "description: Plan it\ncontext: fork\nagent: Plan\ndisable-model-invocation: true\n"
    assert header(cmds / "rev.md") == "description: Review it\ncontext: fork\nagent: review\ndisable-model-invocation: true\n"
    assert header(cmds / "doc.md") == "description: Doc it\ncontext: fork\nagent: docs\ndisable-model-invocation: true\n"
    # VS Code knows the agent by its `name: Planner`; Claude Code by the name its file is written with
    assert header(cmds / "mkplan.md") == "description: Make a plan\ncontext: fork\nagent: planner\ndisable-model-invocation: true\n"
    assert "name: planner\n" in (tmp_path / "claude/.claude/agents/planner.md").read_text()

    got = outcome(root, tmp_path / "opencode", "opencode")
    assert got[".github/prompts/mkplan.prompt.md"][0] == "converted"
    assert header(tmp_path / "opencode/.opencode/command/mkplan.md") == "description: Make a plan\nagent: planner\n"
    got = outcome(root, tmp_path / "copilot", "copilot")
    assert header(tmp_path / "copilot/.github/prompts/rev.prompt.md") == "description: Review it\nagent: review\n"
    assert got[".opencode/command/pl.md"][0] == "converted"
    assert header(tmp_path / "copilot/.github/prompts/pl.prompt.md") == "description: Plan it\nagent: Plan\n"
    got = outcome(root, tmp_path / "gemini", "gemini")  # a Gemini CLI command runs with every tool: refused there
    assert "cannot run it in opencode-command's agent 'plan'" in got[".opencode/command/pl.md"][1]


def test_migrate_without_routing_judges_the_command_by_its_agents_tools(tmp_path):
    """Gemini CLI commands name no agent: a command whose agent has every tool loses only the agent (said); one whose
    agent has fewer tools cannot say them there: refused as before."""
    root = repo(tmp_path)
    result = agentconv.migrate(root, ["gemini"], out=tmp_path / "out", jobs=1)
    by = {r.source: r for r in result.records if r.source in COMMANDS}
    assert by[".opencode/command/doc.md"].status == "converted"
    assert [i["code"] for i in by[".opencode/command/doc.md"].losses if i["path"].endswith(".agent")] == [
        "extension-dropped"]
    assert by[".opencode/command/rev.md"].status == "failed"
    assert "cannot run it in opencode-command's agent 'review'" in by[".opencode/command/rev.md"].error
    assert by[".github/prompts/mkplan.prompt.md"].status == "failed"


def test_a_routed_command_comes_back_through_claude_code(tmp_path):
    """OpenCode -> Claude Code (context: fork, agent) -> OpenCode: the command as it was, with no comment."""
    root = repo(tmp_path)
    agentconv.migrate(root, ["claude"], out=tmp_path / "claude", jobs=1)
    again = fresh_copy(tmp_path / "claude", tmp_path / "again")
    agentconv.migrate(again, ["opencode"], out=tmp_path / "back", jobs=1)
    for rel in (".opencode/command/rev.md", ".opencode/command/doc.md"):
        assert (tmp_path / "back" / rel).read_text() == COMMANDS[rel]


def test_a_routed_prompt_comes_back_through_opencode(tmp_path):
    """VS Code -> OpenCode (`agent: planner`, the agent's file name there) -> VS Code: `agent: Planner` again, the name
    the agent's file has back (its display name rides in the side channel)."""
    root = repo(tmp_path)
    agentconv.migrate(root, ["opencode"], out=tmp_path / "oc", jobs=1)
    again = fresh_copy(tmp_path / "oc", tmp_path / "again")
    agentconv.migrate(again, ["copilot"], out=tmp_path / "back", jobs=1)
    rel = ".github/prompts/mkplan.prompt.md"
    assert (tmp_path / "back" / rel).read_text() == COMMANDS[rel]


@pytest.mark.parametrize("target, rev", [
    ("claude-command", ("description: Review it\ndisallowed-tools: Edit, Write, Bash, NotebookEdit, EnterWorktree, "
                        "ExitWorktree, PowerShell, Monitor, TaskStop\ndisable-model-invocation: true\n")),  # deny rules
    ("gemini-command", None),  # no tool field: refused
])
def test_a_batch_gives_a_command_its_agents_tools(tmp_path, target, rev):
    root = repo(tmp_path)
    results = {Path(r.source).relative_to(root).as_posix(): r
               for r in convert_many([root], target, tmp_path / "out")}
    assert results[".opencode/command/doc.md"].status == "converted"
    # OpenCode's own plan: Claude Code's Plan, forked (no more access); nothing in Gemini CLI
    assert results[".opencode/command/pl.md"].status == ("failed" if rev is None else "converted")
    if rev is None:
        assert results[".opencode/command/rev.md"].exit_code == 6
    else:
        assert header(Path(results[".opencode/command/rev.md"].target)) == rev


def test_one_file_alone_is_refused_as_before(tmp_path):
    root = repo(tmp_path)
    with pytest.raises(BroadenError, match="cannot run it in opencode-command's agent 'review'"):
        agentconv.convert(root / ".opencode/command/rev.md", "claude-command")


# Claude Code runs a command with `context: fork` in the agent `agent` names (default general-purpose, every tool);
# without `context: fork` the agent does nothing (2.1.330 bundle, read 2026-11-27). A skill's are a command's (the same
# skill reader). Its own Explore is OpenCode's explore (test_builtin_agents.py). (source, lines, target, refused)
FORKED = [("claude-command", "context: fork\nagent: Explore\n", "opencode-command", False),
          ("claude-command", "context: fork\nagent: Plan\n", "opencode-command", True),
          ("claude-command", "context: fork\nagent: reviewer\n", "opencode-command", True),
          ("claude-command", "context: fork\nagent: general-purpose\n", "opencode-command", False),
          ("claude-command", "context: fork\n", "opencode-command", False),
          ("claude-command", "agent: Explore\n", "opencode-command", False),
          ("skill", "context: fork\nagent: Explore\n", "claude", True), ("skill", "context: fork\n", "claude", False)]
PATH_OF = {"claude-command": ".claude/commands/probe.md", "skill": ".claude/skills/probe/SKILL.md"}


@pytest.mark.parametrize("source, lines, target, refused", FORKED)
def test_a_claude_command_or_skill_forked_into_an_agent_is_refused_where_nothing_names_it(source, lines, target, refused):
    text = f"---\nname: probe\ndescription: d\n{lines}---\nDo it.\n" if source == "skill" else \
        f"---\ndescription: d\n{lines}---\nDo it.\n"
    convert = lambda: agentconv.convert_text(text, target, from_=source, path=PATH_OF[source])  # noqa: E731
    if refused:
        with pytest.raises(BroadenError, match=f"cannot run it in {source}'s agent"):
            convert()
    else:
        assert not [i for i in convert().report if i.code.value == "tool-broadened"]


def test_an_opencode_config_command_run_in_an_agent_is_refused_elsewhere(tmp_path):
    """A command of `opencode.json` is read by opencode-command's rules: its `agent: plan` as a Markdown command's."""
    (tmp_path / "opencode.json").write_text('{"command": {"x": {"template": "Do it.", "agent": "plan"}}}')
    with pytest.raises(BroadenError, match="cannot run it in opencode-command's agent 'plan'"):
        agentconv.convert(tmp_path / "opencode.json", "gemini-command")


def test_no_route_to_an_agent_that_another_file_of_the_target_answers_to(tmp_path):
    """The repository has its own Claude agent `review` (another file, other tools): Claude Code would run the command
    in that one, so the OpenCode command is not routed there; its agent's tools go with it instead."""
    root = repo(tmp_path)
    (root / ".claude/agents").mkdir(parents=True)
    (root / ".claude/agents/reviewer.md").write_text("---\nname: review\ndescription: Other\n---\nOther.\n")
    got = outcome(root, tmp_path / "claude", "claude")
    assert got[".opencode/command/rev.md"][0] == "converted"
    assert header(tmp_path / "claude/.claude/commands/rev.md") == (
        "description: Review it\ndisallowed-tools: Edit, Write, Bash, NotebookEdit, EnterWorktree, ExitWorktree, "
        "PowerShell, Monitor, TaskStop\ndisable-model-invocation: true\n")


def test_no_route_to_an_agent_whose_place_holds_a_file_agentconv_did_not_write(tmp_path):
    root = repo(tmp_path)
    out = tmp_path / "claude"
    (out / ".claude/agents").mkdir(parents=True)
    (out / ".claude/agents/docs.md").write_text("---\nname: docs\ndescription: Hand-written\ntools: Read\n---\nMine.\n")
    result = agentconv.migrate(root, ["claude"], out=out, jobs=1)
    by = {r.source: r for r in result.records}
    assert by[".opencode/agent/docs.md"].status == "kept"
    assert by[".opencode/command/doc.md"].status == "converted"  # docs has every tool: converted, the agent dropped
    assert header(out / ".claude/commands/doc.md") == "description: Doc it\ndisable-model-invocation: true\n"


def test_a_forked_claude_command_comes_back_through_opencode(tmp_path):
    """Claude Code (context: fork, agent: reviewer) -> OpenCode (agent: reviewer) -> Claude Code: as it was."""
    command = "---\ndescription: Review it\ncontext: fork\nagent: reviewer\n---\nReview $ARGUMENTS.\n"
    root = tmp_path / "repo"
    (root / ".claude/agents").mkdir(parents=True)
    (root / ".claude/commands").mkdir()
    (root / ".claude/agents/reviewer.md").write_text("---\nname: reviewer\ndescription: Reviews\ntools: Read, Grep\n---\nR.\n")
    (root / ".claude/commands/rev.md").write_text(command)
    agentconv.migrate(root, ["opencode"], out=tmp_path / "oc", jobs=1)
    assert header(tmp_path / "oc/.opencode/command/rev.md") == "description: Review it\nagent: reviewer\n"
    again = fresh_copy(tmp_path / "oc", tmp_path / "again")
    agentconv.migrate(again, ["claude"], out=tmp_path / "back", jobs=1)
    assert (tmp_path / "back/.claude/commands/rev.md").read_text() == command


def test_an_opencode_config_command_is_routed_to_its_own_agent(tmp_path):
    """`opencode.json` holding the command and its agent: migrate routes the command to the agent converted beside it
    (a file converted alone gives the command the agent's tools instead, as the golden opencode-json/config shows)."""
    root = tmp_path / "repo"
    root.mkdir()
    (root / "opencode.json").write_text(
        '{"agent": {"reviewer": {"description": "Reviews", "prompt": "R.", "tools": {"edit": false}}},\n'
        ' "command": {"review": {"template": "Review it.", "description": "Review", "agent": "reviewer"}}}\n')
    agentconv.migrate(root, ["claude", "copilot"], out=tmp_path / "out", jobs=1)
    assert header(tmp_path / "out/.claude/commands/review.md") == "description: Review\ncontext: fork\nagent: reviewer\ndisable-model-invocation: true\n"
    assert header(tmp_path / "out/.github/prompts/review.prompt.md") == "description: Review\nagent: reviewer\n"


def test_a_command_given_its_agents_allowlist_is_refused_where_the_target_only_pre_approves(tmp_path):
    """The agent's allowlist, taken by its command, is a restriction its tool applies, even though an OpenCode command's
    own tool keys are none (opencode-command: tool_semantics false): a Claude Code command, whose allowed-tools only
    pre-approve, refuses it (it must not be dropped as a key the source's tool ignores)."""
    root = tmp_path / "repo"
    files = {".opencode/agent/reader.md": "---\ndescription: Reads\nmode: subagent\npermission:\n  '*': deny\n"
                                          "  read: allow\n---\nYou read.\n",
             ".opencode/command/look.md": "---\ndescription: Look\nagent: reader\n---\nLook at it.\n"}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    results = {Path(r.source).relative_to(root).as_posix(): r
               for r in convert_many([root], "claude-command", tmp_path / "out")}
    assert results[".opencode/command/look.md"].exit_code == 6
