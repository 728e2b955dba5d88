"""Typed records: one pydantic model per published table.

The models are the single definition of every table: the build validates curated input against them,
derives the Parquet schema and the JSON Schemas in ``schemas/`` from them, and users get them back from
:func:`eurasia_data.load_records`.

>>> from eurasia_data.models import Membership
>>> m = Membership(membership_id="cis-geo-left-2009", org_id="CIS", member_id="GEO", event="left",
...                year=2009, date_precision="year", source_ids=["wei-cis"])
>>> (m.year, m.month, m.date_precision)
(2009, None, 'year')
"""

from __future__ import annotations

import calendar
import datetime
import types
import typing
import unicodedata
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

# Unicode categories no published text may hold: controls (NUL, bell...), format characters (zero-width
# space, bidi overrides, soft hyphen), surrogates, private use, unassigned, and line/paragraph separators.
INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def clean_text(text: str, allow: str = "") -> str:
    """``text`` in NFC; ValueError when it holds an invisible character (other than those in ``allow``)."""
    text = unicodedata.normalize("NFC", text)
    for c in text:
        if unicodedata.category(c) in INVISIBLE and c not in allow:
            name = unicodedata.name(c, "a control character")
            raise ValueError(f"holds the invisible character U+{ord(c):04X} ({name}): remove it")
    return text


def _prose(text: str) -> str:
    return clean_text(text, allow="\n")


def _verbatim(text: str) -> str:
    return clean_text(text, allow="\n\t")


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)]
# States ISO alpha-3 (SUN for the USSR), organisations upper-case codes, persons surname_given.
ActorId = Annotated[str, StringConstraints(pattern=r"^(?:[A-Z][A-Z0-9_]{1,19}|[a-z]+(?:_[a-z]+)+)$")]
# Every text field: stripped, NFC, non-empty, nothing invisible. Notes may also break lines.
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), AfterValidator(clean_text)]
Note = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), AfterValidator(_prose)]
Verbatim = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True), AfterValidator(_verbatim)]  # a quote keeps the paper's tabs
# Counts (troops, ships, aircraft, characters, lines): whole numbers that fit Parquet's int64, and any real one.
MAX_COUNT = 10**12
FIRST_YEAR, LAST_YEAR = 1800, 2100  # the dates a record may carry

DatePrecision = Literal["year", "month", "day"]
FigureKind = Literal["realised", "target", "forecast"]
Reading = Literal["as_printed", "corrected", "assumed", "contradicted"]
Assessment = Literal["preferred", "alternative", "likely_error"]
Measure = Literal["level", "share", "growth_rate", "change", "cumulative", "contract_value", "capacity", "ratio", "rank"]
Qualifier = Literal["about", "nearly", "over", "at_least", "under", "at_most"]
Commodity = Literal["all", "oil", "oil_products", "gas", "lng", "arms", "drilling_equipment", "aid"]

