"""Kiro JSON agents' `prompt: "file://..."`, read from the agent's workspace as Kiro resolves it
(aws/amazon-q-developer-cli crates/chat-cli/src/util/file_uri.rs: relative to the agent file's folder; kiro.dev
configuration reference, "File URI path resolution"; read 2026-11-28). Synthetic fixtures only."""
from __future__ import annotations

import os

import pytest

import agentconv


def codes(result) -> list[str]:
    return [i.code.value for i in result.report]


def _workspace(tmp_path, prompt: str) -> str:
    agents = tmp_path / "repo" / ".kiro" / "agents"
    agents.mkdir(parents=True)
    (tmp_path / "repo" / ".kiro" / "prompts").mkdir()
    (tmp_path / "repo" / ".kiro" / "prompts" / "rev.md").write_text("You review code.\n", encoding="utf-8")
    (tmp_path / "secret.md").write_text("outside\n", encoding="utf-8")
    src = '{\n  "name": "rev",\n  "description": "Reviews",\n  "prompt": "%s",\n  "tools": ["read"]\n}\n' % prompt
    (agents / "rev.json").write_text(src, encoding="utf-8")
    return str(agents / "rev.json")


def test_a_json_agents_file_prompt_is_read_from_its_workspace_and_written_back_as_the_reference(tmp_path):
    path = _workspace(tmp_path, "file://../prompts/rev.md")
    out = agentconv.convert(path, "claude")
    assert out.text.endswith("You review code.\n")
    assert "access setting" not in " ".join(i.message for i in out.report)
    with open(path, encoding="utf-8") as f:
        assert agentconv.convert(path, "kiro").text == f.read()


@pytest.mark.parametrize("prompt, why", [
    ("file://../prompts/none.md", "names no file"),
    ("file://../../../secret.md", "outside the agent's workspace"),
    ("file:///etc/hostname", "outside the agent's workspace"),
    ("file://~/x.md", "outside the agent's workspace"),
])
def test_a_prompt_file_not_read_is_said_in_one_line_and_kept_for_kiro(tmp_path, prompt, why):
    path = _workspace(tmp_path, prompt)
    out = agentconv.convert(path, "claude")
    dropped = [i.message for i in out.report if i.code.value == "field-dropped" and i.path == "prompt"]
    assert len(dropped) == 1 and why in dropped[0]
    assert "outside" not in out.text
    assert all("an access setting" not in i.message for i in out.report)
    with open(path, encoding="utf-8") as f:
        assert agentconv.convert(path, "kiro").text == f.read()


def test_a_prompt_file_linked_out_of_the_workspace_is_not_read(tmp_path):
    path = _workspace(tmp_path, "file://../prompts/link.md")
    os.symlink(tmp_path / "secret.md", tmp_path / "repo" / ".kiro" / "prompts" / "link.md")
    out = agentconv.convert(path, "claude")
    dropped = [i.message for i in out.report if i.code.value == "field-dropped" and i.path == "prompt"]
    assert "outside" not in out.text and len(dropped) == 1 and "outside the agent's workspace" in dropped[0]


@pytest.mark.parametrize("name", [".env", "credentials.json", "id_ed25519"])
def test_a_prompt_file_that_is_no_prompt_document_is_not_copied_into_the_output(tmp_path, name):
    """Kiro reads whatever file:// names; agentconv copies only a prompt document's text into other files (a .env
    named as the prompt would land, secrets and all, in every converted agent)."""
    path = _workspace(tmp_path, f"file://../../{name}")
    (tmp_path / "repo" / name).write_text("TOKEN=s3cr3t\n", encoding="utf-8")
    out = agentconv.convert(path, "claude")
    dropped = [i.message for i in out.report if i.code.value == "field-dropped" and i.path == "prompt"]
    assert "s3cr3t" not in out.text and len(dropped) == 1 and "not a prompt document" in dropped[0]


def test_a_linked_agent_file_reads_prompts_only_from_the_workspace_it_is_named_in(tmp_path):
    """The workspace is the one the agent file is named in: a link to an agent elsewhere does not open that one."""
    path = _workspace(tmp_path, "file://../prompts/rev.md")
    other = tmp_path / "other" / ".kiro" / "agents"
    other.mkdir(parents=True)
    (other / "rev.json").symlink_to(path)
    (tmp_path / "other" / ".kiro" / "prompts").mkdir()
    out = agentconv.convert(str(other / "rev.json"), "claude")
    assert "You review code." not in out.text  # ../prompts/rev.md of the folder it is named in: none there


