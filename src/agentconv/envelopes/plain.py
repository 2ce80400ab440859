"""Plain markdown: no header, the whole text is the record's body (a persona's ``# Title`` and first paragraph are
conventions of its dialect, not keys). What the record cannot hold rides at the end in an HTML comment, which renders
as nothing: ``<!-- agentconv-carry: {...} -->``."""
from __future__ import annotations

from typing import Any

from .. import carry as side
from .. import jsontext, rx
from ..loss import LossCode
from .frontmatter import MARK, Layout, Parsed
from .records import Note

HEADERLESS = True
"""Detection reads a file of this envelope as frontmatter that has no header."""
_CARRY = rx.compile(r"\n<!-- " + MARK + r": (\{.*\}) -->\n?\Z")


def parse(text: str, file: str | None = None, **_: Any) -> Parsed:
    """The text as the body, the side channel at its end taken off (a damaged one stays text, and is said)."""
    m = _CARRY.search(text)
    payload = side.decode(m.group(1)) if m else None
    parsed = Parsed({}, text if payload is None else text[: m.start()], Layout(has_header=False), 1, carry=payload)
    if m and payload is None:
        parsed.notes.append(Note(LossCode.CARRY_STALE, {"variant": "end-damaged", "mark": MARK}))
    return parsed


def render(mapping: dict[str, Any], body: str, layout: Any = None, carry: dict[str, Any] | None = None, **_: Any
           ) -> str:
    """``body`` (the whole text: ``mapping`` has no place of its own) and the side channel after it."""
    tail = _CARRY.search(body) if carry is None else None
    if tail and side.decode(tail.group(1)) is not None:  # a body that ends in what a reader would take for a side
        carry = {"v": side.VERSION, "fields": {}}        # channel: an empty one after it keeps it text
    if carry:
        body += f"\n<!-- {MARK}: " + jsontext.dumps(carry, compact=True).replace("-->", "--\\u003e") + " -->\n"
    return body
