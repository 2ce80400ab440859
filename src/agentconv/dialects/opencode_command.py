"""OpenCode commands (``.opencode/command(s)/*.md``): ``description``, ``agent``, ``model``, ``subtask``; placeholders
``$ARGUMENTS``, ``$1..$N`` (1-based, the highest takes the rest), ``!`cmd```, ``@path`` (``agentconv.placeholders``)."""
from .command import CommandDialect


class OpenCodeCommand(CommandDialect):
    id = "opencode-command"
