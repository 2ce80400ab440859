"""Check agent files: is this file one the tool that runs it will take as meant?

``validate(path, dialect=None)`` (or ``validate_text(text, ...)``) returns ``Finding`` items (file, line, severity,
rule, message), in file order. They come from two places, so a plugin dialect is checked the same way:

1. What the reader found. The file is read by the very reader every conversion uses (``api.read_text``), and each
   item of its report at warning or above is a finding (``READER_RULES`` names a few; any other keeps its loss code
   as the rule and the reader's severity: ``value-invalid``, ``carry-stale``, ``field-dropped`` ...):

   - ``parse`` / ``encoding`` / ``dialect``: the file can be read, decoded (a repair of mojibake or of bytes not UTF-8 is a warning), and its
     dialect told (or named).
   - ``yaml-strict``: a header only the lenient fallback could read (the reader's ``yaml-lenient`` items). An error
     where the dialect's tool parses YAML strictly, a warning where it is known to tolerate it (Claude Code).
   - ``tool-unknown``: a tool the reader has no meaning for (a Roo group that is not one).
   - ``rejected``: a value for which the tool's schema rejects the whole file (the reader's ``file-rejected``: a
     Roo group named twice, an entry of more than a group and one options map). An error.

2. The table's rules, on each record as written (a header; each Roo mode), which the reader, reading leniently,
   does not enforce:

   - ``required``: the name key where ``[name] required = true``; ``description`` unless the table's ``required``
     list leaves it out; any other IR field the list names (Roo: ``tools``, the mode's ``groups``).
   - ``name-pattern``: the name against ``[name] pattern`` (an error in the header; a warning for a file name).
   - ``name-builtin``: a name one of the tool's own agents holds (``[name.builtin]``), a warning: Gemini CLI ignores
     the file, OpenCode merges it into its own agent.
   - ``tool-unknown`` / ``tool-foreign`` / ``tool-case``: every spelling in the tool fields must be in the crosswalk's
     ``valid`` set ([tools] + [tool_aliases]) or an MCP spelling. ``[tool_foreign]`` spellings (another tool's
     names, read by agentconv only as a courtesy). Warnings where the tool loads the file anyway (``[validate]``).
   - ``value`` / ``type`` / ``model``: ``[values]`` sets (color, effort, role ...), ``[own]`` value sets and types,
     the ``[model] pattern`` and, where the table has a checked catalogue, its models (``models.known``).
   - ``body-limit``: the prompt against ``body_limit`` (Copilot on GitHub: 30,000 characters).
   - ``unknown-key`` / ``renamed-key``: header keys the dialect does not document (warnings).

Where the reader and a table rule speak of the same key on the same line (``SAME_VALUE``), one finding says it: the
table rule's, which carries the tool's severity. A file the tool loads is valid: a table tunes severities in an
optional ``[validate]`` section (``lenient_yaml``, ``tab_indent`` (a header indented with tabs; else ``lenient_yaml``), ``foreign_tools``, ``unknown_tools``: ``"error"`` or
``"warning"``; ``loose_values``: keys whose value outside the set the tool loads and ignores, a warning;
``refused_values``: what the tool does with a value outside its set (an error), said after it;
``reader_rules``: rules of one of the dialect's readers, warnings in a file that reader does not read: Copilot's
description and body limit are GitHub.com's, which reads no ``.chatmode.md`` and no agent with ``target: vscode``).
The library never prints; the CLI (``agentconv validate``) renders.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from . import carry, limits, models, naming, registry, rx
from .envelopes import records
from .dialects.helpers import glob_match, value_taken
from .errors import AgentconvError, NoRecords, problem
from .loss import LossCode, LossItem, Severity

if TYPE_CHECKING:
    from .api import PathLike, Text

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

_PAREN = rx.compile(r"^(?P<name>[^()]+?)\((?P<pattern>.*)\)$")
_HEX = rx.compile(r"#[0-9a-fA-F]{6}")


@dataclass
class Finding:
    """One problem in one file."""

    file: str | None
    line: int
    """1-based; the header key's line, the body's first line, or 1 for the whole file."""
    severity: Severity
    """``error`` (the tool will refuse or misread it), ``warning`` (works, but not as documented) or ``info`` (works
    as written, said so a reader is not surprised: shown with ``-v``)."""
    rule: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "severity": self.severity.value, "rule": self.rule,
                "message": self.message}

    def __str__(self) -> str:
        return f"{self.file or '<stdin>'}:{self.line}: {self.severity.value} [{self.rule}] {self.message}"


def validate(file: PathLike, dialect: str | None = None, *, path: str | None = None) -> list[Finding]:
    """Check a file, or every agent-like file below a directory, against its dialect's table.

    ``file`` is a path (``str`` or ``os.PathLike``; content goes to ``validate_text``); ``path`` names a single file
    for detection and messages when that differs from where it is read. ``dialect`` (an id or alias) skips
    detection; an unknown one raises ``UnknownDialectError``. A path that does not exist raises ``ParseError``.
    """
    from .api import path_of

    target = Path(path_of(file, "validate"))
    if dialect is not None:
        registry.get(dialect)  # fail early on an unknown id
    if target.is_dir():
        from .batch import discover

        out: list[Finding] = []
        for e in discover([target]):
            if e.problem is not None:  # a link out of the directory: not read
                out.append(Finding(str(e.path), 1, ERROR, "source", e.problem))
                continue
            out += _validate_one(e.path, dialect, str(e.path))
        if dialect is None:
            for manifest in _plugin_manifests(target):
                out += _plugin_names(manifest, str(manifest))
        return out
    if not target.exists():
        raise problem("validate-no-such-file", file=str(target))
    if dialect is None and _is_plugin_manifest(path or str(target)):  # no agent file: a package's manifest
        return _plugin_names(target, path or str(target))
    return _validate_one(target, dialect, path or str(target))


_PLUGIN_MANIFESTS = ("plugin.json", "marketplace.json")


def _is_plugin_manifest(path: str) -> bool:
    parts = Path(path).parts
    return len(parts) >= 2 and parts[-2] == ".claude-plugin" and parts[-1] in _PLUGIN_MANIFESTS


def _plugin_manifests(root: Path) -> list[Path]:
    """The Claude Code plugin and marketplace manifests below ``root`` (``.claude-plugin/plugin.json`` ...)."""
    import os

    from .batch import SKIP_DIRS

    out = []
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        if os.path.basename(dirpath) == ".claude-plugin":
            out += [Path(dirpath) / n for n in _PLUGIN_MANIFESTS if n in names]
    return out


def _plugin_names(file: Path, path: str) -> list[Finding]:
    """A Claude Code plugin or marketplace manifest's names against those Claude Code keeps for Anthropic's own
    (``packages/names.py``): a marketplace name it refuses is an error, a plugin name only its validator rejects
    a warning (it loads the plugin). Rule ``name-reserved``."""
    import json

    from .packages.names import marketplace_name_problem, reserved_plugin_name

    try:
        text = limits.read_file(file).decode("utf-8-sig")
        data = json.loads(text)
    except (OSError, limits.LimitError, UnicodeDecodeError, ValueError) as exc:
        return [Finding(path, 1, ERROR, "parse", f"not a JSON manifest Claude Code can read ({exc})")]
    if not isinstance(data, dict):
        return [Finding(path, 1, ERROR, "parse", "the manifest is not a JSON object")]
    out = []
    line = records.key_line(text, "name") or 1
    name = data.get("name")
    if file.name == "plugin.json":
        why = reserved_plugin_name(name) if isinstance(name, str) else None
        if why:
            out.append(Finding(path, line, WARNING, "name-reserved", f"plugin name {name!r} {why}"))
        return out
    problem = marketplace_name_problem(name) if isinstance(name, str) else None
    if problem:
        out.append(Finding(path, line, problem[0], "name-reserved", f"marketplace name {name!r} {problem[1]}"))
    for i, entry in enumerate(data.get("plugins") if isinstance(data.get("plugins"), list) else []):
        own = entry.get("name") if isinstance(entry, dict) else None
        why = reserved_plugin_name(own) if isinstance(own, str) else None
        if why:
            at = records.key_line(text, own, quoted_only=True) or 1
            out.append(Finding(path, at, WARNING, "name-reserved", f"plugins[{i}]: plugin name {own!r} {why}"))
    return out


def validate_text(text: Text, dialect: str | None = None, *, path: str | None = None) -> list[Finding]:
    """Check ``text`` (a file's content, ``str`` or ``bytes``) against its dialect's table; ``path`` (where it
    would live, if known) helps detection and names it in the findings."""
    if dialect is not None:
        registry.get(dialect)
    return _validate_one(text, dialect, path)


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    return any(f.severity == ERROR for f in findings)


# ------------------------------------------------------------------------------------------------ one file
# What the reader finds, as validate names it: loss code -> (rule, severity; None: the reader's). Any other item at
# warning or above keeps its code as the rule and the reader's severity.
READER_RULES: dict[LossCode, tuple[str, Severity | None]] = {
    LossCode.YAML_LENIENT: ("yaml-strict", None),  # the severity: the table's [validate] lenient_yaml (error)
    LossCode.TEXT_REPAIRED: ("encoding", WARNING),
    LossCode.TEXT_AMBIGUOUS: ("encoding", WARNING),
    LossCode.TOOL_UNMAPPED: ("tool-unknown", ERROR),  # read: a tool (a Roo group) the dialect has no such name for
    LossCode.FILE_UNLOADABLE: ("parse", ERROR),  # read as written, but the tool itself loads nothing from it
    LossCode.FILE_REJECTED: ("rejected", ERROR),  # read leniently, but the tool's schema rejects the whole file
}
# Reader items about a value as written: where a table rule judges the same key on the same line, that one finding
# says it (with the tool's severity) and the reader's is not repeated.
SAME_VALUE = {LossCode.VALUE_RETYPED, LossCode.VALUE_INVALID, LossCode.TOOL_UNMAPPED}


def _validate_one(source: Path | Text, dialect: str | None, path: str | None) -> list[Finding]:
    from . import api
    from .text import decode

    out: list[Finding] = []
    add = lambda line, sev, rule, msg: out.append(Finding(path, line or 1, sev, rule, msg))  # noqa: E731
    try:
        raw = limits.read_file(source) if isinstance(source, Path) else source
    except OSError as exc:
        add(1, ERROR, "parse", exc.strerror or str(exc))
        return out
    except limits.LimitError as exc:
        add(1, ERROR, "parse", exc.message)
        return out
    try:
        decoded = decode(raw)
        text = decoded.text
    except UnicodeDecodeError as exc:
        add(1, ERROR, "encoding", f"not UTF-8 text (byte {exc.start}: {exc.reason})")
        return out
    if dialect is None:
        det = api.detect_decoded(text, path)
        if det.dialect is None:
            add(1, ERROR, "dialect", "cannot tell which dialect this is; name the dialect")
            return out
        dialect = det.dialect
    d = registry.get(dialect)
    try:  # the reader every conversion uses: what it finds, validate reports
        doc, report = api.read_text(raw, d.id, path=path)
        parsed = d.parse(text, path)
    except NoRecords:  # a file its tool loads, holding no record (settings only, an empty list of modes): valid
        return out
    except AgentconvError as exc:
        add(exc.line, ERROR, "parse", exc.message)
        return out
    tune = d.table.get("validate", {})
    if decoded.bom and tune.get("bom"):  # the tool reads the file's bytes as they are
        add(1, ERROR, "parse", f"the file starts with a byte-order mark; {tune['bom']}")
    layout = getattr(parsed, "layout", None)
    if tune.get("exact_fence") and getattr(layout, "has_header", False) and \
            (text[:text.find("\n")], layout.close) != ("---", "---"):  # a delimiter with blanks after it
        add(1, ERROR, "parse", f"a '---' line with blanks after it; {tune['exact_fence']}")
    judged: list[tuple[Finding, set[str]]] = []  # the table's findings, with the keys and IR paths each is about
    for rec in _records(d, text, path, parsed, doc):
        reader = d.table.get("readers", {}).get(rec.kind)  # a record another dialect reads (OpenCode's config)
        checker = _Checker(registry.get(reader) if reader else d, rec, text, path, judged)
        if reader:  # an entry merged with the definitions of that name elsewhere: none of its fields is required
            checker.t = {**checker.t, "required": d.table.get("required", [])}
        checker.run()
    out += [f for f, _ in judged]
    lenient = {i.line for i in report if i.code == LossCode.YAML_LENIENT}
    unread = any(i.code == LossCode.FILE_REJECTED and i.line in lenient for i in report)  # the header loads nowhere
    for item in report:
        finding = _from_reader(item, d, path, unread)
        if finding is None:
            continue
        if item.code in SAME_VALUE and any(item.path in about and (f.line == finding.line or item.line is None)
                                           for f, about in judged):  # (a reader item of no line: a TOML key's)
            continue  # the table rule on that key says it
        if item.code == LossCode.FILE_REJECTED:
            keys = {item.path, *(k for k, p in d.table.get("fields", {}).items() if p == item.path),
                    d.table.get("prompt_key") if item.path == "prompt" else None} - {None, ""}
            if any(f.severity == ERROR and (item.line is not None and f.line == item.line or keys & about)
                   for f, about in judged):
                continue  # a table rule's error on that line or key says why the tool refuses the file (Gemini's
                # unknown key, Codex's missing developer_instructions, OpenCode's tools that are no map)
        out.append(finding)
    out.sort(key=lambda f: f.line)
    return out


def _from_reader(item: LossItem, d, path: str | None, unread: bool = False) -> Finding | None:
    """A reader's item as a finding: those at warning or above, and every text repair. ``unread``: the tool loads
    nothing from the header (a file-rejected item on a line the fallback read), so it tolerates none of it."""
    rule, sev = READER_RULES.get(item.code, (item.code.value, item.severity))
    if item.severity.rank < WARNING.rank and item.code not in READER_RULES:
        return None
    message = item.message
    if item.code == LossCode.YAML_LENIENT:
        tune, tabs = d.table.get("validate", {}), "indented with tabs" in message
        sev = Severity(tune.get("tab_indent" if tabs and "tab_indent" in tune else "lenient_yaml", ERROR.value))
        how = "tolerates it, strict YAML parsers do not" if sev == WARNING and not unread else "rejects it"
        message = f"{message}; {d.id} {how} ({'indent with spaces' if tabs else 'quote the value'})"
    return Finding(path, item.line or 1, sev or item.severity, rule, message)


@dataclass
class _Record:
    """One record as written: its header keys, where each is, its prompt."""

    data: dict[str, Any]
    line: int
    """Where the record starts (1 for a file of one record)."""
    kind: str
    body: str = ""
    body_line: int = 1
    chunks: dict[str, Any] | None = None
    """key -> Chunk, for a header the envelope splits into chunks (then every key has its own line)."""
    prompt_problem: str | None = None
    """Where the prompt is a key (TOML): ``missing``, or ``retyped`` (a number or boolean, read as its text)."""


def _records(d, text: str, path: str | None, parsed, doc) -> list[_Record]:
    """The records of a file as written (the header; each raw record the envelope cuts a file of many into: Roo's
    modes), paired with what the reader made of each."""
    if not records.many(d.envelope):
        chunks = {c.key: c for c in getattr(parsed.layout, "chunks", [])}
        key = d.table.get("prompt_key")
        problem = None if not key else "missing" if not getattr(parsed.layout, "had_prompt", True) else \
            next(("retyped" for c in parsed.coerced if getattr(c, "where", None) == key), None)
        return [_Record(parsed.data, 1, doc.agent.kind, parsed.body, parsed.body_line, chunks, problem)]
    raws = d.envelope.split(text, path).records
    return [_Record(raw.data, raw.body_line, rec.kind) for raw, rec in zip(raws, doc.records)]


class _Checker:
    """The table's rules, on one record as written (what the writer would write, and the tool take as meant)."""

    def __init__(self, d, rec: _Record, text: str, path: str | None, judged: list[tuple[Finding, set[str]]]):
        self.d, self.t, self.rec, self.text, self.path, self.judged = d, d.table, rec, text, path, judged
        self.data: dict[str, Any] = rec.data
        self.chunks = rec.chunks or {}
        self.fields: dict[str, Any] = self.t.get("fields", {})
        self.own: dict[str, Any] = self.t.get("own", {})
        self.tune: dict[str, Any] = self.t.get("validate", {})
        self.plain = self.t.get("envelope") == "plain"
        self.many = records.many(d.envelope)

    def add(self, line: int | None, sev: Severity, rule: str, message: str, key: str | None = None) -> None:
        """A finding about the header ``key`` (with the IR paths a reader puts it at), or about the record."""
        only = self.tune.get("reader_rules")  # a rule of one of the dialect's readers, which does not read this file
        if only and sev is ERROR and rule in only["rules"] and not self._read_by(only):
            sev, message = WARNING, f"{message} ({only['reader']}'s rule; {only['reader']} does not read this file)"
        about = {key, f"extensions.{self.d.id}.{key}", self.fields.get(key)} if key else set()
        owner = registry.owner(key) if key else None
        if owner:
            about |= {f"extensions.{owner}.{key}", registry.get(owner).table.get("fields", {}).get(key)}
        self.judged.append((Finding(self.path, line or 1, sev, rule, message), about - {None}))

    def _read_by(self, only: dict[str, Any]) -> bool:
        """Does the reader of ``[validate] reader_rules`` read this file (not at ``not_paths``, its ``target`` not one
        of ``not_target``)?"""
        if self.path and any(glob_match(self.path.replace("\\", "/"), g) for g in only.get("not_paths", [])):
            return False
        return self.data.get("target") not in only.get("not_target", [])

    def at(self, key: str, sev: Severity, rule: str, message: str) -> None:
        self.add(self.line(key), sev, rule, message, key)

    def line(self, key: str) -> int:
        c = self.chunks.get(key)
        if c is not None:
            return c.line
        if self.many:
            return self.rec.line  # a record of many: where it starts (where the reader reports it too)
        return records.key_line(self.text, key) or 1

    def run(self) -> None:
        if not self.plain:
            self.required()
            self.name()
            self.tools()
            self.values()
            self.keys()
        self.file_name()
        self.builtin()
        self.body()

    # ---------------------------------------------------------------- header
    def required(self) -> None:
        rule = self.t.get("name", {})
        key = rule.get("key")
        if rule.get("required") and key and _empty(self.data.get(key)):
            where = "/" + (self.path or "").replace("\\", "/")
            loaded = next((rule["missing"] for u in rule.get("optional_under", ()) if f"{u}/" in where), None)
            self.add(self.line(key) if key in self.data else self.rec.line, WARNING if loaded else ERROR, "required",
                     f"'{key}' is required in {self.d.id}" + (f" ({loaded})" if loaded else ""), key)
        desc_keys = [k for k, p in self.fields.items() if p == "description"]
        needed = "description" in self.t.get("required", ["description"]) and self.rec.kind == "agent"
        if desc_keys and needed and all(_empty(self.data.get(k)) for k in desc_keys):
            k = next((k for k in desc_keys if k in self.data), None)
            parser = self.t.get("parser", {})  # a place whose loader describes the record itself (a plugin's agent)
            loaded = parser.get("description_missing") if self.path and any(
                glob_match(self.path, g) for g in parser.get("description_optional_at", ())) else None
            self.add(self.line(k) if k else self.rec.line, WARNING if loaded else ERROR, "required",
                     f"'{desc_keys[0]}' is required in {self.d.id}" + (f" ({loaded})" if loaded else ""),
                     k or desc_keys[0])
        for ipath in self.t.get("required", ["description"]):  # any other field the table requires (Roo: groups)
            keys = [k for k, p in self.fields.items() if p == ipath] or \
                ((self.t.get("prompt_keys") or [self.t.get("prompt_key")])[:1] if ipath == "prompt" else [])
            missing = not self.rec.body.strip() if ipath == "prompt" and self.t.get("prompt_key") else \
                all(self.data.get(k) in (None, "") for k in keys)  # a prompt key is the record's body (Codex)
            if ipath != "description" and keys and missing:
                self.add(self.rec.line, ERROR, "required", f"'{keys[0]}' is required in {self.d.id}", keys[0])
        refused, problem, prompt = self.t.get("prompt_refused"), self.rec.prompt_problem, self.t.get("prompt_key")
        if refused and problem == "missing":  # the tool's loader skips the file (Gemini CLI)
            self.add(self.rec.line, ERROR, "required", f"'{prompt}' is required in {self.d.id}: {refused}", prompt)
        elif refused and problem:
            self.at(prompt, ERROR, "type", f"'{prompt}' must be a string: {refused}")
        for k in [*desc_keys, key if not rule.get("any_type") else None]:
            v = self.data.get(k) if k else None
            if v is not None and not isinstance(v, str):
                ignored = isinstance(v, (list, dict)) and self.tune.get("not_text") == "warning" and \
                    self.fields.get(k) in self.t.get("parser", {}).get("ignores_not_text", ())  # loaded without it
                self.at(k, WARNING if ignored else ERROR, "type", f"'{k}' must be a string, not {_kind(v)}" + (
                    f" ({self.t['parser'].get('reader', 'the tool')} ignores it)" if ignored else ""))

    def name(self) -> None:
        rule = self.t.get("name", {})
        key, pattern = rule.get("key"), rule.get("pattern")
        value = self.data.get(key) if key else None
        if not pattern or self.fields.get(key) != "name" or not isinstance(value, str) or not value:
            return
        if not re.match(pattern, value):
            self.at(key, ERROR, "name-pattern", f"name {value!r} does not fit {self.d.id}'s rule {pattern}")

    def file_name(self) -> None:
        """Where the file name is the identity, it should fit the name rule too (a warning: tools take it as is)."""
        layout, rule = self.t.get("layout", {}), self.t.get("name", {})
        pattern = rule.get("pattern")
        if not self.path or not pattern or not layout.get("name_from_file"):
            return
        if not any(glob_match(self.path, g) for g in layout.get("detect", [])):
            return  # not in the dialect's place: its name comes from wherever it is written
        if rule.get("key") and self.fields.get(rule["key"]) == "name" and not _empty(self.data.get(rule["key"])):
            return  # the header names it
        from .naming import stem

        name = stem(self.path, layout.get("strip_suffixes", [".md"]))
        if not re.match(pattern, name):
            self.add(1, WARNING, "name-pattern", f"file name {name!r} does not fit {self.d.id}'s name rule {pattern}")

    def builtin(self) -> None:
        """A name one of the tool's own agents holds (``[name.builtin]``): the tool does not load the file as a new
        agent (a warning saying what it does instead)."""
        rule, layout = self.t.get("name", {}).get("builtin"), self.t.get("layout", {})
        if not rule or (self.plain and not layout.get("name_from_file")):
            return
        if layout.get("name_from_file"):  # the file's place names it (OpenCode)
            if not self.path or not any(glob_match(self.path, g) for g in layout.get("detect", [])):
                return
            name, line = self.d.name_from_path(self.path), 1
        else:
            key = self.t["name"].get("key", "name")
            name, line = self.data.get(key), self.line(key)
        if name in rule["names"]:
            self.add(line, WARNING, "name-builtin", f"name {name!r} is a built-in {self.d.id} agent's: {rule['outcome']}")

    def tools(self) -> None:
        shape = self.t.get("tools_shape")
        keys = [k for k, p in self.fields.items() if p in ("tools", "tools.deny") and k in self.data]
        if shape not in ("comma", "list", "permission") or not keys:
            return
        cw = self.d.crosswalk
        foreign = {n.lower() if cw.case_insensitive else n: n for n in self.t.get("tool_foreign", {})}
        valid_folded = {n.lower(): n for n in cw.valid} if cw.case_insensitive else {}
        foreign_sev = Severity(self.tune.get("foreign_tools", WARNING.value))
        for key in keys:
            value = self.data[key]
            names = self._tool_names(key, value, shape)
            for name in names:
                if name == "*":
                    parser, deny = self.t.get("parser", {}), self.fields[key] == "tools.deny"
                    if parser.get("star_entry") == "no-list" and (deny or len(names) > 1):  # the list as not written
                        self.add(self._name_line(key, name), WARNING, "tool-unknown", f"'*' makes "
                                 f"{parser.get('reader', self.d.id)} ignore the whole '{key}' list: "
                                 + ("nothing is denied" if deny else "the agent gets every tool"), key)
                    elif parser.get("star_entry") == "alone":  # kept alone, a rule (claude-command.toml [parser])
                        reader = parser.get("reader", self.d.id)
                        self.add(self._name_line(key, name), WARNING, "tool-unknown", f"'*' in '{key}' is "
                                 + (f"a deny rule {reader} matches every tool with: the command runs with no tool"
                                    if deny else f"an allow rule {reader} matches no tool with: nothing is "
                                    "pre-approved") + (f" ({reader} keeps '*' alone: the other entries are dropped)"
                                                       if len(names) > 1 else ""), key)
                    elif shape == "comma":
                        self.add(self._name_line(key, name), WARNING, "tool-unknown",
                                 f"'*' is not documented in {self.d.id}; omit '{key}' to grant every tool", key)
                    continue
                line = self._name_line(key, name)
                if name in cw.valid:
                    continue
                fkey = name.lower() if cw.case_insensitive else name
                if fkey in foreign and name not in cw.valid:
                    canon = ", ".join(self.t["tool_foreign"][foreign[fkey]])
                    good = ", ".join(cw.write(canon.split(", ")[0])) or "?"
                    self.add(line, foreign_sev, "tool-foreign", f"tool {name!r} is not {naming.a(self.d.id)} tool name "
                             f"({self.d.id} ignores it); write {good}", key)
                    continue
                if name.lower() in valid_folded:
                    self.add(line, WARNING, "tool-case",
                             f"tool {name!r} is spelled {valid_folded[name.lower()]!r} in {self.d.id}", key)
                    continue
                canon = cw.read(name)
                if canon and canon[0].startswith("mcp:") and self.fields[key] != "tools.deny" and \
                        getattr(self.d, "every_server_denies_only", lambda c: False)(canon):
                    self.add(line, Severity(self.tune.get("unknown_tools", ERROR.value)), "tool-unknown",
                             f"tool {name!r} names no server: {getattr(self.d, 'said', self.d.id)} grants no tool by "
                             f"it in a tool list (only a deny list reads it as every MCP tool); name each server "
                             f"({cw.write('mcp:<server>/*')[0]})", key)
                    continue
                if canon and canon[0].startswith("mcp:") and self.fields[key] != "tools.deny" and \
                        getattr(self.d, "tool_glob_grants_none", lambda c: False)(canon):
                    self.add(line, Severity(self.tune.get("unknown_tools", ERROR.value)), "tool-unknown",
                             f"tool {name!r} is a pattern: {getattr(self.d, 'said', self.d.id)} grants no tool by it "
                             f"in a tool list (it matches an MCP tool by its exact name; only a deny list reads the "
                             f"pattern); name each tool, or the server ({cw.write(canon[0].rsplit('/', 1)[0] + '/*')[0]})",
                             key)
                    continue
                if canon and canon[0].startswith("mcp:"):
                    continue
                self.add(line, Severity(self.tune.get("unknown_tools", ERROR.value)), "tool-unknown",
                         f"unknown tool {name!r} for {self.d.id}", key)

    def _tool_names(self, key: str, value: Any, shape: str) -> list[str]:
        if shape == "permission":
            if value is None:
                return []  # a key without a value: values() says what the tool does with it
            if isinstance(value, dict):
                for tool, rule in value.items():
                    rules = rule.values() if isinstance(rule, dict) and key != "tools" else [rule]
                    for r in rules:
                        ok = isinstance(r, bool) if key == "tools" else r in ("allow", "ask", "deny")
                        if not ok:
                            want = "true or false" if key == "tools" else "allow, ask or deny"
                            self.add(self._name_line(key, str(tool)), ERROR, "value",
                                     f"{key}.{tool}: {r!r} is not {want}", key)
                return [str(k) for k in value]
            if key == "tools" or not isinstance(value, str):  # the tools map is only a map; permission a map or a rule
                self.at(key, ERROR, "type", f"'{key}' is {_kind(value)}; {self.d.id} takes "
                        + ("a map of tool names to true or false" if key == "tools" else "a map or allow, ask or deny")
                        + (f" ({self.tune['shape_refused']})" if self.tune.get("shape_refused") else ""))
            elif value not in ("allow", "ask", "deny"):
                self.at(key, ERROR, "value", f"{key}: {value!r} is not allow, ask or deny")
            return []
        want = {"comma": str, "list": list}[shape]
        if value is not None and not isinstance(value, want):
            refused = self.tune.get("shape_refused")  # the tool refuses another shape (Gemini CLI), else reads it
            self.at(key, ERROR if refused else WARNING, "type", f"'{key}' is {_kind(value)}; {self.d.id} "
                    + ("takes" if refused else "documents") + (" a comma-separated string" if shape == "comma" else
                                                              " a list") + (f" ({refused})" if refused else ""))
        out = []
        for n in self.d.split_names(value, key, None):
            m = _PAREN.match(n)
            out.append(m.group("name").strip() if m else n)
        return out

    def _name_line(self, key: str, name: str) -> int:
        c = self.chunks.get(key)
        if c is None:
            return self.line(key) if self.many else \
                records.key_line(self.text, name, quoted_only=True) or self.line(key)
        lines = c.text.split("\n")
        start = next((i for i, ln in enumerate(lines) if _starts_key(ln, key)), 0)
        for i in range(start, len(lines)):
            if re.search(r"(?<![\w/.-])" + re.escape(name) + r"(?![\w/.-])", lines[i][len(key) + 1 if i == start else 0:]):
                return c.line + i - start
        return c.line

    def values(self) -> None:
        values = self.t.get("values", {})
        refused = self.tune.get("null_values")  # what the tool does with a known key written without a value
        for key, value in self.data.items():
            if value is None:
                if refused and (key in self.fields or key in self.own) and not self._said(key, "required"):
                    self.at(key, ERROR, "type", f"'{key}' has no value; {refused}")
                continue
            ipath = self.fields.get(key)
            rule = self.own.get(key, {}) if ipath is None or ipath.startswith(f"extensions.{self.d.id}.") else {}
            allowed, form = rule.get("values"), rule
            # the set the loader at this place takes (Claude Code's plugin agents: isolation worktree only)
            allowed = next((v for g, v in rule.get("values_at", {}).items()
                            if self.path and glob_match(self.path.replace("\\", "/"), g)), allowed)
            if ipath and ipath not in ("tools", "tools.deny"):
                allowed = values.get(ipath.rsplit(".", 1)[-1], allowed)
                form = {**rule, **self.t.get("value_forms", {}).get(ipath.rsplit(".", 1)[-1], {})}
            if ipath == "model":
                self._model(key, value)
            elif isinstance(allowed, list):
                if not value_taken(value, allowed, form) and not (rule.get("fold") and str(value).strip().lower() in allowed):
                    loose = key in self.tune.get("loose_values", [])
                    self.at(key, WARNING if loose else ERROR, "value", f"{key}: {value!r} is not one of "
                            f"{', '.join(map(str, allowed))}" + ("" if loose else self._refused()))
            elif allowed == "hex":
                themes = values.get(f"{ipath.rsplit('.', 1)[-1]}_themes", []) if ipath else []
                if not (value in themes or (isinstance(value, str) and _HEX.fullmatch(value))):
                    self.at(key, ERROR, "value", f"{key}: {value!r} is not a #RRGGBB colour"
                             + (f" or one of {', '.join(themes)}" if themes else "") + self._refused())
            kind = rule.get("type") or (ipath and ipath.startswith("params.") and carry.ir_type(ipath) == "bool"
                                        and "bool")  # a field of a typed IR path (Claude Code's `background`)
            if kind and not _is(value, kind):
                self.at(key, WARNING, "type", f"{key}: {_kind(value)} where {self.d.id} documents {kind}")

    def _refused(self) -> str:
        """What the tool does with a value outside its set, where the table says (``[validate] refused_values``)."""
        refused = self.tune.get("refused_values")
        return f"; {refused}" if refused else ""

    def _said(self, key: str, rule: str) -> bool:
        """Is there a finding of ``rule`` about ``key`` already?"""
        return any(f.rule == rule and key in about for f, about in self.judged)

    def _model(self, key: str, value: Any) -> None:
        spec = self.t.get("model", {})
        pattern = spec.get("pattern")
        items = value if isinstance(value, list) and spec.get("list") else [value]
        if isinstance(value, list) and not spec.get("list"):
            self.at(key, ERROR, "type", f"{key}: {self.d.id} takes one model, not a list")
            return
        for v in items:
            if not isinstance(v, str):
                self.at(key, ERROR, "type", f"{key}: {_kind(v)} where a model name is expected")
            elif pattern and not re.match(pattern, v):
                self.at(key, WARNING, "model", f"model {v!r} does not look like {naming.a(self.d.id)} model name")
            elif spec.get("checked") and not models.known(v, self.t):
                self.at(key, WARNING, "model",
                         f"model {v!r} is not in {self.d.id}'s model list (checked {spec['checked']})")

    def keys(self) -> None:
        prompt_keys = {self.t.get("prompt_key"), *self.t.get("prompt_keys", [])}
        renamed = self.t.get("renamed", {})
        for key in self.data:
            if key in self.fields or key in self.own or key in prompt_keys:
                continue
            if key in renamed:
                self.at(key, WARNING, "renamed-key", f"'{key}' is deprecated in {self.d.id}; use '{renamed[key]}'")
                continue
            used = self._description_from(key)
            if used is not None:  # a plugin's agent: the loader describes it by this key where it has no description
                said = "used" if used == key else "after" if used else "unused"
                self.at(key, INFO if said == "used" else WARNING, "unknown-key",
                        self.t["parser"][f"description_from_{said}"].format(key=key, first=used))
                continue
            owner = registry.owner(key)
            where = f" (a {owner} field)" if owner and owner != self.d.id else ""
            sev, outcome = self.tune.get("unknown_keys", [WARNING.value, "it is ignored"])
            self.at(key, Severity(sev), "unknown-key", f"'{key}' is not {naming.a(self.d.id)} field{where}; {outcome}")

    def _description_from(self, key: str) -> str | bool | None:
        """At a place whose loader takes ``key`` for a missing description (``[parser] description_from`` where
        ``description_optional_at``: a Claude Code plugin's agent), the key it takes here (the first of those keys with
        a value, in an agent with no description; False: it has one). None elsewhere (an unknown key as any other)."""
        parser = self.t.get("parser", {})
        keys = parser.get("description_from", ())
        if key not in keys or self.rec.kind != "agent" or not self.path or not any(
                glob_match(self.path, g) for g in parser.get("description_optional_at", ())):
            return None
        if not all(_empty(self.data.get(k)) for k, p in self.fields.items() if p == "description"):
            return False
        return next((k for k in keys if not _empty(self.data.get(k))), False)

    # ---------------------------------------------------------------- body
    def body(self) -> None:
        limit = self.t.get("body_limit")
        body = self.rec.body
        if limit and len(body) > limit:
            line = self.rec.body_line if not self.t.get("prompt_key") else self.line(self.t["prompt_key"])
            self.add(line, ERROR, "body-limit", f"the prompt is {len(body):,} characters; {self.d.id} allows {limit:,}")
        template, given = self.t.get("prompt_template"), self.tune.get("template_inputs", [])
        missing = [m for m in re.finditer(template, body) if m.group(1) not in given] if template else []
        if missing:
            names = ", ".join(dict.fromkeys(m.group() for m in missing))
            self.add(self.rec.body_line + body.count("\n", 0, missing[0].start()), ERROR, "template-input",
                     f"the prompt names {names}, no input of its template: {self.tune['template_refused']}")


# ------------------------------------------------------------------------------------------------ helpers
def _empty(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _kind(v: Any) -> str:
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "a mapping"}.get(type(v), type(v).__name__)


def _is(v: Any, kind: str) -> bool:
    return {"bool": isinstance(v, bool), "list": isinstance(v, list), "str": isinstance(v, str),
            "map": isinstance(v, dict)}.get(kind, True)


def _starts_key(line: str, key: str) -> bool:
    return line.startswith((f"{key}:", f'"{key}":', f"'{key}':"))


