"""Fuzzing the readers: malformed documents only ever raise the documented errors.

Valid documents (the editorial scenario's JSON, a relation graph's node-link
JSON and its GraphML) are mutated by hypothesis — keys deleted, values
replaced by values of the wrong type, text truncated, garbage bytes inserted,
XML elements and attributes dropped or retyped — and read back. A reader
either returns a complete, valid object (which then survives its own round
trip) or raises a :class:`~middlepower.MiddlePowerError` subclass or pydantic's
``ValidationError``; never any other exception.
"""

from __future__ import annotations

import json
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pydantic
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import middlepower as mp
from middlepower.exceptions import MiddlePowerError
from middlepower.graph import RelationGraph
from middlepower.models import Scenario

DOCUMENTED = (MiddlePowerError, pydantic.ValidationError)

SCENARIO = mp.load_scenario("korea-2025")
SCENARIO_DOC: Any = json.loads(SCENARIO.to_json())
GRAPH = RelationGraph.from_scenario(SCENARIO)
GRAPH_DOC: Any = json.loads(GRAPH.to_json())


def _graphml_text(graph: RelationGraph) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "g.graphml")
        graph.write_graphml(path)
        with open(path, encoding="utf-8") as fh:
            return fh.read()


GRAPHML = _graphml_text(GRAPH)

# -- mutations of JSON documents ------------------------------------------------

Path = tuple[Any, ...]

WRONG_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", "2025-06-06", "2025-02-30", "KOR", "CNH", "trade", "1.0"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _paths(doc: Any, prefix: Path = ()) -> list[Path]:
    """Every path to a value inside ``doc`` (the root included)."""
    out: list[Path] = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*prefix, i))
    return out


def _copy(doc: Any) -> Any:
    return json.loads(json.dumps(doc))


def _parent(doc: Any, path: Path) -> tuple[Any, Any]:
    node = doc
    for key in path[:-1]:
        node = node[key]
    return node, path[-1]


@st.composite
def mutated_json(draw: st.DrawFn, doc: Any) -> str | bytes:
    """A valid JSON document with one to three mutations."""
    data = _copy(doc)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        op = draw(st.sampled_from(["delete", "replace", "replace", "duplicate"]))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path)
        if op == "delete":
            del parent[key]
        elif op == "replace":
            parent[key] = draw(WRONG_VALUES)
        elif isinstance(parent, list):
            parent.append(_copy(parent[key]))
        else:
            parent[draw(st.sampled_from(["extra", "weight", "id", "order"]))] = _copy(
                parent[key]
            )
    text = json.dumps(data)
    return draw(_damaged(text))


@st.composite
def _damaged(draw: st.DrawFn, text: str) -> str | bytes:
    """The text as is, truncated, or with garbage inserted (sometimes as bytes)."""
    how = draw(st.sampled_from(["keep", "keep", "truncate", "garbage", "bytes"]))
    if how == "keep":
        return text
    at = draw(st.integers(0, len(text)))
    if how == "truncate":
        return text[:at]
    if how == "garbage":
        return text[:at] + draw(st.text(min_size=1, max_size=8)) + text[at:]
    raw = text.encode("utf-8")
    return raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]


def _only_documented(read: Callable[[], object]) -> object | None:
    try:
        return read()
    except DOCUMENTED:
        return None
    except Exception as err:  # pragma: no cover - what the test looks for
        pytest.fail(f"undocumented {type(err).__name__}: {err}")


# -- scenario JSON ----------------------------------------------------------------


@given(mutated_json(SCENARIO_DOC))
@example(b"\xff\xfe")
@example('{"name": "x"}')
@example(json.dumps({**SCENARIO_DOC, "check_codes": "no"}))
def test_malformed_scenario_json(text: str | bytes) -> None:
    sc = _only_documented(lambda: Scenario.model_validate_json(text))
    if sc is not None:
        assert isinstance(sc, Scenario)
        assert Scenario.from_json(sc.to_json()) == sc


