"""The round-trip invariant over every fixture and every target, and same-dialect byte identity."""
from __future__ import annotations

import pytest

import agentconv
from agentconv import registry
from agentconv.diff import roundtrip
from agentconv.ir import Document

from casesupport import REWRITTEN, TARGETS, cases

CASE_LIST = cases()
# Reading reports these when the file is not in its dialect's strict form (mojibake, lenient YAML, a comma
# string or a foreign spelling that is normalised): such files are rewritten, not copied.
REPAIR_CODES = {"text-repaired", "text-ambiguous", "yaml-lenient"}


@pytest.mark.parametrize("via", TARGETS)
@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c.id)
def test_every_difference_is_reported(case, via):
    doc, _ = case.read()
    # a multi-record source (Roo's .roomodes) becomes one file per record in a one-record dialect: each goes round
    # on its own; a target that keeps many records in one file takes the whole Document
    # (back in a read-only source's reader, OpenCode's markdown for its config, each record goes round on its own)
    whole = registry.get(via).table.get("multi") and registry.get(case.source).table.get("writes", True)
    parts = [doc] if len(doc.records) == 1 or whole else \
        [Document([rec], doc.ir_version) for rec in doc.records]
    for part in parts:
        rt = roundtrip(part, via)
        assert rt.uncovered == [], \
            f"{case.id} via {via}: differences {rt.differences}, reported {sorted(rt.report.paths())}"


def _needs_repair(case) -> bool:
    _, report = case.read()
    return bool({i.code.value for i in report} & REPAIR_CODES) or case.input.read_bytes().startswith(b"\xef\xbb\xbf")


SAME = [c for c in CASE_LIST if not _needs_repair(c) and c.id not in REWRITTEN]


def test_repair_cases_are_the_expected_ones():
    assert {c.id for c in CASE_LIST} - {c.id for c in SAME} == {
        "marketplace/seed-002", "claude/seed-004", "claude/crlf-bom", "claude/wizard-examples", *REWRITTEN}  # a coerced value is kept as written


@pytest.mark.parametrize("case", SAME, ids=lambda c: c.id)
def test_same_dialect_is_byte_identical(case):
    result = agentconv.convert(case.input, to=case.source, path=case.rel)
    assert result.text.encode("utf-8") == case.input.read_bytes()


def test_bom_and_crlf_are_kept_in_the_same_dialect():
    case = next(c for c in CASE_LIST if c.id == "claude/crlf-bom")
    result = agentconv.convert(case.input, to="claude", path=case.rel)
    assert result.text.encode("utf-8") == case.input.read_bytes()
    other = agentconv.convert(case.input, to="copilot", path=case.rel)
    assert "\r" not in other.text and not other.text.startswith("\ufeff")
    assert "layout-normalized" in {i.code.value for i in other.report}


