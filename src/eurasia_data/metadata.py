"""Standard metadata generated from the models: a Frictionless Data Package (v2) describing the CSV
files of an export, and a schema.org ``Dataset`` (JSON-LD) for dataset search engines.

The build writes both into the package's data directory (so they ship in the wheel) and every
:func:`eurasia_data.export` writes them beside its files.
"""

from __future__ import annotations

from .relations import POSITION, ROW_KEY, all_links, foreign_keys, model, primary_key
from .tables import TABLES

TITLE = "eurasia-data: curated, evidence-backed tables of Eurasian politics from Chinese-language papers"
DESCRIPTION = (
    "Agreements and their events, military exercises, pipelines and their milestones, trade figures, "
    "indicators and membership events of Russia, China, the United States, the CIS, the SCO, the CSTO and "
    "the EAEU, extracted by hand from Traditional-Chinese political-science papers. Every row carries the "
    "paper's own words as evidence."
)
LICENSE = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
KEYWORDS = ["international relations", "Eurasia", "Russia", "China", "SCO", "CIS", "CSTO", "treaties", "military exercises", "pipelines"]
FIELD_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}
CSV_DIR = "csv"


def _type(scalar) -> str:
    return FIELD_TYPES.get(scalar) or ("date" if getattr(scalar, "__name__", "") == "date" else "string")


def _constraints(field, scalar, is_list, allowed) -> dict:
    out: dict = {}
    if allowed and not is_list:
        out["enum"] = list(allowed)
    if field.is_required() and not is_list and not _nullable(field.annotation):
        out["required"] = True
    for m in [*field.metadata, *_annotated_metadata(field.annotation)]:
        for attr, name in (("ge", "minimum"), ("le", "maximum"), ("gt", "exclusiveMinimum")):
            if getattr(m, attr, None) is not None and not is_list:
                out[name] = getattr(m, attr)
        if getattr(m, "pattern", None) and scalar is str and not is_list:
            out["pattern"] = m.pattern.lstrip("^").rstrip("$")
    return out


def _nullable(annotation) -> bool:
    import typing

    return type(None) in typing.get_args(annotation)


def _annotated_metadata(annotation) -> list:
    import typing

    out = []
    for a in typing.get_args(annotation):
        if typing.get_origin(a) is typing.Annotated:
            out += list(a.__metadata__)
    return out


def table_fields(table: str) -> list[dict]:
    from .codebook import codebook_rows
    from .models import columns, field_kind

    m = model(table)
    book = {r["column"]: r for r in codebook_rows() if r["table"] == table}
    fields = []
    for column in columns(m):
        f = m.model_fields[column]
        scalar, is_list, allowed = field_kind(f.annotation)
        field = {"name": column, "type": "list" if is_list else _type(scalar), "description": book[column]["description"]}
        if is_list:
            field |= {"delimiter": ";", "itemType": _type(scalar)}
        if book[column]["unit"]:
            field["unit"] = book[column]["unit"]
        constraints = _constraints(f, scalar, is_list, allowed)
        if column in primary_key(table):
            constraints |= {"required": True, "unique": True}
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return fields


def _resource(name: str, title: str, description: str, schema: dict) -> dict:
    return {"name": name, "type": "table", "path": f"{CSV_DIR}/{name}.csv", "scheme": "file", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": title, "description": description,
            "schema": schema}


def resources() -> list[dict]:
    out = []
    for table, t in TABLES.items():
        schema: dict = {"fields": table_fields(table), "missingValues": [""]}
        if primary_key(table):
            schema["primaryKey"] = primary_key(table)
        fks = [{"fields": [fk.column], "reference": {"resource": "" if fk.table == table else fk.table, "fields": [fk.target]}}
               for fk in foreign_keys(table) if not fk.is_list]
        if fks:
            schema["foreignKeys"] = fks
        out.append(_resource(table, table, t.description, schema))
    for spec in all_links():
        key_type = "integer" if spec.key == ROW_KEY else "string"
        described = "its 1-based row number in " + spec.table if spec.key == ROW_KEY else f"the {spec.table} record"
        fields = [
            {"name": spec.key, "type": key_type, "description": f"Key of {described}.", "constraints": {"required": True}},
            {"name": spec.item, "type": "string", "description": f"One item of {spec.table}.{spec.column}.", "constraints": {"required": True}},
            {"name": POSITION, "type": "integer", "description": "1-based position of the item in the list.", "constraints": {"required": True, "minimum": 1}},
        ]
        schema = {"fields": fields, "missingValues": [""], "primaryKey": [spec.key, POSITION]}
        fks = []
        if spec.key != ROW_KEY:
            fks.append({"fields": [spec.key], "reference": {"resource": spec.table, "fields": [spec.key]}})
        if spec.references:
            fks.append({"fields": [spec.item], "reference": {"resource": spec.references, "fields": [TABLES[spec.references].id_column]}})
        if fks:
            schema["foreignKeys"] = fks
        out.append(_resource(spec.name, spec.name, f"{spec.table}.{spec.column} as a long table: one row per item, in list order.", schema))
    return out


def _source_title(s: dict) -> str:
    return s["title_zh"] + (f" [{s['title_en']}]" if s.get("title_en") else "")


def datapackage(sources: list[dict]) -> dict:
    """The Data Package descriptor; ``sources`` are the rows of the sources table."""
    from . import __version__

    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "eurasia-data",
        "title": TITLE,
        "description": DESCRIPTION,
        "version": __version__,
        "licenses": [LICENSE],
        "keywords": KEYWORDS,
        "contributors": [{"title": "eurasia-data maintainers", "roles": ["creator"]}],
        "sources": [{"title": _source_title(s) + " — " + ", ".join(s["authors"])} for s in sources],
        "resources": resources(),
    }


def jsonld(sources: list[dict], years: tuple[int, int] | None) -> dict:
    """A schema.org ``Dataset`` for dataset search engines; ``years`` is the span of the dated records."""
    from . import __version__
    from .codebook import codebook_rows

    out = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": "eurasia-data",
        "alternateName": TITLE,
        "description": DESCRIPTION,
        "version": __version__,
        "license": LICENSE["path"],
        "isAccessibleForFree": True,
        "keywords": KEYWORDS,
        "inLanguage": ["en", "zh-Hant"],
        "spatialCoverage": {"@type": "Place", "name": "Eurasia"},
        "creator": {"@type": "Organization", "name": "eurasia-data maintainers"},
        "url": "https://pypi.org/project/eurasia-data/",
        "citation": [
            {"@type": "Thesis" if s["kind"] == "thesis" else "ScholarlyArticle", "name": _source_title(s),
             "author": [{"@type": "Person", "name": a} for a in s["authors"]], "inLanguage": s["language"],
             **({"datePublished": str(s["year"])} if s.get("year") else {})}
            for s in sources
        ],
        "variableMeasured": [
            {"@type": "PropertyValue", "name": f"{r['table']}.{r['column']}", "description": r["description"], **({"unitText": r["unit"]} if r["unit"] else {})}
            for r in codebook_rows()
        ],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": fmt, "description": what}
            for fmt, what in (
                ("application/vnd.apache.parquet", "Parquet files inside the Python package (eurasia_data.paths())"),
                ("text/csv", "CSV files written by `eurasia-data export` (described by datapackage.json)"),
                ("application/x-stata-dta", "Stata 14+ .dta files written by `eurasia-data export`"),
                ("application/vnd.sqlite3", "SQLite database written by `eurasia-data export`"),
            )
        ],
    }
    if years:
        out["temporalCoverage"] = f"{years[0]}/{years[1]}"
    return out
