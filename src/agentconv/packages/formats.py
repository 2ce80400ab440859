"""Which format a folder holds, and reading or writing a package in a format (the formats' own modules do it)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from .. import limits
from ..errors import AgentconvError, BroadenError, problem
from ..loss import LossCode, LossReport, Policy
from .agentplugins import read_ap, write_ap
from .claude import read_claude, write_claude
from .gemini import as_claude, per_record, read_gemini, write_gemini
from .model import FORMATS, KINDS, MARKETPLACE, Package, table
from .writing import Output


def detect(root: str | Path) -> str | None:
    """The package format of a folder: an Agent Plugins ``plugin.json``, a Claude Code marketplace or plugin
    manifest, a Gemini CLI ``gemini-extension.json``, or a folder with ``agents/``, ``commands/`` or ``skills/`` beside nothing else that names a format
    (a Claude Code plugin without a manifest: Claude Code then names it after its folder)."""
    root = Path(root)
    if not root.is_dir():
        return None
    ap = table()["agent-plugins"]
    if (root / ap["manifest"]).is_file():
        try:
            data = json.loads(limits.read_file(root / ap["manifest"]))
        except (OSError, ValueError, limits.LimitError):
            data = None
        if isinstance(data, dict) and str(data.get("$schema", "")).startswith("https://agent-plugins.org/"):
            return "agent-plugins"
    cp = table()["claude-plugin"]
    if (root / cp["marketplace"]).is_file():
        return MARKETPLACE
    if (root / cp["manifest"]).is_file():
        return "claude-plugin"
    if (root / table()["gemini-extension"]["manifest"]).is_file():
        return "gemini-extension"
    if any((root / cp[k]["folder"]).is_dir() for k in KINDS):
        return "claude-plugin"
    return None


def read_package(root: str | Path, fmt: str | None = None, *, carry: bool = True) -> Package:
    """Read the package at ``root`` (format detected unless ``fmt``). A record that cannot be read fails alone:
    it is in ``pkg.report`` as an error item and not a member."""
    root = Path(root)
    fmt = fmt or detect(root)
    if fmt == "claude-plugin":
        return read_claude(root, carry)
    if fmt == "agent-plugins":
        return read_ap(root, carry)
    if fmt == "gemini-extension":
        return read_gemini(root, carry)
    raise problem("not-a-package", file=str(root), formats=', '.join(FORMATS))


def write_package(pkg: Package, fmt: str, targets: Iterable[str] = (), *, policy: Policy = Policy()
                  ) -> tuple[dict[str, Output], list[tuple[str, AgentconvError, LossReport]]]:
    """The files of ``pkg`` in ``fmt`` (relative path -> Output) and the records that could not be written for a
    target (source, error, report). ``targets``: the clients of an Agent Plugins package. A package-wide access
    limit the format cannot hold (a Gemini CLI extension's ``excludeTools``, where some record cannot hold it as its
    own deny: ``gemini.per_record``) refuses the whole package (``BroadenError``) unless ``policy.allow_broaden``: its
    records would otherwise run with those tools again."""
    if fmt != pkg.fmt and pkg.fmt == "gemini-extension":
        pkg = per_record(pkg) or pkg  # excludeTools as each record's own deny, where each can hold it
        if fmt == "claude-plugin":
            pkg = as_claude(pkg)  # its settings as the plugin's userConfig, where they map
    if fmt != pkg.fmt and not policy.allow_broaden:
        for code, _path, params in pkg.elsewhere:
            if code is LossCode.TOOL_BROADENED:
                raise BroadenError(code.message(**params), pkg.report, file=pkg.report.file)
    if fmt == "agent-plugins":
        return write_ap(pkg, list(targets), policy)
    if fmt == "claude-plugin":
        return write_claude(pkg, policy)
    if fmt == "gemini-extension":
        return write_gemini(pkg, policy)
    raise problem("package-format-unknown", name=fmt, formats=', '.join(FORMATS))
