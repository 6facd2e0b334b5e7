"""The columnar store of RelationGraph: the fast constructor, laziness, equivalence.

A graph built from columns (``RelationGraph._from_columns``) must be
``identical()`` to the one the validating constructor builds from the same
ties as :class:`Tie` objects, and must refuse exactly what that path refuses.
The hot methods read the columns and make no :class:`Tie` and no networkx
graph; the ties are made on first use of :attr:`RelationGraph.ties`.
"""

from __future__ import annotations

import datetime as dt
import math
import pickle
from typing import Any

import numpy as np
import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.strategies import evidence, relation_graphs, state_codes, states

from middlepower._tietable import OPEN_END, OPEN_START, EvidenceColumn, TieTable
from middlepower.exceptions import (
    InvalidGraphError,
    MiddlePowerError,
    UnregisteredCodeError,
)
from middlepower.graph import KINDS, RelationGraph
from middlepower.models import Evidence, State, Tie, TieKind

# -- helpers ----------------------------------------------------------------------

STATES = [State(code=c, name=c) for c in ("KOR", "USA", "CHN", "JPN")]
K = {k.value: i for i, k in enumerate(KINDS)}


def _columns(**over: Any) -> dict[str, Any]:
    """KOR-USA alliance 1.0, KOR->CHN trade 0.2 (value 271 bn USD), USA-CHN rivalry."""
    cols: dict[str, Any] = {
        "source": [0, 0, 1],
        "target": [1, 2, 2],
        "kind": [K["alliance"], K["trade"], K["rivalry"]],
        "strength": [1.0, 0.2, 1.0],
        "value": [math.nan, 271.0, math.nan],
        "unit": [None, "bn USD", None],
    }
    cols.update(over)
    return cols


def _ties_of(states_: list[State], cols: dict[str, Any]) -> list[Tie]:
    """The same ties as Tie objects, validated one by one."""
    n = len(cols["source"])
    out = []
    for i in range(n):
        data: dict[str, Any] = {
            "source": states_[int(cols["source"][i])].code,
            "target": states_[int(cols["target"][i])].code,
            "kind": KINDS[int(cols["kind"][i])],
            "strength": cols["strength"][i],
        }
        if cols.get("directed") is not None:
            data["directed"] = bool(cols["directed"][i])
        for name, open_ in (("start", OPEN_START), ("end", OPEN_END)):
            o = cols.get(name)
            if o is not None and int(o[i]) != open_:
                data[name] = dt.date.fromordinal(int(o[i]))
        if cols.get("value") is not None and not math.isnan(cols["value"][i]):
            data["value"] = cols["value"][i]
        for name in ("unit", "note"):
            if cols.get(name) is not None:
                data[name] = cols[name][i]
        if cols.get("evidence") is not None:
            data["evidence"] = cols["evidence"][i]
        out.append(Tie(**data))
    return out


# -- hand-made cases ------------------------------------------------------------------


def test_columns_give_the_ties_of_the_validating_constructor() -> None:
    """KOR-USA alliance 1, KOR->CHN trade 0.2 (271 bn USD), USA-CHN rivalry 1."""
    g = RelationGraph._from_columns(STATES, **_columns(), name="cols")
    assert g._ties is None and g._G is None  # nothing made yet
    assert repr(g) == "<RelationGraph 'cols': 4 states, 3 ties>"
    assert g.codes == ("KOR", "USA", "CHN", "JPN") and len(g) == 4
    assert g.strength("KOR", "CHN", "trade") == 0.2
    assert g.strength("CHN", "KOR", "trade") == 0.0
    assert g.pair_strength("CHN", "KOR", "trade") == 0.2
    assert g.pair_strength("USA", "KOR", "alliance") == 1.0
    S = g.signed_matrix(["KOR", "USA", "CHN"])  # KOR-CHN: 0.5 * 0.2 = 0.1
    np.testing.assert_allclose(
        S, [[0.0, 1.0, 0.1], [1.0, 0.0, -1.0], [0.1, -1.0, 0.0]], atol=1e-12
    )
    assert g.at("2025-01-01").strength_tensor().sum() == pytest.approx(
        2 * 1.0 + 0.2 + 2 * 1.0
    )
    g.check_codes(["KOR", "JPN"])
    assert "JPN" in g and "RUS" not in g and [1] not in g
    assert g._ties is None and g._G is None  # still nothing made
    expected = RelationGraph(_ties_of(STATES, _columns()), STATES, name="cols")
    assert g.identical(expected)
    trade = g.ties[1]
    assert (trade.value, trade.unit, trade.directed) == (271.0, "bn USD", True)
    assert g.nx_graph.number_of_edges() == 3


