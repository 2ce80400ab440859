"""Placeholders between command dialects, pair by pair, as a literal table (in the style of sqlglot's validate_all).

Each row: a prompt read in one dialect, the prompt written in another, and what the report says about it. The rules
are the tools' own (cited in each dialect's table, ``[placeholders]``): a shell command the target would run appears
there only where the source ran one; literal text the target would expand is escaped where the target has an escape
(Claude Code drops a backslash before ``$``; Codex skips ``$$``) or reported; what a tool reads as text stays text.
"""
from __future__ import annotations

import json
import tomllib

import pytest

import agentconv

PATHS = {"claude-command": ".claude/commands/p.md", "gemini-command": ".gemini/commands/p.toml",
         "codex-prompt": ".codex/prompts/p.md", "opencode-command": ".opencode/command/p.md",
         "copilot-prompt": ".github/prompts/p.prompt.md", "cursor-command": ".cursor/commands/p.md"}


def source(dialect: str, prompt: str) -> str:
    if dialect == "gemini-command":
        return f'description = "d"\nprompt = {json.dumps(prompt)}\n'
    if dialect == "cursor-command":  # plain markdown: no header
        return prompt
    return f"---\ndescription: d\n---\n{prompt}"


def written(dialect: str, text: str) -> str:
    """The prompt of a file written in ``dialect`` (its side channel aside)."""
    if dialect == "cursor-command":
        return text.split("\n<!-- agentconv-carry")[0]
    if dialect == "gemini-command":
        return tomllib.loads(text)["prompt"].lstrip("\n")
    return text.split("---\n", 2)[2].lstrip("\n")


