"""A tool's own agents named in another agent's delegation scope (Claude Code's ``Agent(Explore)``, an OpenCode
``task`` rule for ``explore``, a VS Code ``agents: [Plan]``), as another tool names its agent of the same role.

Each agent dialect's table lists its tool's own agents (``[builtin_agents.NAME]``: ``role``, the kinds of access the
agent holds as ``classes`` of tools.toml, ``mcp`` for the session's MCP servers, and ``subagent = false`` for one no
other agent is offered to start (OpenCode's primary agents, which its task tool runs only where a call names them),
``commands = false`` for one no command is routed to), with the vendor source. A reference becomes the target's agent of the same role that another
agent can start and that holds no kind of access the source's lacks (``session`` aside: tools.toml, no widening); one
that holds less is written and said as narrowed; none is said, and the reference is left out of the scope (the
target names no such agent, or one with more access: never widened), as is one to an agent its own tool does not offer
another agent to start (an OpenCode primary agent, run only where a call names it: left out, narrower).
"""
from __future__ import annotations

from dataclasses import dataclass
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from .. import registry

_NOT_WIDENING = frozenset({"session"})
"""Classes a target's agent may hold beyond the source's without widening (tools.toml: gaining one is no widening)."""


@dataclass(frozen=True)
class Counterpart:
    """What a scope naming a tool's own agent becomes in a target (``counterpart``)."""

    role: str
    """The role the source's table gives the agent (``explore``, ``plan``, ``general`` ...)."""
    written: str | None
    """The target's own agent of that role, with no more access; None: the target has none."""
    lacks: tuple[str, ...] = ()
    """The classes of access the source's agent has and ``written`` has not (said as narrowed)."""
    other: str | None = None
    """The target's agent of that role that is not an equivalent (more access, or no subagent), for the message."""
    more: tuple[str, ...] = ()
    """What ``other`` holds beyond the source's agent (empty: it is no subagent)."""
    dead: bool = False
    """The source's agent is none another agent is offered to start (OpenCode's primary ``plan``): left out of the
    scope (narrower: OpenCode runs it only where a call names it, opencode.toml [builtin_agents])."""


def own_agents(dialect: str) -> dict[str, Any] | None:
    """``[builtin_agents]`` of ``dialect``'s tool (the agent dialect that reads it: a command's tool is its agents');
    a variant (``--to kilo-agents``) has only what its own ``[variants.KEY]`` lists. None: the table names none (a
    tool whose own agents agentconv has not read: Kiro, Roo, Cursor; or one no tool runs: plain markdown)."""
    d = registry.get(dialect)
    if registry.tool(d.id) != d.id:
        d = registry.get(registry.tool(d.id))
    return d.table.get("builtin_agents")


def counterpart(dialect: str, name: str, to: str, *, command: bool = False) -> Counterpart | None:
    """What the scope ``name`` of an agent of ``dialect`` becomes in ``to`` when ``name`` is one of the own agents of
    ``dialect``'s tool (exactly spelled: Claude Code, OpenCode and VS Code compare agent names as written); None
    otherwise (a custom agent's name, resolved by the run's routes), and where ``to``'s table names no own agents
    (written as before: as it is, or refused where the target cannot scope the agent tool).

    ``command``: ``name`` is the agent a command runs in (an OpenCode command's ``agent: plan``), not one another agent
    starts: a primary agent is one there (OpenCode runs a command in the agent it names, a primary one in the session
    itself, a subagent as a subtask: anomalyco/opencode packages/opencode/src/session/prompt.ts ``command``, read
    2026-11-30), on either side."""
    mine, theirs_all = (own_agents(dialect) or {}).get(name), own_agents(to)
    if mine is None or theirs_all is None:
        return None
    if not command and not mine.get("subagent", True):
        return Counterpart(mine["role"], None, dead=True)
    has = [c for c in mine.get("classes", ()) if c not in _NOT_WIDENING]
    near: list[tuple[str, tuple[str, ...]]] = []  # the same role, not an equivalent: (name, what it has beyond)
    for key, theirs in theirs_all.items():
        if theirs.get("role") != mine["role"]:
            continue
        held = theirs.get("classes", ())
        extra = tuple(c for c in held if c not in has and c not in _NOT_WIDENING)
        started = command or theirs.get("subagent", True)
        if not started or extra:
            near.append((key, extra if started else ()))
            continue
        return Counterpart(mine["role"], key, tuple(c for c in has if c not in held))
    near.sort(key=lambda n: not n[1])  # one another agent can start first: its access says most
    return Counterpart(mine["role"], None, (), *(near[0] if near else (None, ())))
