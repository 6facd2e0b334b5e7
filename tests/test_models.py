"""Tests for the data model (METHODS.md §1): validation, round trips, schema."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import (
    contact_sequences,
    evidence,
    scenarios,
    state_codes,
    states,
    ties,
)

import middlepower as mp
from middlepower.exceptions import (
    InvalidParameterError,
    MiddlePowerError,
    UnknownStateError,
)
from middlepower.models import (
    ALIGNMENT_WEIGHTS,
    CHANNEL_WEIGHTS,
    INTEREST_WEIGHTS,
    SIGNED_WEIGHTS,
    Channel,
    Contact,
    ContactSequence,
    Dimension,
    Evidence,
    FrozenModel,
    Scenario,
    State,
    Tie,
    TieKind,
)
from middlepower.registry import known_codes, validate_codes

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "scenario.schema.json"

# -- builders for the validation table -----------------------------------------


def _tie(**kw: Any) -> dict[str, Any]:
    return {"source": "KOR", "target": "USA", "kind": "alliance", "strength": 1.0, **kw}


def _contact(partner: str, on: str, **kw: Any) -> dict[str, Any]:
    return {"partner": partner, "on": on, **kw}


def _seq(*contacts: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {"focal": "KOR", "contacts": list(contacts), **kw}


def _states(*codes: str) -> list[dict[str, str]]:
    return [{"code": c, "name": c.title()} for c in codes]


def _scenario(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "toy",
        "title": "A toy case",
        "states": _states("KOR", "USA", "CHN"),
        "poles": ["USA", "CHN"],
    }
    return {**base, **kw}


def _trade(start: str, end: str) -> dict[str, Any]:
    return {
        "source": "KOR",
        "target": "CHN",
        "kind": "trade",
        "strength": 0.2,
        "start": start,
        "end": end,
    }


INVALID = [
    # -- State: the form of a code
    pytest.param(
        State, {"code": "kor", "name": "x"}, r"state code 'kor'", id="code-lower"
    ),
    pytest.param(State, {"code": "K", "name": "x"}, r"state code 'K'", id="code-short"),
    pytest.param(
        State, {"code": "1AB", "name": "x"}, r"state code '1AB'", id="code-digit"
    ),
    pytest.param(
        State,
        {"code": "KOREA_REPUBLIC", "name": "x"},
        r"state code 'KOREA_REPUBLIC'",
        id="code-long",
    ),
    pytest.param(
        State, {"code": "KOR", "name": ""}, r"name\s+String should", id="no-name"
    ),
    pytest.param(
        State,
        {"code": "KOR", "name": "x", "nmae": "y"},
        r"nmae\s+Extra inputs",
        id="typo",
    ),
    # -- Tie
    pytest.param(
        Tie, _tie(target="KOR"), r"cannot join state 'KOR' to itself", id="self-tie"
    ),
    pytest.param(Tie, _tie(strength=-0.1), r"input_value=-0\.1", id="strength-neg"),
    pytest.param(Tie, _tie(strength=1.5), r"input_value=1\.5", id="strength-above"),
    pytest.param(
        Tie,
        _tie(strength=math.nan),
        r"strength\s+.*finite number.*input_value=nan",
        id="nan",
    ),
    pytest.param(
        Tie,
        _tie(strength=math.inf),
        r"strength\s+.*finite number.*input_value=inf",
        id="inf",
    ),
    pytest.param(
        Tie,
        _tie(value=math.nan, unit="bn USD"),
        r"value\s+.*finite number.*input_value=nan",
        id="value-nan",
    ),
    pytest.param(
        Tie,
        _tie(value=-math.inf, unit="bn USD"),
        r"value\s+.*finite number.*input_value=-inf",
        id="value-inf",
    ),
    pytest.param(
        Tie, _tie(kind="friendship"), r"unknown tie kind 'friendship'", id="bad-kind"
    ),
    pytest.param(
        Tie, _tie(value=271.0), r"raw value 271\.0 needs a unit", id="no-unit"
    ),
    pytest.param(
        Tie,
        _tie(value=271.0, unit=""),
        r"raw value 271\.0 needs a unit",
        id="empty-unit",
    ),
    pytest.param(
        Tie,
        _tie(start="2025-01-01", end="2024-01-01"),
        r"ends on 2024-01-01 before it starts on 2025-01-01",
        id="end-before-start",
    ),
    pytest.param(Tie, _tie(strenght=0.5), r"strenght\s+Extra inputs", id="tie-typo"),
    # -- Contact and ContactSequence
    pytest.param(
        Contact,
        _contact("USA", "2025-06-06", channel="telegram"),
        r"unknown channel 'telegram'",
        id="bad-channel",
    ),
    pytest.param(
        Contact,
        _contact("USA", "2025-06-06", duration_min=0),
        r"duration_min\s+Input should be greater than 0",
        id="zero-duration",
    ),
    pytest.param(
        Contact,
        _contact("USA", "2025-06-06", chanel="call"),
        r"chanel",
        id="contact-typo",
    ),
    pytest.param(
        ContactSequence,
        _seq(_contact("USA", "2025-06-09"), _contact("CHN", "2025-06-06")),
        r"out of date order: contact 2 \(CHN, 2025-06-06\) comes after contact 1 "
        r"\(USA, 2025-06-09\)",
        id="date-order",
    ),
    pytest.param(
        ContactSequence,
        _seq(_contact("USA", "2025-06-06"), _contact("KOR", "2025-06-07")),
        r"contact 2 has the focal state 'KOR' contacting itself",
        id="self-contact",
    ),
    pytest.param(
        ContactSequence,
        _seq(_contact("USA", "2025-06-06"), start="2025-06-07"),
        r"start 2025-06-07 comes after the first contact \(USA, 2025-06-06\)",
        id="start-late",
    ),
    pytest.param(
        ContactSequence,
        _seq(_contact("USA", "2025-06-06", initiated_by="JPN")),
        r"initiated by 'JPN', which is neither the focal state 'KOR' nor the "
        r"partner 'USA'",
        id="initiator",
    ),
    pytest.param(
        ContactSequence,
        _seq(),
        r"contacts\s+Tuple should have at least 1 item",
        id="no-contacts",
    ),
    pytest.param(
        ContactSequence,
        _seq(_contact("USA", "2025-06-06"), labl="x"),
        r"labl\s+Extra inputs",
        id="seq-typo",
    ),
    # -- Scenario
    pytest.param(
        Scenario,
        _scenario(sequences=[_seq(_contact("JPN", "2025-06-09"))]),
        r"names partner 'JPN', which is not in scenario 'toy'",
        id="partner-missing",
    ),
    pytest.param(
        Scenario,
        _scenario(sequences=[_seq(_contact("USA", "2025-06-09"), focal="JPN")]),
        r"focal state 'JPN', which is not in scenario 'toy'",
        id="focal-missing",
    ),
    pytest.param(
        Scenario,
        _scenario(ties=[_tie(target="RUS")]),
        r"names state 'RUS', which is not in scenario 'toy'",
        id="tie-unknown-state",
    ),
    pytest.param(
        Scenario,
        _scenario(poles=["USA", "RUS"]),
        r"pole 'RUS' is not a state of scenario 'toy'",
        id="pole-unknown",
    ),
    pytest.param(
        Scenario,
        _scenario(poles=["USA", "USA"]),
        r"poles \['USA', 'USA'\] repeat a state",
        id="poles-repeat",
    ),
    pytest.param(
        Scenario,
        _scenario(poles=["USA"]),
        r"poles\s+Tuple should have at least 2 items .*input_value=\['USA'\]",
        id="one-pole",
    ),
    pytest.param(
        Scenario,
        _scenario(states=_states("KOR", "USA", "CHN", "KOR")),
        r"duplicate state codes \['KOR'\]",
        id="dup-states",
    ),
    pytest.param(
        Scenario,
        _scenario(
            ties=[
                _trade("2023-01-01", "2023-12-31"),
                _trade("2023-06-01", "2024-12-31"),
            ]
        ),
        r"two trade ties between KOR and CHN are both valid on 2023-06-01",
        id="overlap",
    ),
    pytest.param(
        Scenario,
        _scenario(
            ties=[
                _trade("2023-01-01", "2023-12-31"),
                _trade("2023-12-31", "2024-12-31"),
            ]
        ),
        r"two trade ties between KOR and CHN are both valid on 2023-12-31",
        id="overlap-one-day",
    ),
    pytest.param(
        Scenario,
        _scenario(
            ties=[
                _tie(target="CHN", kind="partnership"),
                _tie(
                    source="CHN", target="KOR", kind="partnership", start="2008-05-27"
                ),
            ]
        ),
        r"two partnership ties between CHN and KOR are both valid on 2008-05-27",
        id="overlap-symmetric-reversed",
    ),
    pytest.param(
        Scenario, _scenario(name="Korea 2025"), r"name\s+String should match", id="slug"
    ),
    pytest.param(Scenario, _scenario(pols=["USA"]), r"pols\s+Extra inputs", id="typo"),
    pytest.param(
        Evidence,
        {"source": "x", "claim": "two\nlines"},
        r"must be a single line",
        id="claim",
    ),
    pytest.param(Evidence, {"source": ""}, r"source\s+String should", id="no-source"),
]


@pytest.mark.parametrize(("model", "kwargs", "match"), INVALID)
def test_invalid_input_is_rejected(
    model: type[FrozenModel], kwargs: dict[str, Any], match: str
) -> None:
    with pytest.raises(pydantic.ValidationError, match=match):
        model.model_validate(kwargs)


VALID = [
    pytest.param(State, {"code": "KOR", "name": "South Korea"}, id="iso3"),
    pytest.param(State, {"code": "A1", "name": "Toy"}, id="two-chars"),
    pytest.param(State, {"code": "GDR", "name": "East Germany", "cow": 265}, id="hist"),
    pytest.param(State, {"code": "KOREA_RE", "name": "Eight chars"}, id="eight-chars"),
    pytest.param(Tie, _tie(strength=0.0), id="strength-0"),
    pytest.param(Tie, _tie(strength=1), id="strength-1"),
    pytest.param(Tie, _tie(start="2025-01-01", end="2025-01-01"), id="one-day"),
    pytest.param(Tie, _tie(value=0.0, unit="bn USD"), id="zero-value"),
    pytest.param(
        ContactSequence,
        _seq(_contact("USA", "2025-06-06"), start="2025-06-06"),
        id="start-equal-first",
    ),
    pytest.param(
        ContactSequence,
        _seq(_contact("USA", "2025-06-06", initiated_by="KOR")),
        id="initiated-by-focal",
    ),
    pytest.param(
        ContactSequence,
        _seq(_contact("USA", "2025-06-06", initiated_by="USA")),
        id="initiated-by-partner",
    ),
    pytest.param(
        Scenario,
        _scenario(
            ties=[
                _trade("2023-01-01", "2023-12-31"),
                _trade("2024-01-01", "2024-12-31"),
            ]
        ),
        id="adjacent-trade-years",
    ),
    pytest.param(
        Scenario,
        _scenario(
            ties=[
                _trade("2023-01-01", "2023-12-31"),
                {
                    **_trade("2023-01-01", "2023-12-31"),
                    "source": "CHN",
                    "target": "KOR",
                },
            ]
        ),
        id="trade-both-directions",
    ),
    pytest.param(Scenario, _scenario(poles=["USA", "CHN", "KOR"]), id="three-poles"),
]


@pytest.mark.parametrize(("model", "kwargs"), VALID)
def test_valid_input_is_accepted(
    model: type[FrozenModel], kwargs: dict[str, Any]
) -> None:
    m = model.model_validate(kwargs)
    assert isinstance(m, model)
    assert model.model_validate(m.model_dump()) == m


def test_same_day_contacts_keep_their_order() -> None:
    seq = ContactSequence(
        focal="KOR",
        contacts=[
            Contact(partner="JPN", on="2025-06-09"),
            Contact(partner="USA", on="2025-06-09"),
            Contact(partner="CHN", on="2025-06-09"),
            Contact(partner="USA", on="2025-06-10"),
        ],
    )
    assert seq.partners == ("JPN", "USA", "CHN", "USA")
    assert seq.distinct_partners == ("JPN", "USA", "CHN")
    assert len(seq) == 4


def test_start_defaults_to_first_contact() -> None:
    seq = ContactSequence(
        focal="KOR",
        contacts=[
            Contact(partner="USA", on="2025-06-06"),
            {"partner": "CHN", "on": "2025-06-10"},
        ],
    )
    assert seq.start == dt.date(2025, 6, 6)
    explicit = seq.replace(start=dt.date(2025, 6, 4))
    assert explicit.start == dt.date(2025, 6, 4)


@pytest.mark.parametrize(
    ("kind", "directed"),
    [
        ("alliance", False),
        ("partnership", False),
        ("trade", True),
        ("neighbour", False),
        ("rivalry", False),
    ],
)
def test_directed_defaults_to_kind(kind: str, directed: bool) -> None:
    tie = Tie(source="KOR", target="USA", kind=kind, strength=0.5)
    assert tie.directed is directed
    override = Tie(
        source="KOR", target="USA", kind=kind, strength=0.5, directed=not directed
    )
    assert override.directed is (not directed)


def test_contact_defaults() -> None:
    c = Contact(partner="USA", on="2025-06-06")
    assert c.channel is Channel.CALL
    assert c.level == "leader"
    assert c.evidence == ()
    assert c.duration_min is None and c.initiated_by is None


def test_tie_valid_on_is_inclusive() -> None:
    tie = Tie(**_tie(start="2025-01-01", end="2025-12-31"))
    assert not tie.valid_on(dt.date(2024, 12, 31))
    assert tie.valid_on(dt.date(2025, 1, 1))
    assert tie.valid_on(dt.date(2025, 12, 31))
    assert not tie.valid_on(dt.date(2026, 1, 1))
    open_tie = Tie(**_tie())
    assert open_tie.valid_on(dt.date.min) and open_tie.valid_on(dt.date.max)


def test_scenario_sequence_lookup() -> None:
    sc = Scenario.model_validate(
        _scenario(sequences=[_seq(_contact("USA", "2025-06-06"), label="first")])
    )
    assert sc.sequence() is sc.sequences[0]
    assert sc.sequence("first") is sc.sequences[0]
    assert sc.codes == ("KOR", "USA", "CHN")
    with pytest.raises(
        KeyError, match=r"no sequence 'second'; its sequences are 'first'"
    ):
        sc.sequence("second")
    with pytest.raises(KeyError, match=r"scenario 'toy' has no contact sequence"):
        Scenario.model_validate(_scenario()).sequence()


# -- (b) round trips -----------------------------------------------------------


def _codes_and_focal() -> st.SearchStrategy[tuple[list[str], str]]:
    return st.lists(state_codes(), min_size=2, max_size=5, unique=True).flatmap(
        lambda codes: st.tuples(st.just(codes), st.sampled_from(codes))
    )


def _contacts() -> st.SearchStrategy[Contact]:
    return _codes_and_focal().flatmap(
        lambda cf: contact_sequences(cf[0], cf[1], max_size=1).map(
            lambda s: s.contacts[0]
        )
    )


MODEL_STRATEGIES = [
    pytest.param(State, states(), id="State"),
    pytest.param(Evidence, evidence(), id="Evidence"),
    pytest.param(
        Tie,
        st.lists(state_codes(), min_size=2, max_size=4, unique=True).flatmap(ties),
        id="Tie",
    ),
    pytest.param(Contact, _contacts(), id="Contact"),
    pytest.param(
        ContactSequence,
        _codes_and_focal().flatmap(lambda cf: contact_sequences(cf[0], cf[1])),
        id="ContactSequence",
    ),
    pytest.param(Scenario, scenarios(), id="Scenario"),
]


@pytest.mark.parametrize(("model", "strategy"), MODEL_STRATEGIES)
def test_round_trips(
    model: type[FrozenModel], strategy: st.SearchStrategy[Any]
) -> None:
    @given(strategy)
    def check(m: FrozenModel) -> None:
        assert isinstance(m, model)
        assert model.model_validate(m.model_dump()) == m
        assert model.model_validate(m.model_dump(mode="json")) == m
        assert model.from_json(m.to_json()) == m
        assert model.from_json(m.to_json(indent=None)) == m
        assert model.model_validate_json(m.model_dump_json()) == m
        assert m.replace() == m

    check()


# -- (c) replace re-validates, (d) frozen --------------------------------------


def test_replace_revalidates() -> None:
    tie = Tie(**_tie())
    assert tie.replace(strength=0.25).strength == 0.25
    assert tie.strength == 1.0  # the original is untouched
    with pytest.raises(pydantic.ValidationError, match=r"strength\s+.*input_value=2"):
        tie.replace(strength=2)
    with pytest.raises(
        pydantic.ValidationError, match=r"cannot join state 'KOR' to itself"
    ):
        tie.replace(target="KOR")
    with pytest.raises(pydantic.ValidationError, match=r"strenght\s+Extra inputs"):
        tie.replace(strenght=0.5)
    seq = ContactSequence.model_validate(_seq(_contact("USA", "2025-06-06")))
    with pytest.raises(pydantic.ValidationError, match=r"start 2025-06-07 comes after"):
        seq.replace(start=dt.date(2025, 6, 7))
    sc = Scenario.model_validate(_scenario())
    with pytest.raises(pydantic.ValidationError, match=r"pole 'JPN' is not a state"):
        sc.replace(poles=("USA", "JPN"))


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (State(code="KOR", name="South Korea"), "code", "USA"),
        (Tie(**_tie()), "strength", 0.5),
        (Contact(partner="USA", on="2025-06-06"), "channel", "visit"),
        (Evidence(source="Dong-A Ilbo"), "source", "x"),
        (
            ContactSequence.model_validate(_seq(_contact("USA", "2025-06-06"))),
            "focal",
            "JPN",
        ),
        (Scenario.model_validate(_scenario()), "poles", ("CHN", "USA")),
    ],
    ids=lambda x: type(x).__name__ if isinstance(x, FrozenModel) else str(x),
)
def test_models_are_frozen(model: FrozenModel, field: str, value: Any) -> None:
    before = getattr(model, field)
    with pytest.raises(pydantic.ValidationError, match=r"Instance is frozen"):
        setattr(model, field, value)
    assert getattr(model, field) == before
    assert hash(model) == hash(model.model_copy())


# -- (e) the published JSON schema ---------------------------------------------


def test_scenario_schema_matches_published_file() -> None:
    published = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert Scenario.model_json_schema() == published


def test_editorial_scenario_validates_against_published_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    instance = json.loads(mp.load_scenario("korea-2025").to_json())
    jsonschema.validate(instance, schema)
    del instance["poles"]
    with pytest.raises(
        jsonschema.ValidationError, match=r"'poles' is a required property"
    ):
        jsonschema.validate(instance, schema)


def test_schema_bounds_use_json_schema_keywords() -> None:
    defs = Scenario.model_json_schema()["$defs"]
    strength = defs["Tie"]["properties"]["strength"]
    assert strength.get("minimum") == 0 and strength.get("maximum") == 1
    duration = defs["Contact"]["properties"]["duration_min"]["anyOf"][0]
    assert duration.get("exclusiveMinimum") == 0


def test_schema_states_the_code_pattern() -> None:
    code = Scenario.model_json_schema()["$defs"]["State"]["properties"]["code"]
    pattern = code.get("pattern")
    assert pattern is not None
    assert re.search(pattern, "KOR") and re.search(pattern, "A1")
    assert not any(re.search(pattern, c) for c in ("kor", "K", "1AB", "KOREA_REPUBLIC"))


# -- (f) kinds, channels and default weights -----------------------------------


@pytest.mark.parametrize(
    ("kind", "dimension", "sign", "directed"),
    [
        (TieKind.ALLIANCE, Dimension.SECURITY, 1, False),
        (TieKind.PARTNERSHIP, Dimension.DIPLOMATIC, 1, False),
        (TieKind.TRADE, Dimension.ECONOMIC, 1, True),
        (TieKind.NEIGHBOUR, Dimension.GEOGRAPHIC, 0, False),
        (TieKind.RIVALRY, Dimension.SECURITY, -1, False),
    ],
)
def test_tie_kind_table(
    kind: TieKind, dimension: Dimension, sign: int, directed: bool
) -> None:
    """METHODS.md §1: dimension, default sign and directedness of each kind."""
    assert kind.dimension is dimension
    assert kind.sign == sign
    assert kind.directed is directed
    assert str(kind) == kind.value
    tie = Tie(source="KOR", target="USA", kind=kind.value, strength=0.5)
    assert (tie.kind, tie.dimension, tie.sign, tie.directed) == (
        kind,
        dimension,
        sign,
        directed,
    )


def test_tie_kinds_and_channels_are_exactly_the_specified_ones() -> None:
    assert {k.value for k in TieKind} == {
        "alliance",
        "partnership",
        "trade",
        "neighbour",
        "rivalry",
    }
    assert {c.value for c in Channel} == {
        "call",
        "meeting",
        "visit",
        "summit",
        "letter",
        "envoy",
    }


def test_default_weights() -> None:
    """METHODS.md §2-§3: μ (channels), κ (signed, alignment) and θ (interests)."""
    assert dict(CHANNEL_WEIGHTS) == {
        Channel.CALL: 1.0,
        Channel.LETTER: 0.5,
        Channel.ENVOY: 0.75,
        Channel.MEETING: 1.5,
        Channel.SUMMIT: 1.5,
        Channel.VISIT: 2.0,
    }
    assert dict(SIGNED_WEIGHTS) == {
        TieKind.ALLIANCE: 1.0,
        TieKind.PARTNERSHIP: 0.5,
        TieKind.TRADE: 0.5,
        TieKind.RIVALRY: 1.0,
        TieKind.NEIGHBOUR: 0.0,
    }
    assert {k: w for k, w in ALIGNMENT_WEIGHTS.items() if w} == {
        TieKind.ALLIANCE: 1.0,
        TieKind.PARTNERSHIP: 0.5,
        TieKind.RIVALRY: 1.0,
    }
    assert {k: w for k, w in INTEREST_WEIGHTS.items() if w} == {
        TieKind.ALLIANCE: 1.0,
        TieKind.TRADE: 1.0,
        TieKind.NEIGHBOUR: 1.0,
    }


# -- (g) code registries -------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "scheme"),
    [
        (["KOR", "USA", "CHN", "JPN"], "iso3"),
        (["PRK", "DEU", "TWN"], "iso3"),
        ([], "iso3"),
        (["ROK", "USA", "CHN", "JPN"], "cow"),
        (["GDR", "GMY", "KOR"], "cow"),
    ],
)
def test_validate_codes_accepts_known_codes(codes: list[str], scheme: str) -> None:
    assert validate_codes(codes, scheme=scheme) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("codes", "scheme", "match"),
    [
        (["KOR", "NKR"], "iso3", r"^Unknown state code 'NKR' in the iso3 registry\.$"),
        (["ROK"], "iso3", r"'ROK' in the iso3 registry"),
        (["GDR"], "iso3", r"'GDR' in the iso3 registry"),
        (
            ["DEU", "ROK"],
            "cow",
            r"^Unknown state code 'DEU' in the cow registry; "
            r"'DEU' is an ISO3 code \(Germany\), not a COW letter code\.$",
        ),
        (
            ["XXA", "KOR", "XXB", "XXA"],
            "iso3",
            r"^Unknown state codes 'XXA', 'XXB' in the iso3 registry\.$",
        ),
    ],
)
def test_validate_codes_names_unknown_codes(
    codes: list[str], scheme: str, match: str
) -> None:
    with pytest.raises(UnknownStateError, match=match) as info:
        validate_codes(codes, scheme=scheme)  # type: ignore[arg-type]
    unknown = tuple(dict.fromkeys(c for c in codes if c not in known_codes(scheme)))  # type: ignore[arg-type]
    assert info.value.codes == unknown
    assert isinstance(info.value, KeyError) and isinstance(info.value, MiddlePowerError)


@pytest.mark.parametrize("scheme", ["iso2", "ISO3", ""])
def test_unknown_scheme_is_rejected(scheme: str) -> None:
    with pytest.raises(InvalidParameterError, match=rf"Unknown code scheme {scheme!r}"):
        validate_codes(["KOR"], scheme=scheme)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"expected one of 'iso3', 'cow'"):
        known_codes(scheme)  # type: ignore[arg-type]


def test_known_codes() -> None:
    """ISO 3166-1 has 249 current alpha-3 codes; COW 'ROK' is South Korea."""
    iso3 = known_codes("iso3")
    assert isinstance(iso3, frozenset)
    assert len(iso3) == 249
    assert {"KOR", "USA", "CHN", "JPN", "PRK"} <= iso3
    assert "ROK" not in iso3
    cow = known_codes("cow")
    assert {"ROK", "USA", "CHN", "JPN", "GDR", "GMY"} <= cow
    assert "DEU" not in cow
    assert known_codes() == iso3
    assert all(State(code=c, name=c).code == c for c in sorted(iso3 | cow))


def test_editorial_codes_are_iso3() -> None:
    """The editorial uses ISO3; in COW, 'KOR' is pre-1910 Korea and 'ROK' the ROK."""
    sc = mp.load_scenario("korea-2025")
    assert validate_codes(sc.codes, scheme="iso3") is None
    assert "KOR" in known_codes("cow")
