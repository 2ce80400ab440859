"""A converted agent never gets wider access than it had where it was: the settings its tool's project configs put
beneath every agent are read beneath the agent's own (``Dialect.project_base``), said, and the file is given back as
it came when written into its own tool, where those configs apply again."""
from __future__ import annotations

from agentconv import api, migration


def _codex_project(root):
    """A worktree whose root config sets a workspace-write sandbox and whose project folder's config a read-only one
    (the nearest wins), inside a folder whose config says danger-full-access (above the worktree: not Codex's)."""
    (root / ".codex").mkdir()
    (root / ".codex" / "config.toml").write_text('sandbox_mode = "danger-full-access"\n')
    repo = root / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".codex").mkdir()
    (repo / ".codex" / "config.toml").write_text('sandbox_mode = "workspace-write"\n')
    project = repo / "app"
    agents = project / ".codex" / "agents"
    agents.mkdir(parents=True)
    (project / ".codex" / "config.toml").write_text('model = "gpt-5"\nsandbox_mode = "read-only"\n')
    files = {"plain": 'name = "reviewer"\ndescription = "Reviews code"\ndeveloper_instructions = "Review."\n',
             "own": 'name = "fixer"\ndescription = "Fixes code"\nsandbox_mode = "workspace-write"\n'
                    'developer_instructions = "Fix."\n'}
    for name, text in files.items():
        (agents / f"{name}.toml").write_text(text)
    return repo, project, agents, files


def test_a_codex_role_without_a_sandbox_runs_in_its_projects(tmp_path):
    """A Codex role is a config layer over its session's (codex-rs core/src/agent/role.rs apply_role_to_config; a
    key the role does not set is the session's), and the session's layers include each .codex/config.toml from the
    project root down (config_loader load_project_layers, the nearest winning). A role without `sandbox_mode` in a
    project whose config says read-only was read with every tool: written for Claude Code it could edit files. Now
    read beneath it, said, and given back to Codex as it came; a role's own sandbox_mode wins over the project's."""
    repo, project, agents, files = _codex_project(tmp_path)
    claude = {n: api.convert(agents / f"{n}.toml", "claude") for n in files}
    header = {n: r.text.split("\n---\n")[0] for n, r in claude.items()}
    assert "disallowedTools: Write, Edit" in header["plain"] and "Bash" in header["plain"]
    assert "disallowedTools" not in header["own"] and "tools:" not in header["own"]
    said = [i.message for i in claude["plain"].report.items if i.code.value == "value-read-as"]
    assert said == [f"sandbox_mode = 'read-only' of {project / '.codex' / 'config.toml'} read as this role's "
                    "sandbox, as Codex runs a role that sets none in its session's"]
    assert not [i for i in claude["own"].report.items if i.code.value == "value-read-as"]
    assert {n: api.convert(agents / f"{n}.toml", "codex").text for n in files} == files
    doc, _ = api.read(agents / "plain.toml")
    assert doc.records[0].tools.mode == "denylist"
    migration.migrate(project, ["claude"], jobs=1)
    assert (project / ".claude" / "agents" / "reviewer.md").read_text() == claude["plain"].text


def test_a_codex_projects_profile_and_an_unreadable_config(tmp_path):
    """The profile a project config names sets its own sandbox_mode over the top-level one (a read-only profile
    narrows a workspace-write config); a config Codex cannot parse is said, not read; a workspace-write project
    sandbox limits no tool: the role reads as before."""
    repo = tmp_path / "repo"
    agents = repo / ".codex" / "agents"
    agents.mkdir(parents=True)
    (repo / ".git").mkdir()
    role = 'name = "r"\ndescription = "Reads"\ndeveloper_instructions = "Read."\n'
    (agents / "r.toml").write_text(role)
    config = repo / ".codex" / "config.toml"
    config.write_text('sandbox_mode = "workspace-write"\nprofile = "safe"\n\n[profiles.safe]\nsandbox_mode = "read-only"\n')
    assert api.read(agents / "r.toml")[0].records[0].tools.mode == "denylist"
    config.write_text('sandbox_mode = "workspace-write"\n')
    doc, report = api.read(agents / "r.toml")
    assert doc.records[0].tools.mode == "inherit" and not report.items
    config.write_text('sandbox_mode = [\n')
    doc, report = api.read(agents / "r.toml")
    assert doc.records[0].tools.mode == "inherit"
    assert [i.code.value for i in report.items] == ["value-invalid"]
    assert api.convert(agents / "r.toml", "codex").text == role


