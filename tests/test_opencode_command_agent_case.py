"""An OpenCode command's `agent` is looked up by its exact name (anomalyco/opencode agent.ts: `agents[name]`, keyed
build, plan, general, explore, then each config agent by its key: a file's `name` header, else its path below
`agent/`; opencode-command.toml [runs_in]). `agent: Build` is not the build agent: refused as any agent nothing here
names, saying why (it was refused as an unknown agent without it), while `agent: build` converts; an agent of the run
keyed `Build` (its file, or its `name` header) is the one it runs in. A config agent keyed `build` is merged into
OpenCode's build agent: a command of `agent: build` beside one runs with its tools (a batch, `migrate`, an
opencode.json), where it was written with every tool. Synthetic fixtures only."""
from __future__ import annotations

from pathlib import Path

import pytest

import agentconv
from agentconv.batch import convert_many
from agentconv.errors import BroadenError

REVIEW = "---\ndescription: Reviews\nmode: subagent\npermission:\n  edit: deny\n  bash: deny\n---\nReview.\n"


def command(agent: str) -> str:
    return f"---\ndescription: Runs it\nagent: {agent}\n---\nDo it.\n"


@pytest.mark.parametrize(("agent", "own"), [("Build", "build"), ("PLAN", "plan"), ("Explore", "explore")])
def test_an_agent_named_in_another_case_is_not_opencodes_own(agent, own):
    with pytest.raises(BroadenError) as err:
        agentconv.convert_text(command(agent), "claude-command", path=".opencode/command/c.md")
    assert f"cannot run it in opencode-command's agent {agent!r} (OpenCode looks an agent up by its exact name, so " \
        f"it is not OpenCode's own {own!r} agent but one defined outside these files, or none, for which OpenCode " \
        "refuses the command with 'Agent not found'): it would run with every tool" in str(err.value)


def test_the_agent_of_that_exact_name_is_the_one_it_runs_in(tmp_path):
    """Alone, `Build` is refused for its case and `build` converts; beside an agent keyed `Build`, it runs in that."""
    with pytest.raises(BroadenError, match="exact name"):
        agentconv.convert_text(command("Build"), "claude-command", path=".opencode/command/c.md")
    assert agentconv.convert_text(command("build"), "claude-command", path=".opencode/command/c.md").text
    with pytest.raises(BroadenError, match=r"agent 'reviewer' \(nothing there names the agent it runs in\)"):
        agentconv.convert_text(command("reviewer"), "claude-command", path=".opencode/command/c.md")
    root = tmp_path / "repo"
    files = {".opencode/agent/Build.md": REVIEW, ".opencode/agent/check.md": "---\nname: Checker\n" + REVIEW[4:],
             ".opencode/command/a.md": command("Build"), ".opencode/command/b.md": command("Checker"),
             ".opencode/command/c.md": command("check")}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    got = {Path(r.source).relative_to(root).as_posix(): r for r in convert_many([root], "claude-command",
                                                                                tmp_path / "out")}
    for rel in (".opencode/command/a.md", ".opencode/command/b.md"):  # the run's agent of that key: its tools
        assert got[rel].status == "converted"
        assert "disallowed-tools: Edit, Write, Bash" in Path(got[rel].target).read_text()
    assert got[".opencode/command/c.md"].exit_code == 6  # keyed by its `name` header, not its file's


BUILD = "---\ndescription: Builds carefully\nmode: primary\npermission:\n  bash:\n    '*': allow\n    'rm*': deny\n" \
    "  webfetch: deny\n---\nBuild.\n"


def build_repo(root: Path) -> Path:
    """A repository whose `.opencode/agent/build.md` changes OpenCode's build agent (merged into it by its key) and a
    command that runs in it."""
    for rel, text in {".opencode/agent/build.md": BUILD, ".opencode/command/ship.md": command("build")}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_a_command_of_the_build_agent_takes_the_runs_build_agent_in_a_batch(tmp_path):
    # OpenCode merges a config agent into its built-in of the same key: `agent: build` runs without webfetch and
    # without `rm` here; written with every tool, it gave them back
    root = build_repo(tmp_path / "repo")
    got = {Path(r.source).relative_to(root).as_posix(): r for r in convert_many([root], "claude-command",
                                                                                tmp_path / "out")}
    ship = got[".opencode/command/ship.md"]
    assert ship.status == "converted"
    assert "disallowed-tools: Bash(rm*), WebFetch" in Path(ship.target).read_text()
    assert agentconv.convert_text(command("build"), "claude-command", path=".opencode/command/c.md").text.count(
        "disallowed-tools") == 0  # alone, nothing changes OpenCode's build: every tool, as before


def test_migrate_routes_a_command_of_the_build_agent_to_the_runs_build_agent(tmp_path):
    root = build_repo(tmp_path / "repo")
    result = agentconv.migrate(root, ["claude"], out=tmp_path / "out", jobs=1)
    ship = next(r for r in result.records if r.source == ".opencode/command/ship.md")
    assert ship.status == "converted"
    text = (tmp_path / "out" / ship.target).read_text()
    assert "context: fork\nagent: build\n" in text  # runs in the build agent converted beside it
    assert "disallowedTools: Bash, WebFetch\n" in (tmp_path / "out/.claude/agents/build.md").read_text()


def test_an_opencode_config_command_of_its_build_agent_takes_that_agent(tmp_path):
    config = tmp_path / "opencode.json"
    config.write_text('{"agent": {"build": {"permission": {"bash": "deny"}}},\n'
                      ' "command": {"ship": {"template": "Ship it.", "agent": "build"}}}\n')
    ship = next(r for r in agentconv.convert_all(config, "claude-command") if r.name == "ship")
    assert "disallowed-tools: Bash" in ship.text
