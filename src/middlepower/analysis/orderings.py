r"""Counterfactual orderings: the same contacts in every other order.

How balanced was the observed order *compared with every order the same
contacts could have taken*? :func:`orderings` scores every permutation of the
contacts (or a seeded sample when there are too many) with the batch kernels,
and places the observed order among them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from middlepower._optional import import_optional
from middlepower.analysis._batch import (
    MEASURES,
    Prepared,
    alignments,
    benchmarks,
    channel_multipliers,
    evaluate,
    kind_vector,
    prepare,
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
    orders : ndarray of int, shape (N, n)
        Each row lists the indices of the observed contacts in that order;
        row :attr:`observed` is the observed order.
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
            Sequence, poles, counts, the observed order, percentiles, the
            three most and least balanced orders and the settings.

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
        lines = [
            f"{len(self)} orders of {len(self.sequence)} contacts "
            f"({'all' if self.exhaustive else 'seeded sample'}); observed: "
            + " > ".join(self.partners(self.observed)),
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


def _all_orders(sequence: ContactSequence) -> IntArray:
    """Every distinct order of the contacts (identical contacts not repeated)."""
    n = len(sequence)
    perms = np.array(list(itertools.permutations(range(n))), dtype=np.intp)
    return _distinct(sequence, perms)


def _distinct(sequence: ContactSequence, perms: IntArray) -> IntArray:
    kinds: dict[tuple[str, str], int] = {}
    ids = np.array(
        [
            kinds.setdefault((c.partner, c.channel.value), len(kinds))
            for c in sequence.contacts
        ],
        dtype=np.intp,
    )
    _, first = np.unique(ids[perms], axis=0, return_index=True)
    out: IntArray = perms[np.sort(first)]
    return out


def _sampled_orders(sequence: ContactSequence, samples: int, seed: Any) -> IntArray:
    rng = np.random.default_rng(seed)
    n = len(sequence)
    base = np.broadcast_to(np.arange(n, dtype=np.intp), (samples, n))
    perms = rng.permuted(base, axis=1)
    return np.vstack([np.arange(n, dtype=np.intp)[None], perms])


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
        Randomness of the sample.
    salience, interests, kinds, universe
        As in :func:`~middlepower.assess`.

    Returns
    -------
    OrderingsResult
        Orders, scores, the observed order's percentiles and the extremes.

    Raises
    ------
    InvalidParameterError
        For an unknown metric or a bad limit or sample size.

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
    if metric not in MEASURES:
        raise InvalidParameterError(
            f"Unknown metric {metric!r}; expected one of {', '.join(MEASURES)}."
        )
    if limit < 1 or limit > 10:
        raise InvalidParameterError(
            f"limit must be between 1 and 10 contacts (10! orders), not {limit!r}."
        )
    if samples < 1:
        raise InvalidParameterError(f"samples must be positive, not {samples!r}.")
    sal = _salience(salience)
    kappa = _alignment_kappa(kinds)
    theta = _weights("interests", interests, INTEREST_WEIGHTS)
    prep = prepare(graph, sequence, poles, universe)
    if metric == "tilt" and len(prep.poles) != 2:
        raise InvalidParameterError("metric 'tilt' needs exactly two poles.")
    exhaustive = len(sequence) <= limit
    orders = (
        _all_orders(sequence)
        if exhaustive
        else _sampled_orders(sequence, samples, seed)
    )
    identity = np.arange(len(sequence))
    observed = int(np.flatnonzero((orders == identity).all(axis=1))[0])
    W = order_weights(prep, sal, orders)
    idx = prep.contact_partner[orders]
    A = alignments(prep, kind_vector(kappa))
    bU, bC = benchmarks(prep, kind_vector(theta))
    res = evaluate(prep, W, idx, A, bU, bC)
    scores = {m: res[m] for m in MEASURES if m in res}
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
    )
