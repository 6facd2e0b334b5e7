"""Batch evaluation of the sequence measures: one kernel call per measure.

:func:`prepare` turns a graph, a sequence and poles into arrays once;
:func:`evaluate` scores a batch of rows (orders of the contacts, or Monte
Carlo draws of the analyst's settings) with the kernels of
:mod:`middlepower.kernels.sequence`. The public functions of
:mod:`middlepower.metrics.sequence` compute the same numbers for one row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from middlepower.graph import KINDS, RelationGraph
from middlepower.kernels.sequence import (
    alignment_kernel,
    attention_kernel,
    benchmark_kernel,
    equidistance_kernel,
    jsd2_kernel,
    kendall_tau_b_kernel,
    pole_attention_kernel,
    tilt_kernel,
)
from middlepower.metrics.sequence import (
    Salience,
    _sequence_universe,
    check_poles,
    focal_strengths,
)
from middlepower.models import ContactSequence, TieKind

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

MEASURES: tuple[str, ...] = ("equidistance", "tilt", "proportionality", "concordance")
"""The sequence scores computed per row, in report order."""


@dataclass(frozen=True)
class Prepared:
    """A sequence, its graph snapshot and poles as arrays."""

    sequence: ContactSequence
    snapshot: RelationGraph  # the graph on sequence.start
    poles: tuple[str, ...]
    partners: tuple[str, ...]  # distinct contacted partners, first-contact order
    universe: tuple[str, ...]  # partners first, then other tied states
    contact_partner: IntArray  # (n,) index into partners of each contact
    channels: tuple[str, ...]  # (n,) channel value of each contact
    days: FloatArray  # (n,) days since the start of each slot
    coef_pairs: FloatArray  # (K, N, m) sign_k * pair strength to each pole
    pole_rows: IntArray  # (m,) rows of the poles in the N axis
    X: FloatArray  # (U, K) str_k(F -> s) over the universe

    @property
    def n(self) -> int:
        return len(self.contact_partner)

    @property
    def k(self) -> int:
        return len(self.partners)


def prepare(
    graph: RelationGraph,
    sequence: ContactSequence,
    poles: Sequence[str],
    universe: str = "contacted",
) -> Prepared:
    """Convert once: snapshot on ``sequence.start``, strength tensors."""
    poles = check_poles(graph, poles)
    graph.check_codes([sequence.focal, *sequence.distinct_partners])
    snap = graph.at(sequence.start)
    partners = sequence.distinct_partners
    U = _sequence_universe(snap, sequence, universe)
    order = list(partners) + [p for p in poles if p not in partners]
    T = snap.strength_tensor(order)
    P = np.maximum(T, np.swapaxes(T, 1, 2))
    pole_idx = np.array([order.index(p) for p in poles], dtype=np.intp)
    signs = np.array([k.sign for k in KINDS], dtype=float)
    coef_pairs = signs[:, None, None] * P[:, :, pole_idx]
    X = focal_strengths(snap.strength_tensor([sequence.focal, *U]))
    index = {p: i for i, p in enumerate(partners)}
    return Prepared(
        sequence=sequence,
        snapshot=snap,
        poles=poles,
        partners=partners,
        universe=U,
        contact_partner=np.array([index[c.partner] for c in sequence.contacts]),
        channels=tuple(c.channel.value for c in sequence.contacts),
        days=np.array([(c.on - sequence.start).days for c in sequence.contacts], float),
        coef_pairs=coef_pairs,
        pole_rows=pole_idx,
        X=X,
    )


def kind_vector(weights: Mapping[TieKind, float]) -> FloatArray:
    """Return per-kind weights (κ or θ) as an array in ``KINDS`` order."""
    return np.array([weights[k] for k in KINDS], dtype=float)


def channel_multipliers(prep: Prepared, salience: Salience) -> FloatArray:
    """Return the channel multiplier of each contact, shape ``(n,)``."""
    by_channel = {ch.value: w for ch, w in salience.multipliers().items()}
    return np.array([by_channel[c] for c in prep.channels], dtype=float)


def alignments(prep: Prepared, kappa: FloatArray) -> FloatArray:
    """Alignment of the contacted partners, ``(B, k, m)`` for κ of shape ``(B, K)``.

    ``kappa`` may also be ``(K,)`` for one setting (result ``(1, k, m)``).
    """
    kap = np.atleast_2d(kappa)
    Z = np.einsum("bK,KNm->bNm", kap, prep.coef_pairs)
    A = alignment_kernel(Z, prep.pole_rows)
    out: FloatArray = A[:, : prep.k, :]
    return out


def benchmarks(prep: Prepared, theta: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Benchmarks over the universe and over the contacted partners.

    ``theta`` is ``(B, K)`` or ``(K,)``; both results are ``(B, U)`` and
    ``(B, k)`` with ``nan`` rows where undefined.
    """
    bU = benchmark_kernel(prep.X, theta)
    bC = benchmark_kernel(prep.X[: prep.k], theta)
    return bU, bC


def first_positions(idx: IntArray, k: int) -> FloatArray:
    """Position (0-based) of each partner's first contact, row by row."""
    b, n = idx.shape
    first = np.full((b, k), float(n))
    rows = np.arange(b)
    for i in range(n - 1, -1, -1):
        first[rows, idx[:, i]] = i
    return first


def evaluate(
    prep: Prepared,
    W: FloatArray,
    idx: IntArray,
    A: FloatArray,
    bU: FloatArray,
    bC: FloatArray,
) -> dict[str, FloatArray]:
    """Score a batch of rows with every sequence measure.

    ``W`` and ``idx`` are ``(B, n)``; ``A`` is ``(B|1, k, m)``; ``bU`` and
    ``bC`` are ``(B|1, U)`` and ``(B|1, k)``.

    Returns the attention ``(B, k)``, pole attention ``(B, m)`` and one
    array ``(B,)`` per measure of :data:`MEASURES` (``nan`` where undefined;
    ``tilt`` only with two poles).
    """
    B = W.shape[0]
    U = len(prep.universe)
    alpha_U = attention_kernel(W, idx, U)
    alpha = alpha_U[:, : prep.k]
    if A.shape[0] == 1:
        pi = pole_attention_kernel(alpha, A[0])
    else:
        pi = pole_attention_kernel(alpha, A)
    out: dict[str, FloatArray] = {
        "attention": alpha,
        "pole_attention": pi,
        "equidistance": equidistance_kernel(pi),
    }
    if pi.shape[1] == 2:
        out["tilt"] = tilt_kernel(pi)
    bUb = np.broadcast_to(bU, (B, U))
    out["proportionality"] = 1.0 - jsd2_kernel(alpha_U, bUb)
    out["proportionality"][np.isnan(bUb).any(axis=1)] = np.nan
    earliness = -first_positions(idx, prep.k)
    out["concordance"] = kendall_tau_b_kernel(
        earliness, np.broadcast_to(bC, (B, prep.k))
    )
    return out
