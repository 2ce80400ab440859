"""Unit tests: decoding (BOM, CRLF, mojibake), lenient frontmatter, the registry, safe names."""
from __future__ import annotations

from pathlib import Path

import pytest

import agentconv
from agentconv import naming, registry
from agentconv.envelopes import frontmatter
from agentconv.errors import OutputError, ParseError, UnknownDialectError
from agentconv.text import decode

SEED_002 = Path(__file__).resolve().parent.parent / "fixtures/cases/marketplace/seed-002/agents/specialists/backend-developer.md"


def mojibake(s: str) -> str:
    """UTF-8 read as Windows-1252, dropping the bytes Windows-1252 has no character for (as seed 002 was made)."""
    out = []
    for b in s.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            pass
    return "".join(out)


def test_bom_and_crlf():
    d = decode(b"\xef\xbb\xbf---\r\nname: a\r\n---\r\n\r\nbody\r\n")
    assert (d.text, d.bom, d.newline, d.repairs) == ("---\nname: a\n---\n\nbody\n", True, "\r\n", [])


def test_clean_text_is_untouched():
    d = decode("plain — text with ⚙️ and é\n".encode())
    assert d.text == "plain — text with ⚙️ and é\n" and not d.bom and d.newline == "\n" and d.repairs == []


def test_not_utf8_is_read_as_windows_1252_and_reported():
    # the tools load such a file (U+FFFD for each bad sequence): read, each line's bytes named, one repair a line
    d = decode(b"---\nname: caf\xe9\n---\nna\xefve \x81 x\xe9\xe8 \xe2\x80\x94\n")
    assert d.text == "---\nname: café\n---\nnaïve \ufffd xéè —\n"
    assert [(r.line, r.what, r.after) for r in d.repairs] == [
        (2, "bytes not UTF-8 (0xE9)", "é"), (4, "bytes not UTF-8 (0xEF 0x81 0xE9 0xE8)", "ï\ufffdéè")]
    doc, report = agentconv.read_text(b"---\nname: a\ndescription: caf\xe9\n---\n\xff\xfe\xfa bad\n", "claude")
    assert (doc.agent.description, doc.agent.prompt) == ("café", "ÿþú bad\n")
    assert [(i.line, i.message) for i in report.items if i.code == "text-repaired"] == [
        (3, "bytes not UTF-8 (0xE9) repaired as 'é' (Windows-1252)"),
        (5, "bytes not UTF-8 (0xFF 0xFE 0xFA) repaired as 'ÿþú' (Windows-1252)")]
    with pytest.raises(ParseError, match="not UTF-8 text"):  # a NUL as well: UTF-16 without a BOM, or binary, refused
        agentconv.read_text(b"---\nname: a\n---\n\xff\x00bad\n", "claude")


def test_bytes_not_utf8_beside_mojibake_are_both_reported():
    """A file holding both bytes that are not UTF-8 and mojibake: each repair is said, in line order (the bytes'
    items were dropped when the mojibake repair ran after them)."""
    d = decode(b"---\nname: caf\xe9\n---\nA \xc3\xa2\xe2\x82\xac\xe2\x80\x9d dash\n")
    assert d.text == "---\nname: café\n---\nA — dash\n"
    assert [(r.line, r.what, r.after) for r in d.repairs] == [
        (2, "bytes not UTF-8 (0xE9)", "é"), (4, "mojibake 'â€”'", "—")]


@pytest.mark.parametrize("original", ["avatar: ⚙️", "🔌 API design", "🗄️ Database", "🏗️ Architecture", "🧪 Testing",
                                      "features — I've got", "📡 Real-time"])
def test_mojibake_repaired(original):
    broken = mojibake(original)
    assert broken != original
    d = decode(broken.encode("utf-8"))
    assert d.text == original
    assert d.repairs and all(r.after in original for r in d.repairs)


def test_mojibake_ambiguous_lock_names_every_candidate():
    d = decode(mojibake("- 🔐 Authentication").encode("utf-8"))
    (r,) = d.repairs
    assert r.ambiguous and "🔐" in r.candidates and r.after == r.candidates[0]


def mojibake_whatwg(s: str) -> str:
    """UTF-8 read as windows-1252 the WHATWG way (as browsers decode): a byte Windows-1252 has no character for
    is kept as the C1 control of its number (0x9D as U+009D)."""
    return "".join(bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
                   for b in s.encode("utf-8"))


