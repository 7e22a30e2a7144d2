"""`aouad chain` when an infector is known: the tree draws the victim under their infector."""

from __future__ import annotations

import json

from conftest import MINI_EVENTS

# conftest's mini roster, where Beta (bitten by unknown zombies in episode 2, a zombie from 3)
# bites Alpha in episode 4: Alpha's infector is known.
KNOWN_INFECTOR = MINI_EVENTS.replace(
    """  - id: e12-alpha-safe
    episode: 12
    summary: Alpha reaches safety.
    place: camp
    changes:
      - {who: alpha, status: alive}
""",
    """  - id: e04-beta-bites-alpha
    episode: 4
    summary: Beta bites Alpha in the lab.
    place: lab
    changes:
      - {who: alpha, status: infected, cause: bitten by Beta, by: [beta]}
""",
)


def test_a_victim_is_drawn_under_a_known_infector(cli, roster_dir):
    assert KNOWN_INFECTOR != MINI_EVENTS
    d = str(roster_dir(events=KNOWN_INFECTOR))
    links = json.loads(cli("--data", d, "chain", "--json").stdout)
    assert [(e["from"], e["to"], e["episode"]) for e in links] == [
        (None, "beta", 2),
        ("beta", "alpha", 4),
    ]
    result = cli("--data", d, "chain", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    (beta,) = [i for i, line in enumerate(lines) if "Kim Be-ta" in line]
    (alpha,) = [i for i, line in enumerate(lines) if "Kim Al-pha" in line]
    indent = {i: lines[i].index("Kim") for i in (beta, alpha)}
    # Alpha comes after Beta, one level deeper, with nobody at Beta's level or above between them
    assert alpha > beta and indent[alpha] > indent[beta], result.stdout
    between = [lines[i] for i in range(beta + 1, alpha) if lines[i].strip(" │")]
    assert all(line.index(line.lstrip(" │├└─")) > indent[beta] for line in between), result.stdout
    assert "ep 4" in lines[alpha] and "bitten by Beta" in lines[alpha]
    # Only Beta's own infection is a link no known character passed on
    assert "not passed on by a known character" in result.stdout


def test_the_link_is_not_drawn_before_it_is_known(cli, roster_dir):
    d = str(roster_dir(events=KNOWN_INFECTOR))
    result = cli("--data", d, "chain", "--episode", "3", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert "Kim Be-ta" in result.stdout and "Kim Al-pha" not in result.stdout
