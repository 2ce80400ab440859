"""Typed loss and repair items, collected while reading and writing; never printed by the library.

A reader or writer adds an item for everything it could not carry exactly: a field the target cannot
hold, a tool or model it cannot name, a value it had to coerce, text it repaired. The caller decides
what to do with them through a policy (``ignore``, ``warn`` or ``fail`` at a severity).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any, Iterator


class Severity(str, Enum):
    """How much an item matters. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class LossCode(str, Enum):
    """What happened. Stable strings: they appear in ``--report-json`` and in golden files. Each code has one
    severity and one message template, in ``dialects/data/losses.toml`` (``spec``); a code that says several
    different things has named variants of its template there too (``[CODE.variants]``, ``variants``)."""

    FIELD_DROPPED = "field-dropped"            # the target has no place for a field
    FIELD_OMITTED = "field-omitted"            # ... a field that says little there (display name, mode), carry off
    FIELD_INFERRED = "field-inferred"          # ... a value inferred on reading: read back, it is inferred again
    FIELD_CARRIED = "field-carried"            # ... and it rides in the target's side channel instead
    FIELD_KEPT = "field-kept"                  # ... written as it is, where the target ignores keys it does not know
    TOOL_UNMAPPED = "tool-unmapped"            # no spelling for a tool in the target (access narrows)
    TOOL_BROADENED = "tool-broadened"          # the target can only say it by granting more
    TOOL_COERCED = "tool-coerced"              # said differently, same access (a set, a decision, a pattern)
    TOOL_NARROWED = "tool-narrowed"            # said with a coarser setting that also forbids allowed tools
    TOOL_PREFIX = "tool-prefix"                # a server's tools named by a prefix other servers' names may share
    TOOL_SPELLING = "tool-spelling"            # a deny or ask the target holds only for some spellings
    AGENT_UNMAPPED = "agent-unmapped"          # a tool's own agent in a delegation scope: none like it in the target
    MODEL_UNMAPPED = "model-unmapped"          # omitted: no model of the target is known to match
    MODEL_COERCED = "model-coerced"            # the target's spelling of the same model
    MODEL_DEFAULT = "model-default"            # omitted: it is the target's default
    VALUE_READ_AS = "value-read-as"            # another form its own tool accepts (comma string -> list, ...)
    VALUE_RETYPED = "value-retyped"            # a type its field does not take, read as the nearest (its text)
    KEY_TWICE = "key-twice"                    # two keys that are one as text (1 and '1'): the first kept
    VALUE_INVALID = "value-invalid"            # what its own tool would reject or ignore, read leniently
    VALUE_RESPELLED = "value-respelled"        # written in the target's spelling of the same value
    VALUE_MADE_UP = "value-made-up"            # a required field filled in from the record
    VALUE_REQUIRED = "value-required"          # a required value is empty in the target
    VALUE_TOO_LONG = "value-too-long"          # longer than the target allows
    VALUE_READS_BACK = "value-reads-back"      # a conventions-only format gives it back differently
    TITLE_READS_BACK = "title-reads-back"      # ... the display name as a markdown title
    TEXT_CLEANED = "text-cleaned"              # Roo's own smart-quote clean-up
    FILE_UNLOADABLE = "file-unloadable"        # the tool's own pre-parse step breaks the file; read as written
    FILE_REJECTED = "file-rejected"            # the tool's schema rejects the whole file for a value; read leniently
    KIND_CHANGED = "kind-changed"              # written as a kind the target runs differently
    KIND_MAPPED = "kind-mapped"                # written as the nearest kind, used the same way
    DIALECT_RETIRED = "dialect-retired"        # written in a dialect current versions of its tool no longer load
    PLACEHOLDER_RESPELLED = "placeholder-respelled"      # a command placeholder in the target's spelling
    PLACEHOLDER_REST = "placeholder-rest"                # the last positional takes the rest (OpenCode)
    PLACEHOLDER_UNSUPPORTED = "placeholder-unsupported"  # no spelling in the target, or text it would expand
    ARGUMENTS_ADDED = "arguments-added"                  # the target adds arguments the source's tool drops
    EXTENSION_DROPPED = "extension-dropped"    # another dialect's field the target does not know
    NAME_DERIVED = "name-derived"              # the identifier was made up from a file name or title
    NAME_CHANGED = "name-changed"              # rewritten to satisfy the target's name rule
    NAME_CONFLICT = "name-conflict"            # two names disagree, or two records share one
    TEXT_REPAIRED = "text-repaired"            # mojibake undone
    TEXT_AMBIGUOUS = "text-ambiguous"          # ... where more than one repair fits
    YAML_LENIENT = "yaml-lenient"              # frontmatter strict YAML rejects, read by the fallback
    LAYOUT_NORMALIZED = "layout-normalized"    # BOM dropped, CRLF, ...
    CARRY_RESTORED = "carry-restored"          # fields restored from an agentconv side channel
    CARRY_REGAINED = "carry-regained"          # ... tools the file does not name, of kinds it already grants
    CARRY_INVOCABLE = "carry-invocable"        # ... that the model ran a command now read where only the user does
    CARRY_STALE = "carry-stale"                # a side channel that no longer matches its file
    CARRY_REFUSED = "carry-refused"            # a side-channel value ignored: it would grant, or is not restorable
    CARRY_OFF = "carry-off"                    # a side channel not read: carry is off
    COMPONENT_DROPPED = "component-dropped"    # a package component the target package cannot hold for a client
    COMPONENT_NOT_LOADED = "component-not-loaded"  # ... an agent or command for a client that loads none from a package
    COMPONENT_UNREADABLE = "component-unreadable"  # ... a record that cannot be read, a link out of the package
    COMPONENT_KEPT = "component-kept"          # ... kept only under the Claude Code namespace of the package
    COMPONENT_FIELD_KEPT = "component-field-kept"  # ... one field of a component kept so
    COMPONENT_REPEATED = "component-repeated"  # ... another client's copy of a record: read once, from the first
    COMPONENT_DIFFERS = "component-differs"    # ... such a copy whose prompt or description differs: its edits dropped
    COMPONENT_EXPANDED = "component-expanded"  # ... literal ${...} text that the target expands as a variable
    COMPONENT_CHANGED = "component-changed"    # a package component written with a changed meaning or shape
    VARIABLE_CHANGED = "variable-changed"      # ... an MCP server's variable the two clients expand differently
    COMPONENT_RESHAPED = "component-reshaped"  # ... only its shape (an author string as an object)
    FILE_COPIED = "file-copied"                # a package file that is not a record, copied as it is
    SOURCE_REPEATED = "source-repeated"        # a source that becomes the very file another one does: written once

    @property
    def severity(self) -> "Severity":
        """The one severity this code is reported at (``losses.toml``)."""
        return spec()[self][0]

    def message(self, variant: str | None = None, **params: Any) -> str:
        """This code's message template (or its named ``variant``) filled with ``params``."""
        return (spec()[self][1] if variant is None else variants(self)[variant]).format(**params)


