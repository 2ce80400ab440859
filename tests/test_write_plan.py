"""The write's decisions that depend only on a record's shape, worked out once per shape (issue 11): counted, never
timed, and the same output as working each out anew."""
from __future__ import annotations

import random
import sys

from agentconv import api, paths, registry
from agentconv.dialects import base
from agentconv.ir import Agent

HEAD = "---\nname: {n}\ndescription: Agent {n}.\nmodel: inherit\n---\nBody {n}.\n"


def _write_both(n: str) -> None:
    doc, report = api.read_text(HEAD.format(n=n), "claude", path=f".claude/agents/{n}.md")
    for to in ("copilot", "opencode"):
        api.write_all(doc, to, report=report)


def test_a_header_shape_is_worked_out_once(monkeypatch):
    """Two records of one header shape (the same keys of one dialect), each written into two targets: what the side
    channel's key order and the source order ask of the header's keys is worked out for the first record only."""
    registry.reset()  # (the plans of earlier tests' shapes start again)
    counted = {"key_order": 0, "first_at": 0}
    key_order, first_at = base._key_order, base._first_at

    def count_key_order(*args):
        counted["key_order"] += 1
        return key_order(*args)

    def count_first_at(*args):
        counted["first_at"] += 1
        return first_at(*args)

    monkeypatch.setattr(base, "_key_order", count_key_order)
    monkeypatch.setattr(base, "_first_at", count_first_at)
    _write_both("plan-a")
    assert counted == {"key_order": 1, "first_at": 1}
    _write_both("plan-b")  # another record, another origin: the same shape
    assert counted == {"key_order": 1, "first_at": 1}


def test_a_pair_of_dialects_is_asked_once(monkeypatch):
    """Whether a source's table routes the record to one of its tool's agents (``_runs_in``) or says who may run it
    (``_invoked_by``) is a question of the two dialects and the record's kind: asked for the first record only."""
    registry.reset()
    base._PAIRS.clear()  # (a memo of MEMO_SIZE entries, cleared when full: earlier tests' pairs could fill it between
    # this test's two records, and the second would be asked again; it failed so in one full run, 2026-11-30)
    asked: list[str] = []
    real = base.reader_of

    def counted(dialect, kind):
        caller = sys._getframe(1).f_code.co_name
        if caller in ("_runs_in", "_invoked_by", "_pair_idle"):
            asked.append(caller)
        return real(dialect, kind)

    monkeypatch.setattr(base, "reader_of", counted)
    _write_both("pair-a")
    assert asked == ["_pair_idle", "_pair_idle"]  # once per target
    asked.clear()
    _write_both("pair-b")
    assert asked == []


KEYS = {
    "name": lambda r, i: f"name: agent-{i}",
    "description": lambda r, i: r.choice([f"description: Agent {i}.", f'description: "Agent {i}, quoted."',
                                          f"description: 'Agent {i}.'"]),
    "model": lambda r, i: "model: " + r.choice(["inherit", "sonnet", "opus", "haiku", "gpt-5", "claude-sonnet-4-5"]),
    "tools": lambda r, i: "tools: " + r.choice(["Read, Grep", "Read, Edit, Bash", "[Read, Glob]", "Bash(git *)", ""]),
    "color": lambda r, i: "color: " + r.choice(["red", "blue", "#ff0000", "purple"]),
    "maxTurns": lambda r, i: f"maxTurns: {r.randint(1, 9)}",
    "effort": lambda r, i: "effort: " + r.choice(["low", "high"]),
    "permissionMode": lambda r, i: "permissionMode: " + r.choice(["default", "acceptEdits"]),
    "category": lambda r, i: "category: " + r.choice(["review", "ops"]),
    "memory": lambda r, i: "memory: project",
}
TARGETS = ("copilot", "opencode", "gemini", "codex", "cursor", "kiro", "roo", "markdown", "claude")


def _sources() -> list[str]:
    """Records of a few header shapes (keys and their order), each shape with other values."""
    r = random.Random(11)
    shapes = [["name", "description"], ["name", "description", "model"], ["description", "name", "model"],
              ["name", "model", "description", "tools"]]
    shapes += [["name", "description", *r.sample(sorted(KEYS)[:-2], r.randint(1, 4))] for _ in range(8)]
    shapes = [list(dict.fromkeys(s)) for s in shapes]
    out = []
    for i in range(60):
        keys = shapes[i % len(shapes)]
        out.append("---\n" + "".join(KEYS[k](r, i) + "\n" for k in keys) + f"---\nYou review code {i}.\n")
    return out


def _convert(text: str, i: int, to: str) -> tuple[str, list[tuple[str, str, str]]]:
    try:
        results = api.convert_all_text(text, to, from_="claude", path=f".claude/agents/agent-{i}.md")
    except Exception as exc:  # noqa: BLE001 - a refusal is an outcome to compare too
        return f"{type(exc).__name__}: {exc}", []
    return "".join(r.text for r in results), [(i.code.value, i.path, i.message) for r in results
                                               for i in r.report.items]


def test_the_plan_writes_what_the_general_write_works_out():
    """Each record written with its shape's plan built by earlier records (other values, other carried fields) gives
    the same file and report as written with every plan worked out afresh for it."""
    sources = _sources()
    fresh = {}
    for i, text in enumerate(sources):
        for to in TARGETS:
            registry.reset()
            base._PAIRS.clear()
            base._BODY_PAIRS.clear()
            fresh[i, to] = _convert(text, i, to)
    registry.reset()
    for _ in range(2):  # the second pass: every plan built
        for i, text in enumerate(sources):
            for to in TARGETS:
                assert _convert(text, i, to) == fresh[i, to], (i, to)


def test_an_empty_field_is_told_as_paths_tells_it():
    """``field_steps``' test that a field written as the IR holds it holds nothing agrees with ``paths.get``, for every
    such field of every table, on records with and without values."""
    agents = [Agent(), Agent(role="subagent", params={"temperature": 0.2, "max_turns": 0, "effort": None},
                             metadata={"category": "", "color": "red", "a.b": 1},
                             extensions={"copilot": {"argument-hint": "x", "a.b": None}, "claude": "no map"})]
    agents.append(Agent(params={k: "x" for d in registry.all_dialects() for p in d.table.get("fields", {}).values()
                                if p.startswith("params.") for k in [p.split(".", 1)[1]]}))
    agents.append(Agent(extensions={d.id: {k: 0 for k in d.table.get("own", {})} for d in registry.all_dialects()}))
    agents.append(Agent(extensions={d.id: {k: 0 for k, p in d.table.get("fields", {}).items()
                                           if p.startswith(f"extensions.{d.id}.")} for d in registry.all_dialects()}))
    checked = 0
    for d in registry.all_dialects():
        for key, ipath, empty in d.field_steps:
            if empty is None:
                continue
            for a in agents:
                assert empty(a) == (paths.get(a, ipath) is None), (d.id, ipath)
                checked += 1
    assert checked > 50
