"""The side channel's cheap test of a carried tool policy (``toolpolicy.plainly_within`` on a header's
``allowed_names``) gives the full test's answer (``carry.refusal`` against ``visible_tools``) wherever it answers:
random headers and carried policies, every dialect that reads its header's tools itself, many seeds."""
from __future__ import annotations

import random

from agentconv import carry, registry
from agentconv.dialects.base import Dialect
from agentconv.dialects.toolpolicy import plainly_within
from agentconv.ir import ALLOWLIST, DENYLIST, INHERIT, NONE, Agent

EXTRA = ["*", "Bash(git *)", "Read(src/**)", "mcp__srv__a", "mcp__srv__*", "srv/*", "srv/a", "Agent(a, b)", "Nope",
         "", " ", "git diff:*", "serena_read_file", "github/*"]
CANON = [None, "read", "edit", "write", "bash", "webfetch", "websearch", "todo", "agent", "grep", "glob", "list",
         "mcp:srv/a", "mcp:srv/*", "mcp:github/*", "mcp:other/b", "patch", "skill"]


def _vocabulary(d: Dialect) -> list[str]:
    return sorted(d.crosswalk.valid)[:80] + EXTRA


def _header(rng: random.Random, d: Dialect, names: list[str]) -> dict:
    plain = rng.random() < 0.5  # the usual shape: known names only
    pool = names[:-len(EXTRA)] if plain and len(names) > len(EXTRA) else names
    picked = rng.sample(pool, rng.randint(0, min(6, len(pool))))
    if d.id.startswith("opencode"):
        perm: dict = {}
        if rng.random() < 0.9:
            perm["*"] = "deny" if plain else rng.choice(["deny", "deny", "allow", "ask"])
        for n in picked:
            perm[n] = "allow" if plain else rng.choice(["allow"] * 3 + ["ask", "deny", {"*": "deny", "git *": "allow"},
                                                                 True])
        if rng.random() < 0.2:
            perm[rng.choice(["external_directory", "doom_loop"])] = rng.choice(["ask", "allow"])
        header = {"permission": perm} if rng.random() < 0.95 else {"permission": "deny"}
        if rng.random() < 0.1:
            header["tools"] = {n: rng.random() < 0.5 for n in picked} if rng.random() < 0.7 else picked
        return header
    keys = d.tool_fields
    header = {}
    if "tools" in keys and rng.random() < 0.95:
        shape = rng.random()
        header[keys["tools"]] = ", ".join(picked) if shape < 0.3 else picked if shape < 0.9 else \
            rng.choice([None, {n: True for n in picked}, 3])
    if "tools.deny" in keys and rng.random() < 0.2:
        header[keys["tools.deny"]] = rng.sample(names, rng.randint(0, 2)) if rng.random() < 0.8 else None
    return header


def _carried(rng: random.Random, d: Dialect, header: dict) -> dict:
    seen = [g for g in d.visible_tools(header).grants if rng.random() < 0.8]
    grants = [{"raw": g.raw, "canonical": g.canonical, "decision": g.decision, "pattern": g.pattern} for g in seen]
    for _ in range(rng.randint(0, 3) if rng.random() < 0.5 else 0):
        grants.append({"raw": rng.choice(["X", "Bash(git *)", "mcp__srv__a"]), "canonical": rng.choice(CANON),
                       "decision": rng.choice(["allow", "allow", "ask", "deny"]),
                       "pattern": None if rng.random() < 0.85 else rng.choice(["git *", "*"])})
    rng.shuffle(grants)
    mode = ALLOWLIST if rng.random() < 0.85 else rng.choice([NONE, DENYLIST, INHERIT])
    carried = {"mode": mode, "grants": grants}
    if rng.random() < 0.03:
        carried["grants"] = [{**grants[0], "extra": 1}] if grants else [{"raw": 3}]
    return carried


def test_the_cheap_test_says_within_only_where_the_full_test_does() -> None:
    told = refused = 0
    dialects = [d for d in registry.all_dialects() if type(d).visible_tools is Dialect.visible_tools]
    assert {"copilot", "opencode", "gemini", "claude"} <= {d.id for d in dialects}
    for d in dialects:
        names = _vocabulary(d)
        for seed in range(500):
            rng = random.Random(f"{d.id}:{seed}")
            header = _header(rng, d, names)
            carried = _carried(rng, d, header)
            full = carry.refusal("tools", carried, Agent(), d.visible_tools(header)) is None
            listed = d.allowed_names(header)
            fast = listed is not None and plainly_within(d, carried, listed)
            assert not fast or full, (d.id, header, carried)
            told += fast
            refused += not full
    assert told > 700 and refused > 1000  # both answers asked about, many times
