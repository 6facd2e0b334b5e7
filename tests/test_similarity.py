"""Foreign-policy similarity (METHODS.md §9): S, kappa, pi, portfolios, alignment.

Hand-computed cases first (the arithmetic in each docstring), then agreement
with the independent loop implementation in ``tests/reference_similarity.py``
on random matrices, properties, the conventions of the R code the literature
uses, alliance portfolios (hand-made canonical tables and a 2012 cut of the
real ATOP data), alignment from similarity inside the §2 measures, the CLI,
and the errors.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests import reference_similarity as ref

import middlepower as mp
from middlepower.cli import main
from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    InvalidParameterError,
    UnknownStateError,
)
from middlepower.io import alliance_obligations
from middlepower.metrics.similarity import (
    ALLIANCE_COLUMNS,
    alignment_from_similarity,
    alliance_portfolios,
    portfolio_ladder,
    similarity,
)

DATA = Path(__file__).parent / "data" / "similarity"
METHODS = ("s", "kappa", "pi")
DISTANCES = ("absolute", "squared", "nominal")

# three states' valued commitments to four states (own item 3)
X3 = np.array([[3, 3, 0, 1], [3, 3, 0, 0], [0, 0, 3, 1]], dtype=float)


def close(a: Any, b: Any, tol: float = 1e-9) -> bool:
    a, b = np.asarray(a, float), np.asarray(b, float)
    return bool(
        np.array_equal(np.isnan(a), np.isnan(b))
        and np.allclose(np.nan_to_num(a), np.nan_to_num(b), atol=tol, rtol=0)
    )


# --------------------------------------------------------------------------
# hand-computed values
# --------------------------------------------------------------------------


def test_s_absolute_by_hand() -> None:
    """Delta = 3; |x - y| / 3 per item, S = 1 - 2 * sum(d) / 4.

    rows 0, 1: d = (0, 0, 0, 1/3)   -> S = 1 - 2 (1/3) / 4  = 5/6
    rows 0, 2: d = (1, 1, 1, 0)     -> S = 1 - 2 * 3 / 4    = -1/2
    rows 1, 2: d = (1, 1, 1, 1/3)   -> S = 1 - 2 (10/3) / 4 = -2/3
    """
    S = similarity(X3, scale=(0, 3))
    want = [[1, 5 / 6, -1 / 2], [5 / 6, 1, -2 / 3], [-1 / 2, -2 / 3, 1]]
    assert close(S, want)
    assert close(similarity(X3), want)  # default Delta = 3 - 0 here


def test_s_squared_and_weighted_by_hand() -> None:
    """Squared: rows 0, 2: d = (1, 1, 1, 0) -> S = -1/2; rows 0, 1:
    d = (0, 0, 0, 1/9) -> S = 1 - 2 (1/9) / 4 = 17/18.

    Weights w = (2, 1, 1, 0): rows 0, 1 differ only on item 3 (weight 0):
    S = 1; rows 0, 2: sum w d = 2 + 1 + 1 = 4 = sum w -> S = -1.
    """
    S2 = similarity(X3, distance="squared", scale=(0, 3))
    assert S2[0, 2] == pytest.approx(-0.5) and S2[0, 1] == pytest.approx(17 / 18)
    Sw = similarity(X3, weights=[2, 1, 1, 0], scale=(0, 3))
    assert Sw[0, 1] == pytest.approx(1.0) and Sw[0, 2] == pytest.approx(-1.0)


def test_kappa_and_pi_by_hand() -> None:
    """Rows 0 = (3, 3, 0, 1) and 1 = (3, 3, 0, 0).

    Quadratic kappa, Delta = 3: D_obs = (1/3)^2 / 4 = 1/36;
    p = (3: 1/2, 0: 1/4, 1: 1/4), q = (3: 1/2, 0: 1/2);
    D_exp = 1/2 * 1/2 * 1 + 1/4 * 1/2 * 1 + 1/4 * (1/2 * 4/9 + 1/2 * 1/9) = 4/9
    -> kappa = 1 - (1/36) / (4/9) = 15/16.

    Nominal: D_obs = 1/4. kappa: D_exp = 1 - (1/2 * 1/2 + 1/4 * 1/2) = 5/8
    -> kappa = 1 - (1/4) / (5/8) = 3/5. pi: pooled r = (3: 1/2, 0: 3/8,
    1: 1/8), D_exp = 1 - (1/4 + 9/64 + 1/64) = 19/32 -> pi = 1 - 8/19 = 11/19.
    """
    k2 = similarity(X3, "kappa", "squared", scale=(0, 3))
    assert k2[0, 1] == pytest.approx(15 / 16)
    kn = similarity(X3, "kappa", "nominal")
    pn = similarity(X3, "pi", "nominal")
    assert kn[0, 1] == pytest.approx(3 / 5) and pn[0, 1] == pytest.approx(11 / 19)
    assert np.diag(k2).tolist() == [1.0, 1.0, 1.0]


def test_missing_values_pairwise_deletion_by_hand() -> None:
    """Rows (3, -, 0), (3, 3, 3), (-, 0, 0); Delta = 3 from the values.

    0-1 share items 0, 2: d = (0, 1) -> S = 0; 0-2 share item 2 only:
    d = 0 -> S = 1, kappa undefined (both all on category 0: D_exp = 0);
    1-2 share items 1, 2: d = (1, 1) -> S = -1.
    """
    X = np.array([[3, np.nan, 0], [3, 3, 3], [np.nan, 0, 0]])
    S = similarity(X)
    assert close(S, [[1, 0, 1], [0, 1, -1], [1, -1, 1]])
    K = similarity(X, "kappa")
    assert math.isnan(K[0, 2]) and math.isnan(K[1, 1])  # row 1 is constant
    # no shared item at all: undefined even for S
    assert math.isnan(similarity(np.array([[1.0, np.nan], [np.nan, 0.0]]))[0, 1])


def test_zero_weights_make_pairs_undefined() -> None:
    S = similarity(X3, weights=[0, 0, 0, 0])
    assert np.isnan(S).all()


def test_cohen_1968_table_unweighted_kappa() -> None:
    """Cohen (1968), Table 1 (200 cases, three diagnoses), as printed in the
    examples of psych::cohen.kappa (psych 2.5.3, man/kappa.Rd: "cohen reports
    .492"). Proportions
    [[.44, .07, .09], [.05, .20, .05], [.01, .03, .06]]: p_o = .70,
    margins (.60, .30, .10) and (.50, .30, .20), p_c = .41,
    kappa = (.70 - .41) / .59 = .4915.
    """
    counts = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]
    judge_b, judge_a = [], []
    for b, row in enumerate(counts):
        for a, c in enumerate(row):
            judge_b += [b + 1] * c
            judge_a += [a + 1] * c
    X = np.array([judge_b, judge_a], dtype=float)
    kappa = similarity(X, "kappa", "nominal")[0, 1]
    assert kappa == pytest.approx(0.492, abs=5e-4)
    assert kappa == pytest.approx(0.29 / 0.59)
    # the independent table formula with Cohen's 1960 (0/1) weights agrees
    nominal = [[0 if a == b else 1 for b in range(3)] for a in range(3)]
    assert kappa == pytest.approx(ref.cohen_weighted_kappa(counts, nominal))


# --------------------------------------------------------------------------
# agreement with the independent loop implementation
# --------------------------------------------------------------------------

CATEGORY_SETS = ([0.0, 1.0], [0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [-1.0, 0.5, 4.0])


@st.composite
def matrices(draw: Any) -> tuple[list[list[float]], list[float]]:
    """Small state x item matrices on a few category values, with or without
    missing cells, and item weights (some 0, some tiny, some large)."""
    cats = draw(st.sampled_from(CATEGORY_SETS))
    n = draw(st.integers(1, 6))
    K = draw(st.integers(1, 8))
    cell = st.sampled_from(cats)
    if draw(st.booleans()):
        cell = st.one_of(cell, cell, cell, st.just(math.nan))
    X = [[draw(cell) for _ in range(K)] for _ in range(n)]
    # weights down to 1e-100 (far below any real CINC score); a weight ratio
    # near the float limit (5e-324 vs 2) underflows in any float computation
    weight = st.one_of(
        st.just(1.0),
        st.sampled_from([0.0, 0.5, 2.0]),
        st.floats(1e-100, 10.0),
    )
    w = [draw(weight) for _ in range(K)]
    return X, w


NAN = math.nan


@settings(max_examples=200, deadline=None)
@given(
    data=matrices(),
    method=st.sampled_from(METHODS),
    distance=st.sampled_from(DISTANCES),
    weighted=st.booleans(),
    scale=st.sampled_from([None, "pair", (-1.0, 4.0)]),
)
@example(  # weights 79 orders of magnitude apart: no cancellation allowed
    data=(
        [
            [0.0] * 7,
            [NAN] * 7,
            [NAN, NAN, 0.0, 1.0, NAN, 0.0, NAN],
            [NAN, NAN, 1.0, 1.0, 0.0, NAN, 0.0],
            [0.0] * 7,
            [NAN] * 7,
        ],
        [1.0, 1.0, 2.2651737396552823e-79, 1.0, 1.0, 1.0, 1.0],
    ),
    method="kappa",
    distance="absolute",
    weighted=True,
    scale=None,
)
@example(  # a subnormal weight: shares are normalised before multiplying
    data=(
        [[0.0, 1.0], [0.0, 0.0], [1.0, 1.0]],
        [1.0, 9.673658083645661e-176],
    ),
    method="kappa",
    distance="absolute",
    weighted=True,
    scale=None,
)
def test_kernel_agrees_with_reference_loop(
    data: tuple[list[list[float]], list[float]],
    method: str,
    distance: str,
    weighted: bool,
    scale: Any,
) -> None:
    X, w = data
    weights = w if weighted else None
    got = similarity(np.array(X), method, distance, weights, scale=scale)
    want = ref.similarity(X, method, distance, weights, scale)
    assert close(got, want), (got, want)


def test_reference_agreement_on_the_hand_cases() -> None:
    for method in METHODS:
        for distance in DISTANCES:
            got = similarity(X3, method, distance, [2, 1, 1, 0.5], scale=(0, 3))
            want = ref.similarity(X3.tolist(), method, distance, [2, 1, 1, 0.5], (0, 3))
            assert close(got, want)


# --------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(
    data=matrices(),
    distance=st.sampled_from(DISTANCES),
    scale=st.sampled_from([None, "pair"]),
)
def test_ranges_symmetry_and_diagonal(
    data: tuple[list[list[float]], list[float]], distance: str, scale: Any
) -> None:
    X, w = data
    A = np.array(X)
    S = similarity(A, "s", distance, w, scale=scale)
    defined = ~np.isnan(S)
    assert (S[defined] >= -1 - 1e-12).all() and (S[defined] <= 1 + 1e-12).all()
    assert np.array_equal(S, S.T, equal_nan=True)
    for i in range(len(X)):
        shared = ~np.isnan(A[i]) & (np.array(w) > 0)
        assert S[i, i] == 1.0 if shared.any() else math.isnan(S[i, i])
    for method in ("kappa", "pi"):
        R = similarity(A, method, distance, w, scale=scale)
        assert np.array_equal(R, R.T, equal_nan=True)
        assert (R[~np.isnan(R)] <= 1 + 1e-12).all()


@settings(max_examples=100, deadline=None)
@given(
    data=matrices(),
    method=st.sampled_from(METHODS),
    distance=st.sampled_from(DISTANCES),
    seed=st.integers(0, 2**32 - 1),
)
def test_invariant_to_item_and_state_order(
    data: tuple[list[list[float]], list[float]],
    method: str,
    distance: str,
    seed: int,
) -> None:
    X, w = data
    A, wa = np.array(X), np.array(w)
    rng = np.random.default_rng(seed)
    items = rng.permutation(A.shape[1])
    states = rng.permutation(A.shape[0])
    base = similarity(A, method, distance, wa)
    assert close(similarity(A[:, items], method, distance, wa[items]), base)
    assert close(similarity(A[states], method, distance, wa), base[states][:, states])


@settings(max_examples=100, deadline=None)
@given(
    data=matrices(),
    distance=st.sampled_from(DISTANCES),
    scale=st.sampled_from([None, "pair"]),
)
def test_pi_never_exceeds_kappa(
    data: tuple[list[list[float]], list[float]], distance: str, scale: Any
) -> None:
    """pi <= kappa for all three distances.

    With r = (p + q) / 2, D_exp(pi) - D_exp(kappa) = (p - q)' d (p - q) / 4,
    and absolute, squared and nominal disagreements are conditionally
    negative definite (u' d u <= 0 whenever sum(u) = 0: for squared
    distances it is -2 (sum_a u_a a)^2, for nominal -|u|^2, and |a - b| is a
    metric of negative type). So D_exp(pi) <= D_exp(kappa) and
    1 - D_obs / D_exp(pi) <= 1 - D_obs / D_exp(kappa).
    """
    X, w = data
    A = np.array(X)
    K = similarity(A, "kappa", distance, w, scale=scale)
    P = similarity(A, "pi", distance, w, scale=scale)
    both = ~np.isnan(K) & ~np.isnan(P)
    assert (P[both] <= K[both] + 1e-9).all()


@settings(max_examples=100, deadline=None)
@given(
    row=st.lists(st.sampled_from([0.0, 1.0, 2.0, 3.0]), min_size=2, max_size=12),
    distance=st.sampled_from(DISTANCES),
    seed=st.integers(0, 2**32 - 1),
)
def test_pi_equals_kappa_with_equal_marginals(
    row: list[float], distance: str, seed: int
) -> None:
    """A second state that uses the same values in another order has the same
    category distribution: p = q, so the pooled and own distributions agree."""
    other = np.random.default_rng(seed).permutation(row)
    X = np.array([row, other])
    K = similarity(X, "kappa", distance, scale=(0, 3))
    P = similarity(X, "pi", distance, scale=(0, 3))
    assert close(K, P)


def test_pi_below_kappa_with_different_marginals() -> None:
    """The hand case: pi = 11/19 < kappa = 3/5 (nominal)."""
    assert (
        similarity(X3, "pi", "nominal")[0, 1] < similarity(X3, "kappa", "nominal")[0, 1]
    )


# --------------------------------------------------------------------------
# conventions of the R implementations
# --------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    pair=st.integers(2, 15).flatmap(
        lambda K: st.tuples(
            st.lists(st.sampled_from([0, 1, 2, 3]), min_size=K, max_size=K),
            st.lists(st.sampled_from([0, 1, 2, 3]), min_size=K, max_size=K),
        )
    )
)
def test_quadratic_kappa_equals_cohen_1968_weighted_kappa(
    pair: tuple[list[int], list[int]],
) -> None:
    """Cohen (1968) weighted kappa from the 4 x 4 contingency table of the
    pair over the scale's labels 0..3 (as sklearn's cohen_kappa_score with
    labels=[0, 1, 2, 3], weights='quadratic'), disagreement weights
    (a - b)^2 / 9, equals kappa(distance='squared', scale=(0, 3)); with
    |a - b| / 3 the linear one; with 0/1 weights Cohen's 1960 kappa."""
    x, y = pair
    table = [[0] * 4 for _ in range(4)]
    for a, b in zip(x, y, strict=True):
        table[a][b] += 1
    X = np.array([x, y], dtype=float)
    for distance, v in (
        ("squared", lambda a, b: (a - b) ** 2 / 9),
        ("absolute", lambda a, b: abs(a - b) / 3),
        ("nominal", lambda a, b: float(a != b)),
    ):
        weights = [[v(a, b) for b in range(4)] for a in range(4)]
        want = ref.cohen_weighted_kappa(table, weights)
        got = similarity(X, "kappa", distance, scale=(0, 3))[0, 1]
        assert close(got, want)


