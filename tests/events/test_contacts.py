"""Events to contacts (METHODS.md §10): hand-computed cases, properties, errors."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.events.strategies import (
    DAY0,
    SPAN,
    STATES,
    event_tables,
    reference_contacts,
)

import middlepower as mp
from middlepower.events import (
    EmptySequenceError,
    contact_rows,
    contacts,
    load_channel_map,
)


def table(rows: list[tuple], *, ids=None) -> pd.DataFrame:
    """Rows (date, source, target, code, mode, level[, dataset]) -> canonical table."""
    out = []
    for i, r in enumerate(rows):
        day, src, tgt, code, mode, level, *rest = r
        out.append(
            {
                "event_id": ids[i] if ids is not None else i + 1,
                "date": pd.Timestamp(day),
                "source": src,
                "target": tgt,
                "code": code,
                "mode": mode,
                "intensity": 1.0,
                "level": level,
                "dataset": rest[0] if rest else "ICEWS",
                "mentions": 1,
            }
        )
    frame = pd.DataFrame(out)
    frame["mode"] = frame["mode"].astype(object)
    return frame


# -- hand-computed -------------------------------------------------------------
KOREA = table(
    [
        # id 1: KOR's leader phones the US: a call for both sides
        ("2025-06-06", "KOR", "USA", "041", None, "leader"),
        # id 2: the US report of the same call (reverse direction): same contact
        ("2025-06-06", "USA", "KOR", "041", None, "leader"),
        # id 3: KOR makes a visit to JPN: KOR visits, JPN hosts (meeting)
        ("2025-06-09", "KOR", "JPN", "042", None, "leader"),
        # id 4: JPN hosts KOR: from KOR a visit again (same contact as id 3)
        ("2025-06-09", "JPN", "KOR", "043", None, "government"),
        # id 5: generic consult (040): not a contact
        ("2025-06-10", "KOR", "CHN", "040", None, "leader"),
        # id 6: PLOVER phone call with China
        ("2025-06-10", "CHN", "KOR", "CONSULT", "phone", "leader"),
        # id 7: a ministers' meeting: below leader level
        ("2025-06-10", "KOR", "VNM", "046", None, "government"),
        # id 8: outside the period
        ("2025-07-02", "KOR", "AUS", "041", None, "leader"),
        # id 9: CHN hosts a KOR visit mode in PLOVER (KOR actor = visitor)
        ("2025-06-12", "KOR", "CHN", "CONSULT", "visit", "leader"),
        # id 10: same day as id 9 with a smaller id... but later in the table
    ],
    ids=[11, 12, 3, 14, 5, 6, 7, 8, 19],
)


def test_contact_rows_hand_computed():
    rows = contact_rows(KOREA, focal="KOR", start="2025-06-01", end="2025-06-30")
    got = rows[["partner", "channel", "event_id", "n_reports", "level"]].values.tolist()
    assert got == [
        ["USA", "call", 11, 2, "leader"],  # ids 11, 12
        ["JPN", "visit", 3, 1, "leader"],  # id 14 is government level: filtered
        ["CHN", "call", 6, 1, "leader"],
        ["CHN", "visit", 19, 1, "leader"],
    ]
    assert rows["date"].dt.date.tolist() == [
        dt.date(2025, 6, 6),
        dt.date(2025, 6, 9),
        dt.date(2025, 6, 10),
        dt.date(2025, 6, 12),
    ]


def test_contact_rows_every_level_merges_reports_and_keeps_highest_level():
    rows = contact_rows(
        KOREA, focal="KOR", start="2025-06-01", end="2025-06-30", level=None
    )
    by = {(r.partner, r.channel): r for r in rows.itertuples()}
    jpn = by[("JPN", "visit")]
    assert (jpn.event_id, jpn.n_reports, jpn.level) == (3, 2, "leader")
    vnm = by[("VNM", "meeting")]
    assert (vnm.event_id, vnm.level) == (7, "government")
    assert len(rows) == 5


def test_contact_rows_seen_from_every_focal_state():
    rows = contact_rows(KOREA, level=None)
    # id 3 / 14: KOR visits JPN, JPN hosts: a meeting seen from JPN
    jpn = rows[(rows.focal == "JPN")]
    assert jpn[["partner", "channel", "event_id", "n_reports"]].values.tolist() == [
        ["KOR", "meeting", 3, 2]
    ]
    # sorted by focal state, then date
    assert rows.focal.tolist() == sorted(rows.focal.tolist())


def test_outgoing_keeps_only_events_with_the_focal_state_as_source():
    rows = contact_rows(KOREA, focal="KOR", direction="outgoing", level=None)
    assert rows[["partner", "channel", "event_id", "n_reports"]].values.tolist() == [
        ["USA", "call", 11, 1],
        ["JPN", "visit", 3, 1],
        ["VNM", "meeting", 7, 1],
        ["CHN", "visit", 19, 1],
        ["AUS", "call", 8, 1],
    ]


def test_dedupe_none_counts_every_report():
    rows = contact_rows(KOREA, focal="KOR", dedupe=None, end="2025-06-09")
    assert rows[["partner", "event_id"]].values.tolist() == [
        ["USA", 11],
        ["USA", 12],
        ["JPN", 3],
    ]


def test_same_day_contacts_follow_the_smallest_event_id():
    # three contacts on one day, listed in the table out of id order; the
    # USA contact has two reports (ids 9 and 2): its smallest id 2 comes first
    ev = table(
        [
            ("2025-06-06", "KOR", "CHN", "041", None, "leader"),
            ("2025-06-06", "KOR", "USA", "041", None, "leader"),
            ("2025-06-06", "KOR", "JPN", "041", None, "leader"),
            ("2025-06-06", "USA", "KOR", "041", None, "leader"),
        ],
        ids=[5, 9, 7, 2],
    )
    seq = contacts(ev, "KOR", "2025-06-01", "2025-06-30")
    assert seq.partners == ("USA", "CHN", "JPN")


def test_contacts_is_a_sequence_every_measure_takes():
    sc = mp.load_scenario("korea-2025")
    g = mp.RelationGraph.from_scenario(sc)
    ev = table(
        [
            ("2025-06-06", "KOR", "USA", "041", None, "leader"),
            ("2025-06-09", "JPN", "KOR", "041", None, "leader"),
            ("2025-06-10", "CHN", "KOR", "041", None, "leader"),
        ]
    )
    seq = contacts(ev, "KOR", "2025-06-04", "2025-06-30")
    assert seq.start == dt.date(2025, 6, 4)
    assert seq.partners == ("USA", "JPN", "CHN")
    assert all(c.level == "leader" for c in seq.contacts)
    # METHODS.md §7: E = 4/11, tilt = 7/11 (calls on 6, 9, 10 June)
    assert mp.equidistance(g, seq, sc.poles) == pytest.approx(4 / 11, abs=1e-12)
    assert mp.tilt(g, seq, sc.poles) == pytest.approx(7 / 11, abs=1e-12)
    report = mp.assess(g, seq, sc.poles)
    assert report.equidistance == pytest.approx(4 / 11, abs=1e-12)
    orders = mp.orderings(g, seq, sc.poles)
    assert len(orders) == 6 and orders.scores["equidistance"].min() >= 0
    sens = mp.sensitivity(g, seq, sc.poles, draws=200, seed=1)
    assert len(sens) == 200
    # the same numbers as the scenario's own hand-written sequence
    assert mp.proportionality(g, seq) == pytest.approx(
        mp.proportionality(g, sc.sequence().replace(start=seq.start)), abs=1e-12
    )


def test_evidence_names_data_sets_and_event_ids():
    ev = table(
        [
            ("2025-06-06", "KOR", "USA", "041", None, "leader", "ICEWS"),
            ("2025-06-06", "USA", "KOR", "041", None, "leader", "GDELT"),
            ("2025-06-06", "KOR", "USA", "041", None, "leader", "ICEWS"),
        ],
        ids=[30, 20, 10],
    )
    seq = contacts(ev, "KOR", "2025-06-01", "2025-06-30")
    (c,) = seq.contacts
    assert [(e.source, e.locator) for e in c.evidence] == [
        ("GDELT", "event ids 20"),
        ("ICEWS", "event ids 10, 30"),
    ]
    assert "GDELT, ICEWS" in (seq.label or "")


def test_custom_mapping_counts_040_and_can_be_a_file(tmp_path):
    rules = load_channel_map()
    extra = pd.concat(
        [
            rules,
            pd.DataFrame(
                [["040", "", "either", "meeting", "CAMEO", "Consult"]],
                columns=rules.columns,
            ),
        ]
    )
    rows = contact_rows(KOREA, focal="KOR", mapping=extra, end="2025-06-10")
    assert ("CHN", "meeting", 5) in {
        (r.partner, r.channel, r.event_id) for r in rows.itertuples()
    }
    path = tmp_path / "map.csv"
    extra.to_csv(path, index=False)
    again = contact_rows(KOREA, focal="KOR", mapping=path, end="2025-06-10")
    pd.testing.assert_frame_equal(rows, again)


@pytest.mark.parametrize("kind", ["arrow", "categorical", "date32", "string-ids"])
def test_backends_and_dtypes_give_the_same_contacts(kind):
    base = contact_rows(KOREA, level=None)
    ev = KOREA.copy()
    if kind == "arrow":
        ev = ev.convert_dtypes(dtype_backend="pyarrow")
    elif kind == "categorical":
        for col in ("source", "target", "code", "level", "dataset"):
            ev[col] = ev[col].astype("category")
    elif kind == "date32":
        ev["date"] = pd.Series(
            ev["date"].dt.date.tolist(), dtype=pd.ArrowDtype(pa.date32())
        )
    elif kind == "string-ids":
        ev["event_id"] = ev["event_id"].map(lambda v: f"id{v:03d}")
    got = contact_rows(ev, level=None)
    if kind == "string-ids":
        assert got["event_id"].tolist() == [f"id{v:03d}" for v in base["event_id"]]
        got = got.drop(columns="event_id")
        base = base.drop(columns="event_id")
    else:
        got["event_id"] = got["event_id"].astype("int64")
    pd.testing.assert_frame_equal(got, base)


# -- properties ----------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(
    events=event_tables(),
    focal=st.sampled_from(("KOR", "KOR", "USA", *STATES)),
    lo=st.integers(-3, SPAN // 2),
    width=st.integers(0, SPAN + 3),
    level=st.sampled_from((None, "leader", ("leader", "government"), "other")),
    direction=st.sampled_from(("both", "outgoing")),
    dedupe=st.sampled_from(("day", None)),
)
def test_contacts_equal_a_row_by_row_reference(
    events, focal, lo, width, level, direction, dedupe
):
    start = DAY0 + dt.timedelta(days=lo)
    end = start + dt.timedelta(days=width)
    expected = reference_contacts(
        events, focal, start, end, level=level, direction=direction, dedupe=dedupe
    )
    kw = {"level": level, "direction": direction, "dedupe": dedupe}
    if not expected:
        with pytest.raises(EmptySequenceError, match=focal):
            contacts(events, focal, start, end, **kw)
        return
    seq = contacts(events, focal, start, end, **kw)
    assert seq.start == start and seq.focal == focal
    got = [(c.partner, c.on, c.channel.value, c.level) for c in seq.contacts]
    assert got == [(e["partner"], e["day"], e["channel"], e["level"]) for e in expected]
    for c, e in zip(seq.contacts, expected, strict=True):
        ids = sorted(
            (ev.source, x) for ev in c.evidence for x in ev.locator[10:].split(", ")
        )
        assert ids == sorted((d, str(i)) for d, i in e["ids"])
    rows = contact_rows(events, focal=focal, start=start, end=end, **kw)
    assert rows["n_reports"].tolist() == [len(e["ids"]) for e in expected]
    assert [str(v) for v in rows["event_id"]] == [str(e["min_id"]) for e in expected]


@settings(max_examples=30, deadline=None)
@given(events=event_tables())
def test_every_contact_is_seen_from_both_sides(events):
    rows = contact_rows(events, level=None, dedupe=None)
    mirrored = {(r.partner, r.focal, r.date, r.event_id) for r in rows.itertuples()}
    for r in rows.itertuples():
        # an event between two states is a contact of each side when the code
        # maps for both roles (every bundled rule does)
        assert (r.focal, r.partner, r.date, r.event_id) in mirrored


# -- errors ----------------------------------------------------------------------
def test_missing_columns_are_named():
    with pytest.raises(mp.DataFormatError, match="missing columns: 'mode', 'level'"):
        contacts(
            KOREA.drop(columns=["mode", "level"]), "KOR", "2025-06-01", "2025-06-30"
        )


def test_wrong_dtypes_are_named():
    ev = KOREA.copy()
    ev["code"] = 42
    with pytest.raises(mp.DataFormatError, match="column 'code' must hold strings"):
        contact_rows(ev)
    ev = KOREA.copy()
    ev["date"] = 20250606
    with pytest.raises(mp.DataFormatError, match="column 'date' must hold days"):
        contact_rows(ev)
    ev = KOREA.copy()
    ev["event_id"] = 1.5
    with pytest.raises(mp.DataFormatError, match="'event_id' must hold integers"):
        contact_rows(ev)
    with pytest.raises(TypeError, match="must be a pandas or Dask DataFrame"):
        contact_rows([1, 2, 3])


def test_bad_values_in_contact_rows_are_named():
    ev = KOREA.copy()
    ev.loc[0, "level"] = "president"
    with pytest.raises(mp.DataFormatError, match="'president'"):
        contact_rows(ev)
    ev = KOREA.copy()
    ev.loc[0, "date"] = pd.NaT
    with pytest.raises(mp.DataFormatError, match="missing days"):
        contact_rows(ev, level=None)
    # a bad level on a row that is not a contact does not matter
    ev = KOREA.copy()
    ev.loc[4, "level"] = "president"  # the 040 row
    assert len(contact_rows(ev)) > 0


def test_no_contact_names_focal_state_and_period():
    with pytest.raises(
        EmptySequenceError, match=r"'KOR' from 2025-08-01 to 2025-08-31"
    ):
        contacts(KOREA, "KOR", "2025-08-01", "2025-08-31")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": "president"}, "Unknown level"),
        ({"level": []}, "Unknown level"),
        ({"direction": "incoming"}, "Unknown direction"),
        ({"dedupe": "week"}, "Unknown dedupe"),
        ({"mapping": 3}, "mapping must be a CSV path"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(mp.InvalidParameterError, match=message):
        contacts(KOREA, "KOR", "2025-06-01", "2025-06-30", **kwargs)


def test_bad_periods():
    with pytest.raises(mp.InvalidParameterError, match=r"ends .* before it starts"):
        contacts(KOREA, "KOR", "2025-06-30", "2025-06-01")
    with pytest.raises(mp.InvalidParameterError, match="is not an ISO date"):
        contacts(KOREA, "KOR", "June 2025", "2025-06-30")
    with pytest.raises(mp.InvalidArgumentTypeError, match="one state code"):
        contacts(KOREA, ["KOR"], "2025-06-01", "2025-06-30")


def test_contact_rows_on_an_empty_table():
    rows = contact_rows(KOREA.iloc[:0])
    assert rows.empty and list(rows.columns) == [
        "focal",
        "partner",
        "date",
        "channel",
        "level",
        "event_id",
        "n_reports",
    ]
    assert np.issubdtype(rows["date"].dtype, np.datetime64)


@settings(max_examples=40, deadline=None)
@given(
    events=event_tables(),
    dedupe=st.sampled_from(("day", None)),
    direction=st.sampled_from(("both", "outgoing")),
)
def test_keys_too_wide_to_pack_take_lexsort_and_agree(events, dedupe, direction):
    """Keys wider than int64 (e.g. GDELT-size ids with many states) fall back to
    numpy.lexsort: forced here, the contacts must not change."""
    import middlepower.events._contacts as module

    kw = {"level": None, "dedupe": dedupe, "direction": direction}
    packed = contact_rows(events, **kw)
    saved = module._KEY_BITS
    module._KEY_BITS = 4  # nothing fits: every sort takes the lexsort path
    try:
        wide = contact_rows(events, **kw)
    finally:
        module._KEY_BITS = saved
    pd.testing.assert_frame_equal(wide, packed)


@settings(max_examples=40, deadline=None)
@given(events=event_tables())
def test_panel_dedupe_from_one_key_equals_the_general_path(events):
    """Without details (a panel), the contacts come from one sorted value key
    (no row order); they must equal the general path's, field by field."""
    from middlepower.events._channels import ChannelLookup
    from middlepower.events._contacts import dedupe_views, event_views

    views = event_views(events, level=None, lookup=ChannelLookup.from_mapping())
    fast = dedupe_views(views, "day", details=False)
    general = dedupe_views(views, "day", details=False, members=True)
    for field in ("focal", "partner", "day", "channel", "n_reports"):
        np.testing.assert_array_equal(getattr(fast, field), getattr(general, field))
    assert fast.member is None and general.member is not None
