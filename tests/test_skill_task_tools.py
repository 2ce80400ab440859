"""A skill runs in Claude Code, whose to-do tools are TaskCreate, TaskGet, TaskList and TaskUpdate (2.1.330: TodoWrite
deprecated, TaskOutput removed). skill.toml still spelt them TodoWrite and TaskOutput: an OpenCode agent denying
``todowrite`` became a skill with ``disallowed-tools: TodoWrite`` (the task tools ran), and a skill pre-approving
TaskCreate was told it names an unknown tool. Now the same names as claude.toml, the old ones read as aliases (real
skills still spell them) and kept where written. Synthetic inputs only."""
from __future__ import annotations

import yaml

import agentconv

SKILL = ".claude/skills/s/SKILL.md"


def header(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1]) or {}


def test_a_todo_deny_is_written_as_the_task_tools():
    src = "---\ndescription: d\npermission:\n  todowrite: deny\n---\nDo.\n"
    out = agentconv.convert_text(src, "skill", from_="opencode", path=".opencode/agent/s.md")
    assert header(out.text)["disallowed-tools"] == "TaskCreate, TaskGet, TaskList, TaskUpdate"  # was TodoWrite


def test_the_task_tools_are_known_and_the_old_names_read():
    text = "---\nname: s\ndescription: d\nallowed-tools: TaskCreate TaskUpdate TodoWrite TaskOutput Read\n---\nDo.\n"
    doc, report = agentconv.read_text(text, "skill", path=SKILL)
    assert {g.canonical for g in doc.agent.tools.grants} == {"todo", "terminal-output", "read"}
    assert not [i for i in report.items if i.code.value == "tool-unknown"]
    assert agentconv.convert_text(text, "skill", from_="skill", path=SKILL).text == text
