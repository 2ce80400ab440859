"""agentconv: convert AI-agent definition files between the dialects of the tools that run them.

    >>> import agentconv
    >>> result = agentconv.convert(".claude/agents/reviewer.md", to="copilot")        # a path
    >>> result = agentconv.convert_text(text, to="copilot", from_="claude")          # content
    >>> result.text, result.path, [i.code for i in result.report]

Paths and content never blur: ``convert``/``convert_all``/``read``/``detect`` (and ``validate.validate``) take
a path, ``convert_text``/``convert_all_text``/``read_text``/``detect_text`` (``validate.validate_text``) take a
file's content. Every dialect reads into one IR (``Document`` of ``Agent`` records) and writes out of it; what
a target cannot hold is reported in a ``LossReport`` and, by default, carried in a side channel.
"""
from __future__ import annotations

__version__ = "0.1.0"

TYPE_CHECKING = False  # not typing's: `agentconv --version` would import it (and re) for one name

# The public names load on first use (PEP 562), so `agentconv --version` and the CLI start fast.
_LAZY = {
    "convert": "api", "convert_text": "api", "convert_all": "api", "convert_all_text": "api", "write_all": "api",
    "detect": "api", "detect_text": "api", "read": "api", "read_text": "api", "write": "api",
    "Detection": "api", "Result": "api",
    "AgentconvError": "errors", "BroadenError": "errors", "ExitCode": "errors", "LossError": "errors",
    "OutputError": "errors", "ParseError": "errors", "UnknownDialectError": "errors", "UsageError": "errors",
    "IR_VERSION": "ir", "Agent": "ir", "Document": "ir", "Grant": "ir", "Model": "ir", "Origin": "ir",
    "ToolPolicy": "ir",
    "migrate": "migration", "plan": "migration", "sync_check": "migration", "Outcome": "migration",
    "Record": "migration",
    "LossCode": "loss", "LossItem": "loss", "LossReport": "loss", "Policy": "loss", "Severity": "loss",
    "Finding": "validate",
}

if TYPE_CHECKING:
    from typing import Any

    from .api import (Detection, Result, convert, convert_all, convert_all_text, convert_text, detect, detect_text,
                      read, read_text, write, write_all)
    from .dialects.base import Dialect
    from .errors import (AgentconvError, BroadenError, ExitCode, LossError, OutputError, ParseError,
                         UnknownDialectError, UsageError)
    from .ir import IR_VERSION, Agent, Document, Grant, Model, Origin, ToolPolicy
    from .loss import LossCode, LossItem, LossReport, Policy, Severity
    from .migration import Outcome, Record, migrate, plan, sync_check
    from .validate import Finding


def __getattr__(name: str) -> Any:
    mod = _LAZY.get(name)
    if mod is None:
        raise AttributeError(f"module 'agentconv' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def dialects() -> list[Dialect]:
    """The registered dialects (built-ins and plugins), each with ``id``, ``title`` and ``table``."""
    from . import registry

    return registry.all_dialects()


__all__ = [
    "__version__",
    "convert", "convert_all", "convert_text", "convert_all_text",
    "read", "read_text", "detect", "detect_text",
    "write", "write_all", "dialects", "migrate", "plan", "sync_check",
    "Result", "Detection", "Outcome", "Record", "Finding",
    "Agent", "Document", "Grant", "Model", "Origin", "ToolPolicy", "IR_VERSION",
    "LossCode", "LossItem", "LossReport", "Policy", "Severity",
    "AgentconvError", "BroadenError", "ExitCode", "LossError", "OutputError", "ParseError", "UnknownDialectError",
    "UsageError",
]
