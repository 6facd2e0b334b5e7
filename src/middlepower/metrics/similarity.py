r"""Foreign-policy similarity of states (METHODS.md §9).

States that commit to the same partners (alliance portfolios) or vote alike
(UN roll calls) are taken to share interests. :func:`similarity` scores every
pair of rows of a state-by-item matrix with Signorino and Ritter's :math:`S`
or the chance-corrected Cohen's :math:`\kappa` and Scott's :math:`\pi` (Häge
2011); :func:`alliance_portfolios` builds the valued (COW, ATOP) or binary
alliance portfolio matrix of a year from the canonical alliance-obligations
table; :func:`alignment_from_similarity` turns similarities to the rival
poles into the alignment :math:`a_s` that the sequence measures of §2 take
(``alignment=`` of :func:`~middlepower.pole_attention`,
:func:`~middlepower.equidistance`, :func:`~middlepower.tilt` and
:func:`~middlepower.assess`).

The numbers come from :mod:`middlepower.kernels.similarity` (all pairs at
once). A pandas ``DataFrame`` is labelled by its index; pandas itself is only
needed for frames and for :func:`alliance_portfolios`.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import numbers
import sys
from collections.abc import Hashable, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from middlepower._checks import show
from middlepower._optional import import_optional
from middlepower.exceptions import (
    DataFormatError,
    InvalidArgumentTypeError,
    InvalidParameterError,
    UnknownStateError,
)
from middlepower.kernels.similarity import (
    DISTANCES,
    METHODS,
    encode_categories,
    similarity_alignment_kernel,
    similarity_kernel,
)

__all__ = [
    "ALLIANCE_COLUMNS",
    "CODINGS",
    "OBLIGATIONS",
    "alignment_from_similarity",
    "alliance_portfolios",
    "portfolio_ladder",
    "similarity",
]

FloatArray = npt.NDArray[np.float64]
MethodName = Literal["s", "kappa", "pi"]
DistanceName = Literal["absolute", "squared", "nominal"]
CodingName = Literal["cow", "atop", "binary"]

OBLIGATIONS: tuple[str, ...] = (
    "defense",
    "offense",
    "neutrality",
    "nonaggression",
    "entente",
    "consultation",
)
"""The obligation columns of the canonical alliance-obligations table."""

ALLIANCE_COLUMNS: tuple[str, ...] = (
    "ccode1",
    "ccode2",
    "year",
    *OBLIGATIONS,
    "directed",
    "dataset",
    "version",
    "row_key",
)
"""Columns of the canonical alliance-obligations table
(``middlepower.io.alliance_obligations``)."""

CODINGS: tuple[str, ...] = ("cow", "atop", "binary")
"""Alliance portfolio codings: COW and ATOP valued ladders, binary."""

_DATASET_CODING = {"COW": "cow", "ATOP": "atop"}


# --------------------------------------------------------------------------
# similarity
# --------------------------------------------------------------------------


def _choice(value: object, valid: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str) or value not in valid:
        raise InvalidParameterError(
            f"Unknown {what} {value!r}; expected one of "
            + ", ".join(repr(v) for v in valid)
            + "."
        )
    return value


def _pandas_frame(X: object) -> bool:
    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(X, pd.DataFrame)


def _as_matrix(X: object) -> tuple[FloatArray, list[Hashable] | None, list[Hashable]]:
    """Return ``(values, state labels or None, item labels)`` of ``X``."""
    if _pandas_frame(X):
        frame: Any = X
        pd = sys.modules["pandas"]
        for col in frame.columns:
            dtype = frame[col].dtype
            if not (
                pd.api.types.is_numeric_dtype(dtype)
                or pd.api.types.is_bool_dtype(dtype)
            ):
                raise InvalidParameterError(
                    f"X must be numeric; column {col!r} has dtype {dtype}."
                )
        if frame.index.has_duplicates:
            dup = frame.index[frame.index.duplicated()].tolist()
            raise InvalidParameterError(
                f"X repeats the state labels {dup[:5]!r}; each row must be one state."
            )
        values = frame.to_numpy(dtype=float, na_value=np.nan)
        labels: list[Hashable] | None = frame.index.tolist()
        items: list[Hashable] = frame.columns.tolist()
    else:
        if X is None or isinstance(X, str | bytes | Mapping | numbers.Number):
            raise InvalidArgumentTypeError(
                f"X must be a numeric matrix (states x items), got {show(X)}."
            )
        arr = np.asarray(X)
        if arr.dtype.kind not in "biuf":
            raise InvalidParameterError(
                f"X must be a numeric matrix (states x items), not an array of "
                f"dtype {arr.dtype}."
            )
        if arr.ndim != 2:
            raise InvalidParameterError(
                f"X must be 2-D (states x items), got shape {arr.shape}."
            )
        values = arr.astype(np.float64)
        labels = None
        items = list(range(arr.shape[1]))
    if np.isinf(values).any():
        i, k = np.argwhere(np.isinf(values))[0]
        raise InvalidParameterError(
            f"X holds an infinite value at row {i}, column {k}; values must be "
            "finite (missing values are NaN)."
        )
    return values, labels, items


def _item_weights(weights: object, items: list[Hashable], frame: bool) -> FloatArray:
    K = len(items)
    if weights is None:
        return np.ones(K)
    if frame and (isinstance(weights, Mapping) or hasattr(weights, "index")):
        lookup: Any = weights
        keys = set(lookup.index if hasattr(lookup, "index") else lookup.keys())
        missing = [it for it in items if it not in keys]
        if missing:
            raise InvalidParameterError(
                f"weights give no value for the items {missing[:5]!r}; give one "
                "weight per column of X."
            )
        w = np.array([float(lookup[it]) for it in items], dtype=float)
    else:
        try:
            if isinstance(weights, str | bytes):
                raise TypeError
            w = np.asarray(weights, dtype=float)
        except (TypeError, ValueError):
            raise InvalidArgumentTypeError(
                f"weights must be numbers, one per item, got {show(weights)}."
            ) from None
        if w.shape != (K,):
            raise InvalidParameterError(
                f"weights must hold one number per item ({K}), got shape {w.shape}."
            )
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        k = int(np.argmax(bad))
        raise InvalidParameterError(
            f"Item weights must be finite and >= 0; the weight of item "
            f"{items[k]!r} is {float(w[k])!r}."
        )
    return w


def _scale(scale: object, values: FloatArray, distance: str) -> float | Literal["pair"]:
    if scale is None:
        return float(values[-1] - values[0]) if values.size else 0.0
    if isinstance(scale, str):
        if scale == "pair":
            return "pair"
        raise InvalidParameterError(
            f"Unknown scale {scale!r}; expected None, 'pair' or (low, high)."
        )
    try:
        lo, hi = (float(v) for v in scale)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        raise InvalidArgumentTypeError(
            f"scale must be None, 'pair' or a pair (low, high) such as (0, 3), "
            f"got {show(scale)}."
        ) from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise InvalidParameterError(
            f"scale (low, high) must be finite with low < high, not {scale!r}."
        )
    if distance != "nominal" and values.size and (values[0] < lo or values[-1] > hi):
        raise InvalidParameterError(
            f"X has values from {values[0]:g} to {values[-1]:g}, outside the scale "
            f"{scale!r}."
        )
    return hi - lo


def similarity(
    X: Any,
    method: MethodName = "s",
    distance: DistanceName = "absolute",
    weights: Any = None,
    *,
    scale: tuple[float, float] | Literal["pair"] | None = None,
) -> Any:
    r"""Return the foreign-policy similarity of every pair of states.

    Rows of ``X`` are states, columns items (alliance commitments to every
    state in the system, the state's own item included; UN votes...) on an
    ordered scale of range :math:`\Delta`, with item weights
    :math:`w_k \ge 0`. The per-item disagreement of states :math:`i, j` is

    .. math::

       d_k = \frac{|x_{ik} - x_{jk}|}{\Delta} \;(\text{absolute}), \qquad
       d_k^2 \;(\text{squared}), \qquad
       [x_{ik} \ne x_{jk}] \;(\text{nominal}),

    and :math:`D_{obs} = \sum_k w_k d_k / \sum_k w_k`. Signorino and Ritter's
    [1]_ :math:`S` (``method="s"``) is

    .. math::

       S = 1 - 2\,\frac{\sum_k w_k d_k}{\sum_k w_k} \in [-1, 1],

    and Cohen's :math:`\kappa` [3]_ [4]_ and Scott's :math:`\pi` [5]_ as
    adapted by Häge [2]_ (``method="kappa"``, ``"pi"``) are

    .. math::

       1 - \frac{D_{obs}}{D_{exp}}, \qquad
       D_{exp} = \sum_a \sum_b p(a)\, q(b)\, d(a, b),

    with :math:`p, q` the weighted category distributions
    (:math:`p(a) = \sum_k w_k [x_{ik} = a] / \sum_k w_k`) of the two states
    for :math:`\kappa`, and both equal to their mean for :math:`\pi`. With
    ``"squared"`` :math:`\kappa` is the quadratic weighted kappa; with
    ``"nominal"`` :math:`\pi` is Scott's original :math:`\pi` and
    :math:`\kappa` Cohen's unweighted :math:`\kappa`.

    Parameters
    ----------
    X : pandas.DataFrame or array_like, shape (n, K)
        Numeric (booleans count as 0/1). A frame's index labels the states
        (no repeats). Missing values (NaN, pandas NA) are allowed: each pair
        uses the items observed for both states (pairwise deletion).
    method : {"s", "kappa", "pi"}, optional (default="s")
        Signorino-Ritter :math:`S`, Cohen's :math:`\kappa`, Scott's :math:`\pi`.
    distance : {"absolute", "squared", "nominal"}, optional (default="absolute")
        The per-item disagreement.
    weights : array_like of K floats or mapping, optional
        Item weights :math:`w_k \ge 0` (e.g. CINC scores); default 1. With a
        frame ``X``, a mapping or ``pandas.Series`` is matched to the columns
        by label.
    scale : (low, high) or "pair" or None, optional
        The scale, for :math:`\Delta = high - low` (e.g. ``(0, 3)`` for valued
        alliance portfolios); every value of ``X`` must lie within it. Default
        ``None``: :math:`\Delta` = the largest minus the smallest value in
        ``X``. ``"pair"``: each pair recodes the categories present among its
        shared items to their ranks :math:`0 \dots L-1` and takes
        :math:`\Delta = L - 1` — the convention of ``psych::cohen.kappa``
        (see Notes). Ignored by ``"nominal"``.

    Returns
    -------
    pandas.DataFrame or numpy.ndarray
        ``(n, n)``, symmetric; a frame labelled by ``X``'s index on both axes
        when ``X`` is a frame, else an array. :math:`S \in [-1, 1]` with 1 on
        the diagonal; :math:`\kappa, \pi \le 1`. ``NaN`` where the formula is
        undefined: no item of positive weight observed for both states
        (:math:`\sum w = 0`), and, for :math:`\kappa` and :math:`\pi`,
        :math:`D_{exp} = 0` (both states put all their weight on one and the
        same category — e.g. the diagonal entry of a state whose row is
        constant).

    Raises
    ------
    InvalidParameterError
        For an unknown ``method``, ``distance`` or ``scale``, a non-numeric,
        non-2-D or infinite ``X``, repeated state labels, values outside
        ``scale``, or weights of the wrong length, negative or not finite.

    See Also
    --------
    alliance_portfolios, alignment_from_similarity

    Notes
    -----
    The computation is vectorised over pairs: weighted category-indicator
    matrices and a few matrix products
    (:func:`middlepower.kernels.similarity.similarity_kernel`),
    :math:`O(n^2 K C)` time for :math:`C` distinct values, :math:`O(n K C +
    n^2)` memory without missing values, :math:`O(C n^2)` with them and
    :math:`O(C^2 n^2)` with ``scale="pair"``; ``X`` is meant to hold
    categories (ordinal codes, votes), not continuous values. The observed
    disagreement is a difference of such products; pairs where it cancels
    (nearly identical rows) are recomputed term by term, so that
    :math:`D_{obs}` keeps its relative precision in the ratio
    :math:`D_{obs} / D_{exp}`. The tests compare every method, distance,
    scale and weighting with a plain loop over pairs in exact rational
    arithmetic.

    Conventions checked against the R code the literature uses:

    * peacesciencer's similarity data (svmiller/fpsim
      ``1-fpsim-alliances.R``): :math:`S` with :math:`\Delta` fixed at 3
      (valued) or 1 (binary) is ``scale=(0, 3)`` / ``(0, 1)``; its Scott's
      :math:`\pi` is the nominal one with pooled marginals
      (``method="pi", distance="nominal"``).
    * ``psych::cohen.kappa`` (psych 2.5.3, ``R/kappa.R``) weights
      disagreements by the squared distance between the *ranks* of the
      categories present in the pair, divided by the squared number of
      such categories minus one: ``method="kappa", distance="squared",
      scale="pair"``. It equals the value-based default when the categories
      present are equally spaced and span the scale (e.g. binary data).

    References
    ----------
    .. [1] Signorino, C. S. and J. M. Ritter. "Tau-b or Not Tau-b: Measuring
       the Similarity of Foreign Policy Positions." *International Studies
       Quarterly* 43, no. 1 (1999): 115-144.
       https://doi.org/10.1111/0020-8833.00113
    .. [2] Häge, F. M. "Choice or Circumstance? Adjusting Measures of Foreign
       Policy Similarity for Chance Agreement." *Political Analysis* 19, no. 3
       (2011): 287-305. https://doi.org/10.1093/pan/mpr023
    .. [3] Cohen, J. "A Coefficient of Agreement for Nominal Scales."
       *Educational and Psychological Measurement* 20, no. 1 (1960): 37-46.
       https://doi.org/10.1177/001316446002000104
    .. [4] Cohen, J. "Weighted Kappa: Nominal Scale Agreement with Provision
       for Scaled Disagreement or Partial Credit." *Psychological Bulletin*
       70, no. 4 (1968): 213-220. https://doi.org/10.1037/h0026256
    .. [5] Scott, W. A. "Reliability of Content Analysis: The Case of Nominal
       Scale Coding." *Public Opinion Quarterly* 19, no. 3 (1955): 321-325.
       https://doi.org/10.1086/266577

    Examples
    --------
    Three states' valued commitments (0-3) to four states, own item 3:

    >>> from middlepower.metrics.similarity import similarity
    >>> X = np.array([[3, 3, 0, 1], [3, 3, 0, 0], [0, 0, 3, 1]])
    >>> similarity(X, scale=(0, 3)).round(4)  # S, absolute distances
    array([[ 1.    ,  0.8333, -0.5   ],
           [ 0.8333,  1.    , -0.6667],
           [-0.5   , -0.6667,  1.    ]])

    Rows 0 and 1 differ on one item by 1/3: :math:`S = 1 - 2 (1/3) / 4`.
    Quadratic weighted :math:`\kappa`: :math:`D_{obs} = (1/3)^2 / 4 = 1/36`,
    :math:`D_{exp} = 4/9`, so :math:`\kappa = 1 - 1/16`:

    >>> float(similarity(X, "kappa", "squared", scale=(0, 3))[0, 1])
    0.9375
    """
    method = _choice(method, METHODS, "method")  # type: ignore[assignment]
    distance = _choice(distance, DISTANCES, "distance")  # type: ignore[assignment]
    values, labels, items = _as_matrix(X)
    w = _item_weights(weights, items, labels is not None)
    codes, categories = encode_categories(values)
    delta = _scale(scale, categories, distance)
    out = similarity_kernel(
        codes, categories, w, method=method, distance=distance, scale=delta
    )
    if labels is None:
        return out
    pd = sys.modules["pandas"]
    index = X.index
    return pd.DataFrame(out, index=index.copy(), columns=index.copy())


# --------------------------------------------------------------------------
# alliance portfolios
# --------------------------------------------------------------------------


@functools.cache
def _ladders() -> tuple[tuple[str, str, str, int], ...]:
    path = (
        resources.files("middlepower.datasets")
        / "data"
        / "similarity"
        / "portfolio_ladders.csv"
    )
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return tuple(
        (r["coding"], r["dataset"], r["obligation"], int(r["level"])) for r in rows
    )


def portfolio_ladder(coding: CodingName) -> dict[str, int]:
    """Return the value each obligation gives a portfolio item under ``coding``.

    Read from the shipped, cited table
    ``middlepower/datasets/data/similarity/portfolio_ladders.csv``. An item's
    value is the largest level among the obligations held (0 with none);
    ``"self"`` is the value of a state's own item.

    Parameters
    ----------
    coding : {"cow", "atop", "binary"}
        COW (Signorino & Ritter 1999), ATOP (Chiba, Johnson & Leeds 2022) or
        binary.

    Returns
    -------
    dict of str to int
        Obligation (or ``"self"``) to level.

    Raises
    ------
    InvalidParameterError
        For an unknown coding.

    Examples
    --------
    >>> from middlepower.metrics.similarity import portfolio_ladder
    >>> portfolio_ladder("atop")
    {'self': 3, 'defense': 3, 'offense': 3, 'neutrality': 2, 'consultation': 2, 'nonaggression': 1}
    """  # noqa: E501
    coding = _choice(coding, CODINGS, "coding")  # type: ignore[assignment]
    return {ob: level for c, _, ob, level in _ladders() if c == coding}


def _ladder_dataset(coding: str) -> str:
    return next(ds for c, ds, _, _ in _ladders() if c == coding)


def _infer_coding(alliances: Any) -> str:
    """Return the coding that fits the data set: COW -> cow, ATOP -> atop."""
    datasets = sorted({str(d) for d in alliances["dataset"].dropna().unique()})
    inferred = sorted({_DATASET_CODING.get(d, d) for d in datasets})
    if len(inferred) != 1 or inferred[0] not in CODINGS:
        raise InvalidParameterError(
            f"Cannot infer the coding from the data sets {datasets!r}; pass "
            "coding='cow', 'atop' or 'binary'."
        )
    return inferred[0]


def _bool_column(frame: Any, col: str) -> npt.NDArray[np.bool_]:
    try:
        flags = frame[col].astype("boolean")
    except (TypeError, ValueError):
        raise DataFormatError(
            "<alliances table>",
            f"column {col!r} must hold booleans (True/False/NA), not "
            f"{frame[col].dtype} values",
        ) from None
    out: npt.NDArray[np.bool_] = flags.fillna(False).to_numpy(dtype=bool)
    return out


def _system_states(states: Any, year: int) -> list[int]:
    if _pandas_frame(states):
        need = ("ccode", "styear", "endyear")
        missing = [c for c in need if c not in states.columns]
        if missing:
            raise DataFormatError(
                "<states table>",
                "the states table is not COW State System Membership (states2016)",
                missing=missing,
            )
        try:
            st = states[list(need)].astype("int64")
        except (TypeError, ValueError):
            raise DataFormatError(
                "<states table>",
                "ccode, styear and endyear must be whole numbers without gaps",
            ) from None
        alive = (st["styear"] <= year) & (st["endyear"] >= year)
        return sorted({int(c) for c in st.loc[alive, "ccode"]})
    if isinstance(states, str | bytes) or not isinstance(states, Iterable):
        raise InvalidParameterError(
            f"states must be a states2016 table or a sequence of COW codes, not "
            f"{states!r}."
        )
    codes = list(states)
    if not all(
        isinstance(c, int | np.integer) and not isinstance(c, bool) for c in codes
    ):
        raise InvalidParameterError(
            f"states must be COW state numbers (integers), got {codes[:5]!r}."
        )
    return sorted({int(c) for c in codes})


def alliance_portfolios(
    alliances: Any,
    year: int,
    *,
    coding: CodingName | None = None,
    states: Any = None,
    labels: Literal["cown", "iso3"] = "cown",
) -> Any:
    r"""Return the alliance portfolio of every state in a year (state by state).

    Entry :math:`(i, j)` is the commitment of state :math:`i` to state
    :math:`j` on the ladder of ``coding`` (the strongest obligation counts):

    ========  ===================================================================
    coding    value
    ========  ===================================================================
    cow       3 defence; 2 neutrality or non-aggression; 1 entente; 0 none [1]_
    atop      3 defence or offence; 2 neutrality or consultation; 1
              non-aggression only; 0 none [2]_
    binary    1 any obligation; 0 none
    ========  ===================================================================

    A state's own item is 3 (binary: 1) by convention. The ladders are read
    from a shipped, cited table (:func:`portfolio_ladder`). The result is the
    ``X`` of :func:`similarity`.

    Parameters
    ----------
    alliances : pandas.DataFrame
        The canonical alliance-obligations table
        (``middlepower.io.alliance_obligations``): columns
        :data:`ALLIANCE_COLUMNS`. A row with ``directed`` True is ``ccode1``'s
        obligation toward ``ccode2`` (ATOP directed dyad-years); with
        ``directed`` False it binds both ways. NA obligations (not coded by
        the data set) count as absent. Several rows of one dyad-year (several
        alliances) give their strongest obligation.
    year : int
        The year.
    coding : {"cow", "atop", "binary"}, optional
        Default: ``"cow"`` for a table of COW rows, ``"atop"`` for ATOP rows.
        ``"cow"`` takes only COW rows and ``"atop"`` only ATOP rows (each data
        set codes obligations the other does not); ``"binary"`` takes any.
    states : pandas.DataFrame or sequence of int, optional
        The states in the system: a COW states2016 table (``ccode``,
        ``styear``, ``endyear``; a state counts if one of its spells covers
        ``year``) or COW numbers. Default: every state in an alliance row of
        that year — states without any alliance are then left out, which
        changes every score; pass ``states`` for the usual system-wide
        portfolios. Rows naming a state outside ``states`` are dropped.
    labels : {"cown", "iso3"}, optional (default="cown")
        Label states by COW number, or by ISO 3166-1 alpha-3 code as of
        ``year`` (through :func:`middlepower.io.codes.to_iso3`; e.g. 365 is
        ``"SUN"`` until 1991, ``"RUS"`` after), ready for the codes of a
        contact sequence.

    Returns
    -------
    pandas.DataFrame
        Square, ``int64``, rows states and columns items, in increasing order
        of COW number; index and columns named ``"ccode"`` (COW numbers) or
        ``"iso3"``.

    Raises
    ------
    DataFormatError
        If ``alliances`` lacks a canonical column, holds non-boolean
        obligations or missing codes, or ``states`` is not a states2016 table.
    InvalidParameterError
        For an unknown coding or labels, a coding that does not fit the data
        set, a table mixing data sets without an explicit coding, or a bad
        ``year``.
    UnknownStateError
        With ``labels="iso3"``, for a COW number without an ISO3 code that
        year.

    References
    ----------
    .. [1] Signorino, C. S. and J. M. Ritter. "Tau-b or Not Tau-b: Measuring
       the Similarity of Foreign Policy Positions." *International Studies
       Quarterly* 43, no. 1 (1999): 115-144.
       https://doi.org/10.1111/0020-8833.00113
    .. [2] Chiba, D., J. C. Johnson and B. A. Leeds (2022): the valued ATOP
       ladder, as cited in METHODS.md §9 and applied in svmiller/fpsim.

    Examples
    --------
    >>> import pandas as pd
    >>> from middlepower.metrics.similarity import alliance_portfolios
    >>> table = pd.DataFrame(
    ...     {
    ...         "ccode1": [2, 732, 2],
    ...         "ccode2": [732, 2, 740],
    ...         "year": [2012, 2012, 2012],
    ...         "defense": [True, True, True],
    ...         "offense": [False, False, False],
    ...         "neutrality": [False, False, False],
    ...         "nonaggression": [True, True, True],
    ...         "entente": [None, None, None],
    ...         "consultation": [True, True, True],
    ...         "directed": [True, True, True],
    ...         "dataset": ["ATOP"] * 3,
    ...         "version": ["5.1"] * 3,
    ...         "row_key": ["2732-2012", "732002-2012", "2740-2012"],
    ...     }
    ... )
    >>> alliance_portfolios(table, 2012, states=[2, 710, 732, 740])
    ccode  2    710  732  740
    ccode
    2        3    0    3    3
    710      0    3    0    0
    732      3    0    3    0
    740      0    0    0    3
    """
    pd = import_optional("pandas", "data", "alliance_portfolios")
    if not isinstance(alliances, pd.DataFrame):
        raise InvalidArgumentTypeError(
            "alliances must be the canonical alliance-obligations DataFrame (read "
            "a file with middlepower.io.alliance_obligations), got "
            f"{show(alliances)}."
        )
    missing = [c for c in ALLIANCE_COLUMNS if c not in alliances.columns]
    if missing:
        raise DataFormatError(
            "<alliances table>",
            "the table is not the canonical alliance-obligations table",
            missing=missing,
        )
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise InvalidArgumentTypeError(f"year must be an integer, not {year!r}.")
    year = int(year)
    label_scheme = _choice(labels, ("cown", "iso3"), "labels")
    name = _choice(
        _infer_coding(alliances) if coding is None else coding, CODINGS, "coding"
    )
    ladder = portfolio_ladder(name)  # type: ignore[arg-type]  # checked above
    rows = alliances[(alliances["year"] == year).fillna(False).to_numpy(dtype=bool)]
    wanted = _ladder_dataset(name)
    if wanted != "*":
        other = sorted({str(d) for d in rows["dataset"].dropna().unique()} - {wanted})
        if other:
            raise InvalidParameterError(
                f"coding={name!r} is the {wanted} ladder but the {year} rows come "
                f"from {other!r}; use coding="
                + repr(_DATASET_CODING.get(other[0], "binary"))
                + " or 'binary'."
            )
    if rows[["ccode1", "ccode2"]].isna().any().any():
        raise DataFormatError(
            "<alliances table>", f"a {year} row lacks ccode1 or ccode2"
        )
    c1 = rows["ccode1"].to_numpy(dtype=np.int64)
    c2 = rows["ccode2"].to_numpy(dtype=np.int64)
    level = np.zeros(len(rows), dtype=np.int64)
    for ob, rank in ladder.items():
        if ob != "self":
            level = np.maximum(level, np.where(_bool_column(rows, ob), rank, 0))
    directed = _bool_column(rows, "directed")
    if states is None:
        codes = sorted({int(c) for c in np.concatenate([c1, c2])})
    else:
        codes = _system_states(states, year)
    n = len(codes)
    system = np.array(codes, dtype=np.int64)  # sorted
    p1 = np.minimum(np.searchsorted(system, c1), max(n - 1, 0))
    p2 = np.minimum(np.searchsorted(system, c2), max(n - 1, 0))
    if n == 0:
        keep = np.zeros(len(c1), dtype=bool)
    else:  # both states in the system; a state's own item is set below
        keep = (system[p1] == c1) & (system[p2] == c2) & (c1 != c2)
    i1, i2 = p1[keep], p2[keep]
    lv, both = level[keep], ~directed[keep]
    M = np.zeros((n, n), dtype=np.int64)
    np.maximum.at(M, (i1, i2), lv)
    np.maximum.at(M, (i2[both], i1[both]), lv[both])
    M[np.arange(n), np.arange(n)] = ladder["self"]
    if label_scheme == "iso3":
        from middlepower.io.codes import to_iso3

        iso = [str(c) for c in to_iso3(codes, "cown", year=year, strict=True)]
        if len(set(iso)) < len(iso):
            twice = sorted({c for c in iso if iso.count(c) > 1})
            raise InvalidParameterError(
                f"Several COW states of {year} map to the ISO3 codes {twice}; use "
                "labels='cown'."
            )
        index = pd.Index(iso, name="iso3")
    else:
        index = pd.Index(codes, dtype="int64", name="ccode")
    return pd.DataFrame(M, index=index, columns=index.copy())


# --------------------------------------------------------------------------
# alignment
# --------------------------------------------------------------------------


def alignment_from_similarity(
    sim: Any, poles: Sequence[Hashable]
) -> dict[Hashable, FloatArray]:
    r"""Return each state's alignment between the poles from its similarities.

    A data-driven alternative to the tie-based :func:`~middlepower.alignment`
    of METHODS.md §2:

    .. math::

       a_{s,j} \propto \max\big(S(s, p_j),\, 0\big),

    uniform :math:`1/m` when every :math:`S(s, p_j) \le 0`; a pole
    :math:`p_j` gets :math:`e_j`. The result can be passed as ``alignment=``
    to :func:`~middlepower.pole_attention`, :func:`~middlepower.equidistance`,
    :func:`~middlepower.tilt` and :func:`~middlepower.assess`, whose keys must
    then be the partners' codes (relabel ``sim`` first, e.g. from COW numbers
    to ISO3).

    Parameters
    ----------
    sim : pandas.DataFrame or array_like, shape (n, n)
        Similarities (:func:`similarity`), rows and columns the same states;
        an array is labelled ``0 .. n-1``. NaN (undefined) counts as 0.
    poles : sequence of labels
        The rival poles (at least two, distinct), in order.

    Returns
    -------
    dict of label to numpy.ndarray
        For every state (row) of ``sim``, ``m`` non-negative floats summing to
        1, in the order of ``poles``.

    Raises
    ------
    InvalidParameterError
        For fewer than two poles, repeated poles, or a ``sim`` that is not a
        square numeric matrix with the same labels on both axes.
    UnknownStateError
        If a pole is not a state of ``sim``.

    Examples
    --------
    >>> import pandas as pd
    >>> from middlepower.metrics.similarity import alignment_from_similarity
    >>> sim = pd.DataFrame(
    ...     [[1.0, -0.4, 0.6], [-0.4, 1.0, 0.2], [0.6, 0.2, 1.0]],
    ...     index=["USA", "CHN", "KOR"],
    ...     columns=["USA", "CHN", "KOR"],
    ... )
    >>> a = alignment_from_similarity(sim, ("USA", "CHN"))
    >>> {k: v.round(2).tolist() for k, v in a.items()}
    {'USA': [1.0, 0.0], 'CHN': [0.0, 1.0], 'KOR': [0.75, 0.25]}
    """
    if _pandas_frame(sim):
        if list(sim.index) != list(sim.columns):
            raise InvalidParameterError(
                "sim must have the same states, in the same order, as rows and columns."
            )
        labels: list[Hashable] = sim.index.tolist()
        try:
            S = sim.to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError):
            raise InvalidParameterError("sim must be numeric.") from None
    else:
        S = np.asarray(sim)
        if S.dtype.kind not in "biuf" or S.ndim != 2 or S.shape[0] != S.shape[1]:
            raise InvalidParameterError(
                f"sim must be a square numeric matrix, got shape {S.shape} of "
                f"dtype {S.dtype}."
            )
        S = S.astype(np.float64)
        labels = list(range(S.shape[0]))
    if isinstance(poles, str):
        raise InvalidParameterError(
            f"poles must be a sequence of states such as ('USA', 'CHN'), not the "
            f"string {poles!r}."
        )
    if isinstance(poles, bytes | Mapping) or not isinstance(poles, Iterable):
        raise InvalidArgumentTypeError(
            "poles must be a sequence of states such as ('USA', 'CHN'), got "
            f"{show(poles)}."
        )
    pole_list = list(poles)
    if len(pole_list) < 2:
        raise InvalidParameterError(f"At least two poles are needed, got {pole_list}.")
    if len(set(pole_list)) != len(pole_list):
        raise InvalidParameterError(f"Poles {pole_list} repeat a state.")
    position = {label: i for i, label in enumerate(labels)}
    unknown = [p for p in pole_list if p not in position]
    if unknown:
        raise UnknownStateError([str(p) for p in unknown], "the similarity matrix")
    cols = np.array([position[p] for p in pole_list], dtype=np.intp)
    A = similarity_alignment_kernel(S[:, cols], cols)
    return {label: A[i].copy() for i, label in enumerate(labels)}
