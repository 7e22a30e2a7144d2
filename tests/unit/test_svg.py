"""The survival chart: a real chart (areas, axes, legend) that refers to nothing outside itself."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache

from aouad import queries, records
from aouad.render.svg import COLOUR, curve_svg
from aouad.roster import load_roster

NS = "{http://www.w3.org/2000/svg}"


@cache
def bundled():
    return load_roster()


def chart(episode: int | None = None) -> ET.Element:
    rows = [records.tally_row(t) for t in queries.curve(bundled(), as_of=episode)]
    return ET.fromstring(curve_svg(rows, "caption" if episode else None))


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text")]


def test_the_chart_has_a_title_axes_and_a_legend_for_each_band():
    root = chart()
    words = texts(root)
    assert "Survival curve: characters by status after each episode" in words
    assert "Characters" in words and "Episode (status after it)" in words
    assert [str(n) for n in range(1, 13)] == [w for w in words if w.isdigit() and int(w) <= 12][
        -12:
    ]
    bands = {p.find(f"{NS}title").text for p in root.iter(f"{NS}polygon")}
    assert {"alive", "infected", "hambie (half-zombie)", "zombie", "dead", "unknown"} <= bands
    assert {"alive", "dead", "unseen"} <= set(words)


def test_the_chart_refers_to_nothing_outside_the_file():
    text = curve_svg([records.tally_row(t) for t in queries.curve(bundled())])
    assert "href" not in text and "@import" not in text and "url(" not in text
    assert text.count("http") == 1  # the SVG namespace, which is a name, not a request


def test_a_gated_chart_has_only_the_bands_seen_so_far_and_says_so():
    root = chart(3)
    bands = {p.find(f"{NS}title").text for p in root.iter(f"{NS}polygon")}
    assert bands == {"alive", "infected", "zombie", "unknown", "unseen"}
    assert "caption" in texts(root)


def test_the_palette_has_one_distinct_colour_a_band():
    assert len(set(COLOUR.values())) == len(COLOUR)
