r"""Does the verdict survive other reasonable weights? Monte Carlo sensitivity.

:func:`sensitivity` draws the analyst's choices — the salience scheme and its
δ / half-life, the interest weights θ (Dirichlet around the defaults) and the
alignment κ (uniform within stated ranges) — scores the sequence under every
draw with the batch kernels, and reports quantiles of every measure,
:math:`P(\tau > 0)` and which choice moves each measure most.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from middlepower._optional import import_optional
from middlepower.analysis._batch import (
    MEASURES,
    alignments,
    benchmarks,
    channel_multipliers,
    evaluate,
    prepare,
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
_CHUNK = 4096


@dataclass(frozen=True)
class SensitivityResult:
    r"""Monte Carlo distribution of the sequence measures over the choices.

    Attributes
    ----------
    draws : dict of str to ndarray
        The choices of each draw: ``scheme`` (index into :attr:`schemes`),
        ``decay``, ``half_life_days``, ``theta[<kind>]`` and ``kappa[<kind>]``.
    scores : dict of str to ndarray
        Each measure under each draw (``nan`` where undefined).
    quantiles : dict of str to dict of float to float or None
        Quantiles of each measure.
    p_tilt_positive : float or None
        Share of draws leaning toward ``poles[0]`` (two poles only).
    influence : dict of str to dict of str to float
        For each measure, the share of its variance explained by each
        choice alone (first-order correlation ratio :math:`\eta^2`).
    most_influential : dict of str to str or None
        For each measure, the choice with the largest :math:`\eta^2`.

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
    draws: dict[str, FloatArray]
    scores: dict[str, FloatArray]
    quantiles: dict[str, dict[float, float | None]]
    p_tilt_positive: float | None
    influence: dict[str, dict[str, float]]
    most_influential: dict[str, str | None]
    seed: int | None
    settings: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(next(iter(self.scores.values())).shape[0])

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
            Sequence, poles, number of draws, seed, quantiles (keyed by the
            quantile as a string), ``p_tilt_positive``, influence and the
            settings.

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


