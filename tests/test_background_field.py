"""Claude Code's `background` and Cursor's `is_background` say the same thing, so they are one IR field,
params.background (checked: code.claude.com/docs/en/sub-agents, "Set to true to always run this subagent as a
background task"; @anthropic-ai/claude-code 2.1.330 launches such an agent async, not waited on;
cursor.com/docs/agent/subagents, "is_background: If true, the subagent runs in the background"). Before, each
was its own tool's key: crossing, one was dropped or kept under a key the other tool ignores."""
import pytest

import agentconv

CLAUDE = ".claude/agents/watcher.md"
CURSOR = ".cursor/agents/watcher.md"


def claude(value: str = "true") -> str:
    return f"---\nname: watcher\ndescription: Watches the build.\nbackground: {value}\n---\n\nWatch.\n"


def cursor(value: str = "true") -> str:
    return f"---\nname: watcher\ndescription: Watches the build.\nis_background: {value}\n---\n\nWatch.\n"


def header(text: str) -> str:
    return text.split("\n---\n", 1)[0]


@pytest.mark.parametrize("value", ["true", "false"])
def test_cursor_is_background_is_claude_background(value):
    out = agentconv.convert_text(cursor(value), "claude", path=CURSOR)
    assert out.text == claude(value)
    assert not [i for i in out.report if i.severity.value != "info"]


@pytest.mark.parametrize("value", ["true", "false"])
def test_claude_background_is_cursor_is_background(value):
    out = agentconv.convert_text(claude(value), "cursor", path=CLAUDE)
    assert out.text == cursor(value)
    assert not list(out.report)


def test_read_into_one_ir_field():
    for text, dialect in ((claude(), "claude"), (cursor(), "cursor")):
        agent = agentconv.read_text(text, dialect)[0].agent
        assert agent.params == {"background": True} and agent.extensions == {}


@pytest.mark.parametrize("text,path", [(claude(), CLAUDE), (cursor(), CURSOR), (claude('"true"'), CLAUDE),
                                       (cursor("yes"), CURSOR)])
def test_same_dialect_is_byte_for_byte(text, path):
    dialect = "claude" if path == CLAUDE else "cursor"
    assert agentconv.convert_text(text, dialect, path=path).text == text


def test_a_string_is_read_as_the_boolean_and_written_as_one_elsewhere():
    out = agentconv.convert_text(claude('"true"'), "cursor", path=CLAUDE)
    assert "is_background: true\n" in out.text
    assert [i.code.value for i in out.report] == ["value-read-as"]


@pytest.mark.parametrize("via", ["opencode", "copilot", "gemini", "codex"])
def test_a_dialect_without_it_carries_it_and_gives_it_back(via):
    mid = agentconv.convert_text(cursor(), via, path=CURSOR)
    assert "params.background" in {i.path for i in mid.report}
    back = agentconv.convert_text(mid.text, "claude", from_=via)
    assert "background: true" in header(back.text)


def test_kiro_json_has_no_side_channel_so_it_is_said_dropped():
    out = agentconv.convert_text(cursor(), "kiro", path=CURSOR)
    said = [i for i in out.report if i.path == "params.background"]
    assert [i.code.value for i in said] == ["field-dropped"] and said[0].severity.value == "warning"
