"""Batch evaluation of the sequence measures: one kernel call per measure.

:func:`prepare` turns a graph, a sequence and poles into arrays once (the
graph's arrays from :class:`middlepower.snapshot.GraphArrays`, the one place
where a graph becomes arrays);
:func:`evaluate` scores a batch of rows (orders of the contacts, or Monte
Carlo draws of the analyst's settings) with the kernels of
:mod:`middlepower.kernels.sequence`. The public functions of
:mod:`middlepower.metrics.sequence` compute the same numbers for one row.

Long batches run in chunks of rows: :func:`check_memory` refuses a request
whose estimated memory exceeds a budget (:data:`DEFAULT_MEMORY_LIMIT`) before
it starts, :func:`progress_reporter` reports the rows done (a ``tqdm`` bar or
a callback) and :func:`resolve_seed` turns ``seed=None`` into a seed that the
result can report.
"""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from middlepower._checks import check_seed, show
from middlepower.exceptions import InvalidArgumentTypeError, InvalidParameterError
from middlepower.graph import KINDS, RelationGraph
from middlepower.kernels.sequence import (
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
    untied_rows,
)
from middlepower.models import ContactSequence, TieKind
from middlepower.snapshot import GraphArrays, check_poles

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
    arrays: GraphArrays  # the snapshot on sequence.start over partners + poles
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
    """Convert once: the snapshot on ``sequence.start`` as arrays."""
    poles = check_poles(graph, poles)
    graph.check_codes([sequence.focal, *sequence.distinct_partners])
    snap = graph.at(sequence.start)  # its ties: the universe, the structure
    partners = sequence.distinct_partners
    U = _sequence_universe(snap, sequence, universe)
    order = list(partners) + [p for p in poles if p not in partners]
    arrays = GraphArrays.of(graph, order, day=sequence.start)
    coef_pairs, pole_idx = arrays.pole_pulls(poles)
    X = GraphArrays.of(
        graph, [sequence.focal, *U], day=sequence.start
    ).focal_strengths()
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
        arrays=arrays,
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
    A = prep.arrays.alignment(prep.poles, np.atleast_2d(kappa))
    out: FloatArray = A[:, : prep.k, :]
    return out


def untied(prep: Prepared, kappa: FloatArray) -> tuple[str, ...]:
    """Contacted partners with no alignment tie to any pole under ``kappa`` (K,).

    See :func:`~middlepower.metrics.sequence.untied_rows`.
    """
    loose = untied_rows(prep.coef_pairs, kappa, prep.pole_rows)[: prep.k]
    return tuple(p for p, u in zip(prep.partners, loose.tolist(), strict=True) if u)


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


# -- chunked runs: memory budget, progress, seed --------------------------------

DEFAULT_MEMORY_LIMIT = 1_000_000_000
"""Default memory budget of one :func:`~middlepower.sensitivity` or
:func:`~middlepower.orderings` call, in bytes (1 GB): a request whose
estimated memory is larger is refused before it starts."""

#: How the message of :func:`check_memory` says to raise the budget.
RAISE_LIMIT_HINT = "raise memory_limit (in bytes; None for no limit)"

#: Bytes counted for the small arrays of any run (the prepared sequence...).
_BASE_BYTES = 1_000_000

PROGRESS_DELAY = 1.0
"""Seconds after which the automatic progress bar appears (``progress=None``)."""

Progress: TypeAlias = "bool | Callable[[int, int], None] | None"
"""The ``progress`` argument: ``None`` for a bar on long runs in a terminal,
``True`` for a bar always, ``False`` for none, or ``progress(done, total)``."""


def format_bytes(size: float) -> str:
    """Return a byte count for people: ``'740 MB'``, ``'7.4 GB'``.

    Parameters
    ----------
    size : float
        Bytes.

    Returns
    -------
    str
        Decimal units (kB, MB, GB, TB), three significant digits.

    Examples
    --------
    >>> from middlepower.analysis._batch import format_bytes
    >>> format_bytes(740_123_456), format_bytes(7.4e9), format_bytes(512)
    ('740 MB', '7.40 GB', '512 B')
    """
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            x = size / scale
            digits = max(0, 2 - math.floor(math.log10(x)))
            return f"{x:.{digits}f} {unit}"
    return f"{int(size)} B"


def check_memory_limit(memory_limit: object) -> float | None:
    """Return a valid ``memory_limit`` (bytes, or ``None`` for no limit).

    Parameters
    ----------
    memory_limit : object
        The argument as given.

    Returns
    -------
    float or None
        The budget in bytes.

    Raises
    ------
    InvalidParameterError
        Unless it is a positive number of bytes or ``None``.

    Examples
    --------
    >>> from middlepower.analysis._batch import check_memory_limit
    >>> check_memory_limit(2e9), check_memory_limit(None)
    (2000000000.0, None)
    """
    if memory_limit is None:
        return None
    if (
        isinstance(memory_limit, bool)
        or not isinstance(memory_limit, (int, float, np.integer, np.floating))
        or not memory_limit > 0
    ):
        raise InvalidParameterError(
            f"memory_limit must be a positive number of bytes or None, not "
            f"{memory_limit!r}."
        )
    return float(memory_limit)


