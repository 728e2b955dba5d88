"""Read one raw TOML file into blocks that remember their line numbers (tomllib forgets them).

Lines are found by scanning the TOML itself (strings, comments, brackets, quoted keys), never by
matching lines with patterns, so a ``[[agreement]]`` inside a multi-line note or a pasted U+2028 cannot
shift them. As in TOML, only ``\\n`` ends a line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problems

LISTS = ("rows", "items")  # a [[table]]'s rows and a [[triage]]'s items: each element gets its line
_BARE = re.compile(r"[A-Za-z0-9_-]+")


@dataclass
class Block:
    """One ``[[kind]]`` entry of a raw file."""

    file: str
    kind: str
    data: dict
    line: int  # line of the [[kind]] header
    field_lines: dict[str, int]  # top-level key -> line where it is set
    row_lines: list[int]  # for [[table]] / [[triage]]: line of each row of `rows` / `items`

    def line_of(self, key: str) -> int:
        return self.field_lines.get(key, self.line)


@dataclass
class RawFile:
    path: str
    defaults: dict  # top-level keys such as `source`
    default_lines: dict[str, int]
    blocks: list[Block]


def load_toml(path: Path, shown: str, problems: Problems) -> tuple[str, dict] | None:
    """Text and parsed TOML of ``path``; on any failure one problem naming ``shown`` (and the line), and None."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        problems.add(shown, 0, "", "", "is a directory, not a TOML file: rename it (only files may end in .toml)")
        return None
    except FileNotFoundError:
        kind = "a dangling symbolic link (an editor's lock file?)" if path.is_symlink() else "missing"
        problems.add(shown, 0, "", "", f"cannot be read: the file is {kind}")
        return None
    except OSError as e:
        problems.add(shown, 0, "", "", f"cannot be read: {e.strerror or e}")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.add(shown, 1, "", "", "file starts with a byte-order mark (BOM): save it as UTF-8 without BOM")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.add(shown, line, "", "", f"not valid UTF-8 (byte {e.start}): save the file as UTF-8")
        return None
    if not text.strip():
        problems.add(shown, 1, "", "", "file is empty")
        return None
    if "\r" in text.replace("\r\n", ""):
        line = text[: text.replace("\r\n", "\n\n").find("\r")].count("\n") + 1
        problems.add(shown, line, "", "", "a carriage return without a line feed (old Mac line endings?): save the file with LF line endings")
        return None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"at line (\d+)", str(e))
        problems.add(shown, int(m.group(1)) if m else 1, "", "", f"TOML syntax error: {e}")
    except RecursionError:
        problems.add(shown, 1, "", "", "TOML nested too deeply to read: arrays or tables inside each other hundreds of levels deep")
    except ValueError as e:  # e.g. an integer of more than 4,300 digits
        why = "an integer of more than 4,300 digits (no real figure is that long)" if "digits" in str(e) else str(e)
        problems.add(shown, 1, "", "", f"TOML value cannot be read: {why}")
    return None


def read(path: Path, shown: str, problems: Problems) -> RawFile | None:
    """Parse ``path``; on failure record a problem (named ``shown``) and return None."""
    loaded = load_toml(path, shown, problems)
    return None if loaded is None else _locate(shown, *loaded)


@dataclass
class _Header:
    line: int
    kind: str | None  # dotted name of an array-of-tables header; None for a [table] header or the file's top
    fields: dict[str, int] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)


def scan(text: str) -> list[_Header]:
    """Every header of the document with the line of each of its keys and of each element of its LISTS."""
    top = _Header(1, None)
    headers = [top]
    current = top
    i, n, line = 0, len(text), 1
    depth = 0  # brackets open in the current value
    list_key: str | None = None  # the key whose value is being read, when it is one of LISTS
    at_line_start = True

    def skip_string(i: int) -> int:
        nonlocal line
        for quote in ('"""', "'''", '"', "'"):
            if text.startswith(quote, i):
                break
        j = i + len(quote)
        while j < n:
            c = text[j]
            if c == "\\" and quote[0] == '"':
                if j + 1 < n and text[j + 1] == "\n":
                    line += 1
                j += 2
                continue
            if text.startswith(quote, j):
                j += len(quote)
                while len(quote) == 3 and j < n and text[j] == quote[0]:  # """a"""" ends with a quote in the string
                    j += 1
                return j
            if c == "\n":
                line += 1
                if len(quote) == 1:
                    return j
            j += 1
        return j

    def read_key(i: int, stop: str) -> tuple[list[str], int]:
        parts: list[str] = []
        while i < n and text[i] not in stop and text[i] != "\n":
            c = text[i]
            if c in "\"'":
                j = skip_string(i)
                raw = text[i:j]
                try:
                    parts.append(tomllib.loads(f"k = {raw}")["k"])
                except (tomllib.TOMLDecodeError, ValueError):
                    parts.append(raw.strip("\"'"))
                i = j
            elif (m := _BARE.match(text, i)):
                parts.append(m.group())
                i = m.end()
            else:
                i += 1  # whitespace and dots
        return parts, i

    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
            if depth == 0:
                at_line_start = True
            continue
        if c in " \t\r":
            i += 1
            continue
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if at_line_start and depth == 0:
            at_line_start = False
            if c == "[":
                double = text.startswith("[[", i)
                parts, i = read_key(i + (2 if double else 1), "]")
                i += 2 if double else 1
                current = _Header(line, ".".join(parts) if double else None)
                headers.append(current)
                continue
            parts, i = read_key(i, "=")
            if parts:
                current.fields.setdefault(parts[0], line)
                list_key = parts[0] if len(parts) == 1 and parts[0] in LISTS else None
            i += 1  # the "="
            continue
        if c in "\"'":
            i = skip_string(i)
            continue
        if c in "[{":
            if depth == 1 and list_key is not None:
                current.rows.append(line)
            depth += 1
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return headers


def _locate(shown: str, text: str, doc: dict) -> RawFile:
    headers = scan(text)
    top = headers[0]
    defaults, blocks = {}, []
    for key, value in doc.items():
        if not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
            defaults[key] = value
            continue
        mine = [h for h in headers if h.kind == key]
        for k, item in enumerate(value):
            if k < len(mine):
                h = mine[k]
            else:  # written as an inline array of tables: point at its key
                h = _Header(top.fields.get(key, 1), key)
            blocks.append(Block(shown, key, item, h.line, h.fields, h.rows))
    blocks.sort(key=lambda b: b.line)
    return RawFile(shown, defaults, top.fields, blocks)
