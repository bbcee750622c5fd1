"""`make bench`: our full build against what a user would assemble instead, side by side in one run.

Baseline: Pelican 4.12 + pelican-yaml-metadata + pelican-related-posts with the
`simple` theme, installed in bench/work/venv-plain-pelican (never a project
dependency), followed by the Pagefind CLI on its output. Both build the same
generated articles (bench/corpus.py, YAML front matter, no photos). Ours is the
whole `make site`, search index included, each phase shown on its own
(`--no-search`: ours without search, the baseline without Pagefind). For each
size: median of cold builds, the ratio to the baseline, peak memory of the
whole build (every process, Pagefind's included), then one edited article
rebuilt right after the cold build (a sentence added at its end), then ours
again after another article's lead is reworded, and our per-phase timings.
On the largest site: the bytes a browser downloads for a first and a second
query (bench/search_bench.py).

Between runs, the previous output trees and caches are moved into
bench/work/trash/ and deleted only when the benchmark ends. Deleting them
right before the next cold build taxed that build, not the one that made
them: on an ext4 file system without a journal (this machine's disk) the
kernel will not reuse an inode freed in the last 1 to 6 minutes, and each
new file and folder scans past all of them (fs/ext4/ialloc.c,
``recently_deleted``). Creating 17,000 folders with a page each took 0.6 s
after a move and 2.2 → 4.1 → 6.1 s after successive deletes. A benchmark
started within minutes of another still pays for the other's trash: let the
disk rest five minutes between runs.

    python bench/build_bench.py [--sizes 1000,10000] [--large] [--runs 3] [--no-search]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
TRASH = WORK / "trash"  # earlier runs' trees, deleted when the benchmark ends (set_aside)
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "plugins")]
from corpus import generate, write_site  # noqa: E402

BASELINE = {"pelican": "4.12.0", "markdown": "3.11.3", "pelican-yaml-metadata": "2.2.0",
            "pelican-related-posts": "1.0.0"}
BASELINE_CONF = """\
PATH = {content!r}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
THEME = "simple"
PLUGINS = ["pelican.plugins.yaml_metadata", "pelican.plugins.related_posts"]
RELATED_POSTS_MAX = 5
FEED_ALL_ATOM = "feeds/all.atom.xml"
DEFAULT_PAGINATION = 10
LOAD_CONTENT_CACHE = {cache}
CACHE_CONTENT = {cache}
CACHE_PATH = {cache_path!r}
"""
OURS_SETTINGS = ["BUILD_TIMINGS=true"]
SEARCH = [True]  # ours with its index, the baseline followed by the Pagefind CLI (--no-search: neither)


def ensure_baseline() -> Path:
    venv = WORK / "venv-plain-pelican"
    python = venv / "bin" / "python"
    stamp = venv / ".installed"
    wanted = json.dumps(BASELINE, sort_keys=True)
    if not (stamp.is_file() and stamp.read_text() == wanted):
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        *(f"{k}=={v}" for k, v in BASELINE.items())], check=True)
        stamp.write_text(wanted)
    return python


def set_aside(folder: Path, trash: Path = TRASH) -> None:
    """Move ``folder`` (if any) out of the way into ``trash``, to be deleted
    by :func:`empty_trash` once nothing is measured any more: freeing tens of
    thousands of inodes just before a timed build slows that build down (see
    the module's docstring)."""
    if not folder.exists():
        return
    trash.mkdir(parents=True, exist_ok=True)
    for n in range(len(list(trash.iterdir())) + 1):
        target = trash / f"{folder.parent.name}-{folder.name}-{n}"
        if not target.exists():
            folder.rename(target)
            return


def empty_trash(trash: Path = TRASH) -> None:
    shutil.rmtree(trash, ignore_errors=True)


def _tree_pss_kib(pid: int) -> int:
    """Proportional set size of ``pid`` and all its descendants (KiB): pages
    shared by forked workers are counted once, split between them."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as children:
                    stack += [int(c) for c in children.read().split()]
        except (OSError, StopIteration, ValueError):
            pass
    return total


def measured(cmd: list[str], cwd: Path) -> tuple[float, int, str]:
    """(seconds, peak memory in MB of the whole build: the process and every
    process it started, Pagefind's included, sampled every 50 ms, stderr)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {
        "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), str(ROOT)])}
    started = time.perf_counter()
    with open(os.devnull, "w") as null, subprocess.Popen(cmd, cwd=cwd, stdout=null, stderr=subprocess.PIPE,
                                                         text=True, env=env) as proc:
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.05):
                peak[0] = max(peak[0], _tree_pss_kib(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        err = proc.stderr.read()
        proc.wait()
        done.set()
        sampler.join()
    seconds = time.perf_counter() - started
    if proc.returncode:
        raise RuntimeError(f"{' '.join(map(str, cmd[:4]))}…: exit {proc.returncode}\n{err[-2000:]}")
    return seconds, peak[0] // 1024, err


def edit_one(content: Path) -> None:
    """Append a sentence to one article, as an editor fixing a typo would."""
    files = sorted((content / "articles").rglob("*.md"))
    target = files[len(files) // 2]
    target.write_text(target.read_text(encoding="utf-8") + "\nCập nhật: bổ sung số liệu.\n", encoding="utf-8")


def edit_lead(content: Path) -> None:
    """Change the first paragraph of another article, as an editor rewording
    its lead would: unlike a sentence added at the end, this changes what the
    related-articles ranking reads and the summary that listings show."""
    files = sorted((content / "articles").rglob("*.md"))
    target = files[len(files) // 3]
    head, fence, body = target.read_text(encoding="utf-8").partition("\n---\n")
    lead = body.lstrip("\n")
    target.write_text(head + fence + "\n" + "Cập nhật: " + lead, encoding="utf-8")


def run_size(n: int, runs: int, baseline: Path) -> dict:
    site = WORK / f"build-{n}"
    content = site / "content"
    if not (site / ".n").is_file() or (site / ".n").read_text() != str(n):
        shutil.rmtree(site, ignore_errors=True)
        write_site(generate(n, seed=7, category_mode="real", tags="rich"), content)
        (site / ".n").write_text(str(n))
    conf = site / "baseline_conf.py"
    ours_out, base_out = site / "out-ours", site / "out-baseline"
    ours_cache = site / "cache-ours"  # removed before each cold build: nothing read from a cache
    ours = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(ours_out),
            "-e", *OURS_SETTINGS, f"CACHE_PATH={json.dumps(str(ours_cache))}"]
    base = [str(baseline), "-m", "pelican", str(content), "-s", str(conf), "-o", str(base_out)]
    if SEARCH[0]:  # what a user would assemble instead: plain Pelican, then the Pagefind CLI on its output
        from site_search.indexer import locate_binary

        pagefind = [str(locate_binary(None)), "--site", str(base_out), "--force-language", "vi"]
        base = ["sh", "-c", f"{shlex.join(base)} && {shlex.join(pagefind)} >/dev/null"]
    result = {"n": n, "ours": [], "base": [], "ours_rss": 0, "base_rss": 0, "phases": ""}
    for round_ in range(runs):
        order = [("ours", ours), ("base", base)][:: 1 if round_ % 2 == 0 else -1]
        for name, cmd in order:
            out = ours_out if name == "ours" else base_out
            for folder in (out, out.with_name(out.name + ".tmp"), out.with_name(out.name + ".old")):
                set_aside(folder)  # cold: no output, no spare to recycle
            # Cold: this build's own cache only (the other one's stays as its
            # last build left it, as on an editor's machine).
            set_aside(site / "cache-baseline" if name == "base" else ours_cache)
            conf.write_text(BASELINE_CONF.format(content=str(content), cache=False, cache_path=str(site / "cache-baseline")))
            seconds, rss, err = measured(cmd, ROOT)
            result[name].append(seconds)
            result[f"{name}_rss"] = max(result[f"{name}_rss"], rss)
            if name == "ours":
                result["phases"] = next((l for l in err.splitlines() if l.startswith("Thời gian:")), "")
    # One edited article, as a user does it: ours right after its last cold
    # build (whatever that build left: output, content cache, search shards);
    # the baseline after one build with its content cache on (off when cold).
    conf.write_text(BASELINE_CONF.format(content=str(content), cache=True, cache_path=str(site / "cache-baseline")))
    measured(base, ROOT)
    edit_one(content)
    result["ours_edit"], result["ours_edit_rss"], err = measured(ours, ROOT)
    result["edit_phases"] = next((l for l in err.splitlines() if l.startswith("Thời gian:")), "")
    result["base_edit"], _, _ = measured(base, ROOT)
    edit_lead(content)
    result["ours_lead"], _, err = measured(ours, ROOT)
    result["lead_phases"] = next((l for l in err.splitlines() if l.startswith("Thời gian:")), "")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--large", action="store_true", help="thêm 50.000 bài")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-search", action="store_true", help="ours without the search index (SITE_SEARCH=false)")
    args = parser.parse_args(argv)
    if args.no_search:
        OURS_SETTINGS.append("SITE_SEARCH=false")
        SEARCH[0] = False
    sizes = [int(s) for s in args.sizes.split(",")] + ([50000] if args.large else [])
    WORK.mkdir(parents=True, exist_ok=True)
    baseline = ensure_baseline()
    plain = "Pelican+Pagefind" if SEARCH[0] else "Pelican thường"
    print(f"{'N':>7} {'ta (trung vị)':>14} {plain:>17} {'tỉ lệ':>6} {'sửa 1 bài':>10} "
          f"{'/ lạnh':>7} {plain + ' sửa 1':>19} {'bộ nhớ ta':>10} {'bộ nhớ họ':>10}")
    try:
        for n in sizes:
            r = run_size(n, args.runs if n < 50000 else 1, baseline)
            ours, base = statistics.median(r["ours"]), statistics.median(r["base"])
            print(f"{n:>7} {ours:>12.2f} s {base:>15.2f} s {ours / base:>5.2f}× {r['ours_edit']:>8.2f} s "
                  f"{r['ours_edit'] / ours:>6.2f}× {r['base_edit']:>17.2f} s {r['ours_rss']:>7} MB {r['base_rss']:>7} MB")
            print(f"        lần dựng lạnh, từng lượt: ta {', '.join(f'{t:.1f}' for t in r['ours'])} s; "
                  f"họ {', '.join(f'{t:.1f}' for t in r['base'])} s")
            print(f"        lần dựng lạnh: {r['phases']}")
            print(f"        sửa 1 bài:     {r['edit_phases']}")
            print(f"        sửa đoạn đầu 1 bài khác: {r['ours_lead']:.2f} s ({r['ours_lead'] / ours:.2f}× lạnh): "
                  f"{r['lead_phases']}")
        if SEARCH[0]:
            from search_bench import report

            print(f"Tìm kiếm trên trang {sizes[-1]:,} bài (trình duyệt mới; lần 2 trong cùng trang):")
            report(WORK / f"build-{sizes[-1]}" / "out-ours", ["thu tuc", "đất đai"])
    finally:
        empty_trash()  # now that nothing is timed
    print(f"(máy {os.cpu_count()} nhân; mỗi cỡ {args.runs} lượt xen kẽ, trung vị; 50.000 bài: 1 lượt; "
          "bộ nhớ: đỉnh PSS của cả cây tiến trình, Pagefind gồm trong đó)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