@pytest.mark.parametrize("once", [mojibake, mojibake_whatwg], ids=["dropped", "whatwg"])
@pytest.mark.parametrize("original", ["features — I've got", "✅ done", "🚀 Deploy", "‘single’ quotes"])
def test_mojibake_twice_is_undone_twice(original, once):
    # saved again after a first mis-decoding: 'â€”' mis-decoded once more reads 'Ã¢â‚¬â€' (+ U+009D the WHATWG way);
    # one level undone gave mojibake again ('âœ…'), or a wrong guess at the lost byte reported as ambiguous
    broken = once(once(original))
    d = decode(broken.encode("utf-8"))
    assert d.text == original
    assert d.repairs and not any(r.ambiguous for r in d.repairs)
    assert all(r.after in original and r.before in broken for r in d.repairs)


@pytest.mark.parametrize("original", ["Árbol", "- 🔐 Authentication", "features — I've got"])
def test_mojibake_whatwg_keeps_the_byte(original):
    # a byte Windows-1252 has no character for, kept as its C1 control (WHATWG index-windows-1252): nothing to guess
    d = decode(mojibake_whatwg(original).encode("utf-8"))
    assert d.text == original and not any(r.ambiguous for r in d.repairs)


def test_mojibake_twice_in_an_agent_is_reported_repaired():
    body = mojibake(mojibake("Status — ✅ done\n"))
    text = f"---\nname: helper\ndescription: Helps.\n---\n\n{body}"
    doc, report = agentconv.read_text(text.encode("utf-8"), "claude")
    assert doc.agent.prompt == "Status — ✅ done\n"
    assert [i.code.value for i in report if i.code.value.startswith("text-")] == ["text-repaired", "text-repaired"]


def test_strong_finds_what_the_signature_pattern_finds():
    """``strong`` looks at each signature's first character instead of searching STRONG: the same answer, for texts
    holding signatures, their first characters alone, followed by something else, or many of them (the pattern)."""
    import random

    from agentconv import text as tx

    rnd = random.Random(11)
    alphabet = "abðŸâ€ï¸ÃÂ\u00a0\u00bf\u00c0©\u0178\n" + tx._CONTS[:6]
    texts = ["", "plain", "naïve café", "ï" * 40, "ï" * 40 + "Ã©", "Â" * 17 + "Â\u00a0", "â€", "ð", "Ã"]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, n))) for n in (3, 8, 60) for _ in range(3000)]
    for t in texts:
        assert tx.strong(t) == (tx.STRONG.search(t) is not None), repr(t)
    assert sum(map(tx.strong, texts)) not in (0, len(texts))  # both answers seen


def test_seed_002_repairs_are_reported():
    _, report = agentconv.read(SEED_002, path="agents/specialists/backend-developer.md")
    codes = [(i.code.value, i.line) for i in report if i.code.value.startswith("text-")]
    assert ("text-repaired", 6) in codes and ("text-repaired", 10) in codes
    ambiguous = [i for i in report if i.code.value == "text-ambiguous"]
    assert any("🔐" in i.message and i.line == 15 for i in ambiguous)
    doc, _ = agentconv.read(SEED_002, path="agents/specialists/backend-developer.md")
    assert doc.agent.metadata["avatar"] == "⚙️"
    assert "features — I've got" in doc.agent.metadata["greeting"]


def test_lenient_frontmatter_reports_the_line():
    text = ("---\nname: helper\ndescription: Use it when: you need help. <example>user: hi</example>\n"
            "tools: Read\n---\n\nPrompt.\n")
    parsed = frontmatter.parse(text)
    assert parsed.lenient == [(3, "description")]
    assert parsed.data == {"name": "helper", "tools": "Read",
                           "description": "Use it when: you need help. <example>user: hi</example>"}
    _, report = agentconv.read_text(text, "claude")
    (item,) = [i for i in report if i.code.value == "yaml-lenient"]
    assert (item.line, item.path, item.severity.value) == (3, "description", "warning")


def test_lenient_folds_continuation_lines():
    text = "---\nname: a\ndescription: one: two\n  three\n---\nbody\n"
    assert frontmatter.parse(text).data["description"] == "one: two three"


