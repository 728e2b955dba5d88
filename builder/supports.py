"""Which fields of its record each evidence quote proves, and which record fields no quote proves.

A quote supports a field when it prints the field's value in one of the papers' forms: a date as
1996年4月26日, 2002.06.07, 10/10, 一九九六年四月二十六日 or in the ROC calendar (96 年 = 2007); an actor
under any of its names and aliases (the table the search uses, from builder/actors.py); a stated value,
length or cost as written; a count (troops) as its stated text or as a number in any numerals; a name as written; a place under the spellings
in ``raw/places.toml``. The curator adds a support the computation cannot see with ``supports = [...]``
on an evidence item (``"!field"`` removes a false one), and chooses the primary quote with
``primary = true``; otherwise the primary quote is the one that supports the most fields (ties: the
first curated).

Fields that are not printed facts are not checked: codings the curator reads from the quote (type,
event, flow, commodity, kind, indicator, status, series, English names), normalised values the build
derives, notes and ids. A record field that no quote supports is a finding (check ``unsupported_field``)
unless a sentence of the note says it comes from outside the papers, or the parties were derived by the build.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eurasia_data.tables import TABLES

from .acks import Finding
from .amounts import numbers_in
from .quotes import contains_token, squeeze

CHECK = "unsupported_field"
# Record fields checked per table: (column, raw field name, how it is matched).
FIELDS: dict[str, list[tuple[str, str, str]]] = {
    "agreements": [("name_zh", "name_zh", "name"), ("date", "date", "date"), ("parties", "parties", "actors"),
                   ("place", "place", "place"), ("framework", "framework", "actor")],
    "agreement_events": [("agreement_id", "agreement", "agreement"), ("date", "date", "date"), ("actors", "actors", "actors")],
    "exercises": [("name_zh", "name_zh", "name"), ("date", "date", "date"), ("end_date", "end_date", "end_date"),
                  ("participants", "participants", "actors"), ("location", "location", "place"), ("host", "host", "actors"),
                  ("framework", "framework", "actor"), ("troops", "troops", "count"), ("ships", "ships", "count"),
                  ("aircraft", "aircraft", "count")],
    "pipelines": [("name_zh", "name_zh", "name"), ("route", "route", "actors"), ("length_stated", "length_stated", "text"),
                  ("capacity_stated", "capacity_stated", "text"), ("cost_stated", "cost_stated", "text")],
    "pipeline_events": [("pipeline_id", "pipeline", "pipeline"), ("date", "date", "date"), ("end_date", "end_date", "end_date"),
                        ("actors", "actors", "actors")],
    "memberships": [("org_id", "org", "actor"), ("member_id", "member", "actor"), ("date", "date", "date")],
    "trade_figures": [("reporter_id", "reporter", "actor"), ("partner_id", "partner", "actor"), ("date", "date", "date"),
                      ("end_date", "end_date", "end_date"), ("value_stated", "value_stated", "text"),
                      ("unit_stated", "unit_stated", "text"), ("data_source", "data_source", "source")],
    "indicators": [("actor_id", "actor", "actor"), ("date", "date", "date"), ("end_date", "end_date", "end_date"),
                   ("value_stated", "value_stated", "text"), ("unit_stated", "unit_stated", "text"), ("data_source", "data_source", "source")],
}
NOT_ACTORS = {"bilateral", "multilateral", "national"}
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")  # the note's sentences: an outside-the-papers remark covers only the fields its sentence names
OUTSIDE = re.compile(r"outside the papers|not (?:printed |stated |given )?in (?:the|any) papers?|from outside", re.I)
_STRIP = re.compile(r"[《》「」『』〈〉“”\"'‘’()（）\s·・．.、]")


@dataclass
class Names:
    """Every spelling to look for: actors (by id), places (English name -> spellings), agreements (name and aliases) and pipelines."""

    actors: dict[str, list[str]]
    places: dict[str, list[str]]
    agreements: dict[str, list[str]]
    pipelines: dict[str, str]


def read_places(path: Path) -> dict[str, list[str]]:
    """raw/places.toml: ``"Tashkent" = ["塔什干"]``, the spellings the papers use for each place."""
    if not path.exists():
        return {}
    return {k: list(v) for k, v in tomllib.loads(path.read_text(encoding="utf-8")).items()}


def names(tables: dict[str, list[dict]], places: dict[str, list[str]]) -> Names:
    actors = {}
    for a in tables.get("actors", []):
        spell = {a.get("name_zh_hant"), a.get("name_zh_hans"), a.get("name_en"), a.get("abbreviation"), *a.get("aliases", [])}
        actors[a["actor_id"]] = sorted((s for s in spell if s), key=len, reverse=True)
    agreements = {r["agreement_id"]: [r["name_zh"], *r.get("aliases", [])] for r in tables.get("agreements", [])}
    pipelines = {r["pipeline_id"]: r["name_zh"] for r in tables.get("pipelines", [])}
    return Names(actors, places, agreements, pipelines)


# ---- dates -----------------------------------------------------------------------------------------
_CN_DIGIT = "〇一二三四五六七八九"


def _cn(n: int) -> str:
    """一 ... 三十一: a month or day in Chinese numerals."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN_DIGIT[tens] + "十")) + ("" if ones == 0 else _CN_DIGIT[ones])


