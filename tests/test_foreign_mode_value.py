"""Another tool's mode key is read as that tool's mode only with a value that tool has: a VS Code chat mode's
`mode: agent` (7 chat modes of the unseen25 shadow corpus) was read as OpenCode's `mode`, whose
modes are primary, subagent and all (opencode.toml [values], anomalyco/opencode docs/agents.mdx), then reported as
"role 'agent' not written: not one of primary, subagent, all in opencode". It is the file's own key, kept as
written: said where the target has no place for it, written back in its own dialect."""
from __future__ import annotations

from agentconv import api
from agentconv.loss import LossCode

CHATMODE = "---\nmode: agent\ndescription: 'Backend mode'\ntools: ['codebase']\n---\n\nBuild it.\n"


def test_a_mode_value_opencode_has_not_is_no_role():
    res = api.convert_text(CHATMODE, "opencode", from_="copilot", path="backend.chatmode.md")
    codes = {(i.code, i.path) for i in res.report.items}
    assert (LossCode.FIELD_DROPPED, "role") not in codes
    assert (LossCode.EXTENSION_DROPPED, "extensions.copilot.mode") in codes
    assert "\nmode:" not in res.text
    doc, _ = api.read_text(CHATMODE, "copilot", path="backend.chatmode.md")
    assert doc.records[0].role is None and doc.records[0].extensions["copilot"]["mode"] == "agent"
    assert api.convert_text(CHATMODE, "copilot", from_="copilot", path="backend.chatmode.md").text == CHATMODE


def test_a_mode_value_opencode_has_is_still_read_as_the_role():
    text = CHATMODE.replace("mode: agent", "mode: subagent")
    doc, _ = api.read_text(text, "copilot", path="backend.chatmode.md")
    assert doc.records[0].role == "subagent"