def test_a_codex_role_without_web_search_in_a_read_only_project_comes_back_as_written(tmp_path):
    """Both at once: the role's own `web_search = "disabled"` (its web tools denied) beneath its project's read-only
    sandbox. Written back into Codex it keeps its own key and gains no sandbox_mode (the landing of the two changes
    wrote `sandbox_mode = "read-only"` into it); written for Claude Code, edits, commands and the web are denied."""
    agents = tmp_path / ".codex" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".codex" / "config.toml").write_text('sandbox_mode = "read-only"\n')
    role = 'name = "r"\ndescription = "Reads"\nweb_search = "disabled"\ndeveloper_instructions = "Read."\n'
    (agents / "r.toml").write_text(role)
    assert api.convert(agents / "r.toml", "codex").text == role
    header = api.convert(agents / "r.toml", "claude").text.split("\n---\n")[0]
    assert all(t in header.split("disallowedTools: ")[1].split("\n")[0].split(", ")
               for t in ("Edit", "Bash", "WebFetch", "WebSearch"))


def test_a_codex_role_gets_only_the_mcp_tools_its_projects_config_lets_through(tmp_path):
    """Codex starts no MCP server whose `enabled` is false and lists a server's tool only where its `enabled_tools`, if
    given, names it and its `disabled_tools` does not (openai/codex 00302de7 mcp_connection_manager.rs
    McpConnectionManager::new, ToolFilter). None of it was read: a role in a project disabling a server, or a tool of
    one, was written for Claude Code with every server's tools. Now denied beneath the role's tools (a server with
    enabled_tools denied whole: a deny list cannot keep some of its tools), said, and given back as it came in Codex;
    the nearest config's key wins (a project folder enabling a server the root config disables)."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".codex").mkdir()
    root = repo / ".codex" / "config.toml"
    root.write_text('[mcp_servers.github]\ncommand = "gh"\ndisabled_tools = ["delete_repo", "push"]\n\n'
                    '[mcp_servers.db]\ncommand = "db"\nenabled_tools = ["query"]\n\n'
                    '[mcp_servers.old]\ncommand = "old"\nenabled = false\n')
    agents = repo / ".codex" / "agents"
    agents.mkdir()
    files = {"plain": 'name = "reviewer"\ndescription = "Reviews code"\ndeveloper_instructions = "Review."\n',
             "ro": 'name = "reader"\ndescription = "Reads code"\nsandbox_mode = "read-only"\n'
                   'developer_instructions = "Read."\n'}
    for name, text in files.items():
        (agents / f"{name}.toml").write_text(text)

    def header(name, to="claude"):
        return api.convert(agents / f"{name}.toml", to).text.split("\n---\n")[0].split("\n")[3:]

    assert header("plain") == ["disallowedTools: mcp__github__delete_repo, mcp__github__push, mcp__db__*, mcp__old__*"]
    assert header("ro")[0].startswith("disallowedTools: Write, Edit, ")
    assert header("ro")[0].endswith(", mcp__github__delete_repo, mcp__github__push, mcp__db__*, mcp__old__*")
    assert [x for x in header("plain", "opencode") if "deny" in x] == [
        "  github_delete_repo: deny", "  github_push: deny", "  db_*: deny", "  old_*: deny"]
    said = [i.message for i in api.convert(agents / "plain.toml", "claude").report.items
            if i.code.value == "value-read-as"]
    assert said == [f"mcp_servers.*.disabled_tools and enabled_tools and enabled of {root} read as limits on this "
                    "role's MCP tools, as Codex starts no server its config disables and lists no tool of one that "
                    "enabled_tools leaves out or disabled_tools names; mcp__db__query denied too, with the rest of "
                    "their server's tools (a role's tool policy cannot grant some tools of a server and deny the rest)"]
    assert {n: api.convert(agents / f"{n}.toml", "codex").text for n in files} == files

    own = ('name = "own"\ndescription = "Own servers"\ndeveloper_instructions = "Do."\n\n'  # a layer above them
           '[mcp_servers.old]\nenabled = true\n\n[mcp_servers.mine]\ncommand = "mine"\ndisabled_tools = ["rm"]\n')
    (agents / "own.toml").write_text(own)
    assert header("own") == ["disallowedTools: mcp__github__delete_repo, mcp__github__push, mcp__db__*, "
                             "mcp__mine__rm"]
    assert api.convert(agents / "own.toml", "codex").text == own

    project = repo / "app"  # a nearer config: its keys win, key by key
    (project / ".codex" / "agents").mkdir(parents=True)
    (project / ".codex" / "config.toml").write_text(
        '[mcp_servers.old]\nenabled = true\n\n[mcp_servers.db]\nenabled_tools = []\n\n'
        '[mcp_servers.github]\ndisabled_tools = []\n')
    (project / ".codex" / "agents" / "r.toml").write_text(files["plain"])
    text = api.convert(project / ".codex" / "agents" / "r.toml", "claude").text
    assert text.split("\n---\n")[0].split("\n")[3:] == ["disallowedTools: mcp__db__*"]
    (project / ".codex" / "config.toml").write_text('[mcp_servers.db]\nenabled_tools = ["query"]\n'
                                                    'disabled_tools = ["query"]\n')  # nothing left: no loss said
    report = api.convert(project / ".codex" / "agents" / "r.toml", "claude").report
    said = [i.message for i in report.items if i.code.value == "value-read-as"]
    assert [m.split(" read as ")[0] for m in said] == [
        f"mcp_servers.*.disabled_tools and enabled_tools and enabled of {root}, {project / '.codex' / 'config.toml'}"]
    assert said[0].endswith("lists no tool of one that enabled_tools leaves out or disabled_tools names")


def test_a_gemini_workspace_allowing_mcp_server_star_connects_no_server(tmp_path):
    """mcp.allowed names servers exactly (gemini-cli 5411f113 mcp-client-manager.ts isBlockedBySettings:
    `allowedNames.includes(name)`): `["*"]` is a non-empty list naming no server, so none connects. It was read as
    every server: an agent of every tool (or of `mcp_*`) got `mcp__*__*` in Claude Code. An empty list limits nothing."""
    agents = tmp_path / ".gemini" / "agents"
    agents.mkdir(parents=True)
    settings = tmp_path / ".gemini" / "settings.json"
    files = {"all": "---\nname: all\ndescription: Every tool\n---\nWork.\n",
             "mcp": "---\nname: mcp\ndescription: d\ntools:\n  - read_file\n  - mcp_*\n  - mcp_github_*\n---\nx\n"}
    for name, text in files.items():
        (agents / f"{name}.md").write_text(text)

    def header(name):
        return api.convert(agents / f"{name}.md", "claude").text.split("\n---\n")[0].split("\n")[3:]

    settings.write_text('{"mcp": {"allowed": ["*"]}}')
    assert header("mcp") == ["tools: Read"]
    assert header("all")[0].startswith("tools: Read, Write, ") and "mcp__" not in header("all")[0]
    assert {n: api.convert(agents / f"{n}.md", "gemini").text for n in files} == files
    settings.write_text('{"mcp": {"allowed": ["*", "github"]}}')
    assert header("mcp") == ["tools: Read, mcp__github__*"]
    settings.write_text('{"mcp": {"allowed": []}}')
    assert header("mcp") == ["tools: Read, mcp__github__*"]  # every server's tools: none in a Claude Code tool list


def _claude_project(root, settings, local=None):
    """A worktree whose project folder's .claude/settings.json says ``settings`` (and settings.local.json ``local``),
    with an agent of every tool, one listing tools, one denying some itself."""
    (root / ".git").mkdir()
    agents = root / ".claude" / "agents"
    agents.mkdir(parents=True)
    (root / ".claude" / "settings.json").write_text(settings)
    if local is not None:
        (root / ".claude" / "settings.local.json").write_text(local)
    files = {"all": "---\nname: all\ndescription: Every tool\n---\nWork.\n",
             "listed": "---\nname: listed\ndescription: A few tools\ntools: Read, Grep, WebFetch, Bash\n---\nLook.\n",
             "own": "---\nname: own\ndescription: Denies edits\ndisallowedTools: Edit, Write\n---\nRead.\n"}
    for name, text in files.items():
        (agents / f"{name}.md").write_text(text)
    return agents, files


def test_a_claude_agent_runs_beneath_its_projects_deny_rules(tmp_path):
    """Claude Code runs a subagent with its session's permission context (@anthropic-ai/claude-code 2.1.330,
    runAgent: the subagent's getAppState keeps the session's alwaysDenyRules, from .claude/settings.json and
    settings.local.json among them, and adds its own disallowedTools), so a project denying Bash and WebFetch denies
    them to every agent. They were read as the agent alone: written for OpenCode or Gemini CLI, the agent could run
    shell commands and fetch pages. Now read beneath it, said, and the file given back to Claude Code as it came."""
    agents, files = _claude_project(tmp_path, '{"permissions": {"deny": ["Bash", "Read(./.env)"], "ask": ["Edit"]}}',
                                    '{"permissions": {"deny": ["WebFetch"]}}')
    out = {n: api.convert(agents / f"{n}.md", "opencode") for n in files}
    head = {n: r.text.split("\n---\n")[0] for n, r in out.items()}
    # Read(./.env) is the .env of the current folder: OpenCode's `.env` (its read paths are relative to the worktree;
    # `./.env` matched none, test_opencode_path_scopes.py)
    assert "bash: deny" in head["all"] and "webfetch: deny" in head["all"] and "\n    .env: deny" in head["all"]
    assert "bash" not in head["listed"] and "webfetch" not in head["listed"] and "grep: allow" in head["listed"]
    assert "\n    .env: deny" in head["listed"] and "./.env" not in head["listed"]
    assert "edit: deny" in head["own"] and "bash: deny" in head["own"]
    said = [i.message for i in out["all"].report.items if i.code.value == "value-read-as"]
    assert said == [f"permissions.deny of {agents.parent / 'settings.json'}, {agents.parent / 'settings.local.json'} "
                    "read as rules beneath this agent's own, as Claude Code applies its settings' deny rules to every "
                    f"subagent", f"permissions.ask of {agents.parent / 'settings.json'} read as asks beneath this "
                    "agent's own tools, as Claude Code asks before every call its settings' ask rules match, a "
                    "subagent's too, whatever allows it"]
    assert "edit: ask" in head["all"] and "edit" not in head["listed"]
    assert {n: api.convert(agents / f"{n}.md", "claude").text for n in files} == files
    doc, _ = api.read(agents / "all.md")
    assert [(g.raw, g.decision) for g in doc.records[0].tools.grants] == [
        ("Edit", "ask"), ("Bash", "deny"), ("Read(./.env)", "deny"), ("WebFetch", "deny")]
    gemini = api.convert(agents / "listed.md", "gemini", policy=api.Policy(allow_broaden=True))
    assert "run_shell_command" not in gemini.text and "web_fetch" not in gemini.text


def test_a_claude_file_its_tool_loads_nothing_from_comes_back_as_it_came_beneath_deny_rules(tmp_path):
    """A file Claude Code loads nothing from (no header, or a header without a name: file-rejected) is given back to
    Claude Code as it came. Beneath a project's .claude/settings.json deny rules it came back with those rules written
    in as its own `disallowedTools` header (a header it never had): the rejected file's empty tool keys were taken for
    "write fresh". Now its tool keys come back as written, none where it had none."""
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".claude" / "settings.json").write_text('{"permissions": {"deny": ["Bash(rm -rf /)", "WebFetch"]}}')
    files = {"bare": "You review code.\n", "nameless": "---\ndescription: Reviews code\n---\n\nYou review code.\n",
             "listed": "---\ndescription: Reviews code\ntools: Read, Bash\n---\n\nYou review code.\n"}
    for n, text in files.items():
        (agents / f"{n}.md").write_text(text)
    back = {n: api.convert(agents / f"{n}.md", "claude", from_="claude") for n in files}
    assert {n: r.text for n, r in back.items()} == files
    assert all(any(i.code.value == "file-rejected" for i in r.report.items) for r in back.values())
    opencode = api.convert(agents / "bare.md", "opencode", from_="claude").text.split("\n---\n")[0]
    assert "webfetch: deny" in opencode  # read beneath the rules still: only its own dialect gets it back as it came


def test_a_claude_agent_whose_list_its_settings_deny_whole_has_no_tools_and_bad_settings_are_said(tmp_path):
    """A tool denied whole is gone from an agent's list (Claude Code: its own disallowedTools too, which were read
    beside the list as nothing: `tools: WebFetch` with `disallowedTools: WebFetch` gave OpenCode `webfetch: allow`);
    every listed tool denied is no tool at all; settings agentconv cannot read are said, not read."""
    agents, _ = _claude_project(tmp_path, '{"permissions": {"deny": ["Read", "Grep", "WebFetch", "Bash"]}}')
    doc, _ = api.read(agents / "listed.md")
    assert doc.records[0].tools.mode == "none"
    (agents / "twice.md").write_text("---\nname: twice\ndescription: d\ntools: Read, WebFetch\n"
                                     "disallowedTools: WebFetch, Bash(rm *)\n---\nx\n")
    (agents.parent / "settings.json").write_text('{"permissions": {"deny": ["Bash",]}')  # not JSON
    doc, report = api.read(agents / "twice.md")
    assert [g.raw for g in doc.records[0].tools.allowed()] == ["Read"]
    assert [i.code.value for i in report.items] == ["value-invalid", "value-invalid"]  # Bash(rm *): the whole Bash
    assert "Bash(rm *) in 'disallowedTools'" in report.items[0].message and "settings.json" in report.items[1].message
    opencode = api.convert(agents / "twice.md", "opencode").text.split("\n---\n")[0]  # nor a bash it never had
    assert "webfetch" not in opencode and "bash" not in opencode and "read: allow" in opencode
    (agents.parent / "settings.json").write_text('{"permissions": {"allow": ["Bash"]}}')  # no deny rule: nothing read
    doc, report = api.read(agents / "all.md")
    assert doc.records[0].tools.mode == "inherit" and not report.items


def test_a_gemini_agent_gets_no_tool_its_workspace_settings_exclude(tmp_path):
    """Gemini CLI gives a subagent only the tools its parent registry hands out, and that registry leaves out what
    settings' tools.exclude names (gemini-cli 5411f113: agents/local-executor.ts LocalAgentExecutor.create draws from
    getTool/getAllTools, tools/tool-registry.ts getActiveTools skips config.getExcludeTools()). An agent of every tool,
    or one listing run_shell_command, in a workspace excluding it was read with the shell: written for Claude Code it
    could run commands. Now read beneath the workspace's .gemini/settings.json, said, and given back as it came."""
    agents = tmp_path / ".gemini" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".gemini" / "settings.json").write_text('{\n  // no shell\n  "tools": {"exclude": ["run_shell_command",'
                                                        ' "WebFetchTool"]}\n}\n')
    files = {"all": "---\nname: all\ndescription: Every tool\n---\nWork.\n",
             "listed": "---\nname: listed\ndescription: Two tools\ntools:\n  - read_file\n  - run_shell_command\n---\nx\n"}
    for name, text in files.items():
        (agents / f"{name}.md").write_text(text)
    out = {n: api.convert(agents / f"{n}.md", "claude") for n in files}
    assert "disallowedTools: Bash, WebFetch" in out["all"].text
    assert "tools: Read\n" in out["listed"].text  # the shell listed is not granted (its deny rule stays)
    said = [i.message for i in out["all"].report.items if i.code.value == "value-read-as"]
    assert said == [f"tools.exclude of {tmp_path / '.gemini' / 'settings.json'} read as rules "
                    "beneath this agent's own, as Gemini CLI applies its settings' deny rules to every subagent"]
    assert {n: api.convert(agents / f"{n}.md", "gemini").text for n in files} == files


