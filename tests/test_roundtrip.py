"""The round-trip invariant over every fixture and every target, and same-dialect byte identity."""
from __future__ import annotations

import pytest

import agentconv
from agentconv import registry
from agentconv.diff import roundtrip
from agentconv.ir import Document

from casesupport import REWRITTEN, TARGETS, cases

CASE_LIST = cases()
# Reading reports these when the file is not in its dialect's strict form (mojibake, lenient YAML, a comma
# string or a foreign spelling that is normalised): such files are rewritten, not copied.
REPAIR_CODES = {"text-repaired", "text-ambiguous", "yaml-lenient"}


@pytest.mark.parametrize("via", TARGETS)
@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c.id)
def test_every_difference_is_reported(case, via):
    doc, _ = case.read()
    # a multi-record source (Roo's .roomodes) becomes one file per record in a one-record dialect: each goes round
    # on its own; a target that keeps many records in one file takes the whole Document
    parts = [doc] if len(doc.records) == 1 or registry.get(via).table.get("multi") else \
        [Document([rec], doc.ir_version) for rec in doc.records]
    for part in parts:
        rt = roundtrip(part, via)
        assert rt.uncovered == [], \
            f"{case.id} via {via}: differences {rt.differences}, reported {sorted(rt.report.paths())}"


def _needs_repair(case) -> bool:
    _, report = case.read()
    return bool({i.code.value for i in report} & REPAIR_CODES) or case.input.read_bytes().startswith(b"\xef\xbb\xbf")


SAME = [c for c in CASE_LIST if not _needs_repair(c) and c.id not in REWRITTEN]


def test_repair_cases_are_the_expected_ones():
    assert {c.id for c in CASE_LIST} - {c.id for c in SAME} == {
        "marketplace/seed-002", "claude/seed-004", "claude/crlf-bom", "claude/wizard-examples", *REWRITTEN}  # a coerced value is kept as written


@pytest.mark.parametrize("case", SAME, ids=lambda c: c.id)
def test_same_dialect_is_byte_identical(case):
    result = agentconv.convert(case.input, to=case.source, path=case.rel)
    assert result.text.encode("utf-8") == case.input.read_bytes()


def test_bom_and_crlf_are_kept_in_the_same_dialect():
    case = next(c for c in CASE_LIST if c.id == "claude/crlf-bom")
    result = agentconv.convert(case.input, to="claude", path=case.rel)
    assert result.text.encode("utf-8") == case.input.read_bytes()
    other = agentconv.convert(case.input, to="copilot", path=case.rel)
    assert "\r" not in other.text and not other.text.startswith("\ufeff")
    assert "layout-normalized" in {i.code.value for i in other.report}
