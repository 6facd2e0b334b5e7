"""Structural measures (METHODS §3) through the public wrappers."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import balanced_signed_graphs, signed_graphs

import middlepower as mp
from middlepower.exceptions import InvalidGraphError, InvalidParameterError

POLES = ("USA", "CHN")


def toy_graph() -> mp.RelationGraph:
    """METHODS §7's toy graph (undated ties)."""
    T = mp.Tie
    return mp.RelationGraph(
        [
            T(source="KOR", target="USA", kind="alliance", strength=1),
            T(source="USA", target="JPN", kind="alliance", strength=1),
            T(source="KOR", target="JPN", kind="partnership", strength=0.5),
            T(source="KOR", target="CHN", kind="partnership", strength=1),
            T(source="USA", target="CHN", kind="rivalry", strength=1),
            T(source="KOR", target="CHN", kind="trade", strength=0.2),
            T(source="KOR", target="USA", kind="trade", strength=0.15),
            T(source="KOR", target="JPN", kind="trade", strength=0.05),
            T(source="KOR", target="CHN", kind="neighbour", strength=1),
            T(source="KOR", target="JPN", kind="neighbour", strength=1),
        ]
    )


@pytest.fixture
def editorial() -> mp.RelationGraph:
    sc = mp.load_scenario("korea-2025")
    return mp.RelationGraph.from_scenario(sc).at("2025-06-04")


# -- hand-computed values ---------------------------------------------------


def test_toy_two_track() -> None:
    """sigma = (1, 0): only the KOR-USA alliance is a security tie (partnership
    is diplomatic). epsilon: CHN 0.2 (0,1) + USA 0.15 (1,0) + JPN 0.05 (1,0)
    = (0.2, 0.2) -> (0.5, 0.5). T = (|1-0.5| + |0-0.5|)/2 = 0.5."""
    assert mp.two_track(toy_graph(), "KOR", POLES) == pytest.approx(0.5, abs=1e-12)


def test_toy_cross_pressure() -> None:
    """s_KOR,USA = clip(1 + 0.075) = 1, s_KOR,CHN = 0.5 + 0.1 = 0.6,
    s_KOR,JPN = 0.25 + 0.025 = 0.275. Pairs: USA-CHN 0.6 x hostility 1,
    USA-JPN 0.275 x 0, CHN-JPN 0.165 x 0. CP = 0.6 / 1.04 = 0.5769."""
    assert mp.cross_pressure(toy_graph(), "KOR") == pytest.approx(0.6 / 1.04, abs=1e-12)


def test_toy_structural_equidistance() -> None:
    """c = 1 (1,0) [USA] + 0.6 (0,1) [CHN] + 0.275 (1,0) [JPN] = (1.275, 0.6),
    normalised (0.68, 0.32); E = 1 - (|0.68-0.5| + |0.32-0.5|) = 0.64."""
    assert mp.structural_equidistance(toy_graph(), "KOR", POLES) == pytest.approx(
        0.64, abs=1e-12
    )


def test_editorial_two_track(editorial: mp.RelationGraph) -> None:
    """sigma = (1, 0) (alliance with the US only). Trade 2024 shares: USA 0.152
    (1,0), JPN 0.059 (1,0) [JPN is allied to the US], CHN 0.206 (0,1):
    epsilon = (0.211, 0.206)/0.417 = (0.50600, 0.49400). T = 0.49400."""
    assert mp.two_track(editorial, "KOR", POLES) == pytest.approx(0.206 / 0.417)


def test_editorial_cross_pressure(editorial: mp.RelationGraph) -> None:
    """s: USA clip(1 + 0.5*0.152) = 1; CHN 0.5*1 + 0.5*0.206 = 0.603;
    JPN 0.5*0.5 + 0.5*0.059 = 0.2795. Only USA-CHN is hostile (-1):
    CP = 0.603 / (0.603 + 0.2795 + 0.603*0.2795) = 0.603/1.0510385 = 0.57372."""
    expected = 0.603 / (0.603 + 0.2795 + 0.603 * 0.2795)
    assert mp.cross_pressure(editorial, "KOR") == pytest.approx(expected)