@settings(max_examples=150, deadline=None)
@given(
    pair=st.integers(2, 15).flatmap(
        lambda K: st.tuples(
            st.lists(st.sampled_from([0, 1, 2, 3]), min_size=K, max_size=K),
            st.lists(st.sampled_from([0, 1, 2, 3]), min_size=K, max_size=K),
        )
    )
)
def test_pair_scale_reproduces_psych_cohen_kappa(
    pair: tuple[list[int], list[int]],
) -> None:
    """psych::cohen.kappa weights the ranks of the levels present in the pair:
    scale='pair' reproduces its weighted kappa (w.exp = 2 squared, 1
    absolute); with a fixed scale the two differ when a level is absent."""
    x, y = pair
    X = np.array([x, y], dtype=float)
    for distance, e in (("squared", 2), ("absolute", 1)):
        got = similarity(X, "kappa", distance, scale="pair")[0, 1]
        assert close(got, ref.psych_weighted_kappa(x, y, e))


def test_psych_and_fixed_scale_differ_when_a_level_is_absent() -> None:
    """x = (0, 1, 3, 3), y = (0, 3, 3, 1): levels {0, 1, 3} -> psych ranks
    0, 1, 2 put 1 and 3 one step apart (d = 1/4), the value scale two
    thirds apart (d = 4/9)."""
    X = np.array([[0, 1, 3, 3], [0, 3, 3, 1]], dtype=float)
    pair = similarity(X, "kappa", "squared", scale="pair")[0, 1]
    fixed = similarity(X, "kappa", "squared", scale=(0, 3))[0, 1]
    assert pair == pytest.approx(ref.psych_weighted_kappa([0, 1, 3, 3], [0, 3, 3, 1]))
    assert not math.isclose(pair, fixed)