def check_memory(
    estimate: float, memory_limit: float | None, request: str, advice: str
) -> None:
    """Refuse a request whose estimated memory exceeds the budget.

    Parameters
    ----------
    estimate : float
        Bytes the request would hold at its peak.
    memory_limit : float or None
        The budget in bytes; ``None`` for no budget.
    request : str
        What was asked, for the message (``"sensitivity with 1e8 draws"``).
    advice : str
        How to proceed within the budget, for the message.

    Raises
    ------
    InvalidParameterError
        If ``estimate > memory_limit``; the message names the estimate, the
        budget and how to proceed.

    Examples
    --------
    >>> from middlepower.analysis._batch import check_memory
    >>> check_memory(5e8, 1e9, "this", "do less")  # fits: nothing happens
    >>> try:
    ...     check_memory(5e9, 1e9, "this request", "do less")
    ... except mp.InvalidParameterError as err:
    ...     print(err)
    this request needs about 5.00 GB of memory, above the memory_limit of
    1.00 GB; do less, or raise memory_limit (in bytes; None for no limit) if
    the machine has the memory.
    """
    if memory_limit is not None and estimate > memory_limit:
        raise InvalidParameterError(
            f"{request} needs about {format_bytes(estimate)} of memory, above the "
            f"memory_limit of {format_bytes(memory_limit)}; {advice}, or "
            f"{RAISE_LIMIT_HINT} if the machine has the memory."
        )


