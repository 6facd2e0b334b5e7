r"""Does the verdict survive other reasonable weights? Monte Carlo sensitivity.

:func:`sensitivity` draws the analyst's choices — the salience scheme and its
δ / half-life, the interest weights θ (Dirichlet around the defaults) and the
alignment κ (uniform within stated ranges) — scores the sequence under every
draw with the batch kernels, and reports quantiles of every measure,
:math:`P(\tau > 0)` and which choice moves each measure most.

Memory grows with the number of draws times the measures kept, not with the
contacts or partners: draws are scored in chunks, only the scores are kept
(float64, one array per measure), and the draws themselves are replayed from
the seed when needed (:attr:`SensitivityResult.draws`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from middlepower._checks import (
    check_graph,
    check_int,
    check_kind_weights,
    check_mapping,
    check_names,
    check_numbers,
    check_pair,
    check_pole_codes,
    check_real,
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
    estimate_bytes,
    evaluate,
    prepare,
    progress_reporter,
    resolve_seed,
)
from middlepower.exceptions import InvalidParameterError
from middlepower.graph import KINDS, RelationGraph
from middlepower.kernels.sequence import SCHEMES, salience_kernel
from middlepower.metrics.sequence import (
    KindWeights,
    Salience,
    _alignment_kappa,
    _weights,
)
from middlepower.models import (
    INTEREST_WEIGHTS,
    Channel,
    ContactSequence,
    TieKind,
)

__all__ = ["KAPPA_RANGES", "SensitivityResult", "sensitivity"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

KAPPA_RANGES: Mapping[TieKind, tuple[float, float]] = {
    TieKind.ALLIANCE: (1.0, 1.0),
    TieKind.PARTNERSHIP: (0.25, 1.0),
    TieKind.RIVALRY: (0.5, 1.5),
}
"""Default ranges of the alignment κ drawn by :func:`sensitivity`.

