"""User-level folders (`--scope user`) and the folder several tools share (`--shared`: `.agents/skills/`).

Every test points HOME (and the vendors' variables) at a temporary folder: the real home folder is never read or
written."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agentconv import scopes
from agentconv import manifest as mf
from agentconv.batch import convert_many
from agentconv.errors import AgentconvError, ExitCode
from agentconv.migration import migrate

VARS = ("CLAUDE_CONFIG_DIR", "CODEX_HOME", "GEMINI_CLI_HOME", "XDG_CONFIG_HOME")
AGENT = "---\nname: {name}\ndescription: Reviews code for {name}.\n---\n\nYou review code.\n"
SKILL = "---\nname: {name}\ndescription: Formats {name} files.\n---\n\nFormat them.\n"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("HOME", str(h))
    for var in VARS:
        monkeypatch.delenv(var, raising=False)
    return h


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def by_target(outcome) -> dict[str, str]:
    return {r.target: r.status for r in outcome.records if r.target}


def test_user_scope_writes_each_tools_own_folder_and_nothing_else(home: Path) -> None:
    put(home / ".claude/agents/reviewer.md", AGENT.format(name="reviewer"))
    put(home / "notes/readme.md", "---\nname: notes\ndescription: not an agent\n---\nx\n")  # not a tool folder
    before = tree(home)
    out = migrate(None, ["copilot", "opencode", "gemini", "codex"], scope="user", jobs=1)
    assert by_target(out) == {".copilot/agents/reviewer.agent.md": "converted",
                              ".config/opencode/agent/reviewer.md": "converted",
                              ".gemini/agents/reviewer.md": "converted", ".codex/agents/reviewer.toml": "converted"}
    assert out.summary.exit_code() == 0
    after = tree(home)
    written = set(after) - set(before)
    assert written == {".copilot/agents/reviewer.agent.md", ".config/opencode/agent/reviewer.md",
                       ".gemini/agents/reviewer.md", ".codex/agents/reviewer.toml",
                       ".agentconv/manifest.json", ".agentconv/lock", ".agentconv/.gitignore"}
    assert {k: after[k] for k in before} == before  # sources and the rest of the home folder untouched
    manifest = json.loads((home / ".agentconv/manifest.json").read_text())
    assert sorted(manifest["files"]) == sorted(written - {".agentconv/manifest.json", ".agentconv/lock",
                                                           ".agentconv/.gitignore"})
    again = migrate(None, ["copilot", "opencode", "gemini", "codex"], scope="user", jobs=1)
    assert {r.source for r in again.records} == {".claude/agents/reviewer.md"}  # outputs are not sources
    assert set(by_target(again).values()) == {"unchanged"}
    assert tree(home) == after


def test_user_scope_reads_each_folder_in_its_own_dialect(home: Path) -> None:
    put(home / ".copilot/agents/planner.md", "---\ndescription: Plans work.\n---\n\nYou plan.\n")
    put(home / ".agents/skills/fmt/SKILL.md", SKILL.format(name="fmt"))
    put(home / ".config/opencode/agents/docs.md", "---\ndescription: Writes docs.\n---\n\nYou write.\n")
    put(home / ".codex/prompts/ship.md", "Ship it.\n")
    out = migrate(None, ["claude"], scope="user", mode="plan", jobs=1)
    seen = {r.source: (r.source_dialect, r.target) for r in out.records}
    assert seen == {".copilot/agents/planner.md": ("copilot", ".claude/agents/planner.md"),
                    ".agents/skills/fmt/SKILL.md": ("skill", ".claude/agents/fmt.md"),
                    ".config/opencode/agents/docs.md": ("opencode", ".claude/agents/docs.md"),
                    ".codex/prompts/ship.md": ("codex-prompt", ".claude/commands/ship.md")}  # a command: routed


def test_a_hand_written_file_in_a_user_folder_is_never_replaced(home: Path) -> None:
    """A user folder is also where sources are found: a file agentconv did not write there is a source, which no
    target replaces, --force or not."""
    put(home / ".claude/agents/reviewer.md", AGENT.format(name="reviewer"))
    text = "---\nname: reviewer\ndescription: my own\n---\nmine\n"
    mine = put(home / ".gemini/agents/reviewer.md", text)
    for force in (False, True):
        out = migrate(None, ["gemini"], scope="user", jobs=1, force=force)
        failed = [r for r in out.records if r.status == "failed"]
        assert [(r.source, r.target) for r in failed] == [(".claude/agents/reviewer.md", ".gemini/agents/reviewer.md")]
        assert "refusing to overwrite a source file" in failed[0].error
        assert out.summary.exit_code() == int(ExitCode.PARTIAL)
        assert mine.read_text() == text


def test_an_edited_output_is_kept_without_force(home: Path) -> None:
    put(home / ".claude/agents/reviewer.md", AGENT.format(name="reviewer"))
    migrate(None, ["copilot"], scope="user", jobs=1)
    out_file = home / ".copilot/agents/reviewer.agent.md"
    put(home / ".claude/agents/reviewer.md", AGENT.format(name="reviewer").replace("You review", "You check"))
    out_file.write_text(out_file.read_text() + "my edit\n")
    kept = migrate(None, ["copilot"], scope="user", jobs=1)
    assert by_target(kept) == {".copilot/agents/reviewer.agent.md": "kept"}
    assert out_file.read_text().endswith("my edit\n")
    forced = migrate(None, ["copilot"], scope="user", jobs=1, force=True)
    assert by_target(forced) == {".copilot/agents/reviewer.agent.md": "converted"}
    assert "You check" in out_file.read_text()


def test_vendor_variables_move_the_folders(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg"))
    monkeypatch.setenv("CODEX_HOME", str(home / "codex-home"))
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(home / "cc"))
    put(home / "cc/agents/reviewer.md", AGENT.format(name="reviewer"))
    put(home / ".claude/agents/ignored.md", AGENT.format(name="ignored"))  # not Claude Code's folder now
    out = migrate(None, ["opencode", "codex"], scope="user", jobs=1)
    assert by_target(out) == {"xdg/opencode/agent/reviewer.md": "converted", "codex-home/agents/reviewer.toml": "converted"}
    assert not (home / ".config").exists() and not (home / ".codex").exists()


def test_a_folder_outside_the_home_folder_is_refused(home: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(elsewhere))
    put(home / ".claude/agents/reviewer.md", AGENT.format(name="reviewer"))
    out = migrate(None, ["opencode", "gemini"], scope="user", jobs=1)
    failed = [r for r in out.records if r.status == "failed"]
    assert [(r.target_dialect, r.target) for r in failed] == [("opencode", None)]
    assert "outside the home folder" in failed[0].error and failed[0].exit_code == int(ExitCode.USAGE)
    assert by_target(out) == {".gemini/agents/reviewer.md": "converted"}
    assert not elsewhere.exists()


def test_dialects_without_a_user_folder_and_a_repository_are_usage_errors(home: Path) -> None:
    with pytest.raises(AgentconvError) as err:
        migrate(None, ["copilot", "roo"], scope="user")
    assert err.value.exit_code == ExitCode.USAGE and "roo" in str(err.value) and "copilot" not in str(err.value)
    with pytest.raises(AgentconvError) as err:
        migrate(home, ["copilot"], scope="user")
    assert err.value.exit_code == ExitCode.USAGE
    with pytest.raises(AgentconvError):
        migrate(None, ["copilot"], scope="global")


def test_one_run_at_a_time_writes_the_home_folder(home: Path) -> None:
    put(home / ".claude/agents/reviewer.md", AGENT.format(name="reviewer"))
    with mf.locked(home):
        with pytest.raises(AgentconvError) as err:
            migrate(None, ["gemini"], scope="user", jobs=1)
    assert err.value.exit_code == ExitCode.OUTPUT
    assert not (home / ".gemini").exists()


def test_temp_files_are_swept_only_in_the_tool_folders(home: Path) -> None:
    put(home / ".claude/agents/reviewer.md", AGENT.format(name="reviewer"))
    gone = put(home / ".gemini/agents/.agentconv-999999999-abcdef.tmp", "stale")
    other = put(home / "work/.agentconv-999999999-abcdef.tmp", "someone else's folder")
    migrate(None, ["gemini"], scope="user", jobs=1)
    assert not gone.exists() and other.exists()


def test_shared_writes_skills_where_several_tools_read_them(tmp_path: Path, home: Path) -> None:
    repo = tmp_path / "repo"
    put(repo / ".claude/agents/fmt.md", AGENT.format(name="fmt"))
    out = migrate(repo, ["skill", "copilot"], shared=True, jobs=1)
    assert by_target(out) == {".agents/skills/fmt/SKILL.md": "converted", ".github/agents/fmt.agent.md": "converted"}
    assert (repo / ".agents/skills/fmt/SKILL.md").read_text().startswith("---\nname: fmt\n")
    put(home / ".claude/agents/fmt.md", AGENT.format(name="fmt"))
    user = migrate(None, ["skill"], scope="user", shared=True, jobs=1)
    assert by_target(user) == {".agents/skills/fmt/SKILL.md": "converted"}
    plain = migrate(None, ["skill"], scope="user", mode="plan", jobs=1)
    assert by_target(plain) == {".claude/skills/fmt/SKILL.md": "planned"}


def test_expand_and_relocate() -> None:
    env = {"HOME": "/h", "CODEX_HOME": "/h/cx"}
    assert scopes.expand("${CODEX_HOME:-~/.codex}/agents", env) == "/h/cx/agents"
    assert scopes.expand("${CODEX_HOME:-~/.codex}/agents", env, defaults=True) == "/h/.codex/agents"
    assert scopes.expand("${GEMINI_CLI_HOME:-~}/.gemini", env) == "/h/.gemini"
    assert scopes.relocate(".gemini/commands/git/commit.toml", ".gemini/commands/{name}.toml",
                           "~/.gemini/commands/{name}.toml") == "~/.gemini/commands/git/commit.toml"
    assert scopes.relocate(".claude/skills/x/SKILL.md", ".claude/skills/{name}/SKILL.md",
                           ".agents/skills/{name}/SKILL.md") == ".agents/skills/x/SKILL.md"


def test_cli_migrate_and_sync_at_user_scope(home: Path, tmp_path: Path) -> None:
    put(home / ".claude/agents/reviewer.md", AGENT.format(name="reviewer"))
    exe = Path(sys.executable).with_name("agentconv")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "agentconv"]
    env = {k: v for k, v in os.environ.items() if k not in VARS} | {"HOME": str(home)}
    run = lambda *a: subprocess.run(cmd + list(a), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    done = run("migrate", "--scope", "user", "--to", "gemini", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert [(f["source"], f["target"], f["status"]) for f in doc["files"]] == \
        [(".claude/agents/reviewer.md", ".gemini/agents/reviewer.md", "converted")]
    put(home / ".agentconv.toml", 'from = "claude"\nto = ["gemini"]\n')
    assert run("sync", "--scope", "user", "--check").returncode == 0
    (home / ".claude/agents/reviewer.md").unlink()
    stale = run("sync", "--scope", "user", "--check")
    assert stale.returncode == int(ExitCode.STALE) and ".gemini/agents/reviewer.md" in stale.stderr
    assert run("sync", "--scope", "user").returncode == 0
    assert not (home / ".gemini/agents/reviewer.md").exists()
    bad = run("migrate", "--scope", "user", "--to", "roo")
    assert bad.returncode == 2 and bad.stderr.startswith("agentconv: error:")


def test_a_linked_folder_inside_the_home_folder_is_read_and_one_outside_refused(home: Path, tmp_path: Path) -> None:
    put(home / "dotfiles/claude-agents/reviewer.md", AGENT.format(name="reviewer"))
    (home / ".claude").mkdir()
    (home / ".claude/agents").symlink_to(home / "dotfiles/claude-agents")
    put(tmp_path / "outside/secret.md", AGENT.format(name="secret"))
    (home / ".codex").mkdir()
    (home / ".codex/prompts").symlink_to(tmp_path / "outside")
    out = migrate(None, ["gemini"], scope="user", jobs=1)
    assert {(r.source, r.status) for r in out.records} == {(".claude/agents/reviewer.md", "converted"),
                                                           (".codex/prompts", "failed")}
    assert not (home / ".gemini/agents/secret.md").exists()


def test_out_previews_the_user_layout_elsewhere(home: Path, tmp_path: Path) -> None:
    put(home / ".claude/agents/reviewer.md", AGENT.format(name="reviewer"))
    before = tree(home)
    migrate(None, ["gemini", "copilot"], scope="user", out=tmp_path / "preview", jobs=1)
    assert tree(home) == before
    assert sorted(tree(tmp_path / "preview")) == [".agentconv/.gitignore", ".agentconv/lock", ".agentconv/manifest.json",
                                                  ".copilot/agents/reviewer.agent.md", ".gemini/agents/reviewer.md"]


def test_convert_puts_each_file_where_migrate_puts_it(home: Path, tmp_path: Path) -> None:
    """convert --scope/--shared: the same paths as migrate (scopes.target), the home folder's manifest, so a
    later migrate --scope user takes the file for an output, not a source."""
    src = put(tmp_path / "in/fmt.md", AGENT.format(name="fmt"))
    for to, scope, shared in (("copilot", "user", False), ("gemini", "user", False), ("skill", "user", True),
                              ("skill", "project", True), ("copilot", "project", True)):
        put(home / ".claude/agents/fmt.md", AGENT.format(name="fmt"))
        wanted = by_target(migrate(None, [to], scope=scope, shared=shared, mode="plan", jobs=1)) if scope == "user" \
            else by_target(migrate(tmp_path / "repo", [to], shared=shared, mode="plan", jobs=1,
                                   files=[put(tmp_path / "repo/.claude/agents/fmt.md", AGENT.format(name="fmt"))]))
        (home / ".claude/agents/fmt.md").unlink()
        out = home if scope == "user" else tmp_path / "out"
        got = list(convert_many([src], to, out, scope=scope, shared=shared))
        assert [(Path(r.target).relative_to(out).as_posix(), r.status) for r in got] == \
            [(t, "converted") for t in wanted]
    assert sorted(json.loads((home / ".agentconv/manifest.json").read_text())["files"]) == \
        [".agents/skills/fmt/SKILL.md", ".copilot/agents/fmt.agent.md", ".gemini/agents/fmt.md"]
    put(home / ".claude/agents/fmt.md", AGENT.format(name="fmt"))
    again = migrate(None, ["claude"], scope="user", mode="plan", jobs=1)
    assert {r.source for r in again.records} == {".claude/agents/fmt.md"}  # convert's outputs are no sources


def test_convert_refuses_a_scope_as_migrate_does(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = put(tmp_path / "in/fmt.md", AGENT.format(name="fmt"))
    for scope, to in (("user", "roo"), ("global", "copilot")):
        with pytest.raises(AgentconvError) as theirs:
            migrate(None, [to], scope=scope)
        with pytest.raises(AgentconvError) as ours:
            convert_many([src], to, tmp_path / "out", scope=scope)  # at the call, before anything is read
        assert (str(ours.value), ours.value.exit_code) == (str(theirs.value), theirs.value.exit_code) and \
            ours.value.exit_code == ExitCode.USAGE
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "elsewhere"))
    failed, done = list(convert_many([src, put(tmp_path / "in/b.md", AGENT.format(name="b"))], "opencode", home,
                                     scope="user"))
    assert failed.status == "failed" and failed.target is None and failed.exit_code == int(ExitCode.USAGE)
    assert "outside the home folder" in failed.error and done.status == "failed"
    assert not (tmp_path / "elsewhere").exists()
    merged = list(convert_many([src], "roo", tmp_path / "out", shared=True))  # no shared folder: its usual place
    assert [Path(r.target).relative_to(tmp_path / "out").as_posix() for r in merged] == [".roomodes"]


def test_cli_convert_at_user_scope_writes_the_home_folder(home: Path, tmp_path: Path) -> None:
    src = put(tmp_path / "reviewer.md", AGENT.format(name="reviewer"))
    exe = Path(sys.executable).with_name("agentconv")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "agentconv"]
    env = {k: v for k, v in os.environ.items() if k not in VARS} | {"HOME": str(home)}
    run = lambda *a: subprocess.run(cmd + list(a), cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    done = run("convert", str(src), "--to", "copilot", "--scope", "user", "--json")  # the fast path
    assert done.returncode == 0, done.stderr
    assert [(f["target"], f["status"]) for f in json.loads(done.stdout)["files"]] == \
        [(str(home / ".copilot/agents/reviewer.agent.md"), "converted")]
    again = run("convert", str(src), "-tcopilot", "--scope", "user", "--json")  # -tX: typer parses it
    assert again.returncode == 0, again.stderr
    assert [(f["target"], f["status"]) for f in json.loads(again.stdout)["files"]] == \
        [(str(home / ".copilot/agents/reviewer.agent.md"), "unchanged")]
    assert tree(home).keys() == {".copilot/agents/reviewer.agent.md", ".agentconv/manifest.json", ".agentconv/lock",
                                 ".agentconv/.gitignore"}


OPENCODE_CONFIG = '{"agent": {"reviewer": {"description": "Reviews (json)", "prompt": "Review."}},\n' \
                  ' "command": {"ship": {"template": "Ship $ARGUMENTS", "description": "Ship"}}}\n'


@pytest.mark.parametrize("name", ["opencode.json", "opencode.jsonc"])
@pytest.mark.parametrize("from_", [None, "opencode"])
def test_user_scope_reads_opencodes_global_config_and_never_writes_into_it(home: Path, tmp_path: Path, name: str,
                                                                          from_: str | None,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenCode's user config is $XDG_CONFIG_HOME/opencode/opencode.json[c] (~/.config/...; config.ts global()): its
    agents and commands are records at user scope, an agent also in agent/NAME.md is a collision, and the dialect
    stays read only (a usage error, as a target)."""
    cfg = put(home / ".config/opencode" / name, OPENCODE_CONFIG)
    put(home / ".config/opencode/agent/reviewer.md", "---\ndescription: Reviews (md)\n---\n\nReview.\n")
    out = migrate(None, ["claude"], scope="user", from_=from_, mode="plan", jobs=1)
    got = sorted((r.source, r.status, r.target) for r in out.records)
    rel = f".config/opencode/{name}"
    assert got == [(".config/opencode/agent/reviewer.md", "collision", ".claude/agents/reviewer.md"),
                   (rel, "collision", ".claude/agents/reviewer.md"),
                   (rel, "planned", ".claude/commands/ship.md")]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg"))  # the variable moves it, as it moves OpenCode
    put(home / "xdg/opencode" / name, OPENCODE_CONFIG)
    out = migrate(None, ["claude"], scope="user", from_=from_, mode="plan", jobs=1)
    assert sorted((r.source, r.status) for r in out.records) == [(f"xdg/opencode/{name}", "planned")] * 2
    with pytest.raises(AgentconvError) as err:
        migrate(None, ["opencode-json"], scope="user")
    assert err.value.exit_code == ExitCode.USAGE and "read only" in str(err.value)
    assert cfg.read_text() == OPENCODE_CONFIG