R, W = "info", "warning"
PAIRS = [
    # read=(dialect, prompt), write=(dialect, prompt written), said=[(severity, part of the message)]
    # A Cursor command has no placeholders: what looks like one is text there, and stays text
    (("cursor-command", "Use {{args}} here"), ("claude-command", "Use {{args}} here"), []),
    # (Gemini CLI replaces {{args}} wherever it stands, with no escape: a blank keeps it text, as for a shell
    # command's '!', said; an @{path} it leaves as written where no such file is: kept, said)
    (("cursor-command", "Use {{args}} here"), ("gemini-command", "Use {{ args}} here"),
     [(W, "'{{args}}' is literal text; gemini-command would put the arguments there (it has no escape): written as "
          "'{{ args}}'")]),
    (("claude-command", "Say {{args}} for $ARGUMENTS, see @{notes.md}"),
     ("gemini-command", "Say {{ args}} for {{args}}, see @{notes.md}"),
     [(W, "'{{args}}' is literal text; gemini-command would put the arguments there"),
      (W, "'@{notes.md}' is literal text; gemini-command expands it")]),
    (("copilot-prompt", "Use {{args}} and {{arg:1}}"), ("opencode-command", "Use {{args}} and {{arg:1}}"), []),
    # ... and text another tool would run as a shell command never runs there
    (("cursor-command", "Then !{rm -rf x} now"), ("gemini-command", "Then ! {rm -rf x} now"),
     [(W, "'!{rm -rf x}' is literal text; gemini-command would run it as a shell command: written as '! {rm -rf x}'")]),
    (("cursor-command", "See a!`ls` now"), ("opencode-command", "See a! `ls` now"),
     [(W, "'!`ls`' is literal text; opencode-command would run it as a shell command: written as '! `ls`'")]),
    (("cursor-command", "See a!`ls` now"), ("claude-command", "See a!`ls` now"), []),  # not after a blank: text
    (("cursor-command", "Run:\n```!\ngit status\n```\n"), ("claude-command", "Run:\n``` !\ngit status\n```\n"),
     [(W, "claude-command would run it as a shell command: written as '``` !\\ngit status\\n```'")]),
    (("copilot-prompt", "Try !{ls}"), ("gemini-command", "Try ! {ls}"), [(W, "would run it as a shell command")]),
    (("codex-prompt", "Try !`ls` now"), ("opencode-command", "Try ! `ls` now"),
     [(W, "would run it as a shell command"), (W, "codex-prompt drops the arguments")]),
    # Claude Code runs !`cmd` only at a line's start or after a blank, never inside a code span; a ```! block runs
    (("claude-command", "See x!`rm -rf /` now"), ("gemini-command", "See x!`rm -rf /` now"), []),
    (("claude-command", "See x!`rm -rf /` now"), ("opencode-command", "See x! `rm -rf /` now"),
     [(W, "would run it as a shell command")]),
    (("claude-command", "Use `a !`ls` b` here"), ("gemini-command", "Use `a !`ls` b` here"), []),
    (("claude-command", "Now:\n```!\ngit status\n```\n"), ("gemini-command", "Now:\n!{git status}\n"),
     [(R, "placeholder '```!\\ngit status\\n```' written as '!{git status}'")]),
    (("claude-command", "Now:\n```!\ngit status\n```\n"), ("codex-prompt", "Now:\n!{git status}\n\n$ARGUMENTS\n"),
     [(W, "'```!\\ngit status\\n```' is a placeholder (shell output); codex-prompt has no equivalent")]),
    (("claude-command", "Log: !`git log\n-3`"), ("opencode-command", "Log: !`git log\n-3`"), []),
    (("gemini-command", "Status:!{git status}"), ("claude-command", "Status: !`git status`"),
     [(R, "placeholder '!{git status}' written as ' !`git status`'")]),  # a blank before it: it runs (comes back so)
    (("gemini-command", "Use `run !{ls}` here"), ("claude-command", "Use `run !`ls`` here"),
     [(W, "'!`ls`' is a placeholder (shell output); claude-command reads it as text where it stands")]),
    (("opencode-command", "Do a!`ls`"), ("claude-command", "Do a !`ls`"), [(R, "placeholder '!`ls`' written as ' !`ls`'")]),
    # the arguments put into a shell command: Gemini CLI quotes them, Claude Code and OpenCode do not
    # (one shell word there, so written between double quotes: the same words to the shell; the way back drops them)
    (("gemini-command", "Hits: !{grep -rn {{args}} src}"), ("claude-command", "Hits: !`grep -rn \"$ARGUMENTS\" src`"),
     [(W, "is a shell command given the arguments; claude-command puts them in as typed"),
      (R, "'{{args}}' of a shell command written as '\"$ARGUMENTS\"' (one word")]),
    (("gemini-command", "Hits: !{grep \"a \"{{args}}\" b\" .}"), ("opencode-command", "Hits: !`grep \"a $ARGUMENTS b\" .`"),
     [(W, "is a shell command given the arguments; opencode-command puts them in as typed")]),
    # Gemini CLI shell-quotes {{args}} inside !{...} (shellProcessor.ts, escapeShellArg): between the source's quotes
    # its own quotes would reach the command as text ("'foo bar'"), so the placeholder goes outside them
    (("claude-command", "Hits: !`grep -rn \"$ARGUMENTS\" src` and !`grep '$ARGUMENTS' .`"),
     ("gemini-command", "Hits: !{grep -rn {{args}} src} and !{grep {{args}} .}"),
     [(R, "'$ARGUMENTS' between quotes of a shell command written as '{{args}}' outside them")]),
    (("opencode-command", "Hits: !`grep \"x $ARGUMENTS y\" .`"), ("gemini-command", "Hits: !{grep \"x \"{{args}}\" y\" .}"),
     [(R, "'$ARGUMENTS' between quotes of a shell command written as '{{args}}' outside them")]),
    # ... and arguments outside quotes, which Claude Code splits into words, arrive there as one word: said
    (("claude-command", "Log: !`git log $ARGUMENTS`"), ("gemini-command", "Log: !{git log {{args}}}"),
     [(W, "'$ARGUMENTS' is the arguments in a shell command, outside quotes; gemini-command puts them in as one")]),
    # literal text of a shell command that Gemini CLI would replace there ({{args}}, @{path}; a nested !{ runs
    # nothing): an empty quoted string inside it, the same to the shell
    (("claude-command", "Run: !`echo {{args}} '{{args}}' \"@{x}\" !{y}` now"),
     ("gemini-command", "Run: !{echo {''{args}} '{''{args}}' \"@\"\"{x}\" !{y}} now"),
     [(R, "literal '{{args}}' of a shell command written as \"{''{args}}\""),
      (R, "literal '@{x}' of a shell command written as '@\"\"{x}'")]),
    # literal $N or $ARGUMENTS of a shell command in a tool that has no such placeholder there: ${N} for OpenCode, which
    # would otherwise put the arguments into the command as typed (the same to the shell); between single quotes, where
    # the shell passes ${1} on as text (awk would fail on it), the quote closed and opened again: $''1
    (("gemini-command", "Ids: !{git log | awk '{print $1, $10}'} and $ARGUMENTS"),
     ("opencode-command", "Ids: !`git log | awk '{print $''1, $''10}'` and $ARGUMENTS"),
     [(R, "literal '$1' of a shell command written as \"$''1\""), (R, "literal '$10' of a shell command written as \"$''10\""),
      (W, "'$ARGUMENTS' is literal text; opencode-command expands it")]),
    (("gemini-command", "Ids: !{echo \"$1 it's\" $10 'a'\\''$2' $3}"),
     ("opencode-command", "Ids: !`echo \"${1} it's\" ${1}0 'a'\\''$''2' ${3}`"),
     [(R, "literal '$1' of a shell command written as '${1}'"), (R, "literal '$10' of a shell command written as '${1}0'"),
      (R, "literal '$2' of a shell command written as \"$''2\""), (R, "literal '$3' of a shell command written as '${3}'")]),
    (("gemini-command", "Env: !{echo $ARGUMENTS}"), ("opencode-command", "Env: !`echo ${ARGUMENTS}`"),
     [(R, "literal '$ARGUMENTS' of a shell command written as '${ARGUMENTS}'")]),
    (("gemini-command", "Env: !{echo $ARGUMENTS}"), ("claude-command", "Env: !`echo \\$ARGUMENTS`"), []),
    # Claude Code's escape: a backslash before $ARGUMENTS or $N, which it drops
    (("claude-command", "Say \\$ARGUMENTS and \\$1 for $ARGUMENTS"), ("gemini-command", "Say $ARGUMENTS and $1 for {{args}}"),
     []),
    (("claude-command", "Say \\$ARGUMENTS for $0"), ("opencode-command", "Say $ARGUMENTS for $1"),
     [(W, "'$ARGUMENTS' is literal text; opencode-command expands it")]),
    (("cursor-command", "Costs $1 or $ARGUMENTS"), ("claude-command", "Costs \\$1 or \\$ARGUMENTS"),
     [(R, "literal '$1' written as '\\$1' (claude-command shows it as '$1'")]),
    (("codex-prompt", "Fix $1 for $$ARGUMENTS"), ("claude-command", "Fix $0 for $\\$ARGUMENTS"), []),
    # Claude Code's @path (its mention scan: a bare token at a word's start, or @"a path with blanks"; 2.1.332 e1n)
    # and Gemini CLI's @{path} (atFileProcessor.ts), the one Claude Code's own Gemini importer writes as the other
    (("gemini-command", "Read @{my notes.md} and @{src/a.py}"), ("claude-command", 'Read @"my notes.md" and @src/a.py'),
     [(R, "placeholder '@{my notes.md}' written as '@\"my notes.md\"'")]),
    (("claude-command", 'Read @"my notes.md", not @"Plan (agent)"'), ("gemini-command", 'Read @{my notes.md}, not @"Plan (agent)"'),
     [(R, "placeholder '@\"my notes.md\"' written as '@{my notes.md}'")]),
    # ... but in a fenced code block (an example, `npx @scope/pkg`) it stays text where the target would put a file's
    # contents there (Gemini: an error where there is none) or has no file reference: said
    (("claude-command", "Run:\n```bash\nnpx @playwright/mcp\n```\nRead @src/a.py"),
     ("gemini-command", "Run:\n```bash\nnpx @playwright/mcp\n```\nRead @{src/a.py}"),
     [(W, "'@playwright/mcp' is a file reference in a fenced code block; gemini-command puts a file's contents in place")]),
    (("opencode-command", "~~~\n/review @src/a.py\n~~~\n$ARGUMENTS"), ("codex-prompt", "~~~\n/review @src/a.py\n~~~\n$ARGUMENTS"),
     [(W, "'@src/a.py' is a file reference in a fenced code block; codex-prompt has no file reference: kept as text")]),
    # Claude Code and OpenCode look for @path after their shell commands ran (the command's text replaced by its
    # output): inside one it is the command's text, never a Gemini @{...} (which Gemini would fill in there)
    (("claude-command", "Run !`npm i @types/node` now"), ("gemini-command", "Run !{npm i @types/node} now"), []),
    (("gemini-command", "Run !{npm i @types/node} now"), ("opencode-command", "Run !`npm i @types/node` now"), []),
    # VS Code reads #file:x (it attaches the file), #tool:x and ${input:x} in a prompt file's body (promptFileParser.ts,
    # microsoft/vscode 01a5990; the prompt-files doc): literal text of another tool's file becomes one there, said
    (("claude-command", "See #file:.env and ${input:who}"), ("copilot-prompt", "See #file:.env and ${input:who}"),
     [(W, "'#file:.env' is literal text; copilot-prompt reads it as a VS Code file reference"),
      (W, "'${input:who}' is literal text; copilot-prompt reads it as a VS Code input variable")]),
    (("cursor-command", "Use #tool:runCommands"), ("copilot-prompt", "Use #tool:runCommands"),
     [(W, "'#tool:runCommands' is literal text; copilot-prompt reads it as a VS Code tool reference")]),
]


