"""Records as the unit: an envelope cuts a file into raw records and joins them back (layout and side channel per
record); a dialect reads and writes one record; a dialect with many records per file overrides neither."""
from __future__ import annotations

import ast
from pathlib import Path

import agentconv
from agentconv import registry
from agentconv.dialects.base import Dialect
from agentconv.envelopes import records, roomodes
from agentconv.ir import Agent, Document
from agentconv.loss import LossReport

TWO = ("customModes:\n"
       "  - slug: planner\n    name: Planner\n    roleDefinition: Plan.\n    groups:\n      - read\n"
       '  # agentconv-carry: {"v":1,"from":"claude","digest":"x","fields":{"model":"sonnet"},"slug":"coder"}\n'
       "  - slug: coder\n    name: Coder\n    roleDefinition: Code.\n    groups:\n      - edit\n"
       "extra: 1\n")


def test_the_roo_envelope_splits_a_file_into_modes_each_with_its_own_side_channel_and_line():
    split = roomodes.split(TWO, ".roomodes")
    assert [r.data["slug"] for r in split.records] == ["planner", "coder"]
    assert [r.body_line for r in split.records] == [2, 8]
    assert split.records[0].carry is None
    assert split.records[1].carry["fields"] == {"model": "sonnet"} and split.records[1].carry_line == 7
    assert [(n.code.value, n.severity.value, n.message, n.line) for n in split.notes] == [
        ("field-dropped", "warning", "top-level 'extra' not read: Roo reads only 'customModes'", 13)]


def test_the_roo_envelope_joins_unchanged_modes_as_they_came_and_changed_ones_fresh_with_their_side_channel():
    split = roomodes.split(TWO, ".roomodes")
    outs = [records.Out(dict(r.data), "", r.layout) for r in split.records]
    assert roomodes.join(outs) == TWO
    assert roomodes.as_written([r.layout for r in split.records]) == TWO
    assert roomodes.as_written([split.records[1].layout, split.records[0].layout]) is None  # not in file order
    outs[0].mapping["roleDefinition"] = "Plan well."
    outs[0].carry = {"v": 1, "fields": {"model": "opus"}}
    assert roomodes.join(outs) == (
        "customModes:\n"
        '  # agentconv-carry: {"v":1,"fields":{"model":"opus"},"slug":"planner"}\n'
        "  - slug: planner\n    name: Planner\n    roleDefinition: Plan well.\n    groups:\n      - read\n"
        "  - slug: coder\n    name: Coder\n    roleDefinition: Code.\n    groups:\n      - edit\n")


def test_no_dialect_reads_or_writes_a_whole_file_itself():
    """A dialect reads and writes one record (read_record / write_record): the envelope makes the file, even for Roo's
    many modes in one file and JSON's missing side channel."""
    assert [d.id for d in registry.all_dialects() if records.many(d.envelope)] == ["opencode-json", "roo"]
    for d in registry.all_dialects():
        assert type(d).read is Dialect.read and type(d).write is Dialect.write, d.id


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module that are not docstrings (of a module, class, function or attribute)."""
    tree = ast.parse(path.read_text("utf-8"))
    docs = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs]


def test_the_side_channel_syntax_lives_in_the_envelopes_alone():
    src = Path(agentconv.__file__).parent
    outside = [str(p.relative_to(src)) for p in sorted(src.rglob("*.py")) if "envelopes" not in p.parts
               and any(records.MARK in s or "<!--" in s and "carry" in s for s in _code_strings(p))]
    assert outside == []
    assert records.MARK == "agentconv-carry"


def test_reading_gives_one_record_per_mode_with_its_place_and_writing_them_back_gives_the_file():
    doc, report = agentconv.read_text(TWO, "roo", path=".roomodes")
    assert [(a.name, a.origin.line) for a in doc.records] == [("planner", 2), ("coder", 8)]
    assert agentconv.write(doc, "roo") == TWO
    assert [i.message for i in report if i.line == 13] == ["top-level 'extra' not read: Roo reads only 'customModes'"]


def test_two_records_of_one_name_in_one_file_the_second_is_renamed_and_said():
    doc = Document([Agent(name="helper", prompt="One."), Agent(name="helper", prompt="Two.")])
    report = LossReport()
    text = agentconv.write(doc, "roo", report=report)
    assert [a.name for a in agentconv.read_text(text, "roo", carry=False)[0].records] == ["helper", "helper-2"]
    assert [a.name for a in agentconv.read_text(text, "roo")[0].records] == ["helper", "helper"]  # carried back
    assert [i.message for i in report if i.code.value == "name-conflict"] == [
        "name 'helper' names two modes: the second is written as 'helper-2'"]


def test_a_roo_mode_is_read_by_the_table_and_a_key_of_another_tool_stays_roo_s():
    """roo.toml [fields] maps the keys (no read_record of Roo's own); ``model`` in a mode is a key Roo ignores, never
    a model the mode would run (``foreign_keys = false``), and is said."""
    assert "read_record" not in vars(type(registry.get("roo")))
    text = "customModes:\n  - slug: a\n    name: A mode\n    roleDefinition: Do.\n    whenToUse: When.\n" \
           "    groups: [read]\n    model: opus\n"
    doc, report = agentconv.read_text(text, "roo", path=".roomodes")
    a = doc.agent
    assert (a.name, a.display_name, a.description, a.prompt, a.model) == ("a", "A mode", "When.", "Do.", None)
    assert a.extensions == {"roo": {"model": "opus"}}
    assert [(i.line, i.message) for i in report if i.path == "extensions.roo.model"] == [
        (2, "'model' is not a Roo mode field (Roo ignores it): kept for roo")]
    assert agentconv.write(doc, "roo") == text


def test_a_merged_file_keeps_each_sources_losses_with_that_source(tmp_path):
    """Several agents written as one .roomodes: each source's record carries its own items (which agent lost
    WebFetch, which NotebookEdit), named by that source, not all of them on the first source named by the output."""
    from agentconv.batch import convert_many

    agents = tmp_path / "in" / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "a.md").write_text("---\nname: a\ndescription: A\ntools: Read, WebFetch\n---\nbody a\n")
    (agents / "b.md").write_text("---\nname: b\ndescription: B\ntools: Read, Edit, NotebookEdit\n---\nbody b\n")
    res = {Path(r.source).name: r for r in convert_many([tmp_path / "in"], "roo", tmp_path / "out", from_="claude")}
    assert {n: r.status for n, r in res.items()} == {"a.md": "converted", "b.md": "converted"}
    for name, lost, other in (("a.md", "WebFetch", "NotebookEdit"), ("b.md", "NotebookEdit", "WebFetch")):
        msgs = [i.message for i in res[name].report.items if i.code.value == "tool-unmapped"]
        assert any(lost in m for m in msgs) and not any(other in m for m in msgs), (name, msgs)
        assert {i.file for i in res[name].report.items if i.target == "roo"} == {str(agents / name)}
