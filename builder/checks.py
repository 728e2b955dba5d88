"""Checks across records: unique ids, references to actors, agreements, pipelines and sources,
stated values inside their quotes, and every quote found in its paper (when the papers are given)."""

from __future__ import annotations

from collections import defaultdict

from eurasia_data.tables import ACTOR_COLUMNS, RECORD_TABLES, TABLES

from eurasia_data import models

from .amounts import numbers_in
from .errors import Problems, brief
from .quotes import MIN_WORDS, Locator, Paper, contains_token, context, has_words, line_at, occurrences, quote_key, squeeze, weakness
from .sections import Outline
from .records import RENAMES, Collected, Quote, Row

# Column -> table it refers to.
RECORD_REFS = {("agreement_events", "agreement_id"): "agreements", ("pipeline_events", "pipeline_id"): "pipelines"}
RAW_NAMES = {column: raw for renames in RENAMES.values() for raw, column in renames.items()}  # column -> raw key
NOT_ACTORS = {"bilateral", "multilateral", "national"}


def label(row: Row) -> str:
    return f"{row.table}[{row.data.get(TABLES[row.table].id_column)}]"


def check(collected: Collected, problems: Problems) -> dict[str, dict[str, Row]]:
    """Index rows by table and id, reporting duplicates and dangling references."""
    index: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in collected.rows:
        rid = row.data[TABLES[row.table].id_column]
        first = index[row.table].get(rid)
        if first is not None:
            problems.add(row.file, row.field_lines.get("id", row.line), label(row), "id", f"duplicate id: already used at {first.file}:{first.field_lines.get('id', first.line)}")
        else:
            index[row.table][rid] = row
    actors = index.get("actors", {})
    sources = index.get("sources", {})
    for row in collected.rows:
        for col in ACTOR_COLUMNS.get(row.table, ()):
            value = row.data.get(col)
            for actor in value if isinstance(value, list) else [value]:
                if actor is not None and actor not in NOT_ACTORS and actor not in actors:
                    key = RAW_NAMES.get(col, col)
                    problems.add(row.file, row.field_lines.get(key, row.line), label(row), key, f"unknown actor id {actor!r}: add it to raw/actors.toml")
        for (table, col), target in RECORD_REFS.items():
            if row.table == table and row.data[col] not in index.get(target, {}):
                key = RAW_NAMES.get(col, col)
                problems.add(row.file, row.field_lines.get(key, row.line), label(row), key, f"no {target} record has id {row.data[col]!r}")
        for other in row.data.get("conflicts_with", []) or []:
            if other not in index[row.table]:
                problems.add(row.file, row.field_lines.get("conflicts_with", row.line), label(row), "conflicts_with", f"no {row.table} record has id {other!r}")
    for q in collected.quotes:
        if q.source_id not in sources:
            problems.add(q.file, q.line, f"{q.table}[{q.record_id}]", "evidence", f"unknown source {q.source_id!r}: see raw/sources.toml")
        if q.separate and q.record_id not in index.get(q.table, {}):
            problems.add(q.file, q.line, f"evidence[{q.table}/{q.record_id}]", "record", f"no {q.table} record has id {q.record_id!r}")
    return index


def mirror_conflicts(index: dict[str, dict[str, Row]]) -> None:
    """A conflict is stated once, on either record; both records list each other."""
    for rows in index.values():
        for rid, row in rows.items():
            for other in row.data.get("conflicts_with") or []:
                target = rows.get(other)
                if target is not None and rid not in target.data["conflicts_with"]:
                    target.data["conflicts_with"] = sorted(target.data["conflicts_with"] + [rid])


def merge_sources(collected: Collected, index: dict[str, dict[str, Row]]) -> None:
    """A record's source_ids include papers that support it through separate [[evidence]] blocks."""
    for q in collected.quotes:
        row = index.get(q.table, {}).get(q.record_id)
        if row is not None and q.source_id not in row.data["source_ids"]:
            row.data["source_ids"] = sorted(row.data["source_ids"] + [q.source_id])