@settings(max_examples=100, deadline=None)
@given(
    pair=st.integers(2, 15).flatmap(
        lambda K: st.tuples(
            st.lists(st.sampled_from([0, 1, 2, 3]), min_size=K, max_size=K),
            st.lists(st.sampled_from([0, 1, 2, 3]), min_size=K, max_size=K),
        )
    )
)
def test_fpsim_s_and_scott_pi(pair: tuple[list[int], list[int]]) -> None:
    """S with the fixed range 3 (fpsim/peacesciencer valued alliances) and
    Scott's pi with pooled marginals over exact matches (fpsim spi())."""
    x, y = pair
    X = np.array([x, y], dtype=float)
    for distances in ("absolute", "squared"):
        got = similarity(X, "s", distances, scale=(0, 3))[0, 1]
        assert close(got, ref.signorino_ritter(x, y, distances, 3))
    assert close(similarity(X, "pi", "nominal")[0, 1], ref.scott_pi(x, y))


# --------------------------------------------------------------------------
# frames, weights and errors
# --------------------------------------------------------------------------


def test_frames_in_frames_out_with_labels_and_weights_by_label() -> None:
    frame = pd.DataFrame(X3, index=[2, 732, 710], columns=["a", "b", "c", "d"])
    out = similarity(
        frame, scale=(0, 3), weights=pd.Series({"d": 0.0, "a": 2.0, "b": 1, "c": 1})
    )
    assert isinstance(out, pd.DataFrame)
    assert out.index.tolist() == [2, 732, 710] and out.columns.tolist() == [2, 732, 710]
    assert out.loc[2, 732] == pytest.approx(1.0) and out.loc[2, 710] == pytest.approx(
        -1.0
    )
    # an ndarray gives an ndarray
    assert isinstance(similarity(X3), np.ndarray)


