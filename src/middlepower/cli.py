"""Command line: ``middlepower report``, ``compare``, ``graph``, ``events`` and more.

Run ``middlepower --help`` (or ``python -m middlepower --help``). Errors print
one line on standard error, never a traceback, and exit with status 2 when the
command line itself is wrong (an unknown option, a flag value out of range:
``--half-life must be > 0, got 0``) and 1 when the data are (an unknown
scenario, a missing or invalid file). ``docs/errors.md`` lists the statuses.

A score that rests on an assumption (a partner without ties to the poles, an
undefined benchmark) is shown as a caveat in the output of ``report`` and
``compare`` (and in their ``--json``); ``--strict`` makes it an error (status
1) instead.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from pydantic import ValidationError

from middlepower import __version__
from middlepower._caveats import rehint
from middlepower._checks import check_file
from middlepower.analysis.compare import compare, report_row
from middlepower.analysis.orderings import orderings
from middlepower.analysis.report import assess, format_report
from middlepower.analysis.sensitivity import sensitivity
from middlepower.datasets._scenarios import list_scenarios, load_scenario
from middlepower.exceptions import (
    DataFormatError,
    InvalidParameterError,
    MiddlePowerError,
    MiddlePowerWarning,
    MissingFileError,
)
from middlepower.graph import RelationGraph
from middlepower.kernels.sequence import SCHEMES
from middlepower.metrics.sequence import Salience

__all__ = ["main"]

#: Exit status when the command line is wrong (argparse's own convention).
EXIT_USAGE = 2
#: Exit status when the data are wrong or missing, or a computation fails.
EXIT_DATA = 1


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n"
        )


def _add_settings(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--salience",
        default="harmonic",
        choices=SCHEMES,
        help="how contacts are weighted (default: harmonic)",
    )
    p.add_argument(
        "--decay", type=float, default=0.5, help="delta of the geometric scheme"
    )
    p.add_argument(
        "--half-life",
        type=float,
        default=7.0,
        dest="half_life",
        help="h of the half-life scheme, days",
    )
    p.add_argument(
        "--universe",
        default="contacted",
        choices=("contacted", "ties"),
        help="partners compared by proportionality (default: contacted)",
    )


def _add_scenario(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "scenario",
        nargs="?",
        default="korea-2025",
        help="bundled scenario name or scenario JSON file (default: korea-2025)",
    )
    p.add_argument(
        "--sequence", default=None, help="label of the sequence (default: the first)"
    )


def _add_strict(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--strict",
        action="store_true",
        help="fail (status 1) instead of showing a caveat when a score rests on an "
        "assumption: a partner without ties to the poles, no interest tie",
    )


def _add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _add_out(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--out",
        metavar="FILE",
        default=None,
        help="write the result to FILE instead of printing it: JSON for .json, "
        "one row per case for .csv",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="middlepower",
        description=(
            "Measure how a middle power positions itself between rival great powers."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    rep = sub.add_parser(
        "report",
        help="score a scenario's contact sequence (default: the editorial case)",
        description="Score a contact sequence on every measure, with a plain reading.",
    )
    _add_scenario(rep)
    _add_settings(rep)
    _add_strict(rep)
    _add_json(rep)
    _add_out(rep)

    cmp = sub.add_parser(
        "compare",
        help="several scenarios side by side (default: the Korean presidents)",
        description="Assess the first sequence of each scenario, one row each.",
    )
    cmp.add_argument(
        "scenarios",
        nargs="*",
        help="scenario names or files (default: every bundled korea-* scenario)",
    )
    _add_settings(cmp)
    _add_strict(cmp)
    _add_json(cmp)
    _add_out(cmp)

    order = sub.add_parser(
        "orderings",
        help="the same contacts in every other order",
        description=(
            "Score every order of the contacts (a seeded sample beyond --limit) "
            "and place the observed order among them."
        ),
    )
    _add_scenario(order)
    _add_settings(order)
    order.add_argument(
        "--metric",
        default="equidistance",
        choices=("equidistance", "tilt", "proportionality", "concordance"),
        help="measure ranking the most/least balanced orders",
    )
    order.add_argument(
        "--limit", type=int, default=8, help="exhaustive up to N contacts"
    )
    order.add_argument("--samples", type=int, default=50_000, help="sample size beyond")
    order.add_argument(
        "--seed",
        type=int,
        default=None,
        help="seed of the sample (default: a fresh one, printed with the result)",
    )
    order.add_argument(
        "--rows", action="store_true", help="with --json: every order's scores"
    )
    _add_run_flags(order)
    _add_json(order)

    sens = sub.add_parser(
        "sensitivity",
        help="Monte Carlo over the analyst's choices",
        description=(
            "Draw salience schemes, decay/half-life, interest weights and "
            "alignment weights; report quantiles and P(tilt > 0)."
        ),
    )
    _add_scenario(sens)
    sens.add_argument("--draws", type=int, default=10_000, help="number of draws")
    sens.add_argument(
        "--seed",
        type=int,
        default=None,
        help="random seed (default: a fresh one, printed with the result)",
    )
    sens.add_argument(
        "--concentration", type=float, default=20.0, help="Dirichlet concentration"
    )
    _add_run_flags(sens)
    _add_json(sens)

    scen = sub.add_parser("scenarios", help="list the bundled scenarios")
    _add_json(scen)
    _add_graph_parser(sub)
    _add_similarity_parser(sub)
    _add_events_parser(sub)
    return parser


def _add_similarity_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    sim = sub.add_parser(
        "similarity",
        help="alliance-portfolio similarity of every pair of states in a year",
        description=(
            "Build the alliance portfolios of a year from an alliance file (COW "
            "or ATOP, read by middlepower.io.alliance_obligations) and score every "
            "pair of states with Signorino-Ritter S, Cohen's kappa or Scott's pi "
            "(METHODS.md section 9). Prints the matrix as CSV unless --json."
        ),
    )
    sim.add_argument(
        "--alliances", required=True, metavar="PATH", help="COW or ATOP alliance file"
    )
    sim.add_argument("--year", required=True, type=int, help="the year")
    sim.add_argument(
        "--coding",
        default=None,
        choices=("cow", "atop", "binary"),
        help="portfolio ladder (default: cow for COW data, atop for ATOP data)",
    )
    sim.add_argument(
        "--method", default="s", choices=("s", "kappa", "pi"), help="default: s"
    )
    sim.add_argument(
        "--distance",
        default="absolute",
        choices=("absolute", "squared", "nominal"),
        help="per-item disagreement (default: absolute)",
    )
    sim.add_argument(
        "--scale",
        default="ladder",
        choices=("ladder", "data", "pair"),
        help=(
            "range: the ladder's 0-3 (binary 0-1, default), the values present "
            "(data), or psych::cohen.kappa's ranks per pair (pair)"
        ),
    )
    sim.add_argument(
        "--states",
        default=None,
        metavar="PATH",
        help="COW states2016.csv, or 'cow2016' for the bundled copy: the states in "
        "the system (default: every state in an alliance row that year)",
    )
    sim.add_argument(
        "--labels",
        default="cown",
        choices=("cown", "iso3"),
        help="label states by COW number (default) or ISO3 code",
    )
    sim.add_argument(
        "--out", default=None, metavar="FILE", help="write FILE.csv or FILE.json"
    )
    _add_json(sim)


def _similarity(args: argparse.Namespace) -> int:
    import math

    from middlepower.exceptions import InvalidParameterError
    from middlepower.io import alliance_obligations, read_cow_states
    from middlepower.metrics.similarity import (
        _infer_coding,
        alliance_portfolios,
        similarity,
    )

    table = alliance_obligations(args.alliances, years=[args.year])
    if len(table) == 0:
        raise InvalidParameterError(
            f"{args.alliances} has no alliance rows in {args.year}."
        )
    states = None
    if args.states is not None:
        states = read_cow_states(None if args.states == "cow2016" else args.states)
    X = alliance_portfolios(
        table, args.year, coding=args.coding, states=states, labels=args.labels
    )
    coding = args.coding or _infer_coding(table)
    scale: tuple[int, int] | str | None
    if args.scale == "ladder":
        scale = (0, 1) if coding == "binary" else (0, 3)
    else:
        scale = None if args.scale == "data" else "pair"
    S = similarity(X, args.method, args.distance, scale=scale)  # type: ignore[arg-type]
    codes = [c if isinstance(c, str) else int(c) for c in S.index]
    payload = {
        "year": args.year,
        "coding": coding,
        "method": args.method,
        "distance": args.distance,
        "scale": list(scale) if isinstance(scale, tuple) else scale,
        "labels": args.labels,
        "states": codes,
        "similarity": [
            [None if math.isnan(v) else v for v in row] for row in S.to_numpy().tolist()
        ],
    }
    if args.out is not None:
        if args.out.endswith(".json"):
            with open(args.out, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, indent=1)
        else:
            S.to_csv(args.out)
        print(f"wrote {len(codes)} x {len(codes)} similarities to {args.out}")
    elif args.json:
        _print_json(payload)
    else:
        sys.stdout.write(S.to_csv())
    return 0


def _salience(args: argparse.Namespace) -> Salience:
    return Salience(args.salience, decay=args.decay, half_life_days=args.half_life)


def _print_json(payload: object) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def _write_out(path: str, payload: object, rows: list[dict[str, Any]]) -> None:
    """Write ``payload`` as JSON or ``rows`` as CSV, by the extension of ``path``."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        if path.lower().endswith(".json"):
            json.dump(payload, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
            return
        fields = list(dict.fromkeys(k for row in rows for k in row))
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v) for k, v in row.items()})


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " > ".join(map(str, value))
    return value


