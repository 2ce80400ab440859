"""A Kiro Markdown agent's `permissions` rule `{capability: shell, effect: allow}` with no `match` nor `exclude` trusts
the shell as an allowedTools entry `shell` does (kiro.dev/docs/cli/v3/agent-config/ and /permissions/: agents embed
permission rules; effects resolve deny > ask > allow): its shell runs unasked. A scoped allow, or one beside an ask rule
of the capability, is not read: the shell asks, as before."""
import agentconv


def _agent(permissions: str) -> str:
    return f"---\ndescription: Backend agent\ntools: [read, write, shell]\npermissions:\n{permissions}---\nBuild.\n"


def _bash(out):
    return next(line.strip() for line in out.text.splitlines() if line.strip().startswith("bash:"))


def test_an_unscoped_shell_allow_rule_is_trust():
    out = agentconv.convert_text(_agent("  - capability: shell\n    effect: allow\n"), "opencode", from_="kiro-md",
                                 path=".kiro/agents/be.md")
    assert _bash(out) == "bash: allow"
    assert "  write: ask\n  edit: ask\n" in out.text  # no rule trusts writing
    (said,) = [i.message for i in out.report if i.code.value == "value-read-as"]
    assert said == ("write (not in allowedTools, no 'permissions' allow rule) read as asking before each call, as "
                    "kiro-md asks of a tool neither allowedTools nor a 'permissions' allow rule trusts")
    # a scoped allow, or one beside an ask of the capability, or another capability's allow: the shell asks
    for rules in ("  - capability: shell\n    effect: allow\n    match: ['npm *']\n",
                  "  - capability: shell\n    effect: allow\n    exclude: ['rm *']\n",
                  "  - capability: shell\n    effect: allow\n  - capability: shell\n    effect: ask\n"
                  "    match: ['git push *']\n",
                  "  - capability: fs_write\n    effect: allow\n"):
        out = agentconv.convert_text(_agent(rules), "opencode", from_="kiro-md", path=".kiro/agents/be.md")
        assert _bash(out) == "bash: ask", rules