WRITTEN_BY_US = [  # (source dialect, path, text): what agentconv writes from these, read in its own dialect, is as written
    ("claude", ".claude/agents/debugger.md",
     "---\nname: debugger\ndescription: Tests one hypothesis.\ntools: Read, Grep, Glob, Bash, TodoWrite\nmodel: opus\n"
     "color: red\n---\n\nYou debug.\n"),
    ("claude", ".claude/agents/reader.md",
     "---\nname: reader\ndescription: Reads.\ntools: Read, Grep\nmodel: sonnet\ncolor: blue\n---\n\nYou read.\n"),
    ("copilot", ".github/chatmodes/beast.chatmode.md",
     "---\ndescription: GPT 4.1 as a coding agent.\nmodel: GPT-4.1\ntools: ['codebase', 'editFiles']\n---\n\nKeep going.\n"),
    ("claude-command", ".claude/commands/observe.md",
     "---\ndescription: Migration monitoring.\nversion: 1.0.0\ntags: [database, cdc]\n---\n\n# Observe\n\nWatch it.\n"),
    ("claude-command", ".claude/commands/code_analysis.md",
     "---\ndescription: Analyse code.\nallowed-tools: Read, Grep\nargument-hint: '[path]'\n---\n\nAnalyse $ARGUMENTS.\n"),
    # a name the target's file name rewrites (Copilot's file names, a skill's folder): the side channel's spelling
    # stays the name on reading, and rides again (the file stem won, and the name dropped out of the comment)
    ("claude", ".claude/agents/code-reviewer.md",
     "---\nname: Code Reviewer\ndescription: Reviews.\ntools: Read\n---\n\nYou review.\n"),
    ("claude-command", ".claude/commands/plan_tests.md", "---\ndescription: Plan tests.\n---\n\nPlan $ARGUMENTS.\n"),
    # no description, and a first paragraph that plain markdown reads as one: the digest covers what a reader finds
    ("copilot", ".github/chatmodes/plain.chatmode.md",
     "---\ntools: ['codebase']\n---\n\nYou are a helper for tests.\n\n## Steps\n\nHelp.\n"),
    # and two blank lines after it: plain markdown's own file keeps its blank lines (they became one)
    ("copilot", ".github/chatmodes/spaced.chatmode.md",
     "---\ntools: ['codebase']\n---\n\nYou are a helper for tests.\n\n\nHelp.\n"),
    # a role the side channel gives back is no longer the dialect's default (role dropped out of the comment)
    ("opencode", ".opencode/agent/lead.md", "---\ndescription: Leads.\nmode: primary\ntemperature: 0.1\n---\n\nYou lead.\n"),
    # a tool policy the target spells with fewer names (Roo's edit group: OpenCode's write and edit): the header as the
    # first write wrote it, the policy given back rides again (OpenCode lost `write: allow` on the second write)
    ("roo", ".roomodes", "customModes:\n  - slug: architect\n    name: Architect\n    roleDefinition: You design.\n"
                         "    groups: [read, edit]\n"),
    # a prompt that starts with blank lines: the digest covers the body a reader finds below the header
    ("codex", ".codex/agents/planner.toml",
     'name = "planner"\ndescription = "Plans."\nmodel = "gpt-5"\nsandbox_mode = "read-only"\n'
     'developer_instructions = "\\n\\nYou plan."\nnickname_candidates = ["Ada"]\n'),
]


@pytest.mark.parametrize("source,path,text", WRITTEN_BY_US, ids=[w[1] for w in WRITTEN_BY_US])
def test_a_file_agentconv_wrote_comes_back_byte_for_byte_in_its_own_dialect(source, path, text):
    """What the side channel gives back (a colour written as hex, a model, a name, a tool policy a target has no list
    for) is written again as the first write wrote it and rides in the side channel again: the header is not
    rewritten with the given-back values (Codex got a `color` key, OpenCode `color: red`, `model: GPT-4.1`, a
    Claude agent `name: code_analysis`; Codex and Cursor lost the tool policy from the comment)."""
    doc, report = agentconv.read_text(text, source, path=path)
    checked = 0
    for target in ("claude", "copilot", "opencode", "gemini", "codex", "cursor", "kiro", "marketplace", "markdown", "skill",
                   "opencode-command", "gemini-command", "codex-prompt", "claude-command", "copilot-prompt"):
        try:
            out = agentconv.write_all(doc, target, report=agentconv.LossReport(list(report.items), report.source))
        except agentconv.AgentconvError:
            continue  # a widening the target refuses
        for result in out:
            back = agentconv.convert_text(result.text, target, from_=target, path=result.path)
            assert back.text == result.text, (target, result.text, back.text)
            checked += 1
    assert checked >= 8


@pytest.mark.parametrize("text", ["# Title\n\nDescribes.\n\n\nPrompt.\n", "# Title\n\n\nDescribes.\n\nPrompt.\n",
                                  "\n# Title\n\nDescribes.\n\nPrompt.\n", "# Title\nDescribes.\n\nPrompt.\n",
                                  "Only a prompt.\n"])
def test_a_plain_markdown_persona_comes_back_byte_for_byte(text):
    """Plain markdown has conventions, not keys: converted to its own dialect the file keeps its blank lines (and has
    no title added) while its title, description and prompt are as read (they were written afresh)."""
    assert agentconv.convert_text(text, "markdown", from_="markdown", path="agents/persona.md").text == text


# A legacy chatmode's `title:` (a key VS Code does not read: PromptHeaderAttributes in microsoft/vscode
# promptFileParser.ts, 01a59900, read 2026-11-27, has name, description, tools, model ... and no title; agentconv
# reads it as the display name, as a markdown persona's) comes back as `title:` from a round trip, not as `name:`:
# through Claude Code, which keeps it as written (no comment needed), and through a dialect where the display name
# rides or sits beside a comment, whose `keys` name it. Each row: the target, and whether a model rides too.
TITLE_BACK = [("claude", False), ("claude", True), ("opencode", False), ("gemini", True), ("cursor", False)]


