"""Two source trees of this project, side by side on the same corpus: the
whole `make site` as users run it (search included), cold and after one
edited article, alternating the trees run by run.

    python bench/compare_trees.py --before ../before [--sizes 1000,10000] [--runs 3]

Each tree builds with its own output and cache folders; cold means no output
and no cache. Prints, per size, every run, the medians, the ratio after/before
and each tree's last line of phase timings.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench")]
from build_bench import TRASH, edit_one, empty_trash, set_aside  # noqa: E402
from corpus import generate, write_site  # noqa: E402

WORK = ROOT / "bench" / "work" / "compare"


def build(tree: Path, content: Path, out: Path, cache: Path) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(tree / "pelicanconf.py"), "-o", str(out),
           "-e", "BUILD_TIMINGS=true", "BUILD_GUARD_TIMINGS=true", f"CACHE_PATH={json.dumps(str(cache))}"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree / "plugins"), str(tree)])}
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{tree}: build failed\n{done.stderr[-3000:]}")
    phases = next((line for line in done.stderr.splitlines() if line.startswith("Thời gian:")), "")
    return seconds, phases


def run_size(trees: dict[str, Path], n: int, runs: int) -> dict:
    site = WORK / f"site-{n}"
    if not (site / ".n").is_file() or (site / ".n").read_text() != str(n):
        shutil.rmtree(site, ignore_errors=True)
        write_site(generate(n, seed=7, category_mode="real", tags="rich"), site / "content")
        (site / ".n").write_text(str(n))
    times = {(name, mode): [] for name in trees for mode in ("cold", "edit")}
    phases = {}
    for round_ in range(runs):
        order = list(trees.items())[:: 1 if round_ % 2 == 0 else -1]
        for name, tree in order:
            out, cache = site / f"out-{name}", site / f"cache-{name}"
            for folder in (out, out.with_name(out.name + ".tmp"), out.with_name(out.name + ".old"), cache):
                set_aside(folder)
            seconds, phases[(name, "cold")] = build(tree, site / "content", out, cache)
            times[(name, "cold")].append(seconds)
        edit_one(site / "content")  # one article edited; each tree then rebuilds over its own output
        for name, tree in order:
            out, cache = site / f"out-{name}", site / f"cache-{name}"
            seconds, phases[(name, "edit")] = build(tree, site / "content", out, cache)
            times[(name, "edit")].append(seconds)
    return {"times": times, "phases": phases}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/compare_trees.py", description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, type=Path)
    parser.add_argument("--after", default=ROOT, type=Path)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            found = run_size(trees, n, args.runs)
            print(f"\n## {n:,} bài ({args.runs} lượt, xen kẽ)")
            for mode in ("cold", "edit"):
                before, after = found["times"][("before", mode)], found["times"][("after", mode)]
                ratio = statistics.median(after) / statistics.median(before)
                print(f"{mode:4}: before {' '.join(f'{t:.1f}' for t in before)} (median {statistics.median(before):.1f} s)"
                      f" · after {' '.join(f'{t:.1f}' for t in after)} (median {statistics.median(after):.1f} s)"
                      f" · after/before {ratio:.2f}")
            for (name, mode), line in sorted(found["phases"].items()):
                print(f"  {name} {mode}: {line}")
    finally:
        empty_trash(TRASH)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
