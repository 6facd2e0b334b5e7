r"""Matplotlib figures of relation graphs and balance results (``plot`` extra).

Every function draws into the :class:`~matplotlib.axes.Axes` it is given, or
into a new :class:`~matplotlib.figure.Figure` made without :mod:`pyplot`, and
returns the Axes; none calls ``show()`` or touches global pyplot state, so
the functions work with any backend (or none) and in scripts, notebooks and
servers alike. Save a returned Axes with ``ax.figure.savefig("out.png")``.

In Jupyter (and nbclient, nbmake) ``ax.figure`` as the last expression of a
cell displays the plot as a PNG, with or without pyplot and without any magic:
the figures this module makes are a :class:`NotebookFigure`, a
:class:`~matplotlib.figure.Figure` with a ``_repr_png_``. A figure you pass in
(through ``ax``) stays yours: made with pyplot, it displays as pyplot figures
do; made without, it displays only if it is a :class:`NotebookFigure`.

* :func:`relation_graph` — states and ties, one style per tie kind;
* :func:`attention` — weighted attention by partner, split by alignment;
* :func:`orderings` — a measure over every order, the observed one marked;
* :func:`sensitivity` — quantile intervals of every measure over the draws;
* :func:`measures_over_years` — measures of yearly graphs against the year,
  events marked;
* :func:`compare` — several cases side by side;
* :func:`balance_over_time` — triad, walk and frustration balance per window
  of a signed system; or, given a balance panel of event data
  (:func:`~middlepower.events.balance_panel`), E or tilt per period for some
  focal states, with their contact counts.
* :class:`NotebookFigure` — the Figure they draw into, shown as PNG in notebooks.

Import it explicitly (``import middlepower.plot as mpplot``); it needs
matplotlib: ``pip install 'middlepower[plot]'``.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import sys
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple

import networkx as nx
import numpy as np
import numpy.typing as npt

try:
    import matplotlib.dates as mdates
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator
except ImportError as err:  # pragma: no cover - depends on the extra
    raise ImportError(
        "middlepower.plot needs matplotlib: pip install 'middlepower[plot]'"
    ) from err

from middlepower._checks import (
    check_bool,
    check_focal,
    check_mapping,
    check_optional_str,
    check_seed,
    check_str,
    show,
)
from middlepower.analysis.compare import COLUMNS, Comparison
from middlepower.analysis.orderings import OrderingsResult
from middlepower.analysis.report import BalanceReport
from middlepower.analysis.sensitivity import SensitivityResult
from middlepower.exceptions import InvalidArgumentTypeError, InvalidParameterError
from middlepower.graph import KINDS, RelationGraph
from middlepower.metrics.structure import frustration as _frustration
from middlepower.metrics.structure import triad_balance, walk_balance
from middlepower.models import TieKind

__all__ = [
    "KIND_STYLES",
    "KindStyle",
    "NotebookFigure",
    "attention",
    "balance_over_time",
    "compare",
    "measures_over_years",
    "orderings",
    "panel_over_time",
    "relation_graph",
    "sensitivity",
]

FloatArray = npt.NDArray[np.float64]


class KindStyle(NamedTuple):
    """How :func:`relation_graph` draws the ties of one kind."""

    color: str
    linestyle: Literal["solid", "dashed", "dotted", "dashdot"]
    rad: float


KIND_STYLES: Mapping[TieKind, KindStyle] = {
    TieKind.ALLIANCE: KindStyle("tab:blue", "solid", 0.0),
    TieKind.PARTNERSHIP: KindStyle("tab:green", "dashed", 0.18),
    TieKind.TRADE: KindStyle("tab:orange", "dotted", 0.36),
    TieKind.NEIGHBOUR: KindStyle("#b5b5b5", "solid", -0.18),
    TieKind.RIVALRY: KindStyle("tab:red", "solid", 0.0),
}
"""Colour, line style and curvature of each tie kind in :func:`relation_graph`.