def test_user_scope_reads_the_opencode_folder_of_the_home_folder(home: Path) -> None:
    """~/.opencode/ is one of OpenCode's config folders (paths.ts directories(): `.opencode` found up from the home
    folder to itself): its agents, commands and opencode.json(c) are user-level sources; OpenCode's files are still
    written to ~/.config/opencode/."""
    put(home / ".opencode/agent/helper.md", "---\ndescription: Helps\n---\nHelp.\n")
    put(home / ".opencode/commands/ship.md", "---\ndescription: Ship\n---\nShip $ARGUMENTS\n")
    put(home / ".opencode/opencode.jsonc", '{"agent": {"judge": {"description": "Judges", "prompt": "Judge."}}}')
    out = migrate(None, ["claude"], scope="user", mode="plan", jobs=1)
    assert sorted((r.source, r.source_dialect, r.target) for r in out.records) == [
        (".opencode/agent/helper.md", "opencode", ".claude/agents/helper.md"),
        (".opencode/commands/ship.md", "opencode-command", ".claude/commands/ship.md"),
        (".opencode/opencode.jsonc", "opencode-json", ".claude/agents/judge.md")]
    put(home / ".claude/agents/rev.md", AGENT.format(name="rev"))
    out = migrate(None, ["opencode"], scope="user", from_="claude", mode="plan", jobs=1)
    assert by_target(out) == {".config/opencode/agent/rev.md": "planned"}
