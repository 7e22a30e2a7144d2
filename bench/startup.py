#!/usr/bin/env python3
"""Start-up benchmark: whole-process timings of aouad against a Typer hello-world.

    python bench/startup.py                 # 30 interleaved rounds, a table of medians and ratios
    python bench/startup.py --runs 60 --warmup 5
    python bench/startup.py --bytecode as-is --json

aouad is called in shell loops and pipes, so its start-up is its speed. This runs, in one
process and interleaved (every round runs each command once, in a shuffled order, so drift in
machine load hits all of them alike):

    python -c pass              the interpreter's floor (reference only)
    hello-world                 a Typer app with one command, using the same installed Typer
    survivors --json            aouad survivors --json
    fate cheong-san --json      aouad fate cheong-san --json
    survivors (table)           aouad survivors
    recap --json, quiz --json   aouad recap --json, aouad quiz --seed 1 --json
    recap (table), quiz (table) aouad recap, aouad quiz --seed 1 (in a pipe: the sheet)
    graph --json                aouad graph --json (the graph of the full roster)
    graph (table)               aouad graph

and prints, per command, the median wall time, its ratio to the hello-world's median (the
issue's targets are ratios, not times), the median child CPU time and its ratio. Then it runs
each aouad command a few times under ``python -X importtime`` and reports whether the JSON paths
import Rich (they must import neither rich.console nor rich.table) and which modules aouad adds
over the hello-world, by median self time.

``--wheel`` adds the same aouad commands as a wheel of this checkout installs them (built with
pip, offline, and installed with --target into a scratch directory that goes first on
PYTHONPATH). Only a wheel carries the bundled roster snapshot (hatch_build.py); an editable
install always parses the YAML. ``--variant LABEL=DIR`` adds the aouad commands run with
PYTHONPATH=DIR (a copy of src/ holding a change to try) to the same rounds: how
docs/performance.md measured each proposal. Compare a variant with a variant (e.g. an unchanged
copy), not with the environment's own aouad, whose code may differ.

Everything is found through ``sys.executable``: the ``aouad`` console script next to it (else
``python -m aouad``) and the Typer it imports. Stdlib only. A benchmark, not a test: it exits 0
whatever the numbers (2 only for bad arguments, 1 when a command fails).

Bytecode: ``--bytecode cached`` (the default) points PYTHONPYCACHEPREFIX at a scratch directory
and drops PYTHONDONTWRITEBYTECODE, so after the warm-up every module, aouad's and Typer's alike,
comes from cached bytecode, as after ``pip install``. ``--bytecode as-is`` keeps the caller's
environment; with PYTHONDONTWRITEBYTECODE=1 and an editable install, aouad's own modules are then
compiled from source on every call while Typer's come from site-packages' __pycache__.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HELLO = '''\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
'''

# (label, args after `aouad`, kind of output, target ratio to the hello-world or None)
AOUAD_COMMANDS = [
    ("survivors --json", ["survivors", "--json"], "json", 1.10),
    ("fate cheong-san --json", ["fate", "cheong-san", "--json"], "json", 1.10),
    ("survivors (table)", ["survivors"], "table", 1.35),
    # recap and quiz answer within the same budget as the other query commands
    ("recap --json", ["recap", "--json"], "json", 1.10),
    ("quiz --json", ["quiz", "--seed", "1", "--json"], "json", 1.10),
    ("recap (table)", ["recap"], "table", 1.35),
    ("quiz (table)", ["quiz", "--seed", "1"], "table", 1.35),
    # The graph of the full roster: within the start-up budget of the table commands.
    ("graph --json", ["graph", "--json"], "json", 1.35),
    ("graph (table)", ["graph"], "table", 1.35),
]
STRETCH = {"survivors --json": 1.05}
# Environment that would change what aouad answers or how it draws; the benchmark drops it.
DROP_ENV = (
    "AOUAD_DATA",
    "NO_COLOR",
    "FORCE_COLOR",
    "PYTHONPROFILEIMPORTTIME",
    "PYTHONSTARTUP",
    "PYTHONINSPECT",
    "PYTHONTRACEMALLOC",
    "PYTHONDEVMODE",
    "PYTHONWARNINGS",
)


def aouad_argv() -> list[str]:
    """How to start aouad with sys.executable's environment: its console script, else -m."""
    bindir = Path(sys.executable).parent  # not resolved: a venv's bin/ holds its scripts
    script = bindir / "aouad"
    if script.is_file():
        return [sys.executable, str(script)]
    found = shutil.which("aouad", path=str(bindir))
    if found:
        return [sys.executable, found]
    return [sys.executable, "-m", "aouad"]


