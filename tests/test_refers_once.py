"""Issue 11: what ``migrate`` asks once per source stays cheap (counted calls, not time).

``refers_as`` (once a source: the name other agents of its tool call it by) finds the command dialect whose
``[runs_in] known_by`` names the agent through ``registry.runs_in_of``, cached per tool, instead of walking every
dialect; ``instructions()`` (twice a source) tests the folder texts with one expression."""
from __future__ import annotations

import random
import re

from agentconv import api, registry
from agentconv.dialects import base
from agentconv.instructions import _any, instructions
from agentconv.tables import builtin

CLAUDE = "---\nname: rev\ndescription: Reviews code\ntools: Read, Grep\n---\nReview.\n"
COPILOT = "---\nname: Code Reviewer\ndescription: Reviews code\ntools: ['search']\n---\nReview.\n"


def _walked(agent) -> tuple[str | None, int]:
    """refers_as(agent) and the registry look-ups it made (after a first call that fills any cache)."""
    base.refers_as(agent)
    calls = []
    real = registry.get

    def counted(name):
        calls.append(name)
        return real(name)

    registry.get = counted
    try:
        return base.refers_as(agent), len(calls)
    finally:
        registry.get = real


def test_refers_as_asks_the_registry_a_few_times_with_the_walks_answer():
    for text, dialect, path, want in ((CLAUDE, "claude", ".claude/agents/rev.md", "rev"),
                                      (COPILOT, "copilot", ".github/agents/rev.agent.md", "Code Reviewer")):
        agent = api.read_text(text, dialect, path=path)[0].agent
        tool = registry.tool(base.reader_of(agent.origin.dialect, "agent"))
        walked = next((base.known_as(agent, d) for d in registry.ids()
                       if "runs_in" in registry.get(d).table and registry.tool(d) == tool), agent.name or None)
        name, calls = _walked(agent)
        assert name == walked == want  # VS Code names a custom agent by its `name` header
        assert calls <= 3, calls  # the walk over every dialect made one call per dialect (14 on a Claude agent)


def test_runs_in_of_is_forgotten_with_the_registry():
    first = registry.runs_in_of("copilot")
    assert first is not None and "runs_in" in registry.get(first).table
    registry.reset()
    assert registry.runs_in_of.cache_info().currsize == 0
    assert registry.runs_in_of("copilot") == first
    assert registry.runs_in_of("no-such-tool") is None


def test_instruction_folders_one_expression_same_as_each_text():
    entries = builtin("instructions.toml")["instructions"]
    literals = list(dict.fromkeys("/" + re.split(r"[*?\[]", f)[0] for i in entries for f in i.get("folders", ())))
    assert len(literals) >= 2
    folders = _any()[2]
    rng = random.Random(11)
    for _ in range(2000):
        parts = [rng.choice(literals + ["/a", "/.github", "/docs", "/.claude/agents", "/b.md", "x", "/"])
                 for _ in range(rng.randint(1, 4))]
        where = "".join(parts)
        assert (folders.search(where) is not None) == any(t in where for t in literals), where
    assert instructions(".github/instructions/a.instructions.md") is not None
    assert instructions(".claude/agents/reviewer.md") is None
