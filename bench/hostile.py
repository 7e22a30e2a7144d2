#!/usr/bin/env python3
"""Hostile-input benchmark: what refusing a hostile input costs, and what a large roster costs.

    python bench/hostile.py                  # every case, ~3 min, ~1.5 GB of memory at most
    python bench/hostile.py --quick          # the refusals only, ~30 s
    python bench/hostile.py --json

Each case runs in a fresh child process (the installed `aouad` next to sys.executable, or
``python -m aouad``), timed by wall clock, its peak RSS read from the kernel (ru_maxrss of the
child alone). The cases are issue 15's findings, at the sizes the issue measured:

    dense-128mb        events.yaml of 128 MB of `- {}` (was 96 s, 5.85 GB): refused where it starts
    top-keys-128mb     128 MB of `kN: v` at the top of a file: refused at the 1,001st key
    node-cap           a file of legitimate density past load.MAX_NODES: refused at the cap
    marks-2mb          a 2 MB roster of combining-mark runs in names (was 27 s): refused
    marks-cli          `aouad fate NAME` with 64k combining marks (was 6 s): a usage error
    fate-10k           `fate` with 10,000 ids, against `fate --all` (was 21 s against 2.9 s)
    roster-100k        `aouad validate` of a 100,000-character roster (bench/generate.py), and
                       a warm load from its snapshot: the cost of a legitimate large roster
    ctrl-c             SIGINT at 0-60 ms after start: how many calls print a traceback (those
                       that do were interrupted in Python's own start-up, before aouad runs)

and prints, per case, wall seconds, CPU seconds (user + system: what a busy machine distorts
least), peak MB, the exit code and the first line of stderr, and the ratios README.md states
(seconds and MB per MB of YAML for a large roster). Stdlib only. A
benchmark, not a test: it exits 0 whatever the numbers (1 only when a case cannot run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MB = 1024 * 1024
MARKS = "\u0301\u0316"  # one above, one below: out of canonical order, the worst case


def aouad_command() -> list[str]:
    script = Path(sys.executable).parent / "aouad"
    return [str(script)] if script.exists() else [sys.executable, "-m", "aouad"]


# The child: run one command, report its wall time and peak RSS (its own, not this process's).
_MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t0 = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,\n"
    "                   stderr=subprocess.PIPE, text=True, errors='replace')\n"
    "seconds = time.perf_counter() - t0\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime\n"
    "mb = peak / (1024 * 1024) if sys.platform == 'darwin' else peak / 1024\n"
    "lines = p.stderr.strip().splitlines() or ['']\n"
    "line = lines[0 if 'problem(s)' in p.stderr else -1]\n"
    "print(json.dumps({'seconds': seconds, 'cpu_s': cpu, 'peak_mb': mb, 'code': p.returncode,\n"
    "                  'stderr': line[:160]}))\n"
)


def measure(args: list[str], env: dict[str, str] | None = None) -> dict[str, object]:
    full = {**os.environ, **(env or {})}
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *aouad_command(), *args],
        capture_output=True,
        text=True,
        env=full,
        check=False,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def roster(where: Path, characters: str | None = None, events: str | None = None) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    example = ROOT / "examples" / "minimal"
    (where / "characters.yaml").write_text(
        characters or (example / "characters.yaml").read_text("utf-8"), encoding="utf-8"
    )
    (where / "events.yaml").write_text(
        events or (example / "events.yaml").read_text("utf-8"), encoding="utf-8"
    )
    return where


def case_dense(scratch: Path) -> dict[str, object]:
    d = roster(scratch / "dense", events="events:\n" + "- {}\n" * ((128 * MB - 64) // 5))
    return measure(["validate", str(d)])


def case_top_keys(scratch: Path) -> dict[str, object]:
    lines, size, i = ["events: []\n"], 11, 0
    while size < 128 * MB - 64:
        line = f"k{i}: v\n"
        lines.append(line)
        size += len(line)
        i += 1
    d = roster(scratch / "top-keys", events="".join(lines))
    return measure(["validate", str(d)])


def case_node_cap(scratch: Path) -> dict[str, object]:
    # Records at a roster's density (~10 characters a value), past 4,000,000 values.
    record = "- {id: e{n}, episode: 1, summary: someone runs, sources: [s1]}\n"
    d = roster(
        scratch / "node-cap",
        events="events:\n" + "".join(record.replace("{n}", str(n)) for n in range(340_000)),
    )
    return measure(["validate", str(d)])


def case_marks_roster(scratch: Path) -> dict[str, object]:
    # 2 MB of names made of mark runs, each name under the 20,000-character text limit.
    example = (ROOT / "examples" / "minimal" / "characters.yaml").read_text("utf-8")
    alias = '"x' + MARKS * 4_000 + '"'
    characters = example.replace("aliases: [", "aliases: [" + ", ".join([alias] * 125) + ", ", 1)
    return measure(["validate", str(roster(scratch / "marks", characters=characters))])


def case_marks_cli(_scratch: Path) -> dict[str, object]:
    return measure(["fate", "x" + MARKS * 32_000])


def case_fate(_scratch: Path) -> dict[str, object]:
    from aouad import load_roster

    ids = [c.id for c in load_roster(snapshots=False).characters]
    names = (ids * (10_000 // len(ids) + 1))[:10_000]
    many = measure(["fate", "--json", *names])
    every = measure(["fate", "--all", "--json"])
    many["vs_fate_all"] = round(float(many["seconds"]) / float(every["seconds"]), 2)
    many["vs_fate_all_cpu"] = round(float(many["cpu_s"]) / float(every["cpu_s"]), 2)
    return many


def case_roster_100k(scratch: Path) -> dict[str, object]:
    d = HERE / "rosters" / "100k"
    if not (d / "events.yaml").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--sizes", "100000"], check=True)
    size_mb = sum(p.stat().st_size for p in d.glob("*.yaml")) / MB
    cold = measure(["validate", str(d)])
    cache = {"AOUAD_CACHE_DIR": str(scratch / "cache")}
    measure(["validate", str(d), "--snapshot"], cache)
    warm = measure(["--data", str(d), "stats", "--json"], cache)
    return {
        **cold,
        "yaml_mb": round(size_mb, 1),
        "s_per_mb": round(float(cold["seconds"]) / size_mb, 3),
        "cpu_s_per_mb": round(float(cold["cpu_s"]) / size_mb, 3),
        "rss_mb_per_mb": round(float(cold["peak_mb"]) / size_mb, 1),
        "warm_seconds": warm["seconds"],
        "warm_peak_mb": warm["peak_mb"],
        "warm_cpu_s": warm["cpu_s"],
        "cold_over_warm": round(float(cold["seconds"]) / float(warm["seconds"]), 1),
        "cold_over_warm_cpu": round(float(cold["cpu_s"]) / float(warm["cpu_s"]), 1),
    }


def case_ctrl_c(_scratch: Path) -> dict[str, object]:
    """Tracebacks are counted apart by where they were raised: in aouad's package, or before
    any of it ran (the interpreter's start-up, the generated script's own `import re`)."""
    in_aouad, before, codes = 0, 0, {}
    for i in range(40):
        proc = subprocess.Popen(
            [*aouad_command(), "survivors"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        time.sleep(0.0015 * i)
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate()
        if b"Traceback" in err:
            if f"{os.sep}aouad{os.sep}".encode() in err:
                in_aouad += 1
            else:
                before += 1
        codes[proc.returncode] = codes.get(proc.returncode, 0) + 1
    return {
        "calls": 40,
        "tracebacks_in_aouad": in_aouad,
        "tracebacks_before_aouad_runs": before,
        "exit_codes": codes,
    }


CASES = {
    "dense-128mb": case_dense,
    "top-keys-128mb": case_top_keys,
    "node-cap": case_node_cap,
    "marks-2mb": case_marks_roster,
    "marks-cli": case_marks_cli,
    "fate-10k": case_fate,
    "roster-100k": case_roster_100k,
    "ctrl-c": case_ctrl_c,
}
QUICK = ("dense-128mb", "top-keys-128mb", "marks-2mb", "marks-cli")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="the refusals only")
    ap.add_argument(
        "--case", action="append", choices=sorted(CASES), help="only this case (repeatable)"
    )
    ap.add_argument("--json", action="store_true", help="one JSON object instead of a table")
    args = ap.parse_args()
    chosen = args.case or (QUICK if args.quick else tuple(CASES))
    scratch = Path(tempfile.mkdtemp(prefix="aouad-hostile-"))
    results = {}
    try:
        for name in chosen:
            results[name] = CASES[name](scratch)
            shutil.rmtree(scratch, ignore_errors=True)
            scratch.mkdir()
            if not args.json:
                row = results[name]
                extra = {
                    k: v
                    for k, v in row.items()
                    if k not in ("seconds", "cpu_s", "peak_mb", "code", "stderr")
                }
                if "seconds" in row:
                    print(
                        f"{name:15} {float(row['seconds']):7.2f} s "
                        f"{float(row['cpu_s']):7.2f} cpu-s {float(row['peak_mb']):6.0f} MB  "
                        f"exit {row['code']}  {row['stderr']}"
                    )
                if extra:
                    print(f"{'':15} {json.dumps(extra)}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