@pytest.mark.parametrize("via, model", TITLE_BACK)
def test_a_chatmode_title_comes_back_as_title(via, model):
    text = ("---\ndescription: 'Tours the repository.'\ntitle: 'Tour Guide'\n" + ("model: Claude Sonnet 4.5 (copilot)\n" if model else "")
            + "---\n\nWalk the user through the repository.\n")
    path, placed = ".github/chatmodes/tour.chatmode.md", agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_="copilot", path=path, policy=placed)[0]
    back = agentconv.convert_text(out.text, "copilot", from_=via, path=out.path, policy=placed)
    assert back.text == text


def test_a_fresh_display_name_is_still_written_as_name():
    """A markdown persona's `# Title` and a Claude file's name make `name:` as before: only a first file's spelling
    comes back."""
    md = agentconv.convert_text("# Tour Guide\n\nTours.\n\nWalk.\n", "copilot", from_="markdown", path="agents/tour.md")
    assert "\nname: Tour Guide\n" in md.text and "title" not in md.text
    gem = agentconv.convert_text("---\nname: tour\ndescription: Tours.\ndisplay_name: Tour Guide\n---\n\nWalk.\n",
                                 "copilot", from_="gemini", path=".gemini/agents/tour.md")
    assert "\nname: Tour Guide\n" in gem.text and "title" not in gem.text


# A Copilot agent without `name:` is named by its file; Claude, OpenCode and Gemini write the name, and the way back
# wrote it into the Copilot file as a made-up display name. Where a comment rides anyway (its tools here), its `keys`
# say the first file had none: it comes back without one.
@pytest.mark.parametrize("via", ["claude", "opencode", "gemini"])
def test_a_copilot_agent_without_a_name_comes_back_without_one(via):
    text = "---\ndescription: 'Reviews code'\ntools: ['search', 'edit']\n---\n\nReview it.\n"
    path, placed = ".github/agents/reviewer.agent.md", agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_="copilot", path=path, policy=placed)[0]
    back = agentconv.convert_text(out.text, "copilot", from_=via, path=out.path, policy=placed)
    assert back.text == text


def test_a_copilot_agent_from_elsewhere_still_gets_its_display_name():
    """Only a first Copilot file without `name:` leaves it out: a Claude agent written for Copilot says `name:`."""
    out = agentconv.convert_text("---\nname: reviewer\ndescription: Reviews.\ntools: Read, Grep\n---\n\nReview.\n",
                                 "copilot", from_="claude", path=".claude/agents/reviewer.md",
                                 policy=agentconv.Policy(placed=True))
    assert "\nname: reviewer\n" in out.text


# A model given back to the dialect that spelled it comes back as the first file had it, even one the table no
# longer lists (Copilot's `GPT-4.1`): omitted on the way out (model-unmapped), it rides, and the way back writes it.
@pytest.mark.parametrize("via", ["claude", "opencode", "gemini"])
def test_a_model_comes_back_to_the_dialect_that_spelled_it(via):
    text = "---\ndescription: 'Beast mode'\nmodel: GPT-4.1\ntitle: 'Beast'\n---\n\nGo.\n"
    path, placed = ".github/chatmodes/beast.chatmode.md", agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_="copilot", path=path, policy=placed)[0]
    assert "GPT-4.1" not in out.text.split("# agentconv-carry")[0]  # not written there: carried
    back = agentconv.convert_text(out.text, "copilot", from_=via, path=out.path, policy=placed)
    assert back.text == text


# A value written as a YAML block scalar (`description: >-` and its indented lines, `|` keeping its line breaks) went
# out to a dialect with no place for that layout (TOML, plain markdown) as one string, and came back as one line. The
# side channel's `styles` says the block's indicator, indentation and, for a folded one, which spaces were line breaks
# (bounded: carry.BREAKS_MAX), so that the way back lays it out as it was.
BLOCKS = [
    "description: >-\n  Checks the build when asked,\n  then reports what failed.\n",
    "description: >\n  First part of it\n  goes on here.\n\n  Second paragraph.\n",
    "description: |\n  Line one.\n  Line two: kept apart.\n",
    "description: |-\n    Four spaces deep\n    and no newline kept.\n",
]


