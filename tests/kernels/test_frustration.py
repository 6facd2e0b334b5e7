"""Tests for the frustration (line index of balance) kernels."""

from __future__ import annotations

import csv
import time
from collections import deque
from pathlib import Path
from random import Random

import numpy as np
import pytest
from benchmarks.and_model import frustration_and_model_baseline
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from middlepower.kernels.frustration import (
    FrustrationSolution,
    _blocks,
    _cuts,
    _exact,
    _heuristic,
    _search,
    frustration_bruteforce,
    frustration_count,
    frustration_exact,
    frustration_heuristic,
)

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
Edges = tuple[int, IntArray, IntArray, FloatArray]

DATA = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "middlepower"
    / "datasets"
    / "data"
    / "signed_interstate"
)


def _edges(n: int, triples: list[tuple[int, int, float]]) -> Edges:
    """Edge arrays from (u, v, w) triples."""
    u = np.array([t[0] for t in triples], dtype=np.int64)
    v = np.array([t[1] for t in triples], dtype=np.int64)
    w = np.array([t[2] for t in triples], dtype=np.float64)
    return n, u, v, w


@st.composite
def signed_edge_arrays(
    draw: st.DrawFn,
    min_nodes: int = 0,
    max_nodes: int = 10,
    weighted: bool = False,
    integer_weights: bool = True,
    min_density: float = 0.0,
) -> Edges:
    """Random undirected signed graphs as edge arrays ``(n, u, v, w)``.

    Each node pair is an edge or not; each edge gets a sign and, if
    ``weighted``, a magnitude (an integer 1..5, or a float in [0.1, 3]).
    Isolated nodes are common.
    """
    n = draw(st.integers(min_nodes, max_nodes))
    iu, ju = np.triu_indices(n, 1)
    density = draw(st.floats(min_density, 1.0))
    present = np.array(
        draw(st.lists(st.floats(0.0, 1.0), min_size=iu.size, max_size=iu.size)),
        dtype=np.float64,
    )
    keep = present < density
    m = int(keep.sum())
    signs = np.array(
        draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=m, max_size=m)),
        dtype=np.float64,
    )
    if weighted:
        magnitude: st.SearchStrategy[float] = (
            st.integers(1, 5).map(float) if integer_weights else st.floats(0.1, 3.0)
        )
        signs *= np.array(
            draw(st.lists(magnitude, min_size=m, max_size=m)), dtype=np.float64
        )
    return n, iu[keep].astype(np.int64), ju[keep].astype(np.int64), signs


def _is_balanced(n: int, u: IntArray, v: IntArray, w: FloatArray) -> bool:
    """Balance by breadth-first 2-colouring (Harary): no sign conflict."""
    adj: list[list[tuple[int, bool]]] = [[] for _ in range(n)]
    for a, b, x in zip(u.tolist(), v.tolist(), w.tolist(), strict=True):
        adj[a].append((b, x < 0))
        adj[b].append((a, x < 0))
    colour: list[bool | None] = [None] * n
    for root in range(n):
        if colour[root] is not None:
            continue
        colour[root] = False
        queue = deque([root])
        while queue:
            a = queue.popleft()
            for b, differ in adj[a]:
                want = colour[a] != differ
                if colour[b] is None:
                    colour[b] = want
                    queue.append(b)
                elif colour[b] != want:
                    return False
    return True


def _check_solution(sol: FrustrationSolution, graph: Edges) -> None:
    """Shape, dtype and self-consistency of a solution."""
    n, u, v, w = graph
    assert sol.colours.shape == (n,)
    assert sol.colours.dtype == np.bool_
    assert frustration_count(u, v, w, sol.colours) == sol.index
    assert sol.lower_bound <= sol.index + 1e-9
    if sol.exact:
        assert sol.lower_bound == sol.index
    assert (sol.status == "optimal") == sol.exact
    assert sol.gap == pytest.approx(max(0.0, sol.index - sol.lower_bound))
    isolated = np.ones(n, dtype=bool)
    isolated[u] = False
    isolated[v] = False
    assert not sol.colours[isolated].any()


