"""One self-contained HTML page: the template, style and script (package data in page/) and
the page's data (pagedata.py), put together. No Rich, no network, no template library.

The data goes in as JSON inside ``<script type="application/json">``, escaped so that no text
in it can close that element or start another (``<``, ``>``, ``&``, U+2028, U+2029); the
script reads it with JSON.parse and inserts every text with textContent. The
Content-Security-Policy allows only this page's own style and script (by their SHA-256), pictures
from data: URIs, and nothing else: no request can leave the page.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib import resources
from string import Template
from typing import Any

from .. import __version__

# The first line after the doctype: how `aouad html` knows a file is its own to overwrite.
MARK = "<!-- aouad html"
# Each status's colour, for the statuses a viewer has seen only (a CSS rule names its status).
COLOURS = {
    "alive": "#1e7b34",
    "infected": "#a05a00",
    "hambie": "#7b2fa0",
    "zombie": "#b3261e",
    "dead": "#3d4852",
    "unknown": "#6b6f75",
    "unseen": "#c3ccd5",
}
_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def _asset(name: str) -> str:
    return (resources.files(__package__) / "page" / name).read_text(encoding="utf-8")


def embed_json(data: Any) -> str:
    """JSON safe inside a script element: nothing in it reads as a tag or ends a line of script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _ESCAPES.items():  # five replaces: ~20x faster than str.translate here
        text = text.replace(char, escaped)
    return text


def _sha256(text: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        + "'"
    )


def status_css(statuses: list[str]) -> str:
    """A colour per status seen so far (and for "not met yet"): the stylesheet names no other."""
    return (
        "".join(
            f'[data-s="{s}"]{{--sc:{COLOURS.get(s, "#6b6f75")}}}' for s in (*statuses, "unseen")
        )
        + "\n"
    )


def render(data: dict[str, Any]) -> str:
    """The page for ``data`` (pagedata.page_data's dict): one string, every byte of the file."""
    css = _asset("page.css") + status_css(data["statuses"])
    js = _asset("page.js")
    csp = (
        f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(js)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    episode = data["episode"]
    if data["gated"]:
        title = f"aouad: as of episode {episode}"
        banner = f"Spoiler-safe: {data['caption']}. Nothing from a later episode is in this file."
        footer = data["sources_note"] or ""
    else:
        title = "aouad: the whole season"
        banner = f"All {episode} episodes: this page shows how the season ends (spoilers)."
        footer = "Every fact on this page carries its sources; each card lists them."
    return Template(_asset("page.html")).substitute(
        csp=csp,
        version=escape(__version__),
        title=escape(title),
        banner=escape(banner),
        footer=escape(f"{footer} Made by aouad {__version__}.".strip()),
        last=episode,
        css=css,
        js=js,
        data=embed_json(data),
    )