def test_a_codex_role_file_a_config_declares_is_that_role(tmp_path):
    """Codex loads a file named by `[agents.NAME] config_file` (relative to the config's .codex/ folder) as the role
    NAME, the table's description where the file has none, developer_instructions not required (codex-rs
    config/agent_roles.rs read_declared_role; config_loader load_project_layers resolves paths against .codex/). Such
    a file was said to be one Codex loads nothing from (file-rejected: no name, no description) and read under a
    name made from its file name and a made-up description. A path that does not resolve there (Codex ignores the
    declaration) leaves the file as it was read."""
    (tmp_path / ".git").mkdir()
    agents = tmp_path / ".codex" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".codex" / "config.toml").write_text(
        '[agents.code_scout]\ndescription = "Maps the code"\nconfig_file = "agents/scout.toml"\n\n'
        '[agents.lost]\ndescription = "Elsewhere"\nconfig_file = ".codex/agents/lost.toml"\n')
    role = 'model = "gpt-5"\ndeveloper_instructions = "Map it."\n'
    (agents / "scout.toml").write_text(role)
    (agents / "lost.toml").write_text(role)
    out = api.convert(agents / "scout.toml", "claude")
    assert out.text.startswith("---\nname: code_scout\ndescription: Maps the code\n")
    assert not [i for i in out.report.items if i.code.value in ("file-rejected", "name-derived", "value-made-up")]
    assert [i.path for i in out.report.items if i.code.value == "value-read-as"] == ["name", "description"]
    assert api.convert(agents / "scout.toml", "codex").text == role
    from agentconv import registry  # written back into Codex, the file stays where its declaration names it

    assert registry.get("codex").output_path(api.read(agents / "scout.toml")[0].records[0]) == ".codex/agents/scout.toml"
    migration.migrate(tmp_path, ["claude"], jobs=1)
    assert (tmp_path / ".claude" / "agents" / "code_scout.md").is_file()
    lost = api.convert(agents / "lost.toml", "claude")
    assert "name: lost\n" in lost.text and [i.code.value for i in lost.report.items].count("file-rejected") == 2
    (agents / "scout.toml").write_text('model = "gpt-5"\n')  # no prompt: Codex loads it (a config overlay)
    doc, report = api.read(agents / "scout.toml")
    assert doc.records[0].name == "code_scout" and not [i for i in report.items if i.code.value == "file-rejected"]


