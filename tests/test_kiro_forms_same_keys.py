"""The keys both Kiro agent forms hold with one meaning (kiro.dev/docs/cli/v3/agent-config/, "The Markdown format":
the frontmatter holds `mcpServers`, `resources` and `welcomeMessage`, and "JSON format is equivalent", read
2026-11-29): a Kiro JSON agent written as a Markdown one, and back, keeps them as written. They were dropped as "no
place in kiro-md" (the agent's own MCP servers and context files gone, said as not carried). Synthetic fixtures."""
from __future__ import annotations

import json

import agentconv

SERVERS = {"fetch": {"command": "uvx", "args": ["mcp-server-fetch"], "env": {"LEVEL": "1"}}}
JSON_AGENT = json.dumps({"name": "rev", "description": "Reviews code", "prompt": "You review.", "tools": ["read"],
                         "mcpServers": SERVERS, "resources": ["file://README.md", "skill://lint"],
                         "welcomeMessage": "Hi, I review."}, indent=2) + "\n"


def dropped(result) -> list[str]:
    return [i.path for i in result.report if i.code.value in ("extension-dropped", "field-carried", "field-dropped")]


def test_a_json_agents_servers_resources_and_welcome_are_the_markdown_forms_keys():
    from ruamel.yaml import YAML

    out = agentconv.convert_text(JSON_AGENT, "kiro-md", path=".kiro/agents/rev.json")
    head = YAML(typ="safe").load(out.text.split("---")[1])
    assert head["mcpServers"] == SERVERS
    assert head["resources"] == ["file://README.md", "skill://lint"]
    assert head["welcomeMessage"] == "Hi, I review."
    assert not any(p.startswith("extensions.kiro.") for p in dropped(out))


def test_a_markdown_agents_keys_are_the_json_forms_keys():
    md = ("---\nname: rev\ndescription: Reviews code\ntools: [read]\nmcpServers:\n  fetch:\n    command: uvx\n"
          "resources:\n  - file://README.md\nwelcomeMessage: Hi.\n---\n\nYou review.\n")
    out = agentconv.convert_text(md, "kiro", path=".kiro/agents/rev.md")
    data = json.loads(out.text)
    assert (data["mcpServers"], data["resources"], data["welcomeMessage"]) == (
        {"fetch": {"command": "uvx"}}, ["file://README.md"], "Hi.")
    assert not any(p.startswith("extensions.kiro-md.") for p in dropped(out))
    back = agentconv.convert_text(out.text, "kiro-md", path=".kiro/agents/rev.json")
    assert "mcpServers:\n  fetch:\n    command: uvx\nresources:\n  - file://README.md\nwelcomeMessage: Hi.\n" in back.text