def _load(window: str) -> Edges:
    """One signed inter-state network, labels mapped in sorted order."""
    with (DATA / f"{window}.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    labels = sorted({r["from"] for r in rows} | {r["to"] for r in rows})
    index = {label: i for i, label in enumerate(labels)}
    return (
        len(labels),
        np.array([index[r["from"]] for r in rows], dtype=np.int64),
        np.array([index[r["to"]] for r in rows], dtype=np.int64),
        np.array([float(r["sign"]) for r in rows]),
    )


def _random_graph(
    seed: int, n: int, degree: float, negative: float, weights: str = "unit"
) -> Edges:
    """A seeded random signed graph with the given mean degree."""
    rng = np.random.default_rng(seed)
    iu, ju = np.triu_indices(n, 1)
    keep = rng.random(iu.size) < min(1.0, degree / (n - 1))
    m = int(keep.sum())
    w = np.where(rng.random(m) < negative, -1.0, 1.0)
    if weights == "int":
        w *= rng.integers(1, 5, m)
    elif weights == "float":
        w *= rng.uniform(0.1, 2.0, m)
    return n, iu[keep].astype(np.int64), ju[keep].astype(np.int64), w


ALL_SOLVERS = [
    frustration_bruteforce,
    frustration_exact,
    frustration_heuristic,
    frustration_and_model_baseline,
]


# --- hand-computed cases ------------------------------------------------------


HAND_CASES = [
    pytest.param(
        3,
        [(0, 1, 1.0), (1, 2, 1.0), (0, 2, -1.0)],
        1.0,
        id="triangle ++-",
    ),
    pytest.param(
        3,
        [(0, 1, 1.0), (1, 2, -1.0), (0, 2, -1.0)],
        0.0,
        id="triangle +--",
    ),
    pytest.param(
        3,
        [(0, 1, -1.0), (1, 2, -1.0), (0, 2, -1.0)],
        1.0,
        id="triangle ---",
    ),
    pytest.param(
        4,
        [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, -1.0)],
        1.0,
        id="4-cycle one negative",
    ),
    pytest.param(
        4,
        [(0, 1, -1.0), (1, 2, 1.0), (2, 3, -1.0), (3, 0, 1.0)],
        0.0,
        id="4-cycle two negatives",
    ),
    pytest.param(
        4,
        [(a, b, -1.0) for a in range(4) for b in range(a + 1, 4)],
        2.0,
        id="K4 all negative",
    ),
    pytest.param(
        3,
        [(0, 1, 3.0), (1, 2, 2.0), (0, 2, -1.0)],
        1.0,
        id="weighted triangle light negative",
    ),
    pytest.param(
        3,
        [(0, 1, 1.0), (1, 2, 2.0), (0, 2, -3.0)],
        1.0,
        id="weighted triangle light positive",
    ),
    pytest.param(
        7,
        [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, -1.0),
            (2, 3, -1.0),
            (3, 4, -1.0),
            (2, 4, -1.0),
            (4, 5, 1.0),
        ],
        2.0,
        id="two unbalanced triangles at a cut vertex plus a pendant",
    ),
    pytest.param(3, [], 0.0, id="no edges"),
    pytest.param(0, [], 0.0, id="empty graph"),
]


@pytest.mark.parametrize("solver", ALL_SOLVERS)
@pytest.mark.parametrize(("n", "triples", "expected"), HAND_CASES)
def test_hand_computed(
    solver: object, n: int, triples: list[tuple[int, int, float]], expected: float
) -> None:
    """Line indices worked out by hand.

    * ``++-`` triangle: the sign product is -1 so every colouring frustrates
      an odd number of edges; all nodes alike frustrates only the negative
      edge: L = 1.
    * ``+--`` triangle: camps {0, 1} | {2} frustrate nothing: L = 0.
    * ``---`` triangle: three nodes, two camps, so some pair shares a camp
      and its negative edge is frustrated; {0, 1} | {2} frustrates only 0-1:
      L = 1.
    * 4-cycle with one negative edge: odd number of negatives, so L >= 1;
      all alike frustrates only the negative edge: L = 1.
    * 4-cycle with negatives 0-1 and 2-3: camps {0, 3} | {1, 2}: L = 0.
    * K4 all negative: camps of sizes (2, 2) leave 1 + 1 = 2 same-camp pairs,
      (1, 3) leaves 3 and (0, 4) leaves 6: L = 2.
    * Triangle +3, +2, -1: unbalanced, cheapest edge to frustrate weighs 1.
    * Triangle +1, +2, -3: likewise, frustrate the +1 edge: L = 1.
    * Triangles {0,1,2} (++-) and {2,3,4} (---) share cut vertex 2, pendant
      edge 4-5 and isolated node 6: L = 1 + 1 + 0 = 2.
    * No edges: L = 0.
    """
    graph = _edges(n, triples)
    sol = solver(*graph)  # type: ignore[operator]
    assert isinstance(sol, FrustrationSolution)
    assert sol.index == expected
    _check_solution(sol, graph)
    if solver is not frustration_heuristic:
        assert sol.exact


