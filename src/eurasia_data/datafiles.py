"""Where the installed data files are, and their check against the manifest before first use.

Tables are checked by their sha256 (:mod:`eurasia_data.loaders`). The other files (the search index, the
spelling patterns, the browse text, the metadata) are checked by their size and CRC-32, which the manifest
records beside their sha256: that finds any truncated, damaged or swapped file as surely (a random change
escapes CRC-32 with odds of 1 in 4 billion; neither check stops someone who also edits the manifest), and
needs ``zlib`` instead of ``hashlib``, whose OpenSSL costs a fresh process about 4 ms to load.

The search reads its index through this module alone, so that a first search imports only ``os``, ``zlib``
and ``sqlite3``: not ``hashlib``, ``json``, ``re``, ``pathlib`` or ``typing``, which together cost more than the
search itself (benchmarks/run.py). One entry of the manifest is read with SQLite's JSON functions
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


def _file_entry(text: str, name: str) -> tuple[object, object]:
    """The manifest's ``files[name]`` ``bytes`` and ``crc32`` (None where absent); ValueError when the text is not JSON."""
    import sqlite3

    entry = f'$.files."{name}"'
    db = sqlite3.connect(":memory:")
    try:
        return db.execute("SELECT json_extract(?1, ?2), json_extract(?1, ?3)", (text, entry + ".bytes", entry + ".crc32")).fetchone()
    except sqlite3.OperationalError as e:
        if "no such function" not in str(e):
            raise ValueError(str(e)) from None
    finally:
        db.close()
    import json  # an SQLite built without its JSON functions

    data = json.loads(text)
    files = data.get("files") if isinstance(data, dict) else None
    found = files.get(name) if isinstance(files, dict) else None
    return (found.get("bytes"), found.get("crc32")) if isinstance(found, dict) else (None, None)


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
    default), checked against the size and CRC-32 its manifest records."""
    import zlib

    directory = directory or data_dir()
    manifest, text = manifest_text(directory)
    try:
        size, crc32 = _file_entry(text, name)
    except ValueError as e:
        raise DataError(f"{manifest} is damaged: {e}: reinstall eurasia-data") from None
    if not (type(size) is int and type(crc32) is int):
        raise DataError(f"{name} is not in the manifest with its bytes and crc32: reinstall eurasia-data")
    path = os.path.join(directory, name)
    try:
        with open(path, "rb") as f:
            data = f.read(size + 1)
    except FileNotFoundError:
        raise DataError(f"{path} is missing: reinstall eurasia-data") from None
    if len(data) != size:
        raise DataError(f"{path} is damaged or was replaced (it is not the {size:,} bytes the manifest records): reinstall eurasia-data")
    if zlib.crc32(data) != crc32:
        raise DataError(f"{path} is damaged or was replaced (CRC-32 {zlib.crc32(data):08x} does not match the manifest): reinstall eurasia-data")
    return path
