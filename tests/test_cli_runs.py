"""The long runs on the command line: reported seed, memory budget, progress."""

from __future__ import annotations

import json
import re

import pytest

from middlepower.cli import main

LONG = "Lee Jae-myung, first five months (June-November 2025)"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_unseeded_sensitivity_prints_its_seed_and_repeats(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "sensitivity", "--draws", "800")
    found = re.search(r"\(seed (\d+)\)", out)
    assert code == 0 and found
    seed = found.group(1)
    code, first, _ = run(capsys, "sensitivity", "--draws", "800", "--json")
    assert code == 0 and isinstance(json.loads(first)["seed"], int)
    _, again, _ = run(capsys, "sensitivity", "--draws", "800", "--seed", seed)
    assert again == out  # the printed seed repeats the run exactly


def test_sampled_orderings_report_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["orderings", "--sequence", LONG, "--samples", "300", "--no-progress"]
    code, out, _ = run(capsys, *argv, "--json")
    data = json.loads(out)
    assert code == 0 and not data["exhaustive"] and isinstance(data["seed"], int)
    _, again, _ = run(capsys, *argv, "--json", "--seed", str(data["seed"]))
    assert json.loads(again) == data
    _, text, _ = run(capsys, *argv, "--seed", "5")
    assert "seeded sample, seed 5" in text
    _, exhaustive, _ = run(capsys, "orderings", "--json")
    assert json.loads(exhaustive)["seed"] is None


def test_memory_budget_refusal_names_the_flag(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "sensitivity", "--draws", "100000000")
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert "needs about 8.01 GB of memory, above the memory_limit of 1.00 GB" in err
    assert "use fewer draws (about 12,000,000 fit)" in err
    assert "raise --memory-limit (GB, or none)" in err
    argv = ["orderings", "--sequence", LONG, "--limit", "10", "--memory-limit", "0.1"]
    code, _, err = run(capsys, *argv)
    assert code == 1 and "set limit below 10" in err
    code, out, _ = run(
        capsys, "sensitivity", "--draws", "300", "--seed", "1", "--memory-limit", "none"
    )
    assert code == 0 and "300 draws" in out


@pytest.mark.parametrize("value", ["0", "-1", "lots", "nan", "inf"])
def test_bad_memory_limit_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["sensitivity", "--memory-limit", value])
    assert exit_info.value.code == 2
    assert "--memory-limit: must be a positive number of GB" in capsys.readouterr().err


def test_no_progress_bar_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """The automatic bar appears only on a terminal (pytest captures stderr)."""
    code, _, err = run(capsys, "sensitivity", "--draws", "20000", "--seed", "1")
    assert code == 0 and err == ""
    code, _, err = run(capsys, "orderings", "--sequence", LONG, "--no-progress")
    assert code == 0 and err == ""