def test_frustration_count_hand() -> None:
    """Triangle ++- with nodes 0, 1 in one camp and 2 in the other.

    Edge 0-1 (+, same camp): fine. Edge 1-2 (+, different camps): frustrated,
    weight 2. Edge 0-2 (-, different camps): fine. L = 2.
    """
    _, u, v, w = _edges(3, [(0, 1, 1.0), (1, 2, 2.0), (0, 2, -1.0)])
    assert frustration_count(u, v, w, np.array([False, False, True])) == 2.0
    assert frustration_count(u, v, w, [1, 1, 0]) == 2.0
    assert frustration_count(u, v, w, [False, False, False]) == 1.0


def test_real_network_1946_49() -> None:
    """The 1946-49 inter-state network (64 states, 362 edges): L = 17.

    Reference value from the plain AND model solved by HiGHS, which the
    reductions, blocks and cutting planes of the exact solver must reproduce.
    """
    graph = _load("46-49")
    exact = frustration_exact(*graph)
    assert exact.exact
    assert exact.index == 17.0
    _check_solution(exact, graph)
    heuristic = frustration_heuristic(*graph, seed=0)
    assert heuristic.index == 17.0
    _check_solution(heuristic, graph)


# --- properties ------------------------------------------------------------------


@settings(deadline=None, max_examples=120)
@given(signed_edge_arrays(max_nodes=12))
def test_exact_equals_bruteforce_unweighted(graph: Edges) -> None:
    brute = frustration_bruteforce(*graph)
    exact = frustration_exact(*graph)
    assert exact.exact
    assert exact.index == brute.index
    _check_solution(exact, graph)
    _check_solution(brute, graph)


@settings(deadline=None, max_examples=80)
@given(signed_edge_arrays(max_nodes=12, weighted=True))
def test_exact_equals_bruteforce_integer_weights(graph: Edges) -> None:
    brute = frustration_bruteforce(*graph)
    exact = frustration_exact(*graph)
    assert exact.exact
    assert exact.index == brute.index
    _check_solution(exact, graph)


@settings(deadline=None, max_examples=80)
@given(signed_edge_arrays(max_nodes=12, weighted=True, integer_weights=False))
def test_exact_equals_bruteforce_float_weights(graph: Edges) -> None:
    brute = frustration_bruteforce(*graph)
    exact = frustration_exact(*graph)
    assert exact.exact
    assert exact.index == pytest.approx(brute.index, abs=1e-9)
    _check_solution(exact, graph)


@settings(deadline=None, max_examples=150)
@given(
    signed_edge_arrays(min_nodes=4, max_nodes=11, weighted=True, min_density=0.5),
    st.sampled_from(["packing", "lp", "milp"]),
    st.booleans(),
)
def test_search_path_equals_bruteforce(graph: Edges, path: str, sparse: bool) -> None:
    """With enumeration limited to 2-node blocks, every larger block goes
    through local search and triangle packing, then (packing bound switched
    off) the cycle-inequality LP, then (LP switched off too) the integer
    programme; all must still be exact. ``sparse`` runs the local search on a
    CSR weight matrix and separates cuts from windows of three source nodes."""
    brute = frustration_bruteforce(*graph)
    with pytest.MonkeyPatch.context() as mp:
        # each name is patched in the module that looks it up
        mp.setattr(_exact, "_ENUM_MAX_NODES", 2)
        mp.setattr(_heuristic, "_ENUM_MAX_NODES", 2)
        if sparse:
            mp.setattr(_search, "_DENSE_MAX_NODES", 1)
            mp.setattr(_exact, "_MAX_SOURCES", 3)
        if path != "packing":
            mp.setattr(_exact, "_packing_bound", lambda w, triangles: 0.0)
            mp.setattr(_heuristic, "_packing_bound", lambda w, triangles: 0.0)
        if path == "milp":
            mp.setattr(_exact, "_LP_MAX_ROUNDS", 0)
        exact = frustration_exact(*graph)
        heuristic = frustration_heuristic(*graph, seed=1)
    assert exact.exact
    assert exact.index == brute.index
    assert heuristic.index >= exact.index
    _check_solution(exact, graph)
    _check_solution(heuristic, graph)


@settings(deadline=None, max_examples=80)
@given(signed_edge_arrays(max_nodes=12), st.integers(0, 2**32 - 1))
def test_exact_at_most_heuristic(graph: Edges, seed: int) -> None:
    exact = frustration_exact(*graph)
    heuristic = frustration_heuristic(*graph, seed=seed)
    assert exact.index <= heuristic.index
    _check_solution(heuristic, graph)
    if heuristic.exact:
        assert heuristic.index == exact.index


