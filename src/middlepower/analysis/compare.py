"""Several sequences side by side: :func:`compare`.

Each case is assessed with :func:`~middlepower.assess` under the same
settings, and the results are laid out one row per case — for example the
first contacts of six South Korean presidents. A case is a scenario (or the
name or file of one) or a ``(graph, sequence, poles)`` tuple. A case whose
scores rest on an assumption (see :class:`~middlepower.analysis.report.Caveat`)
says so in its row and in ``str(comparison)``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

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
    show,
)
from middlepower._optional import import_optional
from middlepower.analysis.report import BalanceReport, _assess
from middlepower.datasets._scenarios import load_scenario
from middlepower.exceptions import InvalidArgumentTypeError, InvalidParameterError
from middlepower.graph import RelationGraph
from middlepower.metrics.sequence import KindWeights, Salience
from middlepower.models import ContactSequence, Scenario, TieKind

__all__ = ["LEGEND", "Comparison", "compare", "report_row"]

Case = (
    Scenario
    | str
    | os.PathLike[str]
    | tuple[RelationGraph, ContactSequence, Sequence[str]]
)

COLUMNS: tuple[str, ...] = (
    "equidistance",
    "tilt",
    "proportionality",
    "concordance",
    "two_track",
    "cross_pressure",
    "structural_equidistance",
    "brokerage",
)
"""The score columns of a comparison, in order."""

SHORT: dict[str, str] = {
    "equidistance": "E",
    "tilt": "tilt",
    "proportionality": "P",
    "concordance": "tau_b",
    "two_track": "2-track",
    "cross_pressure": "CP",
    "structural_equidistance": "E_c",
    "brokerage": "broker",
}
"""The column heading of each score in ``str(comparison)``."""

LEGEND: dict[str, str] = {
    "E": "equidistance between the poles (1 = even, 0 = all on one pole)",
    "tilt": "lean toward the first pole (+1) or the second (-1)",
    "P": "proportionality of attention to interests (1 = as the ties predict)",
    "tau_b": "concordance, Kendall's tau-b of earliness and interests",
    "2-track": "two-track index (security and trade with different camps)",
    "CP": "cross-pressure (friendly ties joining mutual rivals)",
    "E_c": "structural equidistance of the friendly ties",
    "broker": "brokerage, 1 - Burt's constraint among friends",
}
"""What each column heading of ``str(comparison)`` stands for."""


def report_row(label: str, report: BalanceReport) -> dict[str, Any]:
    """Return one row of a comparison: label, focal, start, order and the scores.

    Parameters
    ----------
    label : str
        The row label.
    report : BalanceReport
        The assessed case.

    Returns
    -------
    dict
        Keys ``label``, ``focal``, ``start`` (ISO), ``order`` (partners),
        :data:`COLUMNS` and ``caveats`` (the report's caveats in a few words,
        ``"; "``-separated; ``""`` when none).

    Examples
    --------
    >>> from middlepower.analysis.compare import report_row
    >>> sc = mp.load_scenario("korea-2025")
    >>> r = mp.assess(mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles)
    >>> row = report_row("June", r)
    >>> row["order"], round(row["tilt"], 4)
    (['USA', 'JPN', 'CHN'], 0.6364)
    """
    row: dict[str, Any] = {
        "label": label,
        "focal": report.focal,
        "start": report.start.isoformat(),
        "order": [c.partner for c in report.contacts],
    }
    row.update({c: getattr(report, c) for c in COLUMNS})
    row["caveats"] = "; ".join(c.short for c in report.caveats)
    return row


@dataclass(frozen=True)
class Comparison:
    """Reports of several sequences under the same settings, one row each.

    Attributes
    ----------
    reports : dict of str to BalanceReport
        One :class:`~middlepower.BalanceReport` per case, by label.

    Examples
    --------
    The second sequence of the editorial case contacts the Czech Republic and
    Vietnam, which the scenario ties to neither pole: compare warns, and the
    table says so under the case.

    >>> import warnings
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     cmp = mp.compare({"June": sc, "June-Nov": (g, sc.sequences[1], sc.poles)})
    >>> print(caught[0].message)  # doctest: +ELLIPSIS
    Case 'June-Nov': Partners CZE and VNM have no alignment tie to USA or CHN, ...
    >>> print(cmp)
    case            E     tilt        P    tau_b  2-track       CP      E_c   broker
    --------------------------------------------------------------------------------
    June        0.364   +0.636    0.979   +0.333    0.494    0.574    0.641    0.372
              order: USA > JPN > CHN
    June-Nov    0.431   +0.569    0.872   +0.745    0.494    0.574    0.641    0.372
              order: USA > JPN > CHN > CZE > VNM > AUS > JPN > JPN > USA > CHN
              ! caveat: untied to the poles: CZE, VNM
    <BLANKLINE>
    E        equidistance between the poles (1 = even, 0 = all on one pole)
    tilt     lean toward the first pole (+1) or the second (-1)
    P        proportionality of attention to interests (1 = as the ties predict)
    tau_b    concordance, Kendall's tau-b of earliness and interests
    2-track  two-track index (security and trade with different camps)
    CP       cross-pressure (friendly ties joining mutual rivals)
    E_c      structural equidistance of the friendly ties
    broker   brokerage, 1 - Burt's constraint among friends
    """

    def __post_init__(self) -> None:
        if not isinstance(self.reports, dict) or not all(
            isinstance(k, str) and isinstance(r, BalanceReport)
            for k, r in self.reports.items()
        ):
            raise InvalidArgumentTypeError(
                "reports must be a dict of label to BalanceReport, got "
                f"{show(self.reports)}."
            )

    reports: dict[str, BalanceReport]

    def rows(self) -> list[dict[str, Any]]:
        """Return one dictionary per case: label, order and every score.

        Returns
        -------
        list of dict
            Keys ``label``, ``focal``, ``start``, ``order`` and the score
            columns (``equidistance`` ... ``brokerage``).

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> cmp = mp.compare({"Lee": sc, "Yoon": "korea-2022-yoon"})
        >>> [(r["label"], len(r["order"]), round(r["tilt"], 4)) for r in cmp.rows()]
        [('Lee', 3, 0.6364), ('Yoon', 3, 0.6364)]
        >>> [r["caveats"] for r in cmp.rows()]
        ['', '']
        """
        return [report_row(label, r) for label, r in self.reports.items()]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dictionary: the rows and the full reports.

        Returns
        -------
        dict
            ``rows`` (:meth:`rows`) and ``reports`` (each report's
            :meth:`~middlepower.BalanceReport.to_dict`, by label).

        Examples
        --------
        >>> sc = mp.load_scenario("korea-2025")
        >>> cmp = mp.compare({"Lee": sc, "Yoon": "korea-2022-yoon"})
        >>> d = cmp.to_dict()
        >>> sorted(d), list(d["reports"]), d["reports"]["Lee"]["start"]
        (['reports', 'rows'], ['Lee', 'Yoon'], '2025-06-04')
        """
        return {
            "rows": self.rows(),
            "reports": {k: r.to_dict() for k, r in self.reports.items()},
        }

    def to_frame(self) -> Any:
        """Return the rows as a :class:`pandas.DataFrame` (``pandas`` extra).

        Returns
        -------
        pandas.DataFrame
            Indexed by label; ``order`` joined by ``" > "``.

        Raises
        ------
        ImportError
            If pandas is not installed.

        Examples
        --------
        >>> import pandas as pd
        >>> sc = mp.load_scenario("korea-2025")
        >>> cmp = mp.compare({"Lee": sc, "Yoon": "korea-2022-yoon"})
        >>> frame = cmp.to_frame()
        >>> type(frame).__name__, frame.loc["Lee", "order"]
        ('DataFrame', 'USA > JPN > CHN')
        """
        pd = import_optional("pandas", "pandas", "to_frame")
        frame = pd.DataFrame(self.rows()).set_index("label")
        frame["order"] = [" > ".join(o) for o in frame["order"]]
        return frame

    def __str__(self) -> str:
        rows = self.rows()
        width = max([len("case"), *(len(r["label"]) for r in rows)])
        short = SHORT
        head = f"{'case':<{width}}  " + "  ".join(f"{short[c]:>7}" for c in COLUMNS)
        lines = [head, "-" * len(head)]
        for r in rows:
            cells = []
            for c in COLUMNS:
                v = r[c]
                cells.append(
                    f"{'n/a':>7}"
                    if v is None or (isinstance(v, float) and math.isnan(v))
                    else f"{v:>+7.3f}"
                    if c in ("tilt", "concordance")
                    else f"{v:>7.3f}"
                )
            lines.append(f"{r['label']:<{width}}  " + "  ".join(cells))
            lines.append(f"{'':<{width}}  order: {' > '.join(r['order'])}")
            for caveat in self.reports[r["label"]].caveats:
                lines.append(f"{'':<{width}}  ! caveat: {caveat.short}")
        lines.append("")
        key = max(len(k) for k in LEGEND)
        lines += [f"{k:<{key}}  {v}" for k, v in LEGEND.items()]
        return "\n".join(lines)


