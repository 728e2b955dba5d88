"""The API's types are real for static checkers: mypy and pyright, both strict, reveal the documented types on
a user-style script (tests/typecheck/user_script.py) and catch the mistakes in tests/typecheck/user_errors.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent / "typecheck"
SCRIPT = HERE / "user_script.py"

# What each reveal_type line of the script must show: (mypy, pyright) regular expressions of the revealed type.
DF = (r"pandas\.core\.frame\.DataFrame", "DataFrame")
EXPECTED = [
    DF, DF, DF,
    (r"pyarrow\..*\.Table", "Table"),
    (r"polars\.dataframe\.frame\.DataFrame", "DataFrame"),
    (r"(builtins\.)?list\[eurasia_data\.models\.Agreement\]", r"list\[Agreement\]"),
    (r"(builtins\.)?list\[eurasia_data\.models\.Membership\]", r"list\[Membership\]"),
    DF,
    (r"(builtins\.)?list\[TypedDict\('?eurasia_data\.hits\.Hit'?, .*\)\]", r"list\[Hit\]"),
    (r"(builtins\.)?str", "str"),
    (r"(builtins\.)?str \| None", r"str \| None"),
    DF, DF, DF, DF,
    (r"(builtins\.)?list\[(builtins\.)?str\]", r"list\[str\]"),
    (r"(builtins\.)?dict\[(builtins\.)?str, pathlib\..*Path\]", r"dict\[str, Path\]"),
]


def _reveal_lines() -> list[int]:
    return [i for i, line in enumerate(SCRIPT.read_text(encoding="utf-8").splitlines(), 1) if line.startswith("reveal_type(")]


def _tool(name: str) -> list[str]:
    exe = Path(sys.executable).with_name(name)
    if exe.exists():
        return [str(exe)]
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return [found]


def _mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_tool("mypy"), "--strict", "--no-incremental", "--show-absolute-path", "--hide-error-context",
                           "--no-error-summary", "--follow-imports=silent", str(path)], capture_output=True, text=True, timeout=300)


def _pyright(path: Path) -> dict:
    run = subprocess.run([*_tool("pyright"), "--outputjson", "--pythonpath", sys.executable, str(path)],
                         capture_output=True, text=True, timeout=300, cwd=HERE)
    return json.loads(run.stdout)


def test_revealed_types_mypy():
    out = _mypy(SCRIPT).stdout
    revealed = {int(m.group(1)): m.group(2) for m in re.finditer(r":(\d+): note: Revealed type is \"(.*)\"", out)}
    lines = _reveal_lines()
    assert len(lines) == len(EXPECTED)
    for line, (want, _) in zip(lines, EXPECTED):
        got = revealed.get(line, "(nothing revealed)")
        assert re.fullmatch(want, got), (line, got, out)
    errors = [l for l in out.splitlines() if ": error:" in l]
    assert not errors, "\n".join(errors)


def test_revealed_types_pyright():
    report = _pyright(SCRIPT)
    messages = {d["range"]["start"]["line"] + 1: d["message"] for d in report["generalDiagnostics"] if d["severity"] == "information"}
    lines = _reveal_lines()
    for line, (_, want) in zip(lines, EXPECTED):
        got = messages.get(line, "(nothing revealed)")
        m = re.search(r'Type of ".*" is "(.*)"', got, re.S)
        assert m and re.fullmatch(want, m.group(1)), (line, got)
    errors = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert not errors, errors


def test_checkers_catch_the_mistakes():
    path = HERE / "user_errors.py"
    marked = {i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.endswith("# error")}
    mypy_lines = {int(m.group(1)) for m in re.finditer(r":(\d+): error:", _mypy(path).stdout)}
    assert mypy_lines == marked
    pyright_lines = {d["range"]["start"]["line"] + 1 for d in _pyright(path)["generalDiagnostics"] if d["severity"] == "error"}
    assert pyright_lines == marked


def test_import_stays_light():
    """The type information must not pull pandas (or typing's heavier friends) into ``import eurasia_data``."""
    code = "import sys, eurasia_data; print(sorted(m for m in ('pandas', 'pyarrow', 'pydantic', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("engine", ["pyarrow", "polars"])
def test_other_engines_do_not_import_pandas(engine):
    pytest.importorskip(engine)
    code = ("import sys, eurasia_data; t = eurasia_data.load('agreements', engine=%r); "
            "print(type(t).__module__.split('.')[0], len(t), 'pandas' in sys.modules)") % engine
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    import eurasia_data

    assert out == [engine, str(len(eurasia_data.load_agreements())), "False"]


def test_engines_hold_the_same_table():
    import polars as pl

    import eurasia_data

    df = eurasia_data.load("exercises")
    table = eurasia_data.load("exercises", engine="pyarrow")
    frame = eurasia_data.load("exercises", engine="polars")
    assert table.column_names == list(df.columns) == frame.columns
    assert table.column("exercise_id").to_pylist() == df.exercise_id.tolist() == frame["exercise_id"].to_list()
    assert frame.schema["date_min"] == pl.Date


def test_engine_errors():
    import eurasia_data

    with pytest.raises(ValueError, match="engine"):
        eurasia_data.load("agreements", engine="spark")  # type: ignore[call-overload]


def test_type_checking_imports_match_the_lazy_names():
    """The names type checkers see in ``eurasia_data`` are exactly the lazy ones, from the same modules."""
    import ast

    import eurasia_data

    tree = ast.parse(Path(eurasia_data.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", None) == "TYPE_CHECKING")
    seen = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom) and node.level == 1
        for alias in node.names:
            assert alias.asname == alias.name, f"{alias.name} must be re-exported as itself"
            seen[alias.name] = node.module
    assert seen == eurasia_data._LAZY
    from importlib import import_module

    for name, module in seen.items():  # and each really is defined in that module
        assert getattr(import_module(f"eurasia_data.{module}"), name).__module__ == f"eurasia_data.{module}", name
