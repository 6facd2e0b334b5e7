"""The error contract at the boundary of the public API (issue 11).

Every public function and constructor either works or raises a
:class:`~middlepower.MiddlePowerError` subclass (or pydantic's
``ValidationError`` for a model field) whose one-sentence message names the
argument and the bad value. ``CASES`` is a table of bad inputs, each with the
error class expected and a fragment of its message.

Error classes are named as strings (resolved at test time) and every call is
a function of a context object, so the table can also be run against an
older version of the library to count the bad inputs that escaped as
``AttributeError``/``TypeError``/``KeyError`` from deep inside.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import matplotlib
import networkx as nx
import numpy as np
import pandas as pd
import pydantic
import pytest
from tests.events.test_panel import EVENTS, KOREA, POLES
from tests.io import formats as F

import middlepower as mp
import middlepower.exceptions as mpx
import middlepower.io as mpio
import middlepower.plot as mpplot
from middlepower.analysis.compare import Comparison
from middlepower.events import (
    balance_panel,
    check_event_table,
    contact_rows,
    read_gdelt,
    read_icews,
    read_polecat,
)
from middlepower.events import contacts as ev_contacts
from middlepower.io.codes import convert, from_iso3, to_iso3
from middlepower.metrics.similarity import portfolio_ladder
from middlepower.snapshot import alignment_matrix, check_poles

matplotlib.use("Agg")


@dataclass
class Ctx:
    """What the bad calls need: the editorial case and a scratch folder."""

    sc: mp.Scenario
    g: mp.RelationGraph
    seq: mp.ContactSequence
    poles: tuple[str, ...]
    tmp: Path

    @property
    def contacts(self) -> list[mp.Contact]:
        return list(self.seq.contacts)

    def file(self, name: str, text: str) -> str:
        path = self.tmp / name
        path.write_text(text, encoding="utf-8")
        return str(path)


def make_ctx(tmp: Path) -> Ctx:
    sc = mp.load_scenario("korea-2025")
    return Ctx(sc, mp.RelationGraph.from_scenario(sc), sc.sequence(), sc.poles, tmp)


class Case(NamedTuple):
    id: str
    call: Callable[[Ctx], object]
    error: str  # a class of middlepower.exceptions, or "ValidationError"
    match: str  # a regular expression the message must contain
    xfail: str = ""  # a known bug in a module this branch may not edit (strict)


def T(**kw: Any) -> mp.Tie:
    return mp.Tie(**{"source": "KOR", "target": "USA", "kind": "alliance", **kw})


def _tie(**kw: Any) -> dict[str, Any]:
    return {"source": "KOR", "target": "USA", "kind": "alliance", "strength": 1, **kw}


def _contact(**kw: Any) -> dict[str, Any]:
    return {"partner": "USA", "on": "2025-06-06", **kw}


def _scenario(**kw: Any) -> dict[str, Any]:
    states = [{"code": c, "name": c} for c in ("KOR", "USA", "CHN")]
    return {
        "name": "toy",
        "title": "Toy",
        "states": states,
        "poles": ["USA", "CHN"],
    } | kw


NODE = '{"nodes": [{"id": "KOR"}, {"id": "USA"}], "edges": %s}'
PLAIN_GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph edgedefault="directed"><node id="a"/><node id="b"/>
  <edge source="a" target="b"/></graph>
</graphml>
"""
UNDEFINED_KEY_GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <graph edgedefault="directed"><node id="a"><data key="d9">x</data></node>
  </graph>