@pytest.mark.parametrize("via,block", [(v, b) for v in ("codex", "gemini-command") for b in BLOCKS] + [
    ("markdown", BLOCKS[0])])  # (a persona's description paragraph holds no line break: value-reads-back, a warning)
def test_a_block_scalar_description_comes_back_as_a_block(via, block):
    text = f"---\nname: build-check\n{block}---\n\nRun the build and read its log.\n"
    path, placed = ".claude/skills/build-check/SKILL.md", agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_="skill", path=path, policy=placed)[0]
    assert block.split("\n")[1] not in out.text  # the target spells the value its own way
    back = agentconv.convert_text(out.text, "skill", from_=via, path=out.path, policy=placed)
    assert back.text == text


def test_a_block_scalar_comes_back_through_two_dialects_and_not_once_edited():
    text = f"---\nname: build-check\n{BLOCKS[0]}---\n\nRun the build and read its log.\n"
    path, placed = ".claude/skills/build-check/SKILL.md", agentconv.Policy(placed=True)
    codex = agentconv.convert_all_text(text, "codex", from_="skill", path=path, policy=placed)[0]
    gem = agentconv.convert_all_text(codex.text, "gemini-command", from_="codex", path=codex.path, policy=placed)[0]
    assert agentconv.convert_text(gem.text, "skill", from_="gemini-command", path=gem.path, policy=placed).text == text
    edited = codex.text.replace("when asked", "on every push")  # another value: the style no longer fits it
    back = agentconv.convert_text(edited, "skill", from_="codex", path=codex.path, policy=placed)
    assert "description: Checks the build on every push, then reports what failed.\n" in back.text


# A Claude Code agent's `tools` written as a YAML list (flow or block: Claude Code reads a list as its comma string)
# went out where its policy rides (Kiro's tool groups, Cursor's readonly flag) and came back as a comma string. The
# side channel's `styles` names the list (`[]`, or `-` for a block list) and the way back writes a list again.
TOOL_LISTS = ["tools: [Read, Grep]\n", "tools:\n  - Read\n  - Grep\n"]


@pytest.mark.parametrize("via,tools", [(v, t) for v in ("kiro-md", "cursor", "markdown") for t in TOOL_LISTS])
def test_a_claude_tool_list_comes_back_as_a_list(via, tools):
    text = f"---\nname: rev\ndescription: Reviews code\n{tools}---\n\nReview.\n"
    path, placed = ".claude/agents/rev.md", agentconv.Policy(placed=True)
    # Cursor's readonly: true still runs the shell commands that change nothing: written only when allowed
    out = agentconv.convert_all_text(text, via, from_="claude", path=path,
                                     policy=agentconv.Policy(placed=True, allow_broaden=via == "cursor"))[0]
    assert tools not in out.text
    back = agentconv.convert_text(out.text, "claude", from_=via, path=out.path, policy=placed)
    assert back.text == text


@pytest.mark.parametrize("style", [">-2:5:1", ">-2:11:99", "|2:11:3", ">-0:11:", "]2:11:", ">-2:11:" + ",".join(
    ["5"] * 300)])
def test_a_block_style_that_does_not_fit_is_ignored(style):
    """A hand-made style (another length, a break on no space, a break in a literal block, no indentation, too many
    breaks) lays out nothing: the value is written as usual."""
    from agentconv import carry

    assert carry.unblock("description", "Hello world", style) is None
    assert not carry.layout({"styles": {"description": style}}) or carry.is_style(style)


