r"""Counterfactual orderings: the same contacts in every other order.

How balanced was the observed order *compared with every order the same
contacts could have taken*? :func:`orderings` scores every permutation of the
contacts (or a seeded sample when there are too many) with the batch kernels,
and places the observed order among them.

Orders are generated and scored in chunks, so memory grows with the number of
orders times what is kept of each (its contact indices in one byte each and
one float64 per measure), not with the contacts times the partners.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from middlepower._checks import (
    check_choice,
    check_graph,
    check_int,
    check_kind_weights,
    check_kinds,
    check_pole_codes,
    check_salience,
    check_seed,
    check_sequence,
    check_universe,
)
from middlepower._optional import import_optional
from middlepower.analysis._batch import (
    DEFAULT_MEMORY_LIMIT,
    MEASURES,
    Prepared,
    Progress,
    affordable_rows,
    alignments,
    batch_work_bytes,
    benchmarks,
    channel_multipliers,
    check_memory,
    check_memory_limit,
    check_progress,
    compact_index_dtype,
    estimate_bytes,
    evaluate,
    kind_vector,
    prepare,
    progress_reporter,
    resolve_seed,
)
from middlepower.exceptions import InvalidParameterError
from middlepower.graph import RelationGraph
from middlepower.kernels.sequence import salience_kernel
from middlepower.metrics.sequence import (
    KindWeights,
    Salience,
    _alignment_kappa,
    _salience,
    _weights,
)
from middlepower.models import INTEREST_WEIGHTS, ContactSequence, TieKind

__all__ = ["OrderingsResult", "orderings", "percentile_rank"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Sequences with at most this many contacts are enumerated exhaustively.
EXHAUSTIVE_LIMIT = 8

#: Orders scored per call of the batch kernels (at most; exhaustive runs use
#: blocks of orders sharing their first contacts, 5040 orders for 7 or more).
_CHUNK = 1 << 14
#: Bytes per order held by the percentiles at their peak besides the scores:
#: the defined values (8), their distance to the observed value (8, twice) and
#: two masks (2).
_SUMMARY_BYTES = 26


def percentile_rank(values: FloatArray, observed: float) -> float | None:
    r"""Mid-rank percentile of ``observed`` among ``values`` (nan ignored).

    .. math::

       100 \cdot \frac{\#\{v < x\} + \tfrac12 \#\{v = x\}}{N}

    Parameters
    ----------
    values : numpy.ndarray
        The values to rank against.
    observed : float
        The value to place.

    Returns
    -------
    float or None
        In [0, 100]; ``None`` when ``observed`` is nan or no value is defined.

    Examples
    --------
    >>> from middlepower.analysis.orderings import percentile_rank
    >>> percentile_rank(np.array([0.1, 0.2, 0.3, 0.4]), 0.3)
    62.5
    """
    v = values[~np.isnan(values)]
    if v.size == 0 or math.isnan(observed):
        return None
    below = np.count_nonzero(v < observed - 1e-12)
    equal = np.count_nonzero(np.abs(v - observed) <= 1e-12)
    return float(100.0 * (below + 0.5 * equal) / v.size)


@dataclass(frozen=True)
class OrderingsResult:
    """Scores of every (or a sample of) order of a sequence's contacts.

    Attributes
    ----------
    sequence : ContactSequence
        The observed sequence.
    orders : ndarray of unsigned int, shape (N, n)
        Each row lists the indices of the observed contacts in that order;
        row :attr:`observed` is the observed order (the first row).
    scores : dict of str to ndarray, shape (N,)
        ``equidistance``, ``tilt`` (two poles), ``proportionality`` and
        ``concordance`` of each order (``nan`` where undefined).
    observed : int
        Row of the observed order.
    percentiles : dict of str to float or None
        Mid-rank percentile of the observed order on each measure, in
        [0, 100].
    exhaustive : bool
        Whether every distinct order was scored (else a seeded sample).
    metric : str
        The measure that ranks :attr:`most_balanced` / :attr:`least_balanced`.
    settings : dict
        Salience, interests and alignment κ used.
    seed : int or None
        The seed of the sample (the one drawn when the call had
        ``seed=None``); ``None`` when every order was scored or a
        ``numpy.random.Generator`` was passed.

    Notes
    -----
    :attr:`orders` uses the smallest unsigned integer type that holds the
    contact indices (``uint8`` up to 256 contacts): 10 bytes per order of 10
    contacts instead of 80.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> res = mp.orderings(g, sc.sequence(), sc.poles)
    >>> len(res), res.exhaustive, res.observed
    (6, True, 0)
    >>> {k: round(v, 1) for k, v in res.percentiles.items()}
    {'equidistance': 16.7, 'tilt': 83.3, 'proportionality': 75.0, 'concordance': 66.7}
    """

    sequence: ContactSequence
    poles: tuple[str, ...]
    orders: IntArray
    scores: dict[str, FloatArray]
    observed: int
    percentiles: dict[str, float | None]
    exhaustive: bool
    metric: str
    settings: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None

    def __len__(self) -> int:
        return int(self.orders.shape[0])

    def partners(self, row: int) -> tuple[str, ...]:
        """Return the partners of order ``row``, in order.

        Parameters
        ----------
        row : int
            Row of :attr:`orders`.

        Returns
        -------
        tuple of str
            The partner of each contact of that order.

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.orderings(g, sc.sequence(), sc.poles)
        >>> res.partners(res.observed), res.partners(5)
        (('USA', 'JPN', 'CHN'), ('CHN', 'JPN', 'USA'))
        """
        seq = self.sequence.partners
        return tuple(seq[i] for i in self.orders[row])

    def _ranked(self, descending: bool, k: int) -> list[dict[str, Any]]:
        values = self.scores[self.metric]
        key = np.where(np.isnan(values), -np.inf if descending else np.inf, values)
        order = np.argsort(-key if descending else key, kind="stable")[:k]
        return [self.row(int(i)) for i in order]

    def most_balanced(self, k: int = 1) -> list[dict[str, Any]]:
        """Return the ``k`` orders with the highest :attr:`metric`.

        Parameters
        ----------
        k : int, optional (default=1)
            How many orders.

        Returns
        -------
        list of dict
            :meth:`row` of each, best first (ties in row order).

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.orderings(g, sc.sequence(), sc.poles)
        >>> [(r["order"], round(r["equidistance"], 4)) for r in res.most_balanced(2)]
        [(['CHN', 'USA', 'JPN'], 0.9091), (['CHN', 'JPN', 'USA'], 0.9091)]
        """
        return self._ranked(True, k)

    def least_balanced(self, k: int = 1) -> list[dict[str, Any]]:
        """Return the ``k`` orders with the lowest :attr:`metric`.

        Parameters
        ----------
        k : int, optional (default=1)
            How many orders.

        Returns
        -------
        list of dict
            :meth:`row` of each, worst first (ties in row order).

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.orderings(g, sc.sequence(), sc.poles)
        >>> worst = res.least_balanced()[0]  # the observed order
        >>> worst["order"], round(worst["equidistance"], 4)
        (['USA', 'JPN', 'CHN'], 0.3636)
        """
        return self._ranked(False, k)

    def row(self, i: int) -> dict[str, Any]:
        """Return order ``i`` as a dictionary (partners and scores).

        Parameters
        ----------
        i : int
            Row of :attr:`orders`.

        Returns
        -------
        dict
            ``order`` (list of partners) and each measure (``None`` where
            undefined).

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.orderings(g, sc.sequence(), sc.poles)
        >>> row = res.row(res.observed)
        >>> row["order"], round(row["tilt"], 4), round(row["proportionality"], 4)
        (['USA', 'JPN', 'CHN'], 0.6364, 0.9785)
        """
        out: dict[str, Any] = {"order": list(self.partners(i))}
        for name, values in self.scores.items():
            v = float(values[i])
            out[name] = None if math.isnan(v) else v
        return out

    def to_dict(self, *, rows: bool = False) -> dict[str, Any]:
        """Return a JSON-ready summary (every order too with ``rows=True``).

        Parameters
        ----------
        rows : bool, optional (default=False)
            Also list every order under ``"orders"``.

        Returns
        -------
        dict
            Sequence, poles, counts, the seed of a sample, the observed
            order, percentiles, the three most and least balanced orders and
            the settings.

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.orderings(g, sc.sequence(), sc.poles)
        >>> d = res.to_dict(rows=True)
        >>> d["n_orders"], d["observed"]["order"], len(d["orders"])
        (6, ['USA', 'JPN', 'CHN'], 6)
        """
        out: dict[str, Any] = {
            "label": self.sequence.label,
            "focal": self.sequence.focal,
            "poles": list(self.poles),
            "n_contacts": len(self.sequence),
            "n_orders": len(self),
            "exhaustive": self.exhaustive,
            "seed": self.seed,
            "metric": self.metric,
            "observed": self.row(self.observed),
            "percentiles": self.percentiles,
            "most_balanced": self.most_balanced(3),
            "least_balanced": self.least_balanced(3),
            "settings": self.settings,
        }
        if rows:
            out["orders"] = [self.row(i) for i in range(len(self))]
        return out

    def to_frame(self) -> Any:
        """Return one row per order as a :class:`pandas.DataFrame` (extra).

        Returns
        -------
        pandas.DataFrame
            Columns ``order`` (partners joined by ``" > "``), each measure
            and ``observed`` (True on the observed order).

        Raises
        ------
        ImportError
            If pandas is not installed.

        Examples
        --------
        >>> import pandas as pd
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.orderings(g, sc.sequence(), sc.poles)
        >>> frame = res.to_frame()
        >>> type(frame).__name__, frame.loc[frame["observed"], "order"].tolist()
        ('DataFrame', ['USA > JPN > CHN'])
        """
        pd = import_optional("pandas", "pandas", "to_frame")
        frame = pd.DataFrame(
            {
                "order": [" > ".join(self.partners(i)) for i in range(len(self))],
                **self.scores,
            }
        )
        frame["observed"] = False
        frame.loc[self.observed, "observed"] = True
        return frame

    def __str__(self) -> str:
        how = "all" if self.exhaustive else "seeded sample"
        if not self.exhaustive and self.seed is not None:
            how += f", seed {self.seed}"
        lines = [
            f"{len(self)} orders of {len(self.sequence)} contacts "
            f"({how}); observed: " + " > ".join(self.partners(self.observed)),
            f"{'measure':<16} {'observed':>9} {'percentile':>10} {'min':>7} "
            f"{'median':>7} {'max':>7}",
        ]
        for name, values in self.scores.items():
            obs = float(values[self.observed])
            pct = self.percentiles[name]
            v = values[~np.isnan(values)]
            if v.size == 0:
                lines.append(f"{name:<16} {'n/a':>9}")
                continue
            lines.append(
                f"{name:<16} {obs:>9.3f} "
                f"{'n/a' if pct is None else f'{pct:.1f}':>10} {v.min():>7.3f} "
                f"{np.median(v):>7.3f} {v.max():>7.3f}"
            )
        best = self.most_balanced(1)[0]
        worst = self.least_balanced(1)[0]
        lines.append(
            f"most balanced by {self.metric}: {' > '.join(best['order'])} "
            f"({best[self.metric]:.3f}); least: {' > '.join(worst['order'])} "
            f"({worst[self.metric]:.3f})"
        )
        return "\n".join(lines)


def _contact_kinds(sequence: ContactSequence) -> IntArray:
    """Label each contact by its (partner, channel): equal labels, same contact."""
    kinds: dict[tuple[str, str], int] = {}
    return np.array(
        [
            kinds.setdefault((c.partner, c.channel.value), len(kinds))
            for c in sequence.contacts
        ],
        dtype=np.intp,
    )


def _distinct_count(labels: IntArray) -> int:
    r"""Return the number of distinct orders, :math:`n! / \prod_g n_g!`.

    :math:`n_g` counts the contacts of each group of identical contacts.
    """
    count = math.factorial(labels.size)
    for size in np.bincount(labels).tolist():
        count //= math.factorial(size)
    return count


def _all_orders(labels: IntArray, rows: int = _CHUNK) -> Iterator[IntArray]:
    r"""Yield every distinct order of the contacts, in blocks, lexicographically.

    Orders are the permutations of ``0 .. n-1`` in lexicographic order; of
    the orders that only swap identical contacts (equal ``labels``) the first
    is kept, the one that leaves identical contacts in their observed
    relative order. Blocks share their first ``n - r`` contacts, with
    :math:`r! \le` ``rows``, and hold at most ``r!`` orders.
    """
    n = labels.size
    r = 1
    while r < n and math.factorial(r + 1) <= rows:
        r += 1
    r = min(r, n)
    tail = np.array(list(itertools.permutations(range(r))), dtype=np.intp)
    # consecutive members (a, b), a < b, of each group of identical contacts
    first: list[int] = []
    second: list[int] = []
    for label in np.unique(labels).tolist():
        members = np.flatnonzero(labels == label).tolist()
        first += members[:-1]
        second += members[1:]
    a = np.array(first, dtype=np.intp)
    b = np.array(second, dtype=np.intp)
    steps = np.arange(n, dtype=np.intp)
    for prefix in itertools.permutations(range(n), n - r):
        rest = np.array(sorted(set(range(n)).difference(prefix)), dtype=np.intp)
        block = np.empty((tail.shape[0], n), dtype=np.intp)
        block[:, : n - r] = prefix
        block[:, n - r :] = rest[tail]
        if a.size:
            where = np.empty_like(block)
            where[np.arange(block.shape[0])[:, None], block] = steps
            block = block[(where[:, a] < where[:, b]).all(axis=1)]
        if block.shape[0]:
            yield block


def _sampled_orders(
    n: int, samples: int, rng: np.random.Generator, rows: int = _CHUNK
) -> Iterator[IntArray]:
    """Yield the observed order, then ``samples`` random orders, in blocks.

    The random orders are drawn block by block with
    :meth:`numpy.random.Generator.permuted`, which gives the same orders for
    any block size. Blocks are column-major, as ``permuted`` returns a
    sample of two or more orders: the memory layout decides how numpy sums a
    row, hence the last bit of the scores, which must not depend on the
    blocks (see :func:`_layout`).
    """
    identity = np.arange(n, dtype=np.intp)
    done = 0
    while done < samples:
        size = min(rows, samples - done)
        block = rng.permuted(np.broadcast_to(identity, (size, n)), axis=1)
        if done == 0:
            block = np.vstack([identity[None], block])
        done += size
        yield _layout(block, exhaustive=False, samples=samples)


def order_weights(prep: Prepared, sal: Salience, orders: IntArray) -> FloatArray:
    """Salience weights ``(N, n)`` of each order: slot dates, moved channels.

    Parameters
    ----------
    prep : Prepared
        The sequence as arrays.
    sal : Salience
        The salience scheme.
    orders : numpy.ndarray of int, shape (N, n)
        Each row a permutation of the contacts.

    Returns
    -------
    numpy.ndarray
        Shape ``(N, n)``; each row sums to 1.

    Raises
    ------
    InvalidParameterError
        If some order gives every contact salience 0.
    """
    mult = channel_multipliers(prep, sal)[orders]
    W = salience_kernel(
        sal.scheme,
        prep.days[None, :],
        mult,
        decay=sal.decay,
        half_life_days=sal.half_life_days,
    )
    if np.isnan(W).any():
        raise InvalidParameterError(
            f"Some order has salience 0 for every contact under {sal!r}."
        )
    return W


def _layout(block: IntArray, exhaustive: bool, samples: int) -> IntArray:
    """Give a block the memory layout of the scores' reference computation.

    numpy sums a row of a row-major array pairwise but a row of a
    column-major one left to right, and BLAS multiplies a single row by a
    matrix-vector product, so the last bit of a score depends on the layout
    and on a block being a lone order. The reference is one batch of every
    order: row-major for every order, column-major for a sample of two or
    more (as :meth:`numpy.random.Generator.permuted` returns it).
    """
    out: IntArray = (
        np.asfortranarray(block)
        if not exhaustive and samples >= 2
        else np.ascontiguousarray(block)
    )
    return out


def _twice(block: IntArray, exhaustive: bool, samples: int) -> IntArray:
    """Score a lone order as a batch of two, laid out as the other blocks."""
    return _layout(np.repeat(block, 2, axis=0), exhaustive, samples)


def _estimate(prep: Prepared, orders: int, dtype: np.dtype[Any], measures: int) -> int:
    """Estimated peak bytes of scoring ``orders`` orders.

    The orders kept (``n`` indices each), their scores (8 bytes per measure),
    the temporaries of the percentiles (:data:`_SUMMARY_BYTES` per order) and
    one chunk of the batch kernels with the block of orders it scores.
    """
    n = prep.n
    kept = n * dtype.itemsize + 8 * measures + _SUMMARY_BYTES
    work = batch_work_bytes(prep, per_row_alignment=False) + 3 * 8 * n
    return estimate_bytes(orders, kept, _CHUNK, work)


def orderings(
    graph: RelationGraph,
    sequence: ContactSequence,
    poles: Sequence[str],
    *,
    metric: str = "equidistance",
    limit: int = EXHAUSTIVE_LIMIT,
    samples: int = 50_000,
    seed: int | np.random.Generator | None = None,
    salience: str | Salience = "harmonic",
    interests: KindWeights | None = None,
    kinds: KindWeights | Sequence[TieKind | str] | None = None,
    universe: Literal["contacted", "ties"] = "contacted",
    progress: Progress = None,
    memory_limit: float | None = DEFAULT_MEMORY_LIMIT,
) -> OrderingsResult:
    r"""Score the same contacts in every other order.

    Each counterfactual order keeps the observed *slots* — the dates of the
    1st, 2nd, ... contact — and moves the contacts (partner and channel)
    between them, so the half-life scheme weighs slot dates. Every sequence
    measure of METHODS.md §2 is computed for each order with the batch
    kernels; the observed order's percentile on each measure is its mid-rank
    among all orders,

    .. math::

       \mathrm{pct}(x) = 100\,\frac{\#\{v < x\} + \tfrac12\#\{v = x\}}{N}.

    Orders are generated and scored in chunks; what is kept per order is its
    contact indices (one byte each) and its scores (float64), an estimated
    68 bytes per order of 10 contacts at the peak: 0.27 GB for all
    3,628,800 orders of 10 distinct contacts. A run whose estimate exceeds
    ``memory_limit`` is refused before it starts.

    Parameters
    ----------
    graph : RelationGraph
        Read as it stood on ``sequence.start``.
    sequence : ContactSequence
        The observed sequence.
    poles : sequence of str
        The rival poles.
    metric : str, optional (default="equidistance")
        Measure ranking the most and least balanced orders: one of
        ``"equidistance"``, ``"tilt"``, ``"proportionality"``,
        ``"concordance"``.
    limit : int, optional (default=8)
        Up to this many contacts every distinct order is scored (8 contacts
        = 40,320 orders); beyond, a seeded sample.
    samples : int, optional (default=50000)
        Sample size beyond ``limit`` (the observed order is added).
    seed : int or numpy.random.Generator, optional
        Randomness of the sample: a non-negative seed (the same seed gives
        the same orders, whatever the chunk size) or a generator (also a
        ``BitGenerator`` or ``SeedSequence``). With
        ``None`` a fresh seed is drawn and reported as
        :attr:`OrderingsResult.seed`, so the sample can be repeated exactly.
    salience, interests, kinds, universe
        As in :func:`~middlepower.assess`.
    progress : bool or callable, optional
        ``None`` (default): a ``tqdm`` progress bar on standard error for
        runs longer than a second, when it is a terminal; ``True``: a bar
        always; ``False``: none; a callable is called as
        ``progress(done, total)`` after each chunk of orders.
    memory_limit : float or None, optional (default=1e9)
        Budget in bytes (:data:`~middlepower.analysis._batch.DEFAULT_MEMORY_LIMIT`,
        1 GB); ``None`` for no budget.

    Returns
    -------
    OrderingsResult
        Orders, scores, the observed order's percentiles and the extremes.

    Raises
    ------
    InvalidArgumentTypeError
        If an argument has the wrong type (a list of contacts, a seed or
        limit given as a string...).
    InvalidParameterError
        For an unknown metric, a limit outside 1-10, a sample size below 1,
        a negative seed, or when the estimated memory of the run exceeds
        ``memory_limit`` (the message gives the estimate, the budget and how
        to proceed).
    UnknownStateError
        If the focal state, a partner or a pole is not in the graph.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> res = mp.orderings(g, sc.sequence(), sc.poles)
    >>> len(res), round(res.percentiles["equidistance"], 1)
    (6, 16.7)
    >>> res.most_balanced()[0]["order"]
    ['CHN', 'USA', 'JPN']
    """
    check_graph(graph)
    check_sequence(sequence)
    poles = check_pole_codes(poles)
    check_choice(metric, "metric", MEASURES)
    limit = check_int(limit, "limit", ge=1, le=10)
    samples = check_int(samples, "samples", ge=1)
    seed = check_seed(seed)
    check_salience(salience)
    check_kind_weights(interests, "interests")
    kinds = check_kinds(kinds)
    check_universe(universe)
    check_progress(progress)
    limit_bytes = check_memory_limit(memory_limit)
    sal = _salience(salience)
    kappa = _alignment_kappa(kinds)
    theta = _weights("interests", interests, INTEREST_WEIGHTS)
    prep = prepare(graph, sequence, poles, universe)
    if metric == "tilt" and len(prep.poles) != 2:
        raise InvalidParameterError("metric 'tilt' needs exactly two poles.")
    n = len(sequence)
    exhaustive = n <= limit
    run_seed: int | None = None
    if exhaustive:
        labels = _contact_kinds(sequence)
        total = _distinct_count(labels)
        request = f"orderings of {n} contacts ({total:,} distinct orders)"
        advice = f"set limit below {n} to score a seeded sample of orders instead"
    else:
        if seed is None or isinstance(seed, int):
            run_seed = resolve_seed(seed)
            rng = np.random.default_rng(run_seed)
        else:  # a Generator, BitGenerator or SeedSequence
            rng = np.random.default_rng(seed)
        total = samples + 1
        request = f"orderings with {samples:,} sampled orders"
        advice = "use fewer samples (about {} fit)"
    dtype = compact_index_dtype(n)
    names = [m for m in MEASURES if m != "tilt" or len(prep.poles) == 2]
    if not exhaustive:
        fit = affordable_rows(
            lambda rows: _estimate(prep, rows, dtype, len(names)), limit_bytes or 0
        )
        advice = advice.format(f"{fit:,}")
    check_memory(
        _estimate(prep, total, dtype, len(names)), limit_bytes, request, advice
    )

    A = alignments(prep, kind_vector(kappa))
    bU, bC = benchmarks(prep, kind_vector(theta))
    orders = np.empty((total, n), dtype=dtype)
    scores = {m: np.empty(total) for m in names}
    blocks = (
        _all_orders(labels, _CHUNK)
        if exhaustive
        else _sampled_orders(n, samples, rng, _CHUNK)
    )
    done = 0
    with progress_reporter(progress, total, _CHUNK, "orders", " orders") as update:
        for block in blocks:
            size = block.shape[0]
            rows = (
                block if size > 1 or total == 1 else _twice(block, exhaustive, samples)
            )
            W = order_weights(prep, sal, rows)
            res = evaluate(prep, W, prep.contact_partner[rows], A, bU, bC)
            orders[done : done + size] = block
            for m in names:
                scores[m][done : done + size] = res[m][:size]
            done += size
            update(done)
    observed = 0  # the observed order comes first: lexicographically, or added
    percentiles = {m: percentile_rank(v, float(v[observed])) for m, v in scores.items()}
    return OrderingsResult(
        sequence=sequence,
        poles=prep.poles,
        orders=orders,
        scores=scores,
        observed=observed,
        percentiles=percentiles,
        exhaustive=exhaustive,
        metric=metric,
        settings={
            "salience": sal.model_dump(mode="json"),
            "interests": {k.value: v for k, v in theta.items() if v},
            "alignment_kinds": {k.value: v for k, v in kappa.items() if v},
            "universe": universe,
            "slots": "dates stay with the slots; partners and channels move",
        },
        seed=run_seed,
    )
