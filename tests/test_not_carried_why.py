"""Why a key of another tool is not carried is said in words true to the key (losses.toml [not-carried-why]):
a Copilot handoff is a follow-up prompt offered to another agent, not an access setting."""
import agentconv

COPILOT = ("---\ndescription: Reviews code\ntools: ['search']\nhandoffs:\n  - label: Start implementation\n"
           "    agent: implementer\n    prompt: Now implement the plan.\n---\nReview things.\n")


def _dropped(out, path):
    return [i for i in out.report if i.path == path]


def test_a_dropped_handoff_is_not_called_an_access_setting():
    for target in ("claude", "opencode", "gemini"):
        out = agentconv.convert_text(COPILOT, target, from_="copilot", path=".github/agents/rev.agent.md")
        assert "handoffs" not in out.text and "implementer" not in out.text, target
        (item,) = _dropped(out, "extensions.copilot.handoffs")
        assert item.code.value == "extension-dropped" and item.severity.value == "warning", target
        assert item.message == (f"copilot field 'handoffs' has no place in {target} (not carried: a handoff (a follow-up "
                                "prompt offered to another agent), which the side channel never sets)"), item.message


def test_each_kind_of_key_gets_its_own_reason():
    from agentconv import carry

    assert carry.refusal("extensions.claude.permissionMode", "acceptEdits") == "an access setting"
    assert carry.refusal("extensions.claude.hooks", {}) == "an access setting"
    assert carry.refusal("extensions.claude.memory", "user") == "an access setting"  # turns on Read, Write, Edit
    assert carry.refusal("extensions.copilot.agents", ["a"]).startswith("which agent runs it")
    assert carry.refusal("extensions.claude.skills", ["a"]).startswith("what the agent loads into its context")
    assert carry.refusal("extensions.kiro.resources", ["file://a"]).startswith("what the agent loads")
    assert carry.refusal("extensions.claude.initialPrompt", "x").startswith("prompt text")
    # an access word wins over a context word in the same key
    assert carry.refusal("extensions.x.allowedSkills", ["a"]) == "an access setting"
