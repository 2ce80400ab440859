"""An OpenCode command's `agent` is looked up by its exact name (anomalyco/opencode agent.ts: `agents[name]`, keyed
build, plan, general, explore, then each config agent by its key: a file's `name` header, else its path below
`agent/`; opencode-command.toml [runs_in]). `agent: Build` is not the build agent: refused as any agent nothing here
names, saying why (it was refused as an unknown agent without it), while `agent: build` converts; an agent of the run
keyed `Build` (its file, or its `name` header) is the one it runs in. Synthetic fixtures only."""
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