Alignment is scale-invariant, so alliance is the fixed unit and the others
vary relative to it: a partnership counts between a quarter and all of an
alliance, hostility between half and one and a half.
"""

QUANTILES: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)
#: Draws scored per call of the batch kernels.
_CHUNK = 4096
#: Draws generated per call when the random stream is replayed.
_REPLAY_CHUNK = 1 << 16
#: Quantile bins of a continuous choice in the correlation ratio.
_ETA_EDGES = np.linspace(0, 1, 21)[1:-1]
#: Bytes per draw held by the summaries at their peak besides the scores: the
#: replayed choice (8) and its bins shared by the measures defined everywhere
#: (8); for a measure undefined on some draws, a mask (1 per measure, 4), its
#: defined values and choices (16) and their quantile copy or bins (8); 4 spare.
_SUMMARY_BYTES = 48

_Step = Callable[[np.random.Generator, int], npt.NDArray[Any]]


def _integers(n: int) -> _Step:
    def draw(rng: np.random.Generator, size: int) -> npt.NDArray[Any]:
        return rng.integers(0, n, size=size)

    return draw


def _uniform(lo: float, hi: float) -> _Step:
    def draw(rng: np.random.Generator, size: int) -> npt.NDArray[Any]:
        return rng.uniform(lo, hi, size=size)

    return draw


def _dirichlet(alpha: FloatArray) -> _Step:
    def draw(rng: np.random.Generator, size: int) -> npt.NDArray[Any]:
        return rng.dirichlet(alpha, size=size)

    return draw


@dataclass(frozen=True)
class _DrawPlan:
    """The analyst's choices as one seeded random stream, drawn kind by kind.

    The stream is drawn in a fixed order: the scheme index of every draw, then
    every δ, every half-life, the Dirichlet interest weights θ (active kinds)
    and the κ of each kind in range order, exactly as if each were drawn for
    all draws at once. numpy's generators give the same numbers whether a
    kind is drawn at once or in consecutive pieces, so the draws are replayed
    chunk by chunk from the state at which each kind starts, in memory that
    does not grow with the number of draws.
    """

    seed: int
    size: int
    n_schemes: int
    decay_range: tuple[float, float]
    half_life_range: tuple[float, float]
    theta_kinds: tuple[int, ...]  # KINDS indices of the active interest kinds
    alpha: tuple[float, ...]  # their Dirichlet parameters
    kappa_kinds: tuple[tuple[int, float, float], ...]  # KINDS index, low, high

    def steps(self) -> list[tuple[tuple[str, ...], _Step]]:
        """Return the kinds in stream order: column names and a drawing function."""
        steps: list[tuple[tuple[str, ...], _Step]] = [
            (("scheme",), _integers(self.n_schemes)),
            (("decay",), _uniform(*self.decay_range)),
            (("half_life_days",), _uniform(*self.half_life_range)),
        ]
        if self.theta_kinds:
            names = tuple(f"theta[{KINDS[i].value}]" for i in self.theta_kinds)
            steps.append((names, _dirichlet(np.array(self.alpha))))
        for i, lo, hi in self.kappa_kinds:
            steps.append(((f"kappa[{KINDS[i].value}]",), _uniform(lo, hi)))
        return steps

    def names(self) -> list[str]:
        """Return the names of the choices, in report order."""
        return [name for names, _ in self.steps() for name in names]

    def all(self) -> dict[str, FloatArray]:
        """Draw every choice of every draw at once (float64 columns)."""
        rng = np.random.default_rng(self.seed)
        out: dict[str, FloatArray] = {}
        for names, step in self.steps():
            values = step(rng, self.size)
            if values.ndim == 1:
                out[names[0]] = values.astype(float)
            else:
                for j, name in enumerate(names):
                    out[name] = np.ascontiguousarray(values[:, j])
        return out

    @functools.cached_property
    def starts(self) -> list[Mapping[str, Any]]:
        """Bit-generator state at the start of each kind (one pass of the stream)."""
        rng = np.random.default_rng(self.seed)
        states = []
        for _, step in self.steps():
            states.append(rng.bit_generator.state)
            for lo in range(0, self.size, _REPLAY_CHUNK):
                step(rng, min(_REPLAY_CHUNK, self.size - lo))
        return states

    def _generator(self, step: int) -> np.random.Generator:
        rng = np.random.default_rng(self.seed)
        rng.bit_generator.state = self.starts[step]
        return rng

    def replay(self, chunk: int) -> Iterator[tuple[int, int, list[FloatArray]]]:
        """Yield ``(lo, hi, values)``: every kind's draws ``lo .. hi-1``."""
        steps = self.steps()
        gens = [self._generator(i) for i in range(len(steps))]
        for lo in range(0, self.size, chunk):
            hi = min(self.size, lo + chunk)
            yield (
                lo,
                hi,
                [step(g, hi - lo) for (_, step), g in zip(steps, gens, strict=True)],
            )

    def column(self, name: str) -> FloatArray:
        """Replay one choice for every draw (float64)."""
        for i, (names, step) in enumerate(self.steps()):
            if name in names:
                j = names.index(name)
                rng = self._generator(i)
                out = np.empty(self.size)
                for lo in range(0, self.size, _REPLAY_CHUNK):
                    hi = min(self.size, lo + _REPLAY_CHUNK)
                    values = step(rng, hi - lo)
                    out[lo:hi] = values if values.ndim == 1 else values[:, j]
                return out
        raise KeyError(name)  # pragma: no cover - names come from steps()