def _report(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    graph = RelationGraph.from_scenario(scenario)
    sequence = scenario.sequence(args.sequence)
    salience = _salience(args)
    report = assess(
        graph,
        sequence,
        scenario.poles,
        salience=salience,
        universe=args.universe,
        strict=args.strict,
    )
    payload = {"scenario": scenario.name, "report": report.to_dict()}
    if args.out:
        label = sequence.label or scenario.name
        _write_out(args.out, payload, [report_row(label, report)])
        for caveat in report.caveats:
            print(f"middlepower: caveat: {_cli(caveat.message)}", file=sys.stderr)
    elif args.json:
        _print_json(payload)
    else:
        print(f"{scenario.title}\n")
        print(format_report(report, strict_hint=_STRICT_HINT))
    return 0


_STRICT_HINT = "pass --strict to make it an error"


def _panel(events: Any, alignment: Any, poles: Any, kw: dict[str, Any]) -> Any:
    """Return ``balance_panel`` of the events, without its caveat warning.

    The command prints its own caveat line from the ``n_untied`` column.
    """
    from middlepower.events import balance_panel
    from middlepower.exceptions import MiddlePowerWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MiddlePowerWarning)
        return balance_panel(events, alignment, poles, **kw)


def _cli(text: str) -> str:
    """Return a caveat's text with the option of the command line, not the API's."""
    return rehint(text, _STRICT_HINT)


