"""A Kiro ``deniedCommands`` regex no glob says exactly is read as the deny of a wider glob (``kiro.command_superset``),
its grant marked ``wider`` (``ir.Grant.wider``); a writer that writes that grant says tool-narrowed
(``WriteContext.wrote``). The loss was found by searching the written header's text for the glob, which also said it
where the deny was not written at all (dropped with --allow-broaden) but another field's text held the glob.
Synthetic inputs only."""
from __future__ import annotations

import json

import agentconv
from agentconv.ir import Document, Grant

KIRO = ".kiro/agents/worker.json"
NARROWED = ("'git push *' (a regex) written as the deny of git push*, which also forbids the commands each glob "
            "matches that the regex does not (a glob cannot say its classes, groups and repeats)")


def kiro(description: str = "Does the work.") -> str:
    return json.dumps({"name": "worker", "description": description, "prompt": "Work.", "tools": ["read", "shell"],
                       "toolsSettings": {"shell": {"deniedCommands": ["git push *", "git status"]}}}, indent=2) + "\n"


def narrowed(text: str, to: str) -> list[str]:
    out = agentconv.convert_text(text, to, path=KIRO, policy=agentconv.Policy(allow_broaden=True))
    return [i.message for i in out.report if i.code.value == "tool-narrowed"]


def test_the_grant_read_as_a_wider_glob_is_marked_and_the_mark_is_neither_compared_nor_serialised():
    doc, _ = agentconv.read_text(kiro(), path=KIRO)
    denied = {g.raw: g for g in doc.agent.tools.denied()}
    assert (denied["git push *"].pattern, denied["git push *"].wider) == ("git push*", True)
    assert (denied["git status"].pattern, denied["git status"].wider) == ("git status", False)  # a glob says it
    assert denied["git push *"] == Grant("git push *", "bash", "deny", "git push*")
    data = doc.to_json()
    assert all("wider" not in g for g in data["records"][0]["tools"]["grants"])
    assert all("wider" not in g for g in doc.agent.semantic()["tools"]["grants"])
    assert Document.from_json(data).agent.tools == doc.agent.tools


def test_said_where_the_deny_is_written_and_nowhere_else_even_where_another_field_holds_the_glob():
    for to in ("opencode",):  # written: bash: {"git push*": deny}
        assert narrowed(kiro(), to) == [NARROWED]
        assert narrowed(kiro("Never runs git push*."), to) == [NARROWED]
    for to in ("claude-command",):  # no deny written there (broadened): nothing narrowed
        assert narrowed(kiro("Never runs git push*."), to) == []
    for to, name in (("gemini", "run_shell_command"), ("copilot", "execute/runInTerminal")):
        # no deny there at all: the shell left out (kiro30), so the glob is not written, not said; the shell left out is
        said = narrowed(kiro("Never runs git push*."), to)
        assert NARROWED not in said and len(said) == 1 and f"{name}(git push*), {name}(git status) denied as the " \
            f"whole {name} in {to} (it has no deny" in said[0], said
    # Claude Code's subagent denies the whole Bash for any disallowedTools entry: the glob is not written, so not said;
    # the shell denied whole is
    said = narrowed(kiro("Never runs git push*."), "claude")
    assert NARROWED not in said and len(said) == 1 and "Bash(git push*), Bash(git status) denied as the whole Bash" \
        in said[0], said
    assert narrowed(kiro(), "kiro") == []  # the regex written back as it came