@dataclass(frozen=True)
class SensitivityResult:
    r"""Monte Carlo distribution of the sequence measures over the choices.

    Attributes
    ----------
    draws : dict of str to ndarray
        The choices of each draw: ``scheme`` (index into :attr:`schemes`),
        ``decay``, ``half_life_days``, ``theta[<kind>]`` and ``kappa[<kind>]``
        (float64). Not kept by the run: replayed from :attr:`seed` on first
        access and then kept (72 bytes per draw with the default ranges).
    scores : dict of str to ndarray
        Each measure under each draw (float64, ``nan`` where undefined).
    quantiles : dict of str to dict of float to float or None
        Quantiles of each measure.
    p_tilt_positive : float or None
        Share of draws leaning toward ``poles[0]`` (two poles only).
    influence : dict of str to dict of str to float
        For each measure, the share of its variance explained by each
        choice alone (first-order correlation ratio :math:`\eta^2`).
    most_influential : dict of str to str or None
        For each measure, the choice with the largest :math:`\eta^2`.
    seed : int
        The seed of the draws: the one given, or the one drawn when
        ``seed=None``; passing it again repeats the run exactly.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> res = mp.sensitivity(g, sc.sequence(), sc.poles, draws=2000, seed=1)
    >>> {q: round(v, 2) for q, v in res.quantiles["tilt"].items()}
    {0.05: 0.33, 0.25: 0.41, 0.5: 0.64, 0.75: 0.67, 0.95: 0.83}
    >>> res.most_influential["concordance"]
    'theta[alliance]'
    """

    sequence: ContactSequence
    poles: tuple[str, ...]
    schemes: tuple[str, ...]
    scores: dict[str, FloatArray]
    quantiles: dict[str, dict[float, float | None]]
    p_tilt_positive: float | None
    influence: dict[str, dict[str, float]]
    most_influential: dict[str, str | None]
    seed: int
    _plan: _DrawPlan = field(repr=False, compare=False)
    settings: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(next(iter(self.scores.values())).shape[0])

    @functools.cached_property
    def draws(self) -> dict[str, FloatArray]:
        """The choices of each draw, replayed from the seed (see the class).

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.sensitivity(g, sc.sequence(), sc.poles, draws=2000, seed=1)
        >>> list(res.draws)[:3], res.draws["decay"].shape
        (['scheme', 'decay', 'half_life_days'], (2000,))
        """
        return self._plan.all()

    def draw_settings(self, i: int) -> dict[str, Any]:
        """Return the settings of draw ``i`` as keyword arguments of the scalar API.

        ``salience`` is a :class:`~middlepower.Salience`; ``interests`` and
        ``kinds`` are mappings of tie kind to weight.

        Parameters
        ----------
        i : int
            The draw.

        Returns
        -------
        dict
            ``salience``, ``interests`` and ``kinds``, ready to pass to
            :func:`~middlepower.assess`.

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.sensitivity(g, sc.sequence(), sc.poles, draws=2000, seed=1)
        >>> kw = res.draw_settings(0)
        >>> r = mp.assess(g, sc.sequence(), sc.poles, **kw)  # re-score draw 0
        >>> kw["salience"].scheme, bool(np.isclose(r.tilt, res.scores["tilt"][0]))
        ('linear', True)
        """
        chw = self.settings.get("channel_weights")
        sal = Salience(
            self.schemes[int(self.draws["scheme"][i])],  # type: ignore[arg-type]
            decay=float(self.draws["decay"][i]),
            half_life_days=float(self.draws["half_life_days"][i]),
            channel_weights=chw,
        )
        theta = {
            k.value: float(self.draws[f"theta[{k.value}]"][i])
            for k in KINDS
            if f"theta[{k.value}]" in self.draws
        }
        kappa = {
            k.value: float(self.draws[f"kappa[{k.value}]"][i])
            for k in KINDS
            if f"kappa[{k.value}]" in self.draws
        }
        return {"salience": sal, "interests": theta, "kinds": kappa}

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready summary (quantiles, P(tilt > 0), influence).

        Returns
        -------
        dict
            Sequence, poles, number of draws, seed (the one drawn when the
            call had ``seed=None``), quantiles (keyed by the quantile as a
            string), ``p_tilt_positive``, influence and the settings.

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.sensitivity(g, sc.sequence(), sc.poles, draws=2000, seed=1)
        >>> d = res.to_dict()
        >>> d["draws"], d["seed"], d["p_tilt_positive"], list(d["quantiles"]["tilt"])
        (2000, 1, 1.0, ['0.05', '0.25', '0.5', '0.75', '0.95'])
        """
        return {
            "label": self.sequence.label,
            "focal": self.sequence.focal,
            "poles": list(self.poles),
            "draws": len(self),
            "seed": self.seed,
            "quantiles": {
                m: {str(q): v for q, v in qs.items()}
                for m, qs in self.quantiles.items()
            },
            "p_tilt_positive": self.p_tilt_positive,
            "influence": self.influence,
            "most_influential": self.most_influential,
            "settings": self.settings,
        }

    def to_frame(self) -> Any:
        """Return one row per draw (choices and scores) as a pandas DataFrame.

        Returns
        -------
        pandas.DataFrame
            One column per choice (``scheme`` by name) and per measure.

        Raises
        ------
        ImportError
            If pandas is not installed.

        Examples
        --------
        >>> import pandas as pd
        >>> sc = mp.load_scenario("korea-2025")
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> res = mp.sensitivity(g, sc.sequence(), sc.poles, draws=2000, seed=1)
        >>> frame = res.to_frame()
        >>> type(frame).__name__, frame.shape, frame["scheme"].iloc[0]
        ('DataFrame', (2000, 13), 'linear')
        """
        pd = import_optional("pandas", "pandas", "to_frame")
        frame = pd.DataFrame({**self.draws, **self.scores})
        frame["scheme"] = [self.schemes[int(i)] for i in self.draws["scheme"]]
        return frame

    def __str__(self) -> str:
        qs = list(next(iter(self.quantiles.values())).keys())
        head = f"{'measure':<16} " + " ".join(f"{f'q{q:g}':>7}" for q in qs)
        lines = [
            f"{len(self)} draws of the analyst's choices (seed {self.seed})",
            head,
        ]
        for m, q in self.quantiles.items():
            cells = " ".join(
                f"{'n/a':>7}" if v is None else f"{v:>7.3f}" for v in q.values()
            )
            lines.append(f"{m:<16} {cells}")
        if self.p_tilt_positive is not None:
            lines.append(
                f"P(tilt > 0) = {self.p_tilt_positive:.3f} "
                f"(leaning toward {self.poles[0]})"
            )
        for m, choice in self.most_influential.items():
            if choice is not None:
                share = self.influence[m][choice]
                lines.append(f"{m}: moved most by {choice} (eta^2 = {share:.2f})")
        return "\n".join(lines)


def _check_range(name: str, lo_hi: tuple[float, float], lo: float, hi: float) -> None:
    a, b = lo_hi
    if not (math.isfinite(a) and math.isfinite(b)) or a > b or a < lo or b > hi:
        raise InvalidParameterError(
            f"{name} must be a range (low, high) with {lo} <= low <= high <= {hi}, "
            f"not {lo_hi!r}."
        )


@dataclass(frozen=True)
class _Spread:
    """What the correlation ratio needs of one measure, computed once."""

    ok: npt.NDArray[np.bool_] | None  # defined draws; None when all are
    mean: np.float64
    total: float  # sum of squared deviations over the defined draws


def _spread(y: FloatArray) -> _Spread | None:
    """Mean and total sum of squares of the defined values; ``None`` below two."""
    ok = ~np.isnan(y)
    if ok.all():
        mask = None
    else:
        mask = ok
        y = y[ok]
    if y.size < 2:
        return None
    mean = y.mean()
    return _Spread(mask, mean, float(((y - mean) ** 2).sum()))


def _groups(x: FloatArray, categorical: bool) -> IntArray | None:
    """Bin of each value of a choice: its category, or one of 20 quantile bins.

    ``None`` when the choice does not vary.
    """
    if np.ptp(x) == 0:
        return None
    if categorical:
        return x.astype(np.intp)
    out: IntArray = np.searchsorted(np.quantile(x, _ETA_EDGES), x, side="right")
    return out


def _eta_squared(
    y: FloatArray,
    x: FloatArray,
    categorical: bool,
    spread: _Spread | None,
    groups: IntArray | None = None,
) -> float:
    """First-order correlation ratio of ``y`` on ``x`` (given-data estimate).

    Over the draws where ``y`` is defined; a continuous ``x`` is cut into 20
    quantile bins. ``spread`` is :func:`_spread` of ``y``; ``groups`` may
    give :func:`_groups` of ``x`` when ``y`` is defined everywhere.
    """
    if spread is None or spread.total <= 1e-15:
        return 0.0
    if spread.ok is not None:
        y, x = y[spread.ok], x[spread.ok]
        groups = _groups(x, categorical)
    elif groups is None:
        groups = _groups(x, categorical)
    if groups is None:
        return 0.0
    counts = np.bincount(groups)
    sums = np.bincount(groups, weights=y)
    present = counts > 0
    means = sums[present] / counts[present]
    between = float((counts[present] * (means - spread.mean) ** 2).sum())
    return min(1.0, between / spread.total)


def _estimate(prep: Prepared, draws: int) -> int:
    """Estimated peak bytes of a run of ``draws`` draws.

    The scores (8 bytes per draw and measure), the temporaries of the
    summaries (:data:`_SUMMARY_BYTES` per draw), one chunk of the batch
    kernels and one chunk of the replayed random stream.
    """
    measures = len(MEASURES) - (0 if len(prep.poles) == 2 else 1)
    replay = min(draws, _REPLAY_CHUNK) * 8 * (2 * len(KINDS) + 3)
    return replay + estimate_bytes(
        draws,
        8 * measures + _SUMMARY_BYTES,
        _CHUNK,
        batch_work_bytes(prep, per_row_alignment=True),
    )


def sensitivity(
    graph: RelationGraph,
    sequence: ContactSequence,
    poles: Sequence[str],
    *,
    draws: int = 10_000,
    seed: int | None = None,
    schemes: Sequence[str] = SCHEMES,
    decay_range: tuple[float, float] = (0.25, 0.75),
    half_life_range: tuple[float, float] = (3.0, 14.0),
    interests: KindWeights | None = None,
    concentration: float = 20.0,
    kappa_ranges: Mapping[TieKind, tuple[float, float]]
    | Mapping[str, tuple[float, float]]
    | None = None,
    channel_weights: Mapping[Channel | str, float] | None = None,
    universe: Literal["contacted", "ties"] = "contacted",
    quantiles: Sequence[float] = QUANTILES,
    progress: Progress = None,
    memory_limit: float | None = DEFAULT_MEMORY_LIMIT,
) -> SensitivityResult:
    r"""Return how the scores vary over the analyst's choices (Monte Carlo).

    Each draw picks

    * a salience scheme uniformly from ``schemes``, with
      :math:`\delta \sim U(\text{decay\_range})` and
      :math:`h \sim U(\text{half\_life\_range})` days;
    * interest weights :math:`\theta \sim \mathrm{Dirichlet}(c\,\bar\theta /
      \sum\bar\theta)` around the centre :math:`\bar\theta` (``interests``,
      default alliance, trade and neighbour 1) with concentration
      :math:`c`; kinds with centre 0 stay 0;
    * alignment :math:`\kappa_k \sim U(\text{kappa\_ranges}[k])` (default
      :data:`KAPPA_RANGES`: alliance 1, partnership 0.25-1, rivalry
      0.5-1.5; kinds left out weigh 0);

    and scores the sequence with the same kernels as the scalar functions.
    The influence of a choice on a measure is its first-order correlation
    ratio :math:`\eta^2 = \mathrm{Var}(E[y \mid x]) / \mathrm{Var}(y)`
    (continuous choices in 20 quantile bins).

    Draws are scored in chunks of 4096; only the scores are kept, so memory
    grows with ``draws`` times the number of measures (estimated at 80
    bytes per draw at the peak, 0.81 GB for ten million draws) and not with
    the contacts or partners. A run whose estimate exceeds ``memory_limit``
    is refused before it starts.

    Parameters
    ----------
    graph : RelationGraph
        Read as it stood on ``sequence.start``.
    sequence : ContactSequence
        The contacts.
    poles : sequence of str
        The rival poles.
    draws : int, optional (default=10000)
        Number of draws.
    seed : int, optional
        Non-negative seed of :func:`numpy.random.default_rng`: the same seed
        gives the same draws and numbers (whatever the chunk size). With
        ``None`` a fresh seed is drawn from the operating system's entropy
        and reported as :attr:`SensitivityResult.seed`, so the run can be
        repeated exactly.
    schemes : sequence of str, optional
        Salience schemes to draw from (default all five).
    decay_range, half_life_range : tuple of float, optional
        Ranges of :math:`\delta` (within (0, 1]) and :math:`h` (> 0).
    interests : mapping of TieKind to float, optional
        Centre of the interest weights.
    concentration : float, optional (default=20)
        Dirichlet concentration :math:`c` (larger = closer to the centre).
    kappa_ranges : mapping of TieKind to (low, high), optional
        Ranges of the alignment κ.
    channel_weights : mapping of Channel to float, optional
        Channel multipliers (fixed across draws).
    universe : {"contacted", "ties"}, optional
        Partners compared by proportionality.
    quantiles : sequence of float, optional
        Quantiles to report (default 5, 25, 50, 75, 95%).
    progress : bool or callable, optional
        ``None`` (default): a ``tqdm`` progress bar on standard error for
        runs longer than a second, when it is a terminal; ``True``: a bar
        always; ``False``: none; a callable is called as
        ``progress(done, total)`` after each chunk of draws.
    memory_limit : float or None, optional (default=1e9)
        Budget in bytes (:data:`~middlepower.analysis._batch.DEFAULT_MEMORY_LIMIT`,
        1 GB); ``None`` for no budget.

    Returns
    -------
    SensitivityResult

    Raises
    ------
    InvalidArgumentTypeError
        If an argument has the wrong type (a seed or concentration given as
        a string, a range that is not a pair of numbers...).
    InvalidParameterError
        For bad ranges, schemes, counts, concentration or a negative seed,
        or when the estimated memory of the run exceeds ``memory_limit``
        (the message gives the estimate, the budget and how to proceed).
    UnknownStateError
        If the focal state, a partner or a pole is not in the graph.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> res = mp.sensitivity(g, sc.sequence(), sc.poles, draws=2000, seed=1)
    >>> res.p_tilt_positive
    1.0
    >>> res.most_influential["tilt"]
    'scheme'
    """
    check_graph(graph)
    check_sequence(sequence)
    poles = check_pole_codes(poles)
    draws = check_int(draws, "draws", ge=1)
    schemes = check_names(schemes, "schemes", SCHEMES, item="salience scheme")
    if not schemes:
        raise InvalidParameterError(
            f"schemes must name at least one salience scheme of {', '.join(SCHEMES)}."
        )
    decay_range = check_pair(decay_range, "decay_range")
    _check_range("decay_range", decay_range, 1e-9, 1.0)
    if decay_range[0] <= 0:
        raise InvalidParameterError(
            f"decay_range must be above 0, not {decay_range!r}."
        )
    half_life_range = check_pair(half_life_range, "half_life_range")
    _check_range("half_life_range", half_life_range, 1e-9, math.inf)
    concentration = check_real(concentration, "concentration", gt=0)
    qs = check_numbers(quantiles, "quantiles")
    if not qs or any(not 0 <= q <= 1 for q in qs):
        raise InvalidParameterError(f"quantiles must lie in [0, 1], not {quantiles!r}.")
    check_kind_weights(interests, "interests")
    theta_c = _weights("interests", interests, INTEREST_WEIGHTS)
    check_mapping(kappa_ranges, "kappa_ranges")
    check_universe(universe)
    check_progress(progress)
    if kappa_ranges is None:
        ranges = dict(KAPPA_RANGES)
    else:
        ranges = {}
        for key, lo_hi in kappa_ranges.items():
            kind = _alignment_kappa({key: 1.0})  # validates the kind name
            (k,) = [k for k, v in kind.items() if v]
            lo_hi = check_pair(lo_hi, f"kappa range of {k.value!r}")
            _check_range(f"kappa range of {k.value!r}", lo_hi, 0.0, math.inf)
            ranges[k] = lo_hi
    limit = check_memory_limit(memory_limit)
    run_seed = resolve_seed(seed)
    base = Salience("harmonic", channel_weights=channel_weights)
    prep = prepare(graph, sequence, poles, universe)
    estimate = _estimate(prep, draws)
    check_memory(
        estimate,
        limit,
        f"sensitivity with {draws:,} draws",
        f"use fewer draws (about "
        f"{affordable_rows(lambda d: _estimate(prep, d), limit or 0):,} fit)",
    )

    # -- the draws: one stream, kind by kind, replayed chunk by chunk --------
    active = [k for k in KINDS if theta_c[k] > 0]
    centre = np.array([theta_c[k] for k in active])
    alpha = concentration * centre / centre.sum() if active else centre
    plan = _DrawPlan(
        seed=run_seed,
        size=draws,
        n_schemes=len(schemes),
        decay_range=(float(decay_range[0]), float(decay_range[1])),
        half_life_range=(float(half_life_range[0]), float(half_life_range[1])),
        theta_kinds=tuple(KINDS.index(k) for k in active),
        alpha=tuple(alpha.tolist()),
        kappa_kinds=tuple((KINDS.index(k), lo, hi) for k, (lo, hi) in ranges.items()),
    )

    # -- score in chunks ---------------------------------------------------
    mult = channel_multipliers(prep, base)
    idx_row = prep.contact_partner[None, :]
    names = [m for m in MEASURES if m != "tilt" or len(prep.poles) == 2]
    scores = {m: np.empty(draws) for m in names}
    theta_cols = list(plan.theta_kinds)
    with progress_reporter(progress, draws, _CHUNK, "draws", " draws") as update:
        for lo, hi, values in plan.replay(_CHUNK):
            size = hi - lo
            scheme, decay, half_life = values[:3]
            theta = np.zeros((size, len(KINDS)))
            if theta_cols:
                theta[:, theta_cols] = values[3]
            kappa = np.zeros((size, len(KINDS)))
            for (col, _, _), v in zip(
                plan.kappa_kinds, values[3 + bool(theta_cols) :], strict=True
            ):
                kappa[:, col] = v
            W = np.empty((size, prep.n))
            for s_i, name in enumerate(schemes):
                rows = np.flatnonzero(scheme == s_i)
                if rows.size:
                    W[rows] = salience_kernel(
                        name,
                        prep.days,
                        mult,
                        decay=decay[rows],
                        half_life_days=half_life[rows],
                    )
            if np.isnan(W).any():
                raise InvalidParameterError(
                    "Every contact has salience 0 under the channel weights given."
                )
            idx = np.broadcast_to(idx_row, (size, prep.n))
            A = alignments(prep, kappa)
            bU, bC = benchmarks(prep, theta)
            res = evaluate(prep, W, idx, A, bU, bC)
            for m in names:
                scores[m][lo:hi] = res[m]
            update(hi)

    # -- summaries ---------------------------------------------------------
    quant: dict[str, dict[float, float | None]] = {}
    for m, v in scores.items():
        ok = v[~np.isnan(v)]
        quant[m] = {q: (float(np.quantile(ok, q)) if ok.size else None) for q in qs}
        del ok
    tilt = scores.get("tilt")
    p_tilt = None if tilt is None else float(np.mean(tilt > 0))
    spreads = {m: _spread(v) for m, v in scores.items()}
    influence: dict[str, dict[str, float]] = {m: {} for m in scores}
    for c in plan.names():
        x = plan.column(c)
        # the bins of x over every draw, shared by the measures defined everywhere
        shared = None
        if any(sp is not None and sp.ok is None for sp in spreads.values()):
            shared = _groups(x, c == "scheme")
        for m, v in scores.items():
            influence[m][c] = _eta_squared(v, x, c == "scheme", spreads[m], shared)
        del x, shared
    most: dict[str, str | None] = {}
    for m in scores:
        best = max(influence[m].items(), key=lambda kv: kv[1])
        most[m] = best[0] if best[1] > 0 else None
    return SensitivityResult(
        sequence=sequence,
        poles=prep.poles,
        schemes=schemes,
        scores=scores,
        quantiles=quant,
        p_tilt_positive=p_tilt,
        influence=influence,
        most_influential=most,
        seed=run_seed,
        _plan=plan,
        settings={
            "decay_range": list(decay_range),
            "half_life_range": list(half_life_range),
            "interests": {k.value: v for k, v in theta_c.items() if v},
            "concentration": concentration,
            "kappa_ranges": {k.value: list(v) for k, v in ranges.items()},
            "channel_weights": {
                k.value: v for k, v in (base.channel_weights or {}).items()
            }
            or None,
            "universe": universe,
        },
    )