def test_pandas_nullable_values_and_booleans() -> None:
    frame = pd.DataFrame(
        {"a": pd.array([3, pd.NA, 0], dtype="Int64"), "b": [True, False, True]},
        index=["x", "y", "z"],
    )
    got = similarity(frame, scale=(0, 3))
    want = similarity(
        np.array([[3, 1], [np.nan, 0], [0, 1]], dtype=float), scale=(0, 3)
    )
    assert close(got.to_numpy(), want)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"method": "tau"}, "Unknown method 'tau'"),
        ({"distance": "euclid"}, "Unknown distance 'euclid'"),
        ({"weights": [1, -1, 1, 1]}, "weight of item 1 is -1.0"),
        ({"weights": [1, np.nan, 1, 1]}, "must be finite and >= 0"),
        ({"weights": [1, 1]}, r"one number per item \(4\)"),
        ({"weights": "heavy"}, "weights must be numbers"),
        ({"scale": (3, 0)}, "low < high"),
        ({"scale": (0, 2)}, "outside the scale"),
        ({"scale": "data"}, "Unknown scale 'data'"),
        ({"scale": 3}, r"scale must be None, 'pair' or a pair \(low, high\)"),
    ],
)
def test_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    # wrong types ("heavy", 3) are InvalidArgumentTypeError (a TypeError)
    with pytest.raises(
        (InvalidParameterError, InvalidArgumentTypeError), match=message
    ):
        similarity(X3, **kwargs)


@pytest.mark.parametrize(
    ("X", "message"),
    [
        (np.array([["yes", "no"], ["no", "no"]]), "numeric matrix"),
        (np.array([1.0, 2.0]), r"2-D \(states x items\), got shape \(2,\)"),
        (np.array([[1.0, np.inf]]), "infinite value at row 0, column 1"),
        (pd.DataFrame({"vote": ["yes", "no"]}), "column 'vote' has dtype"),
        (pd.DataFrame({"a": [1, 2]}, index=["x", "x"]), "repeats the state labels"),
    ],
)
def test_bad_matrices(X: Any, message: str) -> None:
    with pytest.raises(InvalidParameterError, match=message):
        similarity(X)


def test_weight_mapping_must_cover_the_items() -> None:
    frame = pd.DataFrame(X3, columns=["a", "b", "c", "d"])
    with pytest.raises(InvalidParameterError, match=r"no value for the items \['d'\]"):
        similarity(frame, weights={"a": 1, "b": 1, "c": 1})


# --------------------------------------------------------------------------
# alliance portfolios
# --------------------------------------------------------------------------


def canonical(rows: list[dict[str, Any]], dataset: str = "ATOP") -> pd.DataFrame:
    """A canonical alliance-obligations table from a few partial rows."""
    coded = {
        "COW": ("defense", "neutrality", "nonaggression", "entente"),
        "ATOP": ("defense", "offense", "neutrality", "nonaggression", "consultation"),
    }[dataset]
    full = []
    for i, r in enumerate(rows):
        row: dict[str, Any] = {"year": 2012, "directed": dataset == "ATOP"}
        for ob in (
            "defense",
            "offense",
            "neutrality",
            "nonaggression",
            "entente",
            "consultation",
        ):
            row[ob] = bool(r.get(ob, False)) if ob in coded else pd.NA
        row.update(r)
        row.update(
            dataset=dataset,
            version="5.1" if dataset == "ATOP" else "4.1",
            row_key=f"r{i}",
        )
        full.append(row)
    frame = pd.DataFrame(full, columns=list(ALLIANCE_COLUMNS))
    for c in ("ccode1", "ccode2", "year"):
        frame[c] = frame[c].astype("Int64")
    for c in (
        "defense",
        "offense",
        "neutrality",
        "nonaggression",
        "entente",
        "consultation",
    ):
        frame[c] = frame[c].astype("boolean")
    frame["directed"] = frame["directed"].astype(bool)
    return frame