@settings(deadline=None, max_examples=80)
@given(signed_edge_arrays(max_nodes=12, weighted=True))
def test_zero_iff_balanced(graph: Edges) -> None:
    exact = frustration_exact(*graph)
    assert (exact.index == 0.0) == _is_balanced(*graph)


@settings(deadline=None, max_examples=25)
@given(signed_edge_arrays(max_nodes=8, weighted=True))
def test_baseline_equals_exact(graph: Edges) -> None:
    baseline = frustration_and_model_baseline(*graph)
    exact = frustration_exact(*graph)
    assert baseline.exact
    assert baseline.index == exact.index
    _check_solution(baseline, graph)


@settings(deadline=None, max_examples=40)
@given(signed_edge_arrays(max_nodes=10), st.randoms(use_true_random=False))
def test_relabelling_invariance(graph: Edges, rnd: Random) -> None:
    n, u, v, w = graph
    order = list(range(n))
    rnd.shuffle(order)
    perm = np.array(order, dtype=np.int64)
    swapped = frustration_exact(n, perm[v], perm[u], w)
    assert swapped.index == frustration_exact(*graph).index


@pytest.mark.parametrize(
    ("seed", "n", "degree", "negative", "weights"),
    [
        (0, 30, 6.0, 0.3, "unit"),
        (1, 40, 5.0, 0.2, "int"),
        (2, 35, 6.0, 0.25, "float"),
        (3, 60, 4.0, 0.15, "unit"),
    ],
)
def test_exact_matches_baseline_beyond_enumeration(
    seed: int, n: int, degree: float, negative: float, weights: str
) -> None:
    """Graphs whose core block exceeds 20 nodes: LP/ILP path vs AND model."""
    graph = _random_graph(seed, n, degree, negative, weights)
    exact = frustration_exact(*graph)
    baseline = frustration_and_model_baseline(*graph)
    heuristic = frustration_heuristic(*graph, seed=seed)
    assert exact.exact
    assert baseline.exact
    assert exact.index == pytest.approx(baseline.index, abs=1e-6)
    assert heuristic.index >= exact.index - 1e-9
    _check_solution(exact, graph)
    _check_solution(heuristic, graph)


def test_heuristic_is_deterministic_given_seed() -> None:
    graph = _random_graph(5, 50, 6.0, 0.3)
    a = frustration_heuristic(*graph, seed=42)
    b = frustration_heuristic(*graph, seed=42)
    assert a.index == b.index
    assert np.array_equal(a.colours, b.colours)


def test_heuristic_restarts_argument() -> None:
    graph = _random_graph(6, 40, 6.0, 0.3)
    sol = frustration_heuristic(*graph, seed=0, restarts=1)
    _check_solution(sol, graph)
    assert sol.index >= frustration_exact(*graph).index


def test_time_limit_returns_bound() -> None:
    """A dense 30-node graph with random signs and a time limit that has
    already expired: the search result is returned, flagged as not proven,
    with a lower bound no larger than the index."""
    graph = _random_graph(7, 30, 29.0, 0.5)
    sol = frustration_exact(*graph, time_limit=1e-9)
    assert not sol.exact
    assert sol.status == "time_limit"
    assert 0.0 <= sol.lower_bound < sol.index
    assert sol.gap == sol.index - sol.lower_bound > 0
    _check_solution(sol, graph)


def test_heuristic_without_proof_says_unproven() -> None:
    """The same dense graph: the local search cannot reach the triangle
    packing bound, so the heuristic returns a bound, not a proof."""
    graph = _random_graph(7, 30, 29.0, 0.5)
    sol = frustration_heuristic(*graph, seed=0)
    assert not sol.exact and sol.status == "unproven"
    _check_solution(sol, graph)


@pytest.mark.parametrize("time_limit", [1e-9, 0.05])
def test_time_limit_on_a_hard_graph(time_limit: float) -> None:
    """G(100, 0.1) with random signs (no proof within a minute): a tiny limit
    returns a colouring of every node, flagged, with lower_bound <= index.
    The limit stops the search: 30 s is a wide margin, not a speed target."""
    rng = np.random.default_rng(11)
    iu, ju = np.triu_indices(100, 1)
    keep = rng.random(iu.size) < 0.1
    w = np.where(rng.random(int(keep.sum())) < 0.5, -1.0, 1.0)
    graph = (100, iu[keep].astype(np.int64), ju[keep].astype(np.int64), w)
    start = time.monotonic()
    sol = frustration_exact(*graph, time_limit=time_limit)
    assert time.monotonic() - start < 30.0
    assert not sol.exact and sol.status == "time_limit"
    assert sol.lower_bound <= sol.index
    _check_solution(sol, graph)