def affordable_rows(estimate: Callable[[int], int], memory_limit: float) -> int:
    """Return about the most rows whose estimate fits in ``memory_limit``.

    Parameters
    ----------
    estimate : callable
        Estimated bytes of a run of a given number of rows (linear beyond
        one chunk).
    memory_limit : float
        The budget in bytes.

    Returns
    -------
    int
        Rounded down to two significant digits.

    Examples
    --------
    >>> from middlepower.analysis._batch import affordable_rows
    >>> affordable_rows(lambda rows: 1_000 + 80 * rows, 1e9)
    12000000
    """
    big = 1 << 20
    per_row = max(1, estimate(big + 1) - estimate(big))
    fixed = estimate(big) - big * per_row
    most = max(0, int((memory_limit - fixed) // per_row))
    if most < 100:
        return most
    scale = int(10 ** (len(str(most)) - 2))
    return most // scale * scale


def resolve_seed(seed: object) -> int:
    """Return the seed of a run: ``seed`` itself, or a fresh one for ``None``.

    A fresh seed is 53 bits of operating-system entropy drawn through
    :class:`numpy.random.SeedSequence`, small enough to survive any JSON
    reader, so that an unseeded run can report its seed and be repeated.

    Parameters
    ----------
    seed : int or None
        Non-negative integer, or ``None``.

    Returns
    -------
    int
        The seed to pass to :func:`numpy.random.default_rng`.

    Raises
    ------
    InvalidArgumentTypeError
        If ``seed`` is not an integer or ``None``.
    InvalidParameterError
        If it is negative.

    Examples
    --------
    >>> from middlepower.analysis._batch import resolve_seed
    >>> resolve_seed(7), 0 <= resolve_seed(None) < 2**53
    (7, True)
    """
    checked: int | None = check_seed(seed, generator=False)
    if checked is None:
        state = np.random.SeedSequence().generate_state(1, np.uint64)
        return int(state[0]) >> 11
    return checked


def check_progress(progress: object) -> Progress:
    """Return ``progress`` if it is ``None``, ``True``, ``False`` or a callable.

    Parameters
    ----------
    progress : object
        The ``progress`` argument.

    Returns
    -------
    bool, callable or None
        ``progress``.

    Raises
    ------
    InvalidArgumentTypeError
        For anything else.

    Examples
    --------
    >>> from middlepower.analysis._batch import check_progress
    >>> check_progress(False)
    False
    >>> check_progress("yes")
    Traceback (most recent call last):
    ...
    middlepower.exceptions.InvalidArgumentTypeError: progress must be True, False,
    None or a callable progress(done, total), got str 'yes'.
    """
    if progress is None or isinstance(progress, bool) or callable(progress):
        return progress
    raise InvalidArgumentTypeError(
        "progress must be True, False, None or a callable progress(done, total), "
        f"got {show(progress)}."
    )


@contextlib.contextmanager
def progress_reporter(
    progress: Progress, total: int, chunk: int, desc: str, unit: str
) -> Iterator[Callable[[int], None]]:
    """Yield ``update(done)``, which reports the rows done so far.

    Parameters
    ----------
    progress : bool, callable or None
        ``None``: a ``tqdm`` bar on standard error when it is a terminal,
        shown after :data:`PROGRESS_DELAY` seconds and only for runs of more
        than one ``chunk``; ``True``: a bar always; ``False``: nothing; a
        callable is called as ``progress(done, total)``.
    total : int
        Rows in the run.
    chunk : int
        Rows per chunk (a run of one chunk gets no automatic bar).
    desc, unit : str
        Label and unit of the bar.

    Yields
    ------
    callable
        ``update(done)`` with the number of rows done.

    Raises
    ------
    InvalidArgumentTypeError
        If ``progress`` is none of the above.

    Examples
    --------
    >>> from middlepower.analysis._batch import progress_reporter
    >>> seen = []
    >>> with progress_reporter(lambda d, t: seen.append((d, t)), 5, 2, "", "") as up:
    ...     up(2)
    ...     up(5)
    >>> seen
    [(2, 5), (5, 5)]
    """
    check_progress(progress)
    if callable(progress):
        report = progress
        yield lambda done: report(done, total)
        return
    if progress is False or (progress is None and total <= chunk):
        yield lambda done: None
        return
    from tqdm import tqdm

    with tqdm(
        total=total,
        desc=desc,
        unit=unit,
        unit_scale=True,
        file=sys.stderr,
        leave=False,
        disable=None if progress is None else False,
        delay=PROGRESS_DELAY if progress is None else 0.0,
    ) as bar:
        yield lambda done: bar.update(done - bar.n)


def chunks(total: int, size: int) -> Iterator[tuple[int, int]]:
    """Yield ``(lo, hi)`` row ranges of at most ``size`` rows covering ``total``.

    Parameters
    ----------
    total : int
        Rows.
    size : int
        Rows per chunk.

    Yields
    ------
    tuple of int
        ``lo`` and ``hi`` (exclusive).

    Examples
    --------
    >>> from middlepower.analysis._batch import chunks
    >>> list(chunks(10, 4))
    [(0, 4), (4, 8), (8, 10)]
    """
    for lo in range(0, total, size):
        yield lo, min(total, lo + size)


def compact_index_dtype(n: int) -> np.dtype[np.unsignedinteger]:
    """Return the smallest unsigned integer dtype that holds ``0 .. n-1``.

    Parameters
    ----------
    n : int
        Number of distinct indices.

    Returns
    -------
    numpy.dtype
        ``uint8`` up to 256 indices, then ``uint16``, ``uint32``, ``uint64``.

    Examples
    --------
    >>> from middlepower.analysis._batch import compact_index_dtype
    >>> compact_index_dtype(10), compact_index_dtype(300)
    (dtype('uint8'), dtype('uint16'))
    """
    for dtype in (np.uint8, np.uint16, np.uint32):
        if n - 1 <= np.iinfo(dtype).max:
            return np.dtype(dtype)
    return np.dtype(np.uint64)


def batch_work_bytes(prep: Prepared, per_row_alignment: bool) -> int:
    r"""Bytes of working memory per row of one :func:`evaluate` chunk.

    An upper estimate of the float64 temporaries of the kernels for one row:
    salience weights and partner indices (``4n``), attention and benchmarks
    over the universe (``4U``), attention over the partners (``2k``), pole
    attention and equidistance (``4m``), the pairwise comparisons of
    Kendall's :math:`	au_b` (``3 k(k-1)/2``) and, when κ varies by row, the
    alignments (``3 N m`` over the ``N`` partners and poles); about 1.5 times
    what ``tracemalloc`` measures on the editorial sequences.

    Parameters
    ----------
    prep : Prepared
        The sequence as arrays.
    per_row_alignment : bool
        Whether each row has its own alignment (Monte Carlo κ).

    Returns
    -------
    int
        Bytes per row.

    Examples
    --------
    >>> from middlepower.analysis._batch import batch_work_bytes, prepare
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> batch_work_bytes(prepare(g, sc.sequence(), sc.poles), True)
    584
    """
    n, k, m, U = prep.n, prep.k, len(prep.poles), len(prep.universe)
    N = prep.coef_pairs.shape[1]
    align = 3 * N * m if per_row_alignment else 0
    floats = 4 * n + 4 * U + 2 * k + 4 * m + 3 * (k * (k - 1) // 2) + align + 8
    return 8 * floats


def estimate_bytes(
    rows: int, kept_per_row: float, chunk: int, work_per_row: int
) -> int:
    """Peak bytes of a chunked run: rows kept plus one chunk's working memory.

    Includes :data:`_BASE_BYTES` for the small arrays of any run.

    Parameters
    ----------
    rows : int
        Rows of the run.
    kept_per_row : float
        Bytes held per row until the end (results, summaries' temporaries).
    chunk : int
        Rows per chunk.
    work_per_row : int
        Working bytes per row of a chunk (:func:`batch_work_bytes`).

    Returns
    -------
    int
        The estimate.

    Examples
    --------
    >>> from middlepower.analysis._batch import estimate_bytes
    >>> estimate_bytes(1000, 40, 100, 1000)
    1140000
    """
    return (
        _BASE_BYTES + math.ceil(rows * kept_per_row) + min(rows, chunk) * work_per_row
    )
