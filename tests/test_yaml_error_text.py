"""A header strict YAML refuses, and the fallback cannot split, fails in one line that names the fault (ruamel's
``problem``), not the context it was found in ("while constructing a mapping" named nothing). Synthetic fixtures."""
from __future__ import annotations

import pytest

import agentconv
from agentconv.errors import ParseError

# a permission map flattened by a generator: every line at the top, the same key twice
FLATTENED = """---
name: sync
description: Syncs files
permission:
bash:
"*": allow
read:
"*": allow
---
You sync files.
"""


def test_a_key_written_twice_is_named_as_the_fault(tmp_path):
    path = tmp_path / ".gemini" / "agents" / "sync.md"
    path.parent.mkdir(parents=True)
    path.write_text(FLATTENED, encoding="utf-8")
    with pytest.raises(ParseError) as err:
        agentconv.convert(str(path), "claude")
    assert 'frontmatter is not valid YAML: found duplicate key "*"' in str(err.value)
    assert "while constructing" not in str(err.value) and err.value.line == 8


def test_a_roo_modes_file_names_its_fault_too(tmp_path):
    path = tmp_path / ".roomodes"
    path.write_text("customModes:\n  - slug: a\n    name: A\n    groups: [read, edit\n    roleDefinition: x\n",
                    encoding="utf-8")
    with pytest.raises(ParseError) as err:
        agentconv.convert(str(path), "claude")
    assert "not valid YAML (nor JSON): did not find expected ',' or ']'" in str(err.value)
    assert "while parsing" not in str(err.value)
