"""Records: what an envelope cuts a file into, and joins back.

Every envelope module has ``parse(text, file, **options) -> Parsed``: the header data, body and layout of a file that
is one record (Claude Code's frontmatter, a Codex TOML agent), and ``render(mapping, body, layout, carry, **options)``
to write one. An envelope whose files hold many records (Roo's ``customModes`` list) also has

- ``split(text, file) -> Split``: the raw records in file order, each a ``Parsed`` whose ``layout`` says where it
  was (so an unchanged record is written back as it came) and whose ``carry`` is its own side channel, and the
  notes about the file as a whole (a top-level key its tool does not read);
- ``join(records: list[Out]) -> str``: the records laid out as one file, each with its side channel;
- ``as_written(layouts) -> str | None``: the source text when ``layouts`` are all the records of one file, in order
  (the api's verdict that nothing changed comes first: ``Dialect.write``).

The side channel's syntax (a ``# agentconv-carry:`` comment, an HTML comment) lives in the envelopes alone; what a
payload may restore is ``carry``'s business. A dialect reads and writes one record (``Dialect.read_record`` /
``Dialect.write_record``); only the api groups records into files.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from types import ModuleType
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

from ..loss import LossCode, Severity
from .frontmatter import MARK, Parsed  # noqa: F401  (MARK: every side channel's syntax starts with it)


@dataclass
class Note:
    """Something an envelope found about a file as a whole, reported once (not per record)."""

    code: LossCode
    params: dict[str, Any]
    """The code's template parameters (``losses.toml``): the code says severity and wording."""
    line: int | None = None
    """1-based line, when the note is about one."""

    @property
    def severity(self) -> Severity:
        return self.code.severity

    @property
    def message(self) -> str:
        return self.code.message(**self.params)


@dataclass
class Split:
    """A file cut into raw records."""

    records: list[Parsed]
    """The raw records, in file order."""
    notes: list[Note] = field(default_factory=list)
    """What the envelope found about the file around the records."""


@dataclass
class Out:
    """One record as a dialect writes it, for its envelope to lay out."""

    mapping: dict[str, Any]
    """The record's keys and values, in the order they are written."""
    body: str
    """The prompt, for envelopes that keep it outside the mapping ("" where it is one of the keys)."""
    layout: Any = None
    """The record's layout when it was read in this very dialect (None: written fresh)."""
    carry: dict[str, Any] | None = None
    """The side-channel payload (``carry.make``), or None: nothing rides along."""


def many(envelope: ModuleType | Any) -> bool:
    """Does this envelope keep many records in one file?"""
    if isinstance(envelope, ModuleType) and "__getattr__" not in envelope.__dict__:  # its own names, read directly:
        return "split" in envelope.__dict__  # a miss spares the exception hasattr raises and catches (per record)
    return hasattr(envelope, "split")


def key_line(text: str, key: str, *, quoted_only: bool = False) -> int | None:
    """The first line naming ``key`` as a key (JSON ``"key":``, TOML ``key =``, YAML ``key:``), for envelopes
    without chunks; with ``quoted_only`` the first line holding ``"key"`` at all."""
    q = re.escape(key)
    pattern = (rf'"{q}"' if quoted_only else rf'^\s*(?:"{q}"\s*:|{q}\s*=|{q}\s*:)')
    for i, ln in enumerate(text.split("\n"), 1):
        if re.search(pattern, ln):
            return i
    return None