# A record whose first file had no header (a Cursor agent named by its file, a plain markdown persona without a
# title, a titled one without a description paragraph, a BMAD-METHOD agent under a `# title`, whose first paragraph is
# an instruction) came back with what the way out made up: `name:`, a description, a `# title`. The side channel's `made`
# names every field a write made up where the first file had none (a description a target requires, the name of a
# file named by its file, a display name made from it), and a write back into that dialect, while the file is as the
# way out left it, leaves them out. A description edited since is the file's own: kept.
HEADERLESS = [("cursor", ".cursor/agents/reviewer.md", "You review pull requests.\n\nBe brief.\n"),
              ("cursor", ".cursor/agents/reviewer.md", "---\ndescription: Reviews pull requests\n---\n\nBe brief.\n"),
              ("markdown", "agents/reviewer.md", "You review pull requests.\n\nBe brief.\n"),
              ("markdown", "agents/reviewer.md", "# Reviewer\n\n- Review pull requests.\n- Be brief.\n"),
              ("markdown", "agents/architect.md", "# architect\n\nACTIVATION-NOTICE: follow the block below.\n\n"
               "```yaml\nagent:\n  name: Win\n  id: architect\n  whenToUse: Use for system design\n```\n"),
              ("claude", ".claude/agents/reviewer.md", "---\ndescription: Reviews pull requests\n---\n\nBe brief.\n")]


@pytest.mark.parametrize("source,path,text,via", [(*h, v) for h in HEADERLESS for v in (
    "claude", "copilot", "opencode", "gemini", "codex", "skill") if v != h[0]])
def test_what_the_way_out_made_up_is_left_out_on_the_way_back(source, path, text, via):
    placed = agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_=source, path=path, policy=placed)[0]
    assert agentconv.convert_text(out.text, source, from_=via, path=out.path, policy=placed).text == text
    assert agentconv.convert_text(out.text, via, from_=via, path=out.path, policy=placed).text == out.text


def test_a_made_up_description_edited_since_is_kept_and_a_made_entry_grants_nothing():
    text = "You review pull requests.\n\nBe brief.\n"
    path, placed = ".cursor/agents/reviewer.md", agentconv.Policy(placed=True)
    out = agentconv.convert_text(text, "claude", from_="cursor", path=path, policy=placed)
    assert '"made":["description","name"]' in out.text
    edited = out.text.replace("description: You review pull requests.", "description: Reviews pull requests")
    back = agentconv.convert_text(edited, "cursor", from_="claude", path=out.path, policy=placed)
    assert "description: Reviews pull requests\n" in back.text
    hostile = out.text.replace('"made":["description","name"]', '"made":["tools","readonly","description"]')
    hostile = hostile.replace("---\n\nYou review", "tools: Read, Bash\n---\n\nYou review")  # a stale comment beside tools
    back = agentconv.convert_text(hostile, "cursor", from_="claude", path=out.path, policy=placed)
    assert "readonly: true" in back.text  # what the file grants is written whatever the comment says


def test_a_file_agentconv_wrote_keeps_its_made_in_its_own_dialect():
    """Converted to its own dialect, a file whose comment says what the way out made up says it again (it lost it: a
    Claude command written as a skill came back with its made-up description after a skill -> skill pass)."""
    placed = agentconv.Policy(placed=True)
    out = agentconv.convert_text("Standup report\n\nList what changed.\n", "skill", from_="claude-command",
                                 path=".claude/commands/standup.md", policy=placed)
    again = agentconv.convert_text(out.text, "skill", from_="skill", path=out.path, policy=placed)
    assert again.text == out.text


@pytest.mark.parametrize("via", ["claude", "opencode", "gemini", "codex", "cursor", "skill"])
def test_a_copilot_agent_without_a_name_or_anything_else_riding_comes_back_without_one(via):
    """Where nothing else rides, the side channel's `made` says the display name Copilot's writer makes from the name
    (its `display_fallback`) was none in the first file, and the blank lines before its prompt ride with it (through
    a TOML file, which has no place for them)."""
    text = "---\ndescription: Keeps notes after a session\n---\n\n\nKeep notes.\n"
    path, placed = ".github/agents/notes.agent.md", agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_="copilot", path=path, policy=placed)[0]
    assert agentconv.convert_text(out.text, "copilot", from_=via, path=out.path, policy=placed).text == text


