"""Claude Code subagents (``.claude/agents/NAME.md``): the table says it all; tools are a comma string."""
from .base import Dialect


class Claude(Dialect):
    id = "claude"