def test_dates_values_notes_and_evidence() -> None:
    """Two KOR->CHN trade ties in 2024 and 2025 (disjoint), one open alliance."""
    ev = Evidence(source="KITA", claim="2025 figure")
    d = dt.date.toordinal
    cols = _columns(
        source=[0, 0, 0],
        target=[2, 2, 1],
        kind=[K["trade"], K["trade"], K["alliance"]],
        strength=[0.3, 0.2, 1.0],
        start=[d(dt.date(2024, 1, 1)), d(dt.date(2025, 1, 1)), OPEN_START],
        end=[d(dt.date(2024, 12, 31)), d(dt.date(2025, 12, 31)), OPEN_END],
        value=[300.0, 271.0, math.nan],
        unit=["bn USD", "bn USD", None],
        note=[None, "preliminary", None],
        evidence=[(), (ev,), ()],
    )
    g = RelationGraph._from_columns(STATES, **cols)
    assert g.strength("KOR", "CHN", "trade") == 0.3  # the larger of two periods
    snap = g.at("2025-06-04")
    assert snap._ties is None and g._ties is None
    assert g.identical(RelationGraph(_ties_of(STATES, cols), STATES))
    assert snap.strength("KOR", "CHN", "trade") == 0.2
    assert [t.kind.value for t in snap.ties] == ["trade", "alliance"]
    assert snap.ties[0].evidence == (ev,) and snap.ties[0].note == "preliminary"
    assert snap.states == g.states
    assert sorted(k for _, _, k in g.nx_graph.edges(keys=True)) == [
        "alliance",
        "trade",
        "trade@2025-01-01",
    ]


def test_ties_between_makes_only_the_pair() -> None:
    g = RelationGraph._from_columns(STATES, **_columns())
    (t,) = g.ties_between("CHN", "USA")
    assert t.kind is TieKind.RIVALRY and g._ties is None
    assert g.ties_between("KOR", "JPN") == ()
    assert t == g.ties[2]
    assert g.ties_between("USA", "CHN")[0] is g.ties[2]  # once made, reused


def test_snapshot_of_a_made_graph_reuses_its_ties() -> None:
    g = RelationGraph(_ties_of(STATES, _columns()), STATES)
    snap = g.at(dt.date(2000, 1, 1))
    assert all(a is b for a, b in zip(snap.ties, g.ties, strict=True))
    assert snap._G is None and g._G is None


def test_pickle_makes_the_evidence() -> None:
    """A lazy evidence column (a lambda does not pickle) is made before pickling."""
    ev = Evidence(source="COW", locator="line 2")
    lazy = EvidenceColumn.lazy(lambda rows: [(ev,)] * len(rows), 3)
    g = RelationGraph._from_columns(STATES, **_columns(), evidence=lazy, name="p")
    back = pickle.loads(pickle.dumps(g))
    assert back.identical(g)
    assert all(t.evidence == (ev,) for t in back.ties)
    assert back.pair_strength("KOR", "CHN", "trade") == 0.2


def test_evidence_column_parts_take_and_concat() -> None:
    a = Evidence(source="A")
    b = Evidence(source="B")
    calls: list[list[int]] = []

    def part(rows: Any) -> list[tuple[Evidence, ...]]:
        calls.append(rows.tolist())
        return [(Evidence(source=f"row {r}"),) for r in rows.tolist()]

    col = EvidenceColumn.concat(
        [
            EvidenceColumn.listed([(a,), (b,)]),
            EvidenceColumn.empty(1),
            EvidenceColumn.lazy(part, 3),
        ]
    )
    assert len(col) == 6 and calls == []
    picked = col.take(np.array([5, 0, 2, 3]))
    assert calls == []
    assert picked.get() == [
        (Evidence(source="row 2"),),
        (a,),
        (),
        (Evidence(source="row 0"),),
    ]
    assert calls == [[2, 0]]  # only the rows asked for, in one call
    assert col.get(np.array([1])) == [(b,)]
    assert EvidenceColumn.concat([]).get() == []


def test_table_from_ties_and_back() -> None:
    ties = _ties_of(STATES, _columns())
    index = {s.code: i for i, s in enumerate(STATES)}
    table = TieTable.from_ties(ties, index)
    assert table.kind.tolist() == [K["alliance"], K["trade"], K["rivalry"]]
    assert table.start.tolist() == [OPEN_START] * 3
    assert table.end.tolist() == [OPEN_END] * 3
    assert table.ties([s.code for s in STATES]) == ties
    assert table.ties([s.code for s in STATES], np.array([2, 0])) == [ties[2], ties[0]]


