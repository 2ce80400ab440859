"""agentconv: convert AI-agent definition files between the dialects of the tools that run them.

    >>> import agentconv
    >>> result = agentconv.convert(Path(".claude/agents/reviewer.md"), to="copilot")
    >>> result.text, result.path, [i.code for i in result.report]

Every dialect reads into one IR (``Document`` of ``Agent`` records) and writes out of it; what a
target cannot hold is reported in a ``LossReport`` and, by default, carried in a side channel.
"""
from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

# The public names load on first use (PEP 562), so `agentconv --version` and the CLI start fast.
_LAZY = {
    "convert": "api", "convert_all": "api", "write_all": "api", "detect": "api", "read": "api", "write": "api", "Detection": "api", "Result": "api",
    "AgentconvError": "errors", "BroadenError": "errors", "ExitCode": "errors", "LossError": "errors",
    "OutputError": "errors", "ParseError": "errors", "UnknownDialectError": "errors",
    "IR_VERSION": "ir", "Agent": "ir", "Document": "ir", "Grant": "ir", "Model": "ir", "Origin": "ir",
    "ToolPolicy": "ir",
    "migrate": "migration", "plan": "migration", "sync_check": "migration", "Outcome": "migration",
    "LossCode": "loss", "LossItem": "loss", "LossReport": "loss", "Policy": "loss", "Severity": "loss",
}

if TYPE_CHECKING:
    from .api import Detection, Result, convert, convert_all, detect, read, write, write_all
    from .errors import (AgentconvError, BroadenError, ExitCode, LossError, OutputError, ParseError,
                         UnknownDialectError)
    from .ir import IR_VERSION, Agent, Document, Grant, Model, Origin, ToolPolicy
    from .loss import LossCode, LossItem, LossReport, Policy, Severity
    from .migration import Outcome, migrate, plan, sync_check


def __getattr__(name: str):
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'agentconv' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value


def dialects() -> list:
    """The registered dialects (built-ins and plugins), each with ``id``, ``title`` and ``table``."""
    from . import registry

    return registry.all_dialects()


__all__ = [
    "__version__", "convert", "convert_all", "write_all", "detect", "read", "write", "dialects", "migrate", "plan", "sync_check", "Outcome", "Detection", "Result",
    "Agent", "Document", "Grant", "Model", "Origin", "ToolPolicy", "IR_VERSION",
    "LossCode", "LossItem", "LossReport", "Policy", "Severity",
    "AgentconvError", "BroadenError", "ExitCode", "LossError", "OutputError", "ParseError", "UnknownDialectError",
]
