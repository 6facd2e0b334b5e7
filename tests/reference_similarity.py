"""An independent, deliberately simple reference for foreign-policy similarity.

Written from METHODS.md §9 and the formulas of the R code the literature uses,
with plain loops over pairs, items and categories and exact
:class:`fractions.Fraction` arithmetic (every float input taken at its exact
binary value). It never imports ``middlepower``: the tests compare the
library's vectorised kernel with it call for call.

* :func:`similarity` — the §9 definitions (S, Cohen's kappa, Scott's pi with
  absolute, squared or nominal disagreement, item weights, pairwise deletion
  of missing items, a fixed range or psych's per-pair ranks).
* :func:`cohen_weighted_kappa` — Cohen (1968) from a contingency table and a
  matrix of disagreement weights: ``1 - sum(v * obs) / sum(v * exp)``.
* :func:`psych_weighted_kappa` — the agreement-weight form of
  ``psych::cohen.kappa`` (psych 2.5.3, ``R/kappa.R``): levels = the values
  present in the pair, weights ``1 - |i - j|^e / (L - 1)^e`` on their ranks,
  ``(wpo - wpc) / (1 - wpc)``.
* :func:`scott_pi` — Scott's pi as svmiller/fpsim's ``spi()``: exact-match
  agreement, pooled marginals ``(row + column) / 2n``, ``(po - pe) / (1 - pe)``.
* :func:`signorino_ritter` — S as in svmiller/fpsim's ``srs()``:
  ``1 - 2 * sum(|x - y|^e) / (n * range^e)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

__all__ = [
    "cohen_weighted_kappa",
    "psych_weighted_kappa",
    "scott_pi",
    "signorino_ritter",
    "similarity",
]

Value = float | int | None


def _missing(v: Value) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _frac(v: float | int) -> Fraction:
    return Fraction(v)


def _pair(
    x: Sequence[Value],
    y: Sequence[Value],
    w: Sequence[Fraction],
    method: str,
    distance: str,
    scale: Fraction | str,
) -> float:
    items = [
        k
        for k in range(len(x))
        if not _missing(x[k]) and not _missing(y[k]) and w[k] > 0
    ]
    total = sum((w[k] for k in items), Fraction(0))
    if total == 0:
        return math.nan
    xs = {k: _frac(x[k]) for k in items}  # type: ignore[arg-type]
    ys = {k: _frac(y[k]) for k in items}  # type: ignore[arg-type]
    cats = sorted(set(xs.values()) | set(ys.values()))

    if scale == "pair":
        rank = {c: Fraction(r) for r, c in enumerate(cats)}
        span = Fraction(len(cats) - 1)
    else:
        rank = {c: c for c in cats}
        span = Fraction(scale)

    def dist(a: Fraction, b: Fraction) -> Fraction:
        if distance == "nominal":
            return Fraction(0) if a == b else Fraction(1)
        if span == 0:
            return Fraction(0)
        t = abs(rank[a] - rank[b]) / span
        return t * t if distance == "squared" else t

    d_obs = sum((w[k] * dist(xs[k], ys[k]) for k in items), Fraction(0)) / total
    if method == "s":
        return float(1 - 2 * d_obs)
    p = {c: Fraction(0) for c in cats}
    q = {c: Fraction(0) for c in cats}
    for k in items:
        p[xs[k]] += w[k] / total
        q[ys[k]] += w[k] / total
    if method == "pi":
        pooled = {c: (p[c] + q[c]) / 2 for c in cats}
        p = q = pooled
    d_exp = Fraction(0)
    for a in cats:
        for b in cats:
            d_exp += p[a] * q[b] * dist(a, b)
    if d_exp == 0:
        return math.nan
    return float(1 - d_obs / d_exp)


def similarity(
    X: Sequence[Sequence[Value]],
    method: str = "s",
    distance: str = "absolute",
    weights: Sequence[float] | None = None,
    scale: tuple[float, float] | str | None = None,
) -> list[list[float]]:
    """All-pairs similarity by an explicit loop over pairs (METHODS.md §9).

    ``scale``: ``None`` (range of all values in ``X``), ``(low, high)`` or
    ``"pair"`` (ranks of the categories present in the pair's shared items
    of positive weight). Missing values are ``None`` or NaN; a pair uses the
    items observed for both. Returns ``nan`` where undefined (no shared item
    of positive weight; ``D_exp = 0`` for kappa and pi).
    """
    n = len(X)
    K = len(X[0]) if n else 0
    w = [Fraction(1)] * K if weights is None else [_frac(v) for v in weights]
    if scale is None:
        seen = [_frac(v) for row in X for v in row if not _missing(v)]  # type: ignore[arg-type]
        delta: Fraction | str = max(seen) - min(seen) if seen else Fraction(0)
    elif isinstance(scale, str):
        delta = scale
    else:
        delta = _frac(scale[1]) - _frac(scale[0])
    out = [[math.nan] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            out[i][j] = _pair(X[i], X[j], w, method, distance, delta)
    return out


def cohen_weighted_kappa(
    table: Sequence[Sequence[float]], disagreement: Sequence[Sequence[float]]
) -> float:
    """Cohen's (1968) weighted kappa from a contingency table.

    ``1 - sum_ab v_ab o_ab / sum_ab v_ab e_ab`` with ``o`` the observed and
    ``e`` the chance-expected proportions (product of the margins) and ``v``
    the disagreement weights (0 on the diagonal); with ``v = 1 - I`` this is
    Cohen's (1960) kappa.
    """
    n = len(table)
    tot = sum(Fraction(c) for row in table for c in row)
    o = [[Fraction(table[a][b]) / tot for b in range(n)] for a in range(n)]
    rs = [sum(o[a]) for a in range(n)]
    cs = [sum(o[a][b] for a in range(n)) for b in range(n)]
    num = sum(
        Fraction(disagreement[a][b]) * o[a][b] for a in range(n) for b in range(n)
    )
    den = sum(
        Fraction(disagreement[a][b]) * rs[a] * cs[b] for a in range(n) for b in range(n)
    )
    return math.nan if den == 0 else float(1 - num / den)


def psych_weighted_kappa(
    x: Sequence[float], y: Sequence[float], w_exp: int = 2
) -> float:
    """Weighted kappa the way ``psych::cohen.kappa`` computes it by default.

    Levels are the distinct values of both raters, sorted; the agreement
    weight of levels at ranks ``i, j`` is ``1 - |i - j|^w_exp / (L - 1)^w_exp``;
    ``wpo`` and ``wpc`` are the weighted observed and chance proportions and
    the result ``(wpo - wpc) / (1 - wpc)``.
    """
    levels = sorted(set(x) | set(y))
    L = len(levels)
    r = {v: i for i, v in enumerate(levels)}
    n = len(x)
    obs = [[Fraction(0)] * L for _ in range(L)]
    for a, b in zip(x, y, strict=True):
        obs[r[a]][r[b]] += Fraction(1, n)
    rs = [sum(obs[i]) for i in range(L)]
    cs = [sum(obs[i][j] for i in range(L)) for j in range(L)]
    if L == 1:
        return math.nan  # psych: weights 1 - 0/0
    wt = [
        [1 - Fraction(abs(i - j) ** w_exp, (L - 1) ** w_exp) for j in range(L)]
        for i in range(L)
    ]
    wpo = sum(wt[i][j] * obs[i][j] for i in range(L) for j in range(L))
    wpc = sum(wt[i][j] * rs[i] * cs[j] for i in range(L) for j in range(L))
    return math.nan if wpc == 1 else float((wpo - wpc) / (1 - wpc))


def scott_pi(x: Sequence[float], y: Sequence[float]) -> float:
    """Scott's pi as svmiller/fpsim ``spi()``: pooled marginals, exact matches."""
    n = len(x)
    levels = sorted(set(x) | set(y))
    po = Fraction(sum(1 for a, b in zip(x, y, strict=True) if a == b), n)
    marg = [Fraction(list(x).count(v) + list(y).count(v), 2 * n) for v in levels]
    pe = sum(m * m for m in marg)
    return math.nan if pe == 1 else float((po - pe) / (1 - pe))


def signorino_ritter(
    x: Sequence[float],
    y: Sequence[float],
    distances: str = "absolute",
    value_range: float | None = None,
) -> float:
    """S as svmiller/fpsim ``srs()``: ``1 - 2 sum(|x-y|^e) / (n range^e)``.

    ``value_range`` defaults to the largest minus the smallest value of both
    vectors (``srs``'s ``range = NULL``).
    """
    xs = [Fraction(v) for v in x]
    ys = [Fraction(v) for v in y]
    rng = (
        Fraction(value_range)
        if value_range is not None
        else max(xs + ys) - min(xs + ys)
    )
    e = 2 if distances == "squared" else 1
    num = sum(abs(a - b) ** e for a, b in zip(xs, ys, strict=True))
    return float(1 - 2 * num / (len(xs) * rng**e))
