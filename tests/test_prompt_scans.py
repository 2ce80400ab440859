"""How often a write scans a record's prompt (issue 11): each target of a source used to scan the same prompt again
for the same words and expressions; counted, never timed."""
from __future__ import annotations

import random
import re

from agentconv import api
from agentconv.dialects import base, builtin_agents
from agentconv.loss import LossReport

AGENT = ("---\nname: helper\ndescription: Helps.\n---\nPlan the work, then hand it to the general-purpose agent: "
         "{extra}\n")


class Counted(str):
    """A prompt that counts what is looked for in it with ``in``."""

    asked: list[str] = []

    def __contains__(self, part: object) -> bool:
        Counted.asked.append(str(part))
        return str.__contains__(self, part)


def _written(text: str, prompt: type[str] = str) -> list[tuple[str, list[tuple[str, str]]]]:
    doc, report = api.read_text(text, "claude", path=".claude/agents/helper.md")
    doc.agent.prompt = prompt(doc.agent.prompt)
    out = []
    for target in ("copilot", "opencode"):
        for r in api.write_all(doc, target, report=LossReport(list(report.items), report.source)):
            out.append((r.text, [(i.code.value, i.message) for i in r.report.items]))
    return out


def test_the_source_tools_agent_names_are_looked_for_once_per_prompt():
    """``own_agents_named``: which of the source tool's own agents (Claude Code's ``general-purpose``, ``Plan`` ...)
    and which delegation call forms a prompt holds is worked out once for the source, not once per target (lead: the
    call forms looked for twice, the names once per target that has no agent of that name)."""
    text = AGENT.format(extra='subagent_type: "general-purpose"')
    plain = _written(text)
    Counted.asked = []
    assert _written(text, Counted) == plain  # the same outputs and the same loss items
    looked = [w for w in Counted.asked if w in builtin_agents.own_agents("claude") or w in
              ("subagent_type", "Agent(", "Task(")]
    assert "general-purpose" in looked and "subagent_type" in looked
    assert sorted(looked) == sorted(set(looked)), looked  # each once, for both targets
    assert any("general-purpose" in m for _, items in plain for _, m in items)  # said, as before


def test_a_prompt_without_the_targets_references_is_scanned_once(monkeypatch):
    """``entering_references``: VS Code's ``#tool:`` and ``#file:`` references (copilot.toml ``[body_references]``),
    which a Claude Code prompt does not mean as such, are looked for with one search of their alternation; only a
    prompt where it finds one is searched for each (lead: two searches of every prompt written into Copilot)."""
    calls: list[str] = []
    real = re.finditer

    def counted(pattern, string, flags=0):
        calls.append(pattern)
        return real(pattern, string, flags)

    monkeypatch.setattr(re, "finditer", counted)
    _written(AGENT.format(extra="no references here, # a heading sign"))
    assert calls == []
    out = _written(AGENT.format(extra="see #tool:search and #FILE:src/a.py, and #tool:search again"))
    assert len(calls) == 2
    said = [m for _, items in out for code, m in items if code == "placeholder-unsupported"]
    assert len(said) == 2 and "'#tool:search'" in said[0] and "'#FILE:src/a.py,'" in said[1], said  # each once


def test_the_alternation_finds_a_match_exactly_where_one_of_its_expressions_does():
    combined = base._any_of(('#(?i:tool):[\\w./-]+', '#(?i:file):[^\\s#]+'))
    assert combined is not None
    singles = [re.compile('#(?i:tool):[\\w./-]+'), re.compile('#(?i:file):[^\\s#]+')]
    rng = random.Random(11)
    alphabet = ["#", "tool", "TOOL", "file", "File", ":", " ", "\n", "a", ".", "/", "-", "é", "#tool:", "#file:"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert (combined.search(text) is None) == all(s.search(text) is None for s in singles), repr(text)


def test_expressions_that_do_not_combine_are_searched_each_on_its_own():
    """A capture group (a back-reference may count it) or a global flag (it must stand first): no alternation."""
    assert base._any_of((r"\$\{(selection|file)\}", "#x")) is None
    assert base._any_of(("(?i)abc", "#x")) is None
    assert base._any_of(("(a)\\1", "b")) is None