# Definitions of allowed values, shown in the codebook (a test keeps each in step with its Literal).
KINDS = {
    "realised": "What happened: a statistic of the period, a deal concluded, a sum paid.",
    "target": "What a party has committed to or set as its goal: the volume or value of a signed or approved agreement, contract or deal still to be delivered, a pledge, a plan's goal (e.g. 2,000億美元 of trade by 2020).",
    "forecast": "What someone expects or estimates, with no party committed to it: a projection (預計, 估計, 預測, 可能, 或) of a future figure.",
}
MEASURES = {
    "level": "The amount of a stock at the date (reserves, a length, a count) or of a flow within the dated period (a year's GDP, trade, production). A unit ending /yr or /d is a rate the paper states per year or day (每年, 一天, 年輸送), e.g. a contracted annual volume over several years.",
    "share": "A part as a percentage of a whole that contains it (share of world GDP, of China's crude imports; import dependence; self-sufficiency).",
    "growth_rate": "Relative change in percent per year; over a date range, the average annual rate over that period.",
    "change": "Absolute change of a level, in the level's unit: a change of an annual flow is per year (再增加 250 億立方米 a year: m3/yr); over a date range, the average change per year (table 4-8's 年均 increase).",
    "cumulative": "A total summed over a multi-year period (throughput to date, volume over a contract's term, a programme's budget): never a rate, so never a /yr or /d unit.",
    "contract_value": "The money value of one agreement, contract, deal, loan, acquisition, investment, aid package or project taken as a whole, not an annual flow.",
    "capacity": "What a facility, field or company can produce or carry, as opposed to what it did.",
    "ratio": "One quantity divided by another that does not contain it: a multiple (倍), a reserves-to-production ratio in years, a percentage of another actor's figure, an interest rate.",
    "rank": "An ordinal position among those compared, 1 = the largest or first (第一大, 最大; 第二大經濟體: the second-largest economy; 第九大貿易夥伴: the ninth-largest trade partner; 第二名: second place): value holds the position, unit is rank, value_stated the ordinal as printed (in a pair 第一、第二大, each record states its own: 第一 and 第二大). A trade figure ranks the partner among the reporter's partners (for an import, among its sources; for an export, among its destinations); an indicator ranks the actor among the world's states unless the note says otherwise.",
}
QUALIFIERS = {
    "about": "Approximate either way: 約, 大約, 左右, 上下.",
    "nearly": "Just below the number: 近, 將近, 接近.",
    "over": "More than the number: 逾, 超過, 突破, 多, 餘 (800 餘: 800-odd).",
    "at_least": "The number or more: 以上, 至少.",
    "under": "Less than the number: 不到, 不足, 未滿.",
    "at_most": "The number or less: 以下, 最多, 至多.",
}
COMMODITIES = {
    "all": "All goods (total trade or purchases).",
    "oil": "Crude oil (原油, 石油 where the paper means crude).",
    "oil_products": "Refined oil products (石油產品).",
    "gas": "Natural gas by pipeline (天然氣).",
    "lng": "Liquefied natural gas (液化天然氣).",
    "arms": "Weapons and military equipment (軍售).",
    "drilling_equipment": "Oil and gas drilling rigs and their modernisation.",
    "aid": "Not trade: financial aid from donor (reporter) to recipient (partner).",
}
FRAMEWORKS = {
    "bilateral": "Two states, outside any organisation's framework.",
    "multilateral": "Three or more states, outside any organisation's framework.",
    "national": "One state's own forces only.",
    "SCO, CSTO, CIS, ... (an organisation's actor id)": "Held within that organisation's framework: the paper says so or lists it among the organisation's exercises.",
}
AGREEMENT_FRAMEWORKS = {
    "SCO, CIS, CSTO, EAEU, ... (an organisation's actor id)": "Signed within that organisation: at its summit or council, by its members as members, or as one of its instruments.",
}
PIPELINE_EVENT_STATUS = {
    "realised": "The milestone had happened when the paper was written.",
    "expected": "The paper gives it as planned, scheduled or expected (預計, 將於, 可望): a date in the future of the paper.",
}
EXERCISE_STATUS = {
    "realised": "The exercise had taken place when the paper was written.",
    "expected": "The paper speaks of it as still to come (將會, 預計): it may never have been held; panels do not count it.",
}


