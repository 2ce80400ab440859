"""Roo's modes file: many records in one YAML file (Roo falls back to JSON), the items of ``customModes``.

``.roomodes`` / ``.kilocodemodes`` (project), ``custom_modes.yaml`` (global), and a mode exported alone (a mapping
with ``slug``, no list around it: read as that one record, and said). Roo replaces smart quotes, Unicode dashes,
NBSP and zero-width characters before parsing (RooCodeInc/Roo-Code src/core/config/CustomModesManager.ts, checked
2026-11-26); so does ``split`` (reported), unless that clean-up breaks the YAML: then the file is read as written and
the warning says Roo loads no mode from it.

Side channel: a ``# agentconv-carry: {...,"slug": SLUG}`` comment line before a mode's item, matched to the mode by
its slug. A file whose records all come back unchanged, in order, is written as it came.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import carry as side
from .. import jsontext, limits, rx
from ..errors import problem
from ..limits import LimitError
from ..loss import LossCode
from . import yamlio
from .frontmatter import CARRY_PREFIX, Layout, Parsed
from .records import Note, Out, Split

LIST = "customModes"
LOADED = frozenset({".roomodes", ".kilocodemodes", "custom_modes.yaml"})
"""The files Roo (Kilo) loads modes from by their name."""
ID = "slug"
PROBLEM = rx.compile("[\u00a0\u200b\u200c\u200d\u2010-\u2015\u2212\u2018\u2019\u201c\u201d]")
_SWAP = {"\u00a0": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\u2018": "'", "\u2019": "'", "\u201c": '"',
         "\u201d": '"'}
_CARRY = rx.compile(r"^[ \t]*" + re.escape(CARRY_PREFIX) + r"(\{.*\})[ \t]*$", re.M)


def clean(text: str) -> str:
    """What Roo does to a modes file before parsing it (CustomModesManager: problematic characters)."""
    return PROBLEM.sub(lambda m: _SWAP.get(m.group(0), "-"), text)


def cleaned(value: Any) -> Any:
    """``value`` with every string in it as Roo reads it (``clean``): what a file written fresh holds, since Roo
    cleans the text before parsing it, and a smart quote left inside a quoted string would end that string there
    and cost every mode of the file (CustomModesManager.ts; RooCodeInc/Roo-Code, checked 2026-11-27)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {k: cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [cleaned(v) for v in value]
    return value


def as_read(value: Any) -> Any:
    """``value`` as a reader sees it after Roo's clean-up (what a side channel's digest covers)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [as_read(v) for v in value]
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: as_read(v) for k, v in value.items()}
    return value


@dataclass
class File:
    """The modes file a record came from."""

    text: str | None
    """The source as it came (None: never written back as it came, e.g. a JSON key written twice)."""
    modes: list[Any] = field(default_factory=list)
    """Every mode as read, in order."""


@dataclass
class Item(Layout):
    """Where one mode was: its file, its place in the list, and the mode as read."""

    file: File | None = None
    index: int = 0
    data: dict[str, Any] = field(default_factory=dict)


def sniff(text: str, path: str | None) -> bool:
    return LIST in text or (re.search(r"^slug:", text, re.M) is not None
                            and re.search(r"^roleDefinition:", text, re.M) is not None)  # one mode


def parse(text: str, file: str | None = None, **_: Any) -> Parsed:
    """The whole file: ``data`` is its top-level mapping (for detection; ``split`` gives the records)."""
    twice, unloadable, error = False, None, None
    try:
        data = yamlio.load(clean(text), file) if text.strip() else {}
    except LimitError:
        raise
    except Exception as exc:  # ruamel's YAMLError and friends
        data, error = None, exc
    if error is not None and clean(text) != text:
        try:  # Roo's clean-up broke it (a smart quote inside a "..." scalar): Roo loads no mode from it
            data, line = yamlio.load(text, file), yamlio.error_line(error)
            unloadable = 1 if line is None else line + 1
        except LimitError:
            raise
        except Exception:
            pass
    if error is not None and unloadable is None:
        try:
            data, twice = jsontext.loads(text)  # a key twice: Roo's JSON.parse keeps the last
        except RecursionError:
            raise problem("json-too-deep", file=file, most=limits.MAX_DEPTH) from None
        except ValueError:
            line = yamlio.error_line(error)
            raise problem("roomodes-not-yaml", file=file, line=line + 1 if line is not None else 1,
                          reason=yamlio.error_text(error)) from None
    if data is None:
        data = {}
    bare = isinstance(data, list) and bool(data) and all(isinstance(m, dict) and ID in m for m in data)
    if bare:  # the modes with no 'customModes' key around them: Roo and Kilo load none (see split)
        data = {LIST: data}
    if not isinstance(data, dict):
        raise problem("roomodes-not-a-map", file=file, line=1, type=type(data).__name__)
    data, coerced = limits.plain(data, file)
    parsed = Parsed(data, "", Layout(has_header=True), 1)
    parsed.coerced = coerced
    parsed.unloadable = unloadable
    if bare:  # Roo: `!settings.customModes` -> no modes (CustomModesManager.loadModesFromFile); Kilo's ModesMigrator
        # (packages/opencode/src/kilocode/modes-migrator.ts readModesFile): `parsed?.customModes ?? []`; both read
        # 2026-11-28. Read as those modes, as one mode alone is, and said (validate: an error).
        parsed.notes.append(Note(LossCode.FILE_REJECTED, {"variant": "modes-unwrapped", "tool": "Roo"}, 1))
    parsed.layout.verbatim = not twice  # type: ignore[attr-defined]  # else never written back as it came
    return parsed


def split(text: str, file: str | None = None, **_: Any) -> Split:
    """Every mode of the file, in order, each with its own side channel."""
    whole = parse(text, file)
    data = whole.data
    notes = []
    for note in whole.coerced:  # no path of their own: the first parameter says where
        first, params = next(iter(note.params)), note.params
        notes.append(Note(note.code, {**params, first: f"{note.where}: {params[first]}"} if note.where else params))
    notes += whole.notes  # a bare list of modes (parse)
    single = LIST not in data and ID in data  # one mode, unwrapped (an export, a catalogue entry)
    modes = [data] if single else data.get(LIST)
    if single and (file or "").replace("\\", "/").rpartition("/")[2] in LOADED:  # Roo loads nothing from it
        notes.append(Note(LossCode.FILE_REJECTED, {"variant": "mode-unwrapped", "tool": "Roo"}, 1))
    elif single:  # an export, a catalogue entry: no file Roo loads by its name
        notes.append(Note(LossCode.VALUE_READ_AS, {"variant": "mode-unwrapped", "tool": "Roo"}))
    if modes == [] and not whole.unloadable:  # valid: Roo's schema (customModesSettingsSchema) takes an empty list
        raise problem("roomodes-empty-list", file=file)
    if not isinstance(modes, list) or not modes:
        raise problem("roomodes-no-list", file=file, line=1)
    if whole.unloadable:
        notes.append(Note(LossCode.FILE_UNLOADABLE, {"variant": "roo-clean-up", "at": whole.unloadable},
                          whole.unloadable))
    elif PROBLEM.search(text):  # read after Roo's clean-up
        notes.append(Note(LossCode.TEXT_CLEANED, {"variant": "file", "count": len(PROBLEM.findall(text))}))
    for key in () if single else data:
        if key != LIST:
            notes.append(Note(LossCode.FIELD_DROPPED, {"variant": "roo-top-level", "key": key, "tool": "Roo"},
                               line_of(text, key)))
    carries = {}
    for m in _CARRY.finditer(text):
        payload = side.decode(m.group(1))
        if payload is not None:
            carries[str(payload.get(ID))] = (payload, text.count("\n", 0, m.start()) + 1)
    source = File(text if whole.layout.verbatim else None, modes)  # type: ignore[attr-defined]
    records = []
    for i, mode in enumerate(modes):
        if not isinstance(mode, dict):
            raise problem("roomodes-mode-not-a-map", file=file, line=1, number=i + 1)
        payload, cline = carries.get(str(mode.get(ID)), (None, None))
        line = line_of(text, ID, mode.get(ID)) or 1
        records.append(Parsed(mode, "", Item(file=source, index=i, data=mode), line, carry=payload, carry_line=cline,
                              line=line))
    return Split(records, notes)


def _whole(layouts: list[Any]) -> File | None:
    """The file when ``layouts`` are every record of one modes file, in order."""
    if not layouts or not all(isinstance(lo, Item) for lo in layouts):
        return None
    first = layouts[0].file
    if any(lo.file is not first for lo in layouts) or [lo.index for lo in layouts] != list(range(len(first.modes))):
        return None
    return first


def _reusable(text: str | None) -> bool:
    """Can the source be written back as it came? Not with raw characters we never write, nor with a damaged
    side-channel comment (which would pass for one)."""
    if text is None or jsontext.UNSAFE.search(text):
        return False
    return all(side.decode(line.split(CARRY_PREFIX, 1)[1]) is not None
               for line in text.split("\n") if line.lstrip().startswith(CARRY_PREFIX))


def as_written(layouts: list[Any]) -> str | None:
    """The source text, when ``layouts`` are every record of one file, in order, and it can be written as it came."""
    source = _whole(layouts)
    return source.text if source is not None and _reusable(source.text) else None


def join(records: list[Out], **_: Any) -> str:
    """The modes as one file: the source as it came when every mode is as read, else written fresh."""
    source = _whole([r.layout for r in records])
    if source is not None and [r.mapping for r in records] == source.modes and _reusable(source.text) and (
            not any(r.carry for r in records) or _CARRY.search(source.text or "")):
        return source.text  # type: ignore[return-value]
    if not records:
        return f"{LIST}: []\n"
    parts = [f"{LIST}:\n"]
    for r in records:
        if r.carry:
            parts.append("  " + CARRY_PREFIX + jsontext.dumps({**r.carry, ID: r.mapping.get(ID)}, compact=True) + "\n")
        parts.append(yamlio.dump({LIST: [cleaned(r.mapping)]})[len(f"{LIST}:\n"):])
    return "".join(parts)


def line_of(text: str, key: str, value: Any = None) -> int | None:
    """The first line naming ``key`` (with ``value``, when given) as a YAML or JSON key."""
    rx = rf'^\s*(?:-\s+)?["\']?{re.escape(key)}["\']?\s*:\s*'
    if value is not None:
        rx += rf'["\']?{re.escape(str(value))}'
    m = re.search(rx, text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None
