"""Balance panels (METHODS.md §10): hand-computed rows, equality with the scalar
measures on random event tables, alignment sources, policies and errors."""

from __future__ import annotations

import datetime as dt
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.events.strategies import (
    DAY0,
    RULES,
    SPAN,
    UNALIGNED,
    World,
    reference_contacts,
    worlds,
)
from tests.events.test_contacts import table

import middlepower as mp
from middlepower.events import UnalignedStateError, _alignment, balance_panel, contacts
from middlepower.exceptions import MiddlePowerWarning, PolesNotReachedWarning

# rows scored on assumed alignments warn once per panel (the warning is tested
# in test_untied_rows_warn_once_and_strict_raises); elsewhere the numbers count
pytestmark = pytest.mark.filterwarnings(
    "ignore::middlepower.exceptions.UnalignedPartnerWarning"
)


KOREA = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
POLES = ("USA", "CHN")

EVENTS = table(
    [
        ("2025-06-06", "KOR", "USA", "041", None, "leader"),  # 1
        ("2025-06-09", "JPN", "KOR", "041", None, "leader"),  # 2
        ("2025-06-10", "CHN", "KOR", "041", None, "leader"),  # 3
        ("2025-06-10", "KOR", "CHN", "041", None, "leader"),  # 4: report of 3
        ("2025-07-02", "KOR", "CHN", "042", None, "leader"),  # 5: KOR visits CHN
        ("2025-07-03", "USA", "KOR", "041", None, "leader"),  # 6
        ("2025-07-03", "KOR", "PRK", "041", None, "leader"),  # 7: PRK not in graph
    ]
)


# -- hand-computed -------------------------------------------------------------
def test_hand_computed_monthly_panel():
    panel = balance_panel(EVENTS, KOREA, POLES, unaligned="drop")
    # poles are never focal states: rows for JPN (June), KOR (June, July) and
    # PRK (July): a focal state needs no alignment, only its partners do
    assert panel[
        ["focal", "n_contacts", "n_partners", "n_reports"]
    ].values.tolist() == [
        ["JPN", 1, 1, 1],
        ["KOR", 3, 3, 4],
        ["KOR", 2, 2, 2],
        ["PRK", 1, 1, 1],
    ]
    assert panel["period"].dt.date.tolist() == [
        dt.date(2025, 6, 1),
        dt.date(2025, 6, 1),
        dt.date(2025, 7, 1),
        dt.date(2025, 7, 1),
    ]
    assert panel["period_end"].dt.date.tolist()[2] == dt.date(2025, 7, 31)
    assert panel["n_unaligned"].tolist() == [0, 0, 1, 0]  # KOR-PRK in July
    assert panel.iloc[3].pi_USA == pytest.approx(2 / 3, abs=1e-12)  # a_KOR
    jpn, june, july = (panel.iloc[i] for i in range(3))
    # JPN's one call to KOR: pi = a_KOR = (2/3, 1/3) -> E = 2/3, tilt = 1/3
    assert jpn.pi_USA == pytest.approx(2 / 3, abs=1e-12)
    assert jpn.E == pytest.approx(2 / 3, abs=1e-12)
    # METHODS.md §7: w = (6, 3, 2)/11 on USA, JPN, CHN -> pi = (9/11, 2/11)
    assert june.pi_USA == pytest.approx(9 / 11, abs=1e-12)
    assert june.E == pytest.approx(4 / 11, abs=1e-12)
    assert june.tilt == pytest.approx(7 / 11, abs=1e-12)
    # July: visit to CHN (r=1, mu=2) then call with USA (r=1/2, mu=1):
    # w = (2, 0.5)/2.5 = (0.8, 0.2) -> pi = (0.2, 0.8), tilt -0.6, E 0.4
    assert july.pi_CHN == pytest.approx(0.8, abs=1e-12)
    assert july.tilt == pytest.approx(-0.6, abs=1e-12)
    assert july.E == pytest.approx(0.4, abs=1e-12)
    assert list(panel.columns) == [
        "focal",
        "period",
        "period_end",
        "n_contacts",
        "n_partners",
        "n_reports",
        "n_unaligned",
        "n_untied",
        "E",
        "tilt",
        "pi_USA",
        "pi_CHN",
    ]
    assert panel["n_untied"].tolist() == [0, 0, 0, 0]  # KOR is tied to both poles


