"""Mojibake quoted, not suffered: an agent that checks files for encoding damage names the signatures it looks for in
inline code (`Ã©`, `â€™`). Its text is sound UTF-8 (the tools read it as written); repairing those quotes turned
"flag `Ã©`" into "flag `é`", an instruction to flag every accented letter, and the file no longer came back byte for
byte (two files of one repository of shadow corpus unseen33, a Claude Code agent and its Codex role). A text whose
every mojibake signature stands inside an inline code span is left as it is; one with a signature in its prose (or in
a fenced block, where a broken emoji in a shown message is text like any other) is repaired as before. Synthetic."""
from __future__ import annotations

import agentconv
from agentconv.text import decode

QUOTED = ("---\nname: enc-check\ndescription: Checks files for encoding damage.\n---\n\n"
          "Flag the replacement character (U+FFFD) and mojibake digraphs — `Ã©`, `â€™`, `â€œ` — "
          "wherever they appear; a right single quote (’) or an accented letter (é) is fine.\n")


def test_mojibake_quoted_in_inline_code_is_not_repaired():
    d = decode(QUOTED.encode("utf-8"))
    assert d.text == QUOTED and d.repairs == []


def test_an_agent_quoting_mojibake_comes_back_byte_for_byte_and_reports_no_repair():
    out = agentconv.convert_text(QUOTED, "claude", from_="claude", path=".claude/agents/enc-check.md")
    assert out.text == QUOTED
    assert not [i for i in out.report if i.code.value.startswith("text-")], out.report
    oc = agentconv.convert_text(QUOTED, "opencode", from_="claude", path=".claude/agents/enc-check.md")
    assert "`Ã©`, `â€™`, `â€œ`" in oc.text


def test_mojibake_in_prose_beside_a_quoted_one_is_still_repaired():
    text = QUOTED.replace("appear;", "appear â€” always;")
    d = decode(text.encode("utf-8"))
    assert "appear — always;" in d.text and d.repairs
