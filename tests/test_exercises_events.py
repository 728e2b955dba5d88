"""Exercises: host against participants, observers; pipeline events: realised or expected."""

from __future__ import annotations

import pytest

import eurasia_data
from conftest import build_problems


@pytest.fixture(scope="module")
def exercises():
    return eurasia_data.load_exercises().set_index("exercise_id")


def test_host_is_a_participant_unless_the_list_is_incomplete(exercises):
    for rid, r in exercises.iterrows():
        missing = set(r.host) - set(r.participants)
        assert bool(missing) == bool(r.participants_incomplete), rid


def test_observers_are_named_and_never_participants(exercises):
    assert exercises.loc["peace-mission-2007", "observers"] == ["UZB"]
    assert "UZB" not in exercises.loc["peace-mission-2007", "participants"]
    for rid, r in exercises.iterrows():
        assert not set(r.observers) & set(r.participants), rid


def test_coalition_2003_keeps_the_paper_participants_and_its_territory(exercises):
    r = exercises.loc["coalition-2003"]
    assert r.participants == ["CHN", "KGZ"] and sorted(r.host) == ["CHN", "KAZ"] and r.participants_incomplete


def test_expected_pipeline_events():
    events = eurasia_data.load_pipeline_events()
    ev = eurasia_data.load_evidence()
    ev = ev[ev.table == "pipeline_events"]
    assert set(events.status) == {"realised", "expected"}
    expected = events[events.status == "expected"]
    assert {"lin-c4-pe-power-of-siberia-operating-expected-2018", "lin-c4-pe-myanmar-china-oil-operating-expected-2013"} <= set(expected.event_id)
    for rid in expected.event_id:
        assert any("預計" in q for q in ev[ev.record_id == rid].quote), rid
    # Anything the 2013 thesis alone dates after 2013 cannot have happened when it was written.
    only_thesis = events[events.source_ids.map(lambda s: list(s) == ["lin-sco-thesis"])]
    assert (only_thesis[only_thesis.year > 2013].status == "expected").all()
    assert (events.status == "realised").sum() > 30


def test_an_expected_exercise_is_marked_and_not_counted_in_dyad_years(exercises):
    expected = exercises[exercises.status == "expected"]
    assert list(expected.index) == ["kh-cn-ru-joint-exercise-2015"]
    assert set(exercises.status) == {"realised", "expected"}
    dy = eurasia_data.dyad_years(start=2015, end=2015)
    pair = dy[(dy.state1 == "RUS") & (dy.state2 == "CHN") | (dy.state1 == "CHN") & (dy.state2 == "RUS")]
    assert len(pair) == 1 and "kh-cn-ru-joint-exercise-2015" not in pair.exercise_ids.iloc[0]


def test_stalled_and_succeeded_are_their_own_events():
    events = eurasia_data.load_pipeline_events().set_index("event_id")
    assert events.loc["tri-lin-c4-pe-cn-ru-oil-stalled", "event"] == "stalled"
    members = eurasia_data.load_memberships().set_index("membership_id")
    assert members.loc["un-membership-rus-succession-ussr", "event"] == "succeeded"
    from eurasia_data.panels import EVENT_STATUS
    assert EVENT_STATUS["succeeded"] == "member"


# Peace Mission 2010's quotes from table 5-1 (caption, row, place): they print every field of a valid record.
EXERCISE = '''
[[exercise]]
id = "ex-{n}"
name_zh = "和平使命—2010"
date = "2010-09-09"
framework = "SCO"
{fields}
evidence = [{{ source = "lin-sco-thesis", quote = "表 5-1: 上合組織歷次軍事演習整理.", line = 1463 }},
            {{ source = "lin-sco-thesis", quote = "舉行時間：2010 日期：9/9~9/25	代號：和平使命—2010	參與國家：中共 俄羅斯" }},
            {{ source = "lin-sco-thesis", quote = "地點	哈薩克，馬特布拉克靶場。" }}]
'''


def errors(scratch, fields: str) -> list[str]:
    return [f"{p.field}: {p.message}" for p in build_problems(scratch, EXERCISE.format(n=0, fields=fields))]


@pytest.mark.parametrize("fields, message", [
    ('participants = ["CHN", "RUS"]\nhost = ["KAZ"]', "host ['KAZ'] not among participants"),
    ('participants = ["CHN", "RUS"]\nhost = ["RUS"]\nparticipants_incomplete = true\nnote = "x"', "every host is a participant"),
    ('participants = ["CHN", "RUS"]\nhost = ["KAZ"]\nparticipants_incomplete = true', "say in the note why"),
    ('participants = ["CHN", "RUS"]\nobservers = ["RUS"]', "both observe and take part"),
    ('participants = ["CHN", "RUS"]\nhost = ["SCO"]', "'SCO' is not a state"),
    ('participants = ["CHN", "RUS"]\ntroops = 5000', "is derived by the build from troops_stated"),
    ('participants = ["CHN", "RUS"]\ntroops_stated = "5000 餘位"', "'5000 餘位' does not appear in any evidence quote"),
])
def test_exercise_rules_are_build_errors(scratch, fields, message):
    found = errors(scratch, fields)
    assert any(message in e for e in found), found


def test_a_valid_exercise_builds(scratch):
    assert errors(scratch, 'participants = ["CHN", "RUS"]\nhost = ["KAZ"]\nparticipants_incomplete = true\nnote = "The table omits Kazakhstan."') == []
