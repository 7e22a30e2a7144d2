#!/usr/bin/env python3
"""Scale benchmark: load and query time, and peak memory, for synthetic rosters of growing size.

    python bench/scale.py                               # 1k and 10k characters, 3 runs each
    python bench/scale.py --sizes 1000,10000,100000 --repeat 1
    python bench/scale.py --sizes 10k --tracemalloc --json

For each size it makes the roster if missing (bench/generate.py, into bench/rosters/<size>/,
git-ignored), then measures, each stage in a fresh child process (so one stage's garbage, caches
and peak memory never leak into another's):

    raw     PyYAML alone: yaml.load(text, Loader=yaml.CSafeLoader) of both files (the floor the
            issue compares against; time excludes reading the files)
    load    aouad.load_roster(dir): read, parse, validate, build the model; then the queries:
            survivors as JSON text (what `aouad survivors --json` prints) and fate of 3 names
    split   the load again in two timed halves, when aouad.load.parse and
            aouad.validate.build_roster exist: parse (YAML -> positioned data) and build
            (validate + model)
    cli     the whole process `aouad --data DIR survivors --json` (through sys.executable)
    snap    load_roster(dir) again, with a verified snapshot present: first (untimed) what
            `aouad validate DIR --snapshot` does, into a scratch AOUAD_CACHE_DIR; then a timed load
            that must not import PyYAML (or the column stays empty)

Peak memory is the child's peak RSS (VmHWM from /proc, else ru_maxrss), also shown above an
import-only child's; ``--tracemalloc`` adds a separate child per size for Python's own peak
allocation (slow, so never in the timed children). Times are medians over ``--repeat`` runs
(wall clock; CPU time is in the JSON). After the table: growth ratios between consecutive sizes
(the issue's target for 10k -> 100k is at most 11x), and the issue's "validation and model-building
add at most 15% over
the raw YAML parse" read both ways: load/raw <= 1.15, and build/raw <= 0.15.

Size limits: aouad refuses files over aouad.load.MAX_BYTES (and, in some versions, more than
aouad.load.MAX_NODES values), bounds meant for hostile input. If one would refuse a roster
measured here, the children raise it just enough and the report says so; ``--keep-limits``
measures aouad exactly as shipped (such sizes then show as refused). With 128 MiB per file,
nothing up to 100k characters needs it.

Stdlib and aouad only; exits 0 (1 when a stage fails unexpectedly, 2 for bad arguments).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # for `import generate`, also when run from elsewhere
import generate  # noqa: E402 (found through the path set just above)

LIMITS = ("MAX_BYTES", "MAX_NODES")


# --- the child side: one stage, one roster, results as one JSON line on stdout


def lift_limits(directory: str | Path) -> dict[str, int]:
    """Raise aouad's size limits just enough for this roster; returns the shipped values."""
    from aouad import load

    # MAX_BYTES is also a read() size, so raise it to what the files need, not to infinity.
    need = {
        "MAX_BYTES": max(p.stat().st_size for p in Path(directory).glob("*.yaml")) + (1 << 20),
        "MAX_NODES": 1 << 40,
    }
    lifted = {}
    for name in LIMITS:
        shipped = getattr(load, name, None)
        if isinstance(shipped, int) and shipped < need[name]:
            lifted[name] = shipped
            setattr(load, name, need[name])
    return lifted


