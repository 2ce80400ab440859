"""The per-client extension folders of an Agent Plugins package (``com.github.copilot/``, ``com.openai.codex/``
...): each client's agents and commands, written and read by that client's own dialects at the place the client
reads them (``packages.toml [agent-plugins.clients]``), so tools and models are mapped and never widened."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..loss import LossCode, Policy
from .model import Member, Package, add_member, clients, loads, loss, table, writes
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
    """An agent or a command in the extension folder of every client in ``targets`` that holds its kind and loads it
    from a package. What is not written for a client is said in each output written for the others (first, so that
    every copy says it), or, written for none, in a row of its own."""
    ap = table()["agent-plugins"]
    component = f"{member.kind[:-1]} {member.doc.agent.name!r}"
    writing = []
    for cid in targets:
        c = ap["clients"][cid]
        dialect = c[member.kind]
        own = pkg.fmt == "agent-plugins" and member.source.startswith(c["namespace"] + "/")
        if not dialect:
            loss(member.report, LossCode.COMPONENT_DROPPED, "kind", variant="client-kind", kind=member.kind[:-1],
                 name=member.doc.agent.name, client=cid, kinds=member.kind)
        elif writes(cid, member.kind) is None and not own:
            loss(member.report, LossCode.COMPONENT_NOT_LOADED, "kind", component=component, client=cid,
                 kind=member.kind, loads=_loaded(cid))
        else:
            writing.append((cid, dialect, c["namespace"]))
    before, failures = set(out), len(failed)
    for cid, dialect, ns in writing:
        mine = set(out)
        write_record(pkg, member, dialect, policy, lambda p, ns=ns: f"{ns}/{strip_home(p)}", out, failed)
        if writes(cid, member.kind) is None:  # its own folder of an Agent Plugins package: kept as it came (said)
            for rel in set(out) - mine:
                loss(out[rel].report, LossCode.COMPONENT_KEPT, "kind", variant="client-not-loaded", component=component,
                     rel=rel, client=cid, kind=member.kind, loads=_loaded(cid))
    if set(out) == before and len(failed) == failures:  # written for no client: the row that says so
        failed.append((member.source, None, member.report))


def refuse_empty(pkg: Package, targets: list[str], out: dict[str, Any], failed: list) -> None:
    """Refuse (``UsageError``) a package whose agents and commands none of ``targets`` loads from a plugin when it
    holds nothing else they load either (no skill, no MCP server): written, it would be a manifest no client runs
    anything of (``--clients codex`` for a plugin of agents). A record refused for its own reason stays that refusal."""
    from ..errors import UsageError

    ap = table()["agent-plugins"]
    records = [m for m in pkg.members if m.kind != "skills"]
    if not records or any(exc is not None for _, exc, _ in failed):
        return
    if any(m.kind == "skills" for m in pkg.members) and any("skills" in loads(t) for t in targets) or \
            ap["mcp"] in out and any("mcp" in loads(t) for t in targets):
        return
    if any(rel.startswith(ap["clients"][t]["namespace"] + "/") and o.dialect in (writes(t, "agents"), writes(t, "commands"))
           for rel, o in out.items() for t in targets):
        return
    kinds = " and ".join(dict.fromkeys(m.kind for m in records))
    raise UsageError(f"nothing of the package would load in {', '.join(targets)}: its {kinds} are not written there ("
                     + "; ".join(f"{t} loads only {_loaded(t)}" if writes(t, "agents") is None and writes(t, "commands") is None
                                 else f"{t} has no {kinds}" for t in targets)
                     + "), and it has no skills or MCP servers; write them as the tool's own files instead",
                     file=str(pkg.root))


def _loaded(cid: str) -> str:
    """What ``cid`` loads of a package, as a phrase: "its skills/ and mcp.json"."""
    ap = table()["agent-plugins"]
    names = {"skills": f"{ap['skills']}/", "mcp": ap["mcp"], "agents": "agents", "commands": "commands"}
    return "its " + " and ".join(names[k] for k in loads(cid))


def _at_place(inner: str, dialect: str, home: str) -> bool:
    from .. import registry
    from ..dialects.helpers import glob_match

    return any(glob_match(f"{home}/{inner}", g) for g in registry.get(dialect).table.get("layout", {}).get("detect", [])
               if g.startswith(home + "/"))