Ties of different kinds between the same two states are drawn as arcs of
different curvature (``rad``) so that they do not hide each other.
"""

_POLE_COLOURS = ("tab:blue", "tab:red", "tab:purple", "tab:brown", "tab:olive")
_MEASURE_COLOURS = {
    "equidistance": "tab:blue",
    "tilt": "tab:red",
    "proportionality": "tab:green",
    "concordance": "tab:purple",
    "two_track": "tab:orange",
    "cross_pressure": "tab:brown",
    "structural_equidistance": "tab:cyan",
    "brokerage": "tab:olive",
}
_NODE_SIZE = 1100
_WINDOW_RE = re.compile(r"^(\d{2})-(\d{2})$")


class NotebookFigure(Figure):
    r"""A pyplot-free Figure that Jupyter displays as a PNG image.

    IPython shows a :class:`~matplotlib.figure.Figure` as an image only when
    pyplot's inline backend has registered a display formatter for it, which
    never happens for a figure made without pyplot: a cell ending in
    ``ax.figure`` would show ``<Figure size 640x480 with 1 Axes>``. This
    subclass adds ``_repr_png_``, the rich-display method IPython looks for
    on any object, so the figure displays as ``image/png`` in Jupyter,
    nbclient and nbmake with or without pyplot, and without touching global
    pyplot state. The PNG is what ``fig.savefig(buf, format="png")`` writes
    (the figure's size and dpi, the ``savefig.*`` rcParams), without the
    ``Software`` metadata entry, so that it depends only on the drawing.

    Every plotting function of this module draws into one when it is given no
    ``ax``. Make one yourself for a figure of several panels that should
    display in a notebook; it takes the arguments of
    :class:`~matplotlib.figure.Figure`.

    Examples
    --------
    >>> import middlepower.plot as mpplot
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> report = mp.assess(g, sc.sequence(), sc.poles)
    >>> type(mpplot.attention(report).figure).__name__
    'NotebookFigure'
    >>> fig = mpplot.NotebookFigure(figsize=(11, 4.5), layout="constrained")
    >>> left, right = fig.subplots(1, 2)
    >>> _ = mpplot.relation_graph(g, day="2025-06-04", ax=left)
    >>> _ = mpplot.attention(report, ax=right)
    >>> fig._repr_png_()[:8]  # what a notebook cell ending in `fig` displays
    b'\x89PNG\r\n\x1a\n'
    """

    def _repr_png_(self) -> bytes:
        """Return the figure as PNG bytes (IPython's ``image/png`` display)."""
        buf = io.BytesIO()
        self.savefig(buf, format="png", metadata={"Software": None})
        return buf.getvalue()


def _axes(ax: Axes | None, figsize: tuple[float, float] = (6.4, 4.8)) -> Axes:
    """Return ``ax``, or the Axes of a new constrained :class:`NotebookFigure`."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise InvalidArgumentTypeError(
                f"ax must be a matplotlib Axes or None, got {show(ax)}."
            )
        return ax
    fig = NotebookFigure(figsize=figsize, layout="constrained")
    return fig.add_subplot()


def _check_type(value: object, expected: type, name: str, hint: str) -> None:
    if not isinstance(value, expected):
        raise InvalidArgumentTypeError(
            f"{name} must be a {expected.__name__} ({hint}), got {show(value)}."
        )


def _label(name: str) -> str:
    return name.replace("_", " ")


# -- relation graph ------------------------------------------------------------
def _layout(
    codes: tuple[str, ...],
    edges: Mapping[TieKind, Mapping[tuple[str, str, bool], float]],
    seed: int,
) -> dict[str, tuple[float, float]]:
    """Circular for up to six states; else spring, isolated states in a row below."""
    if len(codes) <= 6:
        circle = nx.circular_layout(codes)
        return {c: (float(circle[c][0]), float(circle[c][1])) for c in codes}
    U = nx.Graph()
    U.add_edges_from((u, v) for pairs in edges.values() for u, v, _ in pairs)
    linked = [c for c in codes if c in U]
    isolated = [c for c in codes if c not in U]
    out: dict[str, tuple[float, float]] = {}
    if linked:
        U = U.subgraph(linked)
        spring = nx.spring_layout(nx.Graph(U), seed=seed)
        out = {c: (float(spring[c][0]), float(spring[c][1])) for c in linked}
    if isolated:
        xs = [x for x, _ in out.values()] or [-1.0, 1.0]
        ys = [y for _, y in out.values()] or [0.0]
        left, right = min(xs), max(xs)
        row = min(ys) - 0.35 * max(right - left, 1.0)
        step = (right - left) / max(len(isolated) - 1, 1)
        for i, c in enumerate(isolated):
            x = (left + right) / 2 if len(isolated) == 1 else left + i * step
            out[c] = (x, row)
    return out


def relation_graph(
    graph: RelationGraph,
    *,
    day: dt.date | str | None = None,
    ax: Axes | None = None,
    pos: Mapping[str, Sequence[float]] | None = None,
    seed: int = 0,
) -> Axes:
    r"""Draw a relation graph: states labelled by code, one style per tie kind.

    Alliances are solid blue, partnerships dashed green, trade dotted orange,
    neighbours light grey and rivalries red; directed ties (trade, by
    default) end in an arrow; the width of a line grows with the tie's strength
    (:math:`1 + 3\,\mathrm{strength}` points). Ties of different kinds
    between the same two states are drawn as arcs of different curvature
    (:data:`KIND_STYLES`). When a pair has several ties of one kind (in
    different periods) the strongest is drawn: pass ``day`` for a snapshot.

    Parameters
    ----------
    graph : RelationGraph
        The graph.
    day : datetime.date or str, optional
        If given, draw ``graph.at(day)``: only the ties valid that day.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; by default a new Figure is made (without pyplot).
    pos : mapping of str to (x, y), optional
        Node positions. By default a circular layout for up to six states,
        else :func:`networkx.spring_layout` with ``seed``.
    seed : int, optional (default=0)
        Seed of the spring layout.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes, with a legend of the tie kinds present.

    Raises
    ------
    TypeError
        If ``graph`` is not a :class:`~middlepower.RelationGraph`.
    InvalidParameterError
        If ``pos`` lacks a state of the graph.

    Examples
    --------
    >>> import io
    >>> import middlepower.plot as mpplot
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> ax = mpplot.relation_graph(g, day="2025-06-04")
    >>> type(ax).__name__, ax.get_legend().get_texts()[0].get_text()
    ('Axes', 'alliance')
    >>> ax.figure.savefig(io.BytesIO(), format="png")  # or a file name
    """
    _check_type(graph, RelationGraph, "graph", "build one with mp.RelationGraph")
    check_mapping(pos, "pos")
    seed = check_seed(seed, generator=False)
    if day is not None:
        graph = graph.at(day)
    codes = graph.codes
    rank = {c: i for i, c in enumerate(codes)}
    # strongest tie per (kind, pair, directed); symmetric pairs in node order
    edges: dict[TieKind, dict[tuple[str, str, bool], float]] = {k: {} for k in KINDS}
    for t in graph.ties:
        u, v = t.source, t.target
        if not t.directed and rank[u] > rank[v]:
            u, v = v, u
        per_kind = edges[t.kind]
        key = (u, v, t.directed)
        per_kind[key] = max(per_kind.get(key, 0.0), t.strength)

    H = nx.DiGraph()
    H.add_nodes_from(codes)
    if pos is None:
        layout = _layout(codes, edges, seed)
    else:
        missing = [c for c in codes if c not in pos]
        if missing:
            raise InvalidParameterError(
                f"pos gives no position for state(s) {', '.join(missing)}."
            )
        layout = {c: (float(pos[c][0]), float(pos[c][1])) for c in codes}

    ax = _axes(ax)
    handles: list[Line2D] = []
    for kind in KINDS:
        pairs = edges[kind]
        if not pairs:
            continue
        style = KIND_STYLES[kind]
        for directed in (False, True):
            group = {(u, v): w for (u, v, d), w in pairs.items() if d is directed}
            if not group:
                continue
            edgelist = list(group)
            H.add_edges_from(edgelist)
            nx.draw_networkx_edges(
                H,
                layout,
                edgelist=edgelist,
                ax=ax,
                width=[1.0 + 3.0 * group[e] for e in edgelist],
                edge_color=style.color,
                style=style.linestyle,
                arrows=True,
                arrowstyle="-|>" if directed else "-",
                arrowsize=14,
                node_size=_NODE_SIZE,
                connectionstyle=f"arc3,rad={style.rad}",
            )
            H.remove_edges_from(edgelist)
        any_directed = any(d for _, _, d in pairs)
        handles.append(
            Line2D(
                [],
                [],
                color=style.color,
                linestyle=style.linestyle,
                linewidth=2.5,
                label=f"{kind.value} (directed)" if any_directed else kind.value,
            )
        )
    nx.draw_networkx_nodes(
        H,
        layout,
        ax=ax,
        node_size=_NODE_SIZE,
        node_color="white",
        edgecolors="black",
        linewidths=1.2,
    )
    nx.draw_networkx_labels(H, layout, ax=ax, font_size=10, font_weight="bold")
    if handles:
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncols=min(3, len(handles)),
            frameon=False,
            fontsize="small",
            handlelength=3.0,
        )
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.18)
    ax.set_axis_off()
    title = graph.name or "Relation graph"
    if day is not None:
        title += f" on {day}"
    ax.set_title(title)
    return ax


# -- attention -----------------------------------------------------------------
def attention(report: BalanceReport, *, ax: Axes | None = None) -> Axes:
    r"""Draw the weighted attention of each partner, split over the poles.

    One bar per partner, in order of first contact, of height its weighted
    attention :math:`\alpha_s`, stacked by its alignment :math:`a_s` over
    the poles (one colour per pole; the segments of all partners add up to
    the pole attention :math:`\pi`). Diamonds mark the interest benchmark
    :math:`b_s` when it is defined. The title gives tilt and equidistance.

    Parameters
    ----------
    report : BalanceReport
        From :func:`~middlepower.assess`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; by default a new Figure is made (without pyplot).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; ``ax.containers`` holds one bar container per pole.

    Raises
    ------
    TypeError
        If ``report`` is not a :class:`~middlepower.BalanceReport`.

    Examples
    --------
    >>> import middlepower.plot as mpplot
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> ax = mpplot.attention(mp.assess(g, sc.sequence(), sc.poles))
    >>> sum(len(bars) for bars in ax.containers)  # 3 partners x 2 poles
    6
    """
    _check_type(report, BalanceReport, "report", "from mp.assess")
    partners = list(report.attention)
    x = np.arange(len(partners), dtype=float)
    att = np.array([report.attention[p] for p in partners])
    A = np.array([report.alignment[p] for p in partners]).reshape(
        len(partners), len(report.poles)
    )
    ax = _axes(ax)
    bottom = np.zeros(len(partners))
    for j, pole in enumerate(report.poles):
        share = report.pole_attention.get(pole, 0.0)
        height = att * A[:, j]
        ax.bar(
            x,
            height,
            width=0.6,
            bottom=bottom,
            color=_POLE_COLOURS[j % len(_POLE_COLOURS)],
            edgecolor="white",
            label=f"aligned with {pole} (π = {share:.2f})",
        )
        bottom = bottom + height
    top = float(att.max()) if att.size else 1.0
    if report.benchmark is not None:
        b = np.array([report.benchmark.get(p, 0.0) for p in partners])
        ax.plot(
            x,
            b,
            linestyle="none",
            marker="D",
            markersize=8,
            color="black",
            markerfacecolor="gold",
            label="interest benchmark",
            clip_on=False,
            zorder=3,
        )
        top = max(top, float(b.max()) if b.size else 0.0)
    ax.set_xticks(x, partners)
    ax.set_xlim(-0.6, len(partners) - 0.4)
    ax.set_ylim(0.0, 1.3 * top if top > 0 else 1.0)
    ax.set_xlabel("partner (in order of first contact)")
    ax.set_ylabel("weighted attention")
    ax.legend(loc="upper right", fontsize="small")
    parts = []
    if report.tilt is not None:
        parts.append(f"tilt τ = {report.tilt:+.2f}")
    parts.append(f"equidistance E = {report.equidistance:.2f}")
    head = report.label or f"Contacts of {report.focal}"
    ax.set_title(f"{textwrap.shorten(head, 60)}\n" + ", ".join(parts), fontsize=11)
    return ax


# -- orderings -----------------------------------------------------------------
def _histogram(ax: Axes, values: FloatArray) -> None:
    """Draw a histogram; with at most 30 distinct values, one thin bar each."""
    distinct, counts = np.unique(np.round(values, 12), return_counts=True)
    colour = "#6baed6"
    if distinct.size > 30:
        bins = min(50, max(10, int(math.sqrt(values.size))))
        ax.hist(values, bins=bins, color=colour, edgecolor="white")
        return
    span = float(distinct[-1] - distinct[0]) or max(1.0, abs(float(distinct[0])))
    gap = float(np.diff(distinct).min()) if distinct.size > 1 else span
    width = min(0.8 * gap, 0.04 * span)
    ax.bar(distinct, counts, width=width, color=colour)
    if distinct.size == 1:
        ax.set_xlim(distinct[0] - span / 2, distinct[0] + span / 2)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10)
    return f"{n}{suffix or 'th'}"


def orderings(
    result: OrderingsResult,
    *,
    measure: str = "equidistance",
    ax: Axes | None = None,
) -> Axes:
    r"""Draw a measure over every order of the contacts, the observed one marked.

    A histogram of the measure over all orders scored by
    :func:`~middlepower.orderings` (one bar per distinct value when there are
    at most 30 of them), with a vertical line at the observed order annotated
    with its mid-rank percentile. Orders where the measure is undefined are
    left out.

    Parameters
    ----------
    result : OrderingsResult
        From :func:`~middlepower.orderings`.
    measure : str, optional (default="equidistance")
        One of the measures in ``result.scores`` (``"equidistance"``,
        ``"tilt"``, ``"proportionality"``, ``"concordance"``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; by default a new Figure is made (without pyplot).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the observed order is its only vertical line.

    Raises
    ------
    TypeError
        If ``result`` is not an :class:`~middlepower.OrderingsResult`.
    InvalidParameterError
        For an unknown measure, or one undefined for every order.

    Examples
    --------
    >>> import middlepower.plot as mpplot
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> res = mp.orderings(g, sc.sequence(), sc.poles)
    >>> ax = mpplot.orderings(res, measure="tilt")
    >>> bool(ax.lines[0].get_xdata()[0] == res.scores["tilt"][res.observed])
    True
    """
    _check_type(result, OrderingsResult, "result", "from mp.orderings")
    if measure not in result.scores:
        raise InvalidParameterError(
            f"Unknown measure {measure!r}; expected one of {', '.join(result.scores)}."
        )
    values = np.asarray(result.scores[measure], dtype=float)
    defined = values[~np.isnan(values)]
    if defined.size == 0:
        raise InvalidParameterError(
            f"Measure {measure!r} is undefined for every order; nothing to plot."
        )
    ax = _axes(ax)
    _histogram(ax, defined)
    observed = float(values[result.observed])
    pct = result.percentiles.get(measure)
    if math.isnan(observed):
        ax.text(
            0.98,
            0.95,
            "observed order: undefined",
            transform=ax.transAxes,
            ha="right",
            va="top",
        )
    else:
        ax.axvline(observed, color="tab:red", linewidth=2.0)
        where = (
            "percentile n/a" if pct is None else f"{_ordinal(round(pct))} percentile"
        )
        lo, hi = float(defined.min()), float(defined.max())
        right = hi > lo and (observed - lo) / (hi - lo) > 0.6
        ax.annotate(
            f"observed {observed:.3f}\n{where}",
            xy=(observed, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-6 if right else 6, -6),
            textcoords="offset points",
            ha="right" if right else "left",
            va="top",
            color="tab:red",
            fontsize="small",
        )
    ax.set_xlabel(_label(measure))
    ax.set_ylabel("number of orders")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, ax.get_ylim()[1] * 1.25)
    how = "all" if result.exhaustive else "a sample of"
    ax.set_title(
        f"{_label(measure).capitalize()} over {how} {len(result):,} orders of "
        f"{len(result.sequence)} contacts"
    )
    return ax


# -- sensitivity -----------------------------------------------------------------
def _interval(
    result: SensitivityResult, measure: str
) -> tuple[float, float, float, float, float] | None:
    """Return q5, q25, q50, q75, q95 of a measure (``None`` if undefined)."""
    q = result.quantiles.get(measure, {})
    wanted = (0.05, 0.25, 0.5, 0.75, 0.95)
    if all(k in q for k in wanted):
        got = [q[k] for k in wanted]
        if any(v is None for v in got):
            return None
        a, b, c, d, e = (float(v) for v in got if v is not None)
        return a, b, c, d, e
    values = np.asarray(result.scores[measure], dtype=float)
    values = values[~np.isnan(values)]
    if values.size == 0:
        return None
    a, b, c, d, e = (float(v) for v in np.quantile(values, wanted))
    return a, b, c, d, e


def sensitivity(result: SensitivityResult, *, ax: Axes | None = None) -> Axes:
    r"""Draw the sensitivity interval of each measure over the analyst's choices.

    One row per measure: a thin bar from the 5% to the 95% quantile over the
    Monte Carlo draws, a thick one from 25% to 75% and a dot at the median
    (from ``result.quantiles``, or computed from ``result.scores`` when other
    quantiles were requested). The title gives :math:`P(\tau > 0)`.

    Parameters
    ----------
    result : SensitivityResult
        From :func:`~middlepower.sensitivity`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; by default a new Figure is made (without pyplot).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; one y tick per measure (first at the top). A measure
        undefined under every draw gets its row but no interval.

    Raises
    ------
    TypeError
        If ``result`` is not a :class:`~middlepower.SensitivityResult`.

    Examples
    --------
    >>> import middlepower.plot as mpplot
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> res = mp.sensitivity(g, sc.sequence(), sc.poles, draws=500, seed=1)
    >>> ax = mpplot.sensitivity(res)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['equidistance', 'tilt', 'proportionality', 'concordance']
    """
    _check_type(result, SensitivityResult, "result", "from mp.sensitivity")
    measures = list(result.scores)
    ax = _axes(ax, figsize=(6.4, 1.2 + 0.7 * max(1, len(measures))))
    y = np.arange(len(measures), dtype=float)
    lo_all, hi_all = 0.0, 1.0
    for i, m in enumerate(measures):
        iv = _interval(result, m)
        colour = _MEASURE_COLOURS.get(m, "tab:gray")
        if iv is None:
            ax.text(0.5, y[i], "undefined", ha="center", va="center", color="gray")
            continue
        q5, q25, q50, q75, q95 = iv
        lo_all, hi_all = min(lo_all, q5), max(hi_all, q95)
        ax.hlines(y[i], q5, q95, color=colour, linewidth=2.0, alpha=0.6)
        ax.hlines(y[i], q25, q75, color=colour, linewidth=8.0)
        ax.plot(
            [q50],
            [y[i]],
            marker="o",
            markersize=9,
            color="white",
            markeredgecolor="black",
            linestyle="none",
        )
    ax.axvline(0.0, color="gray", linewidth=0.8, linestyle=":")
    ax.set_yticks(y, [_label(m) for m in measures])
    ax.set_ylim(len(measures) - 0.5, -0.5)
    pad = 0.05 * (hi_all - lo_all)
    ax.set_xlim(lo_all - pad, hi_all + pad)
    ax.set_xlabel("value (line 5-95%, bar 25-75%, dot median)")
    title = f"Sensitivity over {len(result):,} draws"
    if result.p_tilt_positive is not None:
        title += f": P(tilt > 0) = {result.p_tilt_positive:.2f}"
        title += f" (toward {result.poles[0]})"
    ax.set_title(title, fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    return ax


# -- compare -----------------------------------------------------------------------
def compare(
    comparison: Comparison,
    *,
    measures: Sequence[str] = ("equidistance", "tilt", "proportionality"),
    ax: Axes | None = None,
) -> Axes:
    r"""Draw several cases side by side: one group of bars per case.

    Within each group, one bar per measure (in the order of ``measures``);
    a measure undefined for a case is marked "n/a" instead of a bar.

    Parameters
    ----------
    comparison : Comparison
        From :func:`~middlepower.compare`.
    measures : sequence of str, optional
        Score columns of :meth:`Comparison.rows` to show (default
        equidistance, tilt and proportionality).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; by default a new Figure is made (without pyplot).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; one x tick label per case; one bar container per measure.

    Raises
    ------
    TypeError
        If ``comparison`` is not a :class:`~middlepower.Comparison`.
    InvalidParameterError
        For no measures, a repeated or an unknown measure.

    Examples
    --------
    >>> import middlepower.plot as mpplot
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> cmp = mp.compare({"scenario": sc, "as a tuple": (g, sc.sequence(), sc.poles)})
    >>> ax = mpplot.compare(cmp, measures=["tilt", "equidistance"])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['scenario', 'as a tuple']
    >>> len(ax.containers)  # one set of bars per measure
    2
    """
    _check_type(comparison, Comparison, "comparison", "from mp.compare")
    if isinstance(measures, str):
        measures = (measures,)
    measures = tuple(measures)
    if not measures:
        raise InvalidParameterError("compare needs at least one measure to draw.")
    unknown = [m for m in measures if m not in COLUMNS]
    if unknown:
        raise InvalidParameterError(
            f"Unknown measure(s) {', '.join(map(repr, unknown))}; expected some of "
            f"{', '.join(COLUMNS)}."
        )
    if len(set(measures)) != len(measures):
        raise InvalidParameterError(f"Measures {list(measures)} repeat a measure.")
    rows = comparison.rows()
    n_cases = len(rows)
    ax = _axes(ax, figsize=(max(6.4, 1.6 + 1.5 * n_cases), 4.8))
    width = 0.8 / len(measures)
    x = np.arange(n_cases, dtype=float)
    lowest = 0.0
    for k, m in enumerate(measures):
        offset = (k - (len(measures) - 1) / 2) * width
        raw = [r[m] for r in rows]
        ok = [
            i
            for i, v in enumerate(raw)
            if v is not None and not (isinstance(v, float) and math.isnan(v))
        ]
        heights = np.array([float(raw[i]) for i in ok])
        ax.bar(
            x[ok] + offset,
            heights,
            width=width * 0.92,
            color=_MEASURE_COLOURS.get(m, "tab:gray"),
            label=_label(m),
        )
        if heights.size:
            lowest = min(lowest, float(heights.min()))
        for i in sorted(set(range(n_cases)) - set(ok)):
            ax.text(
                x[i] + offset,
                0.02,
                "n/a",
                ha="center",
                va="bottom",
                fontsize="small",
                color="dimgray",
            )
    ax.axhline(0.0, color="black", linewidth=0.8)
    labels = [textwrap.fill(str(r["label"]), 18) for r in rows]
    ax.set_xticks(x, labels, fontsize="small")
    ax.set_xlim(-0.6, n_cases - 0.4)
    ax.set_ylim(min(-0.05, lowest - 0.1), 1.25)
    ax.set_ylabel("score")
    ax.legend(loc="upper center", ncols=min(4, len(measures)), fontsize="small")
    ax.set_title("Cases compared under the same settings", fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    return ax


# -- balance over time ------------------------------------------------------------
def _start_year(key: object, graph: object) -> int:
    """Return the first year of a window (graph attribute, ``"46-49"`` or int key)."""
    attrs = getattr(graph, "graph", None)
    if isinstance(attrs, Mapping) and isinstance(attrs.get("start_year"), int):
        return int(attrs["start_year"])
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    if isinstance(key, str):
        match = _WINDOW_RE.match(key)
        if match:
            return 1900 + int(match.group(1))
        if key.isdigit():
            return int(key)
    raise InvalidParameterError(
        f"Cannot tell the start year of window {key!r}: key the graphs by year "
        "(int), by a window such as '46-49', or set graph.graph['start_year']."
    )


def balance_over_time(
    graphs: Mapping[str, nx.Graph | RelationGraph]
    | Mapping[int, nx.Graph | RelationGraph]
    | Any
    | None = None,
    *,
    ax: Axes | None = None,
    frustration: bool = True,
    method: Literal["auto", "exact", "heuristic"] = "exact",
    seed: int = 0,
    focal: str | Sequence[str] | None = None,
    measure: str = "E",
    counts: bool = True,
) -> Axes:
    r"""Draw the balance of a signed system per time window.

    For each window: :func:`~middlepower.triad_balance`,
    :func:`~middlepower.walk_balance` and, with ``frustration=True``, the
    normalised frustration index :math:`1 - 2L/|E|` of
    :func:`~middlepower.frustration` (all unweighted), against the window's
    start year. By default the 51 signed inter-state networks of
    :func:`~middlepower.load_signed_interstate` (1946-1949 to 1996-1999).
    Undefined values (no triangle, no edge) leave gaps in the lines.

    Given a balance panel of event data instead (a pandas DataFrame from
    :func:`~middlepower.events.balance_panel`), draws ``measure`` (``E`` by
    default, or ``tilt``, or a pole attention ``pi_<pole>``) per period for
    each ``focal`` state, one line each, with the number of contacts of each
    period as bars on a twin axis (right); see :func:`panel_over_time`,
    which it calls. The two uses are told apart by the type of the first
    argument; the graph keywords (``frustration``, ``method``, ``seed``) do
    not apply to panels, nor the panel keywords to graphs.

    Parameters
    ----------
    graphs : mapping of window to networkx.Graph or RelationGraph, or DataFrame
        Signed graphs by window. The start year is read from
        ``G.graph["start_year"]``, else from the key (an int year, or a
        window such as ``"46-49"`` read as 1946). Default: the signed
        inter-state networks. A balance panel (DataFrame) draws the panel.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; by default a new Figure is made (without pyplot).
    frustration : bool, optional (default=True)
        Also draw the normalised frustration index.
    method : {"exact", "heuristic", "auto"}, optional (default="exact")
        How :func:`~middlepower.frustration` computes :math:`L`. Exact for
        all 51 inter-state windows takes a few seconds; ``"heuristic"`` is
        quicker and gives an upper bound on :math:`L` (so a lower bound on
        the index).
    seed : int, optional (default=0)
        Seed of the heuristic.
    focal : str or sequence of str, optional
        Panels only: the focal states drawn (default: every focal state of
        the panel, at most eight).
    measure : str, optional (default="E")
        Panels only: the column drawn (``"E"``, ``"tilt"`` or ``"pi_<pole>"``).
    counts : bool, optional (default=True)
        Panels only: draw the contact counts as bars on a twin axis.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; every line's x data are the start years, in time order
        (for a panel: the period starts, one line per focal state).

    Raises
    ------
    InvalidParameterError
        For no graphs, an unknown method, or a window whose start year
        cannot be told; for panel keywords with graphs.
    InvalidGraphError
        For a graph the measures cannot take (directed, unsigned...).

    Examples
    --------
    >>> import middlepower.plot as mpplot
    >>> nets = mp.load_signed_interstate()
    >>> some = {w: nets[w] for w in ("46-49", "71-74", "96-99")}
    >>> ax = mpplot.balance_over_time(some, method="heuristic")
    >>> len(ax.lines), ax.lines[0].get_xdata().tolist()
    (3, [1946, 1971, 1996])

    A balance panel of event data (see :func:`panel_over_time`):

    >>> import pandas as pd
    >>> panel = pd.DataFrame(
    ...     {
    ...         "focal": ["KOR", "KOR", "JPN"],
    ...         "period": pd.to_datetime(["2025-06-01", "2025-07-01", "2025-06-01"]),
    ...         "n_contacts": [3, 2, 1],
    ...         "E": [4 / 11, 0.4, 2 / 3],
    ...         "tilt": [7 / 11, -0.6, 1 / 3],
    ...     }
    ... )
    >>> ax = mpplot.balance_over_time(panel, focal=["KOR"], measure="tilt")
    >>> [line.get_label() for line in ax.lines[:1]], ax.get_ylabel()
    (['KOR'], 'tilt')
    """
    frustration = check_bool(frustration, "frustration")
    if _is_frame(graphs):
        return panel_over_time(
            graphs, focal=focal, measure=measure, counts=counts, ax=ax
        )
    if focal is not None or measure != "E" or counts is not True:
        raise InvalidParameterError(
            "focal, measure and counts apply to a balance panel (a DataFrame from "
            "middlepower.events.balance_panel), not to signed graphs."
        )
    if method not in ("auto", "exact", "heuristic"):
        raise InvalidParameterError(
            f"Unknown method {method!r}; expected 'exact', 'heuristic' or 'auto'."
        )
    if graphs is None:
        from middlepower.datasets import load_signed_interstate

        graphs = load_signed_interstate()
    if not isinstance(graphs, Mapping):
        raise InvalidArgumentTypeError(
            "graphs must be a mapping of window to signed graph, or a balance "
            f"panel, got {show(graphs)}."
        )
    if not graphs:
        raise InvalidParameterError("balance_over_time needs at least one graph.")
    dated = sorted(
        ((_start_year(k, G), G) for k, G in graphs.items()), key=lambda kv: kv[0]
    )
    years = [y for y, _ in dated]
    if len(set(years)) != len(years):
        raise InvalidParameterError(f"Two windows start in the same year: {years}.")

    def _num(v: float | None) -> float:
        return math.nan if v is None else float(v)

    triad = [_num(triad_balance(G)) for _, G in dated]
    walk = [_num(walk_balance(G)) for _, G in dated]
    ax = _axes(ax, figsize=(8.0, 4.5))
    ax.plot(years, triad, marker="o", markersize=3.5, label="triad balance")
    ax.plot(years, walk, marker="s", markersize=3.5, label="walk balance")
    if frustration:
        runs = [_frustration(G, method=method, seed=seed) for _, G in dated]
        index = [_num(r.normalized) for r in runs]
        proven = all(r.exact for r in runs)
        ax.plot(
            years,
            index,
            marker="^",
            markersize=3.5,
            label="1 \u2212 2L/|E| (frustration"
            + (", exact)" if proven else ", upper bound on L)"),
        )
    ax.set_xlabel("window start year")
    ax.set_ylabel("balance (1 = balanced)")
    ax.set_ylim(None, 1.02)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        ncols=3,
        frameon=False,
        fontsize="small",
    )
    ax.grid(alpha=0.3)
    span = f"{years[0]}-{years[-1]}" if len(years) > 1 else f"{years[0]}"
    ax.set_title(f"Balance of the signed system per window (starts {span})")
    return ax


# -- balance panels of event data -------------------------------------------------
_PANEL_LIMIT = 8


def _date2num(x: npt.NDArray[np.datetime64]) -> FloatArray:
    """Matplotlib date numbers of days (its epoch setting respected)."""
    days = mdates.date2num(x)  # type: ignore[no-untyped-call]  # untyped in matplotlib
    out: FloatArray = np.asarray(days, dtype=np.float64)
    return out


def _is_frame(obj: object) -> bool:
    """Whether ``obj`` is a pandas DataFrame (without importing pandas)."""
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(obj, pd.DataFrame)


def panel_over_time(
    panel: Any,
    *,
    focal: str | Sequence[str] | None = None,
    measure: str = "E",
    counts: bool = True,
    ax: Axes | None = None,
) -> Axes:
    r"""Draw a balance panel: one measure per period for some focal states.

    One line per focal state of ``measure`` against the period start
    (equidistance ``E`` in :math:`[0, 1]`, tilt :math:`\tau` in
    :math:`[-1, 1]` with a dotted zero line, or a pole attention
    ``pi_<pole>``), and, with ``counts``, the number of contacts of each
    period as bars (one colour per state, side by side) on a twin axis on
    the right: a score resting on one contact says less than one resting on
    twenty. Periods without a row (no contact) leave the line's gap
    visible as missing markers.

    Parameters
    ----------
    panel : pandas.DataFrame
        From :func:`~middlepower.events.balance_panel` (columns ``focal``,
        ``period``, ``n_contacts`` and the measure).
    focal : str or sequence of str, optional
        The focal states drawn (default: every focal state of the panel, at
        most eight).
    measure : str, optional (default="E")
        The column drawn.
    counts : bool, optional (default=True)
        Draw the contact counts on a twin axis.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; by default a new Figure is made (without pyplot).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes of the lines (the twin axis of the counts, if any, is
        ``ax.figure.axes[-1]``); ``ax.lines`` starts with one line per focal
        state, in the order of ``focal``.

    Raises
    ------
    InvalidParameterError
        For a panel without the needed columns, an unknown measure or focal
        state, no focal state, or more than eight by default.

    Examples
    --------
    >>> import pandas as pd
    >>> import middlepower.plot as mpplot
    >>> panel = pd.DataFrame(
    ...     {
    ...         "focal": ["KOR", "KOR"],
    ...         "period": pd.to_datetime(["2025-06-01", "2025-07-01"]),
    ...         "n_contacts": [3, 2],
    ...         "E": [4 / 11, 0.4],
    ...     }
    ... )
    >>> ax = mpplot.panel_over_time(panel)
    >>> [round(float(y), 4) for y in ax.lines[0].get_ydata()]
    [0.3636, 0.4]
    >>> [float(p.get_height()) for p in ax.figure.axes[-1].patches]  # contacts
    [3.0, 2.0]
    """
    if not _is_frame(panel):
        raise InvalidArgumentTypeError(
            f"panel must be a pandas DataFrame from balance_panel, got {show(panel)}."
        )
    focal = check_focal(focal)
    measure = check_str(measure, "measure")
    counts = check_bool(counts, "counts")
    need = ["focal", "period", measure] + (["n_contacts"] if counts else [])
    missing = [c for c in need if c not in panel.columns]
    if missing:
        raise InvalidParameterError(
            f"The panel lacks column(s) {', '.join(map(repr, missing))}; expected a "
            "DataFrame from balance_panel (measure: 'E', 'tilt' or 'pi_<pole>')."
        )
    present = list(dict.fromkeys(str(f) for f in panel["focal"]))
    if focal is None:
        if len(present) > _PANEL_LIMIT:
            raise InvalidParameterError(
                f"The panel has {len(present)} focal states; choose at most "
                f"{_PANEL_LIMIT} with focal=[...]."
            )
        chosen = present
    else:
        chosen = [focal] if isinstance(focal, str) else list(focal)
        unknown = [f for f in chosen if f not in present]
        if unknown:
            raise InvalidParameterError(
                f"Focal state(s) {', '.join(map(repr, unknown))} have no row in the "
                "panel."
            )
    if not chosen:
        raise InvalidParameterError("The panel has no row to draw.")
    ax = _axes(ax, figsize=(8.0, 4.5))
    periods = np.sort(np.unique(np.asarray(panel["period"], dtype="datetime64[D]")))
    step = float(np.diff(periods).astype(float).min()) if periods.size > 1 else 1.0
    width = 0.8 * step / len(chosen)
    twin = ax.twinx() if counts else None
    colours = [f"C{i % 10}" for i in range(len(chosen))]
    top = 0
    for i, (f, colour) in enumerate(zip(chosen, colours, strict=True)):
        rows = panel[panel["focal"] == f].sort_values("period")
        x = np.asarray(rows["period"], dtype="datetime64[D]")
        y = np.asarray(rows[measure], dtype=float)
        ax.plot(x, y, marker="o", markersize=4, color=colour, label=f, zorder=3)
        if twin is not None:
            n = np.asarray(rows["n_contacts"], dtype=float)
            top = max(top, int(n.max()) if n.size else 0)
            offset = (i - (len(chosen) - 1) / 2) * width
            twin.bar(
                _date2num(x) + offset,
                n,
                width=width,
                align="center",
                color=colour,
                alpha=0.25,
                label=f"{f} contacts",
            )
    if twin is not None:
        twin.set_ylabel("contacts per period")
        twin.set_ylim(0, max(1, top) * 3.0)
        twin.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_zorder(twin.get_zorder() + 1)
        ax.patch.set_visible(False)
    if measure == "E":
        ax.set_ylim(-0.02, 1.02)
        ax.set_ylabel("equidistance E (1 = even)")
    elif measure == "tilt":
        ax.set_ylim(-1.05, 1.05)
        ax.axhline(0.0, color="gray", linewidth=0.8, linestyle=":")
        ax.set_ylabel("tilt")
    else:
        ax.set_ylabel(_label(measure))
    ax.set_xlabel("period start")
    ax.legend(loc="upper left", fontsize="small", ncols=min(4, len(chosen)))
    ax.grid(alpha=0.3)
    # period starts as dates: every one when there are few, else a concise
    # date axis; half a period of margin on each side
    left, right = _date2num(periods[:1])[0], _date2num(periods[-1:])[0]
    ax.set_xlim(left - 0.6 * step, right + 0.6 * step)
    if periods.size <= 12:
        ax.set_xticks(_date2num(periods), [str(p) for p in periods])
        for label in ax.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
    else:
        locator = mdates.AutoDateLocator()  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        concise = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(concise)
    what = {"E": "Equidistance", "tilt": "Tilt"}.get(measure, _label(measure))
    title = f"{what} of contacts per period"
    ax.set_title(title + (" (bars: number of contacts)" if counts else ""))
    return ax


# -- measures over years --------------------------------------------------------
def _year_key(year: object, label: str) -> int:
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise InvalidArgumentTypeError(
            f"Years must be integers; series {label!r} has the key {year!r}."
        )
    return int(year)


def _year_value(value: object, label: str, year: int) -> float:
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise InvalidArgumentTypeError(
            f"Values must be numbers or None; series {label!r} has {value!r} in {year}."
        )
    number = float(value)
    if math.isinf(number):
        raise InvalidParameterError(
            f"Values must be finite (or None/NaN for a gap); series {label!r} has "
            f"{value!r} in {year}."
        )
    return number


def measures_over_years(
    series: Mapping[str, Mapping[int, float | None]],
    *,
    events: Mapping[int, str] | None = None,
    ax: Axes | None = None,
    ylabel: str = "score",
    title: str | None = None,
) -> Axes:
    r"""Draw measures against the year: one line per series, events marked.

    For a panel of yearly relation graphs (such as
    :func:`~middlepower.io.graphs_for_years` builds) scored year by year:
    each series is a mapping ``{year: value}``, drawn in year order with a
    marker at every year that has a value. ``None`` or NaN (a measure
    undefined that year) leaves a gap in the line; a series known only in a
    few years shows as isolated markers. Each event is a dotted vertical
    line at its year, labelled along the line.

    Parameters
    ----------
    series : mapping of str to mapping of int to float or None
        ``{label: {year: value}}``; the labels go into the legend. A pandas
        Series indexed by year can be passed as ``s.to_dict()``.
    events : mapping of int to str, optional
        ``{year: label}`` of the events to mark (mark only what the data
        show).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; by default a new Figure is made (without pyplot).
    ylabel : str, optional (default="score")
        Label of the y axis.
    title : str, optional
        Title of the Axes (none by default).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; ``ax.lines`` holds one line per series, in the order of
        ``series`` (x data the sorted years, NaN where a value is missing),
        then one vertical line per event, in year order; ``ax.texts`` the
        event labels.

    Raises
    ------
    InvalidArgumentTypeError
        If ``series`` or one of its values is not a mapping, a year is not
        an integer, a value is neither a number nor ``None``, or an event
        label is not a string.
    InvalidParameterError
        For no series or an infinite value.

    Examples
    --------
    >>> import middlepower.plot as mpplot
    >>> ax = mpplot.measures_over_years(
    ...     {"E_c": {1990: 0.0, 1992: 1 / 3, 1991: None}, "T": {2002: 0.12}},
    ...     events={1992: "KOR-RUS treaty"},
    ... )
    >>> ax.lines[0].get_xdata().tolist(), ax.lines[0].get_ydata().round(3).tolist()
    ([1990, 1991, 1992], [0.0, nan, 0.333])
    >>> len(ax.lines), [t.get_text() for t in ax.texts]
    (3, ['KOR-RUS treaty'])
    """
    check_str(ylabel, "ylabel")
    check_optional_str(title, "title")
    if not isinstance(series, Mapping):
        raise InvalidArgumentTypeError(
            "series must be a mapping {label: {year: value}}, not "
            f"{type(series).__name__}."
        )
    if not series:
        raise InvalidParameterError("measures_over_years needs at least one series.")
    lines: list[tuple[str, list[int], list[float]]] = []
    for label, values in series.items():
        if not isinstance(values, Mapping):
            raise InvalidArgumentTypeError(
                f"Series {label!r} must be a mapping {{year: value}}, not "
                f"{type(values).__name__}."
            )
        points = sorted(
            ((_year_key(y, str(label)), v) for y, v in values.items()),
            key=lambda point: point[0],
        )
        lines.append(
            (
                str(label),
                [y for y, _ in points],
                [_year_value(v, str(label), y) for y, v in points],
            )
        )
    marks: list[tuple[int, str]] = []
    if events is not None:
        if not isinstance(events, Mapping):
            raise InvalidArgumentTypeError(
                "events must be a mapping {year: label}, not "
                f"{type(events).__name__}."
            )
        for year, text in events.items():
            if not isinstance(text, str):
                raise InvalidArgumentTypeError(
                    f"Event labels must be strings; the event of {year!r} is {text!r}."
                )
            marks.append((_year_key(year, "events"), text))
        marks.sort()
    ax = _axes(ax, figsize=(8.0, 4.5))
    for label, xs, ys in lines:
        ax.plot(
            xs,
            np.asarray(ys, dtype=np.float64),
            marker="o",
            markersize=3.5,
            linewidth=1.4,
            label=label,
        )
    for year, text in marks:
        ax.axvline(year, color="0.45", linestyle=":", linewidth=0.9)
        ax.annotate(
            text,
            xy=(year, 0.98),
            xycoords=ax.get_xaxis_transform(),
            xytext=(-2.0, 0.0),
            textcoords="offset points",
            rotation=90,
            ha="right",
            va="top",
            fontsize="x-small",
            color="0.3",
        )
    ax.set_xlabel("year")
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        ncols=min(3, len(lines)),
        frameon=False,
        fontsize="small",
    )
    ax.grid(alpha=0.3)
    if title is not None:
        ax.set_title(title, fontsize=11)
    return ax
