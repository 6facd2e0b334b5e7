"""The one place for a graph's arrays (ARCHITECTURE.md, "One snapshot") and the
segmented kernels: equal to what the sequence measures and the batch analyses
computed before they switched to it, bit for bit, and to the rectangular
kernels.

The ``_reference_*`` functions are the private helpers that
``metrics/sequence.py`` and ``analysis/_batch.py`` had before the switch to
:class:`~middlepower.snapshot.GraphArrays`, kept here verbatim as the
reference the shared path must reproduce exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests._seq_strategies import cases

import middlepower as mp
from middlepower.analysis._batch import alignments, prepare
from middlepower.graph import KINDS
from middlepower.kernels.sequence import (
    SCHEMES,
    alignment_kernel,
    attention_kernel,
    equidistance_kernel,
    pole_attention_kernel,
    raw_salience,
    salience_kernel,
    segment_pole_attention_kernel,
    segment_positions,
    segment_salience_kernel,
)
from middlepower.metrics.sequence import _alignment_kappa, _prepare
from middlepower.snapshot import (
    GraphArrays,
    alignment_matrix,
    check_poles,
    kappa_vector,
)

KOREA = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))


# -- the helpers before the switch (the reference) ----------------------------------
def _reference_alignment_matrix(graph, poles, nodes, kappa):
    """metrics.sequence.alignment_matrix before the switch (T=None)."""
    order = list(nodes) + [p for p in poles if p not in nodes]
    T = graph.strength_tensor(order)
    P = np.maximum(T, np.swapaxes(T, 1, 2))
    coef = np.array([kappa[k] * k.sign for k in KINDS])
    pole_idx = np.array([order.index(p) for p in poles])
    Z = np.tensordot(coef, P[:, :, pole_idx], axes=1)
    return alignment_kernel(Z, pole_idx)[: len(nodes)]


def _reference_focal_strengths(T):
    """metrics.sequence.focal_strengths before the switch."""
    P = np.maximum(T, np.swapaxes(T, 1, 2))
    directed = np.array([k.directed for k in KINDS])
    return np.where(directed[:, None], T[:, 0, 1:], P[:, 0, 1:]).T.copy()


def _reference_prepare(graph, sequence, poles, universe):
    """analysis._batch.prepare before the switch: coef_pairs, pole rows, X."""
    from middlepower.metrics.sequence import _sequence_universe

    snap = graph.at(sequence.start)
    partners = sequence.distinct_partners
    U = _sequence_universe(snap, sequence, universe)
    order = list(partners) + [p for p in poles if p not in partners]
    T = snap.strength_tensor(order)
    P = np.maximum(T, np.swapaxes(T, 1, 2))
    pole_idx = np.array([order.index(p) for p in poles], dtype=np.intp)
    signs = np.array([k.sign for k in KINDS], dtype=float)
    coef_pairs = signs[:, None, None] * P[:, :, pole_idx]
    X = _reference_focal_strengths(snap.strength_tensor([sequence.focal, *U]))
    return coef_pairs, pole_idx, X


def _reference_alignments(coef_pairs, pole_rows, k, kappa):
    """analysis._batch.alignments before the switch."""
    kap = np.atleast_2d(kappa)
    Z = np.einsum("bK,KNm->bNm", kap, coef_pairs)
    return alignment_kernel(Z, pole_rows)[:, :k, :]


# -- GraphArrays -------------------------------------------------------------------
def test_hand_computed_alignment():
    # METHODS.md §7: USA (1, 0), CHN (0, 1), JPN (1, 0), KOR (2/3, 1/3)
    A = alignment_matrix(KOREA, ("USA", "CHN"), ["USA", "CHN", "JPN", "KOR"])
    assert A == pytest.approx(np.array([[1, 0], [0, 1], [1, 0], [2 / 3, 1 / 3]]))


@settings(max_examples=60, deadline=None)
@given(case=cases())
def test_alignment_is_bit_identical_to_the_sequence_measures(case):
    """The old alignment_matrix on the snapshot == GraphArrays.alignment == what
    the scalar measures now use (_prepare) and mp.alignment."""
    start = case.sequence.start
    nodes = case.sequence.distinct_partners
    kappa = _alignment_kappa(case.kinds)
    old = _reference_alignment_matrix(case.graph.at(start), case.poles, nodes, kappa)
    order = list(nodes) + [p for p in case.poles if p not in nodes]
    arrays = GraphArrays.of(case.graph, order, day=start)
    new = arrays.alignment(case.poles, kappa)[: len(nodes)]
    np.testing.assert_array_equal(new, old)
    prep = _prepare(case.graph, case.sequence, case.poles, "harmonic", case.kinds)
    np.testing.assert_array_equal(prep.A, old)
    snap = case.graph.at(start)
    every = _reference_alignment_matrix(snap, case.poles, snap.codes, kappa)
    now = mp.alignment(snap, case.poles, kinds=case.kinds)
    np.testing.assert_array_equal(np.array([now[c] for c in snap.codes]), every)


@settings(max_examples=60, deadline=None)
@given(case=cases(), draws=st.integers(1, 4), seed=st.integers(0, 2**16))
def test_batch_alignment_is_bit_identical_to_the_batch_analyses(case, draws, seed):
    prep = prepare(case.graph, case.sequence, case.poles)
    old_C, old_rows, old_X = _reference_prepare(
        case.graph, case.sequence, case.poles, "contacted"
    )
    np.testing.assert_array_equal(prep.coef_pairs, old_C)
    np.testing.assert_array_equal(prep.pole_rows, old_rows)
    np.testing.assert_array_equal(prep.X, old_X)
    kappa = np.random.default_rng(seed).uniform(0, 2, size=(draws, 5))
    old_A = _reference_alignments(old_C, old_rows, prep.k, kappa)
    np.testing.assert_array_equal(alignments(prep, kappa), old_A)
    one = kappa[0]  # a single setting (assess, orderings) goes the batch way too
    np.testing.assert_array_equal(
        alignments(prep, one), _reference_alignments(old_C, old_rows, prep.k, one)
    )
    ties = prepare(case.graph, case.sequence, case.poles, "ties")
    np.testing.assert_array_equal(
        ties.X, _reference_prepare(case.graph, case.sequence, case.poles, "ties")[2]
    )


def test_node_order_and_errors():
    arr = GraphArrays.of(KOREA, ["CHN", "KOR"], day="2025-06-04")
    assert arr.nodes == ("CHN", "KOR") and arr.day.isoformat() == "2025-06-04"
    assert arr.index(["KOR"]).tolist() == [1]
    with pytest.raises(mp.UnknownStateError, match="'USA'"):
        arr.index(["USA"])
    with pytest.raises(mp.UnknownStateError, match="'XYZ'"):
        GraphArrays.of(KOREA, ["XYZ"])
    with pytest.raises(mp.InvalidParameterError, match="Unknown tie kind"):
        kappa_vector({"friendship": 1.0})
    with pytest.raises(mp.InvalidParameterError, match="At least two poles"):
        check_poles(KOREA, ["USA"])
    with pytest.raises(mp.InvalidParameterError, match="not the string"):
        alignment_matrix(KOREA, "USA")


def test_snapshot_day_matters():
    ties = [
        mp.Tie(
            source="KOR",
            target="CHN",
            kind="partnership",
            strength=1.0,
            start="2025-01-01",
        ),
        mp.Tie(source="USA", target="CHN", kind="rivalry", strength=1.0),
    ]
    g = mp.RelationGraph(ties)
    before = alignment_matrix(g, ("USA", "CHN"), ["KOR"], day="2024-12-31")
    after = alignment_matrix(g, ("USA", "CHN"), ["KOR"], day="2025-01-01")
    assert before.tolist() == [[0.5, 0.5]] and after.tolist() == [[0.0, 1.0]]


# -- segmented kernels -----------------------------------------------------------------
@st.composite
def ragged(draw):
    lengths = draw(st.lists(st.integers(1, 9), min_size=1, max_size=6))
    rows = []
    for n in lengths:
        mult = draw(
            st.lists(
                st.sampled_from((0.5, 0.75, 1.0, 1.5, 2.0)), min_size=n, max_size=n
            )
        )
        days = sorted(draw(st.lists(st.integers(0, 60), min_size=n, max_size=n)))
        partner = draw(st.lists(st.integers(0, 3), min_size=n, max_size=n))
        rows.append((np.array(mult), np.array(days, float), np.array(partner)))
    return rows


@settings(max_examples=80, deadline=None)
@given(
    rows=ragged(),
    scheme=st.sampled_from(SCHEMES),
    decay=st.floats(0.05, 1.0),
    h=st.floats(0.5, 30.0),
)
def test_segmented_kernels_equal_the_rectangular_ones(rows, scheme, decay, h):
    A = np.array([[1.0, 0.0], [0.0, 1.0], [2 / 3, 1 / 3], [0.5, 0.5]])
    seg = np.concatenate([np.full(len(r[0]), i) for i, r in enumerate(rows)])
    mult = np.concatenate([r[0] for r in rows])
    days = np.concatenate([r[1] for r in rows])
    partner = np.concatenate([r[2] for r in rows])
    w = segment_salience_kernel(
        scheme, seg, days, mult, len(rows), decay=decay, half_life_days=h
    )
    pi = segment_pole_attention_kernel(w, seg, A[partner], len(rows))
    for i, (m_, d_, p_) in enumerate(rows):
        wr = salience_kernel(scheme, d_, m_, decay=decay, half_life_days=h)
        np.testing.assert_allclose(w[seg == i], wr[0], rtol=1e-13, atol=1e-15)
        alpha = attention_kernel(wr, p_, 4)
        pr = pole_attention_kernel(alpha, A)
        np.testing.assert_allclose(pi[i], pr[0], rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(
            equidistance_kernel(pi[i][None]),
            equidistance_kernel(pr),
            rtol=1e-13,
            atol=1e-15,
        )


def test_segment_positions_and_raw_weights():
    pos, n = segment_positions(np.array([0, 0, 1, 1, 1, 4]))
    assert pos.tolist() == [1, 2, 1, 2, 3, 1] and n.tolist() == [2, 2, 3, 3, 3, 1]
    with pytest.raises(ValueError, match="sorted"):
        segment_positions(np.array([1, 0]))
    empty = segment_positions(np.zeros(0, dtype=int))
    assert empty[0].shape == (0,)
    assert raw_salience(
        "geometric", np.array([1.0, 2.0, 3.0]), 3, np.zeros(3), decay=0.5
    ).tolist() == [1.0, 0.5, 0.25]
    assert raw_salience(
        "half-life", np.ones(2), 2, np.array([0.0, 7.0]), half_life_days=7.0
    ).tolist() == [1.0, 0.5]
    with pytest.raises(ValueError, match="unknown salience scheme"):
        raw_salience("cubic", np.ones(1), 1, np.zeros(1))
    # a segment whose weights are all 0 is nan
    w = segment_salience_kernel(
        "uniform", np.array([0, 1]), np.zeros(2), np.array([0.0, 1.0]), 2
    )
    assert np.isnan(w[0]) and w[1] == 1.0


@settings(max_examples=60, deadline=None)
@given(case=cases(), offsets=st.lists(st.integers(-40, 40), min_size=1, max_size=5))
def test_series_equals_the_graph_snapshot_day_by_day(case, offsets):
    """One pass over the ties == graph.at(day).strength_tensor(nodes), exactly."""
    import datetime as dt

    nodes = list(reversed(case.graph.codes))
    days = [case.sequence.start + dt.timedelta(days=o) for o in offsets]
    series = GraphArrays.series(case.graph, nodes, [*days, None])
    for day, arrays in zip(days, series, strict=False):
        assert arrays.day == day and arrays.nodes == tuple(nodes)
        np.testing.assert_array_equal(
            arrays.tensor, case.graph.at(day).strength_tensor(nodes)
        )
    np.testing.assert_array_equal(series[-1].tensor, case.graph.strength_tensor(nodes))
    with pytest.raises(mp.InvalidGraphError, match="not an ISO date"):
        GraphArrays.of(case.graph, nodes, day="June")
    with pytest.raises(mp.InvalidGraphError, match="repeats a state"):
        GraphArrays.of(case.graph, [nodes[0], nodes[0]])
