"""Run the documentation's code examples and check (or refresh) their output.

Every output shown in ``docs/*.md`` is produced by this script, never typed by
hand. Two conventions:

* a ```` ```python ```` block immediately followed by a ```` ```text ```` block:
  the Python block is run (in a fresh interpreter, from a scratch folder) and
  its standard output must equal the text block;
* a ```` ```console ```` block: each line starting with ``$ `` is a shell
  command (``middlepower ...`` runs as ``python -m middlepower ...``); the
  lines up to the next ``$ `` line are its output.

A Python block preceded by ``<!-- snippet: skip -->`` is not run. Blocks of one
page run in order in the same scratch folder, so a later block can read a
file an earlier one wrote.

Usage (from the repository root)::

    PYTHONPATH=src python docs/_ext/snippets.py            # check, exit 1 on drift
    PYTHONPATH=src python docs/_ext/snippets.py --update   # rewrite the outputs
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
FENCE = re.compile(r"^```(?P<lang>[\w-]*)\s*$")


def _blocks(lines: list[str]) -> list[tuple[str, int, int]]:
    """(language, first content line, closing fence line) of each fenced block."""
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m and m["lang"]:
            j = i + 1
            while j < len(lines) and lines[j].rstrip() != "```":
                j += 1
            out.append((m["lang"], i + 1, j))
            i = j + 1
        else:
            i += 1
    return out


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    env["COLUMNS"] = "80"
    return env


def _run_python(code: str, cwd: str) -> str:
    res = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if res.returncode:
        raise RuntimeError(f"snippet failed:\n{code}\n{res.stderr}")
    return res.stdout


def _run_shell(command: str, cwd: str) -> str:
    command = re.sub(
        r"(^|\|\s*)middlepower\b",
        lambda m: m.group(1) + shlex.quote(sys.executable) + " -m middlepower",
        command,
    )
    command = re.sub(
        r"(^|\|\s*)python\b", lambda m: m.group(1) + sys.executable, command
    )
    res = subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    return res.stdout + res.stderr


def process(page: Path, update: bool) -> bool:
    """Check (or update) one page; return True if it is in sync."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks = _blocks(lines)
    replacements: list[tuple[int, int, list[str]]] = []
    ok = True
    with tempfile.TemporaryDirectory() as cwd:
        for k, (lang, start, end) in enumerate(blocks):
            body = lines[start:end]
            if lang == "python":
                prev = [s for s in lines[: start - 1] if s.strip()]
                skip = bool(prev) and "snippet: skip" in prev[-1]
                nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                followed = (
                    nxt is not None
                    and nxt[0] == "text"
                    and all(not s.strip() for s in lines[end + 1 : nxt[1] - 1])
                )
                if skip:
                    continue
                out = _run_python("\n".join(body) + "\n", cwd)
                if followed:
                    assert nxt is not None
                    want = out.rstrip("\n").splitlines()
                    have = lines[nxt[1] : nxt[2]]
                    if want != have:
                        ok = False
                        replacements.append((nxt[1], nxt[2], want))
                        _show(page, nxt[1], have, want)
            elif lang == "console":
                new: list[str] = []
                i = 0
                while i < len(body):
                    line = body[i]
                    if not line.startswith("$ "):
                        i += 1
                        continue
                    j = i + 1
                    while j < len(body) and not body[j].startswith("$ "):
                        j += 1
                    have = body[i + 1 : j]
                    out = _run_shell(line[2:], cwd).rstrip("\n").splitlines()
                    if have != out:
                        ok = False
                        _show(page, start + i + 1, have, out)
                    new += [line, *out]
                    i = j
                if new != body:
                    replacements.append((start, end, new))
    if update and replacements:
        for a, b, new in sorted(replacements, reverse=True):
            lines[a:b] = new
        page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ok


def _show(page: Path, line: int, have: list[str], want: list[str]) -> None:
    print(f"{page.relative_to(ROOT)}:{line + 1}: output differs")
    for d in difflib.unified_diff(have, want, "shown", "actual", lineterm="", n=1):
        print("    " + d)


def main() -> int:
    """Check every page (or the ones named); return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    pages = args.pages or sorted(DOCS.glob("*.md"))
    status = 0
    for page in pages:
        if not process(page.resolve(), args.update):
            status = 1
    print(
        "snippets "
        + ("updated" if args.update else "in sync" if not status else "out of sync")
    )
    return 0 if args.update else status


if __name__ == "__main__":
    sys.exit(main())
