"""Mutation fuzzing in `make test`: fixtures (inputs and golden outputs) mutated by bytes, lines and keys, read as
the CLI reads them and written in several dialects. Nothing may raise but an AgentconvError, and every output must
be valid in its own format (tests/fuzzcheck.py says what that means). The long run is bench/fuzz.py."""
from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fuzzcheck as fc

SEEDS = fc.seeds()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(seed=st.sampled_from(SEEDS), rnd=st.integers(0, 2**32 - 1), count=st.integers(1, 6),
       targets=st.lists(st.sampled_from(fc.DIALECTS), min_size=1, max_size=4, unique=True))
def test_mutated_fixtures_never_crash_and_every_output_is_valid(seed, rnd, count, targets):
    rel, data = seed
    mutated = fc.mutate(random.Random(rnd), data, count)
    assert fc.run_one(mutated, rel, targets) == []


def test_seeds_cover_every_dialect_and_all_outputs_are_valid():
    """The unmutated seeds themselves: every fixture written in every dialect is valid (and the seeds hold every
    dialect's own files, so each reader is fuzzed)."""
    import agentconv

    assert {agentconv.detect_text(data, path=rel).dialect for rel, data in SEEDS} >= set(fc.DIALECTS)
    for rel, data in SEEDS[::7]:
        assert fc.run_one(data, rel) == [], rel


def test_the_checker_finds_what_it_looks_for():
    """fuzzcheck.problems must not pass everything: each kind of invalid output is caught."""
    assert fc.problems("claude", "---\nname: a\nname: b\n---\n")  # duplicate key
    assert fc.problems("claude", "---\ndescription: \"a\x7fb\"\n---\n")  # raw DEL
    assert fc.problems("claude", "---\ndescription: a\u2028b\n---\n")  # raw line separator
    assert fc.problems("claude", '---\n# agentconv-carry: {"v":1,\n---\n')  # carry not JSON
    assert fc.problems("kiro", '{"temperature": NaN}\n')
    assert fc.problems("kiro", '{"d": "\ud800"}\n')  # not encodable
    assert fc.problems("kiro", '{"d": 1, "d": 2}\n')
    assert fc.problems("gemini-command", 'prompt = ""\nprompt = ""\n')
    assert fc.problems("markdown", '# T\n\nx\n<!-- agentconv-carry: {"v": Infinity} -->\n')
    assert fc.problems("roo", "customModes:\n  - slug: a\n    slug: b\n")
    assert fc.problems("claude", "---\ntools: [a,\n---\n")
    assert fc.problems("claude", "---\nname: a\n---\nbody\n") == []
    # Roo parses a file after its clean-up: an NBSP before a list item is a space to it (fuzz seed 1127 found this)
    assert fc.problems("roo", "customModes:\n \xa0- slug: a\n    name: A\n    roleDefinition: r\n    groups: []\n") == []
    assert fc.problems("roo", "customModes:\n \xa0- slug: a\n   name: A\n") != []
    # one its clean-up breaks (a smart quote inside "..."): Roo loads none of it; given back as written, YAML as such
    assert fc.problems("roo", 'customModes:\n  - slug: a\n    name: "a\u201cb"\n') == []


def test_an_empty_json_agent_file_is_no_agent():
    """Kiro parses an agent file as JSON: an empty one loads nothing. It was read as an agent with no fields, and
    converted to itself gave back the empty file, no JSON (fuzz seed 1127); now it fails to read, one line."""
    import pytest

    import agentconv
    from agentconv.errors import ParseError

    for text in ("", " \n\t\n"):
        with pytest.raises(ParseError, match="empty, not a JSON object") as err:
            agentconv.read_text(text, path=".kiro/agents/e.json")
        assert err.value.file == ".kiro/agents/e.json" and err.value.line == 1
    assert fc.run_one(b"", ".kiro/agents/e.json") == []
