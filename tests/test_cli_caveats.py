"""Caveats on the command line: shown with the report, --strict makes them errors.

Moon Jae-in's first contacts (bundled ``korea-2017-moon``) include a call to
Russia, which the scenario ties to neither pole (USA, CHN): its alignment is
the assumed 1/2 each, a caveat rather than a finding.
"""

from __future__ import annotations

import json

import pytest

from middlepower.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_lists_the_caveat_and_names_the_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "report", "korea-2017-moon")
    assert code == 0 and err == ""
    caveats = out.split("Caveats\n", 1)[1].split("\n\n", 1)[0]
    text = " ".join(line.strip("! ").strip() for line in caveats.splitlines())
    assert text.startswith("Partner RUS has no alignment tie to USA or CHN")
    assert "pass --strict to make it an error" in text
    assert "strict=True" not in out


def test_strict_report_is_a_one_line_data_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "report", "korea-2017-moon", "--strict")
    assert code == 1 and out == ""
    assert err.startswith("middlepower: error: Partner RUS has no alignment tie")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_json_report_carries_the_caveat(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "korea-2017-moon", "--json")
    caveats = json.loads(out)["report"]["caveats"]
    assert code == 0 and [c["states"] for c in caveats] == [["RUS"]]


def test_a_case_without_caveat_has_no_section(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "report", "korea-2025", "--strict")
    assert code == 0 and "Caveats" not in out
