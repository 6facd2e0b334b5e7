r"""One sequence, every measure: :func:`assess` and :class:`BalanceReport`.

:func:`assess` runs the sequence measures of METHODS.md §2 on one contact
sequence and returns a frozen :class:`BalanceReport`: the numbers, the settings
that produced them, and a plain-language reading generated from the numbers.
``str(report)`` is an aligned text table; :meth:`BalanceReport.to_dict` and
:meth:`BalanceReport.to_json` give machine-readable output.

No silent verdicts: when a score rests on an assumption (a contacted partner
without any alignment tie to a pole, an undefined interest benchmark), the
report lists it under :attr:`BalanceReport.caveats` — a ``Caveats`` section
in ``str(report)`` and a ``caveats`` list in :meth:`BalanceReport.to_dict` —
and :func:`assess` warns (or raises with ``strict=True``).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np

from middlepower import _caveats
from middlepower._checks import (
    check_bool,
    check_graph,
    check_kind_weights,
    check_kinds,
    check_pole_codes,
    check_salience,
    check_sequence,
    check_universe,
)
from middlepower._optional import import_optional
from middlepower.analysis._batch import (
    alignments,
    benchmarks,
    evaluate,
    kind_vector,
    prepare,
    untied,
)
from middlepower.exceptions import InvalidParameterError, MiddlePowerWarning
from middlepower.graph import RelationGraph
from middlepower.metrics.sequence import (
    KindWeights,
    Salience,
    _alignment_kappa,
    _salience,
    _weights,
    given_alignment,
    salience_weights,
)
from middlepower.metrics.structure import (
    brokerage,
    cross_pressure,
    frustration,
    structural_equidistance,
    triad_balance,
    two_track,
    walk_balance,
)
from middlepower.models import (
    INTEREST_WEIGHTS,
    ContactSequence,
    FrozenModel,
    TieKind,
)

__all__ = ["BalanceReport", "Caveat", "ContactRow", "assess"]

#: Short labels of the caveat categories, for tables (``Caveat.short``).
_SHORT = {
    "UnalignedPartnerWarning": "untied to the poles",
    "PolesNotReachedWarning": "no partner tied to a pole",
    "UndefinedBenchmarkWarning": "no interest tie",
}


class Caveat(FrozenModel):
    """A score of a report that rests on an assumption, not on the data.

    One per kind of caveat, as the warning the measures give
    (:class:`~middlepower.exceptions.MiddlePowerWarning`).

    Attributes
    ----------
    category : str
        The warning's class name: ``"UnalignedPartnerWarning"`` (contacted
        partners with no alignment tie to any pole, whose alignment
        :math:`1/m` is assumed), ``"PolesNotReachedWarning"`` (no contacted
        partner is tied to a pole: E = 1 and tilt = 0 by construction) or
        ``"UndefinedBenchmarkWarning"`` (no interest tie: proportionality
        or concordance are ``None``).
    states : tuple of str
        The states concerned.
    message : str
        The warning's sentence.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> r = mp.assess(g, sc.sequence(), sc.poles)  # the editorial case
    >>> r.caveats
    ()
    """

    category: str
    states: tuple[str, ...]
    message: str

    @property
    def short(self) -> str:
        """Return a few words and the states, for a table cell.

        Examples
        --------
        >>> from middlepower.analysis.report import Caveat
        >>> Caveat(
        ...     category="UnalignedPartnerWarning", states=("CZE",), message="..."
        ... ).short
        'untied to the poles: CZE'
        """
        label = _SHORT.get(self.category, self.category)
        return f"{label}: {', '.join(self.states)}"

    def warning(self) -> MiddlePowerWarning:
        """Return the warning this caveat stands for.

        Examples
        --------
        >>> from middlepower.analysis.report import Caveat
        >>> w = Caveat(
        ...     category="UndefinedBenchmarkWarning", states=("CZE",), message="x"
        ... ).warning()
        >>> type(w).__name__, w.states
        ('UndefinedBenchmarkWarning', ('CZE',))
        """
        from middlepower import exceptions

        cls = getattr(exceptions, self.category, MiddlePowerWarning)
        out: MiddlePowerWarning = cls(self.message, self.states)
        return out

    @classmethod
    def of(cls, warning: MiddlePowerWarning) -> Caveat:
        """Return the caveat of a warning.

        Examples
        --------
        >>> from middlepower.analysis.report import Caveat
        >>> from middlepower.exceptions import UndefinedBenchmarkWarning
        >>> Caveat.of(UndefinedBenchmarkWarning("x", ["CZE"])).category
        'UndefinedBenchmarkWarning'
        """
        return cls(
            category=type(warning).__name__,
            states=warning.states,
            message=str(warning),
        )


class ContactRow(FrozenModel):
    """One contact of an assessed sequence with its salience weight.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> r = mp.assess(mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles)
    >>> row = r.contacts[0]
    >>> row.position, row.partner, row.channel, round(row.weight, 4)
    (1, 'USA', 'call', 0.5455)
    """

    position: int
    partner: str
    on: dt.date
    channel: str
    weight: float


class BalanceReport(FrozenModel):
    r"""Every sequence measure for one contact sequence, with its settings.

    Build it with :func:`assess`. Fields are plain data (JSON in and out);
    ``None`` marks a measure that is undefined for this input (see each
    measure's documentation).

    Attributes
    ----------
    label, focal, start, poles
        What was assessed.
    salience, interests, alignment_kinds, universe
        The analyst's settings used.
    contacts
        Each contact with its salience weight.
    attention, alignment, benchmark, pole_attention
        Per partner / per pole distributions.
    equidistance, tilt, proportionality, concordance
        The scores of METHODS.md §2 (``tilt`` is ``None`` unless two poles).
    two_track, cross_pressure, structural_equidistance, brokerage
        The focal state's structural position (METHODS.md §3), on the ties
        valid on ``start``.
    triad_balance, walk_balance
        Balance of the whole signed system on ``start``.
    camps, frustration, frustration_exact
        The two camps of the weighted frustration partition (the focal
        state's camp first; states without any signed tie are left out), its
        weighted line index and whether it is proven optimal.
    readings
        One plain-language sentence per score.
    caveats
        The scores that rest on an assumption rather than on the data
        (:class:`Caveat`; empty when none does), also shown by ``str()``.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> r = mp.assess(mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles)
    >>> round(r.proportionality, 4), round(r.two_track, 4)
    (0.9785, 0.494)
    >>> r.camps, r.frustration_exact
    ((('AUS', 'JPN', 'KOR', 'USA'), ('CHN',)), True)
    """

    label: str | None
    focal: str
    start: dt.date
    poles: tuple[str, ...]
    salience: Salience
    interests: dict[str, float]
    alignment_kinds: dict[str, float]
    universe: Literal["contacted", "ties"]
    contacts: tuple[ContactRow, ...]
    attention: dict[str, float]
    alignment: dict[str, tuple[float, ...]]
    benchmark: dict[str, float] | None
    pole_attention: dict[str, float]
    equidistance: float
    tilt: float | None
    proportionality: float | None
    concordance: float | None
    two_track: float | None
    cross_pressure: float | None
    structural_equidistance: float | None
    brokerage: float | None
    triad_balance: float | None
    walk_balance: float | None
    camps: tuple[tuple[str, ...], tuple[str, ...]]
    frustration: float
    frustration_exact: bool
    readings: dict[str, str]
    caveats: tuple[Caveat, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary (dates as ISO strings).

        Returns
        -------
        dict
            Every field; ``BalanceReport.model_validate`` reads it back.

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> r = mp.assess(mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles)
        >>> d = r.to_dict()
        >>> d["start"], d["poles"], d["contacts"][0]["on"]
        ('2025-06-04', ['USA', 'CHN'], '2025-06-06')
        """
        return self.model_dump(mode="json")

    def to_frame(self) -> Any:
        """Return the per-partner table as a :class:`pandas.DataFrame`.

        One row per contacted partner (in order of first contact): attention,
        benchmark and the alignment toward each pole (``a[USA]``...). Needs
        the ``pandas`` extra. The scores are in :meth:`to_dict`.

        Returns
        -------
        pandas.DataFrame
            Indexed by partner.

        Raises
        ------
        ImportError
            If pandas is not installed.

        Examples
        --------
        >>> import pandas as pd
        >>> sc = mp.load_scenario("korea-2025")
        >>> r = mp.assess(mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles)
        >>> frame = r.to_frame()
        >>> type(frame).__name__, list(frame.columns)
        ('DataFrame', ['attention', 'benchmark', 'a[USA]', 'a[CHN]'])
        """
        pd = import_optional("pandas", "pandas", "to_frame")
        rows = []
        for partner, att in self.attention.items():
            row: dict[str, Any] = {"partner": partner, "attention": att}
            row["benchmark"] = (
                None if self.benchmark is None else self.benchmark.get(partner)
            )
            for pole, a in zip(self.poles, self.alignment[partner], strict=True):
                row[f"a[{pole}]"] = a
            rows.append(row)
        return pd.DataFrame(rows).set_index("partner")

    def __str__(self) -> str:
        return format_report(self)


def assess(
    graph: RelationGraph,
    sequence: ContactSequence,
    poles: Sequence[str],
    *,
    salience: str | Salience = "harmonic",
    interests: KindWeights | None = None,
    kinds: KindWeights | Sequence[TieKind | str] | None = None,
    universe: Literal["contacted", "ties"] = "contacted",
    alignment: Mapping[str, Any] | None = None,
    strict: bool = False,
) -> BalanceReport:
    r"""Assess one contact sequence on every sequence measure.

    Parameters
    ----------
    graph : RelationGraph
        The relations; sequence measures read it as it stood on
        ``sequence.start``.
    sequence : ContactSequence
        The focal state's contacts.
    poles : sequence of str
        The rival poles, e.g. ``("USA", "CHN")``.
    salience : str or Salience, optional (default="harmonic")
        How contacts are weighted.
    interests : mapping of TieKind to float, optional
        :math:`\theta` of the interest benchmark (default alliance, trade and
        neighbour 1).
    kinds : mapping or sequence of TieKind, optional
        Alignment κ (default alliance 1, partnership 0.5, rivalry 1).
    universe : {"contacted", "ties"}, optional (default="contacted")
        Partners compared by :func:`~middlepower.proportionality`.
    alignment : mapping of str to array_like, optional
        The partners' alignment given directly (state -> ``m`` shares summing
        to 1, e.g. from
        :func:`~middlepower.metrics.similarity.alignment_from_similarity`)
        instead of computed from the ties; not together with ``kinds``. The
        report's ``alignment_kinds`` is then empty.
    strict : bool, optional (default=False)
        Raise instead of warning when a score rests on an assumption (see
        Warns).

    Returns
    -------
    BalanceReport
        The numbers, the settings and a reading of each score; its
        ``caveats`` list what rests on an assumption.

    Raises
    ------
    InvalidArgumentTypeError
        If an argument has the wrong type (e.g. a list of contacts instead
        of a :class:`~middlepower.ContactSequence`).
    InvalidParameterError
        For bad poles, salience, weights or universe.
    UnknownStateError
        If the focal state, a partner or a pole is not in the graph.

    Warns
    -----
    UnalignedPartnerWarning
        A contacted partner has no alignment tie to any pole (its alignment
        :math:`1/m` is assumed); :class:`~middlepower.exceptions.PolesNotReachedWarning`
        when no partner has one. Not with a given ``alignment``.
    UndefinedBenchmarkWarning
        No interest tie links the focal state to its partners, so
        proportionality (and concordance) are ``None``.

    Each warning is also a :class:`Caveat` of the report. ``strict=True``
    raises :class:`~middlepower.exceptions.UnalignedPartnerError`,
    :class:`~middlepower.exceptions.PolesNotReachedError` or
    :class:`~middlepower.exceptions.UndefinedBenchmarkError` instead.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> r = mp.assess(g, sc.sequence(), sc.poles)
    >>> round(r.tilt, 4), round(r.equidistance, 4)
    (0.6364, 0.3636)
    >>> print(r.readings["tilt"])  # doctest: +ELLIPSIS
    The order leans strongly toward USA (tilt = +0.64; ...

    The second sequence contacts the Czech Republic and Vietnam, which the
    scenario ties to neither pole: the report says so.

    >>> import warnings
    >>> from middlepower.exceptions import UnalignedPartnerWarning
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", UnalignedPartnerWarning)
    ...     r2 = mp.assess(g, sc.sequences[1], sc.poles)
    >>> [c.short for c in r2.caveats]
    ['untied to the poles: CZE, VNM']
    """
    report, caveats = _assess(
        graph,
        sequence,
        poles,
        salience=salience,
        interests=interests,
        kinds=kinds,
        universe=universe,
        alignment=alignment,
        strict=strict,
    )
    for caveat in caveats:
        _caveats.emit(caveat, strict, stacklevel=2)
    return report


def _assess(
    graph: RelationGraph,
    sequence: ContactSequence,
    poles: Sequence[str],
    *,
    salience: str | Salience = "harmonic",
    interests: KindWeights | None = None,
    kinds: KindWeights | Sequence[TieKind | str] | None = None,
    universe: Literal["contacted", "ties"] = "contacted",
    alignment: Mapping[str, Any] | None = None,
    strict: bool = False,
) -> tuple[BalanceReport, list[MiddlePowerWarning]]:
    """:func:`assess` without the warnings: the report and its caveats.

    With ``strict=True`` the first caveat is raised (before the structural
    measures are computed).
    """
    check_graph(graph)
    check_sequence(sequence)
    poles = check_pole_codes(poles)
    check_salience(salience)
    check_kind_weights(interests, "interests")
    kinds = check_kinds(kinds)
    check_universe(universe)
    check_bool(strict, "strict")
    sal = _salience(salience)
    if alignment is not None and kinds is not None:
        raise InvalidParameterError(
            "Give either kinds (tie-based alignment) or alignment, not both."
        )
    kappa = _alignment_kappa(kinds)
    theta = _weights("interests", interests, INTEREST_WEIGHTS)
    # a batch of one through the same kernels as orderings and sensitivity
    prep = prepare(graph, sequence, poles, universe)
    poles = prep.poles
    w = salience_weights(sequence, sal)
    caveats: list[MiddlePowerWarning] = []
    if alignment is None:
        A = alignments(prep, kind_vector(kappa))
        loose = _caveats.unaligned(
            untied(prep, kind_vector(kappa)), prep.partners, poles
        )
        if loose is not None:
            caveats.append(loose)
    else:
        A = given_alignment(alignment, prep.partners, len(poles))[None]
        kappa = dict.fromkeys(kappa, 0.0)
    bU, bC = benchmarks(prep, kind_vector(theta))
    res = evaluate(prep, w[None], prep.contact_partner[None], A, bU, bC)
    partners = prep.partners
    att = dict(zip(partners, res["attention"][0].tolist(), strict=True))
    pi = dict(zip(poles, res["pole_attention"][0].tolist(), strict=True))
    E = float(res["equidistance"][0])
    tau = float(res["tilt"][0]) if "tilt" in res else None
    b = None if np.isnan(bC).any() else dict(zip(partners, bC[0].tolist(), strict=True))
    P = _optional_float(res["proportionality"][0])
    C = _optional_float(res["concordance"][0])
    if np.isnan(bC).any():
        what = "concordance" if P is not None else "proportionality and concordance"
        caveats.append(
            _caveats.undefined_benchmark(
                sequence.focal, prep.universe if P is None else prep.partners, what
            )
        )
    if strict and caveats:
        _caveats.emit(caveats[0], True, stacklevel=2)
    snap = prep.snapshot
    A = A[0]
    rows = tuple(
        ContactRow(
            position=i + 1,
            partner=c.partner,
            on=c.on,
            channel=c.channel.value,
            weight=float(w[i]),
        )
        for i, c in enumerate(sequence.contacts)
    )
    report: dict[str, Any] = {
        "label": sequence.label,
        "focal": sequence.focal,
        "start": sequence.start,
        "poles": poles,
        "salience": sal,
        "interests": {k.value: v for k, v in theta.items() if v},
        "alignment_kinds": {k.value: v for k, v in kappa.items() if v},
        "universe": universe,
        "contacts": rows,
        "attention": att,
        "alignment": {
            p: tuple(A[i].tolist()) for i, p in enumerate(sequence.distinct_partners)
        },
        "benchmark": b,
        "pole_attention": pi,
        "equidistance": E,
        "tilt": tau,
        "proportionality": P,
        "concordance": C,
    }
    report.update(_structure(snap, sequence.focal, poles))
    report["caveats"] = tuple(Caveat.of(c) for c in caveats)
    report["readings"] = _readings(report)
    return BalanceReport.model_validate(report), caveats


def _optional_float(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _structure(
    snap: RelationGraph, focal: str, poles: tuple[str, ...]
) -> dict[str, Any]:
    fr = frustration(snap, weighted=True, method="auto")
    tied = {c for e in snap.signed().edges for c in e}
    a, b = (camp & tied for camp in fr.partition)
    if focal in b:
        a, b = b, a
    return {
        "two_track": two_track(snap, focal, poles),
        "cross_pressure": cross_pressure(snap, focal),
        "structural_equidistance": structural_equidistance(snap, focal, poles),
        "brokerage": brokerage(snap, focal),
        "triad_balance": triad_balance(snap),
        "walk_balance": walk_balance(snap),
        "camps": (tuple(sorted(a)), tuple(sorted(b))),
        "frustration": fr.index,
        "frustration_exact": fr.exact,
    }


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _readings(r: Mapping[str, Any]) -> dict[str, str]:
    poles: tuple[str, ...] = r["poles"]
    pi: dict[str, float] = r["pole_attention"]
    out: dict[str, str] = {}
    split = ", ".join(f"{_pct(v)} toward {p}" for p, v in pi.items())
    tau = r["tilt"]
    if tau is not None:
        if abs(tau) < 0.05:
            out["tilt"] = (
                f"The order is evenly balanced between {poles[0]} and {poles[1]} "
                f"(tilt = {tau:+.2f}; {split})."
            )
        else:
            lean = poles[0] if tau > 0 else poles[1]
            strength = (
                "strongly"
                if abs(tau) >= 0.5
                else "moderately"
                if abs(tau) >= 0.2
                else "slightly"
            )
            out["tilt"] = (
                f"The order leans {strength} toward {lean} (tilt = {tau:+.2f}; "
                f"weighted attention {split})."
            )
    E = r["equidistance"]
    level = (
        "close to equidistant"
        if E >= 0.8
        else "moderately equidistant"
        if E >= 0.5
        else "far from equidistant"
    )
    out["equidistance"] = (
        f"E = {E:.2f}: {level} between the poles (1 = attention split evenly, "
        "0 = all on one pole)."
    )
    for c in r.get("caveats", ()):
        if c.category == "PolesNotReachedWarning":
            note = (
                f" By construction, not a finding: no contacted partner is tied to "
                f"{' or '.join(poles)}."
            )
        elif c.category == "UnalignedPartnerWarning":
            note = (
                f" {', '.join(c.states)} count{'s' if len(c.states) == 1 else ''} "
                "as evenly aligned by assumption (no tie to a pole)."
            )
        else:
            continue
        for key in ("equidistance", "tilt"):
            if key in out:
                out[key] += note
    P = r["proportionality"]
    b = r["benchmark"]
    if P is None or b is None:
        out["proportionality"] = (
            "Undefined: no interest tie links the focal state to its partners."
        )
    else:
        follow = (
            "closely follows"
            if P >= 0.95
            else "roughly follows"
            if P >= 0.85
            else "departs from"
        )
        ranked = ", ".join(
            f"{s} {_pct(v)}" for s, v in sorted(b.items(), key=lambda kv: -kv[1])
        )
        out["proportionality"] = (
            f"P = {P:.2f}: attention {follow} what the ties alone predict "
            f"(benchmark {ranked})."
        )
    C = r["concordance"]
    if C is None:
        out["concordance"] = (
            "Undefined: fewer than two partners, or no variation in the benchmark."
        )
    else:
        if C > 0.2:
            how = "partners with more at stake tended to be contacted earlier"
        elif C < -0.2:
            how = "partners with more at stake tended to be contacted later"
        else:
            how = "the order bears little relation to what is at stake"
        out["concordance"] = f"tau_b = {C:+.2f}: {how}."
    out.update(_structure_readings(r))
    return out


def _structure_readings(r: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    focal = r["focal"]
    T = r["two_track"]
    if T is None:
        out["two_track"] = (
            f"Undefined: {focal} has no positive security tie or no trade tie."
        )
    else:
        level = "high" if T >= 0.5 else "moderate" if T >= 0.2 else "low"
        out["two_track"] = f"T = {T:.2f}: {level} — security and trade ties " + (
            "point to different camps."
            if T >= 0.5
            else "partly point to different camps."
            if T >= 0.2
            else "point to the same camps."
        )
    CP = r["cross_pressure"]
    if CP is None:
        out["cross_pressure"] = f"Undefined: {focal} has fewer than two friends."
    else:
        out["cross_pressure"] = (
            f"CP = {CP:.2f}: {_pct(CP)} of {focal}'s friendly tie mass joins "
            "friends who are each other's rivals."
        )
    SE = r["structural_equidistance"]
    if SE is None:
        out["structural_equidistance"] = f"Undefined: {focal} has no friendly tie."
    else:
        out["structural_equidistance"] = f"E_c = {SE:.2f}: {focal}'s friendly ties " + (
            "straddle the camps (a bridge)." if SE >= 0.6 else "lean to one camp."
        )
    BR = r["brokerage"]
    out["brokerage"] = (
        f"Undefined: {focal} has no friendly tie."
        if BR is None
        else f"1 - constraint = {BR:.2f}: "
        + (
            f"{focal}'s friends are largely not friends of each other."
            if BR >= 0.5
            else f"{focal}'s friends are largely friends of each other."
        )
    )
    a, b = r["camps"]
    proven = "proven optimal" if r["frustration_exact"] else "best found"
    out["camps"] = (
        f"Two camps ({proven}, weighted frustration {r['frustration']:.3f}): "
        f"{{{', '.join(a)}}} vs {{{', '.join(b) or '-'}}}."
    )
    return out


def format_report(r: BalanceReport, *, strict_hint: str | None = None) -> str:
    """Return the aligned text table behind ``str(report)``.

    Parameters
    ----------
    r : BalanceReport
        The report.
    strict_hint : str, optional
        Said instead of "pass strict=True to raise" in the caveats (the
        command line names its ``--strict`` flag).

    Returns
    -------
    str
        Caveats (if any), sequence, partners, scores with their readings,
        and the system.
    """
    lines: list[str] = []
    title = r.label or f"Contacts of {r.focal}"
    lines.append(title)
    lines.append("=" * len(title))
    lines.append(
        f"focal {r.focal}   poles {' vs '.join(r.poles)}   "
        f"start {r.start.isoformat()}   salience {r.salience.scheme}"
    )
    if r.caveats:
        lines += ["", "Caveats"]
        for caveat in r.caveats:
            message = caveat.message
            if strict_hint is not None:
                message = _caveats.rehint(message, strict_hint)
            lines += textwrap.wrap(
                message, width=88, initial_indent="! ", subsequent_indent="  "
            )
    lines.append("")
    head = f"{'#':>2}  {'date':<10}  {'partner':<7}  {'channel':<7}  {'weight':>6}"
    lines += ["Sequence", head, "-" * len(head)]
    for c in r.contacts:
        lines.append(
            f"{c.position:>2}  {c.on.isoformat():<10}  {c.partner:<7}  "
            f"{c.channel:<7}  {c.weight:>6.3f}"
        )
    lines.append("")
    pole_cols = "  ".join(f"{'a[' + p + ']':>8}" for p in r.poles)
    head = f"{'partner':<7}  {'attention':>9}  {'benchmark':>9}  {pole_cols}"
    lines += ["Partners", head, "-" * len(head)]
    for p, a in r.attention.items():
        b = "" if r.benchmark is None else f"{r.benchmark.get(p, 0.0):.3f}"
        al = "  ".join(f"{x:>8.3f}" for x in r.alignment[p])
        lines.append(f"{p:<7}  {a:>9.3f}  {b:>9}  {al}")
    lines.append("")
    lines.append("Scores")
    scores: list[tuple[str, float | None, str]] = [
        (
            "pole attention",
            None,
            ", ".join(f"{p} {v:.3f}" for p, v in r.pole_attention.items()),
        ),
        ("equidistance", r.equidistance, r.readings["equidistance"]),
    ]
    if r.tilt is not None:
        scores.append(("tilt", r.tilt, r.readings["tilt"]))
    scores += [
        ("proportionality", r.proportionality, r.readings["proportionality"]),
        ("concordance", r.concordance, r.readings["concordance"]),
    ]
    scores += [
        ("two-track", r.two_track, r.readings["two_track"]),
        ("cross-pressure", r.cross_pressure, r.readings["cross_pressure"]),
        (
            "struct. equidistance",
            r.structural_equidistance,
            r.readings["structural_equidistance"],
        ),
        ("brokerage", r.brokerage, r.readings["brokerage"]),
    ]
    width = max(len(name) for name, _, _ in scores)
    for name, value, text in scores:
        shown = (
            ""
            if value is None and name == "pole attention"
            else (
                "   n/a"
                if value is None
                else f"{value:>+6.3f}"
                if name in ("tilt", "concordance")
                else f"{value:>6.3f}"
            )
        )
        if name == "pole attention":
            lines.append(f"{name:<{width}}          {text}")
        else:
            lines.append(f"{name:<{width}}  {shown:>6}  {text}")
    lines.append("")
    lines.append("System")
    tb = "n/a" if r.triad_balance is None else f"{r.triad_balance:.3f}"
    wb = "n/a" if r.walk_balance is None else f"{r.walk_balance:.3f}"
    lines.append(f"triad balance {tb}   walk balance {wb}")
    lines.append(r.readings["camps"])
    return "\n".join(lines)