_CASE = "a Scenario, a scenario name or file, or a (graph, sequence, poles) tuple"


def _case(
    case: object, where: str
) -> Scenario | tuple[RelationGraph, ContactSequence, tuple[str, ...]]:
    """Check one case; load a scenario given by name or path."""
    if isinstance(case, Scenario):
        return case
    if isinstance(case, str | os.PathLike):
        return load_scenario(case)
    if isinstance(case, tuple) and len(case) == 3:
        graph, seq, poles = case
        check_graph(graph, f"the graph of {where}")
        check_sequence(seq, f"the sequence of {where}")
        return graph, seq, check_pole_codes(poles, f"the poles of {where}")
    raise InvalidArgumentTypeError(f"{where} must be {_CASE}, got {show(case)}.")


def _label(
    case: Scenario | tuple[RelationGraph, ContactSequence, tuple[str, ...]],
    default: str,
) -> str:
    if isinstance(case, Scenario):
        seq = case.sequence()
        return seq.label or case.name
    return case[1].label or default


def compare(
    cases: Sequence[Case] | Mapping[str, Case],
    *,
    salience: str | Salience = "harmonic",
    interests: KindWeights | None = None,
    kinds: KindWeights | Sequence[TieKind | str] | None = None,
    universe: Literal["contacted", "ties"] = "contacted",
    strict: bool = False,
) -> Comparison:
    """Assess several sequences under the same settings, one row each.

    Parameters
    ----------
    cases : sequence or mapping of cases
        Each case is a :class:`~middlepower.Scenario` (its first sequence,
        its graph and poles), the name of a bundled scenario or the path of a
        scenario file (as the command line takes them; see
        :func:`~middlepower.load_scenario`), or a tuple ``(graph, sequence,
        poles)``. A mapping gives the row labels; otherwise the sequence
        label (or the scenario name) is used.
    salience, interests, kinds, universe
        As in :func:`~middlepower.assess`, the same for every case.
    strict : bool, optional (default=False)
        Raise instead of warning when a case's scores rest on an assumption
        (as :func:`~middlepower.assess`).

    Returns
    -------
    Comparison
        ``reports`` by label; ``rows()``, ``to_frame()``, ``str()``.

    Raises
    ------
    InvalidArgumentTypeError
        If ``cases`` is not a list or mapping of cases (a single string
        included), or a case has the wrong type.
    InvalidParameterError
        For no cases, two cases with the same label, or bad settings.
    UnknownScenarioError, MissingFileError
        For a scenario name or file that does not exist.

    Warns
    -----
    MiddlePowerWarning
        One warning per caveat of a case (as :func:`~middlepower.assess`),
        its message prefixed with the case label; ``strict=True`` raises the
        matching error instead.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> seq = sc.sequence()
    >>> cmp = mp.compare({"harmonic": (g, seq, sc.poles), "scenario": sc})
    >>> [round(r["tilt"], 3) for r in cmp.rows()]
    [0.636, 0.636]
    >>> [r["label"][:20] for r in mp.compare(["korea-2022-yoon", "korea-2025"]).rows()]
    ['Yoon Suk-yeol, first', 'Lee Jae-myung, first']
    """
    if isinstance(cases, str | bytes | os.PathLike) or not isinstance(
        cases, Mapping | Sequence
    ):
        raise InvalidArgumentTypeError(
            "cases must be a list or mapping of cases (scenarios, scenario names "
            f"or (graph, sequence, poles) tuples), got {show(cases)}; wrap a "
            "single case in a list."
        )
    check_salience(salience)
    check_kind_weights(interests, "interests")
    kinds = check_kinds(kinds)
    check_universe(universe)
    check_bool(strict, "strict")
    items: list[tuple[str, Any]]
    if isinstance(cases, Mapping):
        items = []
        for label, c in cases.items():
            if not isinstance(label, str):
                raise InvalidArgumentTypeError(
                    f"case labels must be strings, got {show(label)}."
                )
            items.append((label, _case(c, f"case {label!r}")))
    else:
        checked = [_case(c, f"case {i + 1}") for i, c in enumerate(cases)]
        items = [(_label(c, f"case {i + 1}"), c) for i, c in enumerate(checked)]
    if not items:
        raise InvalidParameterError("compare needs at least one case.")
    labels = [label for label, _ in items]
    dupes = sorted({x for x in labels if labels.count(x) > 1})
    if dupes:
        raise InvalidParameterError(
            f"Case labels {dupes} repeat; pass a mapping with distinct labels."
        )
    reports: dict[str, BalanceReport] = {}
    for label, case in items:
        poles: Sequence[str]
        if isinstance(case, Scenario):
            graph = RelationGraph.from_scenario(case)
            seq, poles = case.sequence(), case.poles
        else:
            graph, seq, poles = case
        try:
            reports[label], caveats = _assess(
                graph,
                seq,
                poles,
                salience=salience,
                interests=interests,
                kinds=kinds,
                universe=universe,
                strict=strict,
            )
        except _caveats.CaveatError as err:
            raise type(err)(f"Case {label!r}: {err}", err.states) from None
        for caveat in caveats:
            labelled = type(caveat)(f"Case {label!r}: {caveat}", caveat.states)
            _caveats.emit(labelled, strict, stacklevel=2)
    return Comparison(reports)
