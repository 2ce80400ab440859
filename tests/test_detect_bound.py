"""Detection that wants only the winner (``read_text``) skips a dialect whose ``score_bound`` cannot pass the best score
so far: the bound is never below the dialect's own score, and the winner is the one full detection names, over the
golden cases' files of every dialect (inputs and outputs), each named at its own place and at three other places."""
from __future__ import annotations

import random
from pathlib import Path

from agentconv import api, registry
from agentconv.envelopes import frontmatter
from agentconv.errors import ParseError
from agentconv.text import decode

ROOT = Path(__file__).resolve().parents[1]
PLACES = [".claude/agents/x.md", ".github/agents/x.agent.md", ".opencode/agent/x.md", "agents/specialists/x.md",
          "docs/x.md", ".gemini/agents/x.md", ".cursor/agents/x.md", ".kiro/agents/x.md", ".windsurf/rules/x.md",
          ".github/prompts/x.prompt.md", ".claude/commands/x.md", "x.md", None, ".claude/skills/x/SKILL.md",
          "a\\.github\\agents\\x.agent.md"]


def test_the_winner_alone_is_the_winner_and_no_bound_is_below_its_score() -> None:
    rng = random.Random(3)
    cases = skipped = 0
    bounded: set[str] = set()
    files = sorted(p for p in (ROOT / "fixtures" / "cases").rglob("*")
                   if p.is_file() and not p.name.startswith(("loss.", "ir.", "error.")))
    for file in files:
        try:
            text = decode(file.read_bytes()).text
        except Exception:  # noqa: BLE001 - a broken file detection never sees
            continue
        for path in [file.relative_to(ROOT).as_posix(), *rng.sample(PLACES, 3)]:
            try:
                parsed = frontmatter.parse(text, path)
                data, has_header = parsed.data, parsed.layout.has_header
            except ParseError:
                parsed, data, has_header = None, None, text.startswith("---")
            full = api.detect_decoded(text, path, parsed)
            best = api.detect_decoded(text, path, parsed, best_only=True)
            assert best.dialect == full.dialect, (file.name, path)
            for d in registry.all_dialects():
                if d.envelope is frontmatter:
                    bound = d.score_bound(path, data, has_header)
                    if bound is not None and d.id in full.scores:
                        assert full.scores[d.id] <= bound + 1e-9, (d.id, file.name, path)
                elif has_header:  # another envelope, beside a frontmatter header: scored from the path alone
                    bound = d.score_bound(path, None, False)
                    if bound is not None:
                        assert d.detect(path, None, False)[0] <= bound + 1e-9, (d.id, file.name, path)
                bounded.add(d.id) if bound is not None else None
            cases += 1
            skipped += len(full.scores) - len(best.scores)
    assert cases > 1500 and skipped > 2 * cases  # the bound does leave dialects out, most files
    # a dialect whose own detection gives the base score or 0 (Kiro's), or whose own tool scoring says its bound
    # (a skill's), and the dialects of other envelopes beside a frontmatter header, are bounded too
    assert {"kiro", "kiro-md", "skill", "codex", "roo"} <= bounded


def test_a_tool_list_s_names_are_remembered_per_way_of_splitting_it() -> None:
    """VS Code reads quotes in a comma string (``'Read', Grep``: Read and Grep), other tools do not: the names a memo
    keeps for one list are never another dialect's, whichever dialect scored the list first."""
    from agentconv.dialects import detection

    data = {"tools": "'Read', Grep, \"Bash\""}
    alone = {}
    for d in registry.all_dialects():
        detection._MEMO.__dict__.clear()
        alone[d.id] = (d._detect_tools(data), d.detect(None, data, True)[0])
    split = [registry.get(d).split_names(data["tools"], "tools", None) for d in ("copilot", "claude")]
    assert split == [["Read", "Grep", "Bash"], ["'Read'", "Grep", '"Bash"']]  # (the two ways differ on this list)
    for first in registry.ids():
        detection._MEMO.__dict__.clear()
        registry.get(first)._detect_tools(data)
        for d in registry.all_dialects():
            assert (d._detect_tools(data), d.detect(None, data, True)[0]) == alone[d.id], (first, d.id)
            bound = d.score_bound(None, data, True)
            assert bound is None or bound >= alone[d.id][1] - 1e-9, (first, d.id)


def test_a_files_tool_list_is_bounded_once_per_way_of_splitting_it(monkeypatch) -> None:
    """``score_bound`` is asked of up to 18 dialects a file; the tool list's bound depends on its names alone, so
    detection works it out once per way of splitting the list (``_split_key``) and header, not once per dialect; the
    winner and each bound stay what they were."""
    from agentconv.dialects import detection

    text = ("---\nname: scout\ndescription: Looks around\ntools: Read, Grep, Glob, Bash, mcp__github__search\n"
            "model: sonnet\n---\nBody.\n")
    path = ".claude/agents/scout.md"
    calls: list[object] = []
    real = detection._tools_bound
    monkeypatch.setattr(detection, "_tools_bound", lambda d, data: calls.append(d._split_key) or real(d, data))
    alone = [d.score_bound(path, frontmatter.parse(text, path).data, True) for d in registry.all_dialects()]
    asked = len(calls)
    splits = set(calls)
    assert asked > len(splits) >= 1  # more dialects than ways of splitting: what is shared
    calls.clear()
    best = api.detect_decoded(text, path, best_only=True)
    assert best.dialect == "claude"
    assert 1 <= len(calls) == len(set(calls)) <= len(splits)
    seen: dict[object, float] = {}
    data = frontmatter.parse(text, path).data
    assert [d.score_bound(path, data, True, seen) for d in registry.all_dialects()] == alone