def test_unclosed_frontmatter():
    with pytest.raises(ParseError) as exc:
        frontmatter.parse("---\nname: a\n\nbody\n", "x.md")
    assert exc.value.line == 1 and "not closed" in str(exc.value)


def test_header_not_a_mapping():
    with pytest.raises(ParseError):
        frontmatter.parse("---\n- a\n- b\n---\nbody\n")


@pytest.mark.parametrize("name,suggestion", [("copylot", "copilot"), ("claud", "claude"), ("opencod", "opencode"),
                                             ("marketplce", "marketplace")])
def test_registry_did_you_mean(name, suggestion):
    with pytest.raises(UnknownDialectError) as exc:
        registry.get(name)
    assert f"did you mean {suggestion!r}" in str(exc.value)


@pytest.mark.parametrize("alias,dialect", [("claude-code", "claude"), ("vscode", "copilot"), ("catalog", "marketplace"),
                                           ("md", "markdown"), ("CLAUDE", "claude")])
def test_registry_aliases(alias, dialect):
    assert registry.get(alias).id == dialect


def test_registry_no_suggestion_for_nonsense():
    with pytest.raises(UnknownDialectError) as exc:
        registry.get("zzzzzzzz")
    assert "did you mean" not in str(exc.value)


@pytest.mark.parametrize("bad", ["../../x", "..", "/etc/passwd", "a\\b", "", "a//b", "./a", "a/../b", "c:x", "a\x00b",
                                 "x\n"])
def test_check_safe_refuses(bad):
    with pytest.raises(OutputError):
        naming.check_safe(bad)


@pytest.mark.parametrize("good", ["backend-developer", "team/reviewer", "a_b", "x1"])
def test_check_safe_accepts(good):
    assert naming.check_safe(good) == good


@pytest.mark.parametrize("text,slug", [("Backend Developer", "backend-developer"), ("  Ünïcödé  Name ", "unicode-name"),
                                       ("⚙️", ""), ("a--b", "a-b")])
def test_slugify(text, slug):
    assert naming.slugify(text) == slug


def test_a_broken_header_is_a_parse_error_even_without_a_dialect():
    """Detection failing on a broken header reports the header (exit 3), not 'no dialect fits' (exit 4)."""
    import pytest

    from agentconv.errors import ExitCode, ParseError

    for text, line, words in (("---\n", 1, "not closed"), ("---\n- a\n- b\n---\nx\n", 2, "is a list")):
        with pytest.raises(ParseError) as err:
            agentconv.read_text(text.encode(), path="agent.md")
        assert err.value.exit_code == ExitCode.PARSE and err.value.line == line and words in str(err.value)


def test_a_minimal_name_and_description_file_reads_as_claude():
    assert agentconv.detect_text(b"---\nname: x\ndescription: y\n---\nbody\n", path="agent.md").dialect == "claude"


@pytest.mark.parametrize("prompt, made", [
    ("You review code.\nBe brief.\n\nMore.", ("You review code. Be brief.", "prompt")),
    ("# Reviewer\nYou review code.\n\nMore.", ("You review code.", "prompt")),  # the heading's block's prose
    ("<!-- Powered by X Core -->\n\n# analyst\n\nYou analyse.", ("You analyse.", "prompt")),
    ("<!-- a comment\nover lines -->\nYou analyse.", ("You analyse.", "prompt")),
    ("```yaml\nagent: x\n\nrole: y\n```\n\nYou analyse.", ("You analyse.", "prompt")),  # a blank line in the fence
    ("---\n\n| a | b |\n|---|---|\n\n![logo](x.png)\n\n<div align=center>\n\nYou analyse.", ("You analyse.", "prompt")),
    ("````prompt\n---\nmode: ask\n---\nSummarize.\n````\n", ("helper", "name")),  # no prose outside the fence
    ("", ("helper", "name")),
])
def test_a_made_up_description_is_prose_never_markup(prompt, made) -> None:
    from agentconv.dialects.helpers import made_up_description

    assert made_up_description(None, prompt, "helper") == made
    assert made_up_description("Code Reviewer", prompt, "helper") == ("Code Reviewer", "title")
    assert made_up_description(None, "<!-- only -->", None) is None