def test_migrate_reads_a_prompt_file_from_the_repository_it_runs_in(tmp_path, monkeypatch):
    """A batch names a source by its repository path: the prompt file is still resolved where the agent is on disk
    (it was "cannot be resolved", and every converted agent had an empty prompt), whatever the working folder."""
    path = _workspace(tmp_path, "file://../prompts/rev.md")
    monkeypatch.chdir(tmp_path)
    summary = agentconv.migrate(tmp_path / "repo", ["claude"])
    # the prompt file, in .kiro/prompts/ (a Kiro CLI prompt: run by name), is read as the agent's prompt, not alone
    assert sorted((r.source, r.status) for r in summary.records) == [
        (".kiro/agents/rev.json", "converted"), (".kiro/prompts/rev.md", "skipped")]
    assert (tmp_path / "repo" / ".claude" / "agents" / "rev.md").read_text(encoding="utf-8").endswith("You review code.\n")
    assert os.path.isfile(path)


def _prompt_beside(tmp_path, header: str = "") -> tuple:
    """A JSON agent whose file:// prompt is a document in its own agents folder (.kiro/agents/prompts/rev.md, as
    Kiro users lay them out), and one more document there that no agent names."""
    agents = tmp_path / "repo" / ".kiro" / "agents"
    (agents / "prompts").mkdir(parents=True)
    (agents / "prompts" / "rev.md").write_text(header + "# Reviewer\n\nYou review code.\n", encoding="utf-8")
    (agents / "prompts" / "notes.md").write_text("# Notes\n\nYou take notes.\n", encoding="utf-8")
    (agents / "rev.json").write_text('{\n  "name": "rev",\n  "description": "Reviews",\n  "prompt": '
                                     '"file://./prompts/rev.md",\n  "tools": ["read"]\n}\n', encoding="utf-8")
    return tmp_path / "repo", agents


def test_a_folder_run_takes_a_json_agents_prompt_file_as_no_agent_of_its_own(tmp_path):
    """Kiro loads no agent from a document without a header (kiro-md.toml [detect]); the one a JSON agent names by
    file:// is that agent's prompt. Read alone as a markdown persona it became a second agent, with every tool."""
    from agentconv.batch import convert_many

    repo, _ = _prompt_beside(tmp_path)
    results = {r.source.split(".kiro/agents/")[1]: r for r in convert_many([repo], "claude", tmp_path / "out")}
    assert results["rev.json"].status == "converted"
    assert results["prompts/rev.md"].status == "skipped"
    assert results["prompts/rev.md"].reason.startswith("the prompt .kiro/agents/rev.json names (file://)")
    assert results["prompts/notes.md"].status == "converted"  # named by no agent: read as before, said there
    written = sorted(p.name for p in (tmp_path / "out" / ".claude" / "agents").iterdir())
    assert written == ["notes.md", "rev.md"]
    assert (tmp_path / "out" / ".claude" / "agents" / "rev.md").read_text(encoding="utf-8").endswith("You review code.\n")
    # a document with frontmatter is a Kiro agent itself (the IDE loads it), whatever names it; a file named on the
    # command line is read as asked
    repo2, _ = _prompt_beside(tmp_path / "b", header="---\nname: rev-md\ndescription: Also an agent\n---\n")
    again = {r.source.split(".kiro/agents/")[1]: r.status for r in convert_many([repo2], "claude", tmp_path / "b-out")}
    assert again["prompts/rev.md"] == "converted"
    named = list(convert_many([repo / ".kiro" / "agents" / "prompts" / "rev.md"], "claude", tmp_path / "c-out"))
    assert [r.status for r in named] == ["converted"]


def test_migrate_takes_a_json_agents_prompt_file_as_no_agent_of_its_own(tmp_path):
    repo, _ = _prompt_beside(tmp_path)
    summary = agentconv.migrate(repo, ["claude"])
    assert sorted((r.source, r.status) for r in summary.records) == [
        (".kiro/agents/prompts/notes.md", "converted"), (".kiro/agents/prompts/rev.md", "skipped"),
        (".kiro/agents/rev.json", "converted")]
    assert sorted(p.name for p in (repo / ".claude" / "agents").iterdir()) == ["notes.md", "rev.md"]

