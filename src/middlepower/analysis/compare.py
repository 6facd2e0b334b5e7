"""Several sequences side by side: :func:`compare`.

Each case is assessed with :func:`~middlepower.assess` under the same
settings, and the results are laid out one row per case — for example the
first contacts of six South Korean presidents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from middlepower._optional import import_optional
from middlepower.analysis.report import BalanceReport, assess
from middlepower.exceptions import InvalidParameterError
from middlepower.graph import RelationGraph
from middlepower.metrics.sequence import KindWeights, Salience
from middlepower.models import ContactSequence, Scenario, TieKind

__all__ = ["Comparison", "compare"]

Case = Scenario | tuple[RelationGraph, ContactSequence, Sequence[str]]

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


@dataclass(frozen=True)
class Comparison:
    """Reports of several sequences under the same settings, one row each.

    Attributes
    ----------
    reports : dict of str to BalanceReport
        One :class:`~middlepower.BalanceReport` per case, by label.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> cmp = mp.compare({"June": sc, "June-Nov": (g, sc.sequences[1], sc.poles)})
    >>> print(cmp)
    case            E     tilt        P    tau_b  2-track       CP      E_c   broker
    --------------------------------------------------------------------------------
    June        0.364   +0.636    0.979   +0.333    0.494    0.574    0.641    0.372
              order: USA > JPN > CHN
    June-Nov    0.431   +0.569    0.872   +0.745    0.494    0.574    0.641    0.372
              order: USA > JPN > CHN > CZE > VNM > AUS > JPN > JPN > USA > CHN
    """

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
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> cmp = mp.compare({"June": sc, "June-Nov": (g, sc.sequences[1], sc.poles)})
        >>> [(r["label"], len(r["order"]), round(r["tilt"], 4)) for r in cmp.rows()]
        [('June', 3, 0.6364), ('June-Nov', 10, 0.5689)]
        """
        out = []
        for label, r in self.reports.items():
            row: dict[str, Any] = {
                "label": label,
                "focal": r.focal,
                "start": r.start.isoformat(),
                "order": [c.partner for c in r.contacts],
            }
            row.update({c: getattr(r, c) for c in COLUMNS})
            out.append(row)
        return out

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
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> cmp = mp.compare({"June": sc, "June-Nov": (g, sc.sequences[1], sc.poles)})
        >>> d = cmp.to_dict()
        >>> sorted(d), list(d["reports"]), d["reports"]["June"]["start"]
        (['reports', 'rows'], ['June', 'June-Nov'], '2025-06-04')
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
        >>> g = mp.RelationGraph.from_scenario(sc)
        >>> cmp = mp.compare({"June": sc, "June-Nov": (g, sc.sequences[1], sc.poles)})
        >>> frame = cmp.to_frame()
        >>> type(frame).__name__, frame.loc["June", "order"]
        ('DataFrame', 'USA > JPN > CHN')
        """
        pd = import_optional("pandas", "pandas", "to_frame")
        frame = pd.DataFrame(self.rows()).set_index("label")
        frame["order"] = [" > ".join(o) for o in frame["order"]]
        return frame

    def __str__(self) -> str:
        rows = self.rows()
        width = max([len("case"), *(len(r["label"]) for r in rows)])
        short = {
            "equidistance": "E",
            "tilt": "tilt",
            "proportionality": "P",
            "concordance": "tau_b",
            "two_track": "2-track",
            "cross_pressure": "CP",
            "structural_equidistance": "E_c",
            "brokerage": "broker",
        }
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
        return "\n".join(lines)


def _label(case: Case, default: str) -> str:
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
) -> Comparison:
    """Assess several sequences under the same settings, one row each.

    Parameters
    ----------
    cases : sequence or mapping of cases
        Each case is a :class:`~middlepower.Scenario` (its first sequence,
        its graph and poles) or a tuple ``(graph, sequence, poles)``. A
        mapping gives the row labels; otherwise the sequence label (or the
        scenario name) is used.
    salience, interests, kinds, universe
        As in :func:`~middlepower.assess`, the same for every case.

    Returns
    -------
    Comparison
        ``reports`` by label; ``rows()``, ``to_frame()``, ``str()``.

    Raises
    ------
    InvalidParameterError
        For no cases or two cases with the same label.

    Examples
    --------
    >>> sc = mp.load_scenario("korea-2025")
    >>> g = mp.RelationGraph.from_scenario(sc)
    >>> seq = sc.sequence()
    >>> cmp = mp.compare({"harmonic": (g, seq, sc.poles), "scenario": sc})
    >>> [round(r["tilt"], 3) for r in cmp.rows()]
    [0.636, 0.636]
    """
    items: list[tuple[str, Case]]
    if isinstance(cases, Mapping):
        items = list(cases.items())
    else:
        items = [(_label(c, f"case {i + 1}"), c) for i, c in enumerate(cases)]
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
        reports[label] = assess(
            graph,
            seq,
            poles,
            salience=salience,
            interests=interests,
            kinds=kinds,
            universe=universe,
        )
    return Comparison(reports)