def test_cow_ladder_undirected_rows() -> None:
    """COW dyad rows bind both ways: 2-200 defence (3), 2-220 neutrality (2),
    200-220 entente (1), 220-255 non-aggression (2); 2-200 has a second,
    weaker alliance (entente) in the same year: the strongest counts."""
    table = canonical(
        [
            {"ccode1": 2, "ccode2": 200, "defense": True, "entente": True},
            {"ccode1": 2, "ccode2": 200, "entente": True},
            {"ccode1": 2, "ccode2": 220, "neutrality": True},
            {"ccode1": 200, "ccode2": 220, "entente": True},
            {"ccode1": 220, "ccode2": 255, "nonaggression": True},
        ],
        dataset="COW",
    )
    X = alliance_portfolios(table, 2012)
    assert X.index.tolist() == [2, 200, 220, 255] and X.index.name == "ccode"
    assert X.to_numpy().tolist() == [
        [3, 3, 2, 0],
        [3, 3, 1, 0],
        [2, 1, 3, 2],
        [0, 0, 2, 3],
    ]
    assert X.dtypes.unique().tolist() == [np.dtype("int64")]


def test_atop_ladder_directed_rows() -> None:
    """ATOP directed rows: 2 -> 740 defence (3) but 740 -> 2 consultation
    only (2); 710 -> 731 offence (3); 731 -> 710 non-aggression only (1);
    732 -> 710 an alliance row without any of the five obligations (0)."""
    table = canonical(
        [
            {"ccode1": 2, "ccode2": 740, "defense": True, "consultation": True},
            {"ccode1": 740, "ccode2": 2, "consultation": True, "nonaggression": True},
            {"ccode1": 710, "ccode2": 731, "offense": True},
            {"ccode1": 731, "ccode2": 710, "nonaggression": True},
            {"ccode1": 732, "ccode2": 710},
        ]
    )
    X = alliance_portfolios(table, 2012)  # coding inferred: atop
    assert X.loc[2, 740] == 3 and X.loc[740, 2] == 2
    assert X.loc[710, 731] == 3 and X.loc[731, 710] == 1
    assert X.loc[732, 710] == 0 and X.loc[710, 732] == 0
    assert (np.diag(X) == 3).all()
    B = alliance_portfolios(table, 2012, coding="binary")
    assert B.loc[740, 2] == 1 and B.loc[731, 710] == 1 and B.loc[732, 710] == 0
    assert (np.diag(B) == 1).all()


def test_states_from_a_states2016_table_and_a_list() -> None:
    """States in the system in 2012: spells covering the year; 255 left in
    1990 (dropped with its rows), 999 has no alliance (an all-zero item)."""
    table = canonical(
        [
            {"ccode1": 2, "ccode2": 200, "defense": True},
            {"ccode1": 200, "ccode2": 255, "defense": True},
        ]
    )
    states = pd.DataFrame(
        {
            "stateabb": ["USA", "UKG", "GFR", "ZZZ"],
            "ccode": [2, 200, 255, 999],
            "styear": [1816, 1816, 1955, 2000],
            "endyear": [2016, 2016, 1990, 2016],
        }
    )
    X = alliance_portfolios(table, 2012, states=states)
    assert X.index.tolist() == [2, 200, 999]
    assert X.loc[999].tolist() == [0, 0, 3] and X.loc[200, 2] == 0
    Y = alliance_portfolios(table, 2012, states=[999, 2, 200])
    assert Y.equals(X)
    assert alliance_portfolios(table, 2012, states=[]).shape == (0, 0)
    assert alliance_portfolios(table, 1990).shape == (0, 0)  # no rows that year


def test_ladders_come_from_the_shipped_table() -> None:
    assert portfolio_ladder("cow") == {
        "self": 3,
        "defense": 3,
        "neutrality": 2,
        "nonaggression": 2,
        "entente": 1,
    }
    assert set(portfolio_ladder("binary").values()) == {1}


def test_portfolio_errors() -> None:
    atop = canonical([{"ccode1": 2, "ccode2": 20, "defense": True}])
    with pytest.raises(InvalidParameterError, match="coding='cow' is the COW ladder"):
        alliance_portfolios(atop, 2012, coding="cow")
    with pytest.raises(InvalidParameterError, match="Unknown coding 'valued'"):
        alliance_portfolios(atop, 2012, coding="valued")  # type: ignore[arg-type]
    with pytest.raises(mp.InvalidArgumentTypeError, match="year must be an integer"):
        alliance_portfolios(atop, "2012")  # type: ignore[arg-type]
    with pytest.raises(DataFormatError, match="missing columns: 'directed'"):
        alliance_portfolios(atop.drop(columns="directed"), 2012)
    mixed = pd.concat([atop, canonical([{"ccode1": 2, "ccode2": 20}], "COW")])
    with pytest.raises(InvalidParameterError, match="Cannot infer the coding"):
        alliance_portfolios(mixed, 2012)
    assert alliance_portfolios(mixed, 2012, coding="binary").loc[2, 20] == 1
    bad = atop.astype({"defense": object})
    bad.loc[0, "defense"] = "yes"
    with pytest.raises(DataFormatError, match="column 'defense' must hold booleans"):
        alliance_portfolios(bad, 2012)
    with pytest.raises(DataFormatError, match="not COW State System Membership"):
        alliance_portfolios(atop, 2012, states=pd.DataFrame({"ccode": [2]}))
    with pytest.raises(InvalidParameterError, match="COW state numbers"):
        alliance_portfolios(atop, 2012, states=["USA"])
    with pytest.raises(InvalidArgumentTypeError, match="canonical alliance-obligat"):
        alliance_portfolios([1, 2], 2012)