# -- the fast constructor refuses what the models refuse ------------------------------


@pytest.mark.parametrize(
    ("over", "match"),
    [
        ({"source": [0, 0, 4]}, r"Tie 2 has source index 4, not a state of the graph"),
        ({"target": [1, -1, 2]}, r"Tie 1 has target index -1"),
        ({"target": [0, 2, 2]}, r"Tie 0 joins state index 0 to itself"),
        ({"kind": [0, 9, 3]}, r"Tie 1 has kind index 9; expected 0-4"),
        ({"strength": [1.0, 1.5, 1.0]}, r"Tie 1 has strength 1\.5; expected a finite"),
        ({"strength": [1.0, -0.1, 1.0]}, r"Tie 1 has strength -0\.1"),
        ({"strength": [1.0, 0.2, math.nan]}, r"Tie 2 has strength nan"),
        ({"strength": [math.inf, 0.2, 1.0]}, r"Tie 0 has strength inf"),
        ({"value": [math.nan, math.inf, math.nan]}, r"Tie 1 has raw value inf"),
        ({"unit": [None, None, None]}, r"Tie 1 has raw value 271\.0 but no unit"),
        ({"unit": [None, "", None]}, r"Tie 1 has raw value 271\.0 but no unit"),
        ({"unit": [None, "bn USD", 3]}, r"Tie 2 has unit int 3; expected a string"),
        ({"note": [b"x", None, None]}, r"Tie 0 has note bytes b'x'"),
        ({"start": [10, 20, 30], "end": [10, 19, 30]}, r"Tie 1 ends on 0001-01-19 "),
        ({"start": [OPEN_END, 1, 1]}, r"Tie 0 has start ordinal 3652060"),
        ({"end": [OPEN_START, OPEN_END, OPEN_END]}, r"Tie 0 has end ordinal 0"),
        ({"end": [-5, OPEN_END, OPEN_END]}, r"Tie 0 has end ordinal -5"),
        ({"source": [0, 1]}, r"Column 'target' must be 2 integers"),
        ({"source": [0.0, 0.0, 1.0]}, r"Column 'source' must be integers"),
        (
            {"kind": ["alliance", "trade", "rivalry"]},
            r"Column 'kind' must be 3 integer",
        ),
        ({"strength": ["1", "0.2", "1"]}, r"Column 'strength' must be 3 numbers"),
        ({"directed": [0, 1, 0]}, r"Column 'directed' must be 3 booleans"),
        ({"start": [1.5, 2.0, 3.0]}, r"Column 'start' must be 3 day ordinals"),
        ({"unit": [None, "bn USD"]}, r"Column 'unit' must be 3 strings or None"),
        ({"evidence": [(), ()]}, r"Column 'evidence' has 2 entries for 3 ties"),
        (
            {"evidence": [(), ["x"], ()]},
            r"Evidence of tie 1 must be a tuple of Evidence",
        ),
    ],
)
def test_bad_columns(over: dict[str, Any], match: str) -> None:
    with pytest.raises(InvalidGraphError, match=match):
        RelationGraph._from_columns(STATES, **_columns(**over))


def test_bad_states_and_registry() -> None:
    with pytest.raises(InvalidGraphError, match=r"State code 'KOR' is given twice"):
        RelationGraph._from_columns([*STATES, STATES[0]], **_columns())
    odd = [*STATES[:3], State(code="CNH", name="typo")]
    cols = _columns(target=[1, 3, 2])
    with pytest.raises(UnregisteredCodeError, match=r"did you mean 'CHN'\?"):
        RelationGraph._from_columns(odd, **cols)
    g = RelationGraph._from_columns(odd, **cols, check_codes=False)
    assert not g.registry_checked and not g.at("2000-01-01").registry_checked
    assert g.identical(RelationGraph(_ties_of(odd, cols), odd, check_codes=False))


def test_overlap_message_is_that_of_the_tie_path() -> None:
    """Three alliances KOR-USA: 2000-2010, USA-KOR 2011-2020 (fine), KOR-USA from
    2015 (clashes with the second on 2015-01-01)."""
    d = dt.date.toordinal
    cols = _columns(
        source=[0, 1, 0],
        target=[1, 0, 1],
        kind=[K["alliance"]] * 3,
        strength=[1.0, 1.0, 0.5],
        start=[d(dt.date(2000, 1, 1)), d(dt.date(2011, 1, 1)), d(dt.date(2015, 1, 1))],
        end=[d(dt.date(2010, 12, 31)), d(dt.date(2020, 12, 31)), OPEN_END],
        value=None,
        unit=None,
    )
    with pytest.raises(InvalidGraphError) as tie_path:
        RelationGraph(_ties_of(STATES, cols), STATES)
    with pytest.raises(InvalidGraphError) as column_path:
        RelationGraph._from_columns(STATES, **cols)
    assert (
        str(column_path.value)
        == str(tie_path.value)
        == (
            "two alliance ties between KOR and USA are both valid on 2015-01-01; give "
            "them disjoint start/end dates"
        )
    )