# A TOML file (a Gemini CLI command, a Codex agent) came back without its comment lines and blank lines, and with its
# strings in tomli-w's quotes (`'''` as `"""`, every `"` escaped). The side channel's `toml` says the first file's
# layout (comment and blank lines as they are, each key's quotes, the keys' order; carry.toml_skeleton, bounded by
# TOML_MAX), only where it gives that file back exactly; a write back into its dialect, while fresh, lays it out so.
TOML_FILES = [
    ("gemini-command", ".gemini/commands/standup.toml", ["claude-command", "opencode-command", "codex-prompt",
                                                         "copilot-prompt", "skill", "claude", "codex"],
     '# standup - written by hand\ndescription = "Standup"\n\nprompt = """\nSay "what changed" since {{args}}.\n"""\n'),
    ("gemini-command", ".gemini/commands/lint.toml", ["claude-command", "skill", "codex"],
     "description = 'Lint it'\n# the prompt below is literal\nprompt = '''Run the linter on \\src, say \"done\".\n'''\n"),
    ("gemini-command", ".gemini/commands/matrix.toml", ["claude", "opencode", "codex", "copilot"],  # no last line break
     '# matrix - converted by a script\ndescription = "matrix"\n\nprompt = """\n---\ndescription: "[X] A matrix"\n'
     '---\n\nMake it.\n"""'),
    ("codex", ".codex/agents/guard.toml", ["skill", "cursor", "claude", "gemini"],  # a blank line opens the prompt
     "name = \"guard\"\ndescription = \"Stops bots\"\ndeveloper_instructions = '''\n\n# Guard\n\nStop bots.\n'''\n"),
    ("codex", ".codex/agents/planner.toml", ["claude", "gemini", "skill", "opencode"],
     "# planner role\nname = \"planner\"\ndescription = \"Plans work\"\n\ndeveloper_instructions = '''\n"
     "You plan. Quote \"as is\".\n'''\n"),
]


@pytest.mark.parametrize("source,path,vias,text", TOML_FILES, ids=[t[1] for t in TOML_FILES])
def test_a_toml_file_comes_back_with_its_comments_and_quotes(source, path, vias, text):
    placed = agentconv.Policy(placed=True)
    assert agentconv.convert_text(text, source, from_=source, path=path, policy=placed).text == text
    for via in vias:
        out = agentconv.convert_all_text(text, via, from_=source, path=path, policy=placed)[0]
        assert agentconv.convert_text(out.text, source, from_=via, path=out.path, policy=placed).text == text, via
        assert agentconv.convert_text(out.text, via, from_=via, path=out.path, policy=placed).text == out.text


def test_a_toml_layout_that_does_not_fit_lays_out_nothing():
    """A hand-made layout (a line that is no comment, a key the data lacks or one it leaves out) writes the file as
    usual: the layout never adds a key or a value."""
    from agentconv import carry

    data = {"description": "Standup", "prompt": "Go.\n"}
    assert carry.from_skeleton(["=description \"", "=prompt \"\"\"+"], data) == 'description = "Standup"\nprompt = """\nGo.\n"""\n'
    assert carry.from_skeleton(['prompt = "x"', "=description \"", "=prompt \"\"\"+"], data) is None
    assert carry.from_skeleton(["=description \"", "=prompt \"\"\"+", "=run \""], data) is None
    assert carry.from_skeleton(["=description \""], data) is None
    assert carry.from_skeleton(['# agentconv-carry: {"v":1}', "=description \"", "=prompt \"\"\"+"], data) is None
    assert carry.from_skeleton(["# x"] * (carry.TOML_MAX + 1) + ["=description \"", "=prompt \"\"\"+"], data) is None
    edited = agentconv.convert_all_text(TOML_FILES[0][3], "claude-command", from_="gemini-command",
                                        path=TOML_FILES[0][1], policy=agentconv.Policy(placed=True))[0]
    back = agentconv.convert_text(edited.text.replace("description: Standup", "description: Daily standup"),
                                  "gemini-command", from_="claude-command", path=edited.path,
                                  policy=agentconv.Policy(placed=True))
    assert back.text.startswith('description = "Daily standup"\n')  # edited: written as usual, no comment kept


@pytest.mark.parametrize("via", ["codex", "gemini", "opencode", "cursor", "gemini-command", "claude", "copilot",
                                 "claude-command"])
