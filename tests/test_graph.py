"""Tests for RelationGraph (METHODS.md §1, §3 signed strengths, §6 round trips)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import (
    balanced_signed_graphs,
    graph_and_sequence,
    relation_graphs,
    signed_graphs,
)

import middlepower as mp
from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    InvalidGraphError,
    InvalidParameterError,
    MiddlePowerError,
    MissingFileError,
    UnknownStateError,
    UnregisteredCodeError,
)
from middlepower.graph import KINDS, RelationGraph
from middlepower.models import ContactSequence, State, Tie, TieKind

# -- fixtures ------------------------------------------------------------------


def _t(source: str, target: str, kind: str, strength: float, **kw: Any) -> Tie:
    return Tie(source=source, target=target, kind=kind, strength=strength, **kw)


TOY_TIES = (
    _t("KOR", "USA", "alliance", 1.0),
    _t("USA", "JPN", "alliance", 1.0),
    _t("KOR", "JPN", "partnership", 0.5),
    _t("KOR", "CHN", "partnership", 1.0),
    _t("USA", "CHN", "rivalry", 1.0),
    _t("KOR", "CHN", "trade", 0.2),
    _t("KOR", "USA", "trade", 0.15),
    _t("KOR", "JPN", "trade", 0.05),
    _t("KOR", "CHN", "neighbour", 1.0),
    _t("KOR", "JPN", "neighbour", 1.0),
)


@pytest.fixture
def toy() -> RelationGraph:
    """The toy graph of METHODS.md §7."""
    return RelationGraph(TOY_TIES, name="toy")


EDITORIAL_CODES = ("KOR", "USA", "JPN", "CHN")


@pytest.fixture
def editorial() -> RelationGraph:
    return RelationGraph.from_scenario(mp.load_scenario("korea-2025"))


def _dated() -> RelationGraph:
    return RelationGraph(
        [
            _t("KOR", "CHN", "trade", 0.2, start="2025-01-01", end="2025-12-31"),
            _t("KOR", "CHN", "trade", 0.3, start="2024-01-01", end="2024-12-31"),
            _t("KOR", "USA", "alliance", 1.0, start="1954-11-17"),
        ]
    )


# -- construction --------------------------------------------------------------


def test_construction_from_ties_makes_bare_states(toy: RelationGraph) -> None:
    assert toy.codes == ("KOR", "USA", "JPN", "CHN")
    assert toy.state("JPN") == State(code="JPN", name="JPN")
    assert toy.ties == TOY_TIES
    assert len(toy) == 4 and "CHN" in toy and "RUS" not in toy
    assert list(toy) == ["KOR", "USA", "JPN", "CHN"]
    assert toy.nx_graph.number_of_edges() == 10
    assert RelationGraph.from_ties(TOY_TIES) == RelationGraph(TOY_TIES)
    assert RelationGraph(TOY_TIES, name="toy") != RelationGraph(TOY_TIES)


def test_construction_with_states_keeps_them_and_isolated_states() -> None:
    states = [State(code="KOR", name="South Korea"), State(code="USA", name="US")]
    states.append(State(code="RUS", name="Russia"))
    g = RelationGraph([_t("KOR", "USA", "alliance", 1.0)], states)
    assert g.codes == ("KOR", "USA", "RUS")
    assert g.state("KOR").name == "South Korea"
    assert g.pair_strength("KOR", "RUS", "alliance") == 0.0


def test_construction_from_scenario(editorial: RelationGraph) -> None:
    sc = mp.load_scenario("korea-2025")
    assert editorial.name == "korea-2025"
    assert editorial.states == sc.states
    assert editorial.ties == sc.ties
    assert editorial.codes == sc.codes
    assert editorial.codes[:4] == EDITORIAL_CODES


def test_tie_naming_unknown_state_is_rejected() -> None:
    states = [State(code="KOR", name="South Korea"), State(code="USA", name="US")]
    ties = [_t("KOR", "USA", "alliance", 1.0), _t("KOR", "RUS", "trade", 0.1)]
    ties.append(_t("PRK", "RUS", "alliance", 1.0))
    with pytest.raises(
        UnknownStateError,
        match=r"^Unknown state codes 'RUS', 'PRK' in the states given\.$",
    ) as info:
        RelationGraph(ties, states)
    assert info.value.codes == ("RUS", "PRK")


def test_bad_construction_inputs() -> None:
    with pytest.raises(InvalidGraphError, match=r"State code 'KOR' is given twice"):
        RelationGraph([], [State(code="KOR", name="a"), State(code="KOR", name="b")])
    with pytest.raises(InvalidGraphError, match=r"two trade ties between KOR and CHN"):
        RelationGraph(
            [
                _t("KOR", "CHN", "trade", 0.2, start="2024-01-01"),
                _t("KOR", "CHN", "trade", 0.3, end="2024-01-01"),
            ]
        )
    with pytest.raises(
        InvalidArgumentTypeError,
        match=r"ties must hold Tie objects, got dict \{'source': 'KOR'\} at position 0",
    ):
        RelationGraph([{"source": "KOR"}])  # type: ignore[list-item]
    with pytest.raises(
        InvalidArgumentTypeError, match=r"states must hold State objects, got str 'KOR'"
    ):
        RelationGraph([], ["KOR"])  # type: ignore[list-item]


def test_several_periods_of_one_pair_get_distinct_keys() -> None:
    g = _dated()
    keys = sorted(k for _, _, k in g.nx_graph.edges(keys=True))
    assert keys == ["alliance", "trade", "trade@2024-01-01"]


# -- lookups and unknown states ------------------------------------------------


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda g: g.state("RUS"), "RUS"),
        (lambda g: g.strength("KOR", "RUS", "trade"), "RUS"),
        (lambda g: g.strength("PRK", "KOR", "trade"), "PRK"),
        (lambda g: g.pair_strength("RUS", "KOR", "alliance"), "RUS"),
        (lambda g: g.pair_strength("KOR", "kor", "alliance"), "kor"),
        (lambda g: g.ties_between("KOR", "RUS"), "RUS"),
        (lambda g: g.strength_tensor(["KOR", "RUS"]), "RUS"),
        (lambda g: g.to_numpy("trade", ["RUS", "KOR"]), "RUS"),
        (lambda g: g.signed_matrix(["KOR", "USA", "RUS"]), "RUS"),
        (lambda g: g.check_codes(["KOR", "RUS"]), "RUS"),
    ],
)
def test_unknown_codes_raise_unknown_state_error(
    toy: RelationGraph, call: Any, code: str
) -> None:
    with pytest.raises(
        UnknownStateError,
        match=rf"^Unknown state code '{code}' in the relation graph\.$",
    ) as info:
        call(toy)
    assert info.value.codes == (code,)
    assert isinstance(info.value, KeyError) and isinstance(info.value, MiddlePowerError)


def test_strength_is_directional_for_trade(toy: RelationGraph) -> None:
    """Toy graph: trade is recorded KOR->CHN 0.2 only; CHN->KOR is 0."""
    assert toy.strength("KOR", "CHN", "trade") == 0.2
    assert toy.strength("CHN", "KOR", "trade") == 0.0
    assert toy.strength("KOR", "CHN", TieKind.TRADE) == 0.2
    # symmetric kinds ignore the direction
    assert toy.strength("CHN", "KOR", "partnership") == 1.0
    assert toy.strength("JPN", "USA", "alliance") == 1.0
    assert toy.strength("JPN", "CHN", "alliance") == 0.0


def test_pair_strength_takes_the_larger_direction() -> None:
    """Trade KOR->CHN 0.2 and CHN->KOR 0.3: the pair strength is max = 0.3."""
    g = RelationGraph([_t("KOR", "CHN", "trade", 0.2), _t("CHN", "KOR", "trade", 0.3)])
    assert g.strength("KOR", "CHN", "trade") == 0.2
    assert g.strength("CHN", "KOR", "trade") == 0.3
    assert g.pair_strength("KOR", "CHN", "trade") == 0.3
    assert g.pair_strength("CHN", "KOR", "trade") == 0.3
    assert g.pair_strength("KOR", "CHN", "alliance") == 0.0


def test_pair_strength_one_direction(toy: RelationGraph) -> None:
    """Only KOR->CHN trade (0.2) exists, so the pair strength is max(0.2, 0) = 0.2."""
    assert toy.pair_strength("CHN", "KOR", "trade") == 0.2
    assert toy.pair_strength("USA", "CHN", "rivalry") == 1.0
    assert toy.pair_strength("JPN", "CHN", "partnership") == 0.0


def test_ties_between(toy: RelationGraph) -> None:
    kinds = sorted(t.kind.value for t in toy.ties_between("CHN", "KOR"))
    assert kinds == ["neighbour", "partnership", "trade"]
    assert toy.ties_between("JPN", "CHN") == ()


# -- time ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "trade"),
    [
        (dt.date(2023, 12, 31), 0.0),
        (dt.date(2024, 1, 1), 0.3),
        (dt.date(2024, 12, 31), 0.3),
        (dt.date(2025, 1, 1), 0.2),
        ("2025-06-04", 0.2),
        (dt.date(2025, 12, 31), 0.2),
        (dt.date(2026, 1, 1), 0.0),
    ],
)
def test_at_bounds_are_inclusive(day: dt.date | str, trade: float) -> None:
    """2024 tie (0.3) valid 2024-01-01..2024-12-31, 2025 tie (0.2) the next year."""
    g = _dated()
    snap = g.at(day)
    assert snap.strength("KOR", "CHN", "trade") == trade
    assert len([t for t in snap.ties if t.kind is TieKind.TRADE]) == (trade > 0)
    assert snap.strength("KOR", "USA", "alliance") == 1.0  # open end
    assert snap.codes == g.codes and snap.states == g.states


def test_at_before_start_drops_the_tie() -> None:
    g = _dated()
    snap = g.at(dt.date(1954, 11, 16))
    assert snap.ties == ()
    assert snap.codes == ("KOR", "CHN", "USA")


def test_at_rejects_a_bad_day() -> None:
    with pytest.raises(InvalidGraphError, match=r"Day 'June 4' is not an ISO date"):
        _dated().at("June 4")


def test_at_accepts_a_datetime() -> None:
    snap = _dated().at(dt.datetime(2025, 6, 4, 12, 0))
    assert snap.strength("KOR", "CHN", "trade") == 0.2


def _among_editorial_codes(ties: tuple[Tie, ...]) -> list[Tie]:
    return [t for t in ties if {t.source, t.target} <= set(EDITORIAL_CODES)]


def test_editorial_snapshots(editorial: RelationGraph) -> None:
    """On 2025-06-04 all 10 ties among KOR/USA/JPN/CHN (and every other tie) are
    valid; on 2024-06-04 the three 2025 trade ties are absent: 10 - 3 = 7."""
    assert len(_among_editorial_codes(editorial.ties)) == 10
    assert editorial.at("2025-06-04").ties == editorial.ties
    old = editorial.at(dt.date(2024, 6, 4))
    missing = [t for t in editorial.ties if t not in old.ties]
    assert len(_among_editorial_codes(old.ties)) == 7
    assert {(t.source, t.target, t.kind) for t in missing} == {
        ("KOR", "CHN", TieKind.TRADE),
        ("KOR", "USA", TieKind.TRADE),
        ("KOR", "JPN", TieKind.TRADE),
    }
    # the KOR-JPN partnership starts at Camp David, 2023-08-18
    assert editorial.at("2023-08-17").pair_strength("KOR", "JPN", "partnership") == 0.0
    assert editorial.at("2023-08-18").pair_strength("KOR", "JPN", "partnership") == 0.5


# -- matrices ------------------------------------------------------------------


def test_strength_tensor_respects_nodelist(toy: RelationGraph) -> None:
    """Rows/columns (CHN, KOR): trade KOR->CHN 0.2 sits at [1, 0]; the symmetric
    partnership (1.0) fills [0, 1] and [1, 0]."""
    T = toy.strength_tensor(["CHN", "KOR"])
    assert T.shape == (len(KINDS), 2, 2)
    trade = T[KINDS.index(TieKind.TRADE)]
    assert trade.tolist() == [[0.0, 0.0], [0.2, 0.0]]
    partnership = T[KINDS.index(TieKind.PARTNERSHIP)]
    assert partnership.tolist() == [[0.0, 1.0], [1.0, 0.0]]
    full = toy.strength_tensor()
    assert full.shape == (len(KINDS), 4, 4)
    assert np.array_equal(full, toy.strength_tensor(toy.codes))


def test_to_numpy(toy: RelationGraph) -> None:
    """Order (USA, KOR, CHN, JPN): KOR's trade row is (0.15, 0, 0.2, 0.05); nothing
    flows into KOR. Symmetrised, USA-KOR is max(0.15, 0) = 0.15."""
    order = ["USA", "KOR", "CHN", "JPN"]
    trade = toy.to_numpy("trade", order)
    assert trade[1].tolist() == [0.15, 0.0, 0.2, 0.05]
    assert trade[:, 1].tolist() == [0.0, 0.0, 0.0, 0.0]
    sym = toy.to_numpy(TieKind.TRADE, order, symmetric=True)
    assert np.array_equal(sym, sym.T)
    assert sym[0, 1] == sym[1, 0] == 0.15
    alliance = toy.to_numpy("alliance", order)
    assert alliance.tolist() == [
        [0.0, 1.0, 0.0, 1.0],
        [1.0, 0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0, 0.0],
        [1.0, 0.0, 0.0, 0.0],
    ]


@pytest.mark.parametrize(
    "call",
    [
        lambda g: g.strength_tensor(["KOR", "USA", "KOR"]),
        lambda g: g.to_numpy("trade", ["KOR", "USA", "KOR"]),
        lambda g: g.signed_matrix(["KOR", "USA", "KOR"]),
    ],
)
def test_repeated_node_is_rejected(toy: RelationGraph, call: Any) -> None:
    with pytest.raises(
        InvalidGraphError, match=r"Node list \['KOR', 'USA', 'KOR'\] repeats a state"
    ):
        call(toy)


# -- signed strengths ----------------------------------------------------------

TOY_SIGNED = {
    ("KOR", "USA"): 1.0,
    ("KOR", "CHN"): 0.6,
    ("KOR", "JPN"): 0.275,
    ("USA", "CHN"): -1.0,
    ("USA", "JPN"): 1.0,
}


def test_signed_on_the_toy_graph(toy: RelationGraph) -> None:
    """METHODS §7, default κ (alliance 1, partnership 0.5, trade 0.5, rivalry 1,
    neighbour 0):

    KOR-USA = 1·1 + 0.5·0.15 = 1.075 -> clipped to 1;
    KOR-CHN = 0.5·1 + 0.5·0.2 + 0·1 = 0.6;
    KOR-JPN = 0.5·0.5 + 0.5·0.05 + 0·1 = 0.275;
    USA-CHN = -1·1 = -1; USA-JPN = 1; JPN-CHN: no tie, so no edge.
    """
    S = toy.signed()
    assert isinstance(S, nx.Graph) and not S.is_directed()
    assert set(S.nodes) == {"KOR", "USA", "JPN", "CHN"}
    assert S.number_of_edges() == 5
    assert not S.has_edge("JPN", "CHN")
    for (u, v), w in TOY_SIGNED.items():
        assert S[u][v]["weight"] == pytest.approx(w, abs=1e-12)
        assert S[v][u]["sign"] == (1 if w > 0 else -1)


def test_signed_matrix_on_the_toy_graph(toy: RelationGraph) -> None:
    """Same arithmetic as test_signed_on_the_toy_graph, order CHN, JPN, KOR, USA."""
    order = ["CHN", "JPN", "KOR", "USA"]
    expected = np.array(
        [
            [0.0, 0.0, 0.6, -1.0],
            [0.0, 0.0, 0.275, 1.0],
            [0.6, 0.275, 0.0, 1.0],
            [-1.0, 1.0, 1.0, 0.0],
        ]
    )
    np.testing.assert_allclose(toy.signed_matrix(order), expected, atol=1e-12)


def test_signed_with_custom_weights(toy: RelationGraph) -> None:
    """κ = {alliance 1, rivalry 0.5, trade 2}; partnership and neighbour weigh 0:

    KOR-USA = 1 + 2·0.15 = 1.3 -> 1;  KOR-CHN = 2·0.2 = 0.4;
    KOR-JPN = 2·0.05 = 0.1;  USA-CHN = -0.5·1 = -0.5;  USA-JPN = 1.
    """
    S = toy.signed({"alliance": 1, TieKind.RIVALRY: 0.5, "trade": 2.0})
    got = {tuple(sorted((u, v))): w for u, v, w in S.edges(data="weight")}
    assert got == pytest.approx(
        {
            ("KOR", "USA"): 1.0,
            ("CHN", "KOR"): 0.4,
            ("JPN", "KOR"): 0.1,
            ("CHN", "USA"): -0.5,
            ("JPN", "USA"): 1.0,
        }
    )


def test_signed_with_neighbour_weight(toy: RelationGraph) -> None:
    """Neighbour has sign 0, so even κ_neighbour = 5 adds nothing:
    KOR-CHN stays 0.5·1 + 0.5·0.2 = 0.6 when the other weights are the defaults."""
    weights = {
        "alliance": 1,
        "partnership": 0.5,
        "trade": 0.5,
        "rivalry": 1,
        "neighbour": 5,
    }
    assert toy.signed(weights)["KOR"]["CHN"]["weight"] == pytest.approx(0.6)


def test_signed_with_all_weights_zero_has_no_edges(toy: RelationGraph) -> None:
    S = toy.signed({})
    assert S.number_of_edges() == 0
    assert set(S.nodes) == set(toy.codes)


@pytest.mark.parametrize(
    ("weights", "match"),
    [
        ({"friendship": 1.0}, r"unknown tie kind 'friendship' in signed weights"),
        (
            {"alliance": -1.0},
            r"weight of 'alliance' must be finite and >= 0, not -1\.0",
        ),
        ({"trade": math.nan}, r"weight of 'trade' must be finite and >= 0, not nan"),
        ({"trade": math.inf}, r"weight of 'trade' must be finite and >= 0, not inf"),
        ({"trade": "1"}, r"weight of 'trade' must be a number, not '1'"),
        ({"trade": True}, r"weight of 'trade' must be a number, not True"),
    ],
)
def test_bad_signed_weights(toy: RelationGraph, weights: Any, match: str) -> None:
    with pytest.raises(InvalidParameterError, match=match):
        toy.signed(weights)
    with pytest.raises(InvalidParameterError, match=match):
        toy.signed_matrix(weights=weights)


def test_signed_weights_of_the_wrong_type(toy: RelationGraph) -> None:
    match = r"weights must be a mapping of tie kind to weight, or None, got list"
    with pytest.raises(InvalidArgumentTypeError, match=match):
        toy.signed([("trade", 1.0)])  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentTypeError, match=match):
        toy.signed_matrix(weights=[("trade", 1.0)])  # type: ignore[arg-type]


def test_signed_accepts_numpy_integer_weights(toy: RelationGraph) -> None:
    S = toy.signed({"alliance": np.int64(1)})
    assert S["KOR"]["USA"]["weight"] == 1.0


def test_unknown_kind_in_lookup_is_a_middlepower_error(toy: RelationGraph) -> None:
    with pytest.raises(InvalidParameterError, match=r"'friendship'"):
        toy.pair_strength("KOR", "USA", "friendship")


def test_editorial_signed_snapshot(editorial: RelationGraph) -> None:
    """Editorial strengths on 2025-06-04 (default κ):

    KOR-USA = 1 + 0.5·0.152 = 1.076 -> 1;  KOR-CHN = 0.5·1 + 0.5·0.206 = 0.603;
    KOR-JPN = 0.5·0.5 + 0.5·0.059 = 0.2795;  USA-CHN = -1;  USA-JPN = 1.
    """
    S = editorial.at("2025-06-04").signed().subgraph(EDITORIAL_CODES)
    got = {tuple(sorted((u, v))): w for u, v, w in S.edges(data="weight")}
    assert got == pytest.approx(
        {
            ("KOR", "USA"): 1.0,
            ("CHN", "KOR"): 0.603,
            ("JPN", "KOR"): 0.2795,
            ("CHN", "USA"): -1.0,
            ("JPN", "USA"): 1.0,
        }
    )


# -- interchange ---------------------------------------------------------------


def test_editorial_round_trips(editorial: RelationGraph, tmp_path: Any) -> None:
    assert RelationGraph.from_json(editorial.to_json()) == editorial
    assert RelationGraph.from_node_link(editorial.to_node_link()) == editorial
    assert RelationGraph.from_networkx(editorial.to_networkx()) == editorial
    path = tmp_path / "korea.graphml"
    editorial.write_graphml(path)
    back = RelationGraph.read_graphml(path)
    assert back == editorial
    assert back.ties == editorial.ties  # GraphML keeps the tie order too


def test_to_networkx_is_plain(toy: RelationGraph) -> None:
    G = toy.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    assert G.nodes["KOR"] == {"code": "KOR", "name": "KOR"}
    data = G.get_edge_data("KOR", "CHN")["trade"]
    assert (
        data["kind"] == "trade" and data["strength"] == 0.2 and data["directed"] is True
    )
    assert "start" not in data  # None fields are left out
    assert toy.to_node_link()["graph"]["format"] == "middlepower.RelationGraph/1"


def test_from_networkx_of_a_hand_made_graph() -> None:
    G = nx.DiGraph()
    G.add_edge("KOR", "CHN", kind="trade", strength=0.2)
    G.add_edge("USA", "CHN", kind="rivalry", strength=1.0)
    G.add_node("JPN", name="Japan")
    g = RelationGraph.from_networkx(G)
    assert g.state("JPN").name == "Japan"
    assert g.state("KOR").name == "KOR"
    assert g.pair_strength("CHN", "KOR", "trade") == 0.2
    G.add_edge("KOR", "JPN", strength=0.5)
    with pytest.raises(
        InvalidGraphError, match=r"Edge KOR-JPN has no 'kind' attribute"
    ):
        RelationGraph.from_networkx(G)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("{not json", r"Not valid JSON"),
        ("[1, 2]", r"Expected a node-link JSON object, got \[1, 2\]"),
    ],
)
def test_from_json_rejects_bad_text(text: str, match: str) -> None:
    with pytest.raises(InvalidGraphError, match=match):
        RelationGraph.from_json(text)


def test_read_graphml_rejects_foreign_files(tmp_path: Any) -> None:
    path = tmp_path / "plain.graphml"
    nx.write_graphml(nx.path_graph(3), path)
    with pytest.raises(InvalidGraphError, match=r"was not written by RelationGraph"):
        RelationGraph.read_graphml(path)


def test_empty_name_round_trips() -> None:
    g = RelationGraph([_t("KOR", "USA", "alliance", 1.0)], name="")
    assert RelationGraph.from_json(g.to_json()) == g


def test_graphml_with_control_characters(tmp_path: Any) -> None:
    g = RelationGraph(
        [_t("KOR", "USA", "alliance", 1.0, note="a\x1fb")],
        [State(code="KOR", name="K", note="a\x00b"), State(code="USA", name="U")],
    )
    path = tmp_path / "ctrl.graphml"
    try:
        g.write_graphml(path)
    except InvalidGraphError:
        return  # a clear refusal is an acceptable fix
    assert RelationGraph.read_graphml(path) == g


# -- properties ----------------------------------------------------------------


@given(relation_graphs(dated=True))
def test_json_round_trip(g: RelationGraph) -> None:
    back = RelationGraph.from_json(g.to_json())
    assert back == g
    assert back.codes == g.codes
    assert back.identical(g)  # ties in their order, the registry choice kept
    assert RelationGraph.from_json(g.to_json(indent=None)).identical(g)


@given(relation_graphs(dated=True))
def test_node_link_round_trip(g: RelationGraph) -> None:
    data = g.to_node_link()
    assert [e["order"] for e in data["edges"]] == list(range(len(g.ties)))
    assert RelationGraph.from_node_link(data).identical(g)


@given(relation_graphs(dated=True))
def test_networkx_round_trip(g: RelationGraph) -> None:
    G = g.to_networkx()
    assert set(G.nodes) == set(g.codes)
    assert G.number_of_edges() == len(g.ties)
    assert RelationGraph.from_networkx(G).identical(g)


@given(relation_graphs(dated=True))
def test_graphml_round_trip(
    tmp_path_factory: pytest.TempPathFactory, g: RelationGraph
) -> None:
    path = tmp_path_factory.mktemp("graphml") / "g.graphml"
    g.write_graphml(path)
    back = RelationGraph.read_graphml(path)
    assert back == g
    assert back.identical(g)


@given(
    relation_graphs(dated=True), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
)
def test_at_then_round_trip(g: RelationGraph, day: dt.date) -> None:
    snap = g.at(day)
    assert all(t.valid_on(day) for t in snap.ties)
    assert [t for t in g.ties if t.valid_on(day)] == list(snap.ties)
    assert snap.states == g.states
    assert RelationGraph.from_json(snap.to_json()).identical(snap)
    assert RelationGraph.from_networkx(snap.to_networkx()).identical(snap)
    assert snap.at(day).identical(snap)


@given(relation_graphs(), st.randoms(use_true_random=False))
def test_signed_matrix_relabelling_invariance(g: RelationGraph, rnd: Any) -> None:
    order = list(g.codes)
    perm = list(range(len(order)))
    rnd.shuffle(perm)
    S = g.signed_matrix(order)
    P = g.signed_matrix([order[i] for i in perm])
    np.testing.assert_allclose(P, S[np.ix_(perm, perm)], rtol=0, atol=1e-12)
    T = g.strength_tensor(order)
    np.testing.assert_array_equal(
        g.strength_tensor([order[i] for i in perm]), T[:, perm][:, :, perm]
    )


@given(relation_graphs(dated=True))
def test_signed_matrix_shape(g: RelationGraph) -> None:
    S = g.signed_matrix()
    n = len(g)
    assert S.shape == (n, n)
    np.testing.assert_array_equal(S, S.T)
    np.testing.assert_array_equal(np.diag(S), np.zeros(n))
    assert np.all(S >= -1.0) and np.all(S <= 1.0)
    T = g.strength_tensor()
    assert np.all(T >= 0.0) and np.all(T <= 1.0)


@given(relation_graphs())
def test_signed_graph_matches_matrix_and_hand_sum(g: RelationGraph) -> None:
    """s_uv = clip(Σ_k κ_k·sign_k·pair_strength_k(u, v), -1, 1), default κ."""
    kappa = {"alliance": 1.0, "partnership": 0.5, "trade": 0.5, "rivalry": 1.0}
    H = g.signed()
    codes = g.codes
    for i, u in enumerate(codes):
        for v in codes[i + 1 :]:
            raw = sum(
                w * TieKind(k).sign * g.pair_strength(u, v, k) for k, w in kappa.items()
            )
            s = min(1.0, max(-1.0, raw))
            weight = H[u][v]["weight"] if H.has_edge(u, v) else 0.0
            assert weight == pytest.approx(s, abs=1e-12)
            if H.has_edge(u, v):
                assert weight != 0
                assert H[u][v]["sign"] == (1 if weight > 0 else -1)


# -- the shared strategies keep their promises ----------------------------------


@given(graph_and_sequence(dated=True))
def test_graph_and_sequence_contract(
    case: tuple[RelationGraph, ContactSequence, tuple[str, ...]],
) -> None:
    graph, seq, poles = case
    assert seq.focal in graph
    assert all(p in graph and p != seq.focal for p in seq.partners)
    assert 2 <= len(poles) <= 3 and len(set(poles)) == len(poles)
    assert all(p in graph and p != seq.focal for p in poles)
    assert all(b.on <= a.on for b, a in itertools.pairwise(seq.contacts))


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("balanced", [False, True])
def test_signed_graph_strategies_contract(weighted: bool, balanced: bool) -> None:
    build = balanced_signed_graphs if balanced else signed_graphs

    @given(build(min_nodes=3, max_nodes=7, weighted=weighted, connected=True))
    def check(G: nx.Graph) -> None:
        assert isinstance(G, nx.Graph) and not G.is_directed()
        assert 3 <= G.number_of_nodes() <= 7 and nx.is_connected(G)
        for _, _, d in G.edges(data=True):
            assert d["sign"] in (1, -1)
            assert d["weight"] != 0 and -1 <= d["weight"] <= 1
            assert (d["weight"] > 0) == (d["sign"] > 0)
            if not weighted:
                assert d["weight"] == d["sign"]
        if balanced:
            left, right = G.graph["camps"]
            assert left | right == set(G) and not left & right
            for u, v, s in G.edges(data="sign"):
                assert s == (1 if (u in left) == (v in left) else -1)
            for tri in (c for c in nx.enumerate_all_cliques(G) if len(c) == 3):
                a, b, c = tri
                assert G[a][b]["sign"] * G[b][c]["sign"] * G[a][c]["sign"] > 0

    check()


# -- tie order and equality (issue 11) -------------------------------------------


def test_round_trips_keep_the_order_of_the_ties(tmp_path: Any) -> None:
    """Ties listed across nodes (KOR-USA, CHN-JPN, KOR-CHN, USA-CHN): networkx
    stores edges grouped by source node, the round trips must not."""
    ties = [
        _t("KOR", "USA", "alliance", 1.0),
        _t("CHN", "JPN", "trade", 0.2),
        _t("KOR", "CHN", "trade", 0.25),
        _t("USA", "CHN", "rivalry", 1.0),
    ]
    g = RelationGraph(ties, name="order")
    grouped = [d["tie"] for _, _, d in g.nx_graph.edges(data=True)]
    assert grouped != list(ties)  # the store's own order is by node
    path = tmp_path / "order.graphml"
    g.write_graphml(path)
    for back in (
        RelationGraph.from_json(g.to_json()),
        RelationGraph.from_node_link(g.to_node_link()),
        RelationGraph.from_networkx(g.to_networkx()),
        RelationGraph.read_graphml(path),
    ):
        assert back.ties == tuple(ties)
        assert back.identical(g)


def test_equality_ignores_order_identical_does_not() -> None:
    g = RelationGraph(TOY_TIES, name="toy")
    shuffled = RelationGraph(TOY_TIES[::-1], name="toy")
    assert shuffled == g and not shuffled.identical(g)
    assert g.identical(RelationGraph(TOY_TIES, name="toy"))
    assert not g.identical(RelationGraph(TOY_TIES, name="toy", check_codes=False))
    assert not g.identical("toy")


def test_from_networkx_follows_G_without_order_and_checks_it() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("USA", "CHN", kind="rivalry", strength=1.0)
    G.add_edge("KOR", "USA", kind="alliance", strength=1.0)
    g = RelationGraph.from_networkx(G)
    assert [t.kind.value for t in g.ties] == ["rivalry", "alliance"]
    G.edges["USA", "CHN", 0]["order"] = 1
    with pytest.raises(
        InvalidGraphError, match=r"'order' must be a distinct integer on every edge"
    ):
        RelationGraph.from_networkx(G)
    G.edges["KOR", "USA", 0]["order"] = 0
    assert [t.kind.value for t in RelationGraph.from_networkx(G).ties] == [
        "alliance",
        "rivalry",
    ]


def test_registry_check_on_by_default() -> None:
    with pytest.raises(UnregisteredCodeError, match=r"did you mean 'CHN'\?") as info:
        RelationGraph([_t("KOR", "CNH", "trade", 0.2)])
    assert info.value.codes == ("CNH",) and info.value.suggestions == {"CNH": "CHN"}
    assert isinstance(info.value, UnknownStateError)
    g = RelationGraph([_t("KOR", "CNH", "trade", 0.2)], check_codes=False)
    assert g.codes == ("KOR", "CNH") and not g.registry_checked
    historical = RelationGraph([_t("DDR", "SUN", "alliance", 1.0)])
    assert historical.registry_checked


def test_readers_name_what_is_wrong(tmp_path: Any) -> None:
    with pytest.raises(InvalidGraphError, match=r"needs a 'nodes' list, got None"):
        RelationGraph.from_json("{}")
    with pytest.raises(InvalidGraphError, match=r"Node-link format 'other/2' is not"):
        RelationGraph.from_json('{"nodes": [], "graph": {"format": "other/2"}}')
    with pytest.raises(InvalidGraphError, match=r"Node 'KOR' is listed twice"):
        RelationGraph.from_json('{"nodes": [{"id": "KOR"}, {"id": "KOR"}]}')
    with pytest.raises(MissingFileError, match=r"GraphML file .* does not exist"):
        RelationGraph.read_graphml(tmp_path / "none.graphml")
    bad = tmp_path / "bad.graphml"
    bad.write_text("<graphml>\n<graph>\n</graphml>", encoding="utf-8")
    with pytest.raises(
        DataFormatError, match=r"bad\.graphml, line 3: is not well-formed"
    ):
        RelationGraph.read_graphml(bad)


# -- columnar store (issue 9: lazily made networkx graph) ---------------------------


def test_networkx_store_is_made_on_first_use(toy: RelationGraph) -> None:
    toy.strength_tensor()
    toy.signed()
    toy.at("2025-06-04").signed_matrix()
    assert toy.pair_strength("KOR", "CHN", "trade") == 0.2
    assert [t.kind.value for t in toy.ties_between("JPN", "USA")] == ["alliance"]
    assert toy._G is None  # no measure needed it
    assert toy.nx_graph.number_of_edges() == 10
    assert toy._G is not None
    assert [1] not in toy and None not in toy  # unhashable or not a code: absent


def test_snapshots_share_the_tie_objects() -> None:
    g = _dated()
    snap = g.at("2025-06-04")
    assert [t.strength for t in snap.ties] == [0.2, 1.0]
    assert snap.ties[0] is g.ties[0] and snap.ties[1] is g.ties[2]
    assert snap.states is g.states


def test_strength_is_the_largest_of_several_periods() -> None:
    """Trade KOR->CHN 0.2 (2025) and 0.3 (2024): without a snapshot, 0.3."""
    g = _dated()
    assert g.strength("KOR", "CHN", "trade") == 0.3
    assert g.to_numpy("trade", ["KOR", "CHN"]).tolist() == [[0.0, 0.3], [0.0, 0.0]]