@pytest.mark.parametrize(("read", "write", "said"), PAIRS, ids=lambda v: v[0] if isinstance(v, tuple) else "")
def test_placeholder_pairs(read, write, said):
    (src, prompt), (dst, want) = read, write
    out = agentconv.convert_text(source(src, prompt), dst, from_=src, path=PATHS[src])
    assert written(dst, out.text) == want
    messages = [(i.severity.value, i.message) for i in out.report if i.path == "prompt"]
    for severity, part in said:
        assert any(s == severity and part in m for s, m in messages), messages
    # nothing else is a warning, and a shell command runs in the target only where the source ran one
    assert len([m for s, m in messages if s == W]) == len([1 for s, _ in said if s == W]), messages


def _clean(row) -> bool:
    """Nothing changed to keep a command from running or said as expanded, no arguments placeholder added (Codex), no
    ```! block (it comes back as Claude Code's !`cmd`)."""
    return row[1][0] != "codex-prompt" and "```!" not in row[0][1] and not any(
        "would run it" in part or "would put" in part or "reads it as" in part or "expands it" in part or "as ' !" in part or
        "of a shell command" in part or "outside quotes" in part
        for _, part in row[2])


@pytest.mark.parametrize(("read", "write", "said"), [p for p in PAIRS if _clean(p)],
                         ids=lambda v: v[0] if isinstance(v, tuple) else "")
