"""VS Code's integrated browser tools are a tool set of VS Code's own, `browser` (`createToolSet(ToolDataSource.Internal,
'browser', 'browser')`, microsoft/vscode browserTools.contribution.ts): `browser/openBrowserPage` is its member, not
tool `openBrowserPage` of an MCP server `browser`. Read as a VS Code tool with no equivalent elsewhere (not granted
there, said), never as another tool's MCP server `browser`. The other way, a server whose name is one of VS Code's
own tool sets (`browser`, `read`) is not written as `browser/x`, which VS Code reads as a member of its own set: said."""
import pytest
import yaml

import agentconv

COPILOT = "---\nname: web\ndescription: Browser checks\ntools: [read/readFile, {tools}]\n---\nCheck the page.\n"
CLAUDE = "---\nname: web\ndescription: Browser checks\ntools: Read, {tools}\n---\nCheck the page.\n"


def tools_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("tools:"))


@pytest.mark.parametrize("tool", ["browser/openBrowserPage", "browser/runPlaywrightCode", "browser", "browser/*"])
@pytest.mark.parametrize("to", ["claude", "opencode", "gemini"])
def test_a_vscode_browser_tool_is_no_mcp_server_elsewhere(tool, to):
    out = agentconv.convert_text(COPILOT.format(tools=tool), to, from_="copilot", path=".github/agents/web.agent.md")
    assert "browser" not in out.text.split("\n---\n")[0].replace("Browser checks", "")
    unmapped = [i.message for i in out.report.items if i.code.value == "tool-unmapped"]
    assert any(f"'{tool}'" in m for m in unmapped), unmapped


def test_a_vscode_browser_tool_stays_in_its_own_dialect():
    text = COPILOT.format(tools="browser/openBrowserPage")
    assert agentconv.convert_text(text, "copilot", from_="copilot", path=".github/agents/web.agent.md").text == text


@pytest.mark.parametrize("tool", ["mcp__browser__navigate", "mcp__browser__*", "mcp__read__x", "mcp__execute__*"])
def test_a_server_named_as_a_vscode_tool_set_is_not_written_there(tool):
    out = agentconv.convert_text(CLAUDE.format(tools=tool), "copilot", from_="claude", path=".claude/agents/web.md")
    tools = yaml.safe_load(out.text.split("\n---\n")[0].removeprefix("---\n"))["tools"]
    assert tools == ["read/readFile"]
    assert [i.message for i in out.report.items if i.code.value == "tool-unmapped"] == [
        f"tool '{tool}' has no copilot name; not granted"]


def test_another_server_is_still_written():
    out = agentconv.convert_text(CLAUDE.format(tools="mcp__browsers__navigate"), "copilot", from_="claude",
                                 path=".claude/agents/web.md")
    assert "browsers/navigate" in out.text