def atop_2012() -> pd.DataFrame:
    """The 2012 cut of peacesciencer's ATOP 5.1 directed dyad-years, converted
    to the canonical alliance-obligations columns."""
    raw = pd.read_csv(DATA / "atop_alliance_2012.csv")
    out = pd.DataFrame(
        {
            "ccode1": raw["ccode1"].astype("Int64"),
            "ccode2": raw["ccode2"].astype("Int64"),
            "year": raw["year"].astype("Int64"),
            "defense": raw["atop_defense"].eq(1).astype("boolean"),
            "offense": raw["atop_offense"].eq(1).astype("boolean"),
            "neutrality": raw["atop_neutral"].eq(1).astype("boolean"),
            "nonaggression": raw["atop_nonagg"].eq(1).astype("boolean"),
            "entente": pd.array([pd.NA] * len(raw), dtype="boolean"),
            "consultation": raw["atop_consul"].eq(1).astype("boolean"),
            "directed": True,
            "dataset": "ATOP",
            "version": "5.1",
        }
    )
    out["row_key"] = [
        f"{a}-{b}-{y}" for a, b, y in zip(raw.ccode1, raw.ccode2, raw.year, strict=True)
    ]
    return out[list(ALLIANCE_COLUMNS)]


def states2016() -> pd.DataFrame:
    path = resources.files("middlepower.datasets") / "data" / "cow" / "states2016.csv"
    with resources.as_file(path) as p:
        return pd.read_csv(p)


@pytest.fixture(scope="module")
def real_2012() -> pd.DataFrame:
    return alliance_portfolios(atop_2012(), 2012, states=states2016())


def test_real_atop_2012_portfolios(real_2012: pd.DataFrame) -> None:
    """Known rows (data README): KOR (732) -> USA (2) defence; CHN (710) ->
    PRK (731) defence; JPN (740) -> USA consultation without defence;
    KOR -> CHN non-aggression only."""
    X = real_2012
    assert X.shape == (195, 195)  # states2016: 195 states in 2012
    assert X.loc[732, 2] == 3 and X.loc[2, 732] == 3
    assert X.loc[710, 731] == 3 and X.loc[740, 2] == 2 and X.loc[2, 740] == 3
    assert X.loc[732, 710] == 1
    assert set(np.unique(X.to_numpy())) <= {0, 1, 2, 3}


def test_real_atop_2012_similarity_agrees_with_reference(
    real_2012: pd.DataFrame,
) -> None:
    """All-pairs values on 195 x 195 equal the loop reference and the
    fpsim/psych formulas on a few pairs (USA, CHN, KOR, JPN, PRK, RUS)."""
    X = real_2012
    focus = [2, 710, 731, 732, 740, 365]
    S = similarity(X, "s", scale=(0, 3))
    K = similarity(X, "kappa", "squared", scale="pair")
    P = similarity(X, "pi", "nominal")
    sub = X.loc[focus].to_numpy().tolist()
    assert close(
        S.loc[focus, focus], ref.similarity(sub, "s", "absolute", None, (0, 3))
    )
    for a in focus:
        for b in focus:
            x, y = X.loc[a].tolist(), X.loc[b].tolist()
            assert S.loc[a, b] == pytest.approx(
                ref.signorino_ritter(x, y, "absolute", 3)
            )
            assert close(K.loc[a, b], ref.psych_weighted_kappa(x, y, 2))
            assert close(P.loc[a, b], ref.scott_pi(x, y))
    # What the data say (and why Häge 2011 warns about portfolio measures):
    # KOR's portfolio is its US defence pact plus non-aggression and
    # consultation pledges to the same treaty partners as CHN's, while the
    # USA's holds 115 commitments; so KOR looks more like CHN than like the
    # USA on every measure here, and most like JPN.
    for M in (S, K, P):
        assert M.loc[732, 710] > M.loc[732, 2]
        assert M.loc[732, 740] == max(M.loc[732, b] for b in focus if b != 732)


# --------------------------------------------------------------------------
# alignment from similarity, inside the §2 measures
# --------------------------------------------------------------------------


def test_alignment_from_similarity_by_hand() -> None:
    """KOR: S to USA 0.6, to CHN 0.2 -> (0.75, 0.25); PRK: -0.1 and 0.5 ->
    (0, 1); X: both <= 0 -> (1/2, 1/2); NaN counts as 0."""
    labels = ["USA", "CHN", "KOR", "PRK", "XXX", "YYY"]
    S = np.array(
        [
            [1.0, -0.4, 0.6, -0.1, -0.2, np.nan],
            [-0.4, 1.0, 0.2, 0.5, -0.3, 0.4],
            [0.6, 0.2, 1.0, 0.0, 0.0, 0.0],
            [-0.1, 0.5, 0.0, 1.0, 0.0, 0.0],
            [-0.2, -0.3, 0.0, 0.0, 1.0, 0.0],
            [np.nan, 0.4, 0.0, 0.0, 0.0, 1.0],
        ]
    )
    a = alignment_from_similarity(
        pd.DataFrame(S, index=labels, columns=labels), ("USA", "CHN")
    )
    assert {k: np.round(v, 12).tolist() for k, v in a.items()} == {
        "USA": [1.0, 0.0],
        "CHN": [0.0, 1.0],
        "KOR": [0.75, 0.25],
        "PRK": [0.0, 1.0],
        "XXX": [0.5, 0.5],
        "YYY": [0.0, 1.0],
    }
    b = alignment_from_similarity(S, [0, 1])  # an array: positions as labels
    assert b[2].tolist() == pytest.approx([0.75, 0.25])


