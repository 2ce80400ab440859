"""The intermediate representation every dialect reads into and writes out of.

Readers never talk to writers: bytes -> envelope -> reader -> ``Document`` -> writer -> envelope -> bytes.
The IR is plain dataclasses so that it is cheap to build, easy to compare and easy to serialise
(``Document.to_json`` / ``Document.from_json``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

IR_VERSION = 2

#: ToolPolicy modes. "inherit" (no tools field) and "none" (an empty list) must never blur.
INHERIT, ALLOWLIST, DENYLIST, NONE = "inherit", "allowlist", "denylist", "none"


@dataclass
class Grant:
    """One entry of a tool policy, as written and as understood."""

    raw: str
    """The spelling exactly as the source wrote it (``Bash(git *)``, ``create_file``, ``serena-mcp_read_file``)."""
    canonical: str | None = None
    """An id from ``dialects/data/tools.toml`` (``read``, ``bash``), ``mcp:SERVER/TOOL`` (``TOOL`` may be ``*``),
    or None when the source's table does not know the name."""
    decision: str = "allow"
    """``allow``, ``ask`` or ``deny``."""
    pattern: str | None = None
    """A scope inside the tool: ``git *`` for ``Bash(git *)`` or an OpenCode bash pattern; None means the whole tool."""
    wider: bool = field(default=False, compare=False)
    """``pattern`` matches more than the source's rule ``raw`` does, which no pattern says exactly: a deny read so
    forbids more (Kiro's ``deniedCommands`` regex ``git push *`` as the glob ``git push*``, ``kiro.command_superset``).
    A writer that writes the grant says so (``WriteContext.wrote``: tool-narrowed). Not compared, not serialised."""
    unsaid: bool = field(default=False, compare=False)
    """Read from a deny rule of the source that no pattern of another tool says (a Kiro ``deniedCommands`` regex no
    command glob holds, ``kiro.command_superset``): ``pattern`` is ``*``, every use of the tool. Kept only for a target
    whose deny takes the whole tool an entry names whatever its scope (``[parser] deny_scopes``: Claude Code's
    ``disallowedTools``), which denies that tool whole anyway; left out for any other (``WriteContext``), which then
    refuses the source's rule as it did (nothing it writes says it). Not compared, not serialised."""


@dataclass
class ToolPolicy:
    """Which tools an agent may use."""

    mode: str = INHERIT
    """``inherit`` (no tools field: every tool), ``allowlist``, ``denylist`` (everything but the denied) or ``none``."""
    grants: list[Grant] = field(default_factory=list)
    """The entries, in source order; allow/ask grants of an allowlist, deny grants of either list."""

    def allowed(self) -> list[Grant]:
        """The grants that let a tool run (allow or ask)."""
        return [g for g in self.grants if g.decision != "deny"]

    def denied(self) -> list[Grant]:
        """The grants that forbid a tool."""
        return [g for g in self.grants if g.decision == "deny"]


@dataclass
class Model:
    """A model choice, kept raw and understood through ``dialects/data/models.toml`` and the reading dialect's
    ``[model]`` table. The parsed fields say what the value names; writers respell it only where the target
    has the same version (or the same floating alias), never another one."""

    raw: str
    """The value exactly as written (``sonnet``, ``anthropic/claude-sonnet-4-20250514``, ``Claude Sonnet 4.5 (copilot)``)."""
    vendor: str | None = None
    """Who makes the model: ``anthropic``, ``openai``, ``google``; None when unknown (or for ``inherit``)."""
    family: str | None = None
    """The model line: ``sonnet``, ``opus``, ``haiku``, ``fable``, ``mythos``, ``gpt``, ``o``, ``gemini``."""
    version: str | None = None
    """The version, dotted and without a trailing ``.0``: ``4.5``, ``4``, ``5.3``; None for a floating alias or
    an unknown value."""
    alias: str | None = None
    """A floating alias, which follows the newest model it names and pins no version: ``sonnet``, ``opus``,
    ``gemini-auto``, ``copilot-auto``, or ``inherit`` (the parent's model); keys of models.toml ``[alias]``."""
    variant: str | None = None
    """What sets the model apart within its version: ``[1m]`` (1M context), ``codex``, ``mini``, ``nano``,
    ``pro``, ``flash``, ``sol``, ``fast``."""
    snapshot: str | None = None
    """The dated or staged build of the version: ``20250514``, ``2025-04-14``, ``preview``."""
    route: str | None = None
    """How the value reaches the model, as written: a provider prefix (``anthropic/``, ``openrouter/anthropic/``)
    or a qualifier suffix (``(copilot)``)."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Model":
        """From plain data. IR version 1 kept only ``raw`` and a family id (``canonical``): read again from ``raw``."""
        if "canonical" in data or set(data) == {"raw"}:
            from .models import parse

            return parse(str(data["raw"]))
        return cls(**{k: v for k, v in data.items() if k in _MODEL_FIELDS})


_MODEL_FIELDS = frozenset(Model.__dataclass_fields__)


@dataclass
class Origin:
    """Where a record came from. Not part of the record's meaning: ignored by equality checks."""

    dialect: str
    """The id of the dialect that read it."""
    path: str | None = None
    """The source path as given, or None for stdin and in-memory text."""
    line: int = 1
    """The 1-based line the record starts on."""
    layout: Any = field(default=None, repr=False)
    """How the source laid the record out (its envelope's ``Layout``), so an unchanged record is written back
    as it came. Not serialised."""
    bom: bool = False
    """The source began with a byte-order mark."""
    newline: str = "\n"
    """The source's newline (``\r\n`` for CRLF files, ``\r`` for CR-only ones)."""
    repaired: bool = False
    """The source's text was repaired on reading (mojibake)."""
    keys: dict[str, str] = field(default_factory=dict, repr=False)
    """IR path -> the top-level header key it was read from (``metadata.category`` -> ``category``), so a writer can
    put a key its table does not name back as it was written. Not serialised."""
    keep: dict[str, Any] = field(default_factory=dict, repr=False)
    """Dialect-private details of how the source was written (Roo's file state, a command's raw prompt), read
    back only by the same dialect. Not serialised."""