def test_directed_ties_of_a_pair_do_not_clash_in_opposite_directions() -> None:
    """Trade KOR->CHN and CHN->KOR, both open: two directions, no overlap; a
    directed and a symmetric tie share a key only with the codes in sorted
    order (as ``tie_pair_key``): CHN->KOR directed vs CHN-KOR symmetric clash."""
    cols = _columns(
        source=[0, 2], target=[2, 0], kind=[K["trade"]] * 2, strength=[0.2, 0.3],
        value=None, unit=None,
    )  # fmt: skip
    g = RelationGraph._from_columns(STATES, **cols)
    assert g.pair_strength("KOR", "CHN", "trade") == 0.3
    clash = _columns(
        source=[2, 0], target=[0, 2], kind=[K["alliance"]] * 2, strength=[1.0, 1.0],
        directed=np.array([True, False]), value=None, unit=None,
    )  # fmt: skip
    with pytest.raises(InvalidGraphError) as tie_path:
        RelationGraph(_ties_of(STATES, clash), STATES)
    with pytest.raises(InvalidGraphError) as column_path:
        RelationGraph._from_columns(STATES, **clash)
    assert str(column_path.value) == str(tie_path.value)
    # KOR->CHN directed and CHN-KOR symmetric: keys (KOR, CHN) and (CHN, KOR)
    fine = dict(clash, source=[0, 2], target=[2, 0])
    assert RelationGraph._from_columns(STATES, **fine).identical(
        RelationGraph(_ties_of(STATES, fine), STATES)
    )


def test_empty_graph() -> None:
    g = RelationGraph._from_columns(
        STATES, source=[], target=[], kind=[], strength=[], name="none"
    )
    assert g.ties == () and g.strength_tensor().shape == (len(KINDS), 4, 4)
    assert g.identical(RelationGraph([], STATES, name="none"))
    assert g.signed().number_of_edges() == 0


# -- properties: the two constructors agree ------------------------------------------


@st.composite
def tie_columns(draw: st.DrawFn, valid: bool) -> tuple[list[State], dict[str, Any]]:
    """States and valid tie columns; ``valid=False`` may add one fault that a
    Tie or the graph refuses (a bad strength, a self-tie, an end before the
    start, an infinite value, a value without unit, a copy of a tie)."""
    codes = draw(st.lists(state_codes(), min_size=2, max_size=5, unique=True))
    state_list = [draw(states(code=c)) for c in codes]
    n = draw(st.integers(0, 8))
    m = len(codes)
    ends = st.integers(0, m - 1)
    pairs = [
        (a, b if b != a else (a + 1) % m)
        for a, b in draw(st.lists(st.tuples(ends, ends), min_size=n, max_size=n))
    ]
    day = st.integers(
        dt.date(2000, 1, 1).toordinal(), dt.date(2003, 12, 31).toordinal()
    )
    units = st.sampled_from(["bn USD", "%"])
    cols: dict[str, Any] = {
        "source": [a for a, _ in pairs],
        "target": [b for _, b in pairs],
        "kind": draw(st.lists(st.integers(0, len(KINDS) - 1), min_size=n, max_size=n)),
        "strength": draw(st.lists(st.floats(0.0, 1.0), min_size=n, max_size=n)),
        "start": [],
        "end": [],
        "value": draw(
            st.lists(st.just(math.nan) | st.floats(0, 1e6), min_size=n, max_size=n)
        ),
        "note": draw(st.lists(st.none() | st.text(max_size=5), min_size=n, max_size=n)),
        "evidence": [tuple(draw(st.lists(evidence(), max_size=1))) for _ in range(n)],
    }
    for _ in range(n):
        lo, hi = draw(st.just(OPEN_START) | day), draw(st.just(OPEN_END) | day)
        if lo != OPEN_START and hi != OPEN_END and hi < lo:
            lo, hi = hi, lo
        cols["start"].append(lo)
        cols["end"].append(hi)
    cols["unit"] = [
        draw(st.none() | units) if math.isnan(v) else draw(units) for v in cols["value"]
    ]
    if draw(st.booleans()):
        cols["directed"] = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    faults = [None, "strength", "self", "dates", "value", "unit", "copy"]
    fault = None if valid or not n else draw(st.sampled_from(faults))
    if fault is not None:
        i = draw(st.integers(0, n - 1))
        if fault == "strength":
            cols["strength"][i] = draw(st.sampled_from([-0.5, 1.5, math.nan, math.inf]))
        elif fault == "self":
            cols["target"][i] = cols["source"][i]
        elif fault == "dates":
            cols["start"][i], cols["end"][i] = 20, 10
        elif fault == "value":
            cols["value"][i], cols["unit"][i] = math.inf, "bn USD"
        elif fault == "unit":
            cols["value"][i], cols["unit"][i] = 1.0, draw(st.sampled_from([None, ""]))
        else:  # the same tie again: overlaps itself
            for values in cols.values():
                values.append(values[i])
    return state_list, cols


