"""Issue 11 (CPU per file): work a migration did per source that is per folder or per run, and the side channel's JSON
made without the Python frames of ``JSONEncoder.encode``, each giving the same answer as before."""
from __future__ import annotations

import datetime
import json
import os

import pytest

from agentconv import api, jsontext
from agentconv.dialects.helpers import run_scope


def _plugin(root):
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "plugin.json").write_text('{"name": "p"}\n')
    (root / "agents").mkdir()
    for n in range(3):
        (root / "agents" / f"a{n}.md").write_text("---\ndescription: d\n---\n\nx\n")
    (root / "notes").mkdir()
    (root / "notes" / "n.md").write_text("x\n")
    return root


def test_the_plugin_walk_is_made_once_per_folder_in_a_run(tmp_path, monkeypatch):
    root = _plugin(tmp_path / "plug")
    looked: list[str] = []
    real = os.path.isfile
    monkeypatch.setattr(os.path, "isfile", lambda p: looked.append(p) or real(p))
    with run_scope():
        got = [api.plugin_component(str(root / "agents" / f"a{n}.md")) for n in range(3)]
    assert got == [("claude", "in agents/ beside a Claude Code plugin's .claude-plugin/plugin.json")] * 3
    assert len(looked) == 1  # one folder, one look (it was one a file)
    looked.clear()
    assert api.plugin_component(str(root / "notes" / "n.md")) is None
    assert api.plugin_component(str(root / "agents" / "a0.md")) is not None  # outside a run: looked up again
    assert len(looked) == 1
    other = tmp_path / ".cursor"  # a plugin copied to another tool's place: that tool's file, the walk or not
    (other / ".claude-plugin").mkdir(parents=True)
    (other / ".claude-plugin" / "plugin.json").write_text('{"name": "p"}\n')
    (other / "agents").mkdir()
    (other / "agents" / "a.md").write_text("---\ndescription: d\n---\n\nx\n")
    with run_scope():
        assert api.plugin_component(str(other / "agents" / "a.md")) is None


D: dict = {}
D["self"] = D
VALUES = [{"b": [1, 2.5, {"c": None}], "a": "é\u2028\x7f", "t": True}, {}, {1: 2, "a": 3}, {2: 1, 1: 2},
          {"d": datetime.date(2020, 1, 2)}, {"f": float("nan")}, {"f": float("inf")}, D, {"l": [D]}, [1, {"a": 2}],
          "text", 3]


@pytest.mark.parametrize("encoder", [json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str),
                                     json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")),
                                     json.JSONEncoder(), json.JSONEncoder(check_circular=False, sort_keys=True)])
def test_one_shot_encodes_as_encode_does(encoder):
    fast = jsontext.one_shot(encoder)
    for value in VALUES:
        if value is D and not encoder.check_circular or value == {"l": [D]} and not encoder.check_circular:
            continue  # (no circular check: Python's recursion limit, either way)
        try:
            want = encoder.encode(value)
        except Exception as exc:  # noqa: BLE001 - the same failure, the same message
            with pytest.raises(type(exc)) as got:
                fast(value)
            assert str(got.value) == str(exc)
        else:
            assert fast(value) == want
