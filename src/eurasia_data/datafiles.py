"""Where the installed data files are, and their check against the manifest's sha256 before first use.

The search reads its index through this module alone, so that a first search imports only ``os``,
``hashlib`` and ``sqlite3``: not ``json``, ``re``, ``pathlib`` or ``typing``, which together cost more than
the search itself (benchmarks/run.py). One entry of the manifest is read with SQLite's JSON functions
(``json_extract``, built into SQLite since 3.38), falling back to the ``json`` module where SQLite lacks them;
:func:`eurasia_data.loaders.manifest` reads and checks the whole manifest.
"""

from __future__ import annotations

import os


class DataError(RuntimeError):
    """An installed data file is missing, damaged or does not match the manifest."""


def data_dir() -> str:
    """The package's data directory (not importlib.resources: it costs 20 ms to import)."""
    return os.path.join(os.path.dirname(os.path.realpath(__file__)), "data")


def manifest_text(directory: str) -> tuple[str, str]:
    """The path and text of the manifest in ``directory``; DataError when it is missing or unreadable."""
    path = os.path.join(directory, "manifest.json")
    try:
        with open(path, encoding="utf-8") as f:
            return path, f.read()
    except FileNotFoundError:
        raise DataError(f"{path} is missing: the package has no data (from a source checkout, run `make data`)") from None
    except (OSError, ValueError) as e:
        raise DataError(f"{path} is damaged: {e}") from None


def _file_sha256(text: str, name: str) -> object:
    """The manifest's ``files[name].sha256``, or None when absent; ValueError when the text is not JSON."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    try:
        (value,) = db.execute("SELECT json_extract(?, ?)", (text, f'$.files."{name}".sha256')).fetchone()
        return value
    except sqlite3.OperationalError as e:
        if "no such function" not in str(e):
            raise ValueError(str(e)) from None
    finally:
        db.close()
    import json  # an SQLite built without its JSON functions

    data = json.loads(text)
    files = data.get("files") if isinstance(data, dict) else None
    entry = files.get(name) if isinstance(files, dict) else None
    return entry.get("sha256") if isinstance(entry, dict) else None


def checked(path: str, sha256: str) -> str:
    """``path``, once its bytes are checked against ``sha256``; DataError when it is missing or differs."""
    import hashlib

    try:
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
    except FileNotFoundError:
        raise DataError(f"{path} is missing: reinstall eurasia-data") from None
    if digest != sha256:
        raise DataError(f"{path} is damaged or was replaced (sha256 {digest[:12]}… does not match the manifest): reinstall eurasia-data")
    return path


def verified_file(name: str, directory: str | None = None) -> str:
    """A data file other than a table (such as the search index) in ``directory`` (the data directory by
    default), checked against the sha256 its manifest records."""
    directory = directory or data_dir()
    path, text = manifest_text(directory)
    try:
        sha256 = _file_sha256(text, name)
    except ValueError as e:
        raise DataError(f"{path} is damaged: {e}: reinstall eurasia-data") from None
    if not isinstance(sha256, str):
        raise DataError(f"{name} is not in the manifest: reinstall eurasia-data")
    return checked(os.path.join(directory, name), sha256)