def test_n_untied_counts_contacts_whose_alignment_is_assumed():
    """The editorial graph ties CZE and VNM to neither pole. August: KOR calls
    CZE, then VNM twice (two days) -> 3 contacts, all untied: E = 1, tilt = 0 by
    construction, which n_untied == n_contacts flags. September: USA, then CZE
    (harmonic w = 2/3, 1/3): pi = (2/3 + 1/6, 1/6) -> tilt 2/3, n_untied 1."""
    events = table(
        [
            ("2025-08-04", "KOR", "CZE", "041", None, "leader"),
            ("2025-08-05", "KOR", "VNM", "041", None, "leader"),
            ("2025-08-06", "VNM", "KOR", "041", None, "leader"),
            ("2025-09-01", "KOR", "USA", "041", None, "leader"),
            ("2025-09-02", "CZE", "KOR", "041", None, "leader"),
        ]
    )
    panel = balance_panel(events, KOREA, POLES, focal="KOR")
    assert panel[["n_contacts", "n_untied"]].values.tolist() == [[3, 3], [2, 1]]
    aug, sep = panel.iloc[0], panel.iloc[1]
    assert aug.E == pytest.approx(1, abs=1e-12) and aug.tilt == pytest.approx(0)
    assert sep.tilt == pytest.approx(2 / 3, abs=1e-12)
    # the scalar measures on the same contacts say it with a warning
    seq = contacts(events, "KOR", "2025-08-01", "2025-08-31")
    with pytest.warns(PolesNotReachedWarning, match=r"\(CZE, VNM\)"):
        assert mp.equidistance(KOREA, seq, POLES) == pytest.approx(aug.E, abs=1e-12)
    # a custom kappa can leave a tied partner untied: JPN's only tie to a pole
    # is the alliance with the US
    jpn = table([("2025-08-04", "KOR", "JPN", "041", None, "leader")])
    kinds = {"partnership": 1.0}
    by_kappa = balance_panel(jpn, KOREA, POLES, focal="KOR", kinds=kinds)
    assert balance_panel(jpn, KOREA, POLES, focal="KOR").n_untied.tolist() == [0]
    assert by_kappa.n_untied.tolist() == [1]


def test_untied_rows_warn_once_and_strict_raises():
    """Same events: August is all untied (CZE, VNM), September partly (CZE):
    one warning for the call, counting the rows; strict=True raises."""
    events = table(
        [
            ("2025-08-04", "KOR", "CZE", "041", None, "leader"),
            ("2025-08-05", "KOR", "VNM", "041", None, "leader"),
            ("2025-09-01", "KOR", "USA", "041", None, "leader"),
            ("2025-09-02", "CZE", "KOR", "041", None, "leader"),
        ]
    )
    with pytest.warns(mp.UnalignedPartnerWarning) as caught:
        panel = balance_panel(events, KOREA, POLES, focal="KOR")
    (w,) = [c.message for c in caught]
    assert type(w) is mp.UnalignedPartnerWarning and w.states == ("KOR",)
    assert str(w).startswith(
        "In 1 of 2 rows every contact is with a partner that has no alignment tie "
        "to USA or CHN, so E = 1 and tilt = 0 there by construction; 1 more rows "
        "have some such contacts (column n_untied"
    )
    assert panel.n_untied.tolist() == [2, 1]
    with pytest.raises(mp.UnalignedPartnerError, match="In 1 of 2 rows"):
        balance_panel(events, KOREA, POLES, focal="KOR", strict=True)
    # every row untied: the stronger warning
    august = events.iloc[:2]
    with pytest.warns(PolesNotReachedWarning, match="In 1 of 1 rows"):
        balance_panel(august, KOREA, POLES, focal="KOR")
    with pytest.raises(mp.PolesNotReachedError):
        balance_panel(august, KOREA, POLES, focal="KOR", strict=True)
    # only some contacts untied, in every row that has any
    sept = events.iloc[2:]
    with pytest.warns(mp.UnalignedPartnerWarning) as caught:
        balance_panel(sept, KOREA, POLES, focal="KOR")
    assert str(caught[0].message).startswith(
        "In 1 of 1 rows some contacts are with partners that have no alignment "
        "tie to USA or CHN, so their alignment is the assumed 1/2 each"
    )
    # every partner tied: silent
    with warnings.catch_warnings():
        warnings.simplefilter("error", MiddlePowerWarning)
        quiet = balance_panel(events.iloc[2:3], KOREA, POLES, focal="KOR")
    assert quiet.n_untied.tolist() == [0]
    with pytest.raises(mp.InvalidArgumentTypeError, match="strict"):
        balance_panel(events, KOREA, POLES, strict="yes")


