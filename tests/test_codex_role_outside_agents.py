"""A Codex role file a config declares outside any .codex/agents/ folder (`[agents.NAME] config_file =
"roles/reviewer.toml"`, or a path above .codex/) is that role: Codex reads each layer's `[agents]` table and the file
its config_file names wherever it is (openai/codex codex-rs/core/src/config/agent_roles.rs load_agent_roles,
read_declared_role; 13730471, read 2026-11-28), the table's description where the file has none. Before, only files
below .codex/agents/ were looked up: one elsewhere was said to be a file Codex loads nothing from (file-rejected) and
read with a made-up description."""
from agentconv import api, registry

ROLE = 'model = "gpt-5"\nsandbox_mode = "read-only"\ndeveloper_instructions = """\nReview the diff.\n"""\n'


def project(tmp_path, config_file: str, where: str):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".codex").mkdir()
    (tmp_path / ".codex" / "config.toml").write_text(
        f'[agents.reviewer]\ndescription = "Reviews diffs."\nconfig_file = "{config_file}"\n')
    role = tmp_path / where
    role.parent.mkdir(parents=True, exist_ok=True)
    role.write_text(ROLE)
    return role


def test_a_declared_role_under_codex_but_not_agents(tmp_path):
    role = project(tmp_path, "roles/reviewer.toml", ".codex/roles/reviewer.toml")
    out = api.convert(role, "claude")
    assert out.text.startswith("---\nname: reviewer\ndescription: Reviews diffs.\n")
    assert not [i for i in out.report.items if i.code.value in ("file-rejected", "name-derived", "value-made-up")]
    assert api.convert(role, "codex").text == ROLE  # as it came: the declaration names and describes it
    record = api.read(role)[0].records[0]
    assert registry.get("codex").output_path(record) == ".codex/roles/reviewer.toml"


def test_a_declared_role_above_codex(tmp_path):
    role = project(tmp_path, "../roles/reviewer.toml", "roles/reviewer.toml")
    doc, report = api.read(role)
    assert (doc.records[0].name, doc.records[0].description) == ("reviewer", "Reviews diffs.")
    assert not [i for i in report.items if i.code.value == "file-rejected"]
    assert registry.get("codex").output_path(doc.records[0]) == "roles/reviewer.toml"


def test_an_undeclared_file_elsewhere_is_read_as_before(tmp_path):
    role = project(tmp_path, "roles/other.toml", ".codex/roles/reviewer.toml")
    doc, report = api.read(role)
    assert doc.records[0].description != "Reviews diffs."
    assert [i.code.value for i in report.items].count("file-rejected") == 2


def test_a_directory_conversion_finds_a_declared_role(tmp_path):
    from agentconv.batch import discover

    role = project(tmp_path, "roles/reviewer.toml", ".codex/roles/reviewer.toml")
    (tmp_path / ".codex" / "roles" / "notes.toml").write_text('title = "not a role"\n')
    skipped = []
    found = [e.path for e in discover([tmp_path], on_skip=lambda p, why: skipped.append(p))]
    assert role in found and tmp_path / ".codex" / "roles" / "notes.toml" not in found
    assert tmp_path / ".codex" / "roles" / "notes.toml" in skipped


def test_migrate_finds_a_declared_role(tmp_path):
    from agentconv import migration

    project(tmp_path, "roles/reviewer.toml", ".codex/roles/reviewer.toml")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')  # a data file no config declares: not read
    migration.migrate(tmp_path, ["claude"], jobs=1)
    written = (tmp_path / ".claude" / "agents" / "reviewer.md").read_text()
    assert written.startswith("---\nname: reviewer\ndescription: Reviews diffs.\n")
    assert sorted(p.name for p in (tmp_path / ".claude" / "agents").iterdir()) == ["reviewer.md"]
