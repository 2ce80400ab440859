"""Command lines read without typer, for the commands that run without it (``convert``, ``migrate``, ``sync``).

Each of those modules declares its options once more here as typer declares them in ``app.py`` (tests/test_startup.py
compares the two), and ``parse`` reads a command line made only of them, each spelled as ``--help`` shows it
(``--to X``, ``--to=X``, ``-t X``, a flag alone, an option that repeats in typer repeated here). Anything else gives
None, and typer parses the line with its own messages: ``--help``, ``-qv``, ``-tX``, an option twice, an unknown
option, a value that begins with ``-``, ``--jobs x`` (not a number as click reads one), a missing required option or
argument, an extra argument, shell completion.
"""
from __future__ import annotations

import os
from collections import namedtuple
TYPE_CHECKING = False  # typing's constant, without importing typing (~11 M instructions at start, issue 11)
if TYPE_CHECKING:
    from typing import Any

Options = namedtuple("Options", ["values", "flags", "argument", "required", "many", "paths", "ints"],
                     defaults=((), (), (), ()))
Options.__doc__ = """One command's options as typer declares them (``NamedTuple`` by function: a class whose annotations are
text under ``from __future__ import annotations`` makes ``typing`` compile each one, ~1.6 M instructions a field).

- ``values`` (dict[str, str]): options that take a value -> the parameter's name;
- ``flags`` (dict[str, str]): flags -> the parameter's name;
- ``argument`` (str): the positional parameter: a list of one or more (``sources``), or else one optional path
  (``repo``);
- ``required`` (tuple[str, ...]): parameters that must be given;
- ``many`` (tuple[str, ...]): parameters that may repeat (typer's ``List[...]``): a list of the values given;
- ``paths`` (tuple[str, ...]): parameters typer gives as ``Path`` (each value of a list one);
- ``ints`` (tuple[str, ...]): parameters typer gives as ``int``."""


def parse(argv: list[str], command: str, options: Options) -> dict[str, Any] | None:
    """The command function's arguments for ``COMMAND ARGS... OPTIONS`` as typer would give them, or None: let typer
    parse it."""
    if argv[:1] != [command] or "_AGENTCONV_COMPLETE" in os.environ:
        return None
    args: dict[str, Any] = {}
    given: list[str] = []
    rest = iter(argv[1:])
    for arg in rest:
        if arg == "--":
            given += rest
            break
        if arg == "-" or not arg.startswith("-"):
            given.append(arg)
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        key = options.values.get(name) or options.flags.get(name)
        if key is None or key in args and key not in options.many or (eq and name in options.flags):
            return None
        if name in options.flags:
            args[key] = True
            continue
        if not eq:
            value = next(rest, None)
            if value is None or value.startswith("-") and value != "-":
                return None
        if key in options.ints:
            try:
                value = int(value)  # as click reads an int (int(' 3'), int('+3'), int('1_0')); else click says why
            except ValueError:
                return None
        if key in options.paths:
            value = _path(value)
        if key in options.many:
            args.setdefault(key, []).append(value)
        else:
            args[key] = value
    if options.argument in options.paths:  # one optional path
        if len(given) > 1:
            return None
        if given:
            args[options.argument] = _path(given[0])
    elif given:
        args[options.argument] = given
    if any(key not in args for key in options.required):
        return None
    return args


def _path(value: str) -> Any:
    from pathlib import Path  # here: a plain `convert FILE --to X` needs no pathlib

    return Path(value)