def test_editorial_structural_equidistance(editorial: mp.RelationGraph) -> None:
    """c = USA 1 (1,0) + JPN 0.2795 (1,0) + CHN 0.603 (0,1) = (1.2795, 0.603);
    share to the US 1.2795/1.8825 = 0.67968; E = 1 - 2|0.67968 - 0.5|
    = 0.64064."""
    share = 1.2795 / 1.8825
    assert mp.structural_equidistance(editorial, "KOR", POLES) == pytest.approx(
        1 - 2 * abs(share - 0.5)
    )


def test_editorial_brokerage_matches_networkx(editorial: mp.RelationGraph) -> None:
    """Brokerage = 1 - networkx's Burt constraint on the positive part."""
    S = editorial.signed()
    P = nx.Graph()
    P.add_nodes_from(S)
    P.add_weighted_edges_from((u, v, w) for u, v, w in S.edges(data="weight") if w > 0)
    expected = 1 - nx.constraint(P, nodes=["KOR"], weight="weight")["KOR"]
    assert mp.brokerage(editorial, "KOR") == pytest.approx(expected)


def test_editorial_camps(editorial: mp.RelationGraph) -> None:
    """Weighted: cutting KOR-CHN (0.603) is cheaper than USA-CHN (1), so the
    camps are {KOR, USA, JPN} vs {CHN} with L = 0.603; unweighted L = 1 (one
    negative edge in the USA-KOR-CHN triangle)."""
    res = mp.frustration(editorial, weighted=True, method="exact")
    assert res.exact
    assert res.index == pytest.approx(0.603)
    tied = {c for e in editorial.signed().edges for c in e}
    camps = {frozenset(c & tied) for c in res.partition}
    assert camps == {frozenset({"KOR", "USA", "JPN", "AUS"}), frozenset({"CHN"})}
    assert mp.frustration(editorial, method="exact").index == 1.0


def test_tribes_reference_values() -> None:
    """Read's tribes: signnet's published balance scores and line index 7."""
    G = mp.load_tribes()
    assert mp.triad_balance(G) == pytest.approx(0.8676470588235294)
    assert mp.walk_balance(G) == pytest.approx(0.3575761056584655)
    res = mp.frustration(G, method="exact")
    assert (res.index, res.exact) == (7.0, True)
    assert res.normalized == pytest.approx(1 - 14 / 58)


def test_none_when_undefined() -> None:
    G = nx.Graph()
    G.add_edge("A", "B", sign=1)
    assert mp.cross_pressure(G, "A") is None  # one friend only
    assert mp.triad_balance(G) is None  # no triangle
    G.add_edge("A", "C", sign=-1)
    assert mp.structural_equidistance(G, "C", ("A", "B")) is None  # no friend
    assert mp.brokerage(G, "C") is None
    g = mp.RelationGraph(
        [
            mp.Tie(source="AA", target="BB", kind="alliance", strength=1),
            mp.Tie(source="BB", target="CC", kind="rivalry", strength=1),
        ],
        check_codes=False,
    )
    g2 = mp.RelationGraph(
        [*g.ties, mp.Tie(source="CC", target="AA", kind="trade", strength=0.3)],
        check_codes=False,
    )
    assert mp.two_track(g, "AA", ("BB", "CC")) is None  # no trade tie
    assert mp.two_track(g2, "CC", ("AA", "BB")) is None  # no positive security tie


# -- bad input --------------------------------------------------------------


def _g(*edges: tuple[object, object, dict[str, object]]) -> nx.Graph:
    G = nx.Graph()
    G.add_edges_from(edges)
    return G


BAD_GRAPHS = [
    (nx.DiGraph([("A", "B", {"sign": 1})]), "undirected"),
    (nx.MultiGraph([("A", "B", {"sign": 1})]), "multigraph"),
    (_g(("A", "A", {"sign": 1}), ("A", "B", {"sign": 1})), "Self-loops"),
    (_g(("A", "B", {"weight": 0.0})), "non-zero"),
    (_g(("A", "B", {"weight": float("nan")})), "finite"),
    (_g(("A", "B", {})), "no 'sign'"),
    (_g(("A", "B", {"sign": 2})), "sign 2"),
    (_g(("A", "B", {"sign": 1, "weight": -0.5})), "sign 1 but weight -0.5"),
    (_g(("A", "B", {"weight": "strong"})), "non-numeric weight 'strong'"),
]


