"""Command line: ``middlepower report | compare | orderings | sensitivity | scenarios``.

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
from middlepower.analysis.compare import compare
from middlepower.analysis.orderings import orderings
from middlepower.analysis.report import assess
from middlepower.analysis.sensitivity import sensitivity
from middlepower.datasets._scenarios import list_scenarios, load_scenario
from middlepower.exceptions import InvalidParameterError, MiddlePowerError
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

    sub.add_parser("scenarios", help="list the bundled scenarios")
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
        if args.command == "compare":
            return _compare(args)
        if args.command == "orderings":
            return _orderings(args)
        if args.command == "sensitivity":
            return _sensitivity(args)
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
