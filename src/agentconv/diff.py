"""Semantic differences between records, and the round-trip check (deepdiff, imported only here)."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import registry, rx
from .ir import Document
from .loss import LossCode, LossReport, Policy

_KEY = rx.compile(r"\['([^']*)'\]|\[(\d+)\]")


def differences(a: Document, b: Document) -> list[str]:
    """IR paths (``tools``, ``metadata.avatar``, ``extensions.claude.color``) where two documents differ."""
    from deepdiff import DeepDiff

    out: set[str] = set()
    for ra, rb in zip(a.records, b.records):
        dd = DeepDiff(ra.semantic(), rb.semantic(), ignore_order=False, view="tree")
        for level in dd.values():
            for item in level:
                keys = [k1 or k2 for k1, k2 in _KEY.findall(item.path())]
                out.add(_ir_path(keys))
    if len(a.records) != len(b.records):
        out.add("records")
    return sorted(out)


def _ir_path(keys: list[str]) -> str:
    if not keys:
        return ""
    head = keys[0]
    if head in ("params", "metadata") and len(keys) > 1:
        return f"{head}.{keys[1]}"
    if head == "extensions" and len(keys) > 2:
        return f"extensions.{keys[1]}.{keys[2]}"
    if head == "extensions" and len(keys) == 2:
        return f"extensions.{keys[1]}"
    return head


@dataclass
class RoundTrip:
    """A -> B -> A: the differences, and whether each one is covered by a reported loss."""

    via: str
    differences: list[str]
    uncovered: list[str]
    report: LossReport = field(default_factory=LossReport)


def roundtrip(doc: Document, via: str, *, policy: Policy = Policy(allow_broaden=True)) -> RoundTrip:
    """Write ``doc`` in ``via``, read it back, write in the origin dialect, read again; compare IRs."""
    from . import api

    source = doc.agent.origin.dialect if doc.agent.origin else via
    path = doc.agent.origin.path if doc.agent.origin else None
    if not registry.get(source).table.get("writes", True):  # read only (OpenCode's config): back to the dialect
        source, path = registry.get(source).table["readers"][doc.agent.kind], None  # that reads such a record
    report = LossReport()
    middle = api.write(doc, via, policy=policy, report=report)
    back_doc, back = api.read_text(middle, via, report=LossReport(), carry=policy.carry)
    report.items += [i for i in back if i.code == LossCode.CARRY_REFUSED]  # a loss of the way back, reported there
    final_text = api.write(back_doc, source, policy=policy, report=report)
    final, _ = api.read_text(final_text, source, path=path)
    diffs = differences(doc, final)
    covered = report.paths()
    uncovered = [d for d in diffs if not any(d == p or d.startswith(p + ".") or p.startswith(d + ".") for p in covered if p)]
    return RoundTrip(via, diffs, uncovered, report)
