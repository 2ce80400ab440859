"""The read path's shortcuts give what the long way gave: where a header closes, newline and NUL handling in decode,
detection's memo of tool evidence."""
from __future__ import annotations

import pytest

from agentconv import api, registry
from agentconv.envelopes import frontmatter
from agentconv.text import decode


@pytest.mark.parametrize("text, head, close, gap, body, body_line", [
    ("---\nname: a\n---\nbody\n", ["name: a"], "---", "", "body\n", 4),
    ("---\n---\n\n\nbody", [], "---", "\n\n", "body", 5),
    ("---\nname: a\n...\n---  \n\nbody", ["name: a", "..."], "---  ", "\n", "body", 6),
    ("---\nname: a\n---", ["name: a"], "---", "", "", 4),
    ("--- \nx: |\n  ---x\n---\t\nb", ["x: |", "  ---x"], "---\t", "", "b", 5),
    ("---\n# c\n\nname: a\n\n---\n---\n", ["# c", "", "name: a", ""], "---", "", "---\n", 7),
])
def test_where_the_header_closes(text, head, close, gap, body, body_line):
    p = frontmatter.parse(text)
    assert "".join(c.text for c in p.layout.chunks) + p.layout.trailer == "".join(h + "\n" for h in head)
    assert (p.layout.close, p.layout.gap, p.body, p.body_line) == (close, gap, body, body_line)


@pytest.mark.parametrize("text", ["---\nname: a\n", "---", "---\n--- x\n", "---\nname: a\n...  \n\nbody"])
def test_a_header_that_never_closes(text):
    with pytest.raises(Exception, match="not closed"):
        frontmatter.parse(text)


def test_no_header_keeps_its_leading_blank_lines():
    p = frontmatter.parse("\n\nbody ---\n---\n")
    assert (p.layout.has_header, p.layout.gap, p.body, p.body_line) == (False, "\n\n", "body ---\n---\n", 3)


@pytest.mark.parametrize("data, text, newline", [
    (b"a\r\nb\r\n", "a\nb\n", "\r\n"),
    (b"a\rb\r", "a\nb\n", "\r"),
    (b"a\rb\nc", "a\rb\nc", "\n"),  # a CR alone in LF text is text
    ("\ufeffa\r\n", "a\n", "\r\n"),
])
def test_newlines(data, text, newline):
    d = decode(data)
    assert (d.text, d.newline) == (text, newline)


def test_a_nul_is_refused_at_its_character():
    with pytest.raises(UnicodeDecodeError) as exc:
        decode("é\x00".encode())
    assert exc.value.start == 1  # the character's place, not the byte's


def test_mojibake_after_other_non_ascii_text_is_repaired():
    d = decode("façade — the cafÃ©".encode())
    assert d.text == "façade — the café" and len(d.repairs) == 1


def test_detection_evidence_is_the_same_each_time_and_its_own_copy():
    text = "---\nname: r\ndescription: d\ntools: Read, Grep, mcp__gh__x\n---\nbody\n"
    first = api.detect_text(text, path="agents/r.md")
    first.evidence.append("changed by the caller")
    again = api.detect_text(text, path="agents/r.md")
    assert again.dialect == "claude" and "changed by the caller" not in again.evidence
    assert again.evidence == first.evidence[:-1] and again.scores == first.scores
    claude = registry.get("claude")
    assert claude._detect_tools({"tools": ["Read", "Grep"]}) == claude._detect_tools({"tools": ["Read", "Grep"]})
    assert claude._detect_tools({"tools": ["Read", "Grep"]}) != claude._detect_tools({"tools": "Read, Grep"})