</graphml>
"""


def _nx_node_5(ctx: Ctx) -> object:
    G = nx.Graph()
    G.add_edge(5, "USA", kind="alliance", strength=1.0)
    return mp.RelationGraph.from_networkx(G)


def _nx_no_kind(ctx: Ctx) -> object:
    G = nx.Graph()
    G.add_edge("KOR", "USA", strength=1.0)
    return mp.RelationGraph.from_networkx(G)


def _plain_signed() -> nx.Graph:
    G = nx.Graph()
    G.add_edge(0, 1, sign=1)
    G.add_edge(1, 2, sign=-1)
    return G


CASES: list[Case] = [
    # -- models: numbers are numbers ----------
    Case(
        "tie-strength-str",
        lambda c: T(strength="0.5"),
        "ValidationError",
        r"strength must be a number \(int or float\), not str '0\.5'",
    ),
    Case(
        "tie-strength-bool",
        lambda c: T(strength=True),
        "ValidationError",
        r"strength must be a number .*not bool True",
    ),
    Case(
        "tie-strength-nan",
        lambda c: T(strength=float("nan")),
        "ValidationError",
        r"strength must be a finite number, not nan",
    ),
    Case(
        "tie-strength-above-1",
        lambda c: T(strength=1.5),
        "ValidationError",
        r"strength\s+Input should be less than or equal to 1",
    ),
    Case(
        "tie-value-str",
        lambda c: T(strength=1, value="271", unit="bn USD"),
        "ValidationError",
        r"value must be a number .*not str '271'",
    ),
    Case(
        "tie-directed-str",
        lambda c: T(strength=1, directed="yes"),
        "ValidationError",
        r"directed must be true or false, not str 'yes'",
    ),
    Case(
        "tie-directed-int",
        lambda c: T(strength=1, directed=1),
        "ValidationError",
        r"directed must be true or false, not int 1",
    ),
    Case(
        "tie-kind-typo",
        lambda c: T(strength=1, kind="allience"),
        "ValidationError",
        r"unknown tie kind 'allience' \(did you mean 'alliance'\?\)",
    ),
    Case(
        "tie-kind-int",
        lambda c: T(strength=1, kind=5),
        "ValidationError",
        r"unknown tie kind 5; expected one of 'alliance'",
    ),
    Case(
        "tie-start-int",
        lambda c: T(strength=1, start=0),
        "ValidationError",
        r"start must be a datetime\.date or an ISO date string 'YYYY-MM-DD', not int 0",
    ),
    Case(
        "tie-start-slashes",
        lambda c: T(strength=1, start="2025/01/01"),
        "ValidationError",
        r"start must be an ISO date 'YYYY-MM-DD', not '2025/01/01'",
    ),
    Case(
        "tie-source-lower",
        lambda c: T(strength=1, source="kor"),
        "ValidationError",
        r"state code 'kor' must be 2-8 upper-case letters",
    ),
    Case(
        "tie-source-bytes",
        lambda c: T(strength=1, source=b"KOR"),
        "ValidationError",
        r"source\s+Input should be a valid string",
    ),
    Case(
        "tie-extra-field",
        lambda c: T(strength=1, weight=1),
        "ValidationError",
        r"weight\s+Extra inputs are not permitted",
    ),
    Case(
        "tie-ends-before-start",
        lambda c: T(strength=1, start="2025-01-02", end="2025-01-01"),
        "ValidationError",
        r"ends on 2025-01-01 before it starts on 2025-01-02",
    ),
    # -- models: days are ISO dates ---------------------------------------------
    Case(
        "contact-on-zero",
        lambda c: mp.Contact(partner="USA", on=0),
        "ValidationError",
        r"on must be a datetime\.date or an ISO date .*not int 0",
    ),
    Case(
        "contact-on-int-date",
        lambda c: mp.Contact(partner="USA", on=20250606),
        "ValidationError",
        r"not int 20250606",
    ),
    Case(
        "contact-on-basic-format",
        lambda c: mp.Contact(partner="USA", on="20250606"),
        "ValidationError",
        r"on must be an ISO date 'YYYY-MM-DD', not '20250606'",
    ),
    Case(
        "contact-on-datetime-text",
        lambda c: mp.Contact(partner="USA", on="2025-06-06T00:00"),
        "ValidationError",
        r"on must be an ISO date 'YYYY-MM-DD'",
    ),
    Case(
        "contact-on-time-of-day",
        lambda c: mp.Contact(partner="USA", on=dt.datetime(2025, 6, 6, 10)),
        "ValidationError",
        r"not a datetime with a time of day \(2025-06-06T10:00:00\)",
    ),
    Case(
        "contact-on-impossible",
        lambda c: mp.Contact(partner="USA", on="2025-02-30"),
        "ValidationError",
        r"on '2025-02-30' is not a valid date",
    ),
    Case(
        "contact-channel-typo",
        lambda c: mp.Contact(**_contact(channel="phone")),
        "ValidationError",
        r"unknown channel 'phone'; expected one of 'call'",
    ),
    Case(
        "contact-duration-str",
        lambda c: mp.Contact(**_contact(duration_min="20")),
        "ValidationError",
        r"duration_min must be a number .*not str '20'",
    ),
    Case(
        "contact-duration-bool",
        lambda c: mp.Contact(**_contact(duration_min=True)),
        "ValidationError",
        r"duration_min must be a number .*not bool True",
    ),
    Case(
        "contact-time-seconds",
        lambda c: mp.Contact(**_contact(time=3600)),
        "ValidationError",
        r"time must be a datetime\.time or an ISO time string",
    ),
    Case(
        "contact-partner-none",
        lambda c: mp.Contact(partner=None, on="2025-06-06"),
        "ValidationError",
        r"partner\s+Input should be a valid string",
    ),
    Case(
        "state-cow-str",
        lambda c: mp.State(code="KOR", name="Korea", cow="732"),
        "ValidationError",
        r"cow must be an integer, not str '732'",
    ),
    Case(
        "state-cow-float",
        lambda c: mp.State(code="KOR", name="Korea", cow=732.0),
        "ValidationError",
        r"cow must be an integer, not float 732\.0",
    ),
    Case(
        "state-cow-bool",
        lambda c: mp.State(code="KOR", name="Korea", cow=True),
        "ValidationError",
        r"cow must be an integer, not bool True",
    ),
    Case(
        "state-name-int",
        lambda c: mp.State(code="KOR", name=5),
        "ValidationError",
        r"name\s+Input should be a valid string",
    ),
    Case(
        "evidence-published-int",
        lambda c: mp.Evidence(source="x", published=0),
        "ValidationError",
        r"published must be a datetime\.date",
    ),
    Case(
        "sequence-no-contacts",
        lambda c: mp.ContactSequence(focal="KOR", contacts=[]),
        "ValidationError",
        r"contacts\s+.*at least 1 item",
    ),
    Case(
        "sequence-start-int",
        lambda c: mp.ContactSequence(focal="KOR", contacts=c.contacts, start=0),
        "ValidationError",
        r"start must be a datetime\.date or an ISO date",
    ),
    Case(
        "scenario-unknown-code",
        lambda c: mp.Scenario.model_validate(
            _scenario(
                states=[{"code": x, "name": x} for x in ("KOR", "USA", "CNH")],
                poles=["USA", "CNH"],
            )
        ),
        "ValidationError",
        r"'CNH' in the state registry; did you mean 'CHN'\?",
    ),
    Case(
        "scenario-check-codes-str",
        lambda c: mp.Scenario.model_validate(_scenario(check_codes="no")),
        "ValidationError",
        r"check_codes must be true or false, not str 'no'",
    ),
    Case(
        "scenario-json-int-date",
        lambda c: mp.Scenario.model_validate_json(
            c.sc.to_json().replace('"on": "2025-06-06"', '"on": 20250606', 1)
        ),
        "ValidationError",
        r"not int 20250606",
    ),
    # -- enums ----------
    Case(
        "tiekind-typo",
        lambda c: mp.TieKind("allience"),
        "InvalidParameterError",
        r"Unknown tie kind 'allience' \(did you mean 'alliance'\?\)",
    ),
    Case(
        "channel-int",
        lambda c: mp.Channel(5),
        "InvalidParameterError",
        r"Unknown channel 5; expected one of 'call'",
    ),
    Case(
        "dimension-typo",
        lambda c: mp.Dimension("securty"),
        "InvalidParameterError",
        r"Unknown dimension 'securty' \(did you mean 'security'\?\)",
    ),
    # -- scenarios ----------
    Case(
        "sequence-label-int",
        lambda c: c.sc.sequence(5),
        "InvalidArgumentTypeError",
        r"label must be a string or None, got int 5",
    ),
    Case(
        "sequence-label-unknown",
        lambda c: c.sc.sequence("Yoon"),
        "UnknownSequenceError",
        r"Scenario 'korea-2025' has no sequence 'Yoon'",
    ),
    Case(
        "load-scenario-int",
        lambda c: mp.load_scenario(42),
        "InvalidArgumentTypeError",
        r"name must be a scenario name or the path of a scenario JSON file, got int 42",
    ),
    Case(
        "load-scenario-none",
        lambda c: mp.load_scenario(None),
        "InvalidArgumentTypeError",
        r"name must be a scenario name .*got None",
    ),
    Case(
        "load-scenario-typo",
        lambda c: mp.load_scenario("korea-2052"),
        "UnknownScenarioError",
        r"'korea-2052' \(did you mean 'korea-2025'\?\)",
    ),
    Case(
        "load-scenario-missing-file",
        lambda c: mp.load_scenario(str(c.tmp / "nowhere.json")),
        "MissingFileError",
        r"Scenario file '.*nowhere\.json' does not exist",
    ),
    Case(
        "load-scenario-folder",
        lambda c: mp.load_scenario(c.tmp),
        "DataFormatError",
        r"is a folder, not a scenario JSON file",
    ),
    Case(
        "load-scenario-not-json",
        lambda c: mp.load_scenario(c.file("bad.json", '{"name": "x",\n "title": ]')),
        "DataFormatError",
        r"bad\.json, line 2: is not valid JSON",
    ),
    Case(
        "load-scenario-invalid",
        lambda c: mp.load_scenario(c.file("empty.json", '{"name": "x"}')),
        "ValidationError",
        r"title\s+Field required",
    ),
    Case(
        "load-scenario-check-codes-str",
        lambda c: mp.load_scenario("korea-2025", check_codes="no"),
        "InvalidArgumentTypeError",
        r"check_codes must be True or False, got str 'no'",
    ),
    # -- RelationGraph: construction -------------------------------------------------
    Case(
        "graph-single-tie",
        lambda c: mp.RelationGraph(T(strength=1)),
        "InvalidArgumentTypeError",
        r"ties must be an iterable of Tie objects, got a "
        r"single Tie; wrap it in a list",
    ),
    Case(
        "graph-ties-none",
        lambda c: mp.RelationGraph(None),
        "InvalidArgumentTypeError",
        r"ties must be an iterable of Tie objects, got None",
    ),
    Case(
        "graph-ties-dicts",
        lambda c: mp.RelationGraph([_tie()]),
        "InvalidArgumentTypeError",
        r"ties must hold Tie objects, got dict .* at position 0 \(validate it first",
    ),
    Case(
        "graph-states-str",
        lambda c: mp.RelationGraph([], ["KOR"]),
        "InvalidArgumentTypeError",
        r"states must hold State objects, got str 'KOR'",
    ),
    Case(
        "graph-name-int",
        lambda c: mp.RelationGraph([], name=5),
        "InvalidArgumentTypeError",
        r"name must be a string or None, got int 5",
    ),
    Case(
        "graph-check-codes-str",
        lambda c: mp.RelationGraph([], check_codes="no"),
        "InvalidArgumentTypeError",
        r"check_codes must be True or False, got str 'no'",
    ),
    Case(
        "graph-unknown-code",
        lambda c: mp.RelationGraph([T(strength=1, target="CNH")]),
        "UnregisteredCodeError",
        r"'CNH' in the state registry; did you mean 'CHN'\?",
    ),
    Case(
        "graph-cow-letter-code",
        lambda c: mp.RelationGraph([T(strength=1, source="ROK")]),
        "UnregisteredCodeError",
        r"'ROK' is a COW letter code \(South Korea\)",
    ),
    Case(
        "graph-from-scenario-name",
        lambda c: mp.RelationGraph.from_scenario("korea-2025"),
        "InvalidArgumentTypeError",
        r"scenario must be a Scenario, got str 'korea-2025'",
    ),
    # -- RelationGraph: readers ------------------------------------------------------
    Case(
        "from-json-empty-object",
        lambda c: mp.RelationGraph.from_json("{}"),
        "InvalidGraphError",
        r"Node-link data needs a 'nodes' list, got None",
    ),
    Case(
        "from-json-list",
        lambda c: mp.RelationGraph.from_json("[1]"),
        "InvalidGraphError",
        r"Expected a node-link JSON object, got \[1\]",
    ),
    Case(
        "from-json-not-json",
        lambda c: mp.RelationGraph.from_json("nodes: []"),
        "InvalidGraphError",
        r"Not valid JSON",
    ),
    Case(
        "from-json-bad-utf8",
        lambda c: mp.RelationGraph.from_json(b"\xff\xfe{"),
        "InvalidGraphError",
        r"Not valid JSON",
    ),
    Case(
        "from-json-int",
        lambda c: mp.RelationGraph.from_json(42),
        "InvalidArgumentTypeError",
        r"text must be JSON text \(str or bytes\), got int",
    ),
    Case(
        "from-json-node-without-id",
        lambda c: mp.RelationGraph.from_json('{"nodes": [{"name": "x"}]}'),
        "InvalidGraphError",
        r"Node 0 of the node-link data needs a string 'id'",
    ),
    Case(
        "from-json-node-int-id",
        lambda c: mp.RelationGraph.from_json('{"nodes": [{"id": 5}]}'),
        "InvalidGraphError",
        r"Node 0 of the node-link data needs a string 'id'",
    ),
    Case(
        "from-json-edge-without-target",
        lambda c: mp.RelationGraph.from_json(NODE % '[{"source": "KOR"}]'),
        "InvalidGraphError",
        r"Edge 0 of the node-link data needs string 'source' "
        r"and 'target'",
    ),
    Case(
        "from-json-edge-to-unknown-node",
        lambda c: mp.RelationGraph.from_json(
            NODE % '[{"source": "KOR", "target": "CHN", "kind": "trade"}]'
        ),
        "InvalidGraphError",
        r"Edge 0 names node 'CHN', which is not in 'nodes'",
    ),
    Case(
        "from-json-graph-list",
        lambda c: mp.RelationGraph.from_json('{"nodes": [], "graph": []}'),
        "InvalidGraphError",
        r"Node-link 'graph' must be an object",
    ),
    Case(
        "from-json-edge-bad-strength",
        lambda c: mp.RelationGraph.from_json(
            NODE
            % ('[{"source": "KOR", "target": "USA", "kind": "trade", "strength": "x"}]')
        ),
        "ValidationError",
        r"strength must be a number",
    ),
    Case(
        "from-node-link-list",
        lambda c: mp.RelationGraph.from_node_link([]),
        "InvalidArgumentTypeError",
        r"data must be a node-link mapping, got list",
    ),
    Case(
        "from-networkx-str",
        lambda c: mp.RelationGraph.from_networkx("G"),
        "InvalidArgumentTypeError",
        r"G must be a networkx graph, got str 'G'",
    ),
    Case(
        "from-networkx-no-kind",
        _nx_no_kind,
        "InvalidGraphError",
        r"Edge KOR-USA has no 'kind' attribute",
    ),
    Case(
        "from-networkx-int-node",
        _nx_node_5,
        "ValidationError",
        r"code\s+Input should be a valid string",
    ),
    Case(
        "read-graphml-int",
        lambda c: mp.RelationGraph.read_graphml(42),
        "InvalidArgumentTypeError",
        r"path must be a path \(str or os\.PathLike\)",
    ),
    Case(
        "read-graphml-missing",
        lambda c: mp.RelationGraph.read_graphml(c.tmp / "no.graphml"),
        "MissingFileError",
        r"GraphML file '.*no\.graphml' does not exist",
    ),
    Case(
        "read-graphml-not-xml",
        lambda c: mp.RelationGraph.read_graphml(c.file("x.graphml", "<graphml><a>")),
        "DataFormatError",
        r"x\.graphml, line 1: is not well-formed XML",
    ),
    Case(
        "read-graphml-foreign",
        lambda c: mp.RelationGraph.read_graphml(c.file("p.graphml", PLAIN_GRAPHML)),
        "InvalidGraphError",
        r"was not written by RelationGraph\.write_graphml",
    ),
    Case(
        "read-graphml-undefined-key",
        lambda c: mp.RelationGraph.read_graphml(
            c.file("k.graphml", UNDEFINED_KEY_GRAPHML)
        ),
        "DataFormatError",
        r"k\.graphml: is not valid GraphML",
    ),
    Case(
        "write-graphml-no-folder",
        lambda c: c.g.write_graphml(c.tmp / "no" / "such" / "g.graphml"),
        "MissingFileError",
        r"Folder '.*such' does not exist",
    ),
    Case(
        "write-graphml-int",
        lambda c: c.g.write_graphml(3),
        "InvalidArgumentTypeError",
        r"path must be a path",
    ),
    # -- RelationGraph: methods -----------------------------------------------------
    Case(
        "state-int",
        lambda c: c.g.state(5),
        "InvalidArgumentTypeError",
        r"code must be a state code string such as 'KOR', got int 5",
    ),
    Case(
        "state-unknown",
        lambda c: c.g.state("XYZ"),
        "UnknownStateError",
        r"Unknown state code 'XYZ' in the relation graph",
    ),
    Case(
        "check-codes-str",
        lambda c: c.g.check_codes("KOR"),
        "InvalidArgumentTypeError",
        r"codes must be a sequence of state codes .*got "
        r"str 'KOR'",
    ),
    Case(
        "at-int",
        lambda c: c.g.at(5),
        "InvalidArgumentTypeError",
        r"day must be a datetime\.date or an ISO date string 'YYYY-MM-DD', got int 5",
    ),
    Case(
        "at-words",
        lambda c: c.g.at("June 4"),
        "InvalidGraphError",
        r"Day 'June 4' is not an ISO date",
    ),
    Case(
        "at-basic-format",
        lambda c: c.g.at("20250604"),
        "InvalidGraphError",
        r"Day '20250604' is not an ISO date",
    ),
    Case(
        "strength-kind-int",
        lambda c: c.g.strength("KOR", "CHN", 5),
        "InvalidArgumentTypeError",
        r"kind must be a tie kind .*got int 5",
    ),
    Case(
        "strength-kind-typo",
        lambda c: c.g.strength("KOR", "CHN", "trad"),
        "InvalidParameterError",
        r"Unknown tie kind 'trad' \(did you mean 'trade'\?\)",
    ),
    Case(
        "strength-source-list",
        lambda c: c.g.strength(["KOR"], "CHN", "trade"),
        "InvalidArgumentTypeError",
        r"source must be a state code string",
    ),
    Case(
        "ties-between-int",
        lambda c: c.g.ties_between("KOR", 5),
        "InvalidArgumentTypeError",
        r"v must be a state code string",
    ),
    Case(
        "strength-tensor-str",
        lambda c: c.g.strength_tensor("KOR"),
        "InvalidArgumentTypeError",
        r"nodelist must be a sequence of state codes",
    ),
    Case(
        "to-numpy-symmetric-str",
        lambda c: c.g.to_numpy("trade", symmetric="yes"),
        "InvalidArgumentTypeError",
        r"symmetric must be True or False, got str 'yes'",
    ),
    Case(
        "signed-weights-list",
        lambda c: c.g.signed([("trade", 1.0)]),
        "InvalidArgumentTypeError",
        r"weights must be a mapping of tie kind to weight",
    ),
    Case(
        "to-json-indent-str",
        lambda c: c.g.to_json(indent="2"),
        "InvalidArgumentTypeError",
        r"indent must be an integer, got str '2'",
    ),
    # -- assess ----------
    Case(
        "assess-contact-list",
        lambda c: mp.assess(c.g, c.contacts, c.poles),
        "InvalidArgumentTypeError",
        r"sequence must be a ContactSequence \(wrap the contacts",
    ),
    Case(
        "assess-nx-graph",
        lambda c: mp.assess(nx.Graph(), c.seq, c.poles),
        "InvalidArgumentTypeError",
        r"graph must be a RelationGraph \(convert a networkx graph",
    ),
    Case(
        "assess-poles-str",
        lambda c: mp.assess(c.g, c.seq, "USA"),
        "InvalidArgumentTypeError",
        r"poles must be a sequence of state codes .*got "
        r"str 'USA'",
    ),
    Case(
        "assess-one-pole",
        lambda c: mp.assess(c.g, c.seq, ("USA",)),
        "InvalidParameterError",
        r"poles must name at least two states, got \['USA'\]",
    ),
    Case(
        "assess-pole-int",
        lambda c: mp.assess(c.g, c.seq, ("USA", 5)),
        "InvalidArgumentTypeError",
        r"poles must hold state code strings, got int 5",
    ),
    Case(
        "assess-universe-typo",
        lambda c: mp.assess(c.g, c.seq, c.poles, universe="contact"),
        "InvalidParameterError",
        r"Unknown universe 'contact' \(did you mean "
        r"'contacted'\?\)",
    ),
    Case(
        "assess-salience-int",
        lambda c: mp.assess(c.g, c.seq, c.poles, salience=5),
        "InvalidArgumentTypeError",
        r"salience must be a salience scheme name or a "
        r"Salience, got int 5",
    ),
    Case(
        "assess-kinds-int",
        lambda c: mp.assess(c.g, c.seq, c.poles, kinds=5),
        "InvalidArgumentTypeError",
        r"kinds must be a mapping of tie kind to weight",
    ),
    Case(
        "assess-interests-list",
        lambda c: mp.assess(c.g, c.seq, c.poles, interests=[1]),
        "InvalidArgumentTypeError",
        r"interests must be a mapping of tie kind",
    ),
    Case(
        "assess-pole-unknown",
        lambda c: mp.assess(c.g, c.seq, ("USA", "RUS")),
        "UnknownStateError",
        r"Unknown state code 'RUS' in the relation graph",
    ),
    # -- compare ----------
    Case(
        "compare-single-name",
        lambda c: mp.compare("korea-2025"),
        "InvalidArgumentTypeError",
        r"cases must be a list or mapping of cases .*got "
        r"str 'korea-2025'; wrap a single case in a list",
    ),
    Case(
        "compare-unknown-name",
        lambda c: mp.compare(["korea-2052"]),
        "UnknownScenarioError",
        r"'korea-2052' \(did you mean 'korea-2025'\?\)",
    ),
    Case(
        "compare-int-case",
        lambda c: mp.compare([42]),
        "InvalidArgumentTypeError",
        r"case 1 must be a Scenario, a scenario name or file, or a \(graph, sequence, "
        r"poles\) tuple, got int 42",
    ),
    Case(
        "compare-pair",
        lambda c: mp.compare([(c.g, c.seq)]),
        "InvalidArgumentTypeError",
        r"case 1 must be a Scenario",
    ),
    Case(
        "compare-contact-list",
        lambda c: mp.compare([(c.g, c.contacts, c.poles)]),
        "InvalidArgumentTypeError",
        r"the sequence of case 1 must be a ContactSequence",
    ),
    Case(
        "compare-label-int",
        lambda c: mp.compare({5: c.sc}),
        "InvalidArgumentTypeError",
        r"case labels must be strings, got int 5",
    ),
    Case(
        "compare-no-case",
        lambda c: mp.compare([]),
        "InvalidParameterError",
        r"compare needs at least one case",
    ),
    Case(
        "compare-universe",
        lambda c: mp.compare([c.sc], universe="all"),
        "InvalidParameterError",
        r"Unknown universe 'all'",
    ),
    Case(
        "comparison-list",
        lambda c: Comparison(reports=[1]),
        "InvalidArgumentTypeError",
        r"reports must be a dict of label to BalanceReport",
    ),
    # -- structure (entry checks) -------------------------------------------------
    Case(
        "cross-pressure-focal-int",
        lambda c: mp.cross_pressure(c.g, 5),
        "InvalidArgumentTypeError",
        r"focal must be a state code string .*got int 5",
    ),
    Case(
        "cross-pressure-focal-unknown",
        lambda c: mp.cross_pressure(c.g, "XYZ"),
        "UnknownStateError",
        r"Unknown state code 'XYZ'",
    ),
    Case(
        "cross-pressure-list-graph",
        lambda c: mp.cross_pressure([], "KOR"),
        "InvalidGraphError",
        r"Expected a RelationGraph or a networkx\.Graph, got list",
    ),
    Case(
        "brokerage-focal-list",
        lambda c: mp.brokerage(c.g, ["KOR"]),
        "InvalidArgumentTypeError",
        r"focal must be a state code string",
    ),
    Case(
        "structural-equidistance-poles-str",
        lambda c: mp.structural_equidistance(c.g, "KOR", "USA"),
        "InvalidArgumentTypeError",
        r"poles must be a sequence of state codes",
    ),
    Case(
        "structural-equidistance-nx-poles-int",
        lambda c: mp.structural_equidistance(_plain_signed(), 0, 5),
        "InvalidArgumentTypeError",
        r"poles must be a sequence of nodes .*got int 5",
    ),
    Case(
        "cross-pressure-nx-focal-unhashable",
        lambda c: mp.cross_pressure(_plain_signed(), [0]),
        "InvalidArgumentTypeError",
        r"focal must be a node of the graph, got list",
    ),
    Case(
        "two-track-poles-str",
        lambda c: mp.two_track(c.g, "KOR", "USA"),
        "InvalidArgumentTypeError",
        r"poles must be a sequence of state codes",
    ),
    Case(
        "two-track-plain-graph",
        lambda c: mp.two_track(nx.Graph(), "KOR", c.poles),
        "InvalidGraphError",
        r"two_track needs tie kinds",
    ),
    Case(
        "triad-balance-weighted-str",
        lambda c: mp.triad_balance(c.g, weighted="yes"),
        "InvalidArgumentTypeError",
        r"weighted must be True or False, got str 'yes'",
    ),
]


# -- phase 2: the sequence measures, orderings, sensitivity, frustration, registry

CASES += [
    Case(
        "attention-contact-list",
        lambda c: mp.attention(c.contacts),
        "InvalidArgumentTypeError",
        r"sequence must be a ContactSequence",
    ),
    Case(
        "salience-weights-contact-list",
        lambda c: mp.salience_weights(c.contacts),
        "InvalidArgumentTypeError",
        r"sequence must be a ContactSequence",
    ),
    Case(
        "tilt-nx-graph",
        lambda c: mp.tilt(nx.Graph(), c.seq, c.poles),
        "InvalidArgumentTypeError",
        r"graph must be a RelationGraph",
    ),
    Case(
        "tilt-contact-list",
        lambda c: mp.tilt(c.g, c.contacts, c.poles),
        "InvalidArgumentTypeError",
        r"sequence must be a ContactSequence",
    ),
    Case(
        "tilt-poles-int",
        lambda c: mp.tilt(c.g, c.seq, 5),
        "InvalidArgumentTypeError",
        r"poles must be a sequence of state codes",
    ),
    Case(
        "equidistance-kinds-int",
        lambda c: mp.equidistance(c.g, c.seq, c.poles, kinds=5),
        "InvalidArgumentTypeError",
        r"kinds must be a mapping of tie kind",
    ),
    Case(
        "equidistance-pole-int",
        lambda c: mp.equidistance(c.g, c.seq, ("USA", 5)),
        "InvalidArgumentTypeError",
        r"poles must hold state code strings",
    ),
    Case(
        "alignment-nx-graph",
        lambda c: mp.alignment(nx.Graph(), c.poles),
        "InvalidArgumentTypeError",
        r"graph must be a RelationGraph",
    ),
    Case(
        "alignment-poles-int",
        lambda c: mp.alignment(c.g, 5),
        "InvalidArgumentTypeError",
        r"poles must be a sequence of state codes",
    ),
    Case(
        "pole-attention-contact-list",
        lambda c: mp.pole_attention(c.g, c.contacts, c.poles),
        "InvalidArgumentTypeError",
        r"sequence must be a ContactSequence",
    ),
    Case(
        "interest-benchmark-focal-int",
        lambda c: mp.interest_benchmark(c.g, 5, ["USA"]),
        "InvalidArgumentTypeError",
        r"focal must be a state code string",
    ),
    Case(
        "interest-benchmark-partners-str",
        lambda c: mp.interest_benchmark(c.g, "KOR", "USA"),
        "InvalidArgumentTypeError",
        r"partners must be a sequence of state codes",
    ),
    Case(
        "proportionality-contact-list",
        lambda c: mp.proportionality(c.g, c.contacts),
        "InvalidArgumentTypeError",
        r"sequence must be a ContactSequence",
    ),
    Case(
        "concordance-contact-list",
        lambda c: mp.concordance(c.g, c.contacts),
        "InvalidArgumentTypeError",
        r"sequence must be a ContactSequence",
    ),
    Case(
        "salience-decay-str",
        lambda c: mp.Salience("geometric", decay="0.5"),
        "ValidationError",
        r"decay must be a number",
    ),
    Case(
        "salience-half-life-bool",
        lambda c: mp.Salience(half_life_days=True),
        "ValidationError",
        r"half_life_days must be a number",
    ),
    Case(
        "orderings-seed-str",
        lambda c: mp.orderings(c.g, c.seq, c.poles, limit=1, samples=10, seed="abc"),
        "InvalidArgumentTypeError",
        r"seed must be None, a non-negative integer",
    ),
    Case(
        "orderings-limit-str",
        lambda c: mp.orderings(c.g, c.seq, c.poles, limit="3"),
        "InvalidArgumentTypeError",
        r"limit must be an integer",
    ),
    Case(
        "orderings-samples-none",
        lambda c: mp.orderings(c.g, c.seq, c.poles, samples=None),
        "InvalidArgumentTypeError",
        r"samples must be an integer",
    ),
    Case(
        "orderings-contact-list",
        lambda c: mp.orderings(c.g, c.contacts, c.poles),
        "InvalidArgumentTypeError",
        r"sequence must be a ContactSequence",
    ),
    Case(
        "orderings-nx-graph",
        lambda c: mp.orderings(nx.Graph(), c.seq, c.poles),
        "InvalidArgumentTypeError",
        r"graph must be a RelationGraph",
    ),
    Case(
        "sensitivity-seed-str",
        lambda c: mp.sensitivity(c.g, c.seq, c.poles, draws=10, seed="abc"),
        "InvalidArgumentTypeError",
        r"seed must be None or a non-negative integer, got str 'abc'",
    ),
    Case(
        "sensitivity-concentration-str",
        lambda c: mp.sensitivity(c.g, c.seq, c.poles, draws=10, concentration="20"),
        "InvalidArgumentTypeError",
        r"concentration must be a number",
    ),
    Case(
        "sensitivity-quantile-str",
        lambda c: mp.sensitivity(c.g, c.seq, c.poles, draws=10, quantiles=[0.5, "x"]),
        "InvalidArgumentTypeError",
        r"quantiles must hold numbers",
    ),
    Case(
        "sensitivity-decay-range-int",
        lambda c: mp.sensitivity(c.g, c.seq, c.poles, draws=10, decay_range=5),
        "InvalidArgumentTypeError",
        r"decay_range must be a \(low, high\) pair",
    ),
    Case(
        "sensitivity-schemes-int",
        lambda c: mp.sensitivity(c.g, c.seq, c.poles, draws=10, schemes=5),
        "InvalidArgumentTypeError",
        r"schemes must be a sequence of names",
    ),
    Case(
        "sensitivity-kappa-range-int",
        lambda c: mp.sensitivity(
            c.g, c.seq, c.poles, draws=10, kappa_ranges={"alliance": 1}
        ),
        "InvalidArgumentTypeError",
        r"kappa range of 'alliance' must be a \(low, high\) pair",
    ),
    Case(
        "sensitivity-progress-int",
        lambda c: mp.sensitivity(c.g, c.seq, c.poles, draws=10, progress=5),
        "InvalidArgumentTypeError",
        r"progress must be True, False, None or a callable progress\(done, total\), "
        r"got int 5",
    ),
    Case(
        "sensitivity-contact-list",
        lambda c: mp.sensitivity(c.g, c.contacts, c.poles, draws=10),
        "InvalidArgumentTypeError",
        r"sequence must be a ContactSequence",
    ),
    Case(
        "sensitivity-nx-graph",
        lambda c: mp.sensitivity(nx.Graph(), c.seq, c.poles, draws=10),
        "InvalidArgumentTypeError",
        r"graph must be a RelationGraph",
    ),
    Case(
        "frustration-seed-str",
        lambda c: mp.frustration(c.g, method="heuristic", seed="abc"),
        "InvalidArgumentTypeError",
        r"seed must be None, a non-negative integer",
    ),
    Case(
        "frustration-weighted-str",
        lambda c: mp.frustration(c.g, weighted="yes"),
        "InvalidArgumentTypeError",
        r"weighted must be True or False",
    ),
    Case(
        "validate-codes-str",
        lambda c: mp.validate_codes("KOR"),
        "InvalidArgumentTypeError",
        r"codes must be a sequence of state codes",
    ),
    Case(
        "validate-codes-int",
        lambda c: mp.validate_codes(5),
        "InvalidArgumentTypeError",
        r"codes must be a sequence of state codes",
    ),
]


# -- phase 3: data readers, yearly graphs, codes, similarity, events, plot ------

# The data files are written in their documented formats (tests/io/formats.py).


def _ally(c: Ctx) -> str:
    return c.file(
        "alliance_v4.1_by_dyad_yearly.csv",
        F.text(F.COW_ALLIANCE_HEADER, F.COW_ALLIANCE_ROWS),
    )


def _nope(c: Ctx) -> str:
    return str(c.tmp / "nope.csv")


def _bad_zip(c: Ctx) -> str:
    path = c.tmp / "version4.1_csv.zip"
    path.write_bytes(b"PK\x03\x04 not a zip archive")
    return str(path)


def _obligations(c: Ctx) -> Any:
    return mpio.alliance_obligations(_ally(c))


def _square(labels: str = "abc") -> Any:
    n = len(labels)
    return pd.DataFrame(np.eye(n), index=list(labels), columns=list(labels))


X3 = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0]])
EV_START, EV_END = "2025-06-01", "2025-06-30"


def _panel() -> Any:
    return balance_panel(EVENTS, KOREA, POLES, unaligned="drop", freq="MS")


def _tab(c: Ctx, name: str = "e.tab", text: str = "a\tb\n1\t2\n") -> str:
    return c.file(name, text)


CASES += [
    # -- middlepower.io readers: paths ------------------------------------------
    Case(
        "read-alliances-int-path",
        lambda c: mpio.read_cow_alliances(42),
        "InvalidArgumentTypeError",
        r"path must be a path \(str or os\.PathLike\), got int 42",
    ),
    Case(
        "read-atop-none-path",
        lambda c: mpio.read_atop(None),
        "InvalidArgumentTypeError",
        r"path must be a path \(str or os\.PathLike\), got None",
    ),
    Case(
        "read-contiguity-list-path",
        lambda c: mpio.read_cow_contiguity([_ally(c)]),
        "InvalidArgumentTypeError",
        r"path must be a path .*got list \[",
    ),
    Case(
        "read-trade-bytes-path",
        lambda c: mpio.read_cow_trade(b"Dyadic_COW_4.0.csv"),
        "InvalidArgumentTypeError",
        r"path must be a path .*got bytes",
    ),
    Case(
        "read-table-dataframe",
        lambda c: mpio.read_table(pd.DataFrame()),
        "InvalidArgumentTypeError",
        r"path must be a path .*got DataFrame",
    ),
    Case(
        "read-alliances-missing",
        lambda c: mpio.read_cow_alliances(_nope(c)),
        "MissingFileError",
        r"File '.*nope\.csv' does not exist",
    ),
    Case(
        "read-atop-missing",
        lambda c: mpio.read_atop(_nope(c)),
        "MissingFileError",
        r"File '.*nope\.csv' does not exist",
    ),
    Case(
        "read-contiguity-missing",
        lambda c: mpio.read_cow_contiguity(_nope(c)),
        "MissingFileError",
        r"nope\.csv' does not exist",
    ),
    Case(
        "read-trade-totals-missing",
        lambda c: mpio.read_cow_trade_totals(_nope(c)),
        "MissingFileError",
        r"nope\.csv' does not exist",
    ),
    Case(
        "read-nmc-missing",
        lambda c: mpio.read_cow_nmc(_nope(c)),
        "MissingFileError",
        r"nope\.csv' does not exist",
    ),
    Case(
        "read-states-missing",
        lambda c: mpio.read_cow_states(_nope(c)),
        "MissingFileError",
        r"nope\.csv' does not exist",
    ),
    Case(
        "read-rivalries-missing",
        lambda c: mpio.read_rivalries(_nope(c)),
        "MissingFileError",
        r"nope\.csv' does not exist",
    ),
    Case(
        "read-table-missing",
        lambda c: mpio.read_table(_nope(c)),
        "MissingFileError",
        r"nope\.csv' does not exist",
    ),
    Case(
        "read-trade-folder",
        lambda c: mpio.read_cow_trade(c.tmp),
        "DataFormatError",
        r"is a folder, not a file",
    ),
    Case(
        "read-table-folder",
        lambda c: mpio.read_table(c.tmp),
        "DataFormatError",
        r"is a folder, not a file",
    ),
    Case(
        "read-nmc-empty",
        lambda c: mpio.read_cow_nmc(c.file("NMC-60-abridged.csv", "")),
        "DataFormatError",
        r"NMC-60-abridged\.csv: the file is empty",
    ),
    Case(
        "read-alliances-bad-zip",
        lambda c: mpio.read_cow_alliances(_bad_zip(c)),
        "DataFormatError",
        r"version4\.1_csv\.zip: not a readable zip archive",
    ),
    Case(
        "read-atop-wrong-header",
        lambda c: mpio.read_atop(_ally(c)),
        "DataFormatError",
        r"the header is not an ATOP 5\.x file .*missing columns",
    ),
    Case(
        "read-rivalries-truncated",
        lambda c: mpio.read_rivalries(
            c.file("rivals.csv", "ccode1,ccode2,start,end\n2,710,1949,1972\n2,71")
        ),
        "DataFormatError",
        r"rivals\.csv, line 3: .*truncated",
    ),
    Case(
        "read-trade-member-int",
        lambda c: mpio.read_cow_trade(_ally(c), member=3),
        "InvalidArgumentTypeError",
        r"member must be a string or None, got int 3",
    ),
    Case(
        "read-alliances-variant",
        lambda c: mpio.read_cow_alliances(_ally(c), variant="dyad"),
        "InvalidParameterError",
        r"Unknown COW alliance variant 'dyad'; expected 'dyad_yearly'",
    ),
    # -- middlepower.io tables ----------------------------------------------------
    Case(
        "obligations-int-source",
        lambda c: mpio.alliance_obligations(42),
        "InvalidArgumentTypeError",
        r"source must be a path or a pandas DataFrame of an alliance file .*"
        r"got int 42",
    ),
    Case(
        "rivalry-spells-dict-source",
        lambda c: mpio.rivalry_spells({"a": 1}),
        "InvalidArgumentTypeError",
        r"source must be a path or a pandas DataFrame of a rivalry table, got dict",
    ),
    Case(
        "obligations-missing",
        lambda c: mpio.alliance_obligations(_nope(c)),
        "MissingFileError",
        r"nope\.csv' does not exist",
    ),
    Case(
        "contiguity-years-frame-missing-columns",
        lambda c: mpio.contiguity_years(pd.DataFrame({"ccode1": [2], "year": [2000]})),
        "DataFormatError",
        r"<DataFrame>: the header is not a COW contiguity file .*missing columns",
    ),
    Case(
        "trade-flows-years-int",
        lambda c: mpio.trade_flows(_ally(c), years=2012),
        "InvalidArgumentTypeError",
        r"years must be a sequence of integer years or None, got int 2012",
    ),
    Case(
        "trade-totals-years-str",
        lambda c: mpio.trade_totals(_ally(c), years="2012"),
        "InvalidArgumentTypeError",
        r"years must be a sequence of integer years or None, got str '2012'",
    ),
    Case(
        "obligations-years-float",
        lambda c: mpio.alliance_obligations(_ally(c), years=[2012.5]),
        "InvalidArgumentTypeError",
        r"years must hold integer years, got float 2012\.5",
    ),
    Case(
        "trade-flows-smoothed-str",
        lambda c: mpio.trade_flows(_ally(c), smoothed="yes"),
        "InvalidArgumentTypeError",
        r"smoothed must be True or False, got str 'yes'",
    ),
    # -- graph_for_year / graphs_for_years / tie_strengths ----------------------
    Case(
        "graph-for-year-str",
        lambda c: mpio.graph_for_year("2012", alliances=_ally(c)),
        "InvalidArgumentTypeError",
        r"year must be an integer, not '2012'",
    ),
    Case(
        "graph-for-year-float",
        lambda c: mpio.graph_for_year(2012.0),
        "InvalidArgumentTypeError",
        r"year must be an integer, not 2012\.0",
    ),
    Case(
        "graph-for-year-bool",
        lambda c: mpio.graph_for_year(True),
        "InvalidArgumentTypeError",
        r"year must be an integer, not True",
    ),
    Case(
        "graph-for-year-outside",
        lambda c: mpio.graph_for_year(3000, alliances=_ally(c)),
        "InvalidParameterError",
        r"Year 3000 is outside 1400-2100",
    ),
    Case(
        "graph-for-year-source-int",
        lambda c: mpio.graph_for_year(2012, alliances=5),
        "InvalidArgumentTypeError",
        r"must be a path or a pandas DataFrame of an alliance file .*got int 5",
    ),
    Case(
        "graph-for-year-source-missing",
        lambda c: mpio.graph_for_year(2012, trade=_nope(c)),
        "MissingFileError",
        r"nope\.csv' does not exist",
    ),
    Case(
        "graph-for-year-frame-missing-columns",
        lambda c: mpio.graph_for_year(2012, alliances=pd.DataFrame({"ccode1": [2]})),
        "DataFormatError",
        r"<DataFrame>: the header is not an alliance file .*missing columns: 'ccode2'",
    ),
    Case(
        "graph-for-year-wrong-file",
        lambda c: mpio.graph_for_year(2012, rivalries=_ally(c)),
        "DataFormatError",
        r"the header is not a rivalry table .*missing columns: 'start', 'end'",
    ),
    Case(
        "graph-for-year-strength-kind",
        lambda c: mpio.graph_for_year(
            2012, alliances=_ally(c), strengths={"alliancez": {"defense": 1.0}}
        ),
        "InvalidParameterError",
        r"Unknown kind 'alliancez' in strengths; expected one of 'alliance'",
    ),
    Case(
        "graphs-for-years-int",
        lambda c: mpio.graphs_for_years(2012),
        "InvalidArgumentTypeError",
        r"years must be an iterable of years, not 2012",
    ),
    Case(
        "graphs-for-years-str-items",
        lambda c: mpio.graphs_for_years(["2012"]),
        "InvalidArgumentTypeError",
        r"year must be an integer, not '2012'",
    ),
    Case(
        "graphs-for-years-none",
        lambda c: mpio.graphs_for_years(None),
        "InvalidArgumentTypeError",
        r"years must be an iterable of years, not None",
    ),
    Case(
        "tie-strengths-code",
        lambda c: mpio.tie_strengths({"alliance": {"defence": 1.0}}),
        "InvalidParameterError",
        r"Unknown alliance code 'defence' in strengths; expected one of 'defense'",
    ),
    Case(
        "tie-strengths-negative",
        lambda c: mpio.tie_strengths({"alliance": {"defense": -0.1}}),
        "InvalidParameterError",
        r"Strength of alliance 'defense' must be a number in \[0, 1\], not -0\.1",
    ),
    Case(
        "tie-strengths-above-1",
        lambda c: mpio.tie_strengths({"neighbour": {4: 1.5}}),
        "InvalidParameterError",
        r"Strength of neighbour '4' must be a number in \[0, 1\], not 1\.5",
    ),
    Case(
        "tie-strengths-bool",
        lambda c: mpio.tie_strengths({"alliance": {"defense": True}}),
        "InvalidParameterError",
        r"Strength of alliance 'defense' must be a number in \[0, 1\], not True",
    ),
    Case(
        "tie-strengths-int",
        lambda c: mpio.tie_strengths(5),
        "InvalidArgumentTypeError",
        r"strengths must be a mapping or a CSV path, not int",
    ),
    Case(
        "tie-strengths-numeric-str",
        lambda c: mpio.tie_strengths({"alliance": {"defense": "0.5"}}),
        "InvalidParameterError",
        r"Strength of alliance 'defense' must be a number in \[0, 1\], not '0\.5'",
    ),
    Case(
        "tie-strengths-inner-number",
        lambda c: mpio.tie_strengths({"alliance": 1.0}),
        "InvalidArgumentTypeError",
        r"strengths\['alliance'\] must be a mapping",
    ),
    Case(
        "tie-strengths-missing",
        lambda c: mpio.tie_strengths(_nope(c)),
        "MissingFileError",
        r"nope\.csv' does not exist",
    ),
    Case(
        "tie-strengths-folder",
        lambda c: mpio.tie_strengths(c.tmp),
        "DataFormatError",
        r"is a folder",
    ),
    Case(
        "tie-strengths-wrong-file",
        lambda c: mpio.tie_strengths(_ally(c)),
        "DataFormatError",
        r"the strengths file needs the columns kind, code, strength",
    ),
    # -- codes ----------
    Case(
        "to-iso3-scheme",
        lambda c: to_iso3("ROK", "cowz"),
        "InvalidParameterError",
        r"Unknown source scheme 'cowz'; expected one of 'cown', 'cowc', 'iso3'",
    ),
    Case(
        "from-iso3-scheme-int",
        lambda c: from_iso3("KOR", 5),
        "InvalidParameterError",
        r"Unknown target scheme 5; expected one of 'cown'",
    ),
    Case(
        "convert-target-none",
        lambda c: convert("KOR", "iso3", None),
        "InvalidParameterError",
        r"Unknown target scheme None",
    ),
    Case(
        "from-iso3-unknown-strict",
        lambda c: from_iso3("KRO", "cowc", strict=True),
        "UnknownStateError",
        r"'KRO' \(did you mean 'KOR'\?\)",
    ),
    Case(
        "to-iso3-strict-str",
        lambda c: to_iso3("ROK", "cowc", strict="yes"),
        "InvalidArgumentTypeError",
        r"strict must be True or False, got str 'yes'",
    ),
    Case(
        "to-iso3-year-str",
        lambda c: to_iso3("ROK", "cowc", year="2012"),
        "InvalidArgumentTypeError",
        r"year must be None, an integer year or one per value, got str '2012'",
    ),
    Case(
        "to-iso3-year-bool",
        lambda c: to_iso3("ROK", "cowc", year=True),
        "InvalidArgumentTypeError",
        r"year must be None, an integer year or one per value, got bool True",
    ),
    Case(
        "to-iso3-values-dict",
        lambda c: to_iso3({"a": 1}, "cowc"),
        "InvalidArgumentTypeError",
        r"values must be a scalar, a list, a numpy array or a pandas Series, "
        r"got dict",
    ),
    Case(
        "to-iso3-values-bool",
        lambda c: to_iso3(True, "cown"),
        "InvalidArgumentTypeError",
        r"values must hold codes .*got bool True",
    ),
    Case(
        "convert-year-length",
        lambda c: convert(["KOR", "USA"], "iso3", "cown", year=[2000]),
        "InvalidParameterError",
        r"year has 1 entries but values has 2",
    ),
    # -- similarity ----------
    Case(
        "similarity-1d",
        lambda c: mp.similarity(np.array([1.0, 2.0])),
        "InvalidParameterError",
        r"X must be 2-D \(states x items\), got shape \(2,\)",
    ),
    Case(
        "similarity-3d",
        lambda c: mp.similarity(np.zeros((2, 2, 2))),
        "InvalidParameterError",
        r"X must be 2-D .*got shape \(2, 2, 2\)",
    ),
    Case(
        "similarity-str",
        lambda c: mp.similarity("abc"),
        "InvalidArgumentTypeError",
        r"X must be a numeric matrix \(states x items\), got str 'abc'",
    ),
    Case(
        "similarity-none",
        lambda c: mp.similarity(None),
        "InvalidArgumentTypeError",
        r"X must be a numeric matrix \(states x items\), got None",
    ),
    Case(
        "similarity-inf",
        lambda c: mp.similarity(np.array([[1.0, np.inf], [0.0, 1.0]])),
        "InvalidParameterError",
        r"X holds an infinite value at row 0, column 1",
    ),
    Case(
        "similarity-method",
        lambda c: mp.similarity(X3, method="tau"),
        "InvalidParameterError",
        r"Unknown method 'tau'; expected one of 's', 'kappa', 'pi'",
    ),
    Case(
        "similarity-distance",
        lambda c: mp.similarity(X3, distance="euclid"),
        "InvalidParameterError",
        r"Unknown distance 'euclid'; expected one of 'absolute', 'squared', 'nominal'",
    ),
    Case(
        "similarity-weights-length",
        lambda c: mp.similarity(X3, weights=[1, 1]),
        "InvalidParameterError",
        r"weights must hold one number per item \(3\), got shape \(2,\)",
    ),
    Case(
        "similarity-weights-negative",
        lambda c: mp.similarity(X3, weights=[1, -1, 1]),
        "InvalidParameterError",
        r"the weight of item 1 is -1\.0",
    ),
    Case(
        "similarity-weights-str",
        lambda c: mp.similarity(X3, weights="abc"),
        "InvalidArgumentTypeError",
        r"weights must be numbers, one per item, got str 'abc'",
    ),
    Case(
        "similarity-scale-int",
        lambda c: mp.similarity(X3, scale=5),
        "InvalidArgumentTypeError",
        r"scale must be None, 'pair' or a pair \(low, high\) .*got int 5",
    ),
    Case(
        "similarity-scale-reversed",
        lambda c: mp.similarity(X3, scale=(1, 0)),
        "InvalidParameterError",
        r"scale \(low, high\) must be finite with low < high, not \(1, 0\)",
    ),
    Case(
        "alignment-from-similarity-not-square",
        lambda c: mp.alignment_from_similarity(np.ones((2, 3)), [0, 1]),
        "InvalidParameterError",
        r"sim must be a square numeric matrix, got shape \(2, 3\)",
    ),
    Case(
        "alignment-from-similarity-pole-missing",
        lambda c: mp.alignment_from_similarity(_square(), ["a", "z"]),
        "UnknownStateError",
        r"Unknown state code 'z' in the similarity matrix",
    ),
    Case(
        "alignment-from-similarity-poles-int",
        lambda c: mp.alignment_from_similarity(_square(), 5),
        "InvalidArgumentTypeError",
        r"poles must be a sequence of states such as \('USA', 'CHN'\), got int 5",
    ),
    Case(
        "alignment-from-similarity-one-pole",
        lambda c: mp.alignment_from_similarity(_square(), ["a"]),
        "InvalidParameterError",
        r"At least two poles are needed, got \['a'\]",
    ),
    Case(
        "portfolio-ladder-coding",
        lambda c: portfolio_ladder("bogus"),
        "InvalidParameterError",
        r"Unknown coding 'bogus'; expected one of 'cow', 'atop', 'binary'",
    ),
    Case(
        "alliance-portfolios-path",
        lambda c: mp.alliance_portfolios(_ally(c), 2012),
        "InvalidArgumentTypeError",
        r"alliances must be the canonical alliance-obligations DataFrame .*"
        r"alliance_obligations.*got str",
    ),
    Case(
        "alliance-portfolios-year-str",
        lambda c: mp.alliance_portfolios(_obligations(c), "2012"),
        "InvalidArgumentTypeError",
        r"year must be an integer",
    ),
    Case(
        "alliance-portfolios-year-bool",
        lambda c: mp.alliance_portfolios(_obligations(c), True),
        "InvalidArgumentTypeError",
        r"year must be an integer",
    ),
    Case(
        "alliance-portfolios-labels",
        lambda c: mp.alliance_portfolios(_obligations(c), 2012, labels="iso"),
        "InvalidParameterError",
        r"Unknown labels 'iso'",
    ),
    Case(
        "alliance-portfolios-raw-file-table",
        lambda c: mp.alliance_portfolios(mpio.read_cow_alliances(_ally(c)), 2012),
        "DataFormatError",
        r"not the canonical alliance-obligations table; missing columns",
    ),
    # -- events: readers ----------
    Case(
        "read-gdelt-int",
        lambda c: read_gdelt(42),
        "InvalidArgumentTypeError",
        r"paths must be a path, a glob pattern or a list of them, got int 42",
    ),
    Case(
        "read-icews-none",
        lambda c: read_icews(None),
        "InvalidArgumentTypeError",
        r"paths must be a path, a glob pattern or a list of them, got None",
    ),
    Case(
        "read-gdelt-list-with-int",
        lambda c: read_gdelt([_tab(c), 5]),
        "InvalidArgumentTypeError",
        r"paths must hold paths \(str or os\.PathLike\), got int 5",
    ),
    Case(
        "read-polecat-missing",
        lambda c: read_polecat(str(c.tmp / "nope.tsv")),
        "MissingFileError",
        r"Event file '.*nope\.tsv' does not exist",
    ),
    Case(
        "read-icews-folder",
        lambda c: read_icews(c.tmp),
        "DataFormatError",
        r"is a folder, not an event file",
    ),
    Case(
        "read-gdelt-empty",
        lambda c: read_gdelt(c.file("e.CSV", "")),
        "DataFormatError",
        r"e\.CSV: the file is empty",
    ),
    Case(
        "read-polecat-bad-zip",
        lambda c: read_polecat(_bad_zip(c)),
        "DataFormatError",
        r"not a readable zip archive",
    ),
    Case(
        "read-icews-not-tab-separated",
        lambda c: read_icews(_ally(c)),
        "DataFormatError",
        r"line 1: not tab-separated",
    ),
    Case(
        "read-gdelt-version",
        lambda c: read_gdelt(_tab(c), version="3"),
        "InvalidParameterError",
        r"Unknown GDELT version '3'; expected '1\.0', '2\.0' or None",
    ),
    Case(
        "read-gdelt-leaders-int",
        lambda c: read_gdelt(_tab(c), leaders=5),
        "InvalidArgumentTypeError",
        r"leaders must be a sequence of actor names or None, got int 5",
    ),
    Case(
        "read-gdelt-leaders-str",
        lambda c: read_gdelt(_tab(c), leaders="MOON JAE-IN"),
        "InvalidArgumentTypeError",
        r"leaders must be a sequence of actor names or None, got str 'MOON",
    ),
    Case(
        "read-gdelt-keep-original-str",
        lambda c: read_gdelt(_tab(c), keep_original="yes"),
        "InvalidArgumentTypeError",
        r"keep_original must be True or False, got str 'yes'",
    ),
    Case(
        "read-icews-encoding-unknown",
        lambda c: read_icews(_tab(c), encoding="klingon"),
        "InvalidParameterError",
        r"Unknown encoding 'klingon'",
    ),
    Case(
        "read-polecat-encoding-int",
        lambda c: read_polecat(_tab(c), encoding=8),
        "InvalidArgumentTypeError",
        r"encoding must be a codec name such as 'utf-8' or None, got int 8",
    ),
    # -- events: contacts and panels ----------
    Case(
        "contacts-events-list",
        lambda c: ev_contacts([1, 2], "KOR", EV_START, EV_END),
        "InvalidArgumentTypeError",
        r"events must be a pandas or Dask DataFrame in the canonical event format",
    ),
    Case(
        "contact-rows-events-path",
        lambda c: contact_rows("events.csv"),
        "InvalidArgumentTypeError",
        r"events must be a pandas or Dask DataFrame .*not str",
    ),
    Case(
        "check-event-table-list",
        lambda c: check_event_table([1]),
        "InvalidArgumentTypeError",
        r"events must be a pandas or Dask DataFrame",
    ),
    Case(
        "contacts-missing-column",
        lambda c: ev_contacts(EVENTS.drop(columns=["source"]), "KOR", EV_START, EV_END),
        "DataFormatError",
        r"lacks columns of the canonical event table; missing columns: 'source'",
    ),
    Case(
        "contacts-start-after-end",
        lambda c: ev_contacts(EVENTS, "KOR", EV_END, EV_START),
        "InvalidParameterError",
        r"The period ends \(2025-06-01\) before it starts \(2025-06-30\)",
    ),
    Case(
        "contacts-focal-int",
        lambda c: ev_contacts(EVENTS, 5, EV_START, EV_END),
        "InvalidArgumentTypeError",
        r"focal must be one state code, not 5",
    ),
    Case(
        "contacts-level-int",
        lambda c: ev_contacts(EVENTS, "KOR", EV_START, EV_END, level=5),
        "InvalidArgumentTypeError",
        r"level must be 'leader', 'government', 'other', a list of them or None, "
        r"got int 5",
    ),
    Case(
        "contact-rows-focal-int",
        lambda c: contact_rows(EVENTS, focal=5),
        "InvalidArgumentTypeError",
        r"focal must be a state code, a sequence of them or None, got int 5",
    ),
    Case(
        "contact-rows-focal-list-of-int",
        lambda c: contact_rows(EVENTS, focal=[5]),
        "InvalidArgumentTypeError",
        r"focal must hold state code strings, got int 5",
    ),
    Case(
        "contact-rows-start-after-end",
        lambda c: contact_rows(EVENTS, start=EV_END, end=EV_START),
        "InvalidParameterError",
        r"The period ends \(2025-06-01\) before it starts \(2025-06-30\)",
    ),
    Case(
        "contacts-mapping-missing",
        lambda c: ev_contacts(EVENTS, "KOR", EV_START, EV_END, mapping=_nope(c)),
        "MissingFileError",
        r"Channel mapping file '.*nope\.csv' does not exist",
    ),
    Case(
        "balance-panel-events-list",
        lambda c: balance_panel([1], KOREA, POLES),
        "InvalidArgumentTypeError",
        r"events must be a pandas or Dask DataFrame",
    ),
    Case(
        "balance-panel-alignment-int",
        lambda c: balance_panel(EVENTS, 5, POLES),
        "InvalidArgumentTypeError",
        r"alignment must be a RelationGraph, a mapping year -> RelationGraph or a "
        r"DataFrame of pole shares, not int",
    ),
    Case(
        "balance-panel-one-pole",
        lambda c: balance_panel(EVENTS, KOREA, ("USA",)),
        "InvalidParameterError",
        r"At least two distinct poles are needed, got \['USA'\]",
    ),
    Case(
        "balance-panel-poles-int",
        lambda c: balance_panel(EVENTS, KOREA, 5),
        "InvalidArgumentTypeError",
        r"poles must be a sequence of state codes such as \('USA', 'CHN'\), got int 5",
    ),
    Case(
        "balance-panel-freq-unknown",
        lambda c: balance_panel(EVENTS, KOREA, POLES, freq="fortnight"),
        "InvalidParameterError",
        r"Unknown frequency 'fortnight'; expected a pandas offset alias",
    ),
    Case(
        "balance-panel-freq-none",
        lambda c: balance_panel(EVENTS, KOREA, POLES, freq=None),
        "InvalidArgumentTypeError",
        r"freq must be a pandas offset alias such as 'MS', got None",
    ),
    Case(
        "balance-panel-salience",
        lambda c: balance_panel(EVENTS, KOREA, POLES, salience="cubic"),
        "InvalidParameterError",
        r"Unknown salience scheme 'cubic'",
    ),
    Case(
        "balance-panel-focal-int",
        lambda c: balance_panel(EVENTS, KOREA, POLES, focal=5),
        "InvalidArgumentTypeError",
        r"focal must be a state code, a sequence of them or None, got int 5",
    ),
    Case(
        "balance-panel-min-contacts-negative",
        lambda c: balance_panel(EVENTS, KOREA, POLES, min_contacts=-1),
        "InvalidParameterError",
        r"min_contacts must be an integer >= 1, not -1",
    ),
    Case(
        "balance-panel-min-contacts-str",
        lambda c: balance_panel(EVENTS, KOREA, POLES, min_contacts="1"),
        "InvalidArgumentTypeError",
        r"min_contacts must be an integer >= 1, not '1'",
    ),
    Case(
        "balance-panel-unaligned",
        lambda c: balance_panel(EVENTS, KOREA, POLES, unaligned="skip"),
        "InvalidParameterError",
        r"Unknown unaligned policy 'skip'; expected 'raise' or 'drop'",
    ),
    Case(
        "balance-panel-shares-missing-columns",
        lambda c: balance_panel(EVENTS, pd.DataFrame({"a": [1]}), POLES),
        "DataFormatError",
        r"a table of pole shares needs columns year, state and one per pole",
    ),
    # -- plot ----------
    Case(
        "plot-balance-over-time-int",
        lambda c: mpplot.balance_over_time(5),
        "InvalidArgumentTypeError",
        r"graphs must be a mapping of window to signed graph, .*got int 5",
    ),
    Case(
        "plot-balance-over-time-frustration-str",
        lambda c: mpplot.balance_over_time({2012: c.g}, frustration="yes"),
        "InvalidArgumentTypeError",
        r"frustration must be True or False, got str 'yes'",
    ),
    Case(
        "plot-balance-over-time-method",
        lambda c: mpplot.balance_over_time({2012: c.g}, method="fast"),
        "InvalidParameterError",
        r"Unknown method 'fast'; expected 'exact', 'heuristic' or 'auto'",
    ),
    Case(
        "plot-balance-over-time-focal-absent",
        lambda c: mpplot.balance_over_time(_panel(), focal="BRA"),
        "InvalidParameterError",
        r"Focal state\(s\) 'BRA' have no row in the panel",
    ),
    Case(
        "plot-panel-over-time-none",
        lambda c: mpplot.panel_over_time(None),
        "InvalidArgumentTypeError",
        r"panel must be a pandas DataFrame from balance_panel, got None",
    ),
    Case(
        "plot-panel-over-time-focal-absent",
        lambda c: mpplot.panel_over_time(_panel(), focal="BRA"),
        "InvalidParameterError",
        r"Focal state\(s\) 'BRA' have no row in the panel",
    ),
    Case(
        "plot-panel-over-time-focal-int",
        lambda c: mpplot.panel_over_time(_panel(), focal=5),
        "InvalidArgumentTypeError",
        r"focal must be a state code, a sequence of them or None, got int 5",
    ),
    Case(
        "plot-panel-over-time-measure",
        lambda c: mpplot.panel_over_time(_panel(), measure="X"),
        "InvalidParameterError",
        r"The panel lacks column\(s\) 'X'",
    ),
    Case(
        "plot-panel-over-time-counts-str",
        lambda c: mpplot.panel_over_time(_panel(), counts="yes"),
        "InvalidArgumentTypeError",
        r"counts must be True or False, got str 'yes'",
    ),
    Case(
        "plot-panel-over-time-ax-str",
        lambda c: mpplot.panel_over_time(_panel(), ax="left"),
        "InvalidArgumentTypeError",
        r"ax must be a matplotlib Axes or None, got str 'left'",
    ),
    Case(
        "plot-measures-over-years-year-str",
        lambda c: mpplot.measures_over_years({"E": {"2012": 0.5}}),
        "InvalidArgumentTypeError",
        r"Years must be integers; series 'E' has the key '2012'",
    ),
    Case(
        "plot-measures-over-years-empty",
        lambda c: mpplot.measures_over_years({}),
        "InvalidParameterError",
        r"measures_over_years needs at least one series",
    ),
    Case(
        "plot-measures-over-years-ylabel-int",
        lambda c: mpplot.measures_over_years({"E": {2012: 0.5}}, ylabel=5),
        "InvalidArgumentTypeError",
        r"ylabel must be a string, got int 5",
    ),
    Case(
        "plot-relation-graph-nx",
        lambda c: mpplot.relation_graph(nx.Graph()),
        "InvalidArgumentTypeError",
        r"graph must be a RelationGraph .*got Graph",
    ),
    Case(
        "plot-relation-graph-pos-int",
        lambda c: mpplot.relation_graph(c.g, pos=5),
        "InvalidArgumentTypeError",
        r"pos must be a mapping or None, got int 5",
    ),
    Case(
        "plot-relation-graph-seed-str",
        lambda c: mpplot.relation_graph(c.g, seed="a"),
        "InvalidArgumentTypeError",
        r"seed must be None or a non-negative integer, got str 'a'",
    ),
    Case(
        "plot-attention-int",
        lambda c: mpplot.attention(5),
        "InvalidArgumentTypeError",
        r"report must be a BalanceReport \(from mp\.assess\), got int 5",
    ),
    Case(
        "plot-sensitivity-int",
        lambda c: mpplot.sensitivity(5),
        "InvalidArgumentTypeError",
        r"result must be a SensitivityResult",
    ),
    Case(
        "plot-compare-int",
        lambda c: mpplot.compare(5),
        "InvalidArgumentTypeError",
        r"comparison must be a Comparison",
    ),
    # -- snapshot ----------
    Case(
        "alignment-matrix-graph-int",
        lambda c: alignment_matrix(5, c.poles),
        "InvalidArgumentTypeError",
        r"graph must be a RelationGraph, got int 5",
    ),
    Case(
        "snapshot-check-poles-int",
        lambda c: check_poles(c.g, 5),
        "InvalidArgumentTypeError",
        r"poles must be a sequence of state codes such as \('USA', 'CHN'\), got int 5",
    ),
]


def _error_class(name: str) -> type[BaseException]:
    if name == "ValidationError":
        return pydantic.ValidationError
    cls: type[BaseException] = getattr(mpx, name)
    return cls


@pytest.fixture
def ctx(tmp_path: Path) -> Ctx:
    return make_ctx(tmp_path)


def test_the_table_is_large_and_ids_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)


def _params(cases: list[Case]) -> list[Any]:
    return [
        pytest.param(
            c,
            id=c.id,
            marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [],
        )
        for c in cases
    ]


@pytest.mark.parametrize("case", _params(CASES))
def test_bad_input_raises_the_documented_error(case: Case, ctx: Ctx) -> None:
    with pytest.raises(_error_class(case.error), match=case.match) as info:
        case.call(ctx)
    err = info.value
    assert isinstance(err, mpx.MiddlePowerError | pydantic.ValidationError)
    if isinstance(err, mpx.MiddlePowerError):
        assert "\n" not in str(err), "one sentence, one line"


def test_errors_are_also_the_builtin_that_fits(ctx: Ctx) -> None:
    with pytest.raises(TypeError):
        mp.assess(ctx.g, ctx.contacts, ctx.poles)  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        mp.load_scenario("korea-2052")
    with pytest.raises(FileNotFoundError):
        mp.load_scenario(str(ctx.tmp / "nowhere.json"))
    with pytest.raises(ValueError):
        mp.TieKind("allience")
    with pytest.raises(KeyError):
        ctx.sc.sequence("Yoon")


# -- what is accepted -----------------------------------------------------------


def test_dates_accept_iso_strings_dates_and_midnight_datetimes() -> None:
    day = dt.date(2025, 6, 6)
    for on in ("2025-06-06", day, dt.datetime(2025, 6, 6)):
        assert mp.Contact(partner="USA", on=on).on == day
    aware = dt.datetime(2025, 6, 6, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert mp.Contact(partner="USA", on=aware).on == day  # its own local date
    assert mp.Contact(partner="USA", on=day, time="09:30").time == dt.time(9, 30)


def test_numbers_accept_ints_and_numpy() -> None:
    np = pytest.importorskip("numpy")
    assert T(strength=1).strength == 1.0
    assert T(strength=np.float32(0.5)).strength == 0.5
    assert mp.State(code="KOR", name="Korea", cow=np.int64(732)).cow == 732
    assert T(strength=1, directed=np.True_).directed is True


def test_every_bundled_scenario_still_parses_from_json() -> None:
    root = Path(__file__).resolve().parents[1] / "seeds"
    for path in sorted(root.glob("*.json")):
        sc = mp.Scenario.model_validate_json(path.read_bytes())
        assert sc.check_codes is True
        assert mp.Scenario.from_json(sc.to_json()) == sc


def test_registry_opt_out_for_user_defined_codes(tmp_path: Path) -> None:
    states = [{"code": c, "name": c} for c in ("MID", "PAA", "PBB")]
    data = {"name": "toy", "title": "Toy", "states": states, "poles": ["PAA", "PBB"]}
    with pytest.raises(pydantic.ValidationError, match="check_codes=False"):
        mp.Scenario.model_validate(data)
    # a field, kept by the JSON round trip ...
    sc = mp.Scenario.model_validate({**data, "check_codes": False})
    assert mp.Scenario.from_json(sc.to_json()) == sc
    # ... or the validation context, which records the choice
    via_context = mp.Scenario.model_validate(data, context={"check_codes": False})
    assert via_context.check_codes is False
    path = tmp_path / "toy.json"
    path.write_text(__import__("json").dumps(data))
    with pytest.raises(pydantic.ValidationError, match="state registry"):
        mp.load_scenario(path)
    assert mp.load_scenario(path, check_codes=False).codes == ("MID", "PAA", "PBB")
    # graphs: the opt-out is kept by snapshots and every round trip
    ties = [mp.Tie(source="MID", target="PAA", kind="alliance", strength=1)]
    with pytest.raises(mpx.UnregisteredCodeError, match=r"'MID', 'PAA'"):
        mp.RelationGraph(ties)
    g = mp.RelationGraph(ties, check_codes=False)
    assert not g.registry_checked and not g.at("2025-01-01").registry_checked
    assert mp.RelationGraph.from_json(g.to_json()).identical(g)
    assert mp.RelationGraph.from_scenario(sc).registry_checked is False
    gml = tmp_path / "g.graphml"
    g.write_graphml(gml)
    assert mp.RelationGraph.read_graphml(gml).identical(g)
    with pytest.raises(mpx.UnregisteredCodeError):
        mp.RelationGraph.from_json(g.to_json(), check_codes=True)


def test_registry_check_is_one_set_difference() -> None:
    """The check costs a set lookup per distinct code, not pydantic work per tie."""
    from middlepower import _checks

    codes = sorted(_checks.registry_codes())
    assert _checks.unregistered_codes(codes * 50) == []
    assert _checks.unregistered_codes(iter(["KOR", "XXA", "KOR", "XXA"])) == ["XXA"]