_SPEC: dict[LossCode, tuple[Severity, str | None]] = {}
_VARIANTS: dict[LossCode, dict[str, str]] = {}
_SHARED: dict[str, Any] = {}  # the table as read: its shared sentences by name (``sentence``)


def spec() -> dict[LossCode, tuple[Severity, str | None]]:
    """Every code's (severity, template), from ``dialects/data/losses.toml``; a code without a severity, or without
    both a template and variants, is an error. None: the code has named variants alone (every call site names one)."""
    if not _SPEC:
        from .tables import builtin

        table = builtin("losses.toml")
        for code in LossCode:
            entry = table.get(code.value, {})
            if not ("template" in entry or entry.get("variants")) or entry.get("severity") not in ("info", "warning",
                                                                                                  "error"):
                raise KeyError(f"losses.toml: {code.value} needs one severity and a template (or variants)")
            _SPEC[code] = (Severity(entry["severity"]), entry.get("template"))
            _VARIANTS[code] = entry.get("variants", {})
    return _SPEC


def variants(code: LossCode) -> dict[str, str]:
    """``code``'s named variants of its template (``[CODE.variants]`` of ``losses.toml``: name -> template), where
    one code says several different things; a call site picks one by name (``LossReport.add(..., variant=NAME)``)."""
    spec()
    return _VARIANTS[code]


def sentence(name: str, /, **params: Any) -> str:
    """One of the sentences ``losses.toml`` shares among call sites (a string at its top, ``cannot-deny``), filled
    with ``params`` (any names, ``key`` too): the wording lives with the loss types, a call site passes only facts."""
    if not _SHARED:
        from .tables import builtin

        _SHARED.update(builtin("losses.toml"))
    return _SHARED[name].format(**params)


def not_carried(loss: str, why: str) -> str:
    """The message of a loss whose value does not ride in the side channel after all (``losses.toml``)."""
    return sentence("not-carried", loss=loss, why=why)