def test_bruteforce_node_limit() -> None:
    with pytest.raises(ValueError, match="too many nodes"):
        frustration_bruteforce(25, [0], [1], [1.0])


# --- validation -----------------------------------------------------------------


@pytest.mark.parametrize("solver", ALL_SOLVERS)
@pytest.mark.parametrize(
    ("n", "u", "v", "w", "message"),
    [
        (3, [0, 1], [1, 1], [1.0, -1.0], r"Edge 1 \(1, 1\) is a self-loop"),
        (3, [0, 1], [1, 0], [1.0, -1.0], r"Edge 1 \(1, 0\) repeats the node pair"),
        (3, [0, 0], [1, 1], [1.0, 1.0], r"Edge 1 \(0, 1\) repeats the node pair"),
        (3, [0, 1], [1, 2], [1.0, 0.0], r"Edge 1 \(1, 2\) has weight 0"),
        (3, [0, 1], [1, 2], [np.nan, 1.0], r"Edge 0 \(0, 1\) has weight nan"),
        (3, [0, 1], [1, 2], [1.0, np.inf], r"Edge 1 \(1, 2\) has weight inf"),
        (3, [0, 1], [1, 3], [1.0, 1.0], r"Edge 1 \(1, 3\) has an endpoint outside"),
        (3, [-1, 1], [1, 2], [1.0, 1.0], r"Edge 0 \(-1, 1\) has an endpoint outside"),
        (3, [0, 1], [1], [1.0, 1.0], "one entry per edge"),
        (3, [0.0, 1.0], [1, 2], [1.0, 1.0], "must hold integers"),
        (3, [[0, 1]], [[1, 2]], [1.0, 1.0], "must be 1-D"),
        (-1, [], [], [], "must be non-negative"),
        (2.5, [], [], [], "must be an integer"),
    ],
)
def test_invalid_input(
    solver: object, n: object, u: object, v: object, w: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        solver(n, u, v, w)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("colours", "message"),
    [
        ([[True, False, True]], "must be a 1-D array"),
        ([0.5, 1.0, 0.0], "must be booleans"),
        ([True, False], r"Edge 1 \(1, 2\) has an endpoint outside"),
    ],
)
def test_frustration_count_invalid(colours: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        frustration_count([0, 1], [1, 2], [1.0, -1.0], colours)  # type: ignore[arg-type]


@pytest.mark.parametrize("restarts", [0, -3, 2.5, True])
def test_invalid_restarts(restarts: object) -> None:
    with pytest.raises(ValueError, match="restarts must be a positive integer"):
        frustration_heuristic(2, [0], [1], [1.0], restarts=restarts)  # type: ignore[arg-type]


@pytest.mark.parametrize("time_limit", [0, -1.0, "1"])
def test_invalid_time_limit(time_limit: object) -> None:
    with pytest.raises(ValueError, match="time_limit must be a positive number"):
        frustration_exact(2, [0], [1], [1.0], time_limit=time_limit)  # type: ignore[arg-type]


# --- internals ------------------------------------------------------------------


@settings(deadline=None, max_examples=60)
@given(signed_edge_arrays(max_nodes=12, min_density=0.1))
def test_blocks_match_networkx(graph: Edges) -> None:
    """Blocks from the iterative Hopcroft-Tarjan search equal networkx's."""
    nx = pytest.importorskip("networkx")
    n, u, v, _ = graph
    blocks = _blocks._blocks(n, u, v)
    ours = sorted(sorted(b.tolist()) for b in blocks)
    G = nx.Graph()
    G.add_nodes_from(range(n))
    index = {}
    for k, (a, b) in enumerate(zip(u.tolist(), v.tolist(), strict=True)):
        G.add_edge(a, b)
        index[frozenset((a, b))] = k
    theirs = sorted(
        sorted(index[frozenset(e)] for e in comp)
        for comp in nx.biconnected_component_edges(G)
    )
    assert ours == theirs
    seen: set[int] = set()
    for block in blocks:
        members = set(u[block].tolist()) | set(v[block].tolist())
        assert len(members & seen) <= 1
        seen |= members


@settings(deadline=None, max_examples=40)
@given(signed_edge_arrays(max_nodes=12, min_density=0.3), st.randoms())
def test_pattern_colours_recovers_colouring(graph: Edges, rnd: Random) -> None:
    n, u, v, _ = graph
    colours = np.array([rnd.random() < 0.5 for _ in range(n)], dtype=np.bool_)
    differ = colours[u] != colours[v]
    rebuilt = _cuts._pattern_colours(n, u, v, differ)
    assert np.array_equal(rebuilt[u] != rebuilt[v], differ)
