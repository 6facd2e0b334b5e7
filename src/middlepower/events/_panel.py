r"""Balance panels: the §2 measures of every focal state and period at once.

One vectorised pass over the contacts of :func:`contact_rows` (sort, segment
ranks, :func:`numpy.bincount`) with the *same* kernels as the scalar
measures (:mod:`middlepower.kernels.sequence`): each (focal state, period)
is a segment of a flat array, so the panel needs no Python loop over groups
and no pydantic object per row. A Dask DataFrame runs the same two stages
partition by partition on a ``dask.distributed`` cluster, with a shuffle by
(focal state, period) in between.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from middlepower._caveats import emit, untied_rows
from middlepower._checks import check_bool, check_code_list, check_focal, show
from middlepower._optional import import_optional
from middlepower.events._alignment import AlignmentTable, build_alignment
from middlepower.events._channels import CHANNELS, ChannelLookup
from middlepower.events._contacts import (
    Contacts,
    Dedupe,
    Direction,
    LevelArg,
    Views,
    check_dedupe,
    check_direction,
    check_levels,
    dedupe_views,
    event_views,
    from_day,
)
from middlepower.events._schema import UnalignedStateError, check_event_table
from middlepower.exceptions import (
    InvalidArgumentTypeError,
    InvalidParameterError,
    MiddlePowerWarning,
)
from middlepower.kernels.sequence import (
    equidistance_kernel,
    segment_pole_attention_kernel,
    segment_salience_kernel,
    tilt_kernel,
)
from middlepower.metrics.sequence import Salience, _salience
from middlepower.models import Channel, TieKind

__all__ = ["balance_panel", "check_freq", "period_bounds"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Unaligned = Literal["raise", "drop"]

_LUT_LIMIT = 50_000_000


def check_freq(freq: Any) -> Any:
    """Validate ``freq``: a pandas offset alias whose dates are period starts.

    Accepted: ``"D"`` (days), weekly ``"W-MON"`` … ``"W-SUN"`` (``"W"`` is
    ``"W-SUN"``), and the start-anchored aliases such as ``"MS"``, ``"QS"``,
    ``"YS"``, ``"QS-FEB"``, ``"SMS"``, ``"BMS"``, each with multiple 1.

    Parameters
    ----------
    freq : str or pandas.DateOffset
        The frequency.

    Returns
    -------
    pandas.DateOffset
        The offset.

    Raises
    ------
    InvalidParameterError
        For an unknown alias, a multiple other than 1, or an offset whose
        dates are not period starts (``"ME"``, ``"h"``...).

    Examples
    --------
    >>> from middlepower.events._panel import check_freq
    >>> check_freq("QS")
    <QuarterBegin: startingMonth=1>
    """
    pd = import_optional("pandas", "data", "balance_panel")
    if not isinstance(freq, str | pd.DateOffset):
        raise InvalidArgumentTypeError(
            f"freq must be a pandas offset alias such as 'MS', got {show(freq)}."
        )
    try:
        offset = pd.tseries.frequencies.to_offset(freq)
    except (ValueError, TypeError):
        raise InvalidParameterError(
            f"Unknown frequency {freq!r}; expected a pandas offset alias such as "
            "'D', 'W-MON', 'MS', 'QS' or 'YS'."
        ) from None
    name = type(offset).__name__
    ok = offset.n == 1 and (
        name == "Day"
        or (name == "Week" and getattr(offset, "weekday", None) is not None)
        or name.endswith("Begin")
    )
    if not ok:
        raise InvalidParameterError(
            f"Frequency {freq!r} does not mark period starts; use 'D', a weekly "
            "'W-MON' ... 'W-SUN', or a start-anchored alias such as 'MS', 'QS' or "
            "'YS' (multiple 1)."
        )
    return offset


def period_bounds(days: IntArray, offset: Any) -> tuple[IntArray, IntArray]:
    """First and last day of the period of each day (days since 1970-01-01).

    Parameters
    ----------
    days : numpy.ndarray of int
        The days.
    offset : pandas.DateOffset
        From :func:`check_freq`.

    Returns
    -------
    start, end : numpy.ndarray of int
        The period start (on ``offset``) and last day (the day before the
        next start) of each day.

    Examples
    --------
    >>> from middlepower.events._panel import check_freq, period_bounds
    >>> d = np.array([17683, 17684])  # 2018-06-01, 2018-06-02 (Fri, Sat)
    >>> s, e = period_bounds(d, check_freq("W-MON"))
    >>> [str(x) for x in s.astype("datetime64[D]")]  # the Monday before
    ['2018-05-28', '2018-05-28']
    >>> [str(x) for x in e.astype("datetime64[D]")]
    ['2018-06-03', '2018-06-03']
    """
    pd = import_optional("pandas", "data", "balance_panel")
    days = np.asarray(days, dtype=np.int64)
    if days.size == 0:
        return days.copy(), days.copy()
    lo, hi = int(days.min()), int(days.max())
    first = offset.rollback(pd.Timestamp(from_day(lo)))
    after = offset.rollback(pd.Timestamp(from_day(hi))) + offset
    grid = pd.date_range(first, after, freq=offset)
    gdays = np.asarray(grid.values).astype("datetime64[D]").astype(np.int64)
    if hi - lo < _LUT_LIMIT:
        idx = np.searchsorted(gdays, np.arange(lo, hi + 1), side="right") - 1
        pos = idx[days - lo]
    else:  # pragma: no cover - events spread over more than 100,000 years
        pos = np.searchsorted(gdays, days, side="right") - 1
    start: IntArray = gdays[pos]
    end: IntArray = gdays[pos + 1] - 1
    return start, end


def _columns(poles: Sequence[str]) -> list[str]:
    out = [
        "focal",
        "period",
        "period_end",
        "n_contacts",
        "n_partners",
        "n_reports",
        "n_unaligned",
        "n_untied",
        "E",
    ]
    if len(poles) == 2:
        out.append("tilt")
    return out + [f"pi_{p}" for p in poles]


def panel_kernel(
    c: Contacts,
    alignment: Any,
    salience: Salience,
    offset: Any,
    min_contacts: int,
    unaligned: Unaligned,
    *,
    poles: Sequence[str] = (),
    kinds: Mapping[TieKind, float] | Mapping[str, float] | None = None,
) -> Any:
    """Return the panel rows of ordered contacts (one vectorised pass).

    Parameters
    ----------
    c : Contacts
        From :func:`~middlepower.events._contacts.dedupe_views`: in order of
        focal state, day and smallest event id.
    alignment : AlignmentTable or an alignment source
        The compiled alignment of every snapshot the periods need, or a
        source for :func:`~middlepower.events._alignment.build_alignment`
        (compiled here for the periods' start days, with ``poles`` and
        ``kinds``).
    salience : Salience
        Scheme, δ, h and channel multipliers.
    offset : pandas.DateOffset
        The period frequency.
    min_contacts : int
        Rows with fewer contacts are left out.
    unaligned : {"raise", "drop"}
        What to do with partners without an alignment.

    Returns
    -------
    pandas.DataFrame
        The rows, sorted by focal state and period (see
        :func:`balance_panel`).
    """
    pd = import_optional("pandas", "data", "balance_panel")
    n = len(c)
    pstart = period_bounds(c.day, offset)[0]
    change = np.ones(n, dtype=bool)
    if n:
        change[1:] = (c.focal[1:] != c.focal[:-1]) | (pstart[1:] != pstart[:-1])
    starts = np.flatnonzero(change)
    seg = np.cumsum(change, dtype=np.intp)
    seg -= 1
    del change
    n_seg = int(starts.shape[0])
    seg_focal = c.focal[starts]
    seg_start = pstart[starts]
    seg_end = period_bounds(seg_start, offset)[1]
    # alignment of each contact's partner on its period's start day: one
    # small (snapshot x state) table, gathered once per contact
    u_start, inv = np.unique(seg_start, return_inverse=True)
    if isinstance(alignment, AlignmentTable):
        table = alignment
    else:
        table = build_alignment(alignment, poles, kinds=kinds, days=u_start)
    m = len(table.poles)
    seg_snap = table.snapshot_of(u_start)[inv.reshape(-1)]
    col_of_state = table.index_of(c.states)
    n_states = max(len(c.states), 1)
    known_ss = np.zeros((table.A.shape[0], n_states), dtype=bool)
    A_ss = np.zeros((table.A.shape[0], n_states, m))
    has_col = np.flatnonzero(col_of_state >= 0)
    if has_col.size and table.A.shape[0]:
        known_ss[:, has_col] = table.known[:, col_of_state[has_col]]
        A_ss[:, has_col] = table.A[:, col_of_state[has_col]]
    A_ss[~known_ss] = 0.0
    flat = seg_snap[seg] if n else np.zeros(0, dtype=np.int64)
    flat *= n_states
    flat += c.partner
    known = known_ss.reshape(-1)[flat]
    n_unaligned = np.bincount(seg[~known], minlength=n_seg).astype(np.int64)
    # contacts kept whose partner has no alignment tie to any pole: its 1/m is
    # assumed (the scalar measures warn UnalignedPartnerWarning)
    tied_ss = np.zeros_like(known_ss)
    if has_col.size and table.A.shape[0]:
        tied_ss[:, has_col] = table.tied_or_known[:, col_of_state[has_col]]
    untied = known & ~tied_ss.reshape(-1)[flat]
    n_untied = np.bincount(seg[untied], minlength=n_seg).astype(np.int64)
    del untied, tied_ss
    all_known = bool(known.all())
    if not all_known and unaligned == "raise":
        bad = sorted({c.states[i] for i in np.unique(c.partner[~known]).tolist()})
        days = np.unique(pstart[~known])
        when = str(from_day(int(days[0]))) + (", ..." if days.size > 1 else "")
        raise UnalignedStateError(
            bad,
            f"the alignment ({table.source}) on {when}; pass unaligned='drop' "
            "to leave their contacts out",
        )
    if all_known:  # the usual case: no copies
        g, n_g, has = seg, n_seg, np.ones(n_seg, dtype=bool)
        day, partner, channel, n_rep = c.day, c.partner, c.channel, c.n_reports
    else:
        kept_seg = seg[known]
        has = np.bincount(kept_seg, minlength=n_seg) > 0
        new_id = np.cumsum(has) - 1
        g = new_id[kept_seg]
        n_g = int(has.sum())
        day, partner = c.day[known], c.partner[known]
        channel, n_rep = c.channel[known], c.n_reports[known]
        pstart, flat = pstart[known], flat[known]
    del seg, known
    mult_of = salience.multipliers()
    mult = np.array([mult_of[Channel(ch)] for ch in CHANNELS], dtype=float)[channel]
    elapsed = (day - pstart).astype(float)
    del pstart
    w = segment_salience_kernel(
        salience.scheme,
        g,
        elapsed,
        mult,
        n_g,
        decay=salience.decay,
        half_life_days=salience.half_life_days,
    )
    del elapsed, mult
    pi = segment_pole_attention_kernel(w, g, A_ss.reshape(-1, m), n_g, index=flat)
    del w, flat
    E = equidistance_kernel(pi) if n_g else np.zeros(0)
    n_contacts = np.bincount(g, minlength=n_g).astype(np.int64)
    n_partners = _distinct_per_segment(g, partner, n_g, n_states)
    n_reports = np.bincount(g, weights=n_rep, minlength=n_g)
    rows = n_contacts >= min_contacts
    states = np.array(c.states, dtype=object)
    data: dict[str, Any] = {
        "focal": pd.array(states[seg_focal[has]][rows], dtype="string"),
        "period": seg_start[has][rows].astype("datetime64[D]").astype("datetime64[ns]"),
        "period_end": seg_end[has][rows]
        .astype("datetime64[D]")
        .astype("datetime64[ns]"),
        "n_contacts": n_contacts[rows],
        "n_partners": n_partners[rows],
        "n_reports": np.rint(n_reports[rows]).astype(np.int64),
        "n_unaligned": n_unaligned[has][rows],
        "n_untied": n_untied[has][rows],
        "E": E[rows].astype(float),
    }
    if m == 2:
        data["tilt"] = (tilt_kernel(pi) if n_g else np.zeros(0))[rows].astype(float)
    for j, p in enumerate(table.poles):
        data[f"pi_{p}"] = pi[rows, j].astype(float)
    return pd.DataFrame(data, columns=_columns(table.poles))


def _distinct_per_segment(
    segment: IntArray, value: npt.NDArray[Any], n_segments: int, n_values: int
) -> IntArray:
    """Count the distinct values in each segment (values in ``0 .. n_values-1``)."""
    key = segment.astype(np.int64) * n_values
    key += value
    if n_segments * n_values <= _LUT_LIMIT:  # a bitmap: linear time
        seen = np.zeros(n_segments * n_values, dtype=bool)
        seen[key] = True
        present = np.flatnonzero(seen)
    else:  # pragma: no cover - more segments x states than the bitmap allows
        present = np.unique(key)
    out: IntArray = np.bincount(present // n_values, minlength=n_segments).astype(
        np.int64
    )
    return out


def _untied_caveat(panel: Any, poles: Sequence[str]) -> MiddlePowerWarning | None:
    """Return the caveat of the rows scored with assumed alignments (or ``None``).

    Counts the rows whose contacts are all, or partly, with partners tied to
    no pole (``n_untied``) for :func:`~middlepower._caveats.untied_rows`;
    ``states`` are the focal states of those rows.
    """
    if not len(panel):
        return None
    untied = panel["n_untied"].to_numpy()
    touched = untied > 0
    whole = untied == panel["n_contacts"].to_numpy()
    states = sorted(set(panel["focal"].to_numpy(dtype=object)[touched]))
    return untied_rows(
        len(panel),
        int((touched & whole).sum()),
        int((touched & ~whole).sum()),
        poles,
        states,
    )


def _finish(frame: Any) -> Any:
    """Sort rows by focal state and period; fresh index."""
    order = np.lexsort(
        (frame["period"].to_numpy(), frame["focal"].to_numpy(dtype=object))
    )
    return frame.iloc[order].reset_index(drop=True)


def _partition_views(
    part: Any,
    focal: Sequence[str] | None,
    exclude: Sequence[str],
    level: tuple[str, ...] | None,
    direction: Direction,
    lookup: ChannelLookup,
    offset: Any,
) -> Any:
    views = event_views(
        part,
        focal=focal,
        exclude=exclude,
        level=level,
        direction=direction,
        lookup=lookup,
        where="<Dask partition>",
    )
    frame = views.to_frame()
    frame["period"] = period_bounds(views.day, offset)[0]
    return frame


def _partition_panel(
    part: Any,
    table: AlignmentTable,
    salience: Salience,
    dedupe: Dedupe,
    offset: Any,
    min_contacts: int,
    unaligned: Unaligned,
) -> Any:
    views = Views.from_frame(part)
    return panel_kernel(
        dedupe_views(views, dedupe, details=False),
        table,
        salience,
        offset,
        min_contacts,
        unaligned,
    )


def _is_dask(events: Any) -> bool:
    module = type(events).__module__
    return module.startswith(("dask.", "dask_expr"))


def balance_panel(
    events: Any,
    alignment: Any,
    poles: Sequence[str],
    *,
    freq: Any = "MS",
    salience: str | Salience = "harmonic",
    focal: str | Sequence[str] | None = None,
    level: LevelArg = "leader",
    min_contacts: int = 1,
    direction: Direction = "both",
    mapping: Any = None,
    dedupe: Dedupe = "day",
    kinds: Mapping[TieKind, float] | Mapping[str, float] | None = None,
    unaligned: Unaligned = "raise",
    strict: bool = False,
) -> Any:
    r"""Return the balance measures of every focal state and period.

    For every focal state F (every state of the events except the poles,
    or ``focal``) and every period (``freq``), the contacts of F in the
    period — exactly the :class:`~middlepower.ContactSequence` that
    :func:`contacts` returns for ``(F, period start, period end)`` — scored
    as METHODS.md §2 scores a sequence: salience by position within the
    period

    .. math::

       w_i = \frac{r_i\,\mu(ch_i)}{\sum_{l} r_l\,\mu(ch_l)}, \qquad
       \pi = \sum_i w_i\, a_{s_i}, \qquad
       E = 1 - \frac{m}{2(m-1)} \sum_{j=1}^m \left|\pi_j - \frac1m\right|,
       \qquad \tau = \pi_1 - \pi_2

    with :math:`r_i` of the scheme (half-life days counted from the period
    start), the channel multipliers :math:`\mu` and the alignment
    :math:`a_s` read on the period's start day. Each row equals
    :func:`~middlepower.equidistance`, :func:`~middlepower.tilt` and
    :func:`~middlepower.pole_attention` of that sequence on the same
    alignment (to rounding; the property tests check it to 1e-12).

    The computation is one vectorised pass: events to contact rows
    (:func:`contact_rows`), one sort, segment ranks and
    :func:`numpy.bincount` with the kernels of the scalar measures; memory
    is linear in the events.

    Parameters
    ----------
    events : pandas.DataFrame or dask.dataframe.DataFrame
        A canonical event table (METHODS.md §10). A Dask DataFrame (many
        files, Parquet partitions) is processed partition by partition on
        the active ``dask.distributed`` client (or Dask's default scheduler):
        contact rows per partition, a shuffle by (focal state, period), then
        deduplication and the same kernel per partition.
    alignment : RelationGraph, mapping of int to RelationGraph, or DataFrame
        Where each partner stands between the poles: a graph (read on each
        period's start day; one alignment per distinct snapshot, not per
        period), a mapping year → graph (the graph of the period start's
        year, e.g. from ``graph_for_year``), or a table of pole shares with
        columns ``year``, ``state`` and one column per pole (each row sums to
        1; the poles' own rows, if given, must be their pole).
    poles : sequence of str
        The rival poles (at least two). They are never focal states.
    freq : str, optional (default="MS")
        Pandas offset alias of the periods, by their start: ``"D"``,
        ``"W-MON"``, ``"MS"``, ``"QS"``, ``"YS"``, ...
    salience : str or Salience, optional (default="harmonic")
        Scheme name or a configured :class:`~middlepower.Salience` (δ,
        :math:`h`, channel multipliers).
    focal : str or sequence of str, optional
        Only these focal states (default: all but the poles).
    level : str, sequence of str or None, optional (default="leader")
        Actor levels kept (``None``: all), as in :func:`contacts`.
    min_contacts : int, optional (default=1)
        Leave out rows with fewer contacts.
    direction : {"both", "outgoing"}, optional (default="both")
        As in :func:`contacts`.
    mapping : str, os.PathLike or pandas.DataFrame, optional
        Event code to channel table (default: the bundled one).
    dedupe : {"day", None}, optional (default="day")
        As in :func:`contacts`.
    kinds : mapping of TieKind to float, optional
        Alignment weights κ for graph alignments (as the scalar measures'
        ``kinds``).
    unaligned : {"raise", "drop"}, optional (default="raise")
        A contacted partner absent from the alignment (not a node of the
        graph, no row in the table for that year) makes the scalar measures
        raise :class:`~middlepower.UnknownStateError`; so does the panel by
        default (:class:`UnalignedStateError`). ``"drop"`` leaves such
        contacts out (the rest keep their order; positions close up) and
        counts them in ``n_unaligned``; a (state, period) left without
        contacts has no row.
    strict : bool, optional (default=False)
        Raise instead of warning when rows were scored with assumed
        alignments (see Warns).

    Returns
    -------
    pandas.DataFrame
        One row per focal state and period with at least ``min_contacts``
        contacts, sorted by focal state then period. Columns: ``focal``
        (string), ``period`` and ``period_end`` (first and last day,
        ``datetime64[ns]``), ``n_contacts``, ``n_partners``, ``n_reports``
        (event rows behind the contacts), ``n_unaligned`` (contacts
        dropped), ``n_untied`` (see below), ``E``, ``tilt`` (two poles only)
        and ``pi_<pole>`` per pole. ``E``, ``tilt`` and ``pi`` are NaN when
        every contact of the row has channel multiplier 0 (the scalar
        measures raise there).

        ``n_untied`` counts the row's contacts (among ``n_contacts``) whose
        partner has no alignment tie to any pole on the period's start day:
        no tie of a kind with :math:`\kappa_k > 0` to any pole, so its
        alignment is the assumed :math:`1/m`, not a finding. It is what the
        scalar measures say with
        :class:`~middlepower.exceptions.UnalignedPartnerWarning` (one
        warning per sequence would be one per row here): a row with
        ``n_untied == n_contacts`` has ``E = 1`` and ``tilt = 0`` by
        construction (:class:`~middlepower.exceptions.PolesNotReachedWarning`),
        and the larger ``n_untied / n_contacts``, the more of the row's
        balance is assumed. A pole contacted as a partner is tied (its
        alignment is its own pole). With a table of pole shares the shares
        are data, not an assumption: ``n_untied`` is 0.

    Warns
    -----
    UnalignedPartnerWarning
        Once per call, when some rows have contacts whose partner has no
        alignment tie to any pole (``n_untied > 0``), naming how many rows
        are scored entirely on the assumed :math:`1/m` (E = 1, tilt = 0 by
        construction); :class:`~middlepower.exceptions.PolesNotReachedWarning`
        when that is every row. ``strict=True`` raises
        :class:`~middlepower.exceptions.UnalignedPartnerError` (or
        :class:`~middlepower.exceptions.PolesNotReachedError`) instead.

    Raises
    ------
    DataFormatError
        If the event table or a pole-share table is not in its format.
    InvalidParameterError
        For bad arguments, or periods in a year the alignment lacks.
    UnknownStateError
        If a pole is not in an alignment graph, or (``unaligned="raise"``)
        a partner has no alignment.

    See Also
    --------
    contacts, contact_rows

    Notes
    -----
    Dask: ``import dask.dataframe as dd; from dask.distributed import
    Client; client = Client("tcp://scheduler:8786")`` connects to an
    existing cluster (``Client()`` starts a local one); then
    ``balance_panel(dd.read_parquet("events/"), ...)`` runs there and
    returns a pandas DataFrame identical to the embedded result (same rows,
    same order, same floats).

    References
    ----------
    .. [1] Leetaru, K. and P. A. Schrodt. "GDELT: Global Data on Events,
       Location, and Tone, 1979-2012." Paper presented at the International
       Studies Association, San Francisco, 2013.
    .. [2] Boschee, E., J. Lautenschlager, S. O'Brien, S. Shellman, J. Starz
       and M. Ward. "ICEWS Coded Event Data." Harvard Dataverse, 2015.
       https://doi.org/10.7910/DVN/28075
    .. [3] Halterman, A., P. A. Schrodt, A. Beger, B. E. Bagozzi and G. I.
       Scarborough. "Creating Custom Event Data Without Dictionaries: A
       Bag-of-Tricks." arXiv:2304.01331, 2023.
    .. [4] Gerner, D. J., P. A. Schrodt, Ö. Yilmaz and R. Abu-Jabr.
       "Conflict and Mediation Event Observations (CAMEO)." Paper presented
       at the International Studies Association, New Orleans, 2002.

    Examples
    --------
    Calls of South Korea's president on 6, 9 and 10 June 2025 (METHODS.md
    §7), as event rows, scored on the editorial graph:

    >>> import pandas as pd
    >>> from middlepower.events import balance_panel
    >>> ev = pd.DataFrame(
    ...     {
    ...         "event_id": [1, 2, 3],
    ...         "date": pd.to_datetime(["2025-06-06", "2025-06-09", "2025-06-10"]),
    ...         "source": ["KOR", "JPN", "KOR"],
    ...         "target": ["USA", "KOR", "CHN"],
    ...         "code": ["041", "041", "041"],
    ...         "mode": [None] * 3,
    ...         "intensity": [1.0] * 3,
    ...         "level": ["leader"] * 3,
    ...         "dataset": ["ICEWS"] * 3,
    ...         "mentions": [1] * 3,
    ...     }
    ... )
    >>> g = mp.RelationGraph.from_scenario(mp.load_scenario("korea-2025"))
    >>> panel = balance_panel(ev, g, ("USA", "CHN"), focal="KOR")
    >>> row = panel.iloc[0]
    >>> str(row.period.date()), int(row.n_contacts), round(float(row.E), 4)  # 4/11
    ('2025-06-01', 3, 0.3636)
    """
    pd = import_optional("pandas", "data", "balance_panel")
    check_event_table(events)
    if isinstance(poles, str):
        raise InvalidParameterError(
            f"poles must be a sequence of state codes such as ('USA', 'CHN'), not the "
            f"string {poles!r}."
        )
    pole_list = check_code_list(poles, "poles")
    if len(pole_list) < 2 or len(set(pole_list)) != len(pole_list):
        raise InvalidParameterError(
            f"At least two distinct poles are needed, got {list(pole_list)}."
        )
    offset = check_freq(freq)
    sal = _salience(salience)
    levels = check_levels(level)
    direction = check_direction(direction)
    dedupe = check_dedupe(dedupe)
    check_bool(strict, "strict")
    if unaligned not in ("raise", "drop"):
        raise InvalidParameterError(
            f"Unknown unaligned policy {unaligned!r}; expected 'raise' or 'drop'."
        )
    if isinstance(min_contacts, bool) or not isinstance(min_contacts, int | np.integer):
        raise InvalidArgumentTypeError(
            f"min_contacts must be an integer >= 1, not {min_contacts!r}."
        )
    if min_contacts < 1:
        raise InvalidParameterError(
            f"min_contacts must be an integer >= 1, not {min_contacts!r}."
        )
    focal = check_focal(focal)
    focal_list = [focal] if isinstance(focal, str) else focal
    if focal_list is not None:
        focal_list = [str(f) for f in focal_list]
    lookup = ChannelLookup.from_mapping(mapping)
    if _is_dask(events):
        table = build_alignment(alignment, pole_list, kinds=kinds, days=None)
        meta_views = _partition_views(
            events._meta, focal_list, pole_list, levels, direction, lookup, offset
        )
        views = events.map_partitions(
            _partition_views,
            focal_list,
            pole_list,
            levels,
            direction,
            lookup,
            offset,
            meta=meta_views,
        )
        shuffled = views.shuffle(on=["focal", "period"])
        meta_panel = _partition_panel(
            meta_views, table, sal, dedupe, offset, min_contacts, unaligned
        )
        result = shuffled.map_partitions(
            _partition_panel,
            table,
            sal,
            dedupe,
            offset,
            min_contacts,
            unaligned,
            meta=meta_panel,
        ).compute()
        panel = _finish(pd.DataFrame(result, columns=_columns(table.poles)))
        emit(_untied_caveat(panel, pole_list), strict, stacklevel=2)
        return panel
    views_ = event_views(
        events,
        focal=focal_list,
        exclude=pole_list,
        level=levels,
        direction=direction,
        lookup=lookup,
    )
    c = dedupe_views(views_, dedupe, details=False)
    del views_
    panel = _finish(
        panel_kernel(
            c,
            alignment,
            sal,
            offset,
            min_contacts,
            unaligned,
            poles=pole_list,
            kinds=kinds,
        )
    )
    emit(_untied_caveat(panel, pole_list), strict, stacklevel=2)
    return panel
