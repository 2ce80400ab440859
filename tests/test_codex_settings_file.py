"""Codex's own settings file (`.codex/config.toml`, or TOML of `[agents.NAME]` tables) is no agent: Codex loads
roles from `.codex/agents/` and from the files those tables name (`config_file`; codex-rs AgentRoleToml: description,
config_file, nickname_candidates, @openai/codex 0.171.0), never from the config (a config layer, config_loader
load_project_layers). Named on the command line it was "cannot tell which dialect this is; name it with --from"
(and --from codex reads it as a role, which it is not); below a folder, "a data file ... name its dialect to read
it". Both now say what it is and where the roles are. Synthetic fixtures."""
from __future__ import annotations

import subprocess
import sys

import pytest

CONFIG = 'model = "gpt-5"\n\n[agents.reviewer]\ndescription = "Reviews code"\nconfig_file = "../roles/rev.toml"\n'
ROLE = 'name = "rev"\ndescription = "Reviews"\ndeveloper_instructions = "Review."\n'


def agentconv(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "agentconv", *args], capture_output=True, text=True)


def project(root):
    (root / ".codex").mkdir(parents=True)
    (root / ".codex" / "config.toml").write_text(CONFIG)
    (root / "roles").mkdir()
    (root / "roles" / "rev.toml").write_text(ROLE)
    (root / "codex-config.toml").write_text(CONFIG)  # the same settings at no place of Codex's: by its tables
    return root


@pytest.mark.parametrize("rel", [".codex/config.toml", "codex-config.toml"])
def test_named_it_is_said_to_be_codexs_settings_with_its_roles(tmp_path, rel):
    root = project(tmp_path / "p")
    r = agentconv("convert", str(root / rel), "--to", "claude", "-o", str(tmp_path / "o"))
    assert r.returncode == 4, r.stderr  # the exit code of a file of no dialect, as before
    assert "Codex's own settings (a config layer), not an agent file" in r.stderr
    assert "[agents.NAME] tables name (config_file): ../roles/rev.toml" in r.stderr
    assert "cannot tell which dialect" not in r.stderr


def test_below_a_folder_it_is_skipped_as_codexs_settings_and_its_role_converted(tmp_path):
    root = project(tmp_path / "p")
    r = agentconv("convert", str(root), "--to", "claude", "-o", str(tmp_path / "o"), "-v")
    assert r.returncode == 0, r.stderr
    assert f"{root / '.codex' / 'config.toml'}: skipped: codex's own settings, not an agent" in r.stderr
    assert f"{root / 'codex-config.toml'}: skipped: codex's own settings ([agents.NAME] tables), not an agent" in r.stderr
    assert (tmp_path / "o" / ".claude" / "agents" / "rev.md").is_file()


def test_a_role_file_is_no_settings_file():
    from agentconv.dialects.codex import settings_file

    assert not settings_file("roles/rev.toml", ROLE + '\n[agents.helper]\ndescription = "Helps"\n')
    assert not settings_file("x.toml", 'title = "no agents"\n[agents]\nmax_threads = 4\n')
    assert settings_file("x.toml", CONFIG) and settings_file("/a/.codex/config.toml", "")