@given(mutated_json(SCENARIO_DOC))
@example("")
@example("[1, 2")
def test_malformed_scenario_file(text: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "case.json")
        with open(path, "wb") as fh:
            fh.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        sc = _only_documented(lambda: mp.load_scenario(path))
    if sc is not None:
        assert isinstance(sc, Scenario) and sc.sequences


# -- graph JSON ---------------------------------------------------------------------


@given(mutated_json(GRAPH_DOC))
@example("{}")
@example('{"nodes": [{"id": "KOR"}], "edges": [{"source": "KOR"}]}')
@example('{"nodes": [], "graph": []}')
@example('{"nodes": [{"id": ["KOR"]}]}')
def test_malformed_graph_json(text: str | bytes) -> None:
    g = _only_documented(lambda: RelationGraph.from_json(text))
    if g is not None:
        assert isinstance(g, RelationGraph)
        assert RelationGraph.from_json(g.to_json()).identical(g)


@given(mutated_json(GRAPH_DOC))
def test_malformed_node_link_data(text: str | bytes) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        return
    g = _only_documented(lambda: RelationGraph.from_node_link(data))
    if g is not None:
        assert RelationGraph.from_node_link(g.to_node_link()).identical(g)


# -- GraphML -------------------------------------------------------------------------

_NS = "{http://graphml.graphdrawing.org/xmlns}"


@st.composite
def mutated_graphml(draw: st.DrawFn) -> str | bytes:
    """The editorial graph's GraphML with elements or attributes broken."""
    root = ET.fromstring(GRAPHML)
    elements = list(root.iter())
    for _ in range(draw(st.integers(1, 3))):
        op = draw(
            st.sampled_from(
                [
                    "drop-element",
                    "drop-attribute",
                    "set-attribute",
                    "set-text",
                    "retype",
                ]
            )
        )
        el = draw(st.sampled_from(elements))
        if op == "drop-element":
            parents = [p for p in root.iter() if el in list(p)]
            if parents:
                parents[0].remove(el)
        elif op == "drop-attribute" and el.attrib:
            del el.attrib[draw(st.sampled_from(sorted(el.attrib)))]
        elif op == "set-attribute":
            name = draw(st.sampled_from(sorted(el.attrib) or ["id"]))
            el.set(name, draw(st.text(max_size=10)))
        elif op == "set-text":
            el.text = draw(
                st.one_of(st.text(max_size=20), st.sampled_from(["{}", "x", "-1"]))
            )
        else:
            keys = list(root.iter(f"{_NS}key"))
            if keys:
                key = draw(st.sampled_from(keys))
                key.set(
                    "attr.type",
                    draw(st.sampled_from(["int", "long", "double", "boolean", "x"])),
                )
    ET.register_namespace("", _NS[1:-1])
    text = ET.tostring(root, encoding="unicode")
    return draw(_damaged(text))


def _read_graphml(text: str | bytes) -> object | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "g.graphml")
        with open(path, "wb") as fh:
            fh.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        return _only_documented(lambda: RelationGraph.read_graphml(path))


@given(mutated_graphml())
@example("")
@example("<graphml><a>")
@example("<notgraphml/>")
@example(GRAPHML.replace('attr.type="long"', 'attr.type="string"'))
def test_malformed_graphml(text: str | bytes) -> None:
    g = _read_graphml(text)
    if g is not None:
        assert isinstance(g, RelationGraph)
        assert len(g.ties) <= len(GRAPH.ties)


def test_unmutated_documents_read_back_identical() -> None:
    assert Scenario.model_validate_json(json.dumps(SCENARIO_DOC)) == SCENARIO
    assert RelationGraph.from_json(json.dumps(GRAPH_DOC)).identical(GRAPH)
    g = _read_graphml(GRAPHML)
    assert isinstance(g, RelationGraph) and g.identical(GRAPH)