@pytest.mark.parametrize(("graph", "message"), BAD_GRAPHS)
@pytest.mark.parametrize(
    "measure",
    [
        lambda G: mp.triad_balance(G),
        lambda G: mp.walk_balance(G),
        lambda G: mp.frustration(G),
        lambda G: mp.cross_pressure(G, "A"),
        lambda G: mp.brokerage(G, "A"),
        lambda G: mp.structural_equidistance(G, "A", ("A", "B")),
    ],
)
def test_bad_graphs_are_rejected(
    graph: nx.Graph, message: str, measure: object
) -> None:
    with pytest.raises(InvalidGraphError, match=message):
        measure(graph)  # type: ignore[operator]


def test_two_track_needs_a_relation_graph() -> None:
    with pytest.raises(InvalidGraphError, match="pass a RelationGraph"):
        mp.two_track(_g(("A", "B", {"sign": 1})), "A", ("A", "B"))  # type: ignore[arg-type]


def test_unknown_codes_and_methods(editorial: mp.RelationGraph) -> None:
    with pytest.raises(mp.UnknownStateError, match="'PRK'"):
        mp.cross_pressure(editorial, "PRK")
    with pytest.raises(mp.UnknownStateError, match="'RUS'"):
        mp.structural_equidistance(editorial, "KOR", ("USA", "RUS"))
    with pytest.raises(InvalidParameterError, match="'magic'"):
        mp.frustration(editorial, method="magic")  # type: ignore[arg-type]


# -- properties -------------------------------------------------------------


def _sign_matrix(G: nx.Graph, weighted: bool) -> tuple[list[object], np.ndarray]:
    nodes = list(G)
    key = "weight" if weighted else "sign"
    return nodes, nx.to_numpy_array(G, nodelist=nodes, weight=key)


def _enumerate_triads(G: nx.Graph, weighted: bool) -> float | None:
    nodes, S = _sign_matrix(G, weighted)
    bal = total = 0.0
    for i, j, k in itertools.combinations(range(len(nodes)), 3):
        prod = S[i, j] * S[j, k] * S[i, k]
        if prod != 0:
            total += abs(prod)
            bal += abs(prod) if prod > 0 else 0.0
    return None if total == 0 else bal / total


@settings(deadline=None)
@given(signed_graphs(max_nodes=9), st.booleans())
def test_triad_balance_equals_enumeration(G: nx.Graph, weighted: bool) -> None:
    expected = _enumerate_triads(G, weighted)
    got = mp.triad_balance(G, weighted=weighted)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected, abs=1e-9)


@settings(deadline=None)
@given(signed_graphs(max_nodes=9))
def test_triangle_counts_equal_enumeration(G: nx.Graph) -> None:
    nodes, S = _sign_matrix(G, False)
    counts = dict.fromkeys(("+++", "++-", "+--", "---"), 0)
    for i, j, k in itertools.combinations(range(len(nodes)), 3):
        signs = [S[i, j], S[j, k], S[i, k]]
        if all(signs):
            neg = sum(s < 0 for s in signs)
            counts[["+++", "++-", "+--", "---"][neg]] += 1
    assert mp.triangle_counts(G) == counts


@settings(deadline=None)
@given(balanced_signed_graphs(max_nodes=10))
def test_walk_balance_is_one_on_balanced_graphs(G: nx.Graph) -> None:
    wb = mp.walk_balance(G)
    if G.number_of_edges() == 0:
        assert wb is None
    else:
        assert wb == pytest.approx(1.0, abs=1e-12)


def _brute_frustration(G: nx.Graph, weighted: bool) -> float:
    nodes = list(G)
    edges = [
        (nodes.index(u), nodes.index(v), d["weight"] if weighted else d["sign"])
        for u, v, d in G.edges(data=True)
    ]
    best = math.inf
    for bits in itertools.product((0, 1), repeat=max(len(nodes) - 1, 0)):
        x = (0, *bits)
        cost = sum(abs(w) for u, v, w in edges if (w > 0) == (x[u] != x[v]))
        best = min(best, cost)
    return 0.0 if best == math.inf else best