@pytest.mark.parametrize(
    ("poles", "error", "message"),
    [
        (("USA",), InvalidParameterError, "At least two poles"),
        (("USA", "USA"), InvalidParameterError, "repeat a state"),
        ("USA", InvalidParameterError, "not the string 'USA'"),
        (
            ("USA", "RUS"),
            UnknownStateError,
            "Unknown state code 'RUS' in the similarity",
        ),
    ],
)
def test_alignment_from_similarity_errors(
    poles: Any, error: type, message: str
) -> None:
    sim = pd.DataFrame(np.eye(2), index=["USA", "CHN"], columns=["USA", "CHN"])
    with pytest.raises(error, match=message):
        alignment_from_similarity(sim, poles)


def test_alignment_from_similarity_needs_a_square_labelled_matrix() -> None:
    with pytest.raises(InvalidParameterError, match="square numeric matrix"):
        alignment_from_similarity(np.ones((2, 3)), [0, 1])
    sim = pd.DataFrame(np.eye(2), index=["USA", "CHN"], columns=["CHN", "USA"])
    with pytest.raises(InvalidParameterError, match="same states, in the same order"):
        alignment_from_similarity(sim, ["USA", "CHN"])


@pytest.fixture(scope="module")
def korea() -> tuple[mp.RelationGraph, mp.ContactSequence, tuple[str, ...]]:
    sc = mp.load_scenario("korea-2025")
    return mp.RelationGraph.from_scenario(sc), sc.sequence(), tuple(sc.poles)


def test_given_tie_alignment_reproduces_the_default(korea: Any) -> None:
    """alignment(graph at start) passed explicitly = the tie-based default."""
    g, seq, poles = korea
    a = mp.alignment(g.at(seq.start), poles)
    assert mp.equidistance(g, seq, poles, alignment=a) == mp.equidistance(g, seq, poles)
    assert mp.tilt(g, seq, poles, alignment=a) == mp.tilt(g, seq, poles)
    assert mp.pole_attention(g, seq, poles, alignment=a) == mp.pole_attention(
        g, seq, poles
    )
    r0, r1 = mp.assess(g, seq, poles), mp.assess(g, seq, poles, alignment=a)
    assert (r1.equidistance, r1.tilt, r1.alignment) == (
        r0.equidistance,
        r0.tilt,
        r0.alignment,
    )
    assert r1.alignment_kinds == {}


def test_given_alignment_by_hand(korea: Any) -> None:
    """Harmonic weights USA 6/11, JPN 3/11, CHN 2/11; alignment USA (1, 0),
    JPN (1/2, 1/2), CHN (0, 1): pi = (7.5/11, 3.5/11), tilt = 4/11,
    E = 7/11."""
    g, seq, poles = korea
    a = {"USA": [1.0, 0.0], "JPN": [0.5, 0.5], "CHN": [0.0, 1.0]}
    pi = mp.pole_attention(g, seq, poles, alignment=a)
    assert pi["USA"] == pytest.approx(7.5 / 11) and pi["CHN"] == pytest.approx(3.5 / 11)
    assert mp.tilt(g, seq, poles, alignment=a) == pytest.approx(4 / 11)
    assert mp.equidistance(g, seq, poles, alignment=a) == pytest.approx(7 / 11)
    assert mp.assess(g, seq, poles, alignment=a).tilt == pytest.approx(4 / 11)


@pytest.mark.parametrize("fn", ["pole_attention", "equidistance", "tilt", "assess"])
def test_given_alignment_errors(korea: Any, fn: str) -> None:
    g, seq, poles = korea
    f = getattr(mp, fn)
    with pytest.raises(UnknownStateError, match="'CHN' in the given alignment"):
        f(g, seq, poles, alignment={"USA": [1.0, 0.0], "JPN": [1.0, 0.0]})
    bad = {"USA": [1.0, 0.0], "JPN": [0.7, 0.7], "CHN": [0.0, 1.0]}
    with pytest.raises(InvalidParameterError, match="alignment of 'JPN' must be 2"):
        f(g, seq, poles, alignment=bad)
    good = {"USA": [1.0, 0.0], "JPN": [1.0, 0.0], "CHN": [0.0, 1.0]}
    with pytest.raises(InvalidParameterError, match="not both"):
        f(g, seq, poles, alignment=good, kinds={"alliance": 1.0})


def test_portfolio_similarity_drives_the_editorial_sequence(
    real_2012: pd.DataFrame, korea: Any
) -> None:
    """ATOP 2012 portfolios -> S -> alignment toward (USA, CHN) -> the §2
    scores of the Korean sequence (calls to USA, JPN, CHN), end to end."""
    g, seq, poles = korea
    iso = {2: "USA", 710: "CHN", 732: "KOR", 740: "JPN"}
    S = similarity(real_2012, scale=(0, 3)).loc[list(iso), list(iso)]
    S = S.rename(index=iso, columns=iso)
    a = alignment_from_similarity(S, poles)
    s_jpn = (S.loc["JPN", "USA"], S.loc["JPN", "CHN"])
    assert a["JPN"] == pytest.approx(np.array(s_jpn) / sum(s_jpn))
    w = np.array([6, 3, 2]) / 11
    pi = w[0] * a["USA"] + w[1] * a["JPN"] + w[2] * a["CHN"]
    assert mp.tilt(g, seq, poles, alignment=a) == pytest.approx(pi[0] - pi[1])
    assert 0 < mp.equidistance(g, seq, poles, alignment=a) < 1


