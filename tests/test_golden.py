"""Golden fixtures: every case under fixtures/cases, every target dialect, every file compared whole.

Run ``pytest tests/test_golden.py --regen`` (or ``make regen``) to rewrite them; then read the diff.
"""
from __future__ import annotations

import pytest

from casesupport import CASES, EXPECTED_PREFIXES, cases, expected_files

CASE_LIST = cases()


def test_there_are_cases():
    ids = {c.id for c in CASE_LIST}
    assert {"opencode/seed-000", "claude/seed-001", "marketplace/seed-002", "copilot/seed-003",
            "claude/seed-004"} <= ids
    assert len(ids) >= 13


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c.id)
def test_golden(case, regen):
    produced = expected_files(case)
    on_disk = {p.name: p for p in case.dir.iterdir() if p.is_file() and p.name.startswith(EXPECTED_PREFIXES)}
    if regen:
        for name, path in on_disk.items():
            if name not in produced:
                path.unlink()
        for name, text in produced.items():
            (case.dir / name).write_bytes(text.encode("utf-8"))
        return
    assert sorted(on_disk) == sorted(produced), f"golden file set of {case.id} differs (run with --regen)"
    for name, text in produced.items():
        expected = on_disk[name].read_bytes().decode("utf-8")
        assert text == expected, f"{case.id}/{name} differs from the golden file (run with --regen)"
