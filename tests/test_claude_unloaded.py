"""A .claude/agents file Claude Code loads no agent from (its check before loading: a name that is text, not starting
with "-", at most 256 characters, no ":" after NFKC; a description that is non-empty text; @anthropic-ai/claude-code
2.1.330) is said when it is read (file-rejected), and converted on as read; a plugin's agent is not held to it."""
import pytest

import agentconv

AT = ".claude/agents/helper.md"


def _rejected(out):
    return [i for i in out.report if i.code.value == "file-rejected"]


@pytest.mark.parametrize("header, path, problem", [
    ("name: helper\ntools: Read, Grep\n", "description", "no description"),
    ("name: helper\ndescription: ''\n", "description", "the description is empty"),
    ("name: helper\ndescription:\n", "description", "the description is empty"),
    ("name: helper\ndescription: 42\n", "description", "'description' is a number, not text"),
    ("name: helper\ndescription: true\n", "description", "'description' is true or false, not text"),
    ("name: 7\ndescription: Helps\n", "name", "'name' is a number, not text"),
    ("name: '-helper'\ndescription: Helps\n", "name", "the name '-helper' starts with '-'"),
    ("name: 'plug:helper'\ndescription: Helps\n", "name", "the name 'plug:helper' holds ':' (reserved for plugin "
     "namespacing)"),
    ("name: 'plug\uff1ahelper'\ndescription: Helps\n", "name", "the name 'plug\uff1ahelper' holds ':' (reserved for "
     "plugin namespacing)"),  # a full-width colon is ':' after NFKC
])
def test_a_file_claude_code_does_not_load_is_said_and_converted(header, path, problem):
    text = f"---\n{header}---\nHelp.\n"
    out = agentconv.convert_text(text, "opencode", from_="claude", path=AT)
    (item,) = _rejected(out)
    assert item.severity.value == "warning" and item.path == path
    assert item.message == (f"{problem}, so Claude Code loads nothing from the file: converted as read (given back as "
                            "it came in its own dialect)")
    assert "Help." in out.text  # converted on
    same = agentconv.convert_text(text, "claude", from_="claude", path=AT)
    assert same.text == text  # given back as it came


@pytest.mark.parametrize("header", [
    "name: helper\ndescription: Helps\n",
    "name: helper\ndescription: ' '\n",  # a blank is text: SQr only refuses a falsy one
    "name: a-b.c_d\ndescription: Helps\n",
])
def test_a_file_claude_code_loads_is_not_said(header):
    out = agentconv.convert_text(f"---\n{header}---\nHelp.\n", "opencode", from_="claude", path=AT)
    assert _rejected(out) == []


def test_a_plugin_agent_without_a_description_loads_and_is_not_said():
    text = "---\nname: helper\nwhen_to_use: Use for help\n---\nHelp.\n"
    out = agentconv.convert_text(text, "opencode", from_="claude", path="plugins/p/agents/helper.md")
    assert _rejected(out) == []


def test_one_reason_only():
    """A list description is said where it is read; not again here."""
    out = agentconv.convert_text("---\nname: helper\ndescription: [a]\n---\nHelp.\n", "opencode", from_="claude",
                                 path=AT)
    (item,) = _rejected(out)
    assert item.message.startswith("'description' is a list, not text")


def test_a_name_longer_than_256_characters_is_said_when_read():
    """(No file name holds it: the write refuses it, so the read alone is checked.)"""
    from agentconv import api

    for n, said in ((257, ["the name is 257 characters long (at most 256)"]), (256, [])):
        _, report = api.read_text(f"---\nname: {'a' * n}\ndescription: Helps\n---\nHelp.\n", "claude", path=AT)
        assert [i.message.split(", so ")[0] for i in report if i.code.value == "file-rejected"] == said, n