def test_half_life_counts_days_from_the_period_start():
    sal = mp.Salience("half-life", half_life_days=7.0)
    panel = balance_panel(
        EVENTS, KOREA, POLES, salience=sal, focal="KOR", unaligned="drop"
    )
    june = panel.iloc[0]
    # days since 1 June: 5 (USA), 8 (JPN), 9 (CHN); all calls (mu = 1)
    r = 2.0 ** (-np.array([5, 8, 9]) / 7.0)
    pi_usa = (r[0] + r[1]) / r.sum()  # USA and JPN are aligned (1, 0)
    assert june.pi_USA == pytest.approx(pi_usa, abs=1e-12)
    assert june.E == pytest.approx(1 - abs(2 * pi_usa - 1), abs=1e-12)


def test_quarterly_and_weekly_periods():
    q = balance_panel(EVENTS, KOREA, POLES, freq="QS", focal="KOR", unaligned="drop")
    assert q["period"].dt.date.tolist() == [dt.date(2025, 4, 1), dt.date(2025, 7, 1)]
    assert q["period_end"].dt.date.tolist() == [
        dt.date(2025, 6, 30),
        dt.date(2025, 9, 30),
    ]
    w = balance_panel(EVENTS, KOREA, POLES, freq="W-MON", focal="KOR", unaligned="drop")
    # 6 June 2025 is a Friday: week of Monday 2 June; 9-10 June: week of 9 June
    assert w["period"].dt.date.tolist() == [
        dt.date(2025, 6, 2),
        dt.date(2025, 6, 9),
        dt.date(2025, 6, 30),
    ]
    assert w["n_contacts"].tolist() == [1, 2, 2]


def test_min_contacts_and_three_poles():
    panel = balance_panel(EVENTS, KOREA, POLES, min_contacts=3, unaligned="drop")
    assert panel[["focal", "n_contacts"]].values.tolist() == [["KOR", 3]]
    three = balance_panel(
        EVENTS, KOREA, ("USA", "CHN", "JPN"), focal="KOR", unaligned="drop"
    )
    assert "tilt" not in three.columns
    assert [c for c in three.columns if c.startswith("pi_")] == [
        "pi_USA",
        "pi_CHN",
        "pi_JPN",
    ]
    # JPN is now a pole: KOR's June contacts put (6/11, 3/11, 2/11) on them
    row = three.iloc[0]
    assert (row.pi_USA, row.pi_JPN, row.pi_CHN) == pytest.approx(
        (6 / 11, 3 / 11, 2 / 11), abs=1e-12
    )
    # E = 1 - 3/4 * sum |pi_j - 1/3|
    expect = 1 - 0.75 * sum(abs(x - 1 / 3) for x in (6 / 11, 3 / 11, 2 / 11))
    assert row.E == pytest.approx(expect, abs=1e-12)


def test_zero_channel_weights_give_nan_not_a_number():
    sal = mp.Salience(channel_weights={"call": 0.0})
    panel = balance_panel(EVENTS, KOREA, POLES, salience=sal, unaligned="drop")
    june = panel[(panel.focal == "KOR")].iloc[0]
    assert math.isnan(june.E) and math.isnan(june.tilt)
    july = panel[(panel.focal == "KOR")].iloc[1]  # the visit still weighs 2
    assert july.pi_CHN == pytest.approx(1.0)


def test_unaligned_partners_raise_by_default():
    with pytest.raises(
        UnalignedStateError, match=r"'PRK'.*2025-07-01.*unaligned='drop'"
    ):
        balance_panel(EVENTS, KOREA, POLES)
    with pytest.raises(mp.UnknownStateError):
        balance_panel(EVENTS, KOREA, POLES)


