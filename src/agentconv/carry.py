"""The side channel: what a target cannot hold rides along in a comment it tolerates.

Payload: ``{"v": 1, "from": DIALECT, "digest": HASH, "fields": {IR_PATH: VALUE}}``. The digest covers the
header and body as written; when a file was edited after conversion, only fields the file cannot hold
are restored (its own values win) and the staleness is reported.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from . import paths
from .ir import Agent
from .loss import LossCode, LossReport, Severity

VERSION = 1


def digest(mapping: dict, body: str) -> str:
    h = hashlib.sha256(json.dumps(mapping, sort_keys=True, ensure_ascii=False, default=str).encode())
    h.update(b"\0")
    h.update(body.encode())  # hashed as bytes: JSON-escaping a 5 KB prompt cost more than the rest of the write
    return h.hexdigest()[:16]


def make(source: str | None, fields: dict[str, Any], mapping: dict, body: str) -> dict | None:
    if not fields:
        return None
    return {"v": VERSION, "from": source, "digest": digest(mapping, body), "fields": fields}


def apply(agent: Agent, payload: dict, mapping: dict, body: str, report: LossReport, line: int | None) -> None:
    fields = payload.get("fields") or {}
    if payload.get("v") != VERSION or not isinstance(fields, dict):
        report.add(LossCode.CARRY_STALE, Severity.WARNING, "", "agentconv side channel of an unknown version ignored",
                   line=line)
        return
    fresh = payload.get("digest") == digest(mapping, body)
    skipped = []
    for path, value in fields.items():
        if fresh or paths.is_empty(paths.get(agent, path)):
            paths.put(agent, path, value)
        else:
            skipped.append(path)
    report.add(LossCode.CARRY_RESTORED, Severity.INFO, "", f"restored from the side channel: {', '.join(fields)}",
               line=line)
    if skipped:
        report.add(LossCode.CARRY_STALE, Severity.WARNING, "",
                   f"file edited since conversion: kept its own {', '.join(skipped)}", line=line)
