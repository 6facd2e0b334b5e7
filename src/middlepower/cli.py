"""Command line: ``middlepower report | compare | orderings | sensitivity | events``.

Run ``middlepower --help`` (or ``python -m middlepower --help``). Errors print
one line on standard error and exit with status 1 (2 for bad usage), with no
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from middlepower import __version__
from middlepower.analysis.compare import compare
from middlepower.analysis.orderings import orderings
from middlepower.analysis.report import assess
from middlepower.analysis.sensitivity import sensitivity
from middlepower.datasets._scenarios import list_scenarios, load_scenario
from middlepower.exceptions import MiddlePowerError
from middlepower.graph import RelationGraph
from middlepower.kernels.sequence import SCHEMES
from middlepower.metrics.sequence import Salience

__all__ = ["main"]


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


def _add_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    _add_json(rep)

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
    _add_json(cmp)

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
    order.add_argument("--seed", type=int, default=None, help="seed of the sample")
    order.add_argument(
        "--rows", action="store_true", help="with --json: every order's scores"
    )
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
    sens.add_argument("--seed", type=int, default=None, help="random seed")
    sens.add_argument(
        "--concentration", type=float, default=20.0, help="Dirichlet concentration"
    )
    sens.add_argument(
        "--no-progress", action="store_true", help="hide the progress bar"
    )
    _add_json(sens)

    sub.add_parser("scenarios", help="list the bundled scenarios")
    _add_events_parser(sub)
    return parser


def _salience(args: argparse.Namespace) -> Salience:
    return Salience(args.salience, decay=args.decay, half_life_days=args.half_life)


def _print_json(payload: object) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def _report(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    graph = RelationGraph.from_scenario(scenario)
    sequence = scenario.sequence(args.sequence)
    salience = _salience(args)
    report = assess(
        graph, sequence, scenario.poles, salience=salience, universe=args.universe
    )
    if args.json:
        _print_json({"scenario": scenario.name, "report": report.to_dict()})
    else:
        print(f"{scenario.title}\n")
        print(report)
    return 0


def _compare(args: argparse.Namespace) -> int:
    names = args.scenarios or [n for n in list_scenarios() if n.startswith("korea-")]
    scenarios = [load_scenario(n) for n in names]
    result = compare(scenarios, salience=_salience(args), universe=args.universe)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(result)
    return 0


def _orderings(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    graph = RelationGraph.from_scenario(scenario)
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
    )
    if args.json:
        _print_json({"scenario": scenario.name, **result.to_dict(rows=args.rows)})
    else:
        print(result)
    return 0


def _sensitivity(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    scenario = load_scenario(args.scenario)
    graph = RelationGraph.from_scenario(scenario)
    with tqdm(
        total=args.draws,
        desc="draws",
        unit="draw",
        disable=True if args.no_progress else None,
        file=sys.stderr,
        leave=False,
    ) as bar:

        def progress(done: int, total: int) -> None:
            bar.update(done - bar.n)

        result = sensitivity(
            graph,
            scenario.sequence(args.sequence),
            scenario.poles,
            draws=args.draws,
            seed=args.seed,
            concentration=args.concentration,
            progress=progress,
        )
    if args.json:
        _print_json({"scenario": scenario.name, **result.to_dict()})
    else:
        print(result)
    return 0


def _scenarios() -> int:
    names = list_scenarios()
    width = max((len(n) for n in names), default=0)
    for name in names:
        print(f"{name:<{width}}  {load_scenario(name).title}")
    return 0


# -- events: balance panels from event files ----------------------------------------
_EVENT_FORMATS = ("gdelt", "icews", "polecat", "canonical")


def _add_events_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
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
        raise MiddlePowerError(
            f"--alignment {spec!r} is neither a file nor a bundled scenario "
            f"({', '.join(list_scenarios())})"
        )
    lower = spec.lower()
    if lower.endswith(".graphml"):
        return RelationGraph.read_graphml(spec)
    if lower.endswith(".json"):
        with open(spec, encoding="utf-8") as fh:
            text = fh.read()
        data = json.loads(text)
        if isinstance(data, dict) and "nodes" in data:
            return RelationGraph.from_json(text)
        return RelationGraph.from_scenario(load_scenario(spec))
    if lower.endswith((".parquet", ".pq")):
        return pd.read_parquet(spec)
    if lower.endswith(".csv"):
        return pd.read_csv(spec)
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

    from middlepower.events import balance_panel

    for path in args.files:
        if not os.path.exists(path):
            raise MiddlePowerError(f"no such event file: {path!r}")
    if os.path.splitext(args.out)[1].lower() not in (
        ".parquet",
        ".pq",
        ".csv",
        ".json",
    ):
        raise MiddlePowerError(f"--out {args.out!r}: expected .parquet, .csv or .json")
    from middlepower.events._panel import check_freq

    check_freq(args.freq)  # fail before reading the files
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
        cluster = distributed.LocalCluster() if args.dask == "local" else None
        with distributed.Client(cluster or args.dask) as client:
            print(f"dask: {client.dashboard_link}", file=sys.stderr)
            events = dd.from_map(reader, list(args.files))
            panel = balance_panel(events, alignment, args.poles, **kw)
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
        panel = balance_panel(events, alignment, args.poles, **kw)
        print(f"total: {len(events):,} events between states", file=sys.stderr)
    contacts = int(panel["n_contacts"].sum())
    dropped = int(panel["n_unaligned"].sum())
    print(
        f"panel: {len(panel):,} rows ({panel['focal'].nunique():,} focal states), "
        f"{contacts:,} contacts scored, {dropped:,} more dropped as unaligned in "
        f"these rows -> {args.out}",
        file=sys.stderr,
    )
    _write_panel(panel, args.out)
    return 0


def _one_line(err: BaseException) -> str:
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return (
            f"invalid scenario ({where}): {first['msg']}"
            if where
            else f"invalid scenario: {first['msg']}"
        )
    if isinstance(err, KeyError) and err.args:
        return str(err.args[0])
    return str(err)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``middlepower`` command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "report":
            return _report(args)
        if args.command == "compare":
            return _compare(args)
        if args.command == "orderings":
            return _orderings(args)
        if args.command == "sensitivity":
            return _sensitivity(args)
        if args.command == "scenarios":
            return _scenarios()
        if args.command == "events":
            return _events(args)
        parser.print_help()
        return 0
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        return 0
    except (MiddlePowerError, ValidationError, KeyError, ValueError, OSError) as err:
        print(f"middlepower: error: {_one_line(err)}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