def test_a_skill_s_own_top_level_keys_come_back_on_their_own(via):
    """A skill with `version:` and `category:` of its own (read as metadata entries) came back with them in a
    `metadata:` map: the side channel's `keys` say the first skill had them on their own, and a write back into the
    skill dialect writes them so (only those keys: a skill from elsewhere still gets them in its map)."""
    text = '---\nname: audit\nversion: "0.2.1"\ncategory: ui\ndescription: Audits pages\nlicense: MIT\n---\n\nAudit.\n'
    path, placed = ".claude/skills/audit/SKILL.md", agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_="skill", path=path, policy=placed)[0]
    assert agentconv.convert_text(out.text, "skill", from_=via, path=out.path, policy=placed).text == text
    other = agentconv.convert_text("---\nname: audit\ndescription: Audits\nversion: v2\n---\n\nAudit.\n", "skill",
                                   from_="claude", path=".claude/agents/audit.md", policy=placed)
    assert "metadata:\n  version: v2\n" in other.text


@pytest.mark.parametrize("via", ["claude", "copilot", "opencode", "codex", "gemini"])
def test_a_skill_s_metadata_map_beside_its_own_catalogue_keys_keeps_its_place(via):
    """A skill with `version:` and `category:` of its own and a `metadata:` map below them: the side channel's `keys`
    name the map too, so a write back puts it between them and `license` again, not after the last of them."""
    text = ('---\nname: audit\ndescription: Audits\nversion: "0.2.1"\ncategory: ui\nmetadata:\n  author: someone\n'
            'license: MIT\n---\n\nAudit.\n')
    path, placed = ".claude/skills/audit/SKILL.md", agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_="skill", path=path, policy=placed)[0]
    assert agentconv.convert_text(out.text, "skill", from_=via, path=out.path, policy=placed).text == text


@pytest.mark.parametrize("via", ["codex", "gemini", "opencode", "cursor", "windsurf"])
def test_a_skill_key_that_rode_comes_back_as_its_key(via):
    """A key of the first skill that another tool's table names (Roo's `source:`) rode in the side channel and came
    back as a value the skill's header no longer had: written back under its key, as the first file had it."""
    text = "---\nname: branches\ndescription: Names branches\nsource: origin\n---\n\nName branches.\n"
    path, placed = ".claude/skills/branches/SKILL.md", agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_="skill", path=path, policy=placed)[0]
    assert agentconv.convert_text(out.text, "skill", from_=via, path=out.path, policy=placed).text == text


@pytest.mark.parametrize("via", ["claude", "copilot", "kiro", "gemini", "codex", "roo"])
def test_pre_approvals_a_target_cannot_say_are_a_warning_not_an_info(via):
    """OpenCode's `tools:` map of switches all on (read as pre-approvals: OpenCode turns them into `allow` permissions)
    cannot ride in a target whose tool field only restricts (a carried allow would grant what the visible file does not):
    dropped on the way out, so the round trip loses the map; that is said as a warning, as where a target has no tool
    field, never only as an info item."""
    text = "---\ndescription: Reviews\nmode: subagent\ntools:\n  write: true\n  bash: true\n---\n\nReview.\n"
    out = agentconv.convert_all_text(text, via, from_="opencode", path=".opencode/agent/rev.md")[0]
    said = [i for i in out.report if i.path == "tools" and "per-tool decisions" in i.message]
    assert said and all(i.severity.value == "warning" and i.code.value == "field-dropped" for i in said), said
    assert '"tools":{' not in out.text  # not carried: an allow would grant what the written file does not


# A header with no blank line below it came back with one through a dialect with no markdown header (a Gemini CLI
# command, a Codex agent: TOML): the side channel's `gap` said one blank line or more, never none. Where something
# rides anyway, `"gap": ""` says none; the way back writes none.
@pytest.mark.parametrize("source,path,text,via", [
    ("claude-command", ".claude/commands/hi.md", "---\ndescription: Say hi\nmodel: haiku\n---\nSay hi to $ARGUMENTS.\n",
     "gemini-command"),
    ("claude-command", ".claude/commands/hi.md", "---\ndescription: Say hi\n---\nSay hi to $ARGUMENTS.\n",
     "gemini-command"),
    ("claude", ".claude/agents/hi.md", "---\nname: hi\ndescription: Says hi\ncolor: red\n---\nSay hi.\n", "codex"),
])
def test_no_blank_line_below_the_header_comes_back_as_none(source, path, text, via):
    placed = agentconv.Policy(placed=True)
    out = agentconv.convert_all_text(text, via, from_=source, path=path, policy=placed)[0]
    assert agentconv.convert_text(out.text, source, from_=via, path=out.path, policy=placed).text == text
