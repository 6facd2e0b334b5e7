"""Compare country-code libraries, and middlepower.io.codes built on countrycode.

Coverage on the real lists (COW numbers of the bundled states2016, the country
names of the ICEWS sample in tests/data/events) and speed on event-table sizes.
The figures are recorded in docs/country-codes.md.

    PYTHONPATH=src python benchmarks/bench_country_codes.py [--quick]

Targets (PASS/FAIL): middlepower maps every COW number (year-aware at the start
of each spell) and every ICEWS name; it converts a 1,000,000-row column at least
10x faster than countrycode's own list conversion (extrapolated from 20,000 rows;
countrycode compares each value with every row of its table, middlepower maps
the distinct values once).
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata as md
import logging
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from middlepower.io.codes import to_iso3

ROOT = Path(__file__).resolve().parents[1]
STATES = ROOT / "src" / "middlepower" / "datasets" / "data" / "cow" / "states2016.csv"
ICEWS = ROOT / "tests" / "data" / "events" / "icews.events.2018.sample.tab"


def _states() -> list[dict[str, str]]:
    with STATES.open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["ccode"]]


def _icews_names() -> list[str]:
    frame = pd.read_csv(
        ICEWS, sep="\t", quoting=3, encoding="latin-1", dtype=str, keep_default_na=False
    )
    names = set(frame["Source Country"]) | set(frame["Target Country"])
    return sorted((names | set(frame["Country"])) - {"NA"})


def _timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller speed test")
    args = parser.parse_args()
    rows = 200_000 if args.quick else 1_000_000

    states = _states()
    cowns = sorted({int(r["ccode"]) for r in states})
    names = _icews_names()
    print(f"COW numbers in states2016: {len(cowns)} ({cowns[0]}..{cowns[-1]})")
    print(f"distinct ICEWS country names in the sample: {len(names)}")

    # -- countrycode ------------------------------------------------------------
    import countrycode as cc

    version = md.version("countrycode")
    cow_iso = cc.countrycode(cowns, origin="cown", destination="iso3c")
    cow_ok = sum(v is not None for v in cow_iso)
    names_iso, t_names = _timed(
        cc.countrycode, names, origin="country.name", destination="iso3c"
    )
    names_ok = sum(v is not None for v in names_iso)
    print(f"\ncountrycode {version} (GPL-3.0-or-later)")
    print(f"  COW numbers -> iso3c: {cow_ok}/{len(cowns)}")
    print(
        "  missing: "
        + " ".join(str(c) for c, v in zip(cowns, cow_iso, strict=True) if v is None)
    )
    print(f"  ICEWS names -> iso3c: {names_ok}/{len(names)} in {t_names * 1e3:.1f} ms")
    sample = list(np.random.default_rng(0).choice(cowns, 20_000))
    _, t_cc = _timed(cc.countrycode, sample, origin="cown", destination="iso3c")
    per_million_cc = t_cc / len(sample) * 1e6
    print(f"  20,000 COW numbers: {t_cc:.2f} s (~{per_million_cc:.0f} s per million)")

    # -- country_converter ------------------------------------------------------------
    import country_converter as coco

    print(
        f"\ncountry_converter {md.version('country_converter')} (GPLv3), "
        f"pandas {pd.__version__}"
    )
    try:
        coco.CountryConverter()
        print("  CountryConverter() constructed")
    except TypeError as err:
        print(f"  CountryConverter() raises TypeError: {err}")
    data = pd.read_csv(
        Path(coco.__file__).parent / "country_data.tsv",
        sep="\t",
        dtype=str,
        keep_default_na=False,
    )
    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    conv = coco.CountryConverter(country_data=data)
    got = conv.convert(names, src="regex", to="ISO3", not_found="not found")
    ok = sum(g != "not found" for g in got)
    print(
        f"  with the data read as text (workaround): ICEWS names -> ISO3: "
        f"{ok}/{len(names)}"
    )
    print(f"  COW numbers: no COW column (has {'GWcode' in data.columns and 'GWcode'})")

    # -- pycountry ---------------------------------------------------------------------
    import pycountry

    def _lookup(name: str) -> str | None:
        try:
            return str(pycountry.countries.lookup(name).alpha_3)
        except LookupError:
            return None

    got = [_lookup(n) for n in names]
    print(f"\npycountry {md.version('pycountry')} (LGPL-2.1-only)")
    unmatched = [n for n, g in zip(names, got, strict=True) if g is None]
    print(f"  ICEWS names -> alpha_3 (lookup): {len(names) - len(unmatched)}")
    print(f"    of {len(names)}; unmatched: {unmatched}")
    print("  COW numbers: not supported (ISO 3166 only)")

    # -- middlepower.io.codes ---------------------------------------------------
    starts = [int(r["styear"]) for r in states]
    ours = to_iso3([int(r["ccode"]) for r in states], "cown", year=starts)
    ours_ok = sum(v is not None for v in ours)
    ours_names = to_iso3(names, "name")
    ours_names_ok = sum(v is not None for v in ours_names)
    big = pd.Series(np.random.default_rng(1).choice(cowns, rows))
    to_iso3(big.head(10), "cown")  # tables loaded
    _, t_ours = _timed(to_iso3, big, "cown", year=2000)
    per_million_ours = t_ours / rows * 1e6
    print("\nmiddlepower.io.codes (countrycode + overrides)")
    print(f"  COW spells (year-aware) -> ISO3: {ours_ok}/{len(states)}")
    print(f"  ICEWS names -> ISO3: {ours_names_ok}/{len(names)}")
    print(f"  {rows:,} COW numbers (pandas Series): {t_ours:.2f} s")
    ratio = per_million_cc / per_million_ours
    print(f"  speed-up over countrycode per row: {ratio:.0f}x")

    print()
    checks = [
        ("every COW spell maps", ours_ok == len(states)),
        ("every ICEWS name maps", ours_names_ok == len(names)),
        ("at least 10x faster than countrycode per row", ratio >= 10),
    ]
    for label, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}: {label}")
    print(f"(cpu count {os.cpu_count()})")


if __name__ == "__main__":
    main()