def test_a_refusal_names_the_settings_its_agent_was_read_beneath(tmp_path):
    """A rule from the project's settings that a target cannot write refuses it (never widen); the message names the
    settings files, since the agent's own file holds no such rule."""
    import pytest

    from agentconv.errors import BroadenError

    agents, _ = _claude_project(tmp_path, '{"permissions": {"deny": ["Read(./.env)"]}}', "{}")
    with pytest.raises(BroadenError) as err:  # (Copilot, which holds no deny, leaves the read tool out: narrower)
        api.convert(agents / "all.md", "codex")
    assert str(err.value).endswith(f" (its tools as read beneath {agents.parent / 'settings.json'})")
    (agents.parent / "settings.json").write_text("{}")
    with pytest.raises(BroadenError) as err:
        api.convert(agents / "listed.md", "claude-command")  # (Cursor writes its shell as readonly: true, narrower)
    assert "read beneath" not in str(err.value)


def test_a_batch_reads_a_projects_settings_once_and_a_single_conversion_each_time(tmp_path, monkeypatch):
    """A batch reads a project's settings files once for all its agents (``helpers.run_scope``: they were looked up and
    parsed again for every agent, ~5% of a migration), and still reads each agent beneath them; outside a batch every
    conversion looks again, so a long-lived process sees a settings file that changed since its last conversion."""
    from agentconv import batch
    from agentconv.dialects import settings

    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".claude" / "settings.json").write_text('{"permissions": {"deny": ["WebFetch"]}}')
    (tmp_path / ".claude" / "settings.local.json").write_text('{"permissions": {"deny": ["Bash"]}}')
    for i in range(3):
        (agents / f"a{i}.md").write_text(f"---\nname: a{i}\ndescription: d\n---\nBody.\n")
    opened = []
    inner = settings._settings
    monkeypatch.setattr(settings, "_settings", lambda name: (opened.append(name), inner(name))[1])

    out = migration.migrate(tmp_path, ["opencode"], out=tmp_path / "out", jobs=1)
    assert sorted(r.status for r in out.records) == ["converted"] * 3
    assert sorted(opened) == sorted(str(tmp_path / ".claude" / n) for n in settings.CLAUDE)
    for i in range(3):
        text = (tmp_path / "out" / ".opencode" / "agent" / f"a{i}.md").read_text()
        assert "bash: deny" in text and "webfetch: deny" in text

    opened.clear()
    results = list(batch.convert_many([agents], "opencode", tmp_path / "out2"))
    assert [r.status for r in results] == ["converted"] * 3 and len(opened) == 2

    opened.clear()
    assert "bash: deny" in api.convert(agents / "a0.md", "opencode").text
    (tmp_path / ".claude" / "settings.local.json").write_text('{"permissions": {"deny": []}}')
    assert "bash: deny" not in api.convert(agents / "a0.md", "opencode").text
    assert len(opened) == 4