def _cost(G: nx.Graph, camps: tuple[frozenset[object], ...], weighted: bool) -> float:
    side = dict.fromkeys(camps[0], 0) | dict.fromkeys(camps[1], 1)
    total = 0.0
    for u, v, d in G.edges(data=True):
        w = d["weight"] if weighted else d["sign"]
        if (w > 0) == (side[u] != side[v]):
            total += abs(w)
    return total


@settings(deadline=None, max_examples=60)
@given(signed_graphs(max_nodes=12), st.booleans())
def test_exact_frustration_equals_brute_force(G: nx.Graph, weighted: bool) -> None:
    res = mp.frustration(G, weighted=weighted, method="exact")
    assert res.exact
    assert res.index == pytest.approx(_brute_frustration(G, weighted), abs=1e-9)
    assert set().union(*res.partition) == set(G)
    assert _cost(G, res.partition, weighted) == pytest.approx(res.index, abs=1e-9)
    heur = mp.frustration(G, weighted=weighted, method="heuristic", seed=1)
    assert res.index <= heur.index + 1e-9
    assert _cost(G, heur.partition, weighted) == pytest.approx(heur.index, abs=1e-9)


@settings(deadline=None)
@given(balanced_signed_graphs(max_nodes=12))
def test_frustration_zero_on_balanced_graphs(G: nx.Graph) -> None:
    res = mp.frustration(G, method="exact")
    assert res.index == 0.0
    assert mp.frustration(G, method="heuristic", seed=0).index == 0.0


@settings(deadline=None)
@given(signed_graphs(min_nodes=3, max_nodes=10))
def test_frustration_zero_iff_balanced(G: nx.Graph) -> None:
    """Balanced iff no cycle has an odd number of negative edges, checked by a
    BFS 2-colouring (same camp across +, other camp across -)."""
    side: dict[object, int] = {}
    balanced = True
    for root in G:
        if root in side:
            continue
        side[root] = 0
        queue = [root]
        while queue:
            u = queue.pop()
            for v, d in G[u].items():
                want = side[u] if d["sign"] > 0 else 1 - side[u]
                if v not in side:
                    side[v] = want
                    queue.append(v)
                elif side[v] != want:
                    balanced = False
    assert (mp.frustration(G, method="exact").index == 0) == balanced


@settings(deadline=None)
@given(signed_graphs(min_nodes=3, max_nodes=8), st.randoms(use_true_random=False))
def test_structural_measures_ignore_relabelling(G: nx.Graph, rnd: object) -> None:
    nodes = list(G)
    perm = nodes[:]
    rnd.shuffle(perm)  # type: ignore[attr-defined]
    H = nx.relabel_nodes(G, dict(zip(nodes, [f"S{p}" for p in perm], strict=True)))
    f, g = nodes[0], f"S{perm[0]}"
    for a, b in [
        (mp.triad_balance(G), mp.triad_balance(H)),
        (mp.walk_balance(G), mp.walk_balance(H)),
        (mp.cross_pressure(G, f), mp.cross_pressure(H, g)),
        (mp.brokerage(G, f), mp.brokerage(H, g)),
        (
            mp.frustration(G, method="exact").index,
            mp.frustration(H, method="exact").index,
        ),
    ]:
        assert (a is None and b is None) or a == pytest.approx(b, abs=1e-9)


@settings(deadline=None)
@given(signed_graphs(min_nodes=3, max_nodes=8, weighted=True))
def test_scores_stay_in_range(G: nx.Graph) -> None:
    nodes = list(G)
    for value in [
        mp.triad_balance(G),
        mp.triad_balance(G, weighted=True),
        mp.cross_pressure(G, nodes[0]),
        mp.brokerage(G, nodes[0]),
        mp.structural_equidistance(G, nodes[0], (nodes[1], nodes[2])),
    ]:
        assert value is None or 0.0 <= value <= 1.0
    wb = mp.walk_balance(G)
    assert wb is None or 0.0 < wb <= 1.0 + 1e-12
