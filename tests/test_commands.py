"""Commands (slash commands, prompt files) as a record kind: the five command dialects, placeholders rewritten
through the canonical form (agentconv.placeholders), kinds crossing between agents and commands reported."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import agentconv
from agentconv import placeholders as ph
from agentconv.diff import roundtrip
from agentconv.validate import has_errors, validate_text

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "cases"
COMMANDS = ["claude-command", "opencode-command", "codex-prompt", "gemini-command", "copilot-prompt"]
REVIEW = CASES / "claude-command" / "review" / ".claude" / "commands" / "review.md"
REVIEW_REL = ".claude/commands/review.md"


def items(report, path="prompt", severity=None):
    return [i.message for i in report if i.path == path and (severity is None or i.severity.value == severity)]


# ------------------------------------------------------------------------------------------ the pair
def test_claude_command_to_gemini_toml_and_back():
    """$ARGUMENTS, positional arguments, !`git diff` and @src/file.py: Claude -> Gemini TOML -> Claude."""
    there = agentconv.convert(REVIEW, to="gemini-command", path=REVIEW_REL)
    assert there.path == ".gemini/commands/review.toml"
    assert 'description = "Review the staged change, focusing on one area"' in there.text
    assert "Review the current change for {{args}}." in there.text
    assert "!{git diff}" in there.text and "@{src/file.py}" in there.text
    assert "Focus on {{arg:1}} first, then look at {{arg:2}} if it is given." in there.text  # no Gemini spelling
    info = items(there.report, severity="info")
    assert "placeholder '$ARGUMENTS' written as '{{args}}'" in info
    assert "placeholder '!`git diff`' written as '!{git diff}'" in info
    assert "placeholder '@src/file.py' written as '@{src/file.py}'" in info
    warn = items(there.report, severity="warning")
    assert any(m.startswith("'$0' is a placeholder (the 1st argument); gemini-command has no equivalent") for m in warn)
    assert any(m.startswith("'$ARGUMENTS[1]' is a placeholder (the 2nd argument); gemini-command has no") for m in warn)

    back = agentconv.convert_text(there.text, to="claude-command", from_="gemini-command", path=there.path)
    assert "Review the current change for $ARGUMENTS." in back.text
    assert "Focus on $0 first, then look at $1 if it is given." in back.text  # $ARGUMENTS[1] comes back as $1
    assert "!`git diff`" in back.text and "@src/file.py" in back.text
    # allowed-tools pre-approves (Claude Code's permission grants): never restored from a comment, which grants nothing
    assert "allowed-tools" not in back.text and "tools" not in back.text.split("---")[1]
    assert "3 per-tool decisions (pre-approvals) not written: gemini-command has no tool field (not carried: wider " \
        "than what the file itself grants)" in items(there.report, "tools", "warning")
    assert "placeholder '{{args}}' written as '$ARGUMENTS'" in items(back.report)
    doc, _ = agentconv.read(REVIEW, path=REVIEW_REL)
    again, _ = agentconv.read_text(back.text, "claude-command", path=REVIEW_REL)
    assert again.agent.prompt == doc.agent.prompt and again.agent.kind == "command"
    assert doc.agent.tools.mode == again.agent.tools.mode == "inherit" and not again.agent.tools.grants
    assert [g.decision for g in doc.agent.tools.grants] == ["allow"] * 3 and again.agent.model == doc.agent.model


def test_gemini_command_name_from_path_and_placeholders():
    src = CASES / "gemini-command" / "git-commit" / ".gemini" / "commands" / "git" / "commit.toml"
    doc, report = agentconv.read(src, path=".gemini/commands/git/commit.toml")
    rec = doc.agent
    assert (rec.name, rec.kind) == ("git:commit", "command")
    assert "{{args}}" in rec.prompt and "!{git diff --staged}" in rec.prompt and "@{docs/commit-style.md}" in rec.prompt
    assert not [i for i in report if i.code.value.startswith(("value-", "placeholder-"))]  # reading loses nothing
    out = agentconv.convert(src, to="claude-command", path=".gemini/commands/git/commit.toml")
    assert out.path == ".claude/commands/git/commit.md"  # Claude Code too names it git:commit
    assert not [i for i in out.report if i.code.value == "name-changed"]
    assert agentconv.read_text(out.text, "claude-command", path=out.path)[0].agent.name == "git:commit"
    assert "Extra instructions from the user: $ARGUMENTS" in out.text and "!`git diff --staged`" in out.text
    assert agentconv.convert(src, to="gemini-command", path=".gemini/commands/git/commit.toml").path \
        == ".gemini/commands/git/commit.toml"


# ------------------------------------------------------------------------------------------ spelling tables
# sqlglot-style: one canonical placeholder, its spelling in each command dialect (None: it has none).
SPELLINGS = [
    # canonical          claude-command     opencode-command  codex-prompt   gemini-command      copilot-prompt
    ("{{args}}",         "$ARGUMENTS",      "$ARGUMENTS",     "$ARGUMENTS",  "{{args}}",         None),
    ("{{arg:1}}",        "$0",              "$1",             "$1",          None,               None),
    ("{{arg:2}}",        "$1",              "$2",             "$2",          None,               None),
    ("{{arg:10}}",       "$9",              "$10",            None,          None,               None),
    ("!{git diff}",      "!`git diff`",     "!`git diff`",    None,          "!{git diff}",      None),
    ("@{src/file.py}",   "@src/file.py",    "@src/file.py",   None,          "@{src/file.py}",   None),
    ("!{echo {{args}}}", "!`echo $ARGUMENTS`", "!`echo $ARGUMENTS`", None,   "!{echo {{args}}}", None),
]


@pytest.mark.parametrize("row", SPELLINGS, ids=lambda r: r[0])
@pytest.mark.parametrize("index,dialect", list(enumerate(COMMANDS, 1)))
def test_writing_each_placeholder(row, index, dialect):
    canonical, want = row[0], row[index]
    text, rw = ph.from_canonical(f"x {canonical} y", ph.spelling_of(dialect))
    if want is None:
        assert text == f"x {canonical} y" and rw.missing  # kept in the canonical spelling, reported
    else:
        assert text == f"x {want} y" and not rw.missing


# what each dialect reads, and the canonical form it becomes
READS = [
    ("claude-command", "$ARGUMENTS", "{{args}}"),
    ("claude-command", "$0 and $ARGUMENTS[0]", "{{arg:1}} and {{arg:1}}"),
    ("claude-command", "$ARGUMENTS[2]", "{{arg:3}}"),
    ("claude-command", "!`ls -la`", "!{ls -la}"),
    ("claude-command", "see @docs/a.md.", "see @{docs/a.md}."),
    ("claude-command", "mail me@example.com, @claude, ${CLAUDE_SESSION_ID}", "mail me@example.com, @claude, ${CLAUDE_SESSION_ID}"),
    # Claude Code takes @path only at a word's start: code and parentheses keep theirs as text (2.1.330's mention scan)
    ("claude-command", 'require("@sentry/node"); x(@y.md) @z.md', 'require("@sentry/node"); x(@y.md) @{z.md}'),
    ("claude-command", "\u8bf4\u660e\u3002@doc.md", "\u8bf4\u660e\u3002@{doc.md}"),
    ("opencode-command", 'import "@scope/pkg.js"', 'import "@{scope/pkg.js}"'),  # OpenCode's own rule: (?<![\w`])@
    # Claude Code 2.1.330 expands /\$(\d+)(?!\w)/ only when that argument is given: amounts of money stay text
    ("claude-command", "$150/hour = $36,000; $4,050; $5k; $1.50 each; $2 and $9.",
     "$150/hour = $36,000; $4,050; $5k; $1.50 each; {{arg:3}} and {{arg:10}}."),
    ("claude-command", "$ARGUMENTS[12] $12", "{{arg:13}} $12"),
    ("opencode-command", "$1 then $2; all: $ARGUMENTS", "{{arg:1}} then {{arg:2}}; all: {{args}}"),
    ("opencode-command", "$150/hour $5k", "{{arg:150}}/hour {{arg:5}}k"),  # OpenCode replaces every /\$(\d+)/
    ("opencode-command", "!`npm test` @package.json", "!{npm test} @{package.json}"),
    ("codex-prompt", "$1 $9 $ARGUMENTS", "{{arg:1}} {{arg:9}} {{args}}"),
    ("codex-prompt", "$10 costs $$5", "{{arg:1}}0 costs $$5"),  # "$$ is preserved literally" (docs/prompts.md)
    ("codex-prompt", "!`ls` @a.md", "!`ls` @a.md"),
    ("codex-prompt", "Fix $TICKET for $ARGUMENTS", "Fix $TICKET for {{args}}"),  # a named argument stays as written
    ("gemini-command", "{{args}} !{git log {{args}}} @{a/b.md}", "{{args}} !{git log {{args}}} @{a/b.md}"),
    ("gemini-command", "$1 $ARGUMENTS !{unbalanced", "$1 $ARGUMENTS !{unbalanced"),
    ("copilot-prompt", "${input:x} ${selection} #tool:web/fetch $ARGUMENTS", "${input:x} ${selection} #tool:web/fetch $ARGUMENTS"),
]


@pytest.mark.parametrize(("dialect", "text", "canonical"), READS)
def test_reading_into_the_canonical_form(dialect, text, canonical):
    assert ph.to_canonical(text, ph.spelling_of(dialect)) == canonical


def test_literal_text_the_target_would_expand_is_escaped_or_reported():
    text, rw = ph.from_canonical("costs $5 and $ARGUMENTS", ph.spelling_of("codex-prompt"))
    assert text == "costs $$5 and $$ARGUMENTS" and rw.escaped and not rw.collisions  # Codex skips a $$ (sent as is)
    assert rw.inserted == [6, 14]  # the '$' put in, which the side channel names for the way back
    text, rw = ph.from_canonical("costs $5", ph.spelling_of("claude-command"))
    # Claude Code would expand it: written with a backslash, which it drops (2.1.332's substitution)
    assert text == "costs \\$5" and list(rw.backslashed) == ["$5"] and not rw.collisions
    text, rw = ph.from_canonical("{{arg:1}} at $150/hour, $4,050", ph.spelling_of("opencode-command"))
    assert text == "$1 at $150/hour, $4,050" and list(rw.collisions) == ["$150", "$4"]  # OpenCode blanks both
    text, rw = ph.from_canonical("{{arg:12}} at $150/hour", ph.spelling_of("claude-command"))
    assert text == "$ARGUMENTS[11] at $150/hour" and not rw.collisions  # an amount is text in Claude Code


def test_text_codex_would_take_for_a_named_argument_is_escaped():
    """Codex reads `$HOME` in a prompt as a named argument: the prompt then takes only KEY=value arguments and expands
    no $ARGUMENTS (prompt_args.rs, read 2026-11-27). Literal text of that form is written as `$$HOME`, which it skips."""
    text, rw = ph.from_canonical("Run `echo $HOME $home` on {{args}} as $USER_2", ph.spelling_of("codex-prompt"))
    assert text == "Run `echo $$HOME $home` on $ARGUMENTS as $$USER_2"
    assert list(rw.escaped) == ["$HOME", "$USER_2"] and not rw.collisions
    text, rw = ph.from_canonical("Run `echo $HOME` on {{args}}", ph.spelling_of("claude-command"))
    assert text == "Run `echo $HOME` on $ARGUMENTS" and not rw.escaped and not rw.collisions


def _codex_expands(prompt: str) -> list[str]:
    """What Codex would expand in a custom prompt, by the rules of codex-rs/tui/src/bottom_pane/prompt_args.rs (openai/
    codex 09e67f2, read 2026-11-28): a `$NAME` (upper case, not ARGUMENTS) with no '$' before it is a named argument;
    else, scanning left to right, `$$` is skipped (and sent as written), `$1`..`$9` and `$ARGUMENTS` are expanded."""
    import re

    named = [m.group() for m in re.finditer(r"\$[A-Z][A-Z0-9_]*", prompt)
             if m.group() != "$ARGUMENTS" and (m.start() == 0 or prompt[m.start() - 1] != "$")]
    if named:
        return named
    out, i = [], 0
    while (j := prompt.find("$", i)) >= 0:
        if prompt[j + 1:j + 2] == "$":
            i = j + 2
        elif prompt[j + 1:j + 2] in tuple("123456789"):
            out, i = out + [prompt[j:j + 2]], j + 2
        elif prompt[j + 1:].startswith("ARGUMENTS"):
            out, i = out + ["$ARGUMENTS"], j + 10
        else:
            i = j + 1
    return out


def test_literal_dollars_go_through_a_codex_prompt_exactly():
    """A skill's text has no placeholders. Codex skips a `$$` and sends it as written ("`$$` is preserved literally",
    docs/prompts.md; prompt_args.rs): a `$$` is written as it is (the model reads it so: a function body's `AS $$`),
    and what Codex would expand (`$HOME`, a named argument there; `$ARGUMENTS`; `$1`) gets one '$' more, said (its
    model reads both) and named in the side channel, so that the way back gives the skill's text exactly. Was: the
    `$$` read and written as an escape of '$', so `$$HOME` went out as `$HOME` (the prompt then wants HOME=...) and
    came back `$HOME`, `AS $$` as `AS $`. A Claude command's literal '$' right before $ARGUMENTS (`$$ARGUMENTS`, which
    Codex does not expand) gets one more too: the arguments are expanded."""
    body = "Run echo $$HOME, $HOME and $ARGUMENTS, then $1, $$ alone, $$$ARGUMENTS and $0 and $ .\nAS $$ x $$;\n"
    skill = f"---\nname: env\ndescription: Shows env\n---\n{body}"
    out = agentconv.convert_text(skill, "codex-prompt", from_="skill", path=".claude/skills/env/SKILL.md")
    prompt = out.text.split("---\n", 2)[2]
    assert _codex_expands(prompt) == [] and "\nAS $$ x $$;\n" in prompt and "echo $$HOME, $$HOME" in prompt
    said = [i.message for i in out.report if i.code.value == "placeholder-respelled"]
    assert len(said) == 3 and all("Codex sends '$$' as written: its model reads both '$'" in m for m in said)
    back = agentconv.convert_text(out.text, "skill", from_="codex-prompt", path=".codex/prompts/env.md")
    assert back.text.split("---\n", 2)[2] == body
    assert not [i for i in back.report if i.code.value == "placeholder-respelled"]  # none was a placeholder there
    pay = agentconv.convert_text("---\ndescription: Pays\n---\nPay $$ARGUMENTS now\n", "codex-prompt",
                                 from_="claude-command", path=".claude/commands/pay.md")
    assert _codex_expands(pay.text.split("---\n", 2)[2]) == ["$ARGUMENTS"]
    again = agentconv.convert_text(pay.text, "claude-command", from_="codex-prompt", path=".codex/prompts/pay.md")
    assert again.text.endswith("---\nPay $$ARGUMENTS now\n")


def test_a_positional_followed_by_a_digit_uses_a_closed_spelling():
    text, _ = ph.from_canonical("{{arg:2}}0", ph.spelling_of("claude-command"))
    assert text == "$ARGUMENTS[1]0"  # "$10" would be the 11th argument
    assert ph.to_canonical(text, ph.spelling_of("claude-command")) == "{{arg:2}}0"


def test_other_tools_variables_are_reported():
    text, rw = ph.from_canonical("id ${CLAUDE_SESSION_ID} ${input:name}", ph.spelling_of("gemini-command"),
                                 others=ph.all_spellings())
    assert text == "id ${CLAUDE_SESSION_ID} ${input:name}"
    assert {label for _, label in rw.foreign} == {"a Claude Code variable", "a VS Code input variable"}
    _, rw = ph.from_canonical("id ${CLAUDE_SESSION_ID}", ph.spelling_of("claude-command"), others=ph.all_spellings())
    assert not rw.foreign  # its own


SHELL_ARGS = [  # (source, target, warned): Gemini CLI shell-escapes {{args}} inside !{...} (shellProcessor.ts), OpenCode
    # puts $ARGUMENTS into !`...` as typed (session/prompt.ts); both read 2026-11-27. So does Claude Code (2.1.332's
    # substitution quotes nothing; its own Gemini importer refuses such a block for it, read 2026-11-29).
    ("gemini-command", 'prompt = "Hits: !{grep -rn {{args}} src}"\n', "opencode-command", True),
    ("gemini-command", 'prompt = "Hits: !{grep -rn TODO src} for {{args}}"\n', "opencode-command", False),
    ("gemini-command", 'prompt = "Hits: !{grep -rn {{args}} src}"\n', "claude-command", True),
    ("gemini-command", 'prompt = "Hits: !{grep -rn TODO src} for {{args}}"\n', "claude-command", False),
    ("claude-command", "Hits: !`grep -rn $ARGUMENTS src`\n", "opencode-command", False),
    ("opencode-command", "Hits: !`grep -rn $ARGUMENTS src`\n", "gemini-command", False),
]


@pytest.mark.parametrize(("source", "text", "target", "warned"), SHELL_ARGS)
def test_arguments_a_shell_command_no_longer_quotes_are_said(source, text, target, warned):
    """A shell command given the arguments: where the source quoted them and the target puts them in as typed, the
    argument text becomes shell code (a widening of what the command runs): a warning, not an info rewrite."""
    path = {"gemini-command": ".gemini/commands/hits.toml", "opencode-command": ".opencode/command/hits.md",
            "claude-command": ".claude/commands/hits.md"}[source]
    result = agentconv.convert_text(text, target, from_=source, path=path)
    said = [m for m in items(result.report, severity="warning") if "shell command given the arguments" in m]
    assert said == ([f"'!`grep -rn \"$ARGUMENTS\" src`' is a shell command given the arguments; {target} puts them in "
                     "as typed, not shell-quoted as the source did: argument text runs as shell code"] if warned else [])


@pytest.mark.parametrize("source", [c for c in COMMANDS])
@pytest.mark.parametrize("target", COMMANDS)
def test_every_command_pair_round_trips_with_reports(source, target):
    case = next(p for p in (CASES / source).iterdir() if p.is_dir())
    rel = next(p for p in case.rglob("*") if p.is_file() and p.parent != case).relative_to(case).as_posix()
    doc, _ = agentconv.read(case / rel, path=rel)
    rt = roundtrip(doc, target)
    assert rt.uncovered == []
    if "prompt" in rt.differences:
        assert "prompt" in rt.report.paths()


# ------------------------------------------------------------------------------------------ kinds and files
def test_agent_to_command_and_command_to_agent_are_reported():
    seed = CASES / "claude" / "seed-001" / ".claude" / "agents" / "backend-developer.md"
    out = agentconv.convert(seed, to="claude-command", path=".claude/agents/backend-developer.md")
    assert any("an agent written as a command" in m for m in items(out.report, "kind", "warning"))
    assert out.path == ".claude/commands/backend-developer.md"
    back = agentconv.convert(REVIEW, to="claude", path=REVIEW_REL)
    assert any("a command written as a claude agent" in m for m in items(back.report, "kind", "warning"))
    assert "description: Review the staged change" in back.text
    assert not has_errors(validate_text(back.text, "claude", path=".claude/agents/review.md"))


def test_same_dialect_keeps_every_spelling():
    text = "---\ndescription: d\n---\n\n$ARGUMENTS[0] and $0, !`ls`, @a/b.md\n"
    out = agentconv.convert_text(text, to="claude-command", from_="claude-command", path=".claude/commands/x.md")
    assert out.text == text and not items(out.report)


def test_optional_header():
    text = "Explain $ARGUMENTS simply.\n"
    for d, path in (("claude-command", ".claude/commands/eli5.md"), ("codex-prompt", ".codex/prompts/eli5.md")):
        out = agentconv.convert_text(text, to=d, from_=d, path=path)
        assert out.text == text
    other = agentconv.convert_text(text, to="codex-prompt", from_="claude-command", path=".claude/commands/eli5.md")
    assert other.text.endswith("Explain $ARGUMENTS simply.\n")


LONG = "Migrate every table of the schema to the new naming convention, keeping the old names as views until " \
       "the release after next"
SHOWN = [  # a Claude Code command without a description, and the description Claude Code shows for it (2.1.330)
    ("\n\n## Review the diff  \n\nLook at $ARGUMENTS closely.\n", "Review the diff"),  # a heading's text
    ("---\ndescription: '  '\n---\n   \nLook at $ARGUMENTS closely.\n\nThen report.\n", "Look at $ARGUMENTS closely."),
    (f"{LONG}.\n", LONG[:97] + "..."),  # over 100 characters: cut to 97 and "..."
    (f"{LONG[:100]}\n", LONG[:100]),
]


@pytest.mark.parametrize("text,shown", SHOWN)
def test_a_claude_command_without_description_is_described_by_its_first_line(text, shown):
    """Claude Code describes such a command by its first line: a target that requires a description gets that one,
    and is told so (was: the first paragraph of prose, in agentconv's placeholder spelling, "made up"); a target whose
    description is optional and the command itself get no description key."""
    path = ".claude/commands/migrate.md"
    for target in ("claude", "copilot", "opencode", "gemini", "cursor", "kiro", "marketplace"):
        out = agentconv.convert_text(text, to=target, from_="claude-command", path=path)
        assert agentconv.read_text(out.text, target, path=out.path)[0].agent.description == shown, target
        made = [i.message for i in out.report if i.path == "description"]
        assert made == ["no description key: the one Claude Code shows, the prompt's first line"], target
    for target in ("copilot-prompt", "opencode-command", "gemini-command", "codex-prompt"):
        out = agentconv.convert_text(text, to=target, from_="claude-command", path=path)
        assert agentconv.read_text(out.text, target, path=out.path)[0].agent.description is None, target
    assert agentconv.convert_text(text, to="claude-command", from_="claude-command", path=path).text == text


def test_a_claude_command_with_nothing_to_show_is_described_as_before():
    out = agentconv.convert_text("---\nmodel: sonnet\n---\n\n", to="claude", from_="claude-command",
                                 path=".claude/commands/noop.md")
    assert "description: noop\n" in out.text
    assert [i.message for i in out.report if i.path == "description"] == ["no description: made one up from the name"]


def test_copilot_prompt_fields_and_legacy_mode():
    text = "---\ndescription: d\nmode: ask\ntools: ['web/fetch']\n---\nSummarize ${selection}.\n"
    doc, report = agentconv.read_text(text, "copilot-prompt", path=".github/prompts/sum.prompt.md")
    rec = doc.agent
    assert rec.extensions["copilot-prompt"]["agent"] == "ask" and rec.tools.mode == "allowlist"
    assert "'mode' read as 'agent'" in [i.message for i in report]
    out = agentconv.write(doc, "copilot-prompt")
    assert out == text  # same dialect: the legacy key stays as written (VS Code still reads it, with a warning)
    rec.origin = None  # a record from elsewhere is written in the current spelling
    out = agentconv.write(doc, "copilot-prompt")
    assert "agent: ask" in out and "mode:" not in out


def test_detection_by_path_only():
    for path, want in [(".claude/commands/a.md", "claude-command"), (".claude/commands/x/a.md", "claude-command"),
                       (".gemini/commands/git/commit.toml", "gemini-command"), (".opencode/command/t.md", "opencode-command"),
                       (".opencode/commands/t.md", "opencode-command"), (".github/prompts/p.prompt.md", "copilot-prompt"),
                       (".codex/prompts/p.md", "codex-prompt")]:
        text = 'prompt = "x"\n' if path.endswith(".toml") else "---\ndescription: d\n---\nx\n"
        assert agentconv.detect_text(text.encode(), path=path).dialect == want, path
    agent = "---\nname: a\ndescription: d\ntools: Read, Grep\nmodel: sonnet\n---\nx\n"
    assert agentconv.detect_text(agent.encode()).scores.get("claude-command", 0) == 0  # no path: never a command


def test_cli_convert_and_detect(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "agentconv", *a], cwd=ROOT, capture_output=True,  # noqa: E731
                                    text=True, timeout=60)
    det = run("detect", str(REVIEW.relative_to(ROOT)))
    assert det.returncode == 0 and det.stdout.startswith("claude-command")
    out = run("convert", str(REVIEW.relative_to(ROOT)), "--to", "gemini-command", "-o", str(tmp_path))
    assert out.returncode == 0, out.stderr
    written = tmp_path / ".gemini" / "commands" / "review.toml"
    assert "{{args}}" in written.read_text("utf-8")
    back = run("convert", str(written), "--to", "claude-command")
    assert back.returncode == 0 and "Review the current change for $ARGUMENTS." in back.stdout


APPENDING = [("claude-command", ".claude/commands/rev.md"), ("opencode-command", ".opencode/command/rev.md"),
             ("gemini-command", ".gemini/commands/rev.toml")]


@pytest.mark.parametrize("source,path", APPENDING)
def test_arguments_a_tool_adds_to_a_command_without_placeholder_reach_codex(source, path):
    """Claude Code, OpenCode and Gemini CLI add the arguments to a command whose text has no placeholder for them;
    Codex drops them (prompt_args.rs): into Codex, `$ARGUMENTS` is written at the end (was: the arguments lost, nothing
    said), and the way back takes it off again."""
    text = 'prompt = "Review the staged diff."\n' if source == "gemini-command" else "Review the staged diff.\n"
    out = agentconv.convert_text(text, to="codex-prompt", from_=source, path=path)
    assert out.text.rstrip("\n").endswith("Review the staged diff.\n\n$ARGUMENTS")
    assert items(out.report) == [f"the arguments {source} adds to a prompt without a placeholder written as "
                                 "'$ARGUMENTS' at its end (codex-prompt drops them otherwise)"]
    back = agentconv.convert_text(out.text, to=source, from_="codex-prompt", path=".codex/prompts/rev.md")
    assert agentconv.read_text(back.text, source, path=path)[0].agent.prompt == \
        agentconv.read_text(text, source, path=path)[0].agent.prompt
    assert not items(back.report)
    used = "Review {{args}}.\n" if source == "gemini-command" else "Review $1.\n"
    used = f'prompt = "{used.strip()}"\n' if source == "gemini-command" else used
    assert "$ARGUMENTS\n" not in agentconv.convert_text(used, to="codex-prompt", from_=source, path=path).text[-12:]


@pytest.mark.parametrize("target", ["claude-command", "opencode-command", "gemini-command"])
def test_a_codex_prompt_without_placeholder_into_a_tool_that_adds_the_arguments_is_told(target):
    """Codex drops the arguments of a prompt with no placeholder; the target's tool adds them: said (arguments-added)."""
    out = agentconv.convert_text("Summarize the repo.\n", to=target, from_="codex-prompt", path=".codex/prompts/sum.md")
    assert items(out.report) == [f"codex-prompt drops the arguments typed after a prompt that has no placeholder for "
                                 f"them; {target} adds them to it"]
    assert [i.severity.value for i in out.report if i.code.value == "arguments-added"] == ["warning"]
    for used in ("Fix issue $1.\n", "Fix $ARGUMENTS.\n", "Fix $FILE.\n"):
        out = agentconv.convert_text(used, to=target, from_="codex-prompt", path=".codex/prompts/fix.md")
        assert "arguments-added" not in {i.code.value for i in out.report}, used


def test_what_only_the_source_tool_reads_in_a_prompt_is_said_when_it_becomes_text():
    """A Codex named argument ($FILE, filled from FILE=...) and a Gemini command's `${query}` (no placeholder there:
    the model reads it as written) reach other tools as text: each is a placeholder-unsupported warning (was: nothing
    said); the same dialect keeps them and says nothing."""
    codex = "Review $FILE against $RULES, not $$HOME.\n"
    out = agentconv.convert_text(codex, to="claude-command", from_="codex-prompt", path=".codex/prompts/rev.md")
    assert items(out.report, severity="warning") == [
        f"'${n}' is a named argument, which codex-prompt fills from {n}=... typed after it; claude-command has no "
        "equivalent (kept as text)" for n in ("FILE", "RULES")]
    assert "Review $FILE against $RULES" in out.text
    gemini = 'prompt = "Search the web for ${query} and !{echo ${HOME}}."\n'
    out = agentconv.convert_text(gemini, to="opencode-command", from_="gemini-command", path=".gemini/commands/f.toml")
    assert items(out.report, severity="warning") == [
        "'${query}' is text that looks like a placeholder, which Gemini CLI's commands do not expand (the model reads "
        "it as written, the arguments appended); opencode-command has no equivalent (kept as text)"]
    for text, dialect, path in ((codex, "codex-prompt", ".codex/prompts/rev.md"),
                                (gemini, "gemini-command", ".gemini/commands/f.toml")):
        same = agentconv.convert_text(text, to=dialect, from_=dialect, path=path)
        assert same.text == text and not items(same.report, severity="warning")


def test_claude_named_arguments_become_text_elsewhere_and_are_said():
    """Claude Code fills `$name` for each name of `arguments` with the argument at its place; no other tool has them:
    kept as text and said (was: nothing said), and into Codex no `$ARGUMENTS` is added (the command takes them)."""
    text = "---\narguments: file rules 7\n---\nReview $file against $rules, not \\$file or $files or $7.\n"
    path = ".claude/commands/rev.md"
    for target in ("opencode-command", "codex-prompt"):
        out = agentconv.convert_text(text, to=target, from_="claude-command", path=path)
        assert [m for m in items(out.report, severity="warning") if "named argument" in m] == [
            f"'${n}' is a named argument, which claude-command fills with the argument at its place in 'arguments'; "
            f"{target} has no equivalent (kept as text)" for n in ("file", "rules")], target
        assert "$ARGUMENTS" not in out.text
    assert agentconv.convert_text(text, to="claude-command", from_="claude-command", path=path).text == text


def test_a_gemini_extension_s_command_is_a_gemini_command():
    """Gemini CLI loads an extension's commands from <extension>/commands/**/*.toml, named by the path below
    commands/ (FileCommandLoader.getCommandDirectories, 0.61.0): detected there as gemini-command, named git:commit,
    its prompt kept (was: detected as a Codex role by its description, the prompt dropped as a Codex extension)."""
    text = 'description = "Commit"\nprompt = "Write the message for {{args}}."\n'
    det = agentconv.detect_text(text, path="my-ext/commands/git/commit.toml")
    assert det.dialect == "gemini-command"
    doc, _ = agentconv.read_text(text, path="my-ext/commands/git/commit.toml")
    assert (doc.agent.name, doc.agent.prompt) == ("git:commit", "Write the message for {{args}}.")
    out = agentconv.convert_text(text, to="claude-command", path="my-ext/commands/git/commit.toml")
    assert out.path == ".claude/commands/git/commit.md" and "Write the message for $ARGUMENTS." in out.text


LITERAL_SKILL = """---
name: learn
description: Looks things up in Microsoft Learn.
---

Run `npx @microsoft/learn-cli search $0` and read the result.
Use $ARGUMENTS and $1 as well, or ${CLAUDE_SKILL_DIR}/x.sh.
"""


@pytest.mark.parametrize("via", ["opencode-command"])
def test_a_skills_literal_text_comes_back_from_a_command_as_it_was(via):
    """A skill has no placeholders: its `$0` and `npx @scope/pkg` are text, which a Claude Code command would expand
    (said on the way out). Read back from that command (its side channel names the skill), they are the skill's text
    again: never `{{arg:1}}` or `@{microsoft/learn-cli}`, and each is said."""
    out = agentconv.convert_text(LITERAL_SKILL, via, from_="skill", path=".claude/skills/learn/SKILL.md")
    assert any(i.code.value == "placeholder-unsupported" and i.path == "prompt" for i in out.report.items)
    back = agentconv.convert_text(out.text, "skill", from_=via, path=out.path)
    assert back.text == LITERAL_SKILL
    said = {i.message for i in back.report.items if i.path == "prompt"}
    assert via != "claude-command" or any("'$0'" in m and "the text the skill had there" in m for m in said)
    edited = agentconv.convert_text(out.text.replace("read the result.", "read it."), "skill", from_=via, path=out.path)
    assert "{{args}}" in edited.text and "$ARGUMENTS" not in edited.text  # edited since: its text is the command's,
    assert any(i.code.value == "placeholder-unsupported" for i in edited.report.items)  # in the neutral form, said


def test_a_commands_placeholders_written_into_a_skill_are_said():
    """A Claude Code command into a skill: Claude Code substitutes a skill's text as a command's (one loader), so its
    placeholders are written as the command spelled them, each said (placeholder-respelled, info: the other tools
    that read a SKILL.md read them as text), never agentconv's neutral spelling."""
    cmd = "---\ndescription: Review.\n---\nReview $0 with @src/a.py and !`git diff`.\n"
    out = agentconv.convert_text(cmd, "skill", from_="claude-command", path=".claude/commands/review.md")
    assert "Review $0 with @src/a.py and !`git diff`." in out.text
    said = sorted(i.message for i in out.report.items if i.code.value == "placeholder-respelled")
    assert len(said) == 3 and any("placeholder '$0' of claude-command written as it was" in m for m in said)
    assert not [i for i in out.report.items if i.code.value == "placeholder-unsupported"]


# A `run` key in a Gemini CLI command: proposed in an unmerged pull request (google-gemini/gemini-cli #23687, head
# 010895b4, "idx extention v0": {prompt?, run?} with the prompt made `{{shell <run>}}`), in no release (main 5411f113,
# v0.57.0-preview.0, the 0.61.0 bundle: {prompt, description}; read 2026-11-27). Gemini CLI ignores it, and skips a
# file that has it instead of a prompt. Each row: the file, whether Gemini CLI loads it.
GEMINI_RUN = [('description = "List files"\nrun = "ls -la"\n', False),
              ('prompt = "Review {{args}}"\nrun = "git diff"\n', True)]


@pytest.mark.parametrize("text, loads", GEMINI_RUN)
def test_a_gemini_command_s_run_key_is_kept_in_its_own_dialect_and_never_written_elsewhere(text, loads):
    """Converted to its own dialect the file comes back byte for byte (a file without a prompt got `prompt = ""`,
    which Gemini CLI loads as a command it skipped before); `validate` says `run` is ignored; into another dialect the
    key is dropped and said, never carried (agentconv does not know it: it might grant access), the command in it
    never written."""
    path = ".gemini/commands/ls.toml"
    assert agentconv.convert_text(text, "gemini-command", from_="gemini-command", path=path).text == text
    found = {(f.rule, f.severity.value) for f in validate_text(text, "gemini-command", path=path)}
    assert ("unknown-key", "warning") in found and (("required", "error") in found) is not loads
    for target in ("claude-command", "opencode-command", "codex-prompt", "copilot-prompt", "claude", "skill"):
        out = agentconv.convert_text(text, target, from_="gemini-command", path=path)
        assert "ls -la" not in out.text and "git diff" not in out.text and "run" not in out.text.split("---")[1]
        assert [i.code.value for i in out.report if i.path == "extensions.gemini-command.run"] == ["extension-dropped"]


PRICED = "---\ndescription: Estimates the cost.\n---\n\nAt $150/hour that is $36,000 a year for $ARGUMENTS; $0 pays.\n"


def test_an_amount_opencode_would_expand_comes_back_as_the_amount_it_was():
    """Claude Code leaves `$150` and `$36,000` as written (no call gives 150 arguments); OpenCode replaces every `$N`
    and has no escape, so the OpenCode command expands them (said on the way out). The side channel names those two
    placeholders as the source's text: read back, they are text again, not `$ARGUMENTS[149]` and `$ARGUMENTS[35]`
    (wshobson/agents' cost commands, claude-command -> opencode-command -> claude-command). An OpenCode file edited
    since means what OpenCode makes of it."""
    path, policy = ".claude/commands/cost.md", agentconv.Policy(placed=True)
    out = agentconv.convert_text(PRICED, "opencode-command", from_="claude-command", path=path, policy=policy)
    assert [i.message for i in out.report.items if i.code.value == "placeholder-unsupported"] == [
        "'$150' is literal text; opencode-command expands it (it is a placeholder there)",
        "'$36' is literal text; opencode-command expands it (it is a placeholder there)"]
    assert '"literal":[0,1]' in out.text and "$1 pays" in out.text  # the third, $ARGUMENTS, and $1 are placeholders
    back = agentconv.convert_text(out.text, "claude-command", from_="opencode-command", path=out.path, policy=policy)
    assert back.text == PRICED
    edited = agentconv.convert_text(out.text.replace("a year", "per year"), "claude-command",
                                    from_="opencode-command", path=out.path, policy=policy)
    assert "At $ARGUMENTS[149]/hour that is $ARGUMENTS[35],000 per year" in edited.text


@pytest.mark.parametrize("literal", ['"0"', "[-1]", "[0.5]", '["a"]', "[true]", "[" + ",".join(["0"] * 257) + "]", "[1]"])
def test_a_side_channels_literal_list_of_no_plain_shape_is_ignored(literal):
    """A comment's `literal` is read only as a short list of small whole numbers; anything else changes nothing (the
    file fresh, so only the list's shape decides)."""
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(PRICED, "opencode-command", from_="claude-command", path=".claude/commands/cost.md",
                                 policy=policy)
    forged = out.text.replace('"literal":[0,1]', f'"literal":{literal}')
    back = agentconv.convert_text(forged, "claude-command", from_="opencode-command", path=out.path, policy=policy)
    if literal == "[1]":  # well-formed: the second is text, the first a placeholder
        assert "At $ARGUMENTS[149]/hour that is $36,000 a year" in back.text
    else:
        assert "At $ARGUMENTS[149]/hour that is $ARGUMENTS[35],000 a year" in back.text


QUOTED = ('---\ndescription: "Launch a parallel review"\nargument-hint: "<target> [--base main]"\n---\n\n'
          "Review $ARGUMENTS.\n")


@pytest.mark.parametrize("via", ["gemini-command"])
def test_a_quoted_description_comes_back_quoted_from_a_file_with_no_place_for_quotes(via):
    """A TOML file has no YAML quotes: a description written there came back unquoted (38 of wshobson/agents'
    commands through Gemini CLI). Where a side channel rides anyway (here the argument hint), it says how the first
    file quoted the values written here too, so the way back quotes them again."""
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(QUOTED, via, from_="claude-command", path=".claude/commands/review.md", policy=policy)
    assert '"description":"\\""' in out.text
    back = agentconv.convert_text(out.text, "claude-command", from_=via, path=out.path, policy=policy)
    assert back.text == QUOTED


def test_a_prompts_name_is_its_slash_name_over_the_file_name():
    """VS Code: a prompt's `name` is "used after typing / in chat. If not specified, the file name is used"
    (code.visualstudio.com/docs/copilot/customization/prompt-files). It was replaced by the file's name, silently
    (`/editorconfig` for awesome-copilot's `name: 'EditorConfig Expert'`); a command named by its file is now written
    under the prompt's own name, and a prompt without one keeps its file's."""
    src = "---\nname: 'Editor Expert'\ndescription: 'Makes configs.'\n---\n\nDo it.\n"
    path = ".github/prompts/editorconfig.prompt.md"
    for target in ("claude-command", "opencode-command", "codex-prompt"):
        out = agentconv.convert_text(src, target, from_="copilot-prompt", path=path)
        assert out.path.endswith("/Editor Expert.md") and not any(i.code.value == "name-derived" for i in out.report)
    plain = agentconv.convert_text(src.replace("name: 'Editor Expert'\n", ""), "claude-command",
                                   from_="copilot-prompt", path=path)
    assert plain.path == ".claude/commands/editorconfig.md"
    assert agentconv.convert_text(src, "copilot-prompt", from_="copilot-prompt", path=path).text == src


def test_a_tool_list_the_source_tool_ignores_is_no_restriction_to_refuse():
    """Codex reads a prompt's description and argument-hint only (custom_prompts.rs parse_frontmatter): a `tools` list
    there (another tool's key) restricts nothing, so a Claude Code command need not refuse it as a restriction it
    cannot say (was exit 6, sixth shadow corpus); it is said as not written, and carried."""
    src = "---\ndescription: Fix.\ntools: ['read', 'edit']\n---\n\nFix $ARGUMENTS.\n"
    out = agentconv.convert_text(src, "claude-command", from_="codex-prompt", path=".codex/prompts/fix.md")
    assert "allowed-tools" not in out.text and "Fix $ARGUMENTS." in out.text
    assert any(i.path == "tools" and "codex-prompt does not apply it" in i.message for i in out.report)
    with pytest.raises(agentconv.BroadenError):  # a tool list its own tool applies (a VS Code prompt's) still is one
        agentconv.convert_text(src, "claude-command", from_="copilot-prompt", path=".github/prompts/fix.prompt.md")


def test_a_folder_of_outputs_is_converted_without_agentconvs_own_state(tmp_path):
    """`convert DIR` over a folder agentconv wrote skips its `.agentconv/` (manifest, lock): `--from kiro` read the
    manifest's JSON as a Kiro agent (delegation helper)."""
    (tmp_path / ".kiro" / "agents").mkdir(parents=True)
    (tmp_path / ".kiro" / "agents" / "k.json").write_text('{"name": "k", "description": "d", "prompt": "Do it."}\n')
    (tmp_path / ".agentconv").mkdir()
    (tmp_path / ".agentconv" / "manifest.json").write_text('{"version": 1, "files": {}}\n')
    from agentconv.batch import discover
    found = [e.path.relative_to(tmp_path).as_posix() for e in discover([tmp_path], from_="kiro")]
    assert found == [".kiro/agents/k.json"]


HINTED = '---\ndescription: Add a package\ncategory: project-task-management\nargument-hint: "[package-name] [type]"\n' \
    '---\n\nAdd $ARGUMENTS.\n'


def test_a_quoted_argument_hint_comes_back_quoted_through_a_skill():
    """A skill keeps a command's other keys of no field in its `metadata` map, and its argument hint as the same key
    (Claude Code reads `argument-hint` in a skill as in a command): the hint came back unquoted and after `category`
    (92 of 279 real Claude commands through a skill). Written in the quotes the command gave it, read back so, and
    in the command's order; no side channel is needed."""
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(HINTED, "skill", from_="claude-command", path=".claude/commands/addp.md", policy=policy)
    assert 'metadata:\n  category: project-task-management\nargument-hint: "[package-name] [type]"\n' in out.text
    assert "agentconv" not in out.text  # no side channel
    back = agentconv.convert_text(out.text, "claude-command", from_="skill", path=out.path, policy=policy)
    assert back.text == HINTED


def test_literal_text_of_a_command_comes_back_as_text_through_a_skill():
    """A Claude command's `git diff @{1.day.ago}` is literal text in Claude Code (agentconv's neutral spelling of a
    file's contents): written into a skill it was said to be a placeholder and came back as a file mention
    `@1.day.ago` (a meaning change). Claude Code substitutes a skill's text as a command's: it is written as it was,
    literal in both, and comes back so, edited or not."""
    text = "---\ndescription: Standup\n---\n\ngit diff --stat @{1.day.ago} and $ARGUMENTS\n"
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(text, "skill", from_="claude-command", path=".claude/commands/standup.md",
                                 policy=policy)
    assert not [m for m in items(out.report) if "1.day.ago" in m]  # Claude Code reads a skill's text as a command's:
    assert "git diff --stat @{1.day.ago} and $ARGUMENTS" in out.text  # written as it was, literal in both
    back = agentconv.convert_text(out.text, "claude-command", from_="skill", path=out.path, policy=policy)
    assert back.text == text
    edited = out.text.replace("and $ARGUMENTS", "and $ARGUMENTS now")  # the file edited: still the same text
    assert "@{1.day.ago} and $ARGUMENTS now" in agentconv.convert_text(edited, "claude-command", from_="skill",
                                                                       path=out.path, policy=policy).text


def test_a_command_without_a_header_comes_back_without_one_through_a_skill():
    """A skill requires a description: a Claude command without one gets the one Claude Code shows (its first line),
    and came back with a made-up header (41 of 279 real commands). The side channel says the write made it up, so a
    write back into the command's dialect, while the file is as that write left it, leaves it out again; a
    description written or edited in the skill since, or a skill's own, is kept."""
    text = "Standup report\n\nList what changed.\n"
    policy = agentconv.Policy(placed=True)
    out = agentconv.convert_text(text, "skill", from_="claude-command", path=".claude/commands/standup.md",
                                 policy=policy)
    assert "description: Standup report\n" in out.text and '"made":["description"]' in out.text
    back = agentconv.convert_text(out.text, "claude-command", from_="skill", path=out.path, policy=policy)
    assert back.text == text
    edited = out.text.replace("description: Standup report", "description: Daily standup")
    kept = agentconv.convert_text(edited, "claude-command", from_="skill", path=out.path, policy=policy)
    assert kept.text.startswith("---\ndescription: Daily standup\n---\n")
    own = "---\nname: standup\ndescription: Standup report\n---\n\nStandup report\n\nList what changed.\n"
    mine = agentconv.convert_text(own, "claude-command", from_="skill", path=out.path, policy=policy)
    assert mine.text.startswith("---\ndescription: Standup report\n---\n")  # the user's own: never dropped


# --------------------------------------------- VS Code's #tool:x in an agent's body (copilot.toml [body_references])
VSCODE_AGENT = "---\ndescription: Looks things up\n---\nStart with #tool:web/fetch, then #tool:readFile twice: #tool:readFile again\n"
VSCODE_PROMPT = "---\ndescription: Looks things up\n---\nStart with #tool:web/fetch now\n"


@pytest.mark.parametrize("target", ["claude", "opencode", "codex", "gemini", "kiro", "roo", "cursor", "skill",
                                    "claude-command", "opencode-command"])
def test_a_copilot_agents_tool_references_are_said_where_they_mean_nothing(target):
    """VS Code reads ``#tool:name`` in an agent's body as in a prompt file's (one PromptFileParser): written into a
    dialect with no such reference it stays text, and says so, once per reference."""
    out = agentconv.convert_text(VSCODE_AGENT, to=target, from_="copilot", path=".github/agents/look.agent.md")
    said = [m for m in items(out.report, severity="warning") if "VS Code tool reference" in m]
    assert said == [f"'#tool:web/fetch' is a VS Code tool reference; {target} has no equivalent (kept as text)",
                    f"'#tool:readFile' is a VS Code tool reference; {target} has no equivalent (kept as text)"]
    assert "#tool:web/fetch" in out.text


@pytest.mark.parametrize("source,path", [("copilot", ".github/agents/look.agent.md"),
                                         ("copilot-prompt", ".github/prompts/look.prompt.md")])
def test_vscode_references_in_any_case_and_file_references_are_said_too(source, path):
    """VS Code's body regex is `/#file:(?<filePath>[^\\s#]+)|#tool:(?<toolName>[\\w_\\-\\.\\/]+)/gi`: case is ignored
    (`#Tool:x` is a tool reference) and `#file:path` attaches a file; both were written into Claude silently."""
    text = "---\ndescription: d\n---\nRun #Tool:web/fetch on #file:docs/api.md, then #FILE:notes.md.\n"
    out = agentconv.convert_text(text, to="claude", from_=source, path=path)
    said = [m for m in items(out.report, severity="warning") if "VS Code" in m]
    assert said == ["'#Tool:web/fetch' is a VS Code tool reference; claude has no equivalent (kept as text)",
                    "'#file:docs/api.md,' is a VS Code file reference; claude has no equivalent (kept as text)",
                    "'#FILE:notes.md.' is a VS Code file reference; claude has no equivalent (kept as text)"]
    back = agentconv.convert_text(text, to=source, from_=source, path=path)
    assert back.text == text and not [i for i in back.report if "reference" in i.message]


def test_a_copilot_prompts_tool_references_are_said_written_as_an_agent():
    out = agentconv.convert_text(VSCODE_PROMPT, to="claude", from_="copilot-prompt", path=".github/prompts/look.prompt.md")
    assert "'#tool:web/fetch' is a VS Code tool reference; claude has no equivalent (kept as text)" in \
        items(out.report, severity="warning")


@pytest.mark.parametrize(("source", "path", "target"), [("copilot", ".github/agents/look.agent.md", "copilot"),
                                                        ("copilot", ".github/agents/look.agent.md", "copilot-prompt"),
                                                        ("copilot", ".github/agents/look.chatmode.md", "copilot"),
                                                        ("copilot-prompt", ".github/prompts/look.prompt.md", "copilot")])
def test_tool_references_are_not_said_where_vscode_reads_them(source, path, target):
    text = VSCODE_AGENT if source == "copilot" else VSCODE_PROMPT
    out = agentconv.convert_text(text, to=target, from_=source, path=path)
    assert not [i for i in out.report if "tool reference" in i.message]
    if source == target:
        assert out.text == text  # byte for byte