def _gemini_workspace(root, files):
    """A workspace's .gemini/agents holding ``files`` (name -> text): its settings.json path; header(name, to), the
    written header's lines after name and description; said(name), the value-read-as messages written for Claude
    Code; back(), every file written back into Gemini."""
    agents = root / ".gemini" / "agents"
    agents.mkdir(parents=True)
    for name, text in files.items():
        (agents / f"{name}.md").write_text(text)

    def header(name, to="claude"):
        return api.convert(agents / f"{name}.md", to).text.split("\n---\n")[0].split("\n")[3:]

    def said(name):
        return [i.message for i in api.convert(agents / f"{name}.md", "claude").report.items
                if i.code.value == "value-read-as"]

    def back():
        return {n: api.convert(agents / f"{n}.md", "gemini").text for n in files}

    return root / ".gemini" / "settings.json", header, said, back


def test_a_gemini_agent_runs_within_its_workspaces_core_tools_and_excluded_mcp_servers(tmp_path):
    """Gemini CLI registers only the built-in tools settings' tools.core names, by name or class, `name(args)` too
    (gemini-cli 5411f113 config.ts createToolRegistry), and its policy engine allows each entry (a shell entry's args
    a command prefix) over a DENY rule for every other tool, MCP tools too (policy/config.ts, CORE_TOOLS_FLAG_PRIORITY
    - 0.01); mcp.excluded denies a server's tools (mcp_<server>_*). tools.core was named in the report, not read: an
    agent of every tool in a workspace allowing three was written for Claude Code with every tool. A class name in
    tools.exclude (ShellTool: isActiveTool compares names and class names) was a tool no table knew, so not denied."""
    files = {"all": "---\nname: all\ndescription: Every tool\n---\nWork.\n",
             "listed": "---\nname: listed\ndescription: d\ntools:\n  - read_file\n  - run_shell_command\n"
                       "  - web_fetch\n  - mcp_serena_find\n---\nx\n",
             "scoped": "---\nname: scoped\ndescription: d\ntools:\n  - run_shell_command(git)\n  - glob\n---\nx\n"}
    settings, header, said, back = _gemini_workspace(tmp_path, files)

    import pytest

    from agentconv.errors import BroadenError

    settings.write_text('{"tools": {"core": ["ReadFileTool", "glob", "ShellTool(ls)"]}}')
    for name in ("all", "listed"):  # the shell only for `ls`: a Claude Code subagent's Bash(ls) is all of Bash
        with pytest.raises(BroadenError, match="run_shell_command\\(ls\\) as the whole tool"):
            header(name)
    assert header("scoped") == ["tools: Glob"]
    settings.write_text('{"tools": {"core": ["ReadFileTool", "glob"]}}')
    assert said("all") == [f"tools.core of {settings} read as an allowlist over this agent's own tools, as Gemini CLI registers "
                    "no other built-in tool and denies every other tool, MCP tools too"]
    assert back() == files

    settings.write_text('{"tools": {"exclude": ["ShellTool"]}, "mcp": {"excluded": ["serena"]}}')
    assert header("all") == ["disallowedTools: Bash, mcp__serena__*, PowerShell, Monitor, TaskStop"]
    assert header("listed") == ["tools: Read, WebFetch", "disallowedTools: Bash, mcp__serena__*"]
    assert said("all") == [f"tools.exclude and mcp.excluded of {settings} read as rules beneath this agent's own, as Gemini CLI "
                    "applies its settings' deny rules to every subagent"]
    assert back() == files


