"""GitHub Copilot / VS Code prompt files (``.github/prompts/*.prompt.md``): ``description``, ``name``,
``argument-hint``, ``agent`` (legacy ``mode``), ``model``, ``tools``. The body has no argument, shell or file
placeholders, only VS Code's own variables (``${input:x}``, ``${selection}``, ``#tool:x``); see
``agentconv.placeholders``."""
from .command import CommandDialect


class CopilotPrompt(CommandDialect):
    id = "copilot-prompt"