# --------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------


CUT = str(DATA / "atop_alliance_2012.csv")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_states(tmp_path: Path) -> Path:
    """A copy of the bundled states2016.csv, as a researcher has it."""
    path = tmp_path / "states2016.csv"
    src = resources.files("middlepower.datasets") / "data" / "cow" / "states2016.csv"
    path.write_bytes(src.read_bytes())
    return path


def test_io_reader_gives_the_same_canonical_table() -> None:
    """middlepower.io.alliance_obligations on the cut = the conversion above
    (row keys aside), and so the same portfolios."""
    ob = alliance_obligations(CUT, years=[2012])
    mine = atop_2012()
    cols = [c for c in ALLIANCE_COLUMNS if c != "row_key"]
    key = ["ccode1", "ccode2"]
    a = ob[cols].sort_values(key).reset_index(drop=True)
    b = mine[cols].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    states = states2016()
    assert alliance_portfolios(ob, 2012, states=states).equals(
        alliance_portfolios(mine, 2012, states=states)
    )


def test_cli_json_on_the_real_cut(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, real_2012: pd.DataFrame
) -> None:
    states = write_states(tmp_path)
    code, out, err = run(
        capsys,
        "similarity",
        "--alliances",
        CUT,
        "--year",
        "2012",
        "--states",
        str(states),
        "--method",
        "kappa",
        "--distance",
        "squared",
        "--json",
    )
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["year"] == 2012 and data["coding"] == "atop" and data["scale"] == [0, 3]
    assert len(data["states"]) == 195 and len(data["similarity"]) == 195
    want = similarity(real_2012, "kappa", "squared", scale=(0, 3))
    i, j = data["states"].index(732), data["states"].index(2)
    assert data["similarity"][i][j] == pytest.approx(want.loc[732, 2])
    # the bundled states list gives the same matrix
    code, out2, _ = run(
        capsys,
        "similarity",
        "--alliances",
        CUT,
        "--year",
        "2012",
        "--states",
        "cow2016",
        "--method",
        "kappa",
        "--distance",
        "squared",
        "--json",
    )
    assert code == 0 and json.loads(out2) == data


def test_cli_csv_out_binary_and_iso3(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "sim.csv"
    code, out, _ = run(
        capsys,
        "similarity",
        "--alliances",
        CUT,
        "--year",
        "2012",
        "--coding",
        "binary",
        "--method",
        "pi",
        "--distance",
        "nominal",
        "--labels",
        "iso3",
        "--out",
        str(target),
    )
    assert code == 0 and str(target) in out
    frame = pd.read_csv(target, index_col=0)
    X = alliance_portfolios(atop_2012(), 2012, coding="binary", labels="iso3")
    want = similarity(X, "pi", "nominal")
    assert frame.index.name == "iso3" and "KOR" in frame.index
    assert frame.shape == want.shape
    assert np.allclose(frame.to_numpy(), want.to_numpy(), equal_nan=True)
    code, out, _ = run(
        capsys,
        "similarity",
        "--alliances",
        CUT,
        "--year",
        "2012",
        "--out",
        str(tmp_path / "s.json"),
    )
    saved = json.loads((tmp_path / "s.json").read_text())
    assert code == 0 and saved["method"] == "s" and saved["labels"] == "cown"


def test_cli_prints_csv_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "similarity", "--alliances", CUT, "--year", "2012")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("ccode,2,20,")
    assert len(lines) == 1 + len(lines[0].split(",")) - 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--year", "1700"], "no alliance rows in 1700"),
        (["--year", "2012", "--coding", "cow"], "coding='cow' is the COW ladder"),
    ],
)
def test_cli_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "similarity", "--alliances", CUT, *argv)
    assert code == 1 and out == ""
    assert err.startswith("middlepower: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_cli_out_extension_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["similarity", "--alliances", CUT, "--year", "2012", "--out", "sim.txt"])
    err = capsys.readouterr().err
    assert info.value.code == 2 and err.count("\n") == 1
    assert "--out must end in .json or .csv, got 'sim.txt'" in err


def test_cli_rejects_a_file_that_is_not_an_alliance_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "votes.csv"
    bad.write_text("state,vote\n2,1\n")
    code, out, err = run(
        capsys, "similarity", "--alliances", str(bad), "--year", "2012"
    )
    assert code == 1 and out == "" and "votes.csv" in err


def test_iso3_labels() -> None:
    """COW numbers become ISO3 codes of that year (365: SUN in 1990, RUS in
    2012); a number without an ISO3 code is named."""
    table = canonical(
        [
            {"ccode1": 2, "ccode2": 365, "year": 1990, "nonaggression": True},
            {"ccode1": 2, "ccode2": 365, "year": 2012, "consultation": True},
        ]
    )
    assert alliance_portfolios(table, 1990, labels="iso3").index.tolist() == [
        "USA",
        "SUN",
    ]
    X = alliance_portfolios(table, 2012, labels="iso3")
    assert X.index.tolist() == ["USA", "RUS"] and X.index.name == "iso3"
    assert X.loc["USA", "RUS"] == 2
    unknown = canonical([{"ccode1": 2, "ccode2": 1, "defense": True}])
    with pytest.raises(UnknownStateError, match="1"):
        alliance_portfolios(unknown, 2012, labels="iso3")
    with pytest.raises(InvalidParameterError, match="Unknown labels 'abb'"):
        alliance_portfolios(table, 2012, labels="abb")  # type: ignore[arg-type]