def test_a_gemini_agent_gets_only_the_mcp_servers_and_tools_its_workspace_connects(tmp_path):
    """Gemini CLI connects only the servers a non-empty mcp.allowed names (gemini-cli 5411f113 mcp-client-manager.ts
    isBlockedBySettings) and registers a server's tool only where its includeTools names it and its excludeTools does
    not (mcp-client.ts isEnabled). None of it was read: an agent of every tool under `mcp.allowed: [github]` was
    written for Claude Code with every server's tools, and `mcp_*` as `mcp__*`. Now read beneath the agent's own tools
    (an agent of every tool becomes an allowlist of the built-in tools and what the servers let through), said, and
    given back as it came in Gemini."""
    files = {"all": "---\nname: all\ndescription: Every tool\n---\nWork.\n",
             "mcp": "---\nname: mcp\ndescription: d\ntools:\n  - read_file\n  - mcp_*\n  - mcp_serena_find\n---\nx\n",
             "one": "---\nname: one\ndescription: d\ntools:\n  - read_file\n  - mcp_github_*\n---\nx\n"}
    settings, header, said, back = _gemini_workspace(tmp_path, files)

    settings.write_text('{"mcp": {"allowed": ["github"]},\n'
                        ' "mcpServers": {"github": {"command": "gh-mcp", "excludeTools": ["delete_repo"]}}}')
    assert header("mcp") == header("one") == ["tools: Read, mcp__github__*", "disallowedTools: mcp__github__delete_repo"]
    every = header("all")
    assert every[0].startswith("tools: Read, Write, Edit, ") and every[0].endswith(", mcp__github__*")
    assert every[1:] == ["disallowedTools: mcp__github__delete_repo"]
    assert said("one") == [f"mcp.allowed and mcpServers.*.excludeTools of {settings} read as limits on this agent's MCP "
                    "tools, as Gemini CLI connects no other server and registers no other tool of one"]
    assert back() == files

    settings.write_text('{"mcpServers": {"github": {"command": "gh-mcp", "includeTools": ["get_issue", "list_prs(x)"]}}}')
    assert header("one") == ["tools: Read, mcp__github__get_issue, mcp__github__list_prs"]
    assert header("mcp") == ["tools: Read, mcp__github__get_issue, mcp__github__list_prs, mcp__serena__find"]
    # (mcp_*: the servers configured elsewhere are not known, so every server's tools are read as github's allowed)
    assert [line for line in header("all", "opencode") if "github" in line] == [
        "  github_get_issue: allow", "  github_list_prs: allow"]

    settings.write_text('{"mcpServers": {"github": {"command": "gh-mcp", "excludeTools": ["delete_repo"]}}}')
    assert header("all") == ["disallowedTools: mcp__github__delete_repo"]  # every server still, less that tool
    # (mcp_*, every server's tools, has no name in a Claude Code tool list: not granted, said)
    assert header("mcp") == ["tools: Read, mcp__serena__find", "disallowedTools: mcp__github__delete_repo"]


