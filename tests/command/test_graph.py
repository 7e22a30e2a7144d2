"""`aouad graph`: the ties between characters, typed or derived, in every format, as of an
episode."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import textwrap

import pytest

from aouad import load_roster, queries
from aouad.graph import build, infections

DERIVED = {"infected", "killed"}


def graph_json(cli, *args: str) -> dict:
    result = cli("graph", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_focus_depth_1_shows_only_the_edges_that_touch_him(cli):
    data = graph_json(cli, "--focus", "gwi-nam", "--depth", "1")
    assert data["edges"] and all("gwi-nam" in (e["from"], e["to"]) for e in data["edges"])
    kinds = {e["kind"] for e in data["edges"]}
    assert {"bully", "infected", "killed"} <= kinds  # typed ties and the timeline's, together
    assert {n["id"] for n in data["nodes"]} == {"gwi-nam"} | {e["from"] for e in data["edges"]} | {
        e["to"] for e in data["edges"]
    }


def test_depth_2_reaches_the_ties_of_his_neighbours(cli):
    one = graph_json(cli, "--focus", "gwi-nam")
    two = graph_json(cli, "--focus", "gwi-nam", "--depth", "2")
    assert one == graph_json(
        cli, "--focus", "Yoon Gwi-nam", "--depth", "1"
    )  # any name form; depth 1 by default
    assert all(e in two["edges"] for e in one["edges"])
    assert any("gwi-nam" not in (e["from"], e["to"]) for e in two["edges"])
    neighbours = {e["from"] for e in one["edges"]} | {e["to"] for e in one["edges"]}
    assert all(e["from"] in neighbours or e["to"] in neighbours for e in two["edges"])


def test_kind_filters_and_refuses_what_this_viewer_has_not_seen(cli):
    family = graph_json(cli, "--kind", "parent,sibling,spouse")
    assert family["edges"] and {e["kind"] for e in family["edges"]} <= {
        "parent",
        "sibling",
        "spouse",
    }
    result = cli("graph", "--kind", "couple", "--episode", "3")  # the kiss is in episode 7
    assert result.exit_code == 2
    assert (
        "expected some of:" in result.stderr
        and "couple" not in result.stderr.split("expected some of:")[1]
    )
    assert cli("graph", "--kind", "couple", "--episode", "7").exit_code == 0
    result = cli("graph", "--kind", "freind", "--json")
    assert result.exit_code == 2 and json.loads(result.stderr)["kind"] == "usage"


def test_usage_errors(cli):
    assert cli("graph", "--depth", "2").exit_code == 2  # --depth needs --focus
    assert cli("graph", "--depth", "0", "--focus", "on-jo").exit_code == 2
    for fmt in ("mermaid", "dot"):
        result = cli("graph", "--format", fmt, "--fields", "edges")
        assert result.exit_code == 2 and "--fields" in result.stderr
        assert not result.stderr.startswith(
            "{"
        )  # a graph language is for people and tools: a plain message
    assert cli("graph", "--focus", "nobody-at-all").exit_code == 4
    assert cli("graph", "--focus", "so-ju", "--episode", "3").exit_code == 0
    assert (
        cli("graph", "--focus", "seon-moo", "--episode", "3").exit_code == 4
    )  # not met yet: as if unknown


def test_other_commands_refuse_the_graph_languages(cli):
    for fmt in ("mermaid", "dot"):
        result = cli("survivors", "--format", fmt)
        assert result.exit_code == 2 and "mermaid" not in result.stdout


def test_the_infection_chain_is_the_graphs_infection_edges():
    roster = load_roster()
    for as_of in (None, 3, 6, 11):
        links = queries.chain(roster, as_of=as_of)
        from aouad.viewpoint import gate

        edges = infections(gate(roster, as_of))
        assert [(link.source, link.target, link.change) for link in links] == [
            (e.source, e.target, e.change) for e in edges
        ]
        in_graph = {
            (e.source, e.target) for e in build(gate(roster, as_of), kinds=["infected"]).edges
        }
        assert in_graph == {(link.source, link.target) for link in links if link.source is not None}


def test_derived_edges_come_only_from_status_changes():
    roster = load_roster()
    for edge in build(roster).edges:
        if edge.kind in DERIVED:
            assert (
                edge.change is not None
                and edge.source in edge.change.by
                and edge.target == edge.change.who
            )
            assert edge.sources == edge.change.sources
        else:
            assert edge.relationship is not None and edge.change is None
    assert not {r.kind for r in roster.relationships} & DERIVED


def test_table_groups_edges_by_character(cli):
    result = cli("graph", "--focus", "ha-ri", env={"COLUMNS": "120"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Jang Ha-ri"))
    block = " ".join(lines[start : start + 8])
    assert "sibling of" in block and "Jang Woo-jin" in block and "rescued" in block


def test_fate_lists_the_characters_ties(cli):
    result = cli("fate", "ha-ri", "--json")
    (row,) = json.loads(result.stdout)
    ties = {(t["from"], t["to"], t["kind"]) for t in row["relationships"]}
    assert ("ha-ri", "woo-jin", "sibling") in ties and ("woo-jin", "ha-ri", "rescued") in ties
    assert any(t["disputes"] for t in row["relationships"])
    keys = {s["key"] for s in row["cited"]}
    assert {k for t in row["relationships"] for k in t["sources"]} <= keys
    table = cli("fate", "ha-ri", env={"COLUMNS": "100"})
    assert (
        "Ties" in table.stdout
        and "sibling of" in table.stdout
        and "Sources disagree on episode" in table.stdout
    )
    gated = json.loads(cli("fate", "ha-ri", "--json", "--episode", "9").stdout)[0]
    assert ("ha-ri", "woo-jin", "sibling") not in {
        (t["from"], t["to"], t["kind"]) for t in gated["relationships"]
    }
    flat = cli("fate", "ha-ri", "--format", "csv")
    assert (
        flat.exit_code == 0 and len(flat.stdout.splitlines()) == 2
    )  # one flat row: ties as JSON text in a cell


# --- Mermaid and DOT, with names that try to break out of their labels

HOSTILE = 'Kim "Al" [x] {y} (z) |p| #1; \\N <b> & `t` -> --'


@pytest.fixture
def hostile(roster_dir, mini_characters):
    chars = mini_characters.replace("name: Kim Al-pha", "name: " + json.dumps(HOSTILE))
    d = roster_dir(characters=chars)
    (d / "relationships.yaml").write_text(
        textwrap.dedent("""\
        relationships:
          - {a: alpha, b: beta, kind: friend, episode: 2, sources: [s1]}
          - {a: beta, b: alpha, kind: rescued, episode: 3, sources: [s1]}
        """),
        encoding="utf-8",
    )
    return d


MERMAID_LINE = re.compile(
    r'^  (%% .*|n\d+\["[^"]*"\]|n\d+ (-->|---)\|"[a-z]+"\| n\d+|linkStyle [\d,]+ '
    r"stroke:#[0-9a-f]{6}(,stroke-dasharray:4 3)?)$"
)


def test_mermaid_is_a_flowchart_with_safe_labels(cli, hostile):
    result = cli("--data", str(hostile), "graph", "--format", "mermaid")
    assert result.exit_code == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    assert first == "flowchart LR"
    assert all(MERMAID_LINE.match(line) for line in rest), [
        line for line in rest if not MERMAID_LINE.match(line)
    ]
    assert (
        '["Kim #34;Al#34; [x] {y} (z) |p| #35;1; \\N #60;b#62; #38; #96;t#96; -#62; --"]'
        in result.stdout
    )
    gated = cli("--data", str(hostile), "graph", "--format", "mermaid", "--episode", "2").stdout
    assert "%% as of episode 2: later events hidden" in gated and "rescued" not in gated


def test_bundled_mermaid_is_well_formed(cli):
    lines = cli("graph", "--format", "mermaid").stdout.splitlines()
    assert lines[0] == "flowchart LR" and all(MERMAID_LINE.match(line) for line in lines[1:])


def dot_available() -> bool:
    if shutil.which("dot"):
        return True
    if os.environ.get("CI") == "true":
        pytest.fail("Graphviz `dot` is missing on CI: .ci/run installs Debian's graphviz")
    pytest.skip(
        "Graphviz `dot` is not installed (Debian: apt-get install graphviz); CI installs it"
    )
    return False


@pytest.mark.parametrize(
    "args",
    [
        ["graph"],
        ["graph", "--focus", "on-jo", "--depth", "2"],
        ["graph", "--episode", "5"],
        ["graph", "--kind", "infected,killed"],
    ],
)
def test_dot_is_accepted_by_graphviz(cli, args):
    dot_available()
    result = cli(*args, "--format", "dot")
    assert result.exit_code == 0 and result.stdout.startswith("digraph aouad {")
    svg = subprocess.run(
        ["dot", "-Tsvg"], input=result.stdout, capture_output=True, text=True, timeout=60
    )
    assert svg.returncode == 0 and svg.stderr == "", svg.stderr
    assert "<svg" in svg.stdout


def test_dot_keeps_hostile_names_inside_their_labels(cli, hostile):
    dot_available()
    text = cli("--data", str(hostile), "graph", "--format", "dot").stdout
    assert 'label="Kim \\"Al\\" [x] {y} (z) |p| #1; \\\\N <b> & `t` -> --"' in text
    svg = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=60)
    assert svg.returncode == 0 and svg.stderr == "", svg.stderr
    assert svg.stdout.count('<g id="node') == 2 and svg.stdout.count('<g id="edge') == 2
    assert (
        "Kim &quot;Al&quot; [x] {y} (z) |p| #1; \\N &lt;b&gt; &amp; `t` &#45;&gt; &#45;&#45;"
        in svg.stdout
    )


def test_csv_is_a_row_per_edge(cli):
    import csv
    import io

    data = graph_json(cli, "--focus", "ha-ri")
    result = cli("graph", "--focus", "ha-ri", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["from", "to", "kind", "episode", "sources"]
    assert [(r["from"], r["to"], r["kind"], int(r["episode"])) for r in rows] == [
        (e["from"], e["to"], e["kind"], e["episode"]) for e in data["edges"]
    ]
    assert rows[0]["sources"].split("; ") == data["edges"][0]["sources"]
    empty = cli("graph", "--focus", "ha-ri", "--episode", "2", "--format", "csv")  # met, no tie yet
    assert empty.exit_code == 0 and empty.stdout == "from,to,kind,episode,sources\n"