@dataclass
class LossItem:
    """One thing that was not carried exactly."""

    code: LossCode
    """What kind of loss or repair."""
    severity: Severity
    """How much it matters."""
    path: str
    """The IR path it concerns: ``tools``, ``model``, ``extensions.claude.color``, ``metadata.avatar``."""
    message: str
    """One line for people."""
    source: str | None = None
    """The dialect read from."""
    target: str | None = None
    """The dialect written to (None while reading)."""
    file: str | None = None
    """The source file, where there is one."""
    line: int | None = None
    """The source line, where known."""

    def to_json(self) -> dict[str, Any]:
        data = {"code": self.code.value, "severity": self.severity.value}
        # each optional field only where set, in field order (spelled out: one JSON item per loss of every output)
        if self.path is not None:
            data["path"] = self.path
        if self.message is not None:
            data["message"] = self.message
        if self.source is not None:
            data["source"] = self.source
        if self.target is not None:
            data["target"] = self.target
        if self.file is not None:
            data["file"] = self.file
        if self.line is not None:
            data["line"] = self.line
        return data


@dataclass
class LossReport:
    """The items of one conversion, in the order they were found."""

    items: list[LossItem] = field(default_factory=list)
    source: str | None = None
    """Default source dialect for items added through ``add``."""
    target: str | None = None
    """Default target dialect for items added through ``add``."""
    file: str | None = None
    """Default file for items added through ``add``."""

    def add(self, code: LossCode, path: str, *, line: int | None = None, target: str | None = None,
            variant: str | None = None, **params: Any) -> LossItem:
        """Add an item: ``code``'s severity, and its template (or its named ``variant``) filled with ``params`` as
        the message."""
        try:  # ``code.severity`` and ``code.message(**params)`` in one look-up (``spec``, once loaded: no call)
            severity, template = _SPEC[code]
        except KeyError:
            severity, template = spec()[code]
        if variant is not None:
            template = _VARIANTS[code][variant]
        item = LossItem(code, severity, path, template.format(**params), self.source, target or self.target,
                        self.file, line)
        self.items.append(item)
        return item

    def worst(self) -> Severity | None:
        """The highest severity present, or None when empty."""
        return max((i.severity for i in self.items), key=lambda s: s.rank, default=None)

    def at_least(self, severity: Severity | str) -> list[LossItem]:
        sev = Severity(severity)
        return [i for i in self.items if i.severity.rank >= sev.rank]

    def paths(self) -> set[str]:
        return {i.path for i in self.items}

    def extend(self, other: "LossReport") -> None:
        self.items.extend(other.items)

    def to_json(self) -> list[dict[str, Any]]:
        return [i.to_json() for i in self.items]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[LossItem]:
        return iter(self.items)


@dataclass(frozen=True)
class Route:
    """A custom agent that a command of the same run runs in (an OpenCode command's ``agent: review`` and
    ``.opencode/agent/review.md`` among the sources): found by ``migrate`` and a batch, read by ``Dialect._runs_in``."""

    dialect: str
    """The command dialect whose ``[runs_in]`` key names the agent (``opencode-command``)."""
    agent: str
    """The agent's name as the command names it (``review``)."""
    tools: Any
    """The agent's ``ToolPolicy``: what it grants, hence what the command runs with."""
    names: tuple[tuple[str, str], ...] = ()
    """(agent dialect, name): the agent converted beside the command in that dialect, and the name that dialect's
    tool knows it by there (its file read back), where a command of that tool can route to it."""


@dataclass(frozen=True)
class Policy:
    """What the caller wants done with losses: ``fail_on`` a severity (None: never fail)."""

    fail_on: Severity | None = None
    allow_broaden: bool = False
    """Let an allowlist become wider in the target instead of failing (``--allow-broaden``)."""
    carry: bool = True
    """Keep what the target cannot hold in its side channel (``--no-carry`` switches it off)."""
    placed: bool = False
    """Outputs land at the target's own path (batch, migrate): a name the target keeps in the file name needs
    no side channel then."""
    routes: tuple["Route", ...] = field(default=(), compare=False, hash=False)
    """The custom agents among a run's sources that its commands run in (``migrate``, a batch): what each grants and
    the name it is written as beside them, so a command routed to one is not refused where nothing else is known
    (``Dialect._runs_in``)."""

    @classmethod
    def strict(cls) -> "Policy":
        return cls(fail_on=Severity.WARNING)
