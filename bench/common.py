"""What both benchmarks share: paths, the interpreter to time, and a start-up that is not the compiler's."""
import os
import sys
from pathlib import Path

# An installed package runs from compiled bytecode; a shell with PYTHONDONTWRITEBYTECODE=1 (as on the machine the
# figures were taken on) would make every start-up time the compiler too. The children get bytecode written once.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_BIN = ROOT / ".venv" / "bin"
PY = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
