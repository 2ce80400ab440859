"""The per-client extension folders of an Agent Plugins package (``com.github.copilot/``, ``com.openai.codex/``
...): each client's agents and commands, written and read by that client's own dialects at the place the client
reads them (``packages.toml [agent-plugins.clients]``), so tools and models are mapped and never widened."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..loss import LossCode, Policy
from .model import Member, Package, add_member, clients, loss, table
from .writing import Output, strip_home, write_record


def read_members(pkg: Package, all_files: dict[str, Path], taken: set[str], carry: bool) -> None:
    """Every client's agents and commands among ``all_files`` (package-relative path -> path) as members, each
    added to ``taken``; the same record for several clients is read once, from the first client."""
    from ..naming import slugify

    ap = table()["agent-plugins"]
    seen: dict[tuple[str, str], tuple[str, Any]] = {}  # (kind, name) -> the first copy's path and record
    for cid in clients():
        c = ap["clients"][cid]
        for rel in sorted(all_files):
            if rel in taken or not rel.startswith(c["namespace"] + "/"):
                continue
            inner = rel[len(c["namespace"]) + 1:]
            for kind in ("agents", "commands"):
                dialect = c[kind]
                if not dialect or not _at_place(inner, dialect, c["home"]):
                    continue
                taken.add(rel)
                before = len(pkg.members)
                add_member(pkg, kind, dialect, all_files[rel], rel, f"{c['home']}/{inner}", carry)
                if len(pkg.members) > before:
                    m = pkg.members[-1]
                    key = (kind, slugify(m.doc.agent.name or ""))  # `git:commit` for one client is `git-commit` for another
                    if key in seen:  # the same record for another client: read once, from the first
                        pkg.members.pop()
                        first, agent = seen[key]
                        what = [field for field in ("prompt", "description")
                                if (getattr(m.doc.agent, field) or "").strip() != (getattr(agent, field) or "").strip()]
                        loss(pkg.report, LossCode.COMPONENT_DIFFERS if what else LossCode.COMPONENT_REPEATED, kind,
                             component=f"{kind[:-1]} {key[1]!r}", copy=rel, first=first,
                             **({"what": " and ".join(what)} if what else {}))
                    else:
                        seen[key] = rel, m.doc.agent
                break


def write_member(pkg: Package, member: Member, targets: list[str], policy: Policy, out: dict[str, Output],
                 failed: list) -> None:
    """An agent or a command in the extension folder of every client in ``targets`` that holds its kind."""
    ap = table()["agent-plugins"]
    for cid in targets:
        c = ap["clients"][cid]
        dialect = c[member.kind]
        if not dialect:
            loss(member.report, LossCode.COMPONENT_DROPPED, "kind",
                 component=f"{member.kind[:-1]} {member.doc.agent.name!r}",
                 why=f"{cid} has no {member.kind} in a package")
            continue
        write_record(pkg, member, dialect, policy, lambda p, ns=c["namespace"]: f"{ns}/{strip_home(p)}", out, failed)


def _at_place(inner: str, dialect: str, home: str) -> bool:
    from .. import registry
    from ..dialects.helpers import glob_match

    return any(glob_match(f"{home}/{inner}", g) for g in registry.get(dialect).table.get("layout", {}).get("detect", [])
               if g.startswith(home + "/"))