def make_env(scratch: Path, bytecode: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DROP_ENV}
    config = scratch / "config"
    config.mkdir(exist_ok=True)
    env["AOUAD_CONFIG_DIR"] = str(config)  # no saved progress: every call answers in full
    env["XDG_CONFIG_HOME"] = str(config)
    env["HOME"] = str(scratch)
    env["XDG_CACHE_HOME"] = str(scratch / "cache")
    env["COLUMNS"] = "120"
    env.setdefault("LANG", "C.UTF-8")
    if bytecode == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user+sys) seconds of one child process; raises on a non-zero exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} exited {proc.returncode}:\n{proc.stderr.decode(errors='replace')}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def check_output(label: str, argv: list[str], kind: str, env: dict[str, str], cwd: Path) -> str:
    """Run once with output captured: the command must work and say something sensible."""
    proc = subprocess.run(argv, capture_output=True, env=env, cwd=cwd, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{label}: exited {proc.returncode}:\n{proc.stderr}")
    if kind == "json":
        rows = json.loads(proc.stdout)
        if isinstance(rows, dict):  # stats, recap and graph write one object
            lists = ", ".join(f"{k}: {len(v)}" for k, v in rows.items() if isinstance(v, list))
            return f"a JSON object ({len(rows)} keys{'; ' + lists if lists else ''})"
        return f"{len(rows)} JSON rows"
    if kind == "table":
        if not proc.stdout.strip():
            raise RuntimeError(f"{label}: printed nothing")
        return f"{len(proc.stdout.splitlines())} table lines"
    return proc.stdout.strip()[:40] or "(no output)"


def importtime(argv: list[str], env: dict[str, str], cwd: Path) -> dict[str, int]:
    """Module -> self import time (µs) of one run under -X importtime."""
    full = [argv[0], "-X", "importtime", *argv[1:]]
    proc = subprocess.run(
        full,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        text=True,
        check=False,
    )
    out: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, _cumulative, name = line[len("import time:") :].split("|", 2)
        try:
            out[name.strip()] = int(self_us)
        except ValueError:  # the header line
            continue
    return out


def quartiles(xs: list[float]) -> tuple[float, float]:
    if len(xs) < 4:
        return min(xs), max(xs)
    q = statistics.quantiles(xs, n=4)
    return q[0], q[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    ap.add_argument(
        "--runs",
        type=int,
        default=30,
        help="timed rounds; each runs every command once (default 30)",
    )
    ap.add_argument("--warmup", type=int, default=3, help="untimed rounds first (default 3)")
    ap.add_argument(
        "--bytecode",
        choices=("cached", "as-is"),
        default="cached",
        help="cached: every module from cached bytecode (default); as-is: the caller's environment",
    )
    ap.add_argument("--seed", type=int, default=1, help="seed for the order within rounds")
    ap.add_argument("--no-imports", action="store_true", help="skip the -X importtime checks")
    ap.add_argument(
        "--top", type=int, default=12, help="modules to list in the import report (default 12)"
    )
    ap.add_argument(
        "--import-runs",
        type=int,
        default=5,
        help="-X importtime runs per command; medians (default 5)",
    )
    ap.add_argument(
        "--json", action="store_true", help="print the results as JSON instead of tables"
    )
    ap.add_argument(
        "--wheel",
        action="store_true",
        help="also time aouad as a wheel of this checkout installs it (built with sys.executable's "
        "pip, offline, into a scratch directory): the bundled snapshot path, which an editable "
        "install never takes",
    )
    ap.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="LABEL=SRC",
        help="also time the aouad commands with PYTHONPATH=SRC (a copy of src/ with a change to "
        "try), in the same interleaved rounds; repeatable",
    )
    args = ap.parse_args(argv)
    if args.runs < 1 or args.warmup < 0 or args.import_runs < 1:
        ap.error("--runs and --import-runs must be at least 1, --warmup at least 0")
    variants = []
    for spec in args.variant:
        label, sep, src = spec.partition("=")
        if not sep or not label or not Path(src, "aouad", "__init__.py").is_file():
            ap.error(f"--variant {spec!r}: expected LABEL=DIR where DIR/aouad/__init__.py exists")
        variants.append((label, str(Path(src).resolve())))
    args.variants = variants

    scratch = Path(tempfile.mkdtemp(prefix="aouad-startup-"))
    try:
        return _bench(args, scratch)
    except RuntimeError as err:
        print(f"startup.py: {err}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def build_wheel(scratch: Path, env: dict[str, str]) -> str:
    """Build a wheel of this checkout and unpack-install it (no dependencies) under scratch."""
    root = Path(__file__).resolve().parents[1]
    built, target = scratch / "wheel-build", scratch / "wheel"
    for cmd in (
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(built),
            str(root),
        ],
        None,
    ):
        if cmd is None:
            wheels = sorted(built.glob("aouad-*.whl"))
            if not wheels:
                raise RuntimeError("pip wheel made no aouad wheel")
            cmd = [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--no-deps",
                "--no-index",
                "-q",
                "--target",
                str(target),
                str(wheels[-1]),
            ]
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env=env, cwd=scratch, check=False
        )
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return str(target)