def check_evidence(collected: Collected, problems: Problems) -> None:
    """The evidence floor (see quotes.weakness): every quote says something, every record has one in words."""
    worded, quoted, strong = set(), set(), []
    for q in collected.quotes:
        why = weakness(q.quote)
        if why is not None:
            where = f"evidence[{q.table}/{q.record_id}]" if q.separate else f"{q.table}[{q.record_id}]"
            problems.add(q.file, q.line, where, "quote" if q.separate else "evidence", why)
            continue
        strong.append(q)
        quoted.add((q.table, q.record_id))
        if has_words(q.quote):
            worded.add((q.table, q.record_id))
    for row in collected.rows:
        key = (row.table, row.data[TABLES[row.table].id_column])
        if row.table in RECORD_TABLES and key in quoted and key not in worded:
            problems.add(row.file, row.field_lines.get("evidence", row.line), label(row), "evidence",
                         f"no quote of this record has {MIN_WORDS} letters: numbers alone need a quote (a caption or sentence) that says what they are")
    collected.quotes[:] = strong  # a quote below the floor is reported once, not searched for in its paper too


def check_stated(collected: Collected, problems: Problems) -> None:
    """Every stated value must be written in one of its record's quotes as a whole figure, and every count
    (troops, ships, aircraft: any integer field whose unit is a count) as a number in Arabic or Chinese numerals."""
    by_record = defaultdict(list)
    for q in collected.quotes:
        by_record[(q.table, q.record_id)].append(q.quote)
    for row in collected.rows:
        quotes = by_record.get((row.table, row.data.get(TABLES[row.table].id_column)), [])
        for key, text in row.stated:
            if not any(contains_token(q, text) for q in quotes):
                problems.add(row.file, row.field_lines.get(key, row.line), label(row), key, f"{brief(text)} does not appear in any evidence quote of this record (as a whole figure)")
        numbers = None
        for column in COUNT_COLUMNS.get(row.table, ()):
            value = row.data.get(column)
            if value is None or row.data.get(f"{column}_stated") is not None:
                continue  # a count parsed from its stated text (troops_stated) is checked as that text
            numbers = numbers if numbers is not None else set().union(*(numbers_in(q) for q in quotes))
            if value not in numbers:
                problems.add(row.file, row.field_lines.get(column, row.line), label(row), column,
                             f"{value} does not appear in any evidence quote of this record (as a number in Arabic or Chinese numerals)")


def _count_columns() -> dict[str, tuple[str, ...]]:
    """Integer columns whose unit is a count of things (troops, ships, aircraft), per table, from the models."""
    out = {}
    for name, spec in TABLES.items():
        model = getattr(models, spec.model)
        out[name] = tuple(c for c, info in model.model_fields.items()
                          if models.field_kind(info.annotation)[0] is int and (info.json_schema_extra or {}).get("unit") in COUNT_UNITS)
    return out


COUNT_UNITS = {"persons", "ships", "aircraft"}
COUNT_COLUMNS = _count_columns()


PIN_SLACK = 30  # lines: a line hint farther than this from every occurrence is a mistake, not a hint


def locate_quotes(
    quotes: list[Quote], papers: dict[str, Paper] | None, known: dict[tuple, Locator], problems: Problems,
    texts: dict[str, str] | None = None, outlines: dict[str, Outline] | None = None,
) -> tuple[list[Locator | None], dict[tuple, Locator]]:
    """Locator of every quote: found in the paper when given, else from the verified locations.

    A quote the paper prints more than once is placed where the curator's line hint (``line = N``) points;
    without a hint, occurrences in a table of contents or list of tables are never chosen (they only repeat
    headings and captions), and if more than one line of the text remains the quote is reported as ambiguous.
    """
    located: list[Locator | None] = []
    verified: dict[tuple, Locator] = {}
    for q in quotes:
        key = (q.source_id, quote_key(q.quote), q.pin)
        where = f"{q.table}[{q.record_id}]"
        loc = None
        if papers is not None and q.source_id in papers:
            loc = _place(q, papers[q.source_id], texts[q.source_id], outlines[q.source_id], where, problems)
            if loc is not None:
                verified[key] = loc
        else:
            loc = known.get(key)
            if loc is None and papers is None:
                problems.add(q.file, q.line, where, "evidence", f"quote has no verified location: build once with --sources: {q.quote[:40]!r}")
        located.append(loc)
    return located, verified