def test_placeholder_pairs_come_back(read, write, said):
    """The way back gives the source's prompt again where nothing was changed to keep a command from running."""
    (src, prompt), (dst, _) = read, write
    there = agentconv.convert_text(source(src, prompt), dst, from_=src, path=PATHS[src])
    back = agentconv.convert_text(there.text, src, from_=dst, path=PATHS[dst])
    assert written(src, back.text) == prompt


@pytest.mark.parametrize(("src", "prompt", "dst", "want"), [
    ("claude-command", 'Hits: !`grep -rn "$ARGUMENTS" src` and !`grep "a $ARGUMENTS" .`',
     "gemini-command", 'Hits: !{grep -rn {{args}} src} and !{grep "a "{{args}} .}'),
    ("opencode-command", 'Hits: !`grep "x $ARGUMENTS y" .`', "gemini-command", 'Hits: !{grep "x "{{args}}" y" .}'),
    ("gemini-command", 'Hits: !{grep -rn {{args}} src} and !{grep "a "{{args}} .}',
     "claude-command", 'Hits: !`grep -rn "$ARGUMENTS" src` and !`grep "a $ARGUMENTS" .`'),
    ("gemini-command", 'Hits: !{grep "x "{{args}}" y" .}', "opencode-command", 'Hits: !`grep "x $ARGUMENTS y" .`'),
])
def test_shell_arguments_quoting_comes_back(src, prompt, dst, want):
    """The arguments of a shell command moved out of (or into) quotes between Gemini CLI, which shell-quotes them, and
    Claude Code or OpenCode, which put them in as typed (the same words to the shell each way), come back as the
    source wrote them."""
    there = agentconv.convert_text(source(src, prompt), dst, from_=src, path=PATHS[src])
    assert written(dst, there.text) == want
    back = agentconv.convert_text(there.text, src, from_=dst, path=PATHS[dst])
    assert written(src, back.text) == prompt