S = r"\s*"  # the papers print spaces inside dates at will: 1992 年 5 月 15 日


def _year_forms(y: int) -> list[str]:
    forms = [rf"(?<!\d){y}(?!\d)", "".join("[〇零]" if c == "0" else _CN_DIGIT[int(c)] for c in str(y)) + "年"]
    roc = y - 1911
    if roc > 0:
        forms += [rf"民國{S}{roc}{S}年", rf"(?<![\d.]){roc}{S}年(?!代)"]
    forms.append(rf"(?<![\d.]){y % 100:02d}{S}年(?!代)")
    return forms


def _month_day_forms(y: int, m: int, d: int | None) -> list[str]:
    dash = r"[‐\-–—~～至]"
    if d is None:
        return [rf"(?<!\d)0?{m}{S}月", rf"(?<![一二三四五六七八九十]){_cn(m)}月", rf"{y}{S}[./-]{S}0?{m}(?!\d)",
                rf"(?<!\d)0?{m}{S}{dash}{S}\d{{1,2}}{S}月"] + (["元月"] if m == 1 else [])  # 9‐10 月; 元月 = January
    return [rf"(?<!\d)0?{m}{S}月{S}0?{d}{S}[日號]", rf"(?<![一二三四五六七八九十]){_cn(m)}月{_cn(d)}日",
            rf"(?<![\d/])0?{m}{S}/{S}0?{d}(?!\d)", rf"{y}{S}[./-]{S}0?{m}{S}[./-]{S}0?{d}(?!\d)",
            rf"(?<!\d)0?{m}{S}月{S}\d{{1,2}}{S}日?{S}(?:及|與|和|、|{dash}){S}0?{d}{S}日"]  # 6 月 9 日及 10 日


@lru_cache(maxsize=None)
def _date_patterns(y: int, m: int | None, d: int | None) -> tuple[re.Pattern, re.Pattern | None]:
    """One compiled pattern for the year's forms and one for the month/day's (a build meets a few hundred dates)."""
    year = re.compile("|".join(f"(?:{f})" for f in _year_forms(y)))
    return year, None if m is None else re.compile("|".join(f"(?:{f})" for f in _month_day_forms(y, m, d)))


def _date_parts(q: str, y, m, d) -> tuple[bool, bool]:
    """(the year is printed, the month/day is printed) in the quote ``q`` (whitespace runs as one space)."""
    year, rest = _date_patterns(y, m, d)
    return bool(year.search(q)), rest is None or bool(rest.search(q))