def _peak_mb() -> float:
    """This process's peak RSS in MiB. Linux's ru_maxrss survives exec(), so a child would
    report its parent's peak if that were larger; /proc's VmHWM belongs to this image only."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (
        1024 * 1024 if sys.platform == "darwin" else 1024
    )


def child(stage: str, directory: str, keep_limits: bool, names: list[str]) -> dict[str, object]:
    out: dict[str, object] = {"stage": stage}
    cpu0 = time.process_time()
    if stage == "base":
        import yaml

        import aouad  # noqa: F401 - the import is what is measured
    elif stage == "raw":
        import yaml

        texts = [
            Path(directory, f).read_text(encoding="utf-8")
            for f in ("characters.yaml", "events.yaml")
        ]
        cpu0, t0 = time.process_time(), time.perf_counter()
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)
        out["raw_s"] = time.perf_counter() - t0
    elif stage in ("load", "tracemalloc"):
        if stage == "tracemalloc":
            import tracemalloc

            tracemalloc.start()
        out["lifted"] = {} if keep_limits else lift_limits(directory)
        from aouad import load_roster, queries, records
        from aouad.errors import DataError

        cpu0, t0 = time.process_time(), time.perf_counter()
        try:
            roster = load_roster(directory)
        except DataError as err:
            out["refused"] = str(err.problems[0]) if err.problems else str(err)
            return out
        out["load_s"] = time.perf_counter() - t0
        out["load_cpu_s"] = time.process_time() - cpu0
        out["parsed_yaml"] = "yaml" in sys.modules
        out["characters"] = len(roster.characters)
        out["events"] = len(roster.events)
        t0 = time.perf_counter()
        rows = [records.character_row(f, roster) for f in queries.survivors(roster)]
        text = json.dumps(rows, ensure_ascii=False, indent=2)
        out["survivors_s"] = time.perf_counter() - t0
        out["survivors"] = len(rows)
        out["json_mb"] = len(text.encode()) / 1e6
        t0 = time.perf_counter()
        fates = queries.fate(roster, names)
        [records.fate_row(f, roster) for f in fates]
        out["fate_s"] = time.perf_counter() - t0
        if stage == "tracemalloc":
            import tracemalloc

            out["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
    elif stage == "snapwrite":
        # What `aouad validate DIR --snapshot` does: validate, then save a verified snapshot into
        # the cache directory (the parent points AOUAD_CACHE_DIR at a scratch directory). Untimed.
        out["lifted"] = {} if keep_limits else lift_limits(directory)
        try:
            from aouad import snapshot
            from aouad.roster import parse_roster
        except ImportError as err:
            out["skipped"] = f"this aouad has no snapshots ({err})"
            return out
        where = Path(directory)
        snapshot.write(parse_roster(where), where, snapshot.cache_path(where))
        out["snapshot_mb"] = snapshot.cache_path(where).stat().st_size / 1e6
    elif stage == "snapload":
        from aouad import load_roster

        cpu0, t0 = time.process_time(), time.perf_counter()
        roster = load_roster(directory)
        out["snap_load_s"] = time.perf_counter() - t0
        out["snap_load_cpu_s"] = time.process_time() - cpu0
        out["characters"] = len(roster.characters)
        out["used_snapshot"] = (
            "yaml" not in sys.modules
        )  # the YAML path imports PyYAML; a snapshot does not
    elif stage == "split":
        out["lifted"] = {} if keep_limits else lift_limits(directory)
        try:
            from aouad.load import parse, read_text
            from aouad.validate import build_roster
        except ImportError as err:  # internals moved: the split is optional
            out["skipped"] = f"aouad internals changed: {err}"
            return out
        from aouad.errors import DataError

        paths = [str(Path(directory, f)) for f in ("characters.yaml", "events.yaml")]
        try:
            texts = [read_text(Path(p)) for p in paths]
            t0 = time.perf_counter()
            docs = [parse(text, p) for text, p in zip(texts, paths)]
            out["parse_s"] = time.perf_counter() - t0
            t0 = time.perf_counter()
            build_roster(docs[0], docs[1], (paths[0], paths[1]))
            out["build_s"] = time.perf_counter() - t0
        except DataError as err:
            out["refused"] = str(err.problems[0]) if err.problems else str(err)
            return out
    elif stage == "cli":
        # The real console entry point, in this process, after lifting the limits (or not).
        out["lifted"] = {} if keep_limits else lift_limits(directory)
        from aouad.cli import main

        sys.argv = ["aouad", "--data", directory, "survivors", "--json"]
        real = sys.stdout
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        try:
            main()
        except SystemExit as done:
            out["exit"] = done.code
        finally:
            sys.stdout.close()
            sys.stdout = real
    else:
        raise SystemExit(f"unknown stage {stage}")
    out["cpu_s"] = time.process_time() - cpu0
    out["peak_rss_mb"] = _peak_mb()
    return out


# --- the parent side


def run_child(
    stage: str, directory: Path, args: argparse.Namespace, names: list[str]
) -> dict[str, object]:
    argv = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        stage,
        str(directory),
        "--names",
        ",".join(names),
    ]
    if args.keep_limits:
        argv.append("--keep-limits")
    env = {k: v for k, v in os.environ.items() if k not in ("AOUAD_DATA", "PYTHONTRACEMALLOC")}
    env["AOUAD_CONFIG_DIR"] = str(args.scratch)  # no saved progress gates the answers
    # Snapshots of the user's are never used; the one the snapshot stages write is seen by them
    # only.
    env["AOUAD_CACHE_DIR"] = str(
        args.scratch / ("cache" if stage.startswith("snap") else "no-cache")
    )
    t0 = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(
            f"stage {stage} on {directory} failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
        )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_s"] = wall
    if stage == "cli" and result.get("exit") not in (None, 0):
        result["refused"] = (
            f"exit {result['exit']}: "
            f"{proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''}"
        )
    return result


def med(results: list[dict[str, object]], key: str) -> float | None:
    xs = [r[key] for r in results if isinstance(r.get(key), (int, float))]
    return statistics.median(xs) if xs else None


def measure(n: int, args: argparse.Namespace) -> dict[str, object]:
    directory = args.dir / generate.label(n)
    if args.regenerate or not all(
        (directory / f).is_file() for f in ("characters.yaml", "events.yaml")
    ):
        t0 = time.perf_counter()
        generate.write(n, args.dir, args.seed)
        print(f"  generated {directory} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    size_mb = sum((directory / f).stat().st_size for f in ("characters.yaml", "events.yaml")) / 1e6
    # Three names the roster surely has: the first, a middle and the last character's id.
    names = [generate.character_id(i) for i in (0, n // 2, n - 1)]
    stages = (
        ["raw", "load"]
        + (["split"] if not args.no_split else [])
        + (["cli"] if not args.no_cli else [])
    )
    snap = None if args.no_snapshot else run_child("snapwrite", directory, args, names)
    if snap is not None and "skipped" not in snap:
        stages.append("snapload")
    runs: dict[str, list[dict[str, object]]] = {s: [] for s in stages}
    base = run_child("base", directory, args, names)
    for _ in range(args.repeat):
        for stage in stages:  # interleaved, so drift in machine load hits every stage alike
            print(f"  {generate.label(n)}: {stage}...", file=sys.stderr, end="\r")
            runs[stage].append(run_child(stage, directory, args, names))
    row: dict[str, object] = {
        "size": n,
        "label": generate.label(n),
        "mb": size_mb,
        "base_rss_mb": base["peak_rss_mb"],
    }
    row["raw_s"] = med(runs["raw"], "raw_s")
    row["raw_cpu_s"] = med(runs["raw"], "cpu_s")
    row["raw_rss_mb"] = med(runs["raw"], "peak_rss_mb")
    for key in ("load_s", "load_cpu_s", "survivors_s", "fate_s", "peak_rss_mb", "json_mb"):
        row[key] = med(runs["load"], key)
    refused = [r["refused"] for rs in runs.values() for r in rs if "refused" in r]
    row["refused"] = refused[0] if refused else None
    row["lifted"] = next((r.get("lifted") for r in runs["load"] if r.get("lifted")), {})
    if "split" in runs:
        row["parse_s"] = med(runs["split"], "parse_s")
        row["build_s"] = med(runs["split"], "build_s")
        skipped = [r["skipped"] for r in runs["split"] if "skipped" in r]
        row["split_skipped"] = skipped[0] if skipped else None
    if "cli" in runs:
        row["cli_s"] = med(runs["cli"], "process_s")
    if "snapload" in runs:
        row["snap_s"] = med(runs["snapload"], "snap_load_s")
        row["snap_rss_mb"] = med(runs["snapload"], "peak_rss_mb")
        row["snapshot_mb"] = snap.get("snapshot_mb") if snap else None
        if not all(r.get("used_snapshot") for r in runs["snapload"]):
            row["snap_s"] = None
            row["snap_note"] = "the snapshot was not used (PyYAML got imported)"
    if snap is not None and snap.get("skipped"):
        row["snap_note"] = snap["skipped"]
    if row["load_s"] and row["raw_s"]:
        row["load_over_raw"] = row["load_s"] / row["raw_s"]
    if args.tracemalloc:
        row["traced_peak_mb"] = run_child("tracemalloc", directory, args, names).get(
            "traced_peak_mb"
        )
    return row


def _fmt(value: object, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def report(rows: list[dict[str, object]], args: argparse.Namespace) -> None:
    lifted = next((r["lifted"] for r in rows if r.get("lifted")), {})
    import yaml

    print(
        f"aouad scale | Python {sys.version.split()[0]}, PyYAML {yaml.__version__} "
        f"(libyaml {'yes' if yaml.__with_libyaml__ else 'no'}) | {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.2f} | median of {args.repeat} run(s) per stage, each in its "
        "own process"
    )
    if lifted:
        print(
            "limits lifted in the benchmark's children: "
            + ", ".join(f"aouad.load.{k} (shipped: {v:,})" for k, v in lifted.items())
            + "; --keep-limits measures them as shipped"
        )
    print()
    head = (
        f"{'size':>6} {'MB':>5} {'raw s':>7} {'load s':>7} {'load/raw':>8} {'parse s':>7} "
        f"{'build s':>7} "
        f"{'build/raw':>9} {'surv ms':>8} {'fate ms':>7} {'cli s':>6} {'peak MB':>7} "
        f"{'+base MB':>8} {'snap s':>6} {'snap MB':>7}"
    )
    if args.tracemalloc:
        head += f" {'traced MB':>9}"
    print(head)
    print("-" * len(head))
    for r in rows:
        if r.get("refused") and r.get("load_s") is None:
            print(
                f"{r['label']:>6} {r['mb']:>5.1f} {_fmt(r['raw_s'], '7.2f')}  refused by aouad: "
                f"{r['refused']}"
            )
            continue
        build_over_raw = r["build_s"] / r["raw_s"] if r.get("build_s") and r.get("raw_s") else None
        line = (
            f"{r['label']:>6} {r['mb']:>5.1f} {_fmt(r['raw_s'], '7.2f')} "
            f"{_fmt(r['load_s'], '7.2f')} "
            f"{_fmt(r.get('load_over_raw'), '8.2f')} {_fmt(r.get('parse_s'), '7.2f')} "
            f"{_fmt(r.get('build_s'), '7.2f')} "
            f"{_fmt(build_over_raw, '9.2f')} "
            f"{_fmt(r['survivors_s'] and r['survivors_s'] * 1000, '8.1f')} "
            f"{_fmt(r['fate_s'] and r['fate_s'] * 1000, '7.1f')} {_fmt(r.get('cli_s'), '6.2f')} "
            f"{_fmt(r['peak_rss_mb'], '7.0f')} "
            f"{_fmt(r['peak_rss_mb'] and r['peak_rss_mb'] - r['base_rss_mb'], '8.0f')} "
            f"{_fmt(r.get('snap_s'), '6.2f')} {_fmt(r.get('snap_rss_mb'), '7.0f')}"
        )
        if args.tracemalloc:
            line += f" {_fmt(r.get('traced_peak_mb'), '9.0f')}"
        print(line)
    print()
    print(
        "raw = yaml.load(CSafeLoader) of both files; load = aouad.load_roster; parse + build = the "
        "same load "
        "split (YAML -> positioned data, then validation + model); surv = survivors -> rows -> "
        "JSON text; "
        "fate = 3 names -> fate rows (includes building the name index); cli = whole `aouad --data "
        "DIR "
        "survivors --json` process; peak = child's peak RSS, +base = above an import-only child; "
        "snap = "
        "load_roster with a verified snapshot present (`aouad validate DIR --snapshot`), snap MB "
        "its peak RSS."
    )
    for r in rows:
        if r.get("snap_note"):
            print(f"{r['label']}: snapshot: {r['snap_note']}")
    if any(r.get("split_skipped") for r in rows):
        print(f"split skipped: {next(r['split_skipped'] for r in rows if r.get('split_skipped'))}")
    print()
    print(
        "Growth between consecutive sizes (time ratio for the size ratio; linear = the size ratio):"
    )
    for a, b in itertools.pairwise(rows):
        k = b["size"] / a["size"]
        parts = []
        for key, name in (
            ("raw_s", "raw"),
            ("load_s", "load"),
            ("load_cpu_s", "load CPU"),
            ("parse_s", "parse"),
            ("build_s", "build"),
            ("survivors_s", "survivors"),
            ("fate_s", "fate"),
            ("cli_s", "cli"),
            ("peak_rss_mb", "peak RSS"),
            ("snap_s", "snapshot load"),
        ):
            if a.get(key) and b.get(key):
                parts.append(f"{name} x{b[key] / a[key]:.1f}")
        verdict = ""
        if (a["size"], b["size"]) == (10000, 100000) and a.get("load_s") and b.get("load_s"):
            g = b["load_s"] / a["load_s"]
            verdict = (
                f"  -> target: load <= x11 from 10k to 100k: {'met' if g <= 11 else 'NOT met'}"
            )
        print(f"  {a['label']} -> {b['label']} (x{k:g}): " + ", ".join(parts) + verdict)
    for r in rows:
        if r.get("load_over_raw") is not None:
            ok = "met" if r["load_over_raw"] <= 1.15 else "NOT met"
            line = f"  {r['label']}: load/raw {r['load_over_raw']:.2f} (target <= 1.15: {ok})"
            if r.get("build_s") and r.get("raw_s"):
                b = r["build_s"] / r["raw_s"]
                met = "met" if b <= 0.15 else "NOT met"
                line += f"; build/raw {b:.2f} (read as validation + model <= 0.15 x raw: {met})"
            print(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    ap.add_argument(
        "--sizes",
        type=generate.parse_sizes,
        default=[1000, 10000],
        help="character counts (default 1000,10000; 100000 takes minutes and ~1.5 GB)",
    )
    ap.add_argument("--repeat", type=int, default=3, help="runs per stage and size (default 3)")
    ap.add_argument(
        "--dir",
        type=Path,
        default=generate.DEFAULT_OUT,
        help=f"rosters live here (default {generate.DEFAULT_OUT})",
    )
    ap.add_argument("--seed", type=int, default=2022, help="generator seed (default 2022)")
    ap.add_argument("--regenerate", action="store_true", help="rewrite the rosters even if present")
    ap.add_argument(
        "--keep-limits", action="store_true", help="measure aouad with its size limits as shipped"
    )
    ap.add_argument("--no-split", action="store_true", help="skip the parse/build split")
    ap.add_argument("--no-cli", action="store_true", help="skip the whole-process CLI run")
    ap.add_argument("--no-snapshot", action="store_true", help="skip the verified-snapshot load")
    ap.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also measure Python's traced peak (a slow extra child)",
    )
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--child", nargs=2, metavar=("STAGE", "DIR"), help=argparse.SUPPRESS)
    ap.add_argument("--names", default="", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        stage, directory = args.child
        print(
            json.dumps(
                child(stage, directory, args.keep_limits, [n for n in args.names.split(",") if n])
            )
        )
        return 0
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="aouad-scale-") as scratch:
        args.scratch = Path(scratch)
        try:
            rows = [measure(n, args) for n in sorted(set(args.sizes))]
        except RuntimeError as err:
            print(f"scale.py: {err}", file=sys.stderr)
            return 1
    print(" " * 40, end="\r", file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        report(rows, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
