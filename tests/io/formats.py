"""Files in the documented formats of data sets not available here (DATA_FORMATS.md).

The original COW alliance, ATOP, COW contiguity and COW dyadic trade files
cannot be downloaded on the test machine, so the tests write them: the
headers exactly as documented, real COW state numbers, years and obligations
(the ROK-US Mutual Defense Treaty, signed 1 October 1953, a defence pact;
China-DPRK 1961; Korea's neighbours), with ``version4id``/``atopid`` values
and trade figures that are illustrative (of the right order, not copied from
the files).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

COW_ALLIANCE_HEADER = (
    "version4id,ccode1,state_name1,ccode2,state_name2,dyad_st_day,dyad_st_month,"
    "dyad_st_year,dyad_end_day,dyad_end_month,dyad_end_year,left_censor,"
    "right_censor,defense,neutrality,nonaggression,entente,year,version"
)
# (version4id, c1, name1, c2, name2, st d/m/y, end d/m/y, lc, rc, def, neu, nonagg,
# ent, year): the ROK-US pact; USA-Mexico in two alliances (duplicate dyad-year);
# China-DPRK; one of the two year == 0 rows of v4.1 (651-666).
COW_ALLIANCE_ROWS = [
    "201,2,United States of America,732,South Korea,1,10,1953,,,,0,1,1,0,0,0,2011,4.1",
    "201,2,United States of America,732,South Korea,1,10,1953,,,,0,1,1,0,0,0,2012,4.1",
    "109,2,United States of America,70,Mexico,2,9,1947,,,,0,1,1,0,0,0,2012,4.1",
    "117,2,United States of America,70,Mexico,30,4,1948,,,,0,1,0,0,0,1,2012,4.1",
    "224,710,China,731,North Korea,11,7,1961,,,,0,1,1,0,0,0,2012,4.1",
    "302,651,Egypt,666,Israel,26,3,1979,,,,0,1,0,0,1,0,0,4.1",
]

ATOP_DY_HEADER = (
    "dyad,mem1,mem2,year,atopally,defense,offense,neutral,nonagg,consul,number,"
    "atopid1,atopid2,atopid3,atopid4,atopid5,atopid6,atopid7,atopid8,atopid9,version"
)
ATOP_DY_ROWS = [
    "2732,2,732,2012,1,1,0,0,1,1,2,3230,4145,,,,,,,,5.1",
    "710731,710,731,2012,1,1,0,0,1,0,1,3445,,,,,,,,,5.1",
    "732740,732,740,2012,1,0,0,0,1,0,1,4145,,,,,,,,,5.1",
]

ATOP_DDYR_HEADER = (
    "ddyad,stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul,"
    "shareob,bilatno,multino,asymm,number,atopid1,atopid2,version"
)
ATOP_DDYR_ROWS = [
    "2732,2,732,2012,1,1,0,0,1,1,1,1,1,0,2,3230,4145,5.1",
    "732002,732,2,2012,1,1,0,0,1,1,1,1,1,0,2,3230,4145,5.1",
    "710731,710,731,2012,1,1,0,0,1,0,1,1,0,0,1,3445,,5.1",
    "731710,731,710,2012,1,1,0,0,1,0,1,1,0,0,1,3445,,5.1",
]

CONTDIR_HEADER = "dyad,statelno,statelab,statehno,statehab,conttype,begin,end,version"
CONTDIR_ROWS = [
    "710731,710,CHN,731,PRK,1,194809,201612,3.2",
    "710732,710,CHN,732,ROK,4,194906,201612,3.2",
    "731732,731,PRK,732,ROK,1,194906,201612,3.2",
    "732740,732,ROK,740,JPN,4,195204,201612,3.2",
    "710740,710,CHN,740,JPN,5,186001,187903,3.2",
    "710740,710,CHN,740,JPN,4,187903,189504,3.2",
]

CONTDIRD_HEADER = "dyad,state1no,state1ab,state2no,state2ab,year,conttype,version"
CONTDIRD_ROWS = [
    "732740,732,ROK,740,JPN,2012,4,3.2",
    "740732,740,JPN,732,ROK,2012,4,3.2",
    "731732,731,PRK,732,ROK,2012,1,3.2",
    "732731,732,ROK,731,PRK,2012,1,3.2",
]

TRADE_HEADER = (
    "ccode1,ccode2,year,importer1,importer2,flow1,flow2,smoothflow1,smoothflow2,"
    "smoothtotrade,spike1,spike2,dip1,dip2,trdspike,tradedip,bel_lux_alt_flow1,"
    "bel_lux_alt_flow2,china_alt_flow1,china_alt_flow2,source1,source2,version"
)
# flow1 = ccode1's imports from ccode2 (million current USD).
TRADE_ROWS = [
    "2,710,2012,United States of America,China,444387.5,110516.6,444387.5,110516.6,"
    "554904.1,0,0,0,0,0,0,-9,-9,-9,-9,1,1,4",
    "2,732,2012,United States of America,South Korea,59474.1,43340.6,59474.1,"
    "43340.6,102814.7,0,0,0,0,0,0,-9,-9,-9,-9,1,1,4",
    "710,732,2012,China,South Korea,168738.1,80785.4,168738.1,80785.4,249523.5,"
    "0,0,0,0,0,0,-9,-9,-9,-9,1,1,4",
    "731,732,2012,North Korea,South Korea,-9,-9,-9,-9,-9,0,0,0,0,0,0,-9,-9,-9,-9,0,0,4",
    "710,731,2012,China,North Korea,2484.7,-9,2484.7,-9,-9,0,0,0,0,0,0,-9,-9,-9,-9,"
    "1,0,4",
]


def text(header: str, rows: list[str], *, newline: str = "\n") -> str:
    """The file's text: header, rows, final newline."""
    return newline.join([header, *rows]) + newline


def write(path: str | os.PathLike[str], header: str, rows: list[str]) -> Path:
    """Write a CSV in the given format and return its path."""
    p = Path(path)
    p.write_text(text(header, rows), encoding="utf-8")
    return p


def write_zip(path: str | os.PathLike[str], members: dict[str, str]) -> Path:
    """Write a zip archive whose members have the given texts."""
    p = Path(path)
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return p
