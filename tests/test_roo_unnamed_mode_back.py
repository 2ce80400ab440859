"""A Roo mode with an empty slug and name (a generated catalogue's placeholder) converted to another dialect gets a
name made up there, which the side channel says was made; written back into Roo, the mode has no slug, and the side
channel's comment, which names the slug of its mode, stopped the write with a KeyError (an internal error, exit 70)."""
from __future__ import annotations

import pytest
from ruamel.yaml import YAML

import agentconv

MODE = "slug: ''\nname: ''\nroleDefinition: ''\ncustomInstructions: 'Follow the house style.'\ngroups:\n- read\n"
POLICY = agentconv.Policy(placed=True)


@pytest.mark.parametrize("target", ["claude", "copilot", "opencode"])
def test_an_unnamed_mode_comes_back_into_roo(target):
    [out] = agentconv.convert_all_text(MODE, target, from_="roo", path="agents/general/.yaml", policy=POLICY)
    back = agentconv.convert_text(out.text, "roo", from_=target, path=out.path, policy=POLICY).text
    [mode] = YAML(typ="safe", pure=True).load(back)["customModes"]
    assert mode["groups"] == ["read"] and "Follow the house style." in mode["roleDefinition"]
    assert "slug" not in mode  # the file had none to give back: none made up


def test_a_side_channel_beside_a_mode_without_slug_names_it_as_the_reader_looks_it_up():
    from agentconv.envelopes import roomodes

    class Out:  # what join reads of a written record
        layout, carry, mapping = None, {"v": 1, "fields": {}}, {"groups": ["read"]}

    text = roomodes.join([Out()])
    assert '"slug":null' in text and YAML(typ="safe", pure=True).load(text)["customModes"] == [{"groups": ["read"]}]