@given(tie_columns(valid=True), st.none() | st.text(min_size=1, max_size=5))
def test_columns_identical_to_validated_ties(
    case: tuple[list[State], dict[str, Any]], name: str | None
) -> None:
    state_list, cols = case
    try:
        expected = RelationGraph(
            _ties_of(state_list, cols), state_list, name=name, check_codes=False
        )
    except InvalidGraphError:  # random periods of one pair and kind may overlap
        event("overlapping periods")
        with pytest.raises(InvalidGraphError):
            RelationGraph._from_columns(state_list, **cols, check_codes=False)
        return
    arrays = {k: v if k == "evidence" else np.asarray(v) for k, v in cols.items()}
    g = RelationGraph._from_columns(state_list, **arrays, name=name, check_codes=False)
    # the measures read the columns: the same numbers, nothing made
    np.testing.assert_array_equal(g.strength_tensor(), expected.strength_tensor())
    np.testing.assert_array_equal(g.signed_matrix(), expected.signed_matrix())
    for u in g.codes:
        for v in g.codes:
            for k in KINDS:
                assert g.strength(u, v, k) == expected.strength(u, v, k)
    day = dt.date(2002, 1, 1)
    assert g.at(day).identical(expected.at(day))
    assert g._ties is None and g._G is None
    assert g.identical(expected) and g == expected
    assert RelationGraph.from_json(g.to_json()).identical(g)


@given(tie_columns(valid=False))
@example(
    (
        [State(code="AA", name="a"), State(code="BB", name="b")],
        {
            "source": [0, 1],
            "target": [1, 0],
            "kind": [0, 0],
            "strength": [1.0, 0.5],
            "start": [OPEN_START, OPEN_START],
            "end": [OPEN_END, OPEN_END],
            "value": [math.nan, math.nan],
            "unit": [None, None],
            "note": [None, None],
            "evidence": [(), ()],
        },
    )
)
def test_columns_refuse_what_the_tie_path_refuses(
    case: tuple[list[State], dict[str, Any]],
) -> None:
    state_list, cols = case
    try:
        ties = _ties_of(state_list, cols)
    except ValidationError:
        event("a Tie refuses a value")
        with pytest.raises(InvalidGraphError):
            RelationGraph._from_columns(state_list, **cols, check_codes=False)
        return
    try:
        expected = RelationGraph(ties, state_list, check_codes=False)
    except MiddlePowerError as err:
        event("the graph refuses the ties")
        with pytest.raises(type(err)) as info:
            RelationGraph._from_columns(state_list, **cols, check_codes=False)
        assert str(info.value) == str(err)
        return
    event("accepted")
    g = RelationGraph._from_columns(state_list, **cols, check_codes=False)
    assert g.identical(expected)


# -- the lookups agree with the loops they replaced -----------------------------------


def _strength_loop(g: RelationGraph, source: str, target: str, kind: TieKind) -> float:
    best = 0.0
    for t in g.ties:
        if t.kind is kind and (
            (t.source == source and t.target == target)
            or (not t.directed and t.source == target and t.target == source)
        ):
            best = max(best, t.strength)
    return best


@given(relation_graphs(dated=True), st.randoms(use_true_random=False))
def test_strength_and_tensor_equal_the_tie_loops(g: RelationGraph, rnd: Any) -> None:
    codes = list(g.codes)
    sub = rnd.sample(codes, rnd.randint(1, len(codes)))
    T = g.strength_tensor(sub)
    for k, kind in enumerate(KINDS):
        for i, u in enumerate(sub):
            for j, v in enumerate(sub):
                expected = _strength_loop(g, u, v, kind)
                assert g.strength(u, v, kind) == expected
                assert T[k, i, j] == expected
                assert g.pair_strength(u, v, kind) == max(
                    expected, _strength_loop(g, v, u, kind)
                )