def test_a_longer_fence_is_not_closed_by_a_shorter_one_inside_it() -> None:
    from agentconv.dialects.helpers import first_paragraph

    assert first_paragraph("````prompt\nIntro.\n```json\n{\"a\": 1}\n```\n````\n\nAfter the fence.") == "After the fence."
    assert first_paragraph("~~~\n```\nnot closed by backticks\n~~~\nProse.") == "Prose."


@pytest.mark.parametrize("prompt, made", [
    ("<!-- Powered by X -->\n\n# dev\n\nACTIVATION: read the block.\n\n```yaml\nactivation:\n  - step 1\nagent:\n"
     "  name: Jo\n  id: dev\n  whenToUse: 'Use for code, and ''tests'''\n  icon: x\npersona:\n  role: Dev\n```\n",
     ("Use for code, and 'tests'", "prompt's agent block (whenToUse)")),
    ("```yaml\nagent:\n  whenToUse: \"Use for plans\"\n```\n", ("Use for plans", "prompt's agent block (whenToUse)")),
    ("```yaml\npersona:\n  whenToUse: not the agent's\n```\n\nProse.", ("Prose.", "prompt")),
    ("Prose.\n\nagent:\n  whenToUse: not in a yaml block\n", ("Prose.", "prompt")),
    ("```yaml\nagent:\n  whenToUse: |\n    a block scalar\n```\n\nProse.", ("Prose.", "prompt")),
])
def test_an_agent_block_s_when_to_use_describes_the_agent(prompt, made) -> None:
    from agentconv.dialects.helpers import made_up_description

    assert made_up_description(None, prompt, "dev") == made


def test_an_agent_block_s_when_to_use_comes_before_a_title() -> None:
    """BMAD-METHOD's installer (v4.44.3 tools/installer/lib/ide-setup.js) describes an agent by its whenToUse alone;
    a `# title` above the block is a name, not a description."""
    from agentconv.dialects.helpers import agent_block, made_up_description

    prompt = "Read the block.\n\n```yaml\nagent:\n  id: pm\n  whenToUse: Use for product plans\n```\n"
    assert made_up_description("BMad PM", prompt, "pm") == ("Use for product plans", "prompt's agent block (whenToUse)")
    assert agent_block(prompt) and agent_block("```yml\nagent:\n  id: pm\n```\n")
    assert not agent_block("```yaml\npersona:\n  agent: nested\n```\n") and not agent_block("agent:\n  id: x\n")


@pytest.mark.parametrize("target", ["claude", "copilot", "opencode", "gemini", "codex"])
def test_a_bmad_agent_under_a_title_keeps_its_first_paragraph_as_prompt(target) -> None:
    """A BMAD-METHOD agent whose file starts with `# id` (v4.0 to v5: no comment line above it) is one prompt from the
    title down: its first paragraph (ACTIVATION-NOTICE, CRITICAL: Read the full YML ...) is an instruction, not the
    description a plain persona's first paragraph is; the description is the agent block's whenToUse."""
    import agentconv

    text = ("# architect\n\nACTIVATION-NOTICE: obey the block below.\n\n```yaml\nagent:\n  name: Win\n  id: architect\n"
            "  whenToUse: Use for system design\n```\n")
    agent = agentconv.read_text(text, "markdown", path="bmad-core/agents/architect.md")[0].agent
    assert agent.description is None and agent.prompt.startswith("ACTIVATION-NOTICE: obey the block below.\n")
    out = agentconv.convert_text(text, target, from_="markdown", path="bmad-core/agents/architect.md")
    back = agentconv.read_text(out.text, target, path=out.path)[0].agent
    assert back.description == "Use for system design"
    assert "ACTIVATION-NOTICE: obey the block below." in back.prompt


def test_ordinals_in_placeholder_reports():
    from agentconv.placeholders import ordinal

    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 100, 101, 111, 112, 151)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "100th", "101st", "111th", "112th",
        "151st"]


def test_messages_put_an_before_a_vowel():
    from agentconv.naming import a
    from agentconv.validate import validate_text

    assert [a(w) for w in ("opencode", "copilot", "agent", "Opencode")] == [
        "an opencode", "a copilot", "an agent", "an Opencode"]
    found = validate_text("---\ndescription: d\ncolour: red\n---\nx\n", "opencode", path=".opencode/agent/x.md")
    assert any(f.message.startswith("'colour' is not an opencode field") for f in found)