def _end_parts(q: str, r: dict) -> tuple[bool, bool]:
    ey, em, ed = r.get("end_year"), r.get("end_month"), r.get("end_day")
    year, rest = _date_parts(q, ey, em, ed)
    sep = rf"{S}(?:至|到|~|～|-|—|–|－){S}"
    if ey == r.get("year"):
        year = year or _date_parts(q, r["year"], None, None)[0]
        if em is not None and em == r.get("month") and ed is not None:
            rest = rest or bool(re.search(rf"{sep}0?{ed}{S}[日號]", q))
        elif em is not None:
            rest = rest or bool(re.search(rf"{sep}0?{em}{S}月" + (rf"{S}0?{ed}{S}[日號]" if ed else ""), q))
    return year, rest


# ---- one quote -------------------------------------------------------------------------------------
def _singles(n: Names) -> frozenset[str]:
    if not hasattr(n, "_singles"):
        n._singles = frozenset(squeeze(x) for spells in n.actors.values() for x in spells if len(squeeze(x)) == 1 and not x.isascii())
    return n._singles


@lru_cache(maxsize=None)
def _spelling(s: str) -> tuple[str, re.Pattern | None]:
    """A spelling as the quotes are compared (squeezed), and for a Latin one the pattern of it as a whole word."""
    t = squeeze(s)
    return t, re.compile(rf"(?<![A-Za-z]){re.escape(t)}(?![A-Za-z])") if t.isascii() else None


def _has_actor(q: str, actor: str, n: Names) -> bool:
    for s in n.actors.get(actor, []):
        t, latin = _spelling(s)
        if len(t) >= 2 and (t in q if latin is None else latin.search(q)):
            return True
        if len(t) == 1 and not t.isascii():
            # one-character forms (中, 俄, 美) count only in a run such as 中俄 or 哈、吉、塔, or as 俄方 / 俄國
            singles = _singles(n)
            for at in (i for i, c in enumerate(q) if c == t):
                left, right = q[at - 1:at], q[at + 1:at + 2]
                left2, right2 = q[at - 2:at - 1], q[at + 2:at + 3]
                if left in singles or right in singles or right in ("方", "國", "軍"):
                    return True
                if (left == "、" and left2 in singles) or (right == "、" and right2 in singles) or left == "/":
                    return True  # 哈、吉、塔; 蘇聯/俄
    return False


