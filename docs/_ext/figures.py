"""MkDocs hook: draw the documentation's figures from the code shown with them.

No image in these pages is made by hand or committed: every figure is drawn at
build time by the code block printed above it, with the library being
documented. The convention, in any page:

* a ```` ```python ```` block immediately followed (blank lines allowed) by a
  Markdown image whose target is ``figures/NAME.png`` is a *figure block*;
* the block must write ``NAME.png`` into its working folder, as a reader's
  script would (``ax.figure.savefig("NAME.png")``);
* the hook runs the figure blocks of each page in order, each in a fresh
  namespace, in one interpreter per page (with ``src/`` first on
  ``PYTHONPATH``), from a scratch folder, and adds each PNG to the site as
  ``figures/NAME.png`` next to the page. A block that raises, or does not
  write its PNG, fails the build; so does a committed file at a generated
  path (a stale hand-made copy) or two pages drawing the same path.

``docs/_ext/snippets.py`` runs the same blocks as ordinary examples (they
write their PNG into its scratch folder). After the build the hook checks
that every figure is in the site and that its page's HTML shows it; the same
check runs on a built site from the command line::

    python docs/_ext/figures.py --check-site SITE_DIR

Registered in ``mkdocs.yml`` under ``hooks:``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

DOCS = Path(__file__).resolve().parents[1]
ROOT = DOCS.parent
FENCE = re.compile(r"^```(?P<lang>[\w-]*)\s*$")
IMAGE = re.compile(r"^!\[[^\]]*\]\((?P<target>figures/(?P<name>[\w-]+\.png))\)")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class FigureBlock:
    """One figure block of a page: the code and the PNG it must write."""

    page: str  # source path relative to docs/, POSIX
    line: int  # 1-based line of the code block's first line
    code: str
    name: str  # NAME.png

    @property
    def src_uri(self) -> str:
        """Return the generated file's path relative to docs/ (POSIX)."""
        return str(PurePosixPath(self.page).parent / "figures" / self.name)


def figure_blocks(page: str, text: str) -> list[FigureBlock]:
    """Return the figure blocks of a page's Markdown, in order."""
    lines = text.splitlines()
    out: list[FigureBlock] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not (m and m["lang"]):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].rstrip() != "```":
            j += 1
        k = j + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        image = IMAGE.match(lines[k]) if k < len(lines) else None
        if m["lang"] == "python" and image:
            code = "\n".join(lines[i + 1 : j]) + "\n"
            out.append(FigureBlock(page, i + 2, code, image["name"]))
        i = j + 1
    return out


_DRIVER = """\
import json, os, sys, traceback
blocks = json.load(open(sys.argv[1], encoding="utf-8"))
for b in blocks:
    try:
        exec(compile(b["code"], f"{b['page']}:{b['line']}", "exec"),
             {"__name__": "__main__"})
    except BaseException:
        traceback.print_exc()
        sys.exit(f"figure block at {b['page']}:{b['line']} failed")
    if not os.path.isfile(b["name"]):
        sys.exit(f"figure block at {b['page']}:{b['line']} did not write "
                 f"{b['name']} (end it with e.g. ax.figure.savefig({b['name']!r}))")
"""


