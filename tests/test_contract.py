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

import networkx as nx
import pydantic
import pytest

import middlepower as mp
import middlepower.exceptions as mpx
from middlepower.analysis.compare import Comparison


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
    # -- models: numbers are numbers -----------------------------------------
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
    # -- enums ------------------------------------------------------------------
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
    # -- scenarios ------------------------------------------------------------------
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
    # -- assess ---------------------------------------------------------------------
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
    # -- compare --------------------------------------------------------------------
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


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
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
