"""Tests for the structural-balance kernels (triangle and walk balance)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from middlepower.exceptions import InvalidGraphError
from middlepower.kernels.balance import (
    TRIAD_TYPES,
    triad_balance_bruteforce,
    triad_balance_matrix,
    triad_counts,
    triad_counts_bruteforce,
    walk_balance_matrix,
)

FloatMatrix = NDArray[np.float64]


def _from_upper(n: int, values: list[float]) -> FloatMatrix:
    """Symmetric matrix with zero diagonal from its strict upper triangle."""
    S = np.zeros((n, n))
    S[np.triu_indices(n, 1)] = values
    return S + S.T


def _complete(n: int, negative: list[tuple[int, int]]) -> FloatMatrix:
    """Complete signed graph on n nodes, negative on the listed pairs."""
    S = np.ones((n, n)) - np.eye(n)
    for u, v in negative:
        S[u, v] = S[v, u] = -1.0
    return S


@st.composite
def signed_matrices(
    draw: st.DrawFn, min_nodes: int = 0, max_nodes: int = 10, weighted: bool = False
) -> FloatMatrix:
    """Random dense symmetric signed matrices with a zero diagonal.

    Unweighted entries are 0 (no edge), +1 or -1; weighted ones are 0 or a
    signed strength with magnitude in [0.05, 1].
    """
    n = draw(st.integers(min_nodes, max_nodes))
    m = n * (n - 1) // 2
    entry: st.SearchStrategy[float]
    if weighted:
        entry = st.one_of(
            st.just(0.0),
            st.tuples(st.sampled_from([-1.0, 1.0]), st.floats(0.05, 1.0)).map(
                lambda t: t[0] * t[1]
            ),
        )
    else:
        entry = st.sampled_from([0.0, 1.0, -1.0])
    return _from_upper(n, draw(st.lists(entry, min_size=m, max_size=m)))


@st.composite
def balanced_matrices(
    draw: st.DrawFn, min_nodes: int = 0, max_nodes: int = 10, weighted: bool = False
) -> FloatMatrix:
    """Signed matrices of balanced graphs: random camps, + inside, - across."""
    S = np.abs(draw(signed_matrices(min_nodes, max_nodes, weighted)))
    n = S.shape[0]
    camps = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    sign = np.where(camps[:, None] == camps[None, :], 1.0, -1.0)
    balanced: FloatMatrix = S * sign
    return balanced


# --- hand-computed cases ------------------------------------------------------


def test_positive_triangle_is_balanced() -> None:
    S = _complete(3, [])
    assert triad_balance_matrix(S) == 1.0
    assert triad_counts(S) == {"+++": 1, "++-": 0, "+--": 0, "---": 0}
    assert walk_balance_matrix(S) == 1.0


def test_one_negative_edge_triangle_is_unbalanced() -> None:
    S = _complete(3, [(1, 2)])
    assert triad_balance_matrix(S) == 0.0
    assert triad_counts(S) == {"+++": 0, "++-": 1, "+--": 0, "---": 0}


def test_two_negative_edges_triangle_is_balanced() -> None:
    S = _complete(3, [(0, 1), (0, 2)])
    assert triad_balance_matrix(S) == 1.0
    assert triad_counts(S) == {"+++": 0, "++-": 0, "+--": 1, "---": 0}


def test_all_negative_triangle_is_unbalanced() -> None:
    S = -_complete(3, [])
    assert triad_balance_matrix(S) == 0.0
    assert triad_counts(S) == {"+++": 0, "++-": 0, "+--": 0, "---": 1}


def test_walk_balance_of_unbalanced_triangle() -> None:
    """The ++- triangle is switching-equivalent to the all-negative one.

    Eigenvalues: S has {-2, 1, 1}; |S| (the all-positive triangle) {2, -1, -1}.
    W = (e^-2 + 2e) / (e^2 + 2/e) = 5.571899 / 8.124815 = 0.685788.
    """
    expected = (math.exp(-2) + 2 * math.e) / (math.exp(2) + 2 / math.e)
    result = walk_balance_matrix(_complete(3, [(1, 2)]))
    assert result == pytest.approx(expected, abs=1e-14)
    assert result == pytest.approx(0.685788, abs=1e-6)


def test_four_nodes_one_negative_edge() -> None:
    """K4 with the single negative edge 0-1.

    Triangles: {0,1,2} and {0,1,3} contain the negative edge (++-, unbalanced);
    {0,2,3} and {1,2,3} are +++ (balanced). So B = 2/4 = 0.5.
    Matrix form: tr(S^3) = 6 * (-1 - 1 + 1 + 1) = 0 and tr(|S|^3) = 6 * 4 = 24,
    so B = (1 + 0/24) / 2 = 0.5.
    """
    S = _complete(4, [(0, 1)])
    assert triad_balance_matrix(S) == 0.5
    assert triad_balance_bruteforce(S) == 0.5
    assert triad_counts(S) == {"+++": 2, "++-": 2, "+--": 0, "---": 0}


def test_four_nodes_signnet_listing_example() -> None:
    """signnet test-signed_triangles.R: K4, signs (1,1,1,-1,-1,-1) in igraph order.

    Edges 01, 02, 03 positive and 12, 13, 23 negative: triangles 012, 013, 023
    have one negative edge (++-), 123 is ---. No balanced triangle: B = 0.
    """
    S = _complete(4, [(1, 2), (1, 3), (2, 3)])
    assert triad_counts(S) == {"+++": 0, "++-": 3, "+--": 0, "---": 1}
    assert triad_balance_matrix(S) == 0.0


def test_four_nodes_signnet_balance_example_is_balanced() -> None:
    """signnet balance_score example: K4, signs (-1,1,1,-1,-1,1) in igraph order.

    Negative edges 01, 12, 13: camps {0, 2, 3} and {1}; every triangle is
    +++ or +-- so both scores are 1.
    """
    S = _complete(4, [(0, 1), (1, 2), (1, 3)])
    assert triad_counts(S) == {"+++": 1, "++-": 0, "+--": 3, "---": 0}
    assert triad_balance_matrix(S) == 1.0
    assert walk_balance_matrix(S) == pytest.approx(1.0, abs=1e-12)


def test_weighted_triangle_shares() -> None:
    """Two triangles sharing edge 1-2, weighted.

    Triangle {0,1,2}: 0.5 * 1 * 1 = 0.5 (balanced); triangle {1,2,3}:
    1 * (-0.5) * 0.5 = -0.25 (unbalanced). B = 0.5 / 0.75 = 2/3.
    """
    S = np.zeros((4, 4))
    for (u, v), w in {
        (0, 1): 0.5,
        (0, 2): 1.0,
        (1, 2): 1.0,
        (1, 3): -0.5,
        (2, 3): 0.5,
    }.items():
        S[u, v] = S[v, u] = w
    assert triad_balance_matrix(S) == pytest.approx(2 / 3, abs=1e-15)
    assert triad_balance_bruteforce(S) == pytest.approx(2 / 3, abs=1e-15)
    assert triad_counts(S) == {"+++": 1, "++-": 1, "+--": 0, "---": 0}


@pytest.mark.parametrize(
    "S",
    [
        np.zeros((0, 0)),
        np.zeros((1, 1)),
        np.array([[0.0, -1.0], [-1.0, 0.0]]),
        _from_upper(4, [1, 0, 0, -1, 0, 1]),  # path 0-1-2-3
        _from_upper(4, [1, -1, 1, 0, 0, 0]),  # star around 0
        _from_upper(4, [1, 0, -1, 1, 0, 1]),  # 4-cycle, no chord
    ],
    ids=["empty", "one-node", "one-edge", "path", "star", "square"],
)
def test_no_triangle_gives_none(S: FloatMatrix) -> None:
    assert triad_balance_matrix(S) is None
    assert triad_balance_bruteforce(S) is None
    assert triad_counts(S) == dict.fromkeys(TRIAD_TYPES, 0)
    assert triad_counts_bruteforce(S) == dict.fromkeys(TRIAD_TYPES, 0)


@pytest.mark.parametrize("n", [0, 1, 5])
def test_walk_balance_none_without_edges(n: int) -> None:
    assert walk_balance_matrix(np.zeros((n, n))) is None


def test_walk_balance_of_tree_is_one() -> None:
    S = _from_upper(4, [1, -1, -1, 0, 0, 0])  # star: every tree is balanced
    assert walk_balance_matrix(S) == pytest.approx(1.0, abs=1e-12)


def test_accepts_integer_and_boolean_input() -> None:
    ints = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]], dtype=np.int64)
    assert triad_balance_matrix(ints) == 1.0
    assert triad_balance_matrix(ints.astype(bool)) == 1.0
    assert triad_balance_matrix(ints.tolist()) == 1.0


def test_return_types() -> None:
    S = _complete(5, [(0, 1), (2, 3)])
    assert type(triad_balance_matrix(S)) is float
    assert type(walk_balance_matrix(S)) is float
    assert all(type(c) is int for c in triad_counts(S).values())


# --- large graphs: no overflow ------------------------------------------------


def test_walk_balance_large_complete_graph_does_not_overflow() -> None:
    """exp(999) overflows float64; the shifted sums do not."""
    S = np.ones((1000, 1000)) - np.eye(1000)
    assert walk_balance_matrix(S) == pytest.approx(1.0, abs=1e-12)


def test_walk_balance_large_balanced_two_camps() -> None:
    rng = np.random.default_rng(7)
    camps = rng.integers(0, 2, size=600)
    S = np.where(camps[:, None] == camps[None, :], 1.0, -1.0)
    np.fill_diagonal(S, 0.0)
    assert walk_balance_matrix(S) == pytest.approx(1.0, abs=1e-12)


def test_walk_balance_large_random_stays_in_range() -> None:
    rng = np.random.default_rng(11)
    S = np.triu(rng.choice([-1.0, 1.0], size=(400, 400)), 1)
    S = S + S.T
    result = walk_balance_matrix(S)
    assert result is not None
    assert 0.0 <= result <= 1.0


# --- property tests -----------------------------------------------------------


@settings(deadline=None, max_examples=150)
@given(signed_matrices(0, 12, weighted=False))
def test_matrix_equals_bruteforce_unweighted(S: FloatMatrix) -> None:
    # Both traces are exact integers for a sign matrix: equal to the last bit.
    assert triad_counts(S) == triad_counts_bruteforce(S)
    assert triad_balance_matrix(S) == triad_balance_bruteforce(S)


@settings(deadline=None, max_examples=150)
@given(signed_matrices(0, 12, weighted=True))
def test_matrix_equals_bruteforce_weighted(S: FloatMatrix) -> None:
    assert triad_counts(S) == triad_counts_bruteforce(S)
    fast, slow = triad_balance_matrix(S), triad_balance_bruteforce(S)
    if slow is None:
        assert fast is None
    else:
        assert fast == pytest.approx(slow, abs=1e-12)


@settings(deadline=None)
@given(signed_matrices(0, 12, weighted=False))
def test_counts_give_balance(S: FloatMatrix) -> None:
    counts = triad_counts(S)
    total = sum(counts.values())
    result = triad_balance_matrix(S)
    if total == 0:
        assert result is None
    else:
        assert result == (counts["+++"] + counts["+--"]) / total


@settings(deadline=None)
@given(st.booleans().flatmap(lambda w: signed_matrices(0, 12, weighted=w)))
def test_bounds(S: FloatMatrix) -> None:
    triad = triad_balance_matrix(S)
    assert triad is None or 0.0 <= triad <= 1.0
    walk = walk_balance_matrix(S)
    if not np.any(S):
        assert walk is None
    else:
        assert walk is not None
        assert 0.0 < walk <= 1.0


@settings(deadline=None)
@given(st.booleans().flatmap(lambda w: signed_matrices(1, 10, weighted=w)))
def test_walk_balance_equals_trace_of_matrix_exponential(S: FloatMatrix) -> None:
    if not np.any(S):
        return
    expected = np.trace(scipy.linalg.expm(S)) / np.trace(scipy.linalg.expm(np.abs(S)))
    assert walk_balance_matrix(S) == pytest.approx(float(expected), rel=1e-10)


@settings(deadline=None)
@given(st.booleans().flatmap(lambda w: balanced_matrices(1, 12, weighted=w)))
def test_balanced_graphs_score_one(S: FloatMatrix) -> None:
    walk = walk_balance_matrix(S)
    if not np.any(S):
        assert walk is None
    else:
        assert walk == pytest.approx(1.0, abs=1e-12)
    triad = triad_balance_matrix(S)
    assert triad is None or triad == pytest.approx(1.0, abs=1e-12)
    counts = triad_counts(S)
    assert counts["++-"] == counts["---"] == 0


@settings(deadline=None)
@given(
    st.booleans()
    .flatmap(lambda w: signed_matrices(0, 12, weighted=w))
    .flatmap(lambda S: st.tuples(st.just(S), st.permutations(list(range(S.shape[0])))))
)
def test_invariant_under_relabelling(case: tuple[FloatMatrix, list[int]]) -> None:
    S, order = case
    P = S[np.ix_(order, order)]
    assert triad_counts(P) == triad_counts(S)
    before, after = triad_balance_matrix(S), triad_balance_matrix(P)
    assert (before is None) == (after is None)
    if before is not None:
        assert after == pytest.approx(before, abs=1e-12)
    walk_before, walk_after = walk_balance_matrix(S), walk_balance_matrix(P)
    assert (walk_before is None) == (walk_after is None)
    if walk_before is not None:
        assert walk_after == pytest.approx(walk_before, abs=1e-12)


# --- validation ---------------------------------------------------------------

KERNELS = [
    triad_balance_matrix,
    triad_counts,
    triad_balance_bruteforce,
    triad_counts_bruteforce,
    walk_balance_matrix,
]


@pytest.mark.parametrize("kernel", KERNELS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    ("S", "message"),
    [
        (np.zeros((2, 3)), r"must be square \(n x n\), not of shape \(2, 3\)"),
        (np.zeros(3), r"must be square \(n x n\), not of shape \(3,\)"),
        (np.zeros((2, 3, 3)), r"must be square \(n x n\), not of shape \(2, 3, 3\)"),
        (
            np.array([[0.0, 1.0], [-1.0, 0.0]]),
            r"must be symmetric, but S\[0, 1\] = 1.0 and S\[1, 0\] = -1.0",
        ),
        (np.array([[0.0, np.nan], [np.nan, 0.0]]), "must be finite"),
        (np.array([[0.0, np.inf], [np.inf, 0.0]]), "must be finite"),
        (
            np.array([[0.0, 1.0], [1.0, 1.0]]),
            r"must have a zero diagonal \(no self-loops\), but S\[1, 1\] = 1.0",
        ),
        (
            np.array([[0j, 1j], [1j, 0j]]),
            "must hold real numbers, not dtype complex128",
        ),
        (np.array([["", "+"], ["+", ""]]), "must hold real numbers, not dtype <U1"),
    ],
    ids=[
        "non-square",
        "1-d",
        "3-d",
        "non-symmetric",
        "nan",
        "inf",
        "diagonal",
        "complex",
        "strings",
    ],
)
def test_invalid_matrix_raises(kernel: object, S: object, message: str) -> None:
    with pytest.raises(InvalidGraphError, match=message):
        kernel(S)  # type: ignore[operator]


def test_invalid_graph_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="must be symmetric"):
        triad_balance_matrix([[0, 1], [0, 0]])