class Record(BaseModel):
    """Base of every table row: unknown fields are errors, values are checked on assignment too."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False, strict=True)


class Cited(Record):
    """A curated fact: where it comes from and what a user must know about it."""

    source_ids: list[Slug] = Field(min_length=1, description="Papers whose quotes support this record (see the evidence table).")
    note: Optional[Note] = Field(None, description="Curator's note: ambiguity, contradiction or misprint in the paper.")
    conflicts_with: list[Slug] = Field(default_factory=list, description="Ids of records in the same table that state the same fact differently.")
    assessment: Optional[Assessment] = Field(None, description="Verdict within a conflict set (records linked by conflicts_with): preferred (the row to count), alternative (a statement that may hold but is not preferred), likely_error (contradicted by the evidence); the reason is in note. Null outside conflict sets. One row per fact: keep rows whose assessment is null or preferred (eurasia_data.one_per_fact).")


class Dated(Cited):
    """A fact with a principal date known to year, month or day, and optionally an end date."""

    year: Optional[int] = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Year of the principal date.")
    month: Optional[int] = Field(None, ge=1, le=12, description="Month, only when the paper gives it.")
    day: Optional[int] = Field(None, ge=1, le=31, description="Day, only when the paper gives it.")
    date_precision: Optional[DatePrecision] = Field(None, description="How much of the date the paper gives: year, month or day.")
    end_year: Optional[int] = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Year of the end of a range.")
    end_month: Optional[int] = Field(None, ge=1, le=12, description="Month of the end of a range.")
    end_day: Optional[int] = Field(None, ge=1, le=31, description="Day of the end of a range.")
    date_min: Optional[datetime.date] = Field(None, description="Earliest day the principal date allows (2001 gives 2001-01-01, 2001-06 gives 2001-06-01); derived from year, month and day, null when undated. Stored as Arrow date32.")
    date_max: Optional[datetime.date] = Field(None, description="Latest day the principal date allows (2001 gives 2001-12-31, 2001-02 gives 2001-02-28); derived, null when undated.")
    end_date_min: Optional[datetime.date] = Field(None, description="Earliest day the end date allows; derived from end_year, end_month and end_day, null without an end date.")
    end_date_max: Optional[datetime.date] = Field(None, description="Latest day the end date allows; derived, null without an end date.")

    @model_validator(mode="before")
    @classmethod
    def _derive_intervals(cls, data):
        """The day intervals are a function of the partial dates, so they are always recomputed, never taken as given."""
        if isinstance(data, dict):
            data = dict(data)
            for prefix in ("", "end_"):
                parts = [data.get(f"{prefix}{k}") for k in ("year", "month", "day")]
                try:
                    low, high = date_interval(*parts)
                except (TypeError, ValueError):  # an impossible date: the field validators say what is wrong
                    low = high = None
                data[f"{prefix}date_min"], data[f"{prefix}date_max"] = low, high
        return data

    @model_validator(mode="after")
    def _dates_are_possible(self):
        _check_date(self.year, self.month, self.day, "")
        _check_date(self.end_year, self.end_month, self.end_day, "end_")
        expected = None if self.year is None else "day" if self.day else "month" if self.month else "year"
        if self.date_precision != expected:
            raise ValueError(f"date_precision must be {expected!r} for this date, not {self.date_precision!r}")
        if self.end_year is not None:
            if self.year is None:
                raise ValueError("an end date needs a start date")
            start = (self.year, self.month or 0, self.day or 0)
            end = (self.end_year, self.end_month or 99, self.end_day or 99)
            if end < start:
                raise ValueError("the end date is before the start date")
        return self


def date_interval(year: int | None, month: int | None = None, day: int | None = None) -> tuple[datetime.date | None, datetime.date | None]:
    """First and last day a partial date allows: (2001, None, None) gives 2001-01-01 to 2001-12-31.

    >>> date_interval(2000, 2)
    (datetime.date(2000, 2, 1), datetime.date(2000, 2, 29))
    >>> date_interval(None)
    (None, None)
    """
    if year is None:
        return None, None
    if month is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if day is None:
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day), datetime.date(year, month, day)


def _check_date(year, month, day, prefix):
    if day is not None and month is None:
        raise ValueError(f"{prefix}day is given without a {prefix}month")
    if month is not None and year is None:
        raise ValueError(f"{prefix}month is given without a {prefix}year")
    if day is not None and day > calendar.monthrange(year, month)[1]:
        raise ValueError(f"{year}-{month:02d} has no day {day}")


class Source(Record):
    source_id: Slug = Field(description="Short id of the paper, used by every evidence row.")
    title_zh: Text = Field(description="Title as printed (Traditional Chinese).")
    title_en: Optional[Text] = Field(None, description="English title as printed by the paper, where it has one.")
    authors: list[Text] = Field(min_length=1, description="Authors as printed, with romanisation where the paper gives it.")
    year: Optional[int] = Field(None, ge=1900, le=2100, description="Year of publication, only when the paper states it.")
    venue: Optional[Text] = Field(None, description="Journal or institution, only when the paper states it.")
    volume: Optional[Text] = Field(None, description="Journal volume (卷), only when the paper prints it.")
    issue: Optional[Text] = Field(None, description="Journal issue (期), only when the paper prints it.")
    pages: Optional[Text] = Field(None, description="Page range in the journal, e.g. \"25-37\", only when the paper prints it.")
    citation_note: Optional[Text] = Field(None, description="Where in the paper each bibliographic field was read, and which fields it does not print.")
    kind: Literal["journal_article", "thesis", "commentary"] = Field(description="Kind of publication.")
    language: Literal["zh-Hant", "zh-Hans", "en"] = Field(description="Language and script of the text (BCP 47).")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(description="sha256 of the text file's bytes: identifies the exact text quotes were checked against.")
    char_count: int = Field(gt=0, le=MAX_COUNT, json_schema_extra={"unit": "characters"}, description="Characters in the text file (Unicode code points).")
    file_name: Text = Field(description="Name of the text file the build was given.")


class Actor(Record):
    actor_id: ActorId = Field(description="ISO 3166-1 alpha-3 for states (SUN for the USSR), upper-case code for organisations, surname_given for persons.")
    kind: Literal["state", "territory", "organization", "initiative", "aggregate", "person"] = Field(description="What the actor is: a state, a territory with its own ISO code (HKG), an organisation, an initiative (BRI), an aggregate such as the world (WLD), or a person.")
    name_en: Text = Field(description="English short name (states: pycountry / CLDR).")
    name_zh_hant: Text = Field(description="Traditional Chinese name, Taiwan usage (states: CLDR zh_Hant).")
    name_zh_hans: Text = Field(description="Simplified Chinese name, mainland usage (states: CLDR zh_Hans; others: OpenCC t2s).")
    aliases: list[Text] = Field(default_factory=list, description="Other spellings found in the papers or in common use, in both scripts.")
    iso_alpha3: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]] = Field(None, description="ISO 3166-1 (or 3166-3 for former states) alpha-3 code of a state or territory.")
    cow_code: Optional[int] = Field(None, ge=1, le=999, description="Correlates of War state number (COW state system list), where one exists.")
    cow_abb: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]] = Field(None, description="Correlates of War state abbreviation (KZK, KYR, TAJ, GRG, MLD...), from the COW state system list.")
    gw_code: Optional[int] = Field(None, ge=1, le=999, description="Gleditsch-Ward state number (from country_converter's GWcode at build time).")
    m49_code: Optional[int] = Field(None, ge=1, le=999, description="UN M49 numeric code (from country_converter's UNcode at build time; ISO 3166 numeric for former states).")
    code_start_year: Optional[int] = Field(None, ge=1800, le=2100, description="First year this actor holds cow_code and gw_code; empty when it holds them in every year the papers cover. SUN holds 365 to 1991, RUS from 1992, so (cow_code, year) names one actor.")
    code_end_year: Optional[int] = Field(None, ge=1800, le=2100, description="Last year this actor holds cow_code and gw_code; empty when it still holds them.")
    abbreviation: Optional[Text] = Field(None, description="The organisation's usual abbreviation (SCO, CIS, CSTO...).")
    founded_year: Optional[int] = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Organisations: founding year, from the papers' membership records (event founded).")
    founded_month: Optional[int] = Field(None, ge=1, le=12, description="Founding month, where the papers give it.")
    founded_day: Optional[int] = Field(None, ge=1, le=31, description="Founding day, where the papers give it.")
    note: Optional[Note] = Field(None, description="Curator's note.")


AgreementType = Literal[
    "treaty", "agreement", "charter", "declaration", "joint_statement", "communique", "protocol",
    "memorandum", "contract", "convention", "statute", "other",
]


class Agreement(Dated):
    agreement_id: Slug = Field(description="Stable id of the instrument.")
    name_zh: Text = Field(description="Name as the paper writes it.")
    name_en: Text = Field(description="English name (usual English title).")
    aliases: list[Text] = Field(default_factory=list, description="Other names the papers print for it (上海協定, 杜尚別宣言), as printed.")
    type: AgreementType = Field(description="Kind of instrument.")
    parties: list[ActorId] = Field(default_factory=list, description="Signatories (actor ids): those the paper names, or for an SCO document that names none the SCO's members at its date (parties_derived).")
    parties_derived: bool = Field(False, description="True when the paper names no signatory and the build derived parties: an SCO document, adopted by consensus of all members (Charter art. 16), gets the states certainly SCO members at its earliest possible date, from the membership records that count.")
    place: Optional[Text] = Field(None, description="Place of signing (English), where the paper gives it.")
    framework: Optional[ActorId] = Field(None, json_schema_extra={"values": AGREEMENT_FRAMEWORKS}, description="Organisation within whose framework it was signed (e.g. SCO, CIS).")


AgreementEventKind = Literal[
    "acceded", "ratified", "entered_into_force", "extended", "amended", "suspended", "withdrawn",
    "terminated", "expired",
]


class AgreementEvent(Dated):
    event_id: Slug = Field(description="Stable id of the event.")
    agreement_id: Slug = Field(description="The agreement this event happened to.")
    event: AgreementEventKind = Field(description="What happened.")
    actors: list[ActorId] = Field(default_factory=list, description="Who acceded, ratified, withdrew... (actor ids), where stated.")


class Exercise(Dated):
    exercise_id: Slug = Field(description="Stable id of the exercise.")
    name_zh: Text = Field(description="Name as the paper writes it.")
    name_en: Optional[Text] = Field(None, description="English name.")
    series: Optional[Text] = Field(None, description="Exercise series, e.g. Peace Mission.")
    participants: list[ActorId] = Field(default_factory=list, description="States (or organisations) the paper names as taking part with forces or staff; never inferred.")
    observers: list[ActorId] = Field(default_factory=list, description="States the paper names as sending observers only (派遣觀察員), not forces; never also participants.")
    location: Optional[Text] = Field(None, description="Where it took place (English), as the paper says.")
    host: list[ActorId] = Field(default_factory=list, description="The state(s) on whose territory the exercise took place, per the paper's location; a subset of participants unless participants_incomplete.")
    participants_incomplete: bool = Field(False, description="True when the paper's participant list omits a state it places the exercise in (a host not among participants); the note says why.")
    framework: Annotated[str, StringConstraints(pattern=r"^(?:[A-Z][A-Z0-9_]{1,19}|bilateral|multilateral|national)$")] = Field(json_schema_extra={"values": FRAMEWORKS}, description="Organisation id, or bilateral / multilateral / national.")
    troops_stated: Optional[Text] = Field(None, description="Personnel exactly as the paper writes it (e.g. 近一萬人, 800 餘位).")
    troops: Optional[int] = Field(None, ge=0, le=MAX_COUNT, json_schema_extra={"unit": "persons"}, description="Personnel, parsed from troops_stated (the number as printed; see troops_qualifier).")
    troops_qualifier: Optional[Qualifier] = Field(None, json_schema_extra={"values": QUALIFIERS}, description="How troops approximates the real number, from troops_stated (近一萬人: nearly); empty when exact.")
    ships: Optional[int] = Field(None, ge=0, le=MAX_COUNT, json_schema_extra={"unit": "ships"}, description="Ships, when stated.")
    aircraft: Optional[int] = Field(None, ge=0, le=MAX_COUNT, json_schema_extra={"unit": "aircraft"}, description="Aircraft, when stated.")
    status: Literal["realised", "expected"] = Field("realised", json_schema_extra={"values": EXERCISE_STATUS}, description="Whether the exercise had taken place when the paper was written, or was only expected.")


class Pipeline(Cited):
    pipeline_id: Slug = Field(description="Stable id of the pipeline.")
    name_zh: Text = Field(description="Name as the paper writes it.")
    name_en: Text = Field(description="English name.")
    commodity: Literal["oil", "gas", "oil_products"] = Field(description="What it carries.")
    route: list[ActorId] = Field(default_factory=list, description="States it crosses, in order from origin to destination.")
    length_stated: Optional[Text] = Field(None, description="Length exactly as the paper writes it.")
    length_km: Optional[float] = Field(None, ge=0, json_schema_extra={"unit": "km"}, description="Length in kilometres, parsed from length_stated.")
    capacity_stated: Optional[Text] = Field(None, description="Capacity exactly as the paper writes it.")
    capacity: Optional[float] = Field(None, ge=0, json_schema_extra={"unit": "capacity_unit"}, description="Capacity normalised to capacity_unit.")
    capacity_unit: Optional[Literal["bcm/yr", "Mt/yr", "bbl/d", "bbl/yr", "m3/d"]] = Field(None, description="bcm per year for gas, million tonnes per year for oil; barrels where the paper gives barrels.")
    cost_stated: Optional[Text] = Field(None, description="Cost exactly as the paper writes it.")
    cost_usd: Optional[float] = Field(None, ge=0, json_schema_extra={"unit": "USD"}, description="Cost in US dollars, when the paper states it in dollars.")
    status: Optional[Literal["proposed", "planned", "under_construction", "operating", "suspended", "cancelled"]] = Field(None, description="Status as the paper describes it at its time of writing.")


class PipelineEvent(Dated):
    event_id: Slug = Field(description="Stable id of the milestone.")
    pipeline_id: Slug = Field(description="The pipeline this milestone belongs to.")
    event: Literal["proposed", "agreed", "construction_started", "completed", "operating", "expanded", "stalled", "suspended", "cancelled"] = Field(description="What happened: stalled (progress halted without a formal decision: 陷入了泥淖), suspended (halted by a decision), cancelled (abandoned); the others as named.")
    status: Literal["realised", "expected"] = Field("realised", json_schema_extra={"values": PIPELINE_EVENT_STATUS}, description="Whether the milestone had happened when the paper was written, or was only expected.")
    actors: list[ActorId] = Field(default_factory=list, description="Who agreed, built or operates, where stated.")


class Membership(Dated):
    membership_id: Slug = Field(description="Stable id of the membership event.")
    org_id: ActorId = Field(description="The organisation.")
    member_id: ActorId = Field(description="The state (or organisation) whose status changed.")
    event: Literal[
        "founded", "joined", "succeeded", "left", "observer", "dialogue_partner", "associate", "applied", "suspended", "guest",
        "candidate", "expressed_interest", "invited", "negotiations_opened",
    ] = Field(description=(
        "What changed: founded (a founding member), joined (accession), succeeded (took over a predecessor "
        "state's membership without a new admission: Russia the USSR's seat in the UN), left (exit), observer, dialogue_partner, "
        "associate, guest (non-member statuses), applied (a formal application for membership), suspended "
        "(membership suspended), candidate (an accepted candidacy), expressed_interest (a stated wish to join "
        "without an application), invited (invited to join, not yet a member: NATO's 1997 decision on Poland, "
        "Hungary and the Czech Republic), negotiations_opened (accession negotiations opened or, as the note says, "
        "reopened)."))


class _Figure(Dated):
    value_stated: Text = Field(description="The value exactly as the paper writes it (e.g. 4,000億美元).")
    unit_stated: Optional[Text] = Field(None, description="Unit printed in a table header when the cell holds only a number (e.g. 億美元).")
    unit_assumed: Optional[Text] = Field(None, description="Unit the curator assumed because the paper prints none (the note says why); empty when the unit is printed. Set exactly when reading is assumed.")
    unit_read: Optional[Text] = Field(None, description="Unit the curator reads the value in because the printed unit contradicts the paper's own figures (reading is corrected; the note gives the evidence).")
    reading: Reading = Field("as_printed", description="How value and unit were read: as_printed (the printed value and unit), corrected (the printed unit contradicts the paper's own shares, totals or other figures: read in unit_read), assumed (the paper prints no unit: read in unit_assumed), contradicted (the printed number contradicts the paper's own figures and the papers give no right one: value is empty, value_stated keeps the print, the note and a build check give the evidence).")
    period_stated: Optional[Text] = Field(None, description="The paper's words outside value_stated that make the figure a rate (每年, 一天, 年輸送); gives unit its /yr or /d.")
    qualifier_stated: Optional[Text] = Field(None, description="The paper's qualifier words outside value_stated (大約 in 一年大約輸送 150 萬噸); empty when value_stated holds them.")
    value: Optional[float] = Field(json_schema_extra={"unit": "unit"}, description="The stated value as a plain number in `unit` (the number as printed: see qualifier); empty only when reading is contradicted.")
    unit: Text = Field(description="Normalised unit: USD, CNY, RUB, t, bbl, m3, km, percent, times, persons, rank (an ordinal position, 1 = first), ...; a rate carries its period (t/yr, m3/yr, t/d, USD/yr).")
    qualifier: Optional[Qualifier] = Field(None, json_schema_extra={"values": QUALIFIERS}, description="How value approximates the real figure (約: about, 近: nearly, 逾 / 多 / 餘: over, 以上: at least), from value_stated or qualifier_stated; empty when exact.")
    measure: Measure = Field(json_schema_extra={"values": MEASURES}, description="What the figure measures; the build derives it from the indicator and unit unless the curator writes it.")
    kind: FigureKind = Field("realised", json_schema_extra={"values": KINDS}, description="realised, or a target / forecast rather than a realised figure.")
    data_source: Optional[Text] = Field(None, description="The data source the paper cites for the figure (e.g. SIPRI 2011).")

    @model_validator(mode="after")
    def _reading_matches_units(self):
        expected = "corrected" if self.unit_read else "assumed" if self.unit_assumed else "as_printed"
        if self.unit_read and self.unit_assumed:
            raise ValueError("a figure has unit_read (printed unit corrected) or unit_assumed (no unit printed), not both")
        if (self.value is None) != (self.reading == "contradicted"):
            raise ValueError("value is empty exactly when reading is contradicted")
        if self.reading != expected and not (self.reading == "contradicted" and expected == "as_printed"):
            raise ValueError(f"reading must be {expected!r} for these units, not {self.reading!r}")
        if self.reading != "as_printed" and not self.note:
            raise ValueError(f"a {self.reading} reading needs a note giving the reason")
        return self


class TradeFigure(_Figure):
    figure_id: Slug = Field(description="Stable id of the figure.")
    reporter_id: ActorId = Field(description="The state whose trade is measured.")
    partner_id: Optional[ActorId] = Field(None, description="Trade partner; empty for trade with the world.")
    flow: Literal["total", "export", "import"] = Field(description="Direction, from the reporter's side.")
    commodity: Commodity = Field(json_schema_extra={"values": COMMODITIES}, description="What is traded (or given).")


class Indicator(_Figure):
    indicator_id: Slug = Field(description="Stable id of the figure.")
    actor_id: ActorId = Field(description="The state (or group) measured.")
    indicator: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")] = Field(description="What is measured: gdp, military_expenditure, oil_reserves, ...")


def field_kind(annotation) -> tuple[type, bool, tuple]:
    """(scalar type, is it a list, allowed values) of a field's annotation: what Parquet, pandas and the
    codebook need to know about a column."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return field_kind(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return field_kind(inner)
    if origin is list:
        scalar, _, allowed = field_kind(typing.get_args(annotation)[0])
        return scalar, True, allowed
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        return type(values[0]), False, values
    return annotation, False, ()