def test_alignment_is_computed_once_per_snapshot(monkeypatch):
    # yearly ties: KOR-USA alliance in 2020, KOR-CHN partnership in 2021-2022
    ties = [
        mp.Tie(
            source="KOR",
            target="USA",
            kind="alliance",
            strength=1.0,
            start="2020-01-01",
            end="2020-12-31",
        ),
        mp.Tie(
            source="KOR",
            target="CHN",
            kind="partnership",
            strength=1.0,
            start="2021-01-01",
            end="2022-12-31",
        ),
        mp.Tie(source="USA", target="CHN", kind="rivalry", strength=1.0),
    ]
    g = mp.RelationGraph(ties)
    days = pd.date_range("2020-01-01", "2022-12-31", freq="D")
    ev = table(
        [
            (d, "JPN" if i % 2 else "VNM", "KOR", "041", None, "leader")
            for i, d in enumerate(days)
        ]
    )
    g = mp.RelationGraph(
        ties,
        [*g.states, mp.State(code="JPN", name="JPN"), mp.State(code="VNM", name="VNM")],
    )
    calls = []
    real = _alignment.GraphArrays.series

    def counting(graph, nodes, days):
        calls.extend(days)
        return real(graph, nodes, days)

    monkeypatch.setattr(_alignment.GraphArrays, "series", counting)
    panel = balance_panel(ev, g, POLES, freq="D", focal=["JPN", "VNM"])
    assert len(panel) == len(days)  # one call a day, by JPN or VNM
    # snapshots: 2020 (alliance), 2021-2022 (partnership) -> 2 alignments
    assert sorted(calls) == [dt.date(2020, 1, 1), dt.date(2021, 1, 1)]
    # each daily call to KOR reads KOR's alignment of the day's year
    in_2020 = panel.period.dt.year == 2020
    assert (panel.pi_USA[in_2020] == 1.0).all()
    assert (panel.pi_CHN[~in_2020] == 1.0).all()


# -- equal to the scalar measures --------------------------------------------------
def _with_state(graph: mp.RelationGraph, code: str) -> mp.RelationGraph:
    if code in graph:
        return graph
    return mp.RelationGraph(graph.ties, [*graph.states, mp.State(code=code, name=code)])


def _undated(graph: mp.RelationGraph) -> mp.RelationGraph:
    return mp.RelationGraph(
        [t.replace(start=None, end=None) for t in graph.ties], graph.states
    )


def _expected_rows(world: World, offset) -> dict:
    """(focal, period start) -> (period end, reference contacts) for every row."""
    out: dict = {}
    codes = {code for code, _ in RULES}
    events = world.events[world.events["code"].isin(codes)]  # the reference is slow
    states = set(events["source"]) | set(events["target"])
    lo, hi = DAY0 - dt.timedelta(days=5), DAY0 + dt.timedelta(days=SPAN + 5)
    if len(world.events):
        days = pd.to_datetime(world.events["date"])
        lo, hi = days.min().date(), days.max().date()
    for focal in sorted(states - set(world.poles)):
        found = reference_contacts(
            events,
            focal,
            lo,
            hi,
            level=world.level,
            direction=world.direction,
            dedupe=world.dedupe,
        )
        for c in found:
            start = offset.rollback(pd.Timestamp(c["day"]))
            end = (start + offset - pd.Timedelta(days=1)).date()
            out.setdefault((focal, start.date()), (end, []))[1].append(c)
    return out


def _check_rows(
    world: World, panel: pd.DataFrame, graph_of, shares: bool = False
) -> None:
    """Every row equals the scalar measures of its contacts; ``n_untied`` counts
    the contacts whose partner the scalar measures warn about (0 for a table of
    pole shares, whose shares are data)."""
    offset = pd.tseries.frequencies.to_offset(world.freq)
    expected = _expected_rows(world, offset)
    rows = {}
    for (focal, start), (end, found) in expected.items():
        aligned = [c for c in found if c["partner"] in graph_of(start)]
        if aligned:
            rows[(focal, start)] = (end, aligned, len(found) - len(aligned))
    got_keys = list(zip(panel.focal, panel.period.dt.date, strict=True))
    assert got_keys == sorted(rows)
    for r in panel.itertuples():
        end, aligned, dropped = rows[(r.focal, r.period.date())]
        assert r.period_end.date() == end
        assert r.n_unaligned == dropped
        assert r.n_contacts == len(aligned)
        assert r.n_partners == len({c["partner"] for c in aligned})
        assert r.n_reports == sum(len(c["ids"]) for c in aligned)
        # the scalar measures of contacts(events, F, start, end)
        seq = contacts(
            world.events,
            r.focal,
            r.period.date(),
            end,
            level=world.level,
            direction=world.direction,
            dedupe=world.dedupe,
        )
        graph = _with_state(graph_of(r.period.date()), r.focal)
        kept = tuple(c for c in seq.contacts if c.partner in graph_of(r.period.date()))
        seq = seq.replace(contacts=kept)
        assert [c.partner for c in kept] == [c["partner"] for c in aligned]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", MiddlePowerWarning)
            pi = mp.pole_attention(graph, seq, world.poles, salience=world.salience)
            e = mp.equidistance(graph, seq, world.poles, salience=world.salience)
            if len(world.poles) == 2:
                t = mp.tilt(graph, seq, world.poles, salience=world.salience)
                assert r.tilt == pytest.approx(t, abs=1e-12, rel=0)
        for p in world.poles:
            assert getattr(r, f"pi_{p}") == pytest.approx(pi[p], abs=1e-12, rel=0)
        assert r.E == pytest.approx(e, abs=1e-12, rel=0)
        warned = {w.message.states for w in caught}
        assert len(warned) <= 1  # every measure says the same
        untied = set(*warned)
        assert r.n_untied == (0 if shares else sum(c.partner in untied for c in kept))
        if not shares and r.n_untied == r.n_contacts:
            assert all(isinstance(w.message, PolesNotReachedWarning) for w in caught)


