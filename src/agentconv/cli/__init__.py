"""The command line: parse arguments, call one library function, render the result.

``agentconv --version`` answers before typer is imported, so it starts in the time Python does.
"""
from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if argv in (["--version"], ["-V"]):
        from .. import __version__

        print(f"agentconv {__version__}")
        return
    from .app import app

    app(prog_name="agentconv")
