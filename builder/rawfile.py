"""Read one raw TOML file into blocks that remember their line numbers (tomllib forgets them)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import Problems

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z_][\w-]*)\s*\]\]\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*=")
_ROW = re.compile(r"^\s*[\[{]")  # a row of a [[table]]'s `rows` or a [[triage]]'s `items`
LISTS = ("rows", "items")


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


def read(path: Path, shown: str, problems: Problems) -> RawFile | None:
    """Parse ``path``; on failure record a problem (named ``shown``) and return None."""
    data = path.read_bytes()
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
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"at line (\d+)", str(e))
        problems.add(shown, int(m.group(1)) if m else 1, "", "", f"TOML syntax error: {e}")
        return None
    return _locate(shown, text, doc, problems)


def _locate(shown: str, text: str, doc: dict, problems: Problems) -> RawFile:
    lines = text.splitlines()
    headers = [(i + 1, m.group(1)) for i, l in enumerate(lines) if (m := _HEADER.match(l))]
    first_header = headers[0][0] if headers else len(lines) + 1
    default_lines = {m.group(1): i + 1 for i, l in enumerate(lines[: first_header - 1]) if (m := _KEY.match(l))}
    defaults, blocks = {}, []
    seen: dict[str, int] = {}
    spans = {h: (h[0], headers[j + 1][0] if j + 1 < len(headers) else len(lines) + 1) for j, h in enumerate(headers)}
    for key, value in doc.items():
        if not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value)):
            defaults[key] = value
            continue
        mine = [h for h in headers if h[1] == key]
        for k, item in enumerate(value):
            if k < len(mine):
                start, end = spans[mine[k]]
            else:  # written as an inline array: point at its key
                start = default_lines.get(key, 1)
                end = start + 1
            fields, rows = {}, []
            in_rows = False
            for n in range(start, end - 1):  # 0-based indices of the lines after the header
                m = _KEY.match(lines[n]) if n < len(lines) else None
                if m:
                    fields.setdefault(m.group(1), n + 1)
                    in_rows = m.group(1) in LISTS
                    rest = lines[n][m.end():].strip()
                    if in_rows and rest.startswith("[") and _ROW.match(rest[1:] or " "):
                        rows.append(n + 1)
                elif in_rows and n < len(lines) and _ROW.match(lines[n]):
                    rows.append(n + 1)
            seen[key] = seen.get(key, 0) + 1
            blocks.append(Block(shown, key, item, start, fields, rows))
    return RawFile(shown, defaults, default_lines, blocks)
