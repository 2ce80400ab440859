"""Property tests: random IR records survive write -> read in every dialect up to what the loss report says,
and the YAML emitter writes exactly the values it is given."""
from __future__ import annotations

import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import agentconv
from agentconv.diff import differences
from agentconv.envelopes.yamlio import dump_field
from agentconv.errors import BroadenError
from agentconv.ir import Agent, Document, Grant, ToolPolicy
from agentconv.loss import LossReport
from agentconv.models import parse
from agentconv.tools import vocabulary

from yamlcheck import _C, _PURE, header

DIALECTS = ["claude", "copilot", "opencode", "marketplace", "markdown"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Latin-1 letters and Windows-1252 punctuation can look like mojibake to the reader's repair (text.py), which
# is reported (text-repaired, with an empty IR path); they are left out here so that other losses surface.
_CP1252 = set(bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore"))
printable = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp")).filter(
    lambda c: c not in _CP1252 and not 0x80 <= ord(c) <= 0x2FF)
text_with_newlines = st.lists(st.one_of(st.text(printable, min_size=1, max_size=8),
                                        st.sampled_from(["\n", ": ", " #", "'", '"', " ", "#"])),
                              min_size=1, max_size=10).map("".join)
names = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
mcp_part = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=8).filter(
    lambda s: s[0] != "-" and s[-1] != "-")


@st.composite
def tool_policies(draw):
    mode = draw(st.sampled_from(["inherit", "allowlist", "none"]))
    if mode != "allowlist":
        return ToolPolicy(mode)
    canon = draw(st.lists(st.sampled_from(sorted(vocabulary())), min_size=1, max_size=5, unique=True))
    mcp = draw(st.lists(st.tuples(mcp_part, st.one_of(st.just("*"), mcp_part)), max_size=2, unique=True))
    grants = [Grant(f"x-{c}", c) for c in canon] + [Grant(f"mcp__{s}__{t}", f"mcp:{s}/{t}") for s, t in mcp]
    return ToolPolicy("allowlist", grants)


MODELS = [None] + [parse(raw) for raw in ("sonnet", "opus", "haiku", "anthropic/claude-sonnet-4-5", "GPT-5.4 (copilot)",
                                          "claude-sonnet-4-20250514", "gemini-2.5-pro", "gpt-5.3-codex")]


@st.composite
def agents(draw):
    meta = draw(st.dictionaries(st.sampled_from(["version", "category", "avatar", "tags"]),
                                st.one_of(text_with_newlines, st.lists(names, min_size=1, max_size=3)), max_size=3))
    return Agent(
        name=draw(names),
        description=draw(text_with_newlines),
        # leading blank lines after a header are layout, not prompt (ir.Agent.prompt): start with text
        prompt="You " + draw(st.text(st.one_of(printable, st.just("\n")), max_size=80)) + "\n",
        model=draw(st.sampled_from(MODELS)),
        tools=draw(tool_policies()),
        metadata=meta,
    )


def _covered(diff: str, paths: set[str]) -> bool:
    return any(diff == p or diff.startswith(p + ".") for p in paths)


@SETTINGS
@given(agent=agents(), dialect=st.sampled_from(DIALECTS))
def test_write_read_is_lossless_up_to_the_report(agent, dialect):
    doc = Document([agent])
    report = LossReport()
    try:
        text = agentconv.write(doc, dialect, report=report)
    except BroadenError:
        return  # refusing to widen is the documented answer for some allowlists
    if dialect != "markdown":
        data = header(text)  # strict YAML, C and pure loaders agree
        assert data.get("description") == agent.description
        if dialect == "claude":
            assert data["name"] == agent.name
        if dialect == "marketplace":
            assert data["id"] == agent.name
    back, _ = agentconv.read_text(text, dialect)
    # fields the reader inferred (Agent.derived) were not read, so they are not losses
    uncovered = [d for d in differences(doc, back) if not _covered(d, report.paths()) and d not in back.agent.derived]
    assert uncovered == [], f"{dialect}: {uncovered} differ without a loss item; report paths {report.paths()}"


scalars = st.one_of(st.lists(st.one_of(st.text(printable, max_size=6), st.sampled_from(["\n", "\t", " ", ": ", "#"])),
                             max_size=8).map("".join),
                    st.integers(min_value=-(2**63), max_value=2**63), st.booleans())
values = st.one_of(scalars, st.lists(st.text(printable), max_size=4))
keys = st.text(st.characters(whitelist_categories=("Ll", "Lu", "Nd"), whitelist_characters="-_"), min_size=1,
               max_size=12)


@settings(max_examples=300, deadline=None)
@given(key=keys, value=values)
@example(key="0", value=["+_"])  # found by hypothesis (2026-11-27): ruamel resolves [-+]?[0-9_]+ as an int
@example(key="k", value="_")
@example(key="k", value=["-1_0", "__"])
def test_dump_field_loads_back_equal(key, value):
    text = dump_field(key, value)
    assert text.endswith("\n")
    assert _PURE.load(text) == {key: value}
    assert _C.load(text) == {key: value}


_GLOB_PART = st.sampled_from(["a", "b", "/", ".", "*", "**", "**/", "?", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_GLOB_PART, min_size=1, max_size=7).map("".join), st.lists(st.text("ab/.x", max_size=9), max_size=30))
def test_a_path_a_glob_matches_holds_its_word(glob, paths) -> None:
    """Detection asks a dialect's place regex only where the path holds one of its globs' words (``glob_word``): a
    path the regex matches always holds the word (else a file at its place would lose the place's evidence)."""
    import re

    from agentconv.dialects.helpers import glob_source, glob_word

    regex, word = re.compile(glob_source(glob)), glob_word(glob)
    for path in paths:
        assert not regex.match(path) or word in path, (glob, path, word)