def columns(model: type[BaseModel]) -> list[str]:
    """Published column order: the table's own fields first, then inherited ones (dates, notes, sources)."""
    ordered = []
    for cls in model.__mro__:
        for name in getattr(cls, "__annotations__", {}):
            if name in model.model_fields and name not in ordered:
                ordered.append(name)
    return ordered


class Evidence(Record):
    table: Literal["agreements", "agreement_events", "exercises", "pipelines", "pipeline_events", "memberships", "trade_figures", "indicators"] = Field(description="Table of the supported record.")
    record_id: Slug = Field(description="Id of the supported record in that table.")
    source_id: Slug = Field(description="Paper the quote comes from.")
    quote: Verbatim = Field(description="The paper's own words, verbatim (line breaks removed).")
    line: int = Field(ge=1, le=MAX_COUNT, description="1-based line of the source text file where the quote starts.")
    section: Text = Field(description="Heading path where the quote stands, as the paper prints it: 第四章 > 第一節 > 參、中亞能源通道之建構, 表 4-7, 註 39, 摘要.")
    page_start: Optional[int] = Field(None, ge=1, le=MAX_COUNT, description="First page the quote can be on, from the paper's printed table of contents (the thesis); null where the paper gives no pages.")
    page_end: Optional[int] = Field(None, ge=1, le=MAX_COUNT, description="Last page the quote can be on (the page of the next heading the table of contents lists); null when unknown.")
    prefix: str = Field(description="A few characters just before the quote in the paper (W3C Web Annotation TextQuoteSelector prefix).")
    suffix: str = Field(description="A few characters just after the quote in the paper (TextQuoteSelector suffix).")
    supports: list[str] = Field(default_factory=list, description="Fields of the record this quote prints (date = year/month/day; actor columns by name or alias), computed by the build or added by the curator.")
    primary: bool = Field(False, description="The one quote per record a citation table shows: the curator's choice, else the quote supporting the most fields (ties: the first curated).")
