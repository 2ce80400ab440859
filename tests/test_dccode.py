"""The dataclasses' compiled methods (dccode.py): a class made from the cache is the class ``dataclasses`` makes
without it (the same code, defaults and annotations for every generated method), a start with the cache written
compiles none of them, and the file is written under the bytecode rule only."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAMMA = "tests/transcripts/inputs/batch/gamma.md"

SHAPES = r"""
import dataclasses, importlib, pkgutil, sys
{setup}
import agentconv
out = []
for info in pkgutil.walk_packages(agentconv.__path__, "agentconv."):
    if info.name.endswith("__main__") or info.name.startswith("agentconv.cli.app"):
        continue
    module = importlib.import_module(info.name)
    for name, cls in sorted(vars(module).items()):
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == info.name):
            continue
        for attr, fn in sorted(vars(cls).items()):
            code = getattr(fn, "__code__", None)
            if code is None or code.co_filename != "<string>":
                continue
            def shape(c):
                return (c.co_qualname, c.co_code, c.co_names, c.co_varnames, c.co_freevars, c.co_cellvars, c.co_flags,
                        c.co_argcount, c.co_kwonlyargcount, c.co_posonlyargcount, c.co_firstlineno, c.co_linetable,
                        c.co_exceptiontable, tuple(shape(k) if hasattr(k, "co_code") else repr(k) for k in c.co_consts))
            out.append((info.name, name, attr, shape(code), repr(fn.__defaults__), repr(fn.__kwdefaults__),
                        repr(fn.__annotations__)))
print(len(out), repr(out))
"""


def _shapes(setup: str, *flags: str) -> str:
    run = subprocess.run([sys.executable, *flags, "-c", SHAPES.format(setup=setup)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_a_class_from_the_cache_is_the_class_dataclasses_makes(tmp_path):
    cache = tmp_path / "__pycache__" / "dc.marshal"
    setup = f"from agentconv import dccode; dccode._FILE = {str(cache)!r}; dccode.install()"
    plain = _shapes("")
    first = _shapes(setup)  # compiled here, and written at exit
    assert cache.is_file()
    again = _shapes(setup)  # every method's code from the file
    assert int(plain.split(" ", 1)[0]) > 60
    assert first == plain and again == plain


CLI = ("import builtins, sys\nfrom agentconv import dccode\ndccode._FILE = sys.argv.pop(1)\n{patch}"
       "compiled, other = [], []\nreal = builtins.compile\n"
       "dccode.compile = lambda *a, **k: compiled.append(1) or real(*a, **k)\n"
       "builtins.compile = lambda *a, **k: other.append(repr(a[0])[:60]) or real(*a, **k)\n"
       "sys.argv[0] = 'agentconv'\nfrom agentconv.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
       "sys.stderr.write('\\nothers %r' % other)\nsys.stderr.write('\\ncompiled %d' % len(compiled))\n")


def _cli(cache: Path, *flags: str, patch: str = "", argv: tuple[str, ...] = (GAMMA, "--to", "copilot"),
         others: list | None = None) -> tuple[str, int]:
    run = subprocess.run([sys.executable, *flags, "-c", CLI.format(patch=patch), str(cache), "convert", *argv],
                         cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
    assert "agentconv: error" not in run.stderr and run.stdout, run.stderr
    if others is not None:
        others.append(run.stderr.rsplit("\nothers ", 1)[1].split("\n")[0])
    return run.stdout, int(run.stderr.rsplit("compiled ", 1)[1])


def test_a_start_with_the_cache_written_compiles_no_dataclass_method(tmp_path):
    cache = tmp_path / "dc.marshal"
    said, compiled = _cli(cache, "-B")  # no bytecode rule: nothing written
    assert compiled > 20 and not cache.exists()
    first = _cli(cache)
    assert first == (said, compiled) and cache.is_file()
    assert _cli(cache) == (said, 0)
    assert _cli(cache, patch="dccode.install = lambda: None\n") == (said, 0)  # without it: the same, none from here


def test_a_damaged_cache_is_compiled_as_without_one(tmp_path):
    cache = tmp_path / "dc.marshal"
    cache.write_bytes(b"\xff not marshal")
    said, compiled = _cli(cache)
    assert compiled > 20 and _cli(cache) == (said, 0)


def test_a_one_file_conversion_compiles_nothing_once_warm(tmp_path):
    """With the bytecode and the dataclasses' code written, a conversion (losses reported, carried) compiles no
    source: no dataclass method, and no annotation given to ``typing`` as text (a ``NamedTuple`` class body under
    ``from __future__ import annotations``, a string in a ``Union``: ``typing.ForwardRef`` compiles each)."""
    cache = tmp_path / "dc.marshal"
    for argv in [(GAMMA, "--to", "copilot"), ("tests/transcripts/inputs/levels/delta.md", "--to", "copilot",
                                              "--allow-broaden")]:
        _cli(cache, argv=argv)
        others: list = []
        assert _cli(cache, argv=argv, others=others)[1] == 0
        assert others == ["[]"]