@dataclass
class Agent:
    """One record: an agent, or another kind that shares its shape (squad, command, mode)."""

    name: str | None = None
    """The identifier (slug) the tool addresses it by: ``backend-developer``."""
    kind: str = "agent"
    """``agent``, ``squad`` (a catalogue team), ``command`` or ``mode``."""
    display_name: str | None = None
    """A human title where the dialect keeps one apart from the slug (``Backend Developer``)."""
    description: str | None = None
    """When to use it; drives delegation in most tools."""
    prompt: str = ""
    """The body: the system prompt, verbatim (leading blank lines after the header are layout, not prompt)."""
    model: Model | None = None
    """The model, or None when the source names none (the tool's default or the caller's model)."""
    role: str | None = None
    """``primary``, ``subagent`` or ``all`` where the dialect says (OpenCode ``mode``)."""
    tools: ToolPolicy = field(default_factory=ToolPolicy)
    """Tool access; ``ToolPolicy()`` (inherit) when the source has no tools field."""
    params: dict[str, Any] = field(default_factory=dict)
    """Run parameters with a common meaning: ``temperature``, ``top_p``, ``max_turns``, ``effort``, ``background``
    (a boolean: the agent always runs as a background task, its caller not waiting for it: Claude Code's
    ``background``, Cursor's ``is_background``)."""
    metadata: dict[str, Any] = field(default_factory=dict)
    """Catalogue fields: ``avatar``, ``greeting``, ``version``, ``tags``, ``category``, ``tier``, ``related``,
    ``requires``, ``use_case``; squads: ``members``, ``lead``."""
    extensions: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Fields with no common meaning, namespaced by the dialect that defines them:
    ``{"claude": {"color": "purple", "permissionMode": "default"}}``."""
    derived: list[str] = field(default_factory=list)
    """IR fields that were inferred rather than read (``name`` taken from the file name)."""
    origin: Origin | None = field(default=None, compare=False)
    """Where it was read from; not compared."""

    def semantic(self) -> dict[str, Any]:
        """The record as plain data without origin or derivation notes: what round trips compare."""
        data = asdict(self)
        data.pop("origin", None)
        data.pop("derived", None)
        _unmarked(data)
        return data


@dataclass
class Document:
    """What one source file holds: usually one record, several for multi-record files."""

    records: list[Agent] = field(default_factory=list)
    """The records, in file order."""
    ir_version: int = IR_VERSION
    """The IR schema version, bumped on incompatible changes."""

    @property
    def agent(self) -> Agent:
        """The first record (most files hold exactly one)."""
        return self.records[0]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON-ready data (origin included, its layout not)."""
        records = []
        for r in self.records:
            data = asdict(replace(r, origin=None))
            _unmarked(data)
            if r.origin is not None:
                o = r.origin
                data["origin"] = {"dialect": o.dialect, "path": o.path, "line": o.line, "bom": o.bom,
                                  "newline": o.newline, "repaired": o.repaired}
            records.append(data)
        return {"ir_version": self.ir_version, "records": records}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Document":
        """The inverse of ``to_json``."""
        records = []
        for r in data["records"]:
            r = dict(r)
            tools = r.pop("tools", None) or {}
            model = r.pop("model", None)
            origin = r.pop("origin", None)
            records.append(Agent(
                **r,
                tools=ToolPolicy(tools.get("mode", INHERIT), [Grant(**g) for g in tools.get("grants", [])]),
                model=Model.from_dict(model) if model else None,
                origin=Origin(**origin) if origin else None,
            ))
        return cls(records, data.get("ir_version", IR_VERSION))


def _unmarked(data: dict[str, Any]) -> None:
    """A record's plain data (``asdict``) without the grants' ``wider`` and ``unsaid`` marks, which are not serialised."""
    for g in data["tools"]["grants"]:
        del g["wider"], g["unsaid"]
