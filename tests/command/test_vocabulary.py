"""One vocabulary for statuses: every command, format and picture calls a status by its name."""

from __future__ import annotations

import json
import re

from aouad.model import STATUSES
from aouad.words import STATUS_LABEL, STATUS_WORD

WORDS = set(STATUS_WORD)


def test_curve_headers_and_legend_use_the_status_names(cli):
    out = cli("curve", env={"COLUMNS": "120", "NO_COLOR": "1"}).stdout
    header = next(line for line in out.splitlines() if line.lstrip().startswith("Ep"))
    assert header.split()[1:] == [
        s for s in STATUS_WORD if s in json.loads(cli("curve", "--json").stdout)[0]
    ]
    legend = out.splitlines()[-1]
    assert re.findall(r"[a-z]{2,}", legend) == header.split()[1:]
    assert "bitten" not in out and "?" not in header


def test_curve_json_keys_are_the_status_names(cli):
    row = json.loads(cli("curve", "--json").stdout)[0]
    assert set(row) - {"episode", "total"} == WORDS


def test_watch_and_chain_say_the_same_words(cli):
    plain = cli("watch", input="q\n").stdout
    tally = next(line for line in plain.splitlines() if line.startswith("Tally: "))
    assert set(re.findall(r"[a-z]+", tally.removeprefix("Tally: "))) <= WORDS
    chain = cli("chain", env={"COLUMNS": "200", "NO_COLOR": "1"}).stdout
    named = set(re.findall(r"ep \d+, ([a-z]+(?: \(half-zombie\))?)", chain))
    assert named and named <= set(STATUS_LABEL.values())


def test_every_status_value_in_json_is_a_status_name(cli):
    for command in ("deaths", "chain", "survivors"):
        rows = json.loads(cli(command, "--json").stdout)
        assert {r["status"] for r in rows} <= set(STATUSES)


def test_the_svg_says_the_same_words(cli, tmp_path):
    import xml.etree.ElementTree as ET

    target = tmp_path / "curve.svg"
    assert cli("curve", "--svg", str(target)).exit_code == 0
    ns = "{http://www.w3.org/2000/svg}"
    bands = {p.find(f"{ns}title").text for p in ET.parse(target).getroot().iter(f"{ns}polygon")}
    assert bands and bands <= set(STATUS_LABEL.values())