def render(blocks: list[FigureBlock]) -> dict[str, bytes]:
    """Run the figure blocks of one page; return the PNG bytes by name.

    Raises RuntimeError (with the block's traceback) when a block fails or
    does not write a PNG.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    with tempfile.TemporaryDirectory() as cwd:
        spec = Path(cwd, "_blocks.json")
        spec.write_text(json.dumps([b.__dict__ for b in blocks]), encoding="utf-8")
        res = subprocess.run(
            [sys.executable, "-c", _DRIVER, str(spec)],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if res.returncode:
            raise RuntimeError(res.stderr.strip())
        out = {}
        for b in blocks:
            data = Path(cwd, b.name).read_bytes()
            if not data.startswith(PNG_SIGNATURE):
                raise RuntimeError(
                    f"figure block at {b.page}:{b.line} wrote {b.name}, "
                    "which is not a PNG image"
                )
            out[b.name] = data
        return out


# -- the MkDocs hook --------------------------------------------------------------
_BUILT: list[tuple[str, str]] = []  # (page src_uri, figure src_uri) of this build


def on_files(files: Any, config: Any) -> Any:
    """Draw every page's figures and add them to the site's files."""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    _BUILT.clear()
    made: dict[str, str] = {}
    for page in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        text = Path(page.abs_src_path).read_text(encoding="utf-8")
        blocks = figure_blocks(page.src_uri, text)
        if not blocks:
            continue
        for b in blocks:
            if b.src_uri in made:
                raise PluginError(
                    f"{b.page}:{b.line} draws {b.src_uri}, which "
                    f"{made[b.src_uri]} draws too; give the figure another name."
                )
            if files.get_file_from_path(b.src_uri) is not None:
                raise PluginError(
                    f"docs/{b.src_uri} is drawn by {b.page}:{b.line} at build "
                    "time; delete the committed copy."
                )
            made[b.src_uri] = f"{b.page}:{b.line}"
        try:
            pngs = render(blocks)
        except RuntimeError as err:
            raise PluginError(f"drawing the figures of {page.src_uri}:\n{err}") from err
        for b in blocks:
            files.append(File.generated(config, b.src_uri, content=pngs[b.name]))
            _BUILT.append((page.src_uri, b.src_uri))
    return files


def on_post_build(config: Any) -> None:
    """Check that the built site holds every figure and its page shows it."""
    from mkdocs.exceptions import PluginError

    problems = site_problems(
        Path(config["site_dir"]),
        _BUILT,
        use_directory_urls=bool(config["use_directory_urls"]),
    )
    if problems:
        raise PluginError("\n".join(problems))


# -- checking a built site ------------------------------------------------------
class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            src = dict(attrs).get("src")
            if src:
                self.sources.append(src)


def page_html(site: Path, page: str, use_directory_urls: bool = True) -> Path:
    """Return the HTML file MkDocs writes for the page ``page`` (a .md path)."""
    stem = PurePosixPath(page).with_suffix("")
    if stem.name in ("index", "README"):
        return site / stem.parent / "index.html"
    if use_directory_urls:
        return site / stem / "index.html"
    return site / stem.with_suffix(".html")


def site_problems(
    site: Path, expected: list[tuple[str, str]], use_directory_urls: bool = True
) -> list[str]:
    """List what is missing from a built site: figure files, or images shown.

    ``expected`` holds (page, figure) pairs, both paths relative to docs/.
    """
    problems = []
    for page, figure in expected:
        target = site / figure
        if not target.is_file() or not target.read_bytes().startswith(PNG_SIGNATURE):
            problems.append(f"the site has no PNG {figure} (drawn for {page}).")
            continue
        html = page_html(site, page, use_directory_urls)
        if not html.is_file():
            problems.append(f"the site has no page {html} for {page}.")
            continue
        parser = _Images()
        parser.feed(html.read_text(encoding="utf-8"))
        shown = {(html.parent / src).resolve() for src in parser.sources}
        if target.resolve() not in shown:
            problems.append(f"{html.relative_to(site)} does not show {figure}.")
    return problems


def expected_figures() -> list[tuple[str, str]]:
    """Return (page, figure) for every figure block of the docs' pages."""
    out = []
    for path in sorted(DOCS.rglob("*.md")):
        rel = path.relative_to(DOCS).as_posix()
        if rel.startswith("_ext/"):
            continue
        for b in figure_blocks(rel, path.read_text(encoding="utf-8")):
            out.append((rel, b.src_uri))
    return out


def main() -> int:
    """Check a built site (``--check-site DIR``); return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check-site", type=Path, required=True, metavar="DIR")
    args = parser.parse_args()
    expected = expected_figures()
    problems = site_problems(args.check_site, expected)
    if not expected:
        problems.append("the pages have no figure blocks.")
    for p in problems:
        print(p)
    pages = len({page for page, _ in expected})
    print(
        f"figures: {len(expected)} on {pages} pages, "
        + ("all in the site" if not problems else f"{len(problems)} problem(s)")
    )
    return int(bool(problems))


if __name__ == "__main__":
    sys.exit(main())
