"""How to cite the dataset and the papers behind it."""

from __future__ import annotations

import re


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def cite() -> str:
    """BibTeX entries: the dataset (with the installed version) and every source paper."""
    from . import __version__
    from .loaders import load_records

    entries = [
        "@misc{eurasia_data_" + _key(__version__) + ",\n"
        "  title = {eurasia-data: curated, evidence-backed tables of Eurasian politics from Chinese-language papers},\n"
        "  author = {{eurasia-data maintainers}},\n"
        f"  note = {{Dataset, version {__version__}}},\n"
        "  howpublished = {Python package eurasia-data on PyPI},\n"
        f"  version = {{{__version__}}}\n}}"
    ]
    for s in load_records("sources"):
        kind = "mastersthesis" if s.kind == "thesis" else "article"
        fields = {"title": s.title_zh + (f" [{s.title_en}]" if s.title_en else ""), "author": " and ".join(s.authors)}
        if s.year:
            fields["year"] = str(s.year)
        if s.venue:
            fields["school" if kind == "mastersthesis" else "journal"] = s.venue
        fields["language"] = "Traditional Chinese"
        body = ",\n".join(f"  {k} = {{{_escape(v)}}}" for k, v in fields.items())
        entries.append(f"@{kind}{{{_key(s.source_id)},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"