def _eta_squared(y: FloatArray, x: FloatArray, categorical: bool) -> float:
    """First-order correlation ratio of ``y`` on ``x`` (given-data estimate)."""
    ok = ~np.isnan(y)
    y, x = y[ok], x[ok]
    if y.size < 2:
        return 0.0
    total = float(((y - y.mean()) ** 2).sum())
    if total <= 1e-15 or np.ptp(x) == 0:
        return 0.0
    if categorical:
        groups = x.astype(np.intp)
    else:
        edges = np.quantile(x, np.linspace(0, 1, 21)[1:-1])
        groups = np.searchsorted(edges, x, side="right")
    counts = np.bincount(groups)
    sums = np.bincount(groups, weights=y)
    present = counts > 0
    means = sums[present] / counts[present]
    between = float((counts[present] * (means - y.mean()) ** 2).sum())
    return min(1.0, between / total)


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
    progress: Callable[[int, int], None] | None = None,
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
        Seed of :func:`numpy.random.default_rng`: the same seed gives the
        same draws and numbers.
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
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk of draws.

    Returns
    -------
    SensitivityResult

    Raises
    ------
    InvalidParameterError
        For bad ranges, schemes, counts or concentration.

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
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise InvalidParameterError(f"draws must be a positive integer, not {draws!r}.")
    schemes = tuple(schemes)
    bad = [s for s in schemes if s not in SCHEMES]
    if not schemes or bad:
        raise InvalidParameterError(
            f"Unknown salience scheme(s) {bad or schemes!r}; expected some of "
            f"{', '.join(SCHEMES)}."
        )
    _check_range("decay_range", decay_range, 1e-9, 1.0)
    if decay_range[0] <= 0:
        raise InvalidParameterError(
            f"decay_range must be above 0, not {decay_range!r}."
        )
    _check_range("half_life_range", half_life_range, 1e-9, math.inf)
    if not (math.isfinite(concentration) and concentration > 0):
        raise InvalidParameterError(
            f"concentration must be positive and finite, not {concentration!r}."
        )
    qs = tuple(float(q) for q in quantiles)
    if not qs or any(not 0 <= q <= 1 for q in qs):
        raise InvalidParameterError(f"quantiles must lie in [0, 1], not {quantiles!r}.")
    theta_c = _weights("interests", interests, INTEREST_WEIGHTS)
    if kappa_ranges is None:
        ranges = dict(KAPPA_RANGES)
    else:
        ranges = {}
        for key, lo_hi in kappa_ranges.items():
            kind = _alignment_kappa({key: 1.0})  # validates the kind name
            (k,) = [k for k, v in kind.items() if v]
            lo_hi = (float(lo_hi[0]), float(lo_hi[1]))
            _check_range(f"kappa range of {k.value!r}", lo_hi, 0.0, math.inf)
            ranges[k] = lo_hi
    base = Salience("harmonic", channel_weights=channel_weights)
    prep = prepare(graph, sequence, poles, universe)
    rng = np.random.default_rng(seed)

    # -- the draws (all random numbers first, in a fixed order) -----------
    scheme = rng.integers(0, len(schemes), size=draws)
    decay = rng.uniform(*decay_range, size=draws)
    half_life = rng.uniform(*half_life_range, size=draws)
    active = [k for k in KINDS if theta_c[k] > 0]
    theta = np.zeros((draws, len(KINDS)))
    if active:
        centre = np.array([theta_c[k] for k in active])
        alpha = concentration * centre / centre.sum()
        theta[:, [KINDS.index(k) for k in active]] = rng.dirichlet(alpha, size=draws)
    kappa = np.zeros((draws, len(KINDS)))
    for k, (lo, hi) in ranges.items():
        kappa[:, KINDS.index(k)] = rng.uniform(lo, hi, size=draws)

    # -- score in chunks ---------------------------------------------------
    mult = channel_multipliers(prep, base)
    idx_row = prep.contact_partner[None, :]
    parts: list[dict[str, FloatArray]] = []
    for lo in range(0, draws, _CHUNK):
        hi = min(draws, lo + _CHUNK)
        size = hi - lo
        W = np.empty((size, prep.n))
        for s_i, name in enumerate(schemes):
            rows = np.flatnonzero(scheme[lo:hi] == s_i)
            if rows.size:
                W[rows] = salience_kernel(
                    name,
                    prep.days,
                    mult,
                    decay=decay[lo:hi][rows],
                    half_life_days=half_life[lo:hi][rows],
                )
        if np.isnan(W).any():
            raise InvalidParameterError(
                "Every contact has salience 0 under the channel weights given."
            )
        idx = np.broadcast_to(idx_row, (size, prep.n))
        A = alignments(prep, kappa[lo:hi])
        bU, bC = benchmarks(prep, theta[lo:hi])
        res = evaluate(prep, W, idx, A, bU, bC)
        parts.append({m: res[m] for m in MEASURES if m in res})
        if progress is not None:
            progress(hi, draws)
    scores = {m: np.concatenate([p[m] for p in parts]) for m in parts[0]}

    # -- summaries ---------------------------------------------------------
    draws_out: dict[str, FloatArray] = {
        "scheme": scheme.astype(float),
        "decay": decay,
        "half_life_days": half_life,
    }
    for k in active:
        draws_out[f"theta[{k.value}]"] = theta[:, KINDS.index(k)]
    for k in ranges:
        draws_out[f"kappa[{k.value}]"] = kappa[:, KINDS.index(k)]
    quant: dict[str, dict[float, float | None]] = {}
    for m, v in scores.items():
        ok = v[~np.isnan(v)]
        quant[m] = {q: (float(np.quantile(ok, q)) if ok.size else None) for q in qs}
    tilt = scores.get("tilt")
    p_tilt = None if tilt is None else float(np.mean(tilt > 0))
    influence: dict[str, dict[str, float]] = {}
    most: dict[str, str | None] = {}
    for m, v in scores.items():
        influence[m] = {
            c: _eta_squared(v, x, categorical=(c == "scheme"))
            for c, x in draws_out.items()
        }
        best = max(influence[m].items(), key=lambda kv: kv[1])
        most[m] = best[0] if best[1] > 0 else None
    return SensitivityResult(
        sequence=sequence,
        poles=prep.poles,
        schemes=schemes,
        draws=draws_out,
        scores=scores,
        quantiles=quant,
        p_tilt_positive=p_tilt,
        influence=influence,
        most_influential=most,
        seed=seed,
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
