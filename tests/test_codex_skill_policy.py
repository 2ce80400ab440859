"""Who runs a skill, for Codex: `policy.allow_implicit_invocation: false` in the skill's `agents/openai.yaml` (openai/codex
codex-rs/core-skills/src/loader.rs load_skill_metadata, model.rs allow_implicit_invocation; codex.toml [skill_metadata]).
Written beside a skill or command only the user runs that is routed to Codex (convert DIR, migrate), said where one
file is written alone; read back as `disable-model-invocation: true`, so a Codex skill converted to Codex comes back
byte for byte and one converted to Claude Code keeps the user alone running it. Which files Codex reads, and which it
ignores as a whole, were each run through @openai/codex 0.169.0's own loader (`codex debug prompt-input` in a trusted
project: the skill left out of the model's list, or listed), 2026-11-29. Synthetic fixtures only."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import agentconv
from agentconv import skillmeta
from agentconv.batch import convert_many
from agentconv.errors import BroadenError
from agentconv.migration import migrate

SKILL = "---\nname: deploy\ndescription: Deploy the app\n---\nRun the deploy.\n"
USER_ONLY = "---\nname: ship\ndescription: Ship it\ndisable-model-invocation: true\n---\nShip the app.\n"
POLICY = "policy:\n  allow_implicit_invocation: false\n"


def skill(root: Path, name: str, text: str, yaml: str | bytes | None = None, where: str = ".agents/skills") -> Path:
    folder = root / where / name
    folder.mkdir(parents=True)
    (folder / "SKILL.md").write_text(text, encoding="utf-8")
    if yaml is not None:
        (folder / "agents").mkdir()
        (folder / "agents" / "openai.yaml").write_bytes(yaml.encode("utf-8") if isinstance(yaml, str) else yaml)
    return folder / "SKILL.md"


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".agentconv" not in p.parts}


# (agents/openai.yaml, whether Codex 0.169.0 hides the skill from its model): each run through its loader
LOADER = [
    (POLICY, True),
    ("policy:\n  allow_implicit_invocation: False\n", True),
    ("policy:\n  allow_implicit_invocation: FALSE\n", True),
    ("policy:\n  allow_implicit_invocation: !!bool false\n", True),
    ("policy: {allow_implicit_invocation: false}\n", True),
    ("policy:\r\n  allow_implicit_invocation: false\r\n", True),
    ("\ufeffpolicy:\n  allow_implicit_invocation: false\n", True),
    ("interface:\n  display_name: Extra\nweird: 1\npolicy:\n  allow_implicit_invocation: false\n  other: x\n", True),
    ("interface:\n  display_name: 123\npolicy:\n  allow_implicit_invocation: false\n", True),  # a scalar is text
    ("interface:\n  display_name: true\npolicy:\n  allow_implicit_invocation: false\n", True),
    ("interface:\npolicy:\n  allow_implicit_invocation: false\n", True),
    ("dependencies:\n  tools:\n    - type: mcp\n      value: github\npolicy:\n  allow_implicit_invocation: false\n", True),
    ("dependencies:\n  tools:\npolicy:\n  allow_implicit_invocation: false\n", True),
    ("policy:\n  allow_implicit_invocation: false\n  products: []\n", True),
    ("policy:\n  allow_implicit_invocation: false\n  products: [codex]\n", True),
    ("x: &a false\npolicy:\n  allow_implicit_invocation: *a\n", True),
    ("", False),
    ("policy:\n  allow_implicit_invocation: true\n", False),
    ("policy:\n  allow_implicit_invocation: \"false\"\n", False),  # text, not a boolean: the whole file ignored
    ("policy:\n  allow_implicit_invocation: no\n", False),
    ("policy:\n  allow_implicit_invocation: 0\n", False),
    ("policy:\n  allow_implicit_invocation: false\npolicy:\n  allow_implicit_invocation: false\n", False),
    ("policy:\n  allow_implicit_invocation: true\n  allow_implicit_invocation: false\n", False),
    ("policy:\n\tallow_implicit_invocation: false\n", False),
    ("policy:\n  allow_implicit_invocation: false\n---\na: 1\n", False),
    ("policy:\n  allow_implicit_invocation: false\n  products: [Codex]\n", False),  # no product Codex knows
    ("policy:\n  allow_implicit_invocation: false\n  products: [cli]\n", False),
    ("interface: 5\npolicy:\n  allow_implicit_invocation: false\n", False),
    ("interface:\n  icon_small: [a]\npolicy:\n  allow_implicit_invocation: false\n", False),
    ("dependencies:\n  tools: x\npolicy:\n  allow_implicit_invocation: false\n", False),
    ("dependencies:\n  tools: [x]\npolicy:\n  allow_implicit_invocation: false\n", False),
    ("policy: x\n", False),
]


@pytest.mark.parametrize("yaml, hidden", LOADER)
def test_the_policy_is_read_as_codex_reads_it(yaml, hidden):
    assert skillmeta.read_bytes(yaml.encode("utf-8")).user_only is hidden


@pytest.mark.parametrize("yaml", [y for y, hidden in LOADER if hidden])
def test_a_codex_skill_is_one_only_the_user_runs_where_codex_says_so(tmp_path, yaml):
    src = skill(tmp_path, "deploy", SKILL, yaml)
    out = agentconv.convert(src, "claude-command")
    assert "disable-model-invocation: true" in out.text
    assert not [i for i in out.report if i.code.value == "file-rejected"]


@pytest.mark.parametrize("yaml", [y for y, hidden in LOADER if not hidden and "false" in y.lower()])
def test_a_policy_codex_ignores_is_said_and_not_read(tmp_path, yaml):
    """The file says false, but Codex ignores it whole (or reads no boolean there): its model runs the skill."""
    src = skill(tmp_path, "deploy", SKILL, yaml)
    out = agentconv.convert(src, "claude-command")
    assert "disable-model-invocation" not in out.text
    said = [i for i in out.report if i.code.value == "file-rejected"]
    assert len(said) == 1 and said[0].message.startswith("agents/openai.yaml: ")
    assert said[0].message.endswith("so Codex loads nothing from the file: its 'allow_implicit_invocation: false' is "
                                    "not in force there, and the skill is read as one the model may run")


def test_codex_to_claude_writes_the_key_and_never_widens(tmp_path):
    src = skill(tmp_path, "deploy", SKILL, POLICY)
    cmd = agentconv.convert(src, "claude-command")
    assert cmd.text.startswith("---\ndescription: Deploy the app\ndisable-model-invocation: true\n")
    own = agentconv.convert(src, "skill")  # into its own dialect: byte for byte (the file beside it still says so)
    assert own.text == SKILL and not [i for i in own.report if i.code.value == "value-respelled"]
    with pytest.raises(BroadenError, match="only the user runs it"):  # a Claude Code subagent: the model runs it
        agentconv.convert(src, "claude")
    assert "disable-model-invocation" not in agentconv.convert(skill(tmp_path / "b", "deploy", SKILL), "skill").text
    # a header that says who runs it is what the tools reading SKILL.md read: kept, whatever openai.yaml says
    text = SKILL.replace("---\nRun", "disable-model-invocation: false\n---\nRun")
    src = skill(tmp_path / "c", "deploy", text, POLICY)
    assert agentconv.convert(src, "skill").text == text
    assert "disable-model-invocation: false" in agentconv.convert(src, "claude-command").text


EXTRA = "interface:\n  display_name: \"Deploy\"\n  default_prompt: \"Use $deploy now\"\n# a comment\n" + POLICY


@pytest.mark.parametrize("yaml", [POLICY, EXTRA, "policy:\n    allow_implicit_invocation: False  # only by $deploy\n"])
def test_codex_to_codex_comes_back_byte_for_byte(tmp_path, yaml):
    repo = tmp_path / "repo"
    skill(repo, "deploy", SKILL, yaml)
    (repo / ".agents/skills/deploy/references").mkdir()
    (repo / ".agents/skills/deploy/references/steps.md").write_text("# Steps\n")
    results = list(convert_many([repo / ".agents/skills"], "codex", tmp_path / "out"))
    assert {r.status for r in results} == {"converted"}
    assert files(tmp_path / "out") == files(repo)
    assert not [i for r in results for i in r.report if i.severity.value != "info"]
    one = agentconv.convert(repo / ".agents/skills/deploy/SKILL.md", "codex", route=True)
    assert one.text == SKILL  # alone, the SKILL.md as it came, and the file left behind said
    assert {i.code.value for i in one.report} == {"kind-changed", "component-dropped"}


def test_a_claude_skill_only_the_user_runs_gets_the_file_codex_reads(tmp_path):
    repo = tmp_path / "repo"
    skill(repo, "ship", USER_ONLY, where=".claude/skills")
    skill(repo, "deploy", SKILL, where=".claude/skills")
    results = list(convert_many([repo / ".claude/skills"], "codex", tmp_path / "out"))
    assert files(tmp_path / "out") == {".agents/skills/deploy/SKILL.md": SKILL.encode(),
                                       ".agents/skills/ship/SKILL.md": USER_ONLY.encode(),
                                       ".agents/skills/ship/agents/openai.yaml": POLICY.encode()}
    said = [(i.code.value, i.message) for r in results for i in r.report if "ship" in r.source]
    assert ("value-respelled", "'disable-model-invocation: true' written as agents/openai.yaml's "
            "'policy.allow_implicit_invocation: false' (Codex reads who runs a skill there)") in said
    assert "kind-changed" not in [c for c, _ in said]
    # and back: Codex's skill, read with its file, is Claude Code's skill only the user runs
    back = agentconv.convert(tmp_path / "out/.agents/skills/ship/SKILL.md", "claude-command")
    assert "disable-model-invocation: true" in back.text


def test_one_file_alone_says_what_codex_loses(tmp_path):
    src = skill(tmp_path, "ship", USER_ONLY, where=".claude/skills")
    out = agentconv.convert(src, "codex", route=True)
    assert out.text == USER_ONLY
    said = [i for i in out.report if i.code.value == "kind-changed"]
    assert len(said) == 1 and said[0].severity.value == "warning"
    assert said[0].message.startswith("a skill only the user runs written as skill for codex without its "
                                      "agents/openai.yaml ('policy.allow_implicit_invocation: false')")


@pytest.mark.parametrize("old, new", [
    ("interface:\n  display_name: \"Ship\"\n", "interface:\n  display_name: \"Ship\"\n" + POLICY),
    ("policy:\n  products: [codex]\n", "policy:\n  allow_implicit_invocation: false\n  products: [codex]\n"),
    ("policy:\n    allow_implicit_invocation: true # said\n", "policy:\n    allow_implicit_invocation: false # said\n"),
    ("interface:\r\n  display_name: Ship\r\n", "interface:\r\n  display_name: Ship\r\n" + POLICY.replace("\n", "\r\n")),
])
def test_the_skills_own_file_keeps_its_other_keys(tmp_path, old, new):
    """A Claude Code skill only the user runs that has an agents/openai.yaml of its own (its interface, its products):
    the policy is set in it, its other lines kept (never invented, never dropped)."""
    repo = tmp_path / "repo"
    skill(repo, "ship", USER_ONLY, old, where=".claude/skills")
    out = tmp_path / "out"
    migrate(repo, ["codex"], out=out, jobs=1)
    assert (out / ".agents/skills/ship/agents/openai.yaml").read_bytes() == new.encode()
    assert (out / ".agents/skills/ship/SKILL.md").read_text() == USER_ONLY
    assert skillmeta.read_bytes(new.encode()).user_only


def test_a_file_codex_ignores_is_said_and_copied_as_it_is(tmp_path):
    bad = "policy:\n  allow_implicit_invocation: false\n  products: [Codex]\n"
    src = skill(tmp_path, "deploy", SKILL, bad)
    out = agentconv.convert(src, "claude")  # no refusal: Codex runs it as one the model may run
    rejected = [i for i in out.report if i.code.value == "file-rejected"]
    assert len(rejected) == 1 and rejected[0].severity.value == "warning"
    assert "'policy.products' names 'Codex'" in rejected[0].message and "Codex loads nothing" in rejected[0].message
    repo = tmp_path / "repo"
    skill(repo, "ship", USER_ONLY, bad, where=".claude/skills")
    results = list(convert_many([repo / ".claude/skills"], "codex", tmp_path / "out"))
    assert (tmp_path / "out/.agents/skills/ship/agents/openai.yaml").read_text() == bad
    kept = [i.message for r in results for i in r.report if i.code.value == "kind-changed"]
    assert len(kept) == 1 and "copied as it is: Codex ignores that file ('policy.products' names 'Codex'" in kept[0]


def test_migrate_writes_it_once_and_is_idempotent(tmp_path):
    repo = tmp_path / "repo"
    skill(repo, "ship", USER_ONLY, where=".claude/skills")
    first = migrate(repo, ["codex"], jobs=1)
    assert sorted(r.target for r in first.records if r.target) == [".agents/skills/ship/SKILL.md",
                                                                    ".agents/skills/ship/agents/openai.yaml"]
    again = migrate(repo, ["codex"], jobs=1)
    assert {r.status for r in again.records if r.target} == {"unchanged"}


def test_convert_json_lists_the_second_output(tmp_path):
    from test_codex_convert_skill import cli

    repo = tmp_path / "repo"
    skill(repo, "ship", USER_ONLY, where=".claude/skills")
    r = cli("convert", str(repo / ".claude/skills"), "--to", "codex", "-o", str(tmp_path / "out"), "--json")
    assert r.returncode == 0, r.stderr
    targets = sorted(Path(f["target"]).relative_to(tmp_path / "out").as_posix() for f in json.loads(r.stdout)["files"])
    assert targets == [".agents/skills/ship/SKILL.md", ".agents/skills/ship/agents/openai.yaml"]


def test_sync_removes_the_file_once_the_user_alone_no_longer_runs_it(tmp_path):
    """The file's row names the file the skill would hold (a command's: the command and the file), where no file is:
    once the record no longer says only the user runs it, `sync` removes what it wrote."""
    repo = tmp_path / "repo"
    src = skill(repo, "ship", USER_ONLY, where=".claude/skills")
    cmd = repo / ".claude/commands/dep.md"
    cmd.parent.mkdir(parents=True)
    cmd.write_text("---\ndescription: Deploy\ndisable-model-invocation: true\n---\nDeploy.\n")
    first = migrate(repo, ["codex"], jobs=1, remove_orphans=True)
    assert sorted((r.source, r.target) for r in first.records if r.target and r.target.endswith("openai.yaml")) == [
        (".claude/commands/dep.md#agents/openai.yaml", ".agents/skills/dep/agents/openai.yaml"),
        (".claude/skills/ship/agents/openai.yaml", ".agents/skills/ship/agents/openai.yaml")]
    src.write_text(USER_ONLY.replace("disable-model-invocation: true\n", ""))
    cmd.write_text("---\ndescription: Deploy\n---\nDeploy.\n")
    again = migrate(repo, ["codex"], jobs=1, remove_orphans=True)
    assert sorted(r.target for r in again.records if r.status == "removed") == [
        ".agents/skills/dep/agents/openai.yaml", ".agents/skills/ship/agents/openai.yaml"]
    assert not (repo / ".agents/skills/ship/agents").exists() and (repo / ".agents/skills/ship/SKILL.md").is_file()


def test_an_agent_plugins_package_for_codex_gets_the_file(tmp_path):
    """Codex loads a package's skills/ (packages.toml [agent-plugins.clients.codex] loads): a skill only the user runs
    gets its agents/openai.yaml there, the package's own one kept with the policy added; for a client that reads no
    such file it is copied as it is."""
    from test_codex_convert_skill import cli

    src = tmp_path / "src"
    (src / ".claude-plugin").mkdir(parents=True)
    (src / ".claude-plugin/plugin.json").write_text('{"name": "demo", "version": "1.0.0", "description": "d"}\n')
    skill(src, "ship", USER_ONLY, "interface:\n  display_name: \"Ship\"\n", where="skills")
    skill(src, "lint", SKILL.replace("deploy", "lint"), where="skills")
    for clients, want in (("codex", "interface:\n  display_name: \"Ship\"\n" + POLICY),
                          ("copilot", "interface:\n  display_name: \"Ship\"\n")):
        out = tmp_path / clients
        r = cli("convert", str(src), "--to", "agent-plugins", "--clients", clients, "-o", str(out), "--json")
        assert r.returncode == 0, r.stderr
        assert (out / "skills/ship/agents/openai.yaml").read_text() == want
        assert not (out / "skills/lint/agents").exists()
        assert [f["status"] for f in json.loads(r.stdout)["files"]].count("failed") == 0


def test_a_skill_already_where_codex_reads_it_gets_the_file_in_place(tmp_path):
    """A skill only the user runs by its header, in .agents/skills/ already (migrate leaves the SKILL.md alone): its
    agents/openai.yaml is written there, or set in its own one; once there, nothing more is written."""
    repo = tmp_path / "repo"
    skill(repo, "ship", USER_ONLY)
    skill(repo, "mine", USER_ONLY.replace("ship", "mine"), "interface:\n  display_name: \"Mine\"\n")
    skill(repo, "deploy", SKILL, POLICY)
    first = migrate(repo, ["codex"], jobs=1)
    assert sorted((r.source, r.target, r.status) for r in first.records if r.target) == [
        (".agents/skills/mine/agents/openai.yaml", ".agents/skills/mine/agents/openai.yaml", "kept"),  # not ours
        (".agents/skills/ship/agents/openai.yaml", ".agents/skills/ship/agents/openai.yaml", "converted")]
    assert (repo / ".agents/skills/ship/agents/openai.yaml").read_text() == POLICY
    assert (repo / ".agents/skills/mine/agents/openai.yaml").read_text() == "interface:\n  display_name: \"Mine\"\n"
    forced = migrate(repo, ["codex"], jobs=1, force=True)
    assert [r.status for r in forced.records if r.target] == ["converted"]
    assert (repo / ".agents/skills/mine/agents/openai.yaml").read_text() == "interface:\n  display_name: \"Mine\"\n" + POLICY
    assert (repo / ".agents/skills/ship/SKILL.md").read_text() == USER_ONLY
    again = migrate(repo, ["codex"], jobs=1)
    assert not [r for r in again.records if r.target]


def test_a_codex_skill_placed_in_the_skill_folder_keeps_the_user_alone_running_it(tmp_path):
    """(unseen32: Codex skills with agents/openai.yaml, converted as a folder.) `convert DIR --to skill` places a skill
    of .agents/skills at .claude/skills without the file beside it (said skipped): the key its header never had was
    left out as for a file converted in place, and the tools reading .claude/skills (Claude Code) let the model run a
    skill only the user ran in Codex, nothing said. Placed, the header says it; alone, the file comes back as it came."""
    repo = tmp_path / "repo"
    src = skill(repo, "deploy", SKILL, POLICY)
    results = list(convert_many([repo / ".agents/skills"], "skill", tmp_path / "out"))
    written = files(tmp_path / "out")
    assert written == {".claude/skills/deploy/SKILL.md": SKILL.replace("---\nRun", "disable-model-invocation: true\n"
                                                                         "---\nRun").encode()}
    said = [(i.code.value, i.message) for r in results for i in r.report]
    assert ("value-respelled", "agents/openai.yaml's 'policy.allow_implicit_invocation: false' written as "
            "'disable-model-invocation: true' (the agents/openai.yaml is not written with the skill, and only Codex "
            "reads it)") in said
    assert agentconv.convert(src, "skill").text == SKILL  # alone: beside its file, as it came
    plain = skill(tmp_path / "b", "deploy", SKILL)  # no file beside it: nothing added
    assert list(convert_many([plain.parent.parent], "skill", tmp_path / "out-b"))
    assert files(tmp_path / "out-b") == {".claude/skills/deploy/SKILL.md": SKILL.encode()}