_COUNT = {2: "兩雙二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}
COLLECTIVE_FRAMEWORKS = {"SHANGHAI_FIVE": ("上海五國", "五國")}  # the five states, in the thesis's own usage


def _collective(q: str, actors: list[str]) -> bool:
    """The quote counts the actors as a group: 五國, 六國元首, 雙方, 兩國 (the number equals the list)."""
    chars = _COUNT.get(len(actors))
    return bool(chars) and bool(re.search(rf"[{chars}](?:國|方)", q))


def _has_place(q: str, place: str, n: Names) -> bool:
    spellings = [s for name, spells in n.places.items() if name.lower() in place.lower() for s in spells]
    spellings += re.findall(r"[（(]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]", place)  # Chinese given in the record
    return any(squeeze(s) in q for s in spellings)


def _plain(text: str) -> str:
    return _STRIP.sub("", text)


def _has_name(plain: str, name: str) -> bool:
    """The name as written, or every part of a name the curator composed, e.g. 自由貿易協定（香港）."""
    if _plain(name) in plain:
        return True
    parts = [_plain(p) for p in re.split(r"[（）()：:／/]", name)]
    parts = [p for p in parts if p]
    return len(parts) > 1 and all(p in plain for p in parts)


_PIPE_WORD = re.compile(r"管道|管線|油管|氣管|輸油管|輸氣管|管")
_GENERIC = re.compile(r"管道|管線|油管|氣管|天然氣|石油|原油|輸油|輸氣|跨國|中國|中共|工程|一期|二期|線|[－—\-、]")


def _has_pipeline(plain: str, name: str) -> bool:
    """The pipeline's name, or a pipeline word (管道, 油管...) with the distinctive part of its name (中亞, 中哈)."""
    if _has_name(plain, name):
        return True
    parts = [p for p in _GENERIC.split(_plain(name)) if len(p) >= 2]
    return bool(_PIPE_WORD.search(plain)) and any(p in plain for p in parts)


def quote_supports(quote: str, table: str, r: dict, n: Names) -> tuple[set[str], dict[str, tuple[bool, bool]]]:
    """Fields of record ``r`` the quote prints, and the partial date evidence (year, month/day) it holds."""
    q = squeeze(quote)
    spaced = re.sub(r"\s+", " ", quote)
    plain = _plain(quote)
    found: set[str] = set()
    partial: dict[str, tuple[bool, bool]] = {}
    for column, _, how in FIELDS.get(table, []):
        value = r.get("year") if column == "date" else r.get("end_year") if column == "end_date" else r.get(column)
        if value in (None, [], ""):
            continue
        ok = False
        if how == "date":
            year, rest = _date_parts(spaced, r["year"], r.get("month"), r.get("day"))
            partial[column], ok = (year, rest), year and rest
        elif how == "end_date":
            year, rest = _end_parts(spaced, r)
            partial[column], ok = (year, rest), year and rest
        elif how == "name":
            ok = _has_name(plain, value)
        elif how == "agreement":
            ok = any(_has_name(plain, name) for name in n.agreements.get(value, []))  # an event names its instrument by any printed name
        elif how == "pipeline":
            ok = value in n.pipelines and _has_pipeline(plain, n.pipelines[value])
        elif how == "text":
            ok = contains_token(quote, value)  # as builder.checks reads a stated value: a whole figure
        elif how == "source":
            tokens = re.findall(r"[A-Za-z0-9.]+|[\u4e00-\u9fff]+", value)
            ok = bool(tokens) and all(t.lower().replace(".", "") in plain.lower() for t in tokens)
        elif how == "count":  # as builder.checks reads counts: the stated text as a whole figure, else the number in any numerals
            stated = r.get(f"{column}_stated")
            ok = contains_token(quote, stated) if stated else value in numbers_in(quote)
        elif how == "place":
            ok = _has_place(q, value, n)
        elif how == "actor":
            ok = value not in NOT_ACTORS and (_has_actor(q, value, n) or any(c in q for c in COLLECTIVE_FRAMEWORKS.get(value, ())))
        elif how == "actors":
            ok = all(_has_actor(q, a, n) for a in value) or _collective(q, value) or (
                column == "parties" and r.get("framework") not in (None, *NOT_ACTORS) and "成員國" in q)  # the framework's member states
            if not ok and any(_has_actor(q, a, n) for a in value):
                partial[column] = (True, False)
        if ok:
            found.add(column)
    return found, partial


# ---- the check -------------------------------------------------------------------------------------
@dataclass
class EvidenceRef:
    """One evidence row of a record: its index in the evidence table and the curator's overrides."""

    index: int
    quote: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    primary: bool = False
    order: int = 0  # position among the curated quotes: ties for primary go to the first
    file: str = ""
    line: int = 0


def attach(rows, tables: dict[str, list[dict]], refs: dict[tuple[str, str], list[EvidenceRef]],
           places: dict[str, list[str]], problems) -> list[Finding]:
    """Fill ``supports`` and ``primary`` on every evidence row; return the unsupported fields as findings."""
    n = names(tables, places)
    findings: list[Finding] = []
    evidence = tables["evidence"]
    for e in evidence:
        e["supports"], e["primary"] = [], False
    for row in rows:
        if row.table not in FIELDS:
            continue
        rid = row.data[TABLES[row.table].id_column]
        mine = sorted(refs.get((row.table, rid), []), key=lambda e: e.order)
        known = {c for c, _, _ in FIELDS[row.table]} | {raw for _, raw, _ in FIELDS[row.table]}
        to_column = {raw: c for c, raw, _ in FIELDS[row.table]}
        bad = False
        for e in mine:
            for name in e.add + e.remove:
                if name not in known:
                    problems.add(e.file, e.line, f"{row.table}[{rid}]", "evidence",
                                 f"supports: {name!r} is not a checked field of {row.table}; one of {', '.join(sorted(to_column))}")
                    bad = True
            e.add = tuple(to_column.get(x, x) for x in e.add)
            e.remove = tuple(to_column.get(x, x) for x in e.remove)
        if bad:
            continue
        if sum(e.primary for e in mine) > 1:
            e = [e for e in mine if e.primary][1]
            problems.add(e.file, e.line, f"{row.table}[{rid}]", "evidence", "only one quote of a record can be primary = true")
        derived = {"parties"} if row.data.get("parties_derived") else set()
        per_row, primary, found = check(row.table, row.data, mine, n, row.file, row.field_lines, row.line, derived)
        for index, fields in per_row.items():
            evidence[index]["supports"] = fields
        if primary is not None:
            evidence[primary]["primary"] = True
        findings += found
    return findings


def check(table: str, r: dict, rows: list[EvidenceRef], n: Names, file: str, field_lines: dict[str, int], line: int,
          derived: set[str] = frozenset()) -> tuple[dict[int, list[str]], int | None, list[Finding]]:
    """Supports of each evidence row, the primary row, and a finding for every unsupported field."""
    per_row: dict[int, set[str]] = {}
    partials: dict[int, dict] = {}
    for e in rows:
        found, partial = quote_supports(e.quote, table, r, n)
        per_row[e.index] = (found | set(e.add)) - set(e.remove)
        partials[e.index] = partial
    # a date (or the full set of actors) printed across two quotes: the year in one, the day in another
    for column, _, how in FIELDS.get(table, []):
        if any(column in s for s in per_row.values()):
            continue
        if how in ("date", "end_date"):
            years = [i for i, p in partials.items() if p.get(column, (False, False))[0]]
            rests = [i for i, p in partials.items() if p.get(column, (False, False))[1]]
            if years and rests:
                for i in {years[0], rests[0]}:
                    per_row[i].add(column)
        elif how == "actors":
            value = r.get(column) or []
            covered = {a for e in rows for a in value if _has_actor(squeeze(e.quote), a, n)}
            if value and covered == set(value):
                for e in rows:
                    if any(_has_actor(squeeze(e.quote), a, n) for a in value):
                        per_row[e.index].add(column)
    findings = []
    note = r.get("note") or ""
    rid = r[TABLES[table].id_column]
    for column, raw, _ in FIELDS.get(table, []):
        value = r.get("year") if column == "date" else r.get("end_year") if column == "end_date" else r.get(column)
        if value in (None, [], "") or column in derived or (table == "exercises" and column == "framework" and value in NOT_ACTORS):
            continue
        if any(column in s for s in per_row.values()):
            continue
        named = re.compile(rf"\b{re.escape(raw)}\b|\b{re.escape(column)}\b")
        if any(OUTSIDE.search(s) and named.search(s) for s in _SENTENCE.split(note)):
            continue  # a sentence of the note says this field comes from outside the papers
        missing = ""
        if isinstance(value, list):
            uncovered = sorted(a for a in value if not any(_has_actor(squeeze(e.quote), a, n) for e in rows))
            missing = f" ({', '.join(uncovered)} not named)" if uncovered else ""
        findings.append(Finding(CHECK, table, rid, raw, file, field_lines.get(raw, line),
                                f"no evidence quote of this record prints its {raw}{missing}"))
    chosen = [e.index for e in rows if e.primary]
    if chosen:
        primary = chosen[0]
    elif rows:
        primary = max(rows, key=lambda e: (len(per_row[e.index]), -e.order)).index
    else:
        primary = None
    return {i: sorted(s) for i, s in per_row.items()}, primary, findings
