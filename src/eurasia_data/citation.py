"""How to cite the dataset and the papers behind it, as BibTeX or as a plain-text APA reference."""

from __future__ import annotations

import re

TITLE = "eurasia-data: curated, evidence-backed tables of Eurasian politics from Chinese-language papers"
AUTHOR = "eurasia-data maintainers"
STYLES = ("bibtex", "apa")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def cite(source_id: str | None = None, style: str = "bibtex") -> str:
    """The dataset's entry and every source paper's, or only ``source_id``'s; ``style`` is bibtex or apa.

    >>> print(cite("lin-sco-thesis", style="apa"))  # doctest: +ELLIPSIS
    林伯雍 (Po-Yung Lin). (2013). 後冷戰時期中共對美平衡戰略：上海合作組織個案研究 [China's Balancing Strategy ...] [Master's thesis, 國立臺灣大學...].
    """
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of: {', '.join(STYLES)}")
    from .loaders import load_records, manifest

    sources = load_records("sources")
    if source_id is not None:
        sources = [s for s in sources if s.source_id == source_id]
        if not sources:
            from .loaders import load_sources

            known = ", ".join(sorted(load_sources().source_id))
            raise ValueError(f"no source {source_id!r}; known sources: {known}")
    bibtex = style == "bibtex"
    entries = [] if source_id is not None else [(_dataset_bibtex if bibtex else _dataset_apa)(manifest())]
    entries += [(_source_bibtex if bibtex else _source_apa)(s) for s in sources]
    return ("\n\n" if bibtex else "\n").join(entries) + "\n"


def _released_year(meta: dict) -> str | None:
    released = meta.get("released")
    return released[:4] if released else None


def _dataset_bibtex(meta: dict) -> str:
    version, year = meta["version"], _released_year(meta)
    status = "" if year else " (unreleased)"
    lines = [
        f"  title = {{{TITLE}}}",
        f"  author = {{{{{AUTHOR}}}}}",
        *([f"  year = {{{year}}}"] if year else []),
        f"  note = {{Dataset, version {version}{status}}}",
        "  howpublished = {Python package eurasia-data on PyPI}",
        f"  version = {{{version}}}",
    ]
    return "@misc{eurasia_data_" + _key(version) + ",\n" + ",\n".join(lines) + "\n}"


def _dataset_apa(meta: dict) -> str:
    year = _released_year(meta) or "unreleased"
    return f"{AUTHOR}. ({year}). {TITLE} (Version {meta['version']}) [Data set]. Python package eurasia-data on PyPI."


def _source_bibtex(s) -> str:
    kind = "mastersthesis" if s.kind == "thesis" else "article"
    fields = {"title": s.title_zh + (f" [{s.title_en}]" if s.title_en else ""), "author": " and ".join(s.authors)}
    if s.year:
        fields["year"] = str(s.year)
    if s.venue:
        fields["school" if kind == "mastersthesis" else "journal"] = s.venue
    for name in ("volume", "issue", "pages"):
        if getattr(s, name):
            fields["number" if name == "issue" else name] = getattr(s, name)
    fields["language"] = "Traditional Chinese"
    if s.citation_note:
        fields["annote"] = s.citation_note
    body = ",\n".join(f"  {k} = {{{_escape(v)}}}" for k, v in fields.items())
    return f"@{kind}{{{_key(s.source_id)},\n{body}\n}}"


def _source_apa(s) -> str:
    authors = ", & ".join(s.authors) if len(s.authors) <= 2 else ", ".join(s.authors[:-1]) + ", & " + s.authors[-1]
    title = s.title_zh + (f" [{s.title_en}]" if s.title_en else "")
    year = str(s.year) if s.year else "n.d."
    if s.kind == "thesis":
        where = f" [Master's thesis, {s.venue}]." if s.venue else " [Master's thesis]."
        return f"{authors}. ({year}). {title}{where}"
    venue = ""
    if s.venue:
        venue = " " + s.venue
        if s.volume:
            venue += f", {s.volume}"
        if s.issue:
            venue += f"({s.issue})"
        if s.pages:
            venue += f", {s.pages}"
        venue += "."
    return f"{authors}. ({year}). {title}.{venue}"
