"""Filters that answer "who did X bite?" without jq, and the reverse links on a fate."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.usefixtures("bundled_once")


def rows(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_deaths_by_a_character_lists_only_what_they_caused(cli):
    found = rows(cli("deaths", "--by", "Yoon Gwi-nam", "--json"))
    assert found and all("gwi-nam" in row["by"] for row in found)
    everything = rows(cli("deaths", "--json"))
    assert [r for r in everything if "gwi-nam" in r["by"]] == found


def test_deaths_in_an_episode_and_into_a_status(cli):
    found = rows(cli("deaths", "--in", "11", "--status", "dead", "--json"))
    assert found and all(r["status"] == "dead" for r in found)
    assert all((r["earliest_episode"] or r["episode"]) <= 11 <= r["episode"] for r in found)


def test_an_unsettled_episode_range_is_found_in_every_episode_it_may_be(cli):
    ranged = [r for r in rows(cli("deaths", "--json")) if r["earliest_episode"]]
    assert ranged
    first = ranged[0]
    for episode in range(first["earliest_episode"], first["episode"] + 1):
        assert first in rows(cli("deaths", "--in", str(episode), "--json"))


def test_deaths_filters_refuse_what_cannot_match(cli):
    assert cli("deaths", "--status", "alive").exit_code == 2  # not a death or turning
    assert cli("deaths", "--status", "hambie", "-e", "5").exit_code == 2  # not seen yet
    assert cli("deaths", "--by", "nobody-at-all").exit_code == 4
    past = cli("deaths", "--in", "9", "-e", "5")
    assert past.exit_code == 2 and "past what you have watched" in past.stderr


def test_events_search_matches_summary_place_and_cause(cli):
    found = rows(cli("events", "--search", "ROOF TOP", "--json"))
    assert found and all(
        "roof" in (r["summary"] + (r["place"] or "")).lower()
        or any("roof" in (c["cause"] or "").lower() for c in r["changes"])
        for r in found
    )
    assert rows(cli("events", "--search", "zzz-no-such-text", "--json")) == []


def test_fate_lists_whom_a_character_infected_or_killed(cli):
    (gwi_nam,) = rows(cli("fate", "gwi-nam", "--json"))
    caused = {(c["id"], c["status"]) for c in gwi_nam["caused"]}
    assert ("myeong-hwan", "dead") in caused and ("nam-ra", "hambie") in caused
    by_deaths = {(r["id"], r["status"]) for r in rows(cli("deaths", "--by", "gwi-nam", "--json"))}
    assert by_deaths <= caused
    assert "Caused:" in cli("fate", "gwi-nam").stdout


def test_reverse_links_are_gated(cli):
    (early,) = rows(cli("fate", "gwi-nam", "--json", "-e", "5"))
    assert all(c["episode"] <= 5 for c in early["caused"])
    assert ("nam-ra", "hambie") not in {(c["id"], c["status"]) for c in early["caused"]}
