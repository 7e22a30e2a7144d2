"""The survival chart as a standalone SVG: a stacked area chart of each status by episode.

Drawn from the curve's rows, which the viewpoint has already gated: a status the viewer has
not seen happen has no key in them, so it gets no band and no legend entry. The file refers to
nothing outside itself (no web font, no link), so opening it never reaches the network.
Plain string building: no Rich, no template library.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from ..words import STATUS_LABEL

# The bands, bottom to top, with the words the rest of aouad uses for them.
ORDER = ("alive", "infected", "hambie", "zombie", "dead", "unknown", "unseen")
LABEL = STATUS_LABEL  # one vocabulary (aouad/words.py): "unseen" here as in the table and JSON
# Okabe and Ito's palette, which stays distinct for the common kinds of colour blindness;
# greys for what is not a status.
COLOUR = {
    "alive": "#009E73",
    "infected": "#E69F00",
    "hambie": "#CC79A7",
    "zombie": "#D55E00",
    "dead": "#333333",
    "unknown": "#56B4E9",
    "unseen": "#E4E4E4",
}
MARK = "aouad curve chart"  # written into every chart: what `--svg` may overwrite without --force

WIDTH, HEIGHT = 760, 440
LEFT, RIGHT, TOP, BOTTOM = 64, 190, 64, 70


def _bands(rows: Sequence[dict[str, Any]]) -> list[str]:
    present = [s for s in ORDER if rows and s in rows[0]]
    return [s for s in present if s != "unseen" or any(r[s] for r in rows)]


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if top / step <= 8:
            return step
    return max(1, top // 8)


def curve_svg(rows: Sequence[dict[str, Any]], caption: str | None = None) -> str:
    """The chart for ``rows`` (records.tally_row dicts, one per episode)."""
    bands = _bands(rows)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    most = max([r["total"] for r in rows] + [1])
    step = _nice_step(most)
    top = -(-most // step) * step  # the axis ends on a tick
    episodes = [r["episode"] for r in rows]
    span = max(len(episodes) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * plot_w / span if len(episodes) > 1 else plot_w / 2)

    def y(count: float) -> float:
        return TOP + plot_h - count * plot_h / top

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="title desc" '
        'font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="13">',
        f"<!-- {MARK} -->",
        '<title id="title">Survival curve: characters by status after each episode</title>',
        f'<desc id="desc">{escape(_describe(rows, bands))}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="30" font-size="17" font-weight="bold">'
        "Survival curve: characters by status after each episode</text>",
    ]
    if caption:
        out.append(f'<text x="{LEFT}" y="50" fill="#555555">{escape(caption)}</text>')
    # Stacked areas: each band lies between the running totals below and above it.
    below = [0] * len(rows)
    for status in bands:
        above = [b + r[status] for b, r in zip(below, rows, strict=True)]
        if len(rows) == 1:
            points = [
                (LEFT + plot_w * 0.25, y(above[0])),
                (LEFT + plot_w * 0.75, y(above[0])),
                (LEFT + plot_w * 0.75, y(below[0])),
                (LEFT + plot_w * 0.25, y(below[0])),
            ]
        else:
            points = [(x(i), y(v)) for i, v in enumerate(above)]
            points += [(x(i), y(v)) for i, v in reversed(list(enumerate(below)))]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(
            f'<polygon points="{path}" fill="{COLOUR[status]}" stroke="#ffffff" stroke-width="0.5">'
            f"<title>{escape(LABEL[status])}</title></polygon>"
        )
        below = above
    # Axes, ticks and grid.
    for value in range(0, top + 1, step):
        out.append(
            f'<line x1="{LEFT}" y1="{y(value):.1f}" x2="{LEFT + plot_w}" y2="{y(value):.1f}" '
            'stroke="#000000" stroke-opacity="0.12"/>'
        )
        out.append(f'<text x="{LEFT - 8}" y="{y(value) + 4:.1f}" text-anchor="end">{value}</text>')
    for i, episode in enumerate(episodes):
        out.append(
            f'<text x="{x(i):.1f}" y="{TOP + plot_h + 20}" text-anchor="middle">{episode}</text>'
        )
    out.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        'stroke="#000000"/>'
    )
    out.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#000000"/>')
    out.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 22}" text-anchor="middle">'
        "Episode (status after it)</text>"
    )
    out.append(
        f'<text transform="translate(18 {TOP + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle">'
        "Characters</text>"
    )
    # Legend, top band first, as the eye meets them.
    for n, status in enumerate(reversed(bands)):
        ly = TOP + 10 + n * 24
        lx = LEFT + plot_w + 24
        out.append(
            f'<rect x="{lx}" y="{ly - 11}" width="14" height="14" fill="{COLOUR[status]}" '
            'stroke="#000000" stroke-opacity="0.3"/>'
        )
        out.append(f'<text x="{lx + 22}" y="{ly + 1}">{escape(LABEL[status])}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _describe(rows: Sequence[dict[str, Any]], bands: list[str]) -> str:
    """The chart in words, for screen readers: the counts after the last episode shown."""
    if not rows:
        return "No episodes."
    last = rows[-1]
    counts = ", ".join(f"{LABEL[s]} {last[s]}" for s in bands)
    return f"After episode {last['episode']}: {counts}, of {last['total']} characters."
