"""What the writers of both formats share: one output file (``Output``), a record written by its dialect at a
place of the package, the manifest, and the files copied as they are."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import AgentconvError, problem
from ..loss import LossCode, LossReport, Policy
from .model import Member, Package, loss, table


@dataclass
class Output:
    """One file a package write produces: its bytes, the source it comes from, and the report for it."""

    data: bytes
    source: str
    """The package-relative path of the source (``""``: the package itself)."""
    report: LossReport
    dialect: str | None = None


BESIDE = "skill"
"""The dialect of a skill's file written beside it (``user_only_beside``), one the package's own file at that place is
written from, not copied as well (``copy_files``)."""


def dump(value: Any) -> bytes:
    from ..jsontext import dumps

    return (dumps(value, indent=2) + "\n").encode("utf-8")


def write_record(pkg: Package, member: Member, dialect: str, policy: Policy, place, out: dict[str, Output],
                 failed: list) -> None:
    from .. import api

    report = LossReport(list(member.report.items), member.report.source, None, member.report.file)
    try:
        results = api.write_all(member.doc, dialect, report=report, policy=policy)
    except AgentconvError as exc:
        exc.file = exc.file or member.report.file
        failed.append((member.source, exc, getattr(exc, "report", None) or report))
        return
    for r in results:
        rel = place(r.path or f"{r.name}.md")
        if rel in out:
            failed.append((member.source, problem("package-files-become-one", first=out[rel].source,
                                                  second=member.source, rel=rel), r.report))
            continue
        out[rel] = Output(r.text.encode("utf-8"), member.source, r.report, dialect)


def user_only_beside(pkg: Package, member: Member, targets: list[str], out: dict[str, Output]) -> None:
    """A skill only the user runs, for a client that reads that from a file beside its SKILL.md and loads the
    package's skills (Codex: agents/openai.yaml, ``routing.user_only_file``): that file written beside it, the
    package's own such file with the policy set (its other keys kept), or as it was where it cannot be (said)."""
    import posixpath

    from .. import registry
    from ..routing import user_only_file

    ap = table()["agent-plugins"]
    asked = next((c["agents"] for cid, c in ap["clients"].items() if cid in targets and "skills" in
                  c.get("loads", ("skills",)) and registry.get(c["agents"]).table.get("route", {}).get("user_only_file")),
                 None)
    skill = next((rel for rel, o in out.items() if o.source == member.source and rel.endswith("/SKILL.md")), None)
    if asked is None or skill is None:
        return
    inner = registry.get(asked).table["route"]["user_only_file"]
    own = posixpath.join(posixpath.dirname(member.source), inner)
    data = user_only_file(asked, out[skill].data.decode("utf-8"), member.doc.agent, pkg.files.get(own),
                          out[skill].report)
    if data is not None:  # the package's own file, if any, is this one (copy_files leaves it)
        out[posixpath.join(posixpath.dirname(skill), inner)] = Output(
            data, own, LossReport(source=pkg.fmt, target=out[skill].report.target, file=pkg.sources.get(own)), BESIDE)


def strip_home(path: str) -> str:
    first, _, rest = path.partition("/")
    return rest if first.startswith(".") and rest else path


def manifest_out(pkg: Package, mapping: dict[str, Any], fmt: str) -> Output:
    report = pkg.report
    report.target = fmt
    return Output(dump(mapping), "", report, fmt)


def copy_files(pkg: Package, out: dict[str, Output], failed: list, reserved: dict[str, str]) -> None:
    """Every other file of the package, copied as it is; a skill's files follow its ``SKILL.md`` when the skill is
    written in another folder (a name its format does not allow, renamed); one whose place the target format gives a
    meaning of its own (``reserved``: path -> why) or that another output already takes is not written, and
    reported."""
    beside = {o.source for o in out.values() if o.dialect == BESIDE}
    moved = {o.source.rpartition("/")[0]: rel.rpartition("/")[0] for rel, o in out.items()
             if rel.endswith("/SKILL.md") and o.source.endswith("/SKILL.md") and o.source != rel}
    for rel, data in sorted(pkg.files.items()):
        report = LossReport(source=pkg.fmt, file=pkg.sources.get(rel))
        folder = next((d for d in moved if rel.startswith(d + "/")), None)
        dest = moved[folder] + rel[len(folder):] if folder is not None else rel
        if dest in out and out[dest].source == rel and rel in beside:
            continue  # written from it already (a skill's agents/openai.yaml: user_only_beside)
        if reserved.get(dest) or dest in out:
            if reserved.get(dest):
                loss(report, LossCode.COMPONENT_DROPPED, "", component=rel, why=reserved[dest])
            elif out[dest].source:
                loss(report, LossCode.COMPONENT_DROPPED, "", variant="written-there", component=rel,
                     source=out[dest].source)
            else:
                loss(report, LossCode.COMPONENT_DROPPED, "", variant="manifest-there", component=rel)
            failed.append((rel, None, report))
            continue
        if dest == rel:
            loss(report, LossCode.FILE_COPIED, "", rel=rel)
        else:
            loss(report, LossCode.FILE_COPIED, "", variant="to-skill", rel=rel, dest=dest)
        out[dest] = Output(data, rel, report, None)


def elsewhere(pkg: Package, fmt: str, failed: list) -> None:
    """What a package written in ``fmt`` loses of one read in another format: ``Package.elsewhere`` in the
    manifest's report, a Gemini CLI hooks file as a row of its own (not written)."""
    if pkg.fmt == fmt:
        return
    for code, path, params in pkg.elsewhere:
        loss(pkg.report, code, path, **params)
    if pkg.gemini_hooks is not None:
        report = LossReport(source=pkg.fmt, target=fmt, file=pkg.sources.get(pkg.gemini_hooks[0]))
        loss(report, LossCode.COMPONENT_DROPPED, "hooks", variant="gemini-hooks")
        failed.append((pkg.gemini_hooks[0], None, report))


def hook_files(pkg: Package, own: dict[str, Any]) -> list[tuple[str, str, bytes]]:
    """Claude Code's hooks files of the package at the places a Claude Code plugin holds them, as (place, the
    package-relative path it was read from, bytes): where they were read in a plugin that keeps its manifest's places
    (``own``); else the first at hooks/hooks.json when no file is there (the place Claude Code reads without a key),
    each other one at its own path, for the manifest's ``hooks`` to name."""
    default = table()["claude-plugin"]["hooks"]
    out = [(rel, rel, data) for rel, data in pkg.hooks]
    if "hooks" not in own and out and all(rel != default for rel, _ in pkg.hooks):
        out[0] = (default, out[0][1], out[0][2])
    return out