def _compare(args: argparse.Namespace) -> int:
    names = args.scenarios or [n for n in list_scenarios() if n.startswith("korea-")]
    result = compare(
        names, salience=_salience(args), universe=args.universe, strict=args.strict
    )
    if args.out:
        _write_out(args.out, result.to_dict(), result.rows())
        for label, report in result.reports.items():
            for caveat in report.caveats:
                print(f"middlepower: caveat: {label}: {caveat.short}", file=sys.stderr)
    elif args.json:
        _print_json(result.to_dict())
    else:
        print(result)
    return 0


def _orderings(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    graph = RelationGraph.from_scenario(scenario)
    try:
        result = orderings(
            graph,
            scenario.sequence(args.sequence),
            scenario.poles,
            metric=args.metric,
            limit=args.limit,
            samples=args.samples,
            seed=args.seed,
            salience=_salience(args),
            universe=args.universe,
            progress=False if args.no_progress else None,
            memory_limit=args.memory_limit,
        )
    except InvalidParameterError as err:
        raise _cli_budget(err) from None
    if args.json:
        _print_json({"scenario": scenario.name, **result.to_dict(rows=args.rows)})
    else:
        print(result)
    return 0


def _gigabytes(text: str) -> float | None:
    """Parse ``--memory-limit``: a positive number of GB, or ``none``."""
    if text.strip().lower() == "none":
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):  # also rejects nan
        raise argparse.ArgumentTypeError(
            f"must be a positive number of GB or 'none', got {text!r}"
        )
    return value * 1e9


def _add_run_flags(p: argparse.ArgumentParser) -> None:
    """Add the flags of the long runs (orderings, sensitivity): progress, budget."""
    from middlepower.analysis._batch import DEFAULT_MEMORY_LIMIT

    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    p.add_argument(
        "--memory-limit",
        type=_gigabytes,
        default=DEFAULT_MEMORY_LIMIT,
        metavar="GB",
        dest="memory_limit",
        help="refuse a run estimated to need more memory (default: 1 GB; "
        "'none' for no limit)",
    )