def test_a_claude_agent_does_not_gain_the_mcp_servers_its_settings_reject(tmp_path):
    """Claude Code never connects a project .mcp.json server its settings' ``disabledMcpjsonServers`` names
    (@anthropic-ai/claude-code 2.1.330, the bundled cli: the server's approval is "rejected" where any settings list
    names it, and a subagent has only its session's servers). The key was not read: an agent of every tool beneath
    it was written for OpenCode with that server's tools. Now read as a deny of the server (a name spelt as Claude
    Code's tool names spell it), said, and the file given back to Claude Code as it came."""
    agents, files = _claude_project(tmp_path, '{"permissions": {"deny": ["WebFetch"]}}',
                                    '{"disabledMcpjsonServers": ["db", "my.srv"]}')
    (agents / "mcp.md").write_text(files.setdefault(
        "mcp", "---\nname: mcp\ndescription: Two servers\ntools: Read, mcp__db, mcp__github__search\n---\nUse.\n"))
    out = {n: api.convert(agents / f"{n}.md", "opencode") for n in files}
    head = {n: r.text.split("\n---\n")[0] for n, r in out.items()}
    assert "db_*: deny" in head["all"] and "my_srv_*: deny" in head["all"] and "webfetch: deny" in head["all"]
    assert "db" not in head["mcp"] and "github_search: allow" in head["mcp"]
    said = [i.message for i in out["all"].report.items if i.code.value == "value-read-as"]
    assert said == [f"permissions.deny and disabledMcpjsonServers of {agents.parent / 'settings.json'}, "
                    f"{agents.parent / 'settings.local.json'} read as rules beneath this agent's own, as Claude Code "
                    "applies its settings' deny rules to every subagent"]
    assert {n: api.convert(agents / f"{n}.md", "claude").text for n in files} == files
    doc, _ = api.read(agents / "all.md")
    assert [(g.raw, g.decision) for g in doc.records[0].tools.grants] == [
        ("WebFetch", "deny"), ("mcp__db", "deny"), ("mcp__my_srv", "deny")]


