"""The server's own ceiling: granian, run as `warta serve` runs it, answering each page with the
bytes and headers Warta answered it with, from memory, with no Python work besides the lookup.

bench/pages.py measures it beside Warta and nginx, so a ratio against nginx splits into what the
server costs (ceiling / nginx) and what Warta adds to it (Warta / ceiling). BENCH_CEILING_DIR
names the folder pages.py saved each page in: <path>/index.html and <path>/headers.json.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(os.environ.get("BENCH_CEILING_DIR", "."))


def _path(folder: Path) -> str:
    """The address a saved page was answered at: www/category/x/index.html is /category/x/."""
    name = folder.relative_to(ROOT).as_posix()
    return "/" if name == "." else f"/{name}/"


def _saved(body: Path) -> tuple[list[tuple[str, str]], bytes]:
    return [(k, v) for k, v in json.loads((body.parent / "headers.json").read_text())], body.read_bytes()


PAGES = {
    _path(body.parent): _saved(body) for body in ROOT.rglob("index.html") if (body.parent / "headers.json").exists()
}
NOT_FOUND = [("Content-Type", "text/plain"), ("Content-Length", "9")]


def application(environ: dict, start_response: Callable[..., object]) -> Iterable[bytes]:
    page = PAGES.get(environ.get("PATH_INFO", ""))
    if page is None:
        start_response("404 Not Found", NOT_FOUND)
        return [b"not found"]
    start_response("200 OK", page[0])
    return [page[1]]
