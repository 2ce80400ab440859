""".agentconv.toml: an unknown key is one warning line naming the file, the line, the key and the known keys (with
the nearest of them, where one is near), wherever the key is written: quoted, dotted or as a table's header. It
said `:None` for all three, and left the known keys out where it had a guess. Synthetic inputs only."""
from __future__ import annotations

from pathlib import Path

import pytest

from agentconv.cli import config

KNOWN = "(known: from, to, allow_broaden)"


@pytest.mark.parametrize("text, line, said", [
    ('to = "copilot"\nform = "claude"\n', 2, f"'form' {KNOWN}; did you mean 'from'?"),
    ("to = 'copilot'\n'form' = 'claude'\n", 2, f"'form' {KNOWN}; did you mean 'from'?"),
    ('"allow-broaden" = true\n', 1, f"'allow-broaden' {KNOWN}; did you mean 'allow_broaden'?"),
    ('to = "copilot"\nsync.from = "claude"\n', 2, f"'sync' {KNOWN}"),
    ('to = "copilot"\n\n[sync]\nfrom = "claude"\n', 3, f"'sync' {KNOWN}"),
    ('to = "copilot"\n[[targets]]\nname = "x"\n', 2, f"'targets' {KNOWN}"),
    ('from = """\nzz = 1\n"""\n  zz = 2\n', 4, f"'zz' {KNOWN}"),
    ('"a\\u0062" = 1\n', 1, f"'ab' {KNOWN}"),
])
def test_an_unknown_key_is_one_line_with_its_file_line_and_the_known_keys(tmp_path: Path, capsys, text, line, said):
    (tmp_path / config.NAME).write_text(text, "utf-8")
    cfg = config.load(tmp_path)
    assert set(cfg) <= set(config.KEYS)
    assert capsys.readouterr().err == f"agentconv: warning: {tmp_path / config.NAME}:{line}: unknown key {said}\n"


def test_quiet_says_nothing_and_a_known_key_is_kept(tmp_path: Path, capsys):
    (tmp_path / config.NAME).write_text("'to' = 'copilot, gemini'\nfrm = 1\n", "utf-8")
    assert config.load(tmp_path, warn=False) == {"to": ["copilot", "gemini"]}
    assert capsys.readouterr().err == ""