@settings(max_examples=60, deadline=None)
@given(world=worlds())
def test_panel_rows_equal_the_scalar_measures_graph(world):
    panel = balance_panel(
        world.events,
        world.graph,
        world.poles,
        freq=world.freq,
        salience=world.salience,
        level=world.level,
        direction=world.direction,
        dedupe=world.dedupe,
        unaligned="drop",
    )
    _check_rows(world, panel, lambda day: world.graph)


@settings(max_examples=40, deadline=None)
@given(world=worlds(), data=st.data())
def test_panel_rows_equal_the_scalar_measures_yearly_graphs(world, data):
    # 2024 and 2025 read different graphs (the 2025 one without some ties)
    keep = data.draw(
        st.lists(
            st.booleans(),
            min_size=len(world.graph.ties),
            max_size=len(world.graph.ties),
        )
    )
    g2025 = mp.RelationGraph(
        [t for t, k in zip(world.graph.ties, keep, strict=True) if k],
        world.graph.states,
    )
    graphs = {2024: world.graph, 2025: g2025}
    panel = balance_panel(
        world.events,
        graphs,
        world.poles,
        freq=world.freq,
        salience=world.salience,
        level=world.level,
        direction=world.direction,
        dedupe=world.dedupe,
        unaligned="drop",
    )
    _check_rows(world, panel, lambda day: graphs[day.year])


@settings(max_examples=30, deadline=None)
@given(world=worlds())
def test_a_table_of_pole_shares_equals_its_graph(world):
    g = _undated(world.graph)
    shares = mp.alignment(g, world.poles)
    rows = [
        {"year": y, "state": s, **dict(zip(world.poles, a.tolist(), strict=True))}
        for y in (2024, 2025)
        for s, a in shares.items()
        if s not in world.poles or y == 2025  # poles' rows are optional
    ]
    tab = pd.DataFrame(rows)
    kw = {
        "freq": world.freq,
        "salience": world.salience,
        "level": world.level,
        "direction": world.direction,
        "dedupe": world.dedupe,
        "unaligned": "drop",
    }
    by_table = balance_panel(world.events, tab, world.poles, **kw)
    _check_rows(world, by_table, lambda day: g, shares=True)


@settings(max_examples=30, deadline=None)
@given(world=worlds())
def test_raise_policy_raises_exactly_when_a_partner_is_unaligned(world):
    kw = {
        "freq": world.freq,
        "salience": world.salience,
        "level": world.level,
        "direction": world.direction,
        "dedupe": world.dedupe,
    }
    dropped = balance_panel(
        world.events, world.graph, world.poles, unaligned="drop", **kw
    )
    offset = pd.tseries.frequencies.to_offset(world.freq)
    touched = any(
        c["partner"] == UNALIGNED
        for _, found in _expected_rows(world, offset).values()
        for c in found
    )
    if touched:
        with pytest.raises(UnalignedStateError, match=UNALIGNED):
            balance_panel(world.events, world.graph, world.poles, **kw)
    else:
        raised = balance_panel(world.events, world.graph, world.poles, **kw)
        pd.testing.assert_frame_equal(raised, dropped, check_exact=True)
        assert (dropped["n_unaligned"] == 0).all()