def _place(q: Quote, paper: Paper, text: str, outline: Outline, where: str, problems: Problems) -> Locator | None:
    places = [(start, end, line_at(paper, start)) for start, end in occurrences(paper, q.quote)]
    if not places:
        problems.add(q.file, q.line, where, "evidence", f"quote is not in {q.source_id}: {q.quote[:40]!r}")
        return None
    lines = sorted({line for _, _, line in places})
    shown = ", ".join(map(str, lines))
    body = [p for p in places if not outline.in_toc(p[2])]
    if q.pin is not None:
        chosen = min(places, key=lambda p: (abs(p[2] - q.pin), p[0]))
        if abs(chosen[2] - q.pin) > PIN_SLACK:
            problems.add(q.file, q.pin_line, where, "evidence", f"line = {q.pin}: the quote is not near that line of {q.source_id}; it stands on line(s) {shown}")
            return None
        if outline.in_toc(chosen[2]):
            problems.add(q.file, q.pin_line, where, "evidence", f"line = {q.pin} is in the table of contents of {q.source_id}; pin an occurrence in the text (line(s) {shown})")
            return None
    elif not body:
        problems.add(q.file, q.line, where, "evidence", f"quote occurs only in the table of contents of {q.source_id} (line(s) {shown}): quote the text itself")
        return None
    elif len({line for _, _, line in body}) > 1:
        problems.add(q.file, q.line, where, "evidence",
                     f"quote occurs on {len({p[2] for p in body})} lines of {q.source_id} ({', '.join(map(str, sorted({p[2] for p in body})))}): "
                     f"say which with {{ quote = \"...\", line = N }}: {q.quote[:40]!r}")
        return None
    else:
        chosen = body[0]  # one line of the text (several occurrences on one line share the same locator)
    start, end, line = chosen
    return Locator(line, outline.section(line), *outline.pages(line), *context(text, start, end))


def check_released(index: dict[str, dict[str, Row]], path, shown: str, problems: Problems) -> None:
    """Ids in released versions (raw/released_ids.tsv) never disappear, so they can never be reused."""
    if not path.exists():
        return
    from .quotes import read_tsv_lines

    for number, line in enumerate(read_tsv_lines(path, shown, problems), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not all(c.strip() for c in cells):
            hint = ": separate the columns with tabs, not spaces" if len(cells) < 3 and " " in line else ""
            problems.add(shown, number, "", "", f"needs three tab-separated columns (table, id, version), not {brief(line)}{hint}")
            continue
        table, rid, version = cells
        if table not in TABLES:
            problems.add(shown, number, "", "", f"unknown table {brief(table)}: the id {brief(rid)} would have no protection; tables are {', '.join(TABLES)}")
        elif rid not in index.get(table, {}):
            problems.add(shown, number, f"{table}[{rid}]", "id",
                         f"released in {version} and now missing: a released id is never removed or reused; correct the record instead")


def check_exercises(index: dict[str, dict[str, Row]], problems: Problems) -> None:
    """host = the states on whose territory an exercise took place, a subset of participants unless the
    record says the paper's participant list is incomplete; observers are states and never participants."""
    actors = index.get("actors", {})
    for rid, row in index.get("exercises", {}).items():
        d = row.data

        def bad(key: str, message: str) -> None:
            problems.add(row.file, row.field_lines.get(key, row.line), label(row), key, message)

        for key in ("host", "observers"):
            for actor in d[key]:
                if actor in actors and actors[actor].data["kind"] != "state":
                    bad(key, f"{actor!r} is not a state: {key} lists states")
        missing = [a for a in d["host"] if a not in d["participants"]]
        if missing and not d["participants_incomplete"]:
            bad("host", f"host {missing} not among participants: a host is a participant; if the paper's list omits it, "
                        "set participants_incomplete = true and say why in the note")
        if d["participants_incomplete"] and not missing:
            bad("participants_incomplete", "every host is a participant: remove participants_incomplete (it marks a host the paper does not list)")
        if d["participants_incomplete"] and not d.get("note"):
            bad("participants_incomplete", "say in the note why the participant list is incomplete")
        both = sorted(set(d["observers"]) & set(d["participants"]))
        if both:
            bad("observers", f"{both} both observe and take part: an observer sends no forces")
