"""Hostile rosters: each one is refused with exit code 3 and only `file:line:column: problem`
lines on stderr (no traceback), without writing anything: not in the roster directory, not in
$HOME, not in the XDG directories.

Every case runs in-process (the command layer, through CliRunner) on every run. Under
`pytest -m perf` (.ci/run runs it once) the same cases run through the installed `aouad` in a real
process, as a user at a terminal meets them, held to 2 seconds and 200 MB each: limits a busy
machine would make flaky in the everyday run. tests/unit/test_load.py checks the loader's messages;
bench/hostile.py measures the full-size cases and reports the numbers.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import aouad_bin

LIMIT_SECONDS = 2.0
LIMIT_MB = 200
XDG = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")
# The only stderr lines that are not problems: the headers and footers around the list.
FRAME = re.compile(r"^(aouad: invalid roster:|\d+ problem\(s\) in .+)$")
C, E = "characters.yaml", "events.yaml"


def _children_peak_mb() -> float:
    """The peak RSS of the largest finished child of this process (Linux: KB, macOS: bytes)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


_MEASURE = (
    "import resource, subprocess, sys\n"
    "quiet = subprocess.DEVNULL\n"
    "subprocess.run(sys.argv[1:], stdin=quiet, stdout=quiet, stderr=quiet)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(peak / (1024 * 1024) if sys.platform == 'darwin' else peak / 1024)\n"
)


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every file and directory under root (symlinks not followed): what loading must not change."""
    seen = {}
    for here, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(here, name)
            info = os.lstat(path)
            seen[os.path.relpath(path, root)] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return seen


def _within_limits(
    run_it: Callable[[], object], args: tuple[str, ...], env: dict[str, str], tmp_path: Path
) -> object:
    """Run the real process; its wall time and peak memory must stay under the limits."""
    start = time.perf_counter()
    result = run_it()
    seconds = time.perf_counter() - start
    assert seconds < LIMIT_SECONDS, f"took {seconds:.2f} s"
    peak = _children_peak_mb()
    if peak >= LIMIT_MB:  # an earlier child of this process was bigger: measure this one alone
        alone = {
            k: v
            for k, v in os.environ.items()
            if k not in ("AOUAD_DATA", "NO_COLOR", "FORCE_COLOR")
        }
        alone.update(HOME=str(tmp_path / "home"), **env)
        probe = subprocess.run(
            [sys.executable, "-c", _MEASURE, aouad_bin(), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=alone,
            timeout=60,
        )
        peak = float(probe.stdout.strip().splitlines()[-1])
    assert peak < LIMIT_MB, f"peak RSS {peak:.0f} MB"
    return result


@pytest.fixture(params=["in-process", pytest.param("process", marks=pytest.mark.perf)])
def refused(request, cli, run, tmp_path) -> Callable[..., list[str]]:
    """Run `aouad ARGS` in-process (CliRunner) or, under -m perf, through conftest's `run` in a real
    process within the time and memory limits; check every promise; return the problem lines."""

    def go(*args: str, env: dict[str, str] | None = None) -> list[str]:
        full_env = {}
        for var in XDG:  # `run` points HOME and XDG_CONFIG_HOME into tmp_path; the rest too
            full_env[var] = str(tmp_path / var.lower())
        for d in ("home", *(v.lower() for v in XDG)):
            (tmp_path / d).mkdir(exist_ok=True)
        full_env.update(env or {})
        before = _snapshot(tmp_path)

        if request.param == "process":
            result = _within_limits(lambda: run(*args, env=full_env), args, full_env, tmp_path)
            code, stdout, stderr = result.returncode, result.stdout, result.stderr
        else:
            full_env.setdefault("HOME", str(tmp_path / "home"))
            full_env.setdefault("AOUAD_DATA", "")
            result = cli(*args, env=full_env)
            code, stdout, stderr = result.exit_code, result.stdout, result.stderr
            assert result.exception is None or isinstance(result.exception, SystemExit), repr(
                result.exception
            )

        assert code == 3, (code, stderr[-2000:])
        assert "Traceback" not in stderr + stdout, stderr[-2000:]
        assert stdout == ""
        assert _snapshot(tmp_path) == before, "aouad wrote or changed a file"

        lines = [line for line in stderr.splitlines() if line.strip()]
        problems = [line for line in lines if not FRAME.match(line)]
        for line in problems:
            assert re.match(rf"^{re.escape(str(tmp_path))}\S*:\d+:\d+: \S", line), line
        return problems

    return go


def _one(problems: list[str], where: str, pattern: str) -> None:
    """Exactly one problem, at ``where`` (a path's end, line:column or line: for any column)."""
    assert len(problems) == 1, problems
    at = re.escape(where) + (r"\d+" if where.endswith(":") else "")
    assert re.search(rf"/{at}: {pattern}", problems[0]), problems[0]


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _billion_laughs() -> str:
    lines = ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


TEN_MB = 10 * 1024 * 1024
PWN = "!!python/object/apply:os.system"
ROLE = "role: a test student"  # line 13 of conftest's MINI_CHARACTERS, value at column 11

# (id, file to replace, its new content from (characters text, events text, tmp_path),
#  where the one problem is: "file:line:column" or "file:line:" for any column, its message)
ONE_PROBLEM = [
    (
        "python-tag-scalar",
        C,
        lambda c, e, tmp: _edit(c, ROLE, f"role: {PWN} ['touch {tmp / 'pwned'}']"),
        f"{C}:13:11",
        r"YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed "
        r"\(expected plain YAML data\)",
    ),
    (
        "python-tag-document",
        C,
        lambda c, e, tmp: f"{PWN}\nargs: ['touch {tmp / 'pwned'}']\n",
        f"{C}:1:1",
        r"YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
    ),
    (
        "python-name-tag",
        E,
        lambda c, e, tmp: _edit(e, "summary: Beta turns.", "summary: !!python/name:os.system"),
        f"{E}:11:14",
        r"YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
    ),
    (
        "billion-laughs",
        E,
        lambda c, e, tmp: _billion_laughs(),
        f"{E}:4:",
        r"aliases expand to more than 10000 nodes \(expected a plain roster, not an alias bomb\)",
    ),
    (
        "deep-flow-lists-10mb",
        C,
        lambda c, e, tmp: "characters: " + "[" * TEN_MB,
        f"{C}:1:",
        r".*nest.*",
    ),  # libyaml's own limit (1000) or ours (64): either says "nest"
    (
        "deep-flow-mappings-10mb",
        C,
        lambda c, e, tmp: "characters: " + "{a: " * (TEN_MB // 4),
        f"{C}:1:",
        r"nested more than 64 levels deep \(expected a flat roster\)",
    ),
    (
        "deep-block-lists-10mb",
        C,
        lambda c, e, tmp: "characters:\n" + "- " * (TEN_MB // 2) + "x\n",
        f"{C}:2:",
        r"nested more than 64 levels deep",
    ),
    (
        "syntax-error",
        E,
        lambda c, e, tmp: "events:\n  - id: [unclosed\n",
        f"{E}:3:1",
        r".*\(expected valid YAML\)",
    ),
    (
        "tab-indent",
        C,
        lambda c, e, tmp: _edit(c, "    name: Kim Al-pha", "\tname: Kim Al-pha"),
        f"{C}:9:1",
        r"a tab character \(YAML indents with spaces\) \(expected valid YAML\)",
    ),
    (
        "not-utf8",
        C,
        lambda c, e, tmp: c.encode().replace("김알파".encode(), b"\xea\xb9", 1),
        f"{C}:10:13",
        r"byte 0xea is not UTF-8 \(expected UTF-8 text\)",
    ),
    (
        "binary",
        E,
        lambda c, e, tmp: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        f"{E}:3:1",
        r"binary data, a NUL byte \(expected UTF-8 text\)",
    ),
    ("empty", E, lambda c, e, tmp: "", f"{E}:1:1", r"file is empty \(expected a YAML mapping\)"),
    ("blank", C, lambda c, e, tmp: "  \n\n\t\n", f"{C}:1:1", r"file is empty"),
    (
        "top-level-text",
        E,
        lambda c, e, tmp: "just text\n",
        f"{E}:1:1",
        r"the file holds the text 'just text' \(expected a mapping with 'events'\)",
    ),
    ("top-level-number", E, lambda c, e, tmp: "42\n", f"{E}:1:1", r"the file holds the number 42"),
    ("top-level-null", E, lambda c, e, tmp: "~\n", f"{E}:1:1", r"the file holds empty"),
    ("top-level-list", E, lambda c, e, tmp: "- a\n- b\n", f"{E}:1:1", r"the file holds a list"),
    (
        "duplicate-key",
        C,
        lambda c, e, tmp: _edit(c, ROLE + "\n", ROLE + "\n    role: again\n"),
        f"{C}:14:5",
        r"duplicate key 'role', first given on line 13 \(expected each key once\)",
    ),
    (
        "second-document",
        E,
        lambda c, e, tmp: e + "---\nevents: []\n",
        f"{E}:23:1",
        r"a second YAML document \(expected one document per file\)",
    ),
    (
        "unknown-status",
        E,
        lambda c, e, tmp: _edit(e, "status: zombie", "status: zombi"),
        f"{E}:14:",
        r"status: unknown status 'zombi'; did you mean 'zombie'\?",
    ),
    (
        "episode-0",
        E,
        lambda c, e, tmp: _edit(e, "episode: 2\n", "episode: 0\n"),
        f"{E}:3:14",
        r"episode: got the number 0 \(expected an episode number from 1 to 12\)",
    ),
    (
        "episode-as-text",
        E,
        lambda c, e, tmp: _edit(e, "episode: 3\n", "episode: three\n"),
        f"{E}:10:14",
        r"episode: got the text 'three' \(expected an episode number",
    ),
    (
        "name-as-number",
        C,
        lambda c, e, tmp: _edit(c, "name: Kim Be-ta", "name: 42"),
        f"{C}:19:11",
        r"name: got the number 42 \(expected non-empty text\)",
    ),
    (
        "first-episode-as-list",
        C,
        lambda c, e, tmp: _edit(c, "first_episode: 1", "first_episode: [1]"),
        f"{C}:15:20",
        r"first_episode: got a list \(expected an episode number from 1 to 12, or unknown\)",
    ),
    # Escapes in double quotes make characters the reader refuses raw: a terminal must not get them.
    (
        "terminal-escape",
        C,
        lambda c, e, tmp: _edit(c, ROLE, r'role: "\x1b]0;owned\x07\x1b[2J"'),
        f"{C}:13:11",
        r"control character U\+001B in text \(expected printable text\)",
    ),
    (
        "bidi-override",
        E,
        lambda c, e, tmp: _edit(e, "place: camp", r'place: "camp \u202e"'),
        f"{E}:19:12",
        r"control character U\+202E in text",
    ),
    # Found by tests/unit/test_fuzz.py: explicit tags on which PyYAML's constructors raised.
    (
        "bool-tag-bad-value",
        C,
        lambda c, e, tmp: _edit(c, ROLE, "role: !!bool maybe"),
        f"{C}:13:11",
        r"'maybe' is not a valid bool",
    ),
    (
        "int-tag-empty",
        C,
        lambda c, e, tmp: _edit(c, "first_episode: 1", "first_episode: !!int ''"),
        f"{C}:15:20",
        r"'' is not a valid int",
    ),
    # A sexagesimal int grows without bound, slowly, and cannot be printed past 4300 digits.
    (
        "huge-sexagesimal-int",
        C,
        lambda c, e, tmp: _edit(c, ROLE, "role: 1" + ":00" * 3000),
        f"{C}:13:11",
        r"a number written with 9001 characters \(expected at most 64\)",
    ),
    (
        "long-text",
        C,
        lambda c, e, tmp: _edit(c, ROLE, "role: " + "x" * 30_000),
        f"{C}:13:11",
        r"text of 30000 characters \(expected at most 20000\)",
    ),
    (
        "value-flood",
        C,
        lambda c, e, tmp: "characters: [" + "1, " * 500_000 + "1]\n",
        f"{C}:1:",
        r"a list of more than 1000 plain values \(expected a roster, not a flood\)",
    ),
    (
        "entry-flood-in-a-record",
        C,
        lambda c, e, tmp: _edit(c, ROLE, ROLE + "\n    aliases: [" + "{}, " * 5000 + "{}]"),
        f"{C}:14:",
        r"a list of more than 1000 entries inside a record \(expected fewer\)",
    ),
    # Issue 15. Dense rosters: 128 MB of tiny records took 96 s and 5.85 GB; refused at the start.
    (
        "tiny-record-flood-10mb",
        E,
        lambda c, e, tmp: "events:\n" + "- {}\n" * (TEN_MB // 5),
        f"{E}:67583:3",
        (
            r"135168 values in the first 337915 characters, more than one per 4 "
            r"\(expected a roster, not a flood of tiny records\)"
        ),
    ),
    (
        "flow-record-flood-10mb",
        E,
        lambda c, e, tmp: "events: [" + "{}, " * (TEN_MB // 4) + "]\n",
        f"{E}:1:",
        r"\d+ values in the first \d+ characters, more than one per 4",
    ),
    (
        "top-level-key-flood",
        E,
        lambda c, e, tmp: e + "".join(f"k{i}: v\n" for i in range(200_000)),
        f"{E}:1022:7",
        r"a mapping of more than 1000 keys at the top of the file \(expected fewer\)",
    ),
    # Combining-mark bombs: normalising 19,000 marks in the worst order took seconds a name.
    (
        "combining-mark-bomb",
        C,
        lambda c, e, tmp: _edit(
            c, "aliases: [Alfa]", 'aliases: [Alfa, "x' + "\u0301\u0316" * 9500 + '"]'
        ),
        f"{C}:14:21",
        (
            r"more than 30 combining marks in a row "
            r"\(expected text, at most 30 marks on one character\)"
        ),
    ),
    # Invisible characters make two names that look alike differ.
    (
        "zero-width-space",
        C,
        lambda c, e, tmp: _edit(c, "name: Kim Be-ta", 'name: "Kim\\u200bBe-ta"'),
        f"{C}:19:11",
        (
            r"invisible character U\+200B \(ZERO WIDTH SPACE\) in text "
            r"\(expected printable text\)"
        ),
    ),
]


@pytest.mark.parametrize(
    "case, name, content, where, pattern", ONE_PROBLEM, ids=[c[0] for c in ONE_PROBLEM]
)
def test_hostile_file_is_refused(
    refused, roster_dir, mini_characters, mini_events, tmp_path, case, name, content, where, pattern
):
    d = roster_dir()
    blob = content(mini_characters, mini_events, tmp_path)
    (d / name).write_bytes(blob if isinstance(blob, bytes) else blob.encode("utf-8"))
    _one(refused("validate", str(d)), where, pattern)
    assert not (tmp_path / "pwned").exists()


def test_python_tag_through_query_commands_runs_nothing(
    refused, roster_dir, mini_characters, tmp_path
):
    marker = tmp_path / "pwned"
    d = roster_dir(characters=_edit(mini_characters, ROLE, f"role: {PWN} ['touch {marker}']"))
    for args in (("--data", str(d), "survivors"), ("--data", str(d), "fate", "alpha")):
        _one(refused(*args), f"{C}:13:11", r"YAML tag .*os.system' is not allowed")
    assert not marker.exists()


def test_json_error_for_a_hostile_file_is_one_json_object(cli, roster_dir, mini_characters):
    d = roster_dir(characters=_edit(mini_characters, ROLE, f"role: {PWN} ['true']"))
    result = cli("fate", "alpha", "--json", env={"AOUAD_DATA": str(d)})
    assert result.exit_code == 3 and result.stdout == "" and "Traceback" not in result.stderr
    error = json.loads(result.stderr)
    assert error["kind"] == "bad-data" and error["code"] == 3
    assert [(p["line"], p["column"]) for p in error["problems"]] == [(13, 11)]


def test_unknown_field_and_the_missing_one_are_both_listed(refused, roster_dir, mini_characters):
    text = _edit(mini_characters, "    actor: Actor One", "    acter: Actor One")
    problems = refused("validate", str(roster_dir(characters=text)))
    assert len(problems) == 2, problems
    assert re.search(rf"/{C}:8:5: character 'alpha' has no 'actor'", problems[0])
    assert re.search(
        rf"/{C}:11:5: unknown field 'acter' in character 'alpha' "
        r"\(expected one of: .*; did you mean 'actor'\?\)",
        problems[1],
    )


def test_episode_out_of_range(refused, roster_dir, mini_events):
    problems = refused(
        "validate", str(roster_dir(events=_edit(mini_events, "episode: 12", "episode: 13")))
    )
    assert len(problems) == 2, problems  # the event is dropped, so alpha is left without a change
    assert re.search(
        rf"/{C}:8:5: character 'alpha' has no status change in events.yaml", problems[0]
    )
    assert re.search(
        rf"/{E}:17:14: episode: got the number 13 "
        r"\(expected an episode number from 1 to 12\)",
        problems[1],
    )


def test_event_naming_an_unknown_character(refused, roster_dir, mini_events):
    problems = refused(
        "validate", str(roster_dir(events=_edit(mini_events, "{who: alpha,", "{who: alhpa,")))
    )
    assert len(problems) == 2, problems
    assert re.search(rf"/{C}:8:5: character 'alpha' has no status change", problems[0])
    assert re.search(
        rf"/{E}:21:15: unknown character 'alhpa' \(expected an id from characters.yaml; "
        r"did you mean 'alpha'\?\)",
        problems[1],
    )


def test_duplicate_character_id(refused, roster_dir, mini_characters):
    text = _edit(mini_characters, "  - id: beta", "  - id: alpha")
    problems = refused("validate", str(roster_dir(characters=text)))
    assert len(problems) == 3, problems  # the second 'alpha' is dropped: 'beta' is then unknown
    assert re.search(
        rf"/{C}:18:9: duplicate id 'alpha', first used on line 8 \(expected each id once\)",
        problems[0],
    )
    assert all(re.search(rf"/{E}:\d+:15: unknown character 'beta'", p) for p in problems[1:])


def test_duplicate_event_id(refused, roster_dir, mini_events):
    text = _edit(mini_events, "id: e03-beta-turns", "id: e02-beta-bitten")
    _one(
        refused("validate", str(roster_dir(events=text))),
        f"{E}:9:9",
        r"duplicate event id 'e02-beta-bitten', first used on line 2 \(expected each id once\)",
    )


def test_too_many_problems_stops_at_200(refused, roster_dir):
    problems = refused(
        "validate", str(roster_dir(characters="characters: [" + "{}, " * 30_000 + "{}]\n"))
    )
    assert len(problems) == 201
    assert re.search(rf"/{C}:0:0: stopped checking after 200 problems", problems[0])


def test_one_long_key_quoted_by_many_problems(refused, roster_dir, mini_characters):
    # One 20,000-character key, cited 300 times through an alias: each problem quotes it.
    cited = "sources: [&k " + "k" * 19_999 + ", " + ", ".join(["*k"] * 300) + "]"
    problems = refused(
        "validate", str(roster_dir(characters=_edit(mini_characters, "sources: [s1]", cited)))
    )
    assert len(problems) == 201
    assert all(len(p) < len(str(roster_dir())) + 600 for p in problems)  # messages are clipped
    assert re.search(
        r"unknown source 'kkk+ \.\.\. kkk+' \(expected a key under 'sources:'", problems[1]
    )


def test_many_near_misses_do_not_make_did_you_mean_slow(refused, roster_dir, mini_events):
    # 1,000 long, similar source keys and 300 unknown ones: each "did you mean" compares the
    # word with every key, quadratically (this took 90 s before the work was bounded).
    key = "source-" + "a" * 60 + "{:030d}"
    sources = "".join(
        f"  {key.format(i)}: {{title: t, publisher: p, lineage: l, grade: good, grade_reason: r}}\n"
        for i in range(1000)
    )
    cited = ", ".join(key.format(i) + "x" for i in range(300))
    characters = (
        f"sources:\n{sources}characters:\n- {{id: alpha, name: Kim Al-pha, hangul: unknown, "
        f"actor: unknown, group: student, role: r, first_episode: 1, sources: [{cited}]}}\n"
    )
    problems = refused("validate", str(roster_dir(characters=characters)))
    assert len(problems) == 201 and "unknown source 'source-aaa" in problems[1]


def test_missing_file(refused, roster_dir):
    d = roster_dir()
    (d / E).unlink()
    _one(refused("validate", str(d)), f"{E}:0:0", r"no such file \(expected a YAML file here\)")


def test_missing_directory(refused, tmp_path):
    _one(
        refused("validate", str(tmp_path / "nowhere")),
        "nowhere:0:0",
        r"no such directory \(expected a directory holding characters.yaml and events.yaml; from "
        r"given\)",
    )


def test_directory_is_a_file(refused, tmp_path):
    (tmp_path / "afile").write_text("events: []\n")
    _one(refused("--data", str(tmp_path / "afile"), "survivors"), "afile:0:0", r"not a directory")


def test_roster_file_is_a_directory(refused, roster_dir):
    d = roster_dir()
    (d / C).unlink()
    (d / C).mkdir()
    _one(refused("validate", str(d)), f"{C}:0:0", r"is a directory \(expected a YAML file\)")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_roster_file_is_an_endless_device(refused, roster_dir):
    d = roster_dir()
    (d / C).unlink()
    (d / C).symlink_to("/dev/zero")  # size 0, but never ends: must not be read
    _one(refused("validate", str(d)), f"{C}:0:0", r"not a regular file \(expected a YAML file\)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_roster_file_is_a_pipe(refused, roster_dir):
    d = roster_dir()
    (d / E).unlink()
    os.mkfifo(d / E)  # opening it would block for ever
    _one(refused("validate", str(d)), f"{E}:0:0", r"not a regular file")


@pytest.mark.parametrize("args", [("survivors",), ("fate", "alpha"), ("validate",), ("deaths",)])
def test_aouad_data_pointing_at_a_broken_roster(refused, roster_dir, mini_events, args):
    d = roster_dir(events=_edit(mini_events, "status: zombie", f"status: {PWN} ['true']"))
    _one(
        refused(*args, env={"AOUAD_DATA": str(d)}),
        f"{E}:14:",
        r"YAML tag .*os.system' is not allowed",
    )


def test_aouad_data_pointing_nowhere(refused, tmp_path):
    _one(
        refused("survivors", env={"AOUAD_DATA": str(tmp_path / "gone")}),
        "gone:0:0",
        r"no such directory \(expected a directory holding characters.yaml and events.yaml; from "
        r"AOUAD_DATA\)",
    )


@pytest.mark.parametrize(
    "command",
    [
        ("survivors",),
        ("fate", "alpha"),
        ("characters",),
        ("where",),
        ("events",),
        ("deaths",),
        ("chain",),
        ("stats",),
    ],
)
def test_rich_markup_in_data_is_shown_as_text(cli, roster_dir, mini_characters, command):
    # A valid roster with odd but legal text: the tables must print it, not read it as markup.
    text = _edit(mini_characters, "name: Kim Al-pha", 'name: "Kim [/x] Al-pha"')
    text = _edit(text, ROLE, 'role: "[bold]not bold[/bold]"')
    d = roster_dir(characters=text)
    result = cli("--data", str(d), *command, "--spoilers")
    assert "Traceback" not in result.stderr, result.stderr[-300:]
    assert result.exit_code == 0, result.stderr
    if command[0] in ("survivors", "fate", "characters", "where"):
        assert "Kim [/x] Al-pha" in result.stdout.replace("\n", "")


def test_readme_sample_of_validate_is_real_output(run, tmp_path):
    # README.md ("Your own roster") shows `aouad validate ./my-roster` after three typos in a
    # copy of examples/minimal; this makes the same copy and compares the output.
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n\$ aouad validate \./my-roster\n(.*?)```", readme, re.S)
    assert shown, "README.md has no `aouad validate ./my-roster` sample"
    example = Path(__file__).parents[2] / "examples" / "minimal"
    mine = tmp_path / "my-roster"
    mine.mkdir()
    (mine / C).write_text(
        _edit(
            (example / C).read_text(encoding="utf-8"),
            "    actor: Park Ji-hu",
            "    acter: Park Ji-hu",
        ),
        encoding="utf-8",
    )
    events = _edit(
        (example / E).read_text(encoding="utf-8"), "        status: dead", "        status: daed"
    )
    (mine / E).write_text(_edit(events, "by: [gwi-nam]", "by: [gwinam]"), encoding="utf-8")
    result = run("validate", "./my-roster")
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr == shown.group(1)


def test_oversized_file_is_refused_before_reading(refused, roster_dir):
    d = roster_dir()
    with open(d / C, "r+b") as handle:  # sparse: the size is on record, nothing is written
        handle.truncate(128 * 1024 * 1024 + 1)
    _one(
        refused("validate", str(d)),
        f"{C}:0:0",
        r"file is 134217729 bytes \(expected at most 134217728\)",
    )