def _cli_budget(err: InvalidParameterError) -> InvalidParameterError:
    """Say ``--memory-limit`` where the library's budget message says memory_limit."""
    from middlepower.analysis._batch import RAISE_LIMIT_HINT

    text = str(err).replace(RAISE_LIMIT_HINT, "raise --memory-limit (GB, or none)")
    return InvalidParameterError(text)


def _sensitivity(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    graph = RelationGraph.from_scenario(scenario)
    try:
        result = sensitivity(
            graph,
            scenario.sequence(args.sequence),
            scenario.poles,
            draws=args.draws,
            seed=args.seed,
            concentration=args.concentration,
            progress=False if args.no_progress else None,
            memory_limit=args.memory_limit,
        )
    except InvalidParameterError as err:
        raise _cli_budget(err) from None
    if args.json:
        _print_json({"scenario": scenario.name, **result.to_dict()})
    else:
        print(result)
    return 0


def _scenarios(args: argparse.Namespace) -> int:
    names = list_scenarios()
    if getattr(args, "json", False):
        out = []
        for name in names:
            sc = load_scenario(name)
            out.append(
                {
                    "name": name,
                    "title": sc.title,
                    "poles": list(sc.poles),
                    "states": len(sc.states),
                    "ties": len(sc.ties),
                    "sequences": [s.label for s in sc.sequences],
                }
            )
        _print_json(out)
        return 0
    width = max((len(n) for n in names), default=0)
    for name in names:
        print(f"{name:<{width}}  {load_scenario(name).title}")
    return 0


# -- graph: a relation graph of one year from data files (middlepower.io) -------

_GRAPH_SOURCES = (
    ("alliances", "COW Formal Alliances v4.1 yearly file"),
    ("atop", "ATOP 5.x dy/ddyr file or peacesciencer atop_alliance"),
    ("contiguity", "COW Direct Contiguity 3.2 (contdir, contdird, peacesciencer)"),
    ("trade", "COW Trade v4.0 dyadic file"),
    ("trade-totals", "national trade totals (peacesciencer cow_trade_sy)"),
    ("rivalries", "rivalry table (Thompson-Sakuwa-Suhas, Thompson-Dreyer, plain)"),
    ("states", "COW states list (default: the bundled states2016)"),
    ("strengths", "CSV of strength overrides (kind, code, strength)"),
)


def _add_graph_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    graph = sub.add_parser(
        "graph",
        help="build the relation graph of one year from data files",
        description=(
            "Build the relation graph of one year from COW/ATOP/rivalry files "
            "(CSV or the distributed zip) and write it as node-link JSON or "
            "GraphML (by the extension of --out)."
        ),
    )
    graph.add_argument("--year", type=int, required=True, help="the year")
    for name, what in _GRAPH_SOURCES:
        graph.add_argument(f"--{name}", metavar="PATH", default=None, help=what)
    graph.add_argument(
        "--out", metavar="FILE", default=None, help="graph.json or graph.graphml"
    )
    _add_json(graph)
    graph.set_defaults(graph_parser=graph)


def _graph(args: argparse.Namespace) -> int:
    out = args.out
    if out is not None and not out.lower().endswith((".json", ".graphml")):
        args.graph_parser.error(
            f"--out {out!r}: the file name must end in .json or .graphml"
        )
    from middlepower.io.yearly import graph_for_year

    for name, _ in _GRAPH_SOURCES:
        path = getattr(args, name.replace("-", "_"))
        if path is not None:
            check_file(path, f"--{name}")
    g = graph_for_year(
        args.year,
        alliances=args.alliances,
        atop=args.atop,
        contiguity=args.contiguity,
        trade=args.trade,
        rivalries=args.rivalries,
        states=args.states,
        trade_totals=args.trade_totals,
        strengths=args.strengths,
    )
    if out is not None:
        if out.lower().endswith(".graphml"):
            g.write_graphml(out)
        else:
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(g.to_json())
    kinds: dict[str, int] = {}
    for t in g.ties:
        kinds[t.kind.value] = kinds.get(t.kind.value, 0) + 1
    if args.json:
        _print_json(
            {
                "year": args.year,
                "states": len(g),
                "ties": len(g.ties),
                "ties_by_kind": dict(sorted(kinds.items())),
                "out": out,
            }
        )
    else:
        print(f"Relation graph {args.year}: {len(g)} states, {len(g.ties)} ties")
        for kind, n in sorted(kinds.items()):
            print(f"  {kind:<11} {n:>7}")
        if out is not None:
            print(f"written to {out}")
    return 0


# -- events: balance panels from event files ----------------------------------------
_EVENT_FORMATS = ("gdelt", "icews", "polecat", "canonical")


def _add_events_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    ev = sub.add_parser(
        "events",
        help="balance panel of every focal state and period from event files",
        description=(
            "Read GDELT, ICEWS or POLECAT event files (or canonical event tables "
            "as Parquet/CSV), turn them into leaders' contacts and write one row "
            "of balance measures per focal state and period."
        ),
    )
    ev.add_argument("files", nargs="+", metavar="FILE", help="event files")
    ev.add_argument(
        "--format",
        required=True,
        choices=_EVENT_FORMATS,
        dest="fmt",
        help="file format (canonical: Parquet or CSV with the canonical columns)",
    )
    ev.add_argument(
        "--poles", nargs="+", required=True, metavar="CODE", help="e.g. USA CHN"
    )
    ev.add_argument(
        "--alignment",
        required=True,
        metavar="PATH_OR_SCENARIO",
        help=(
            "where partners stand between the poles: a RelationGraph JSON or "
            "GraphML file, a table of pole shares (CSV/Parquet with year, state "
            "and one column per pole), or a bundled scenario name"
        ),
    )
    ev.add_argument("--out", required=True, help="output file: .parquet, .csv or .json")
    ev.add_argument("--freq", default="MS", help="period alias: D, W-MON, MS, QS, YS")
    ev.add_argument(
        "--focal", nargs="+", default=None, metavar="CODE", help="focal states"
    )
    ev.add_argument(
        "--level",
        nargs="+",
        default=["leader"],
        choices=("leader", "government", "other", "all"),
        help="actor levels kept (default: leader; 'all' for every level)",
    )
    _add_settings(ev)
    ev.add_argument(
        "--direction", default="both", choices=("both", "outgoing"), help="contacts"
    )
    ev.add_argument(
        "--no-dedupe",
        action="store_true",
        help="count every report (default: one contact per pair, day and channel)",
    )
    ev.add_argument("--min-contacts", type=int, default=1, dest="min_contacts")
    ev.add_argument(
        "--unaligned",
        default="raise",
        choices=("raise", "drop"),
        help="partners absent from the alignment: fail, or drop their contacts",
    )
    ev.add_argument(
        "--mapping",
        default=None,
        help="CSV of event code to channel (default: bundled)",
    )
    ev.add_argument(
        "--dask",
        default=None,
        metavar="SCHEDULER",
        help="run on a dask.distributed scheduler (tcp://host:8786, or 'local')",
    )
    ev.add_argument("--no-progress", action="store_true", help="hide the progress bar")


def _read_canonical(path: str) -> Any:
    """Read a canonical event table (Parquet or CSV); errors name the file."""
    try:
        return _read_canonical_file(path)
    except MiddlePowerError:
        raise
    except (ValueError, OSError, KeyError) as err:
        problem = " ".join(str(err).split())
        raise DataFormatError(
            path, f"cannot be read as a canonical event table ({problem})"
        ) from None


def _read_canonical_file(path: str) -> Any:
    import pandas as pd

    if path.endswith((".parquet", ".pq")):
        return pd.read_parquet(path)
    frame = pd.read_csv(
        path,
        dtype={
            "source": str,
            "target": str,
            "code": str,
            "mode": str,
            "level": str,
            "dataset": str,
        },
        keep_default_na=False,
        na_values={"mode": [""], "intensity": [""], "mentions": [""]},
    )
    if "date" not in frame.columns:
        raise DataFormatError(
            path,
            "the table lacks columns of the canonical event table",
            missing=["date"],
        )
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def _event_reader(fmt: str) -> Callable[[str], Any]:
    if fmt == "canonical":
        return _read_canonical
    from middlepower.events import _readers

    readers: dict[str, Callable[[str], Any]] = {
        "gdelt": _readers.read_gdelt,
        "icews": _readers.read_icews,
        "polecat": _readers.read_polecat,
    }
    return readers[fmt]


def _load_alignment(spec: str) -> Any:
    import os

    import pandas as pd

    from middlepower.datasets._scenarios import list_scenarios

    if not os.path.exists(spec):
        if spec in list_scenarios():
            return RelationGraph.from_scenario(load_scenario(spec))
        if spec.lower().endswith(_ALIGNMENT_SUFFIXES) or os.sep in spec:
            raise MissingFileError(spec, "Alignment file")
        raise MiddlePowerError(
            f"--alignment {spec!r} is neither a file nor a bundled scenario "
            f"({', '.join(list_scenarios())})"
        )
    lower = spec.lower()
    if lower.endswith(".graphml"):
        return RelationGraph.read_graphml(spec)
    if os.path.isdir(spec):
        raise DataFormatError(spec, "is a folder, not an alignment file")
    if lower.endswith(".json"):
        with open(spec, encoding="utf-8") as fh:
            text = fh.read()
        try:
            data = json.loads(text)
        except ValueError as err:
            raise DataFormatError(spec, f"is not valid JSON ({err})") from None
        if isinstance(data, dict) and "nodes" in data:
            return RelationGraph.from_json(text)
        return RelationGraph.from_scenario(load_scenario(spec))
    try:
        if lower.endswith((".parquet", ".pq")):
            return pd.read_parquet(spec)
        if lower.endswith(".csv"):
            return pd.read_csv(spec)
    except (ValueError, OSError) as err:
        problem = " ".join(str(err).split())
        raise DataFormatError(spec, f"cannot be read as a table ({problem})") from None
    raise MiddlePowerError(
        f"--alignment {spec!r}: expected a .json or .graphml graph, a .csv or "
        ".parquet table of pole shares, or a scenario name"
    )


def _write_panel(panel: Any, out: str) -> None:
    lower = out.lower()
    if lower.endswith((".parquet", ".pq")):
        panel.to_parquet(out, index=False)
    elif lower.endswith(".csv"):
        panel.to_csv(out, index=False, date_format="%Y-%m-%d")
    elif lower.endswith(".json"):
        panel.to_json(
            out,
            orient="records",
            date_format="iso",
            indent=1,
            force_ascii=False,
            double_precision=15,
        )
    else:
        raise MiddlePowerError(f"--out {out!r}: expected .parquet, .csv or .json")


def _summary_line(name: str, frame: Any) -> str:
    """One line from a reader's summary (``frame.attrs["summary"]``)."""
    summary = getattr(frame, "attrs", {}).get("summary")
    if summary is None or not hasattr(summary, "rows_read"):
        return f"{name}: {len(frame):,} events"
    line = (
        f"{name}: {summary.rows_read:,} rows read, {summary.rows_kept:,} kept, "
        f"{summary.rows_read - summary.rows_kept:,} dropped"
    )
    if summary.dropped:
        reasons = ", ".join(f"{k} {v:,}" for k, v in summary.dropped.items())
        line += f" ({reasons})"
    if summary.repaired:
        line += f"; repaired {sum(summary.repaired.values()):,} lines"
    return line


def _events(args: argparse.Namespace) -> int:
    import importlib
    import os

    from tqdm import tqdm

    for path in args.files:
        if not any(ch in path for ch in "*?["):  # glob patterns are expanded later
            check_file(path, "FILE", "Event file")
    if args.mapping is not None:
        check_file(args.mapping, "--mapping", "Channel mapping file")
    reader = _event_reader(args.fmt)
    alignment = _load_alignment(args.alignment)
    level = None if "all" in args.level else tuple(args.level)
    kw: dict[str, Any] = {
        "freq": args.freq,
        "salience": _salience(args),
        "focal": args.focal,
        "level": level,
        "min_contacts": args.min_contacts,
        "direction": args.direction,
        "mapping": args.mapping,
        "dedupe": None if args.no_dedupe else "day",
        "unaligned": args.unaligned,
    }
    panel: Any
    if args.dask:
        dd: Any = importlib.import_module("dask.dataframe")
        distributed: Any = importlib.import_module("distributed")
        # the dashboard on a free port: 8787 may be taken by another cluster
        cluster = (
            distributed.LocalCluster(dashboard_address=":0")
            if args.dask == "local"
            else None
        )
        with distributed.Client(cluster or args.dask) as client:
            print(f"dask: {client.dashboard_link}", file=sys.stderr)
            events = dd.from_map(reader, list(args.files))
            panel = _panel(events, alignment, args.poles, kw)
        if cluster is not None:
            cluster.close()
        print(f"read {len(args.files)} file(s) on the cluster", file=sys.stderr)
    else:
        import pandas as pd

        frames = []
        for path in tqdm(
            args.files,
            desc="reading",
            unit="file",
            disable=True if args.no_progress else None,
            file=sys.stderr,
            leave=False,
        ):
            frame = reader(path)
            print(_summary_line(os.path.basename(path), frame), file=sys.stderr)
            frames.append(frame)
        events = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        panel = _panel(events, alignment, args.poles, kw)
        print(f"total: {len(events):,} events between states", file=sys.stderr)
    contacts = int(panel["n_contacts"].sum())
    dropped = int(panel["n_unaligned"].sum())
    untied = int(panel["n_untied"].sum())
    print(
        f"panel: {len(panel):,} rows ({panel['focal'].nunique():,} focal states), "
        f"{contacts:,} contacts scored, {dropped:,} more dropped as unaligned in "
        f"these rows -> {args.out}",
        file=sys.stderr,
    )
    if untied:
        blind = int((panel["n_untied"] == panel["n_contacts"]).sum())
        print(
            f"caveat: {untied:,} of the contacts scored have a partner tied to no "
            f"pole (alignment 1/{len(args.poles)} assumed; column n_untied); in "
            f"{blind:,} rows every contact does, so their E and tilt say nothing",
            file=sys.stderr,
        )
    _write_panel(panel, args.out)
    return 0


# -- errors: one line, status 2 for the command line, 1 for the data ---------

_Rule = Callable[[Any], "str | None"]


def _positive(v: float) -> str | None:
    return None if math.isfinite(v) and v > 0 else "must be > 0"


def _at_least_one(v: int) -> str | None:
    return None if v >= 1 else "must be a positive integer"


_EVERY = None  # a rule for every subcommand that has the flag
_SAMPLING = frozenset({"orderings", "sensitivity"})
_TABLES = frozenset({"report", "compare"})

#: Checks of flag values, by argparse ``dest``: the flag's name, the rule (what
#: the value must be, or None when it is fine) and the subcommands it is for
#: (another subcommand may give the same ``dest`` another meaning).
FLAG_RULES: dict[str, tuple[str, _Rule, frozenset[str] | None]] = {
    "decay": (
        "--decay",
        lambda v: None if math.isfinite(v) and 0 < v <= 1 else "must be in (0, 1]",
        _EVERY,
    ),
    "half_life": ("--half-life", _positive, _EVERY),
    "draws": ("--draws", _at_least_one, _SAMPLING),
    "samples": ("--samples", _at_least_one, _SAMPLING),
    "limit": (
        "--limit",
        lambda v: None if 1 <= v <= 10 else "must be between 1 and 10 contacts",
        _SAMPLING,
    ),
    "concentration": ("--concentration", _positive, _SAMPLING),
    "seed": ("--seed", lambda v: None if v >= 0 else "must be >= 0", _SAMPLING),
    "out": (
        "--out",
        lambda v: (
            None
            if os.path.splitext(v)[1].lower() in (".json", ".csv")
            else "must end in .json or .csv"
        ),
        _TABLES | {"similarity"},
    ),
    "min_contacts": ("--min-contacts", _at_least_one, frozenset({"events"})),
}

_ALIGNMENT_SUFFIXES = (".json", ".graphml", ".csv", ".parquet", ".pq")
_PANEL_SUFFIXES = (".parquet", ".pq", ".csv", ".json")


def _check_event_flags(args: argparse.Namespace) -> None:
    """Exit with status 2 for an ``events`` flag that argparse cannot check."""
    from middlepower._checks import check_pole_codes
    from middlepower.events._panel import check_freq

    if os.path.splitext(args.out)[1].lower() not in _PANEL_SUFFIXES:
        _usage_error(
            args, f"--out must end in .parquet, .csv or .json, got {args.out!r}"
        )
    try:
        check_freq(args.freq)
    except MiddlePowerError as err:
        _usage_error(args, f"--freq: {str(err).removesuffix('.')}")
    try:
        check_pole_codes(args.poles)
    except MiddlePowerError as err:
        _usage_error(args, f"--{err}".removesuffix("."))


def _rules(args: argparse.Namespace) -> dict[str, tuple[str, _Rule]]:
    """Return the flag rules that apply to the subcommand of ``args``."""
    command = getattr(args, "command", None)
    return {
        dest: (flag, rule)
        for dest, (flag, rule, scope) in FLAG_RULES.items()
        if hasattr(args, dest) and (scope is None or command in scope)
    }


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if isinstance(value, str) else str(value)


def _usage_error(args: argparse.Namespace, message: str) -> NoReturn:
    prog = (
        f"middlepower {args.command}"
        if getattr(args, "command", None)
        else ("middlepower")
    )
    print(f"{prog}: error: {message} (see {prog} --help)", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def _check_flags(args: argparse.Namespace) -> None:
    """Exit with status 2 naming the flag whose value is out of range."""
    for dest, (flag, rule) in _rules(args).items():
        value = getattr(args, dest, None)
        if value is None:
            continue
        problem = rule(value)
        if problem:
            _usage_error(args, f"{flag} {problem}, got {_shown(value)}")
    if getattr(args, "command", None) == "events":
        _check_event_flags(args)


def _flag_of(err: BaseException, args: argparse.Namespace) -> str | None:
    """Return the flag behind a library parameter error (``limit must ...``)."""
    if not isinstance(err, InvalidParameterError):
        return None
    found = re.match(r"(\w+) must\b", str(err))
    rules = _rules(args)
    if found and found.group(1) in rules:
        return rules[found.group(1)][0]
    return None


def _one_line(err: BaseException, args: argparse.Namespace | None = None) -> str:
    """Return the error as one line naming the bad value (no traceback)."""
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        msg = str(first["msg"]).removeprefix("Value error, ")
        if len(err.errors()) > 1:
            msg += f" (and {len(err.errors()) - 1} more)"
        what = "invalid scenario"
        scenario = getattr(args, "scenario", None)
        if err.title == "Scenario" and isinstance(scenario, str):
            what = f"invalid scenario {scenario!r}"
        elif err.title != "Scenario":
            what = f"invalid {err.title}"
        return f"{what} ({where}): {msg}" if where else f"{what}: {msg}"
    if isinstance(err, OSError) and not isinstance(err, MiddlePowerError):
        name = f" {err.filename!r}" if err.filename else ""
        return f"cannot use file{name}: {err.strerror or err}"
    text = " ".join(str(err).split())  # one line, whatever the message
    if isinstance(err, MiddlePowerError | ValueError | KeyError):
        return text
    return (
        f"unexpected {type(err).__name__}: {text} (this is a bug in middlepower; "
        "please report it)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``middlepower`` command; returns the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 1 when the data are wrong (unknown scenario, missing
        or invalid file). A wrong command line (unknown option, a flag value
        out of range) exits with status 2 through :class:`SystemExit`, as
        argparse does.

    Examples
    --------
    >>> from middlepower.cli import main
    >>> main(["report", "korea-2052"])  # doctest: +SKIP
    middlepower: error: Unknown scenario 'korea-2052' (did you mean 'korea-2025'?); ...
    1
    """
    parser = _parser()
    args = parser.parse_args(argv)
    _check_flags(args)
    try:
        with warnings.catch_warnings():
            # caveats are part of the output (report, compare), not stray warnings
            warnings.simplefilter("ignore", MiddlePowerWarning)
            return _run(parser, args)
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("middlepower: interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # every error: one line, never a traceback
        if os.environ.get("MIDDLEPOWER_TRACEBACK"):
            raise
        flag = _flag_of(err, args)
        if flag is not None:
            _usage_error(args, f"{flag}: {_one_line(err, args)}")
        print(f"middlepower: error: {_one_line(err, args)}", file=sys.stderr)
        return EXIT_DATA


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the subcommand of ``args``; return the exit status."""
    if args.command == "report":
        return _report(args)
    if args.command == "compare":
        return _compare(args)
    if args.command == "orderings":
        return _orderings(args)
    if args.command == "sensitivity":
        return _sensitivity(args)
    if args.command == "scenarios":
        return _scenarios(args)
    if args.command == "graph":
        return _graph(args)
    if args.command == "similarity":
        return _similarity(args)
    if args.command == "events":
        return _events(args)
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
