"""The YAML emitter's fast paths (one-line strings, remembered plain checks) write exactly what its general path
writes with the plain check made afresh each time, for thousands of awkward keys and values, and read back."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings, strategies as st

from agentconv.envelopes import yamlio

PIECES = ["", " ", "a", "x: y", "#", " #c", "a#b", "'", '"', ":", "-", "- a", "? q", "true", "True", "yes", "on",
          "No", "~", "null", "1", "0o7", "1_000", "1e3", ".5", "+1", "0x1F", "12:30", "2026-11-26", "é", "日本",
          "\t", "\u2028", "\x7f", "\x85", "\x00", "a\nb", "\n", "trailing ", " leading", "key:", "@x", "`x", "%x",
          "!x", "&a", "*a", "|", ">", "[a]", "{a}", ",", "\\", "😀", "\ufeff", "\u00a0", "\r", ".inf", "=", "<<",
          "y", "Read", "edit/createFile", "mcp__srv__tool", "Bash(git *)", "claude-sonnet-4-5"]
STRINGS = sorted({a + b for a, b in itertools.product(PIECES, repeat=2)}
                 | {a + b + c for a, b, c in itertools.product(PIECES[:24], repeat=3)}
                 | {"k" * 63, "k" * 64, "k" * 65, "x: " + "y" * 80, "z" * 1100})
KEYS = ["name", "description", "tools", "x: y", "on", "1", "#k", "k" * 64, "k" * 65, "k" * 1100, "é", "a b"]


def reference(key: object, value: object) -> str:
    """The general path, every plain check made afresh (the emitter before its fast paths)."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(yamlio, "_plain", yamlio.plain_ok)
        m.setattr(yamlio, "_short", yamlio._short.__wrapped__)
        return yamlio._node(yamlio._prefix(key, 0), value, 0)


def test_strings_as_the_general_path_writes_them() -> None:
    assert len(STRINGS) > 5000
    for i, s in enumerate(STRINGS):
        key = KEYS[i % len(KEYS)]
        want = reference(key, s)
        assert yamlio.dump_field(key, s) == want, (key, s)
        assert yamlio.dump_field(key, s) == want, (key, s)  # remembered: the same again
        assert yamlio.dump_field(s, key) == reference(s, key), (s, key)
        if yamlio.jsontext.UNSAFE.search(s) is None and "\ufeff" not in s:
            assert yamlio.load(want) == {key: s}, (key, s)


def test_other_values_as_the_general_path_writes_them() -> None:
    values: list[object] = [None, True, False, 0, 1, -7, 1.5, float("inf"), [], {}, STRINGS[:40],
                            {s: s for s in STRINGS[:40]}, [{"a": s} for s in STRINGS[:10]], [[1, "on"], ["x: y"]]]
    for key, value in itertools.product(KEYS, values):
        assert yamlio.dump_field(key, value) == reference(key, value), (key, value)
    for i in range(0, len(STRINGS), 37):  # lists and maps of every string, in runs
        run = STRINGS[i:i + 37 - i % 5]
        for value in (run, run[:1], {s: s[::-1] for s in run}, {s[:3]: s for s in run[:1]}, [*run[:3], 1]):
            key = KEYS[i % len(KEYS)]
            assert yamlio.dump_field(key, value) == reference(key, value), (key, value)
            assert yamlio.dump_field(key, value) == reference(key, value), (key, value)


def test_remembered_plain_check_is_the_check() -> None:
    for s in STRINGS:
        assert yamlio._plain(s) is yamlio.plain_ok(s), s
        assert yamlio.scalar(s) == (s if yamlio.plain_ok(s) else yamlio._quoted(s)), s


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=70), st.text(min_size=1, max_size=12))
def test_any_text(value: str, key: str) -> None:
    assert yamlio.dump_field(key, value) == reference(key, value)