def test_a_claude_agent_does_not_gain_the_mcp_servers_its_settings_deny_by_name(tmp_path):
    """Claude Code never connects a server a ``deniedMcpServers`` entry names (``{"serverName": NAME}``, compared
    verbatim), whatever its scope but a managed one; the list is merged from every settings source, the project's and
    the local one too (@anthropic-ai/claude-code 2.1.330, the bundled cli). It was not read: an agent of every tool
    beneath it was written for OpenCode with that server's tools. Now each named server is denied, said; a command
    or URL entry that matches no .mcp.json server (here there is none) is said not read, and neither approval list
    (enabledMcpjsonServers: a server it leaves out is asked about, not off) takes anything."""
    agents, files = _claude_project(tmp_path, '{"deniedMcpServers": [{"serverName": "db"}, {"serverName": " gh"}, '
                                    '{"serverUrl": "https://x.example/*"}, {"serverCommand": ["npx", "y"]}], '
                                    '"enabledMcpjsonServers": ["web"]}',
                                    '{"deniedMcpServers": [{"serverName": "db"}, {"serverName": "my.srv"}]}')
    (agents / "mcp.md").write_text(files.setdefault(
        "mcp", "---\nname: mcp\ndescription: Three servers\ntools: Read, mcp__db, mcp__gh, mcp__web\n---\nUse.\n"))
    out = {n: api.convert(agents / f"{n}.md", "opencode") for n in files}
    head = {n: r.text.split("\n---\n")[0] for n, r in out.items()}
    assert head["all"].split("\n")[2:6] == ["mode: subagent", "permission:", "  db_*: deny", "  my_srv_*: deny"]
    assert "gh" not in head["all"] and "x.example" not in head["all"]  # " gh" matches no name; a URL entry names none
    assert "db" not in head["mcp"] and "gh_*: allow" in head["mcp"] and "web_*: allow" in head["mcp"]
    said = [i.message for i in out["all"].report.items if i.code.value == "value-read-as"]
    assert said == [f"deniedMcpServers of {agents.parent / 'settings.json'}, {agents.parent / 'settings.local.json'} "
                    "read as rules beneath this agent's own, as Claude Code applies its settings' deny rules to every "
                    "subagent"]
    assert [i.message for i in out["all"].report.items if i.code.value == "field-dropped"] == [
        "the deniedMcpServers entries 'https://x.example/*', 'npx y' not read: no server of the project's .mcp.json "
        "has that command or URL; Claude Code connects no server they match, configured elsewhere, whose tools this "
        "agent may be given here"]
    assert {n: api.convert(agents / f"{n}.md", "claude").text for n in files} == files
