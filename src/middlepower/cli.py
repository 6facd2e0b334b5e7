"""Command line: ``middlepower report``, ``middlepower scenarios``.

Run ``middlepower --help`` (or ``python -m middlepower --help``). Errors print
one line on standard error and exit with status 1 (2 for bad usage), with no
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from middlepower import __version__
from middlepower.analysis.report import assess
from middlepower.datasets._scenarios import list_scenarios, load_scenario
from middlepower.exceptions import MiddlePowerError
from middlepower.graph import RelationGraph
from middlepower.kernels.sequence import SCHEMES
from middlepower.metrics.sequence import Salience

__all__ = ["main"]


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
    rep.add_argument(
        "scenario",
        nargs="?",
        default="korea-2025",
        help="bundled scenario name or scenario JSON file (default: korea-2025)",
    )
    rep.add_argument(
        "--salience",
        default="harmonic",
        choices=SCHEMES,
        help="how contacts are weighted (default: harmonic)",
    )
    rep.add_argument(
        "--decay", type=float, default=0.5, help="delta of the geometric scheme"
    )
    rep.add_argument(
        "--half-life",
        type=float,
        default=7.0,
        dest="half_life",
        help="h of the half-life scheme, days",
    )
    rep.add_argument(
        "--sequence", default=None, help="label of the sequence (default: the first)"
    )
    rep.add_argument(
        "--universe",
        default="contacted",
        choices=("contacted", "ties"),
        help="partners compared by proportionality (default: contacted)",
    )
    rep.add_argument(
        "--json", action="store_true", help="print JSON instead of a table"
    )

    sub.add_parser("scenarios", help="list the bundled scenarios")
    return parser


def _report(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    graph = RelationGraph.from_scenario(scenario)
    sequence = scenario.sequence(args.sequence)
    salience = Salience(args.salience, decay=args.decay, half_life_days=args.half_life)
    report = assess(
        graph, sequence, scenario.poles, salience=salience, universe=args.universe
    )
    if args.json:
        payload = {"scenario": scenario.name, "report": report.to_dict()}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(f"{scenario.title}\n")
        print(report)
    return 0


def _scenarios() -> int:
    names = list_scenarios()
    width = max((len(n) for n in names), default=0)
    for name in names:
        print(f"{name:<{width}}  {load_scenario(name).title}")
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
        if args.command == "scenarios":
            return _scenarios()
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