def _bench(args: argparse.Namespace, scratch: Path) -> int:
    env = make_env(scratch, args.bytecode)
    if args.wheel:
        args.variants.insert(0, ("wheel", build_wheel(scratch, env)))
    hello = scratch / "hello.py"
    hello.write_text(HELLO, encoding="utf-8")
    aouad = aouad_argv()
    commands: list[tuple[str, list[str], str, float | None]] = [
        ("python -c pass", [sys.executable, "-c", "pass"], "none", None),
        ("hello-world", [sys.executable, str(hello)], "text", None),
        *[(label, [*aouad, *rest], kind, target) for label, rest, kind, target in AOUAD_COMMANDS],
    ]
    envs = {label: env for label, *_ in commands}
    for vlabel, src in args.variants:
        venv = dict(
            env, PYTHONPATH=src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        )
        for label, rest, kind, target in AOUAD_COMMANDS:
            commands.append((f"{label} [{vlabel}]", [*aouad, *rest], kind, target))
            envs[f"{label} [{vlabel}]"] = venv
    versions = subprocess.run(
        [
            sys.executable,
            "-c",
            (
                "import sys, typer, yaml, importlib.metadata as m; "
                "print(sys.version.split()[0], typer.__version__, m.version('rich'), "
                "yaml.__version__, yaml.__with_libyaml__, m.version('aouad'))"
            ),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=scratch,
        check=True,
    ).stdout.split()
    checks = {
        label: check_output(label, argv, kind, envs[label], scratch)
        for label, argv, kind, _t in commands
    }

    rnd = random.Random(args.seed)
    wall: dict[str, list[float]] = {c[0]: [] for c in commands}
    cpu: dict[str, list[float]] = {c[0]: [] for c in commands}
    order = list(commands)
    for round_no in range(args.warmup + args.runs):
        rnd.shuffle(order)
        for label, argv, _kind, _target in order:
            w, c = run_once(argv, envs[label], scratch)
            if round_no >= args.warmup:
                wall[label].append(w)
                cpu[label].append(c)

    base_wall = statistics.median(wall["hello-world"])
    base_cpu = statistics.median(cpu["hello-world"])
    rows = []
    for label, _argv, _kind, target in commands:
        med = statistics.median(wall[label])
        q1, q3 = quartiles(wall[label])
        paired = statistics.median(a / b for a, b in zip(wall[label], wall["hello-world"]))
        rows.append(
            {
                "command": label,
                "median_ms": med * 1000,
                "q1_ms": q1 * 1000,
                "q3_ms": q3 * 1000,
                "ratio": med / base_wall,
                "paired_ratio": paired,
                "cpu_ms": statistics.median(cpu[label]) * 1000,
                "cpu_ratio": statistics.median(cpu[label]) / base_cpu,
                "target": target,
                "stretch": STRETCH.get(label.split(" [")[0]),
                "met": None if target is None else med / base_wall <= target,
                "output": checks[label],
            }
        )

    import_envs = [("", env)] + (
        [(" [wheel]", envs["survivors --json [wheel]"])] if args.wheel else []
    )
    imports = (
        None
        if args.no_imports
        else _imports(aouad, hello, import_envs, scratch, args.top, args.import_runs)
    )
    meta = {
        "python": versions[0],
        "typer": versions[1],
        "rich": versions[2],
        "pyyaml": versions[3],
        "libyaml": versions[4] == "True",
        "aouad": versions[5],
        "executable": sys.executable,
        "aouad_argv": aouad[1:],
        "variants": dict(args.variants),
        "runs": args.runs,
        "warmup": args.warmup,
        "bytecode": args.bytecode,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
    if args.json:
        print(json.dumps({"meta": meta, "rows": rows, "imports": imports}, indent=2))
        return 0
    _print(meta, rows, imports)
    return 0


def median_importtime(
    argv: list[str], env: dict[str, str], cwd: Path, runs: int
) -> dict[str, float]:
    """Module -> median self import time (µs) over ``runs`` runs (modules seen in every run)."""
    seen = [importtime(argv, env, cwd) for _ in range(runs)]
    common = set(seen[0]).intersection(*seen[1:])
    return {m: statistics.median(s[m] for s in seen) for m in common}


def _imports(
    aouad: list[str],
    hello: Path,
    envs: list[tuple[str, dict[str, str]]],
    cwd: Path,
    top: int,
    runs: int,
) -> dict[str, object]:
    """For each aouad (the environment's, and the wheel's with --wheel) and command: what it
    imports."""
    base = median_importtime([sys.executable, str(hello)], envs[0][1], cwd, runs)
    report: dict[str, object] = {"hello_modules": len(base), "runs": runs, "commands": {}}
    for suffix, env in envs:
        for label, rest, kind, _target in AOUAD_COMMANDS:
            mods = median_importtime([*aouad, *rest], env, cwd, runs)
            rich = sorted(m for m in mods if m == "rich" or m.startswith("rich."))
            extra = {m: us for m, us in mods.items() if m not in base}
            report["commands"][label + suffix] = {
                "modules": len(mods),
                "rich_modules": len(rich),
                "rich_console": "rich.console" in mods,
                "rich_table": "rich.table" in mods,
                "yaml": "yaml" in mods,
                "extra_modules": len(extra),
                "extra_self_ms": sum(extra.values()) / 1000,
                "top_extra": sorted(extra.items(), key=lambda kv: -kv[1])[:top],
                "kind": kind,
            }
    return report


def _print(
    meta: dict[str, object], rows: list[dict[str, object]], imports: dict[str, object] | None
) -> None:
    print(
        f"aouad {meta['aouad']} start-up | Python {meta['python']}, Typer {meta['typer']}, Rich "
        f"{meta['rich']}, "
        f"PyYAML {meta['pyyaml']} (libyaml {'yes' if meta['libyaml'] else 'no'}) | "
        f"{meta['cpus']} CPUs, load {meta['load_average'][0]:.2f}"
    )
    print(
        f"{meta['runs']} interleaved rounds after {meta['warmup']} warm-up, bytecode "
        f"{meta['bytecode']}; "
        f"aouad = {' '.join(str(a) for a in meta['aouad_argv'])}"
    )
    print()
    width = max(24, *(len(str(r["command"])) for r in rows))
    header = (
        f"{'command':<{width}} {'median ms':>9} {'IQR ms':>13} {'ratio':>6} {'paired':>6} "
        f"{'cpu ms':>7} {'cpu ratio':>9}  target"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        target = ""
        if r["target"] is not None:
            target = f"<= {r['target']:.2f} {'met' if r['met'] else 'NOT met'}"
            if r["stretch"] is not None:
                met = "met" if r["ratio"] <= r["stretch"] else "not met"
                target += f" (stretch {r['stretch']:.2f}: {met})"
        iqr = f"{r['q1_ms']:.0f}-{r['q3_ms']:.0f}"
        print(
            f"{r['command']:<{width}} {r['median_ms']:>9.1f} {iqr:>13} {r['ratio']:>6.2f} "
            f"{r['paired_ratio']:>6.2f} "
            f"{r['cpu_ms']:>7.1f} {r['cpu_ratio']:>9.2f}  {target}"
        )
    print()
    print(
        "ratio = median / hello-world median; paired = median of per-round ratios; cpu = child "
        "user+sys time."
    )
    for label, src in meta["variants"].items():
        print(f"[{label}] = the same aouad with PYTHONPATH={src}")
    if not imports:
        return
    print()
    print(
        f"Imports (median self times of {imports['runs']} runs each under -X importtime; "
        f"the hello-world imports {imports['hello_modules']} modules):"
    )
    commands = imports["commands"]
    width = max(len(k) for k in commands) + 1
    for label, rep in commands.items():
        rich = (
            f"rich.console {'YES' if rep['rich_console'] else 'no'}, rich.table "
            f"{'YES' if rep['rich_table'] else 'no'}"
            f" ({rep['rich_modules']} rich modules)"
        )
        print(
            f"  {label:<{width}} {rep['modules']} modules; {rich}; PyYAML "
            f"{'yes' if rep['yaml'] else 'no'}; "
            f"{rep['extra_modules']} more than the hello-world, {rep['extra_self_ms']:.1f} ms self "
            "time"
        )
    for label, rep in commands.items():
        if rep["kind"] != "json" or not label.startswith("survivors") or not rep["top_extra"]:
            continue
        print(
            f"\n  Heaviest modules `{label}` adds over the hello-world (self time; -X importtime "
            "inflates it):"
        )
        for name, us in rep["top_extra"]:
            print(f"    {us / 1000:6.2f} ms  {name}")


if __name__ == "__main__":
    sys.exit(main())
