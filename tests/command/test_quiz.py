"""`aouad quiz`: questions a viewer can answer from what they have seen, answers the data backs,
seeds that repeat (the game at a real terminal is tests/process/test_terminal.py's)."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from aouad import quiz
from aouad.model import EPISODES, Relationship
from aouad.roster import load_roster

LETTERS = "abcd"


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result.stdout


def questions(cli, *args):
    return json.loads(ok(cli("quiz", *args, "--json")))


def possible(cli, *args) -> int:
    """How many questions the data allows, as the error for too many says."""
    result = cli("quiz", *args, "-n", "100000")
    assert result.exit_code == 2
    return int(re.search(r"only (\d+) question", result.stderr).group(1))


def test_every_question_is_well_formed(cli):
    rows = questions(cli, "--seed", "1", "-n", str(possible(cli)))
    # parent: the bundled roster has relationship data (data/relationships.yaml)
    assert {r["kind"] for r in rows} == {"by", "episode", "place", "parent", "actor", "hangul"}
    for r in rows:
        options = list(r["options"].values())
        assert list(r["options"]) == list(LETTERS) and len(set(options)) == 4
        assert r["options"][r["answer"]] == r["answer_text"]
        assert r["explanation"] and "\n" not in r["explanation"] and r["sources"]
        assert (r["seed"], r["episode"]) == (1, None)
    # one question per fact
    assert len({(r["kind"], r["about"], r["question"]) for r in rows}) == len(rows)


def test_same_seed_same_quiz_another_seed_another(cli):
    first = ok(cli("quiz", "--seed", "42", "--json"))
    assert ok(cli("quiz", "--seed", "42", "--json")) == first
    quizzes = {ok(cli("quiz", "--seed", str(s), "--json")) for s in range(1, 11)}
    assert len(quizzes) == 10


def test_without_a_seed_it_says_which_one_to_repeat_it(cli):
    sheet = ok(cli("quiz", "-n", "3"))
    seed = re.search(r"--seed (\d+) asks the same again", sheet).group(1)
    assert ok(cli("quiz", "-n", "3", "--seed", seed)) == sheet


def test_a_pipe_gets_the_quiz_and_an_answer_key(cli):
    rows = questions(cli, "--seed", "5", "-n", "4")
    sheet = ok(cli("quiz", "--seed", "5", "-n", "4"))
    questions_part, key = sheet.split("\nAnswer key\n")
    for r in rows:
        assert f"{r['number']}. {r['question']}" in questions_part
        assert all(f"{letter}) {text}" in questions_part for letter, text in r["options"].items())
        assert f"{r['number']}. {r['answer']}) {r['answer_text']}" in key
        assert r["explanation"] in " ".join(key.split())
    assert (
        r["answer_text"] not in questions_part.split(r["question"])[0]
    )  # no answer before the key


def test_csv_has_one_row_per_question_with_the_options_as_columns(cli):
    lines = ok(cli("quiz", "--seed", "5", "-n", "3", "--format", "csv")).splitlines()
    assert lines[0].startswith(
        "number,kind,about,question,options.a,options.b,options.c,options.d,answer,"
    )
    assert len(lines) == 4


def test_too_many_questions_is_a_clear_error(cli):
    most = possible(cli, "--episode", "3")
    result = cli("quiz", "--episode", "3", "-n", str(most + 1))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"only {most} question(s) are possible as of episode 3" in result.stderr
    assert len(questions(cli, "--episode", "3", "-n", str(most), "--seed", "2")) == most
    err = json.loads(cli("quiz", "--episode", "3", "-n", str(most + 1), "--json").stderr)
    assert err["kind"] == "usage" and err["code"] == 2


def test_a_kind_that_cannot_be_asked_yet_says_so(cli):
    # Four different episodes are needed for four options: not before episode 4.
    result = cli("quiz", "--episode", "3", "--kinds", "episode", "-n", "1")
    assert result.exit_code == 2 and "no question is possible as of episode 3" in result.stderr
    assert questions(cli, "--episode", "3", "--kinds", "episode") == []


@pytest.mark.parametrize(
    ("kinds", "message"),
    [
        ("actor,villains", "unknown kind 'villains' for --kinds"),
        ("parent", "needs relationship data"),
    ],
)
def test_bad_kinds_are_usage_errors(cli, roster_dir, kinds, message):
    # a roster without relationships.yaml (conftest's) has no relationship data to ask about
    result = cli("--data", str(roster_dir()), "quiz", "--kinds", kinds)
    assert result.exit_code == 2 and message in result.stderr


def test_kinds_filter(cli):
    rows = questions(cli, "--kinds", "actor,hangul", "--seed", "3", "-n", "12")
    assert {r["kind"] for r in rows} == {"actor", "hangul"}


def _gated_world(cli, episode: int):
    """What a viewer after ``episode`` has seen, from the other commands."""
    met = json.loads(ok(cli("characters", "--episode", str(episode), "--json")))
    return {
        "ids": {c["id"] for c in met},
        "names": {c["name"] for c in met},
        "actors": {c["actor"] for c in met},
        "hangul": {c["hangul"] for c in met},
    }


@pytest.mark.parametrize("episode", [1, 2, 4, 6, 9, 11])
def test_only_what_the_viewer_has_seen(cli, episode):
    seen = _gated_world(cli, episode)
    rows = questions(
        cli,
        "--episode",
        str(episode),
        "--seed",
        "9",
        "-n",
        str(possible(cli, "--episode", str(episode))),
    )
    assert rows
    for r in rows:
        assert r["about"] in seen["ids"] and r["sources"] == [] and r["episode"] == episode
        options = set(r["options"].values())
        if r["kind"] == "episode":  # no option names an episode still to come
            assert all(int(o.split()[-1]) <= episode for o in options), r
        elif r["kind"] == "actor":
            assert options <= seen["actors"], r
        elif r["kind"] == "hangul":
            assert options <= seen["hangul"], r
        elif r["kind"] == "by":
            assert options <= seen["names"], r
        elif r["kind"] == "place":
            assert f"as of episode {episode}" in r["question"]


def test_answers_are_what_the_data_says(cli):
    fates = {f["id"]: f for f in json.loads(ok(cli("fate", "--all", "--json")))}
    names = {f["name"]: i for i, f in fates.items()}
    rows = questions(cli, "--seed", "11", "-n", str(possible(cli)))
    for r in rows:
        f = fates[r["about"]]
        if r["kind"] == "actor":
            assert r["answer_text"] == f["actor"]
        elif r["kind"] == "hangul":
            assert r["answer_text"] == f["hangul"]
        elif r["kind"] == "episode":
            status = {"die": "dead", "zombie": "zombie", "(half-zombie)": "hambie"}[
                r["question"].rstrip("?").split()[-1]
            ]
            first = next(h for h in f["history"] if h["status"] == status)
            assert (
                r["answer_text"] == f"episode {first['episode']}"
                and first["earliest_episode"] is None
            )
        elif r["kind"] == "by":
            verb = r["question"].split()[1]
            wanted = ("infected", "hambie", "zombie") if verb == "infected" else ("dead",)
            first = next(h for h in f["history"] if h["status"] in wanted)
            assert first["by"] == [names[r["answer_text"]]]
        elif r["kind"] == "place" and f["status"] in ("alive", "infected", "hambie"):
            assert r["answer_text"] == f["ends"]


def test_nothing_disputed_or_unsettled_is_asked(cli):
    rows = questions(cli, "--seed", "4", "-n", str(possible(cli)))
    asked = {(r["about"], r["kind"]) for r in rows}
    full = load_roster()
    for c in full.characters:
        for d in c.disputes:
            for kind in quiz.disputed_kinds(d.about):
                assert (c.id, kind) not in asked, (c.id, d.about)
    # by whom Jin-su's mother was infected: a change note records another account
    assert ("jin-su-mother", "by") not in asked
    # the sources only bound the episode of Seon-moo's death (11-12)
    assert ("seon-moo", "episode") not in asked
    # ...while settled facts are asked (a dispute over a family name leaves the fate askable)
    assert {
        ("on-jo", "actor"),
        ("principal", "by"),
        ("i-sak", "episode"),
        ("i-sak", "place"),
    } <= asked
    assert ("i-sak", "hangul") not in asked


def test_disputes_rule_out_what_they_are_about():
    assert quiz.disputed_kinds("family name") == {"hangul"}
    assert quiz.disputed_kinds("actor") == {"actor"}
    assert quiz.disputed_kinds("his end in episode 4") == quiz.FATE_KINDS
    assert "by" in quiz.disputed_kinds("whether his father killed him in the hospital")


def test_parent_questions_come_only_from_relationship_data():
    full = load_roster()
    without = replace(full, relationships=())
    skip = quiz.unsettled(full)
    assert not any(f.kind == "parent" for f in quiz.facts(without, skip))
    assert "parent" not in quiz.kinds_wanted(None, without)
    related = replace(full, relationships=(Relationship("so-ju", "on-jo", "parent", 1, ("seed",)),))
    (fact,) = [f for f in quiz.facts(related, skip) if f.kind == "parent"]
    assert fact.question == "Who is Nam On-jo's parent?" and fact.answer == "Nam So-ju"
    assert "Nam So-ju" not in fact.pool and "Nam On-jo" not in fact.pool
    assert "parent" in quiz.kinds_wanted(None, related)
    made = quiz.make(related, seed=1, count=1, kinds=("parent",), skip=skip)
    assert made[0].options[made[0].answer] == "Nam So-ju"


def test_episodes_quiz_only_after_four_episodes():
    full = load_roster()
    skip = quiz.unsettled(full)
    from aouad.viewpoint import gate

    for n in range(1, EPISODES + 1):
        kinds = {f.kind for f in quiz.facts(gate(full, n), skip)}
        assert ("episode" in kinds) == (n >= 4), n


@pytest.mark.parametrize("episode", [3, 6, 12])
def test_place_options_are_plainly_different_places(cli, episode):
    from aouad.recap import same_place

    rows = questions(
        cli,
        "--episode",
        str(episode),
        "--kinds",
        "place",
        "--seed",
        "1",
        "-n",
        str(possible(cli, "--episode", str(episode), "--kinds", "place")),
    )
    assert rows
    for r in rows:
        options = list(r["options"].values())
        assert not any(same_place(a, b) for i, a in enumerate(options) for b in options[i + 1 :]), (
            options
        )
        assert not any(quiz.vague(o) for o in options), options


def test_the_bundled_parent_questions_follow_relationships_yaml():
    full = load_roster()
    parents = {(r.a, r.b) for r in full.relationships if r.kind == "parent"}
    facts = [f for f in quiz.facts(full, quiz.unsettled(full)) if f.kind == "parent"]
    assert facts
    names = {c.name: c.id for c in full.characters}
    assert all((names[f.answer], f.about) in parents for f in facts)