# -- arguments and errors ------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"freq": "ME"}, "does not mark period starts"),
        ({"freq": "2MS"}, "does not mark period starts"),
        ({"freq": "h"}, "does not mark period starts"),
        ({"freq": "fortnightly"}, "Unknown frequency"),
        ({"salience": "cubic"}, "Unknown salience scheme"),
        ({"min_contacts": 0}, "min_contacts must be an integer >= 1"),
        ({"unaligned": "ignore"}, "Unknown unaligned policy"),
        ({"level": "minister"}, "Unknown level"),
        ({"kinds": {"friendship": 1}}, "Unknown tie kind"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(mp.InvalidParameterError, match=message):
        balance_panel(EVENTS, KOREA, POLES, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"salience": 3},
            "salience must be a salience scheme name or a Salience, got int 3",
        ),
        ({"min_contacts": 1.5}, "min_contacts must be an integer >= 1, not 1.5"),
        ({"min_contacts": "2"}, "min_contacts must be an integer >= 1, not '2'"),
    ],
)
def test_arguments_of_the_wrong_type(kwargs, message):
    with pytest.raises(mp.InvalidArgumentTypeError, match=message):
        balance_panel(EVENTS, KOREA, POLES, **kwargs)


def test_bad_poles_and_alignments():
    with pytest.raises(mp.InvalidParameterError, match="not the string"):
        balance_panel(EVENTS, KOREA, "USA")
    with pytest.raises(mp.InvalidParameterError, match="two distinct poles"):
        balance_panel(EVENTS, KOREA, ("USA", "USA"))
    with pytest.raises(mp.UnknownStateError, match="'RUS'"):
        balance_panel(EVENTS, KOREA, ("USA", "RUS"))
    with pytest.raises(mp.InvalidParameterError, match="keyed by year"):
        balance_panel(EVENTS, {"2025": KOREA}, POLES)
    with pytest.raises(mp.InvalidParameterError, match="must be a RelationGraph"):
        balance_panel(EVENTS, {2025: "korea"}, POLES)
    with pytest.raises(mp.InvalidParameterError, match="no graph for 2025"):
        balance_panel(EVENTS, {2024: KOREA}, POLES)
    with pytest.raises(mp.InvalidArgumentTypeError, match="alignment must be"):
        balance_panel(EVENTS, "korea-2025", POLES)


def _shares(**over):
    base = {
        "year": [2025, 2025, 2025],
        "state": ["KOR", "JPN", "USA"],
        "USA": [0.6, 1.0, 1.0],
        "CHN": [0.4, 0.0, 0.0],
    }
    base.update(over)
    return pd.DataFrame(base)


def test_pole_share_tables_are_validated():
    ok = balance_panel(EVENTS, _shares(), POLES, focal="JPN")
    assert ok.pi_USA.tolist() == [pytest.approx(0.6)]  # JPN's call to KOR
    with pytest.raises(mp.DataFormatError, match="missing columns: 'CHN'"):
        balance_panel(EVENTS, _shares().drop(columns="CHN"), POLES)
    with pytest.raises(mp.DataFormatError, match=r"KOR in 2025 sum to 0\.9,"):
        balance_panel(EVENTS, _shares(CHN=[0.3, 0.0, 0.0]), POLES)
    with pytest.raises(mp.DataFormatError, match=r"in \[0, 1\]"):
        balance_panel(EVENTS, _shares(USA=[1.4, 1.0, 1.0], CHN=[-0.4, 0, 0]), POLES)
    with pytest.raises(mp.DataFormatError, match="pole USA has shares"):
        balance_panel(EVENTS, _shares(USA=[0.6, 1.0, 0.5], CHN=[0.4, 0.0, 0.5]), POLES)
    with pytest.raises(mp.DataFormatError, match="appears twice"):
        balance_panel(EVENTS, _shares(state=["KOR", "KOR", "USA"]), POLES)
    with pytest.raises(mp.DataFormatError, match="'year' must hold integers"):
        balance_panel(EVENTS, _shares(year=["2025"] * 3), POLES)
    with pytest.raises(mp.InvalidParameterError, match="no entry for 2025"):
        balance_panel(EVENTS, _shares(year=[2024] * 3), POLES)


def test_an_empty_panel_has_the_columns():
    panel = balance_panel(EVENTS, KOREA, POLES, level="other")
    assert panel.empty
    assert list(panel.columns)[:3] == ["focal", "period", "period_end"]
