#!/usr/bin/env python3
"""Speed figures, measured side by side in one run (medians of repeated fresh processes), as ratios.

    python benchmarks/run.py [--repeat N] [--quick] [--search-only]

Every figure comes from fresh processes, as a user's would run: the package's bytecode caches (.pyc) are
on, as in any pip installation (PYTHONDONTWRITEBYTECODE is removed from the children's environment), and
one unmeasured run first writes them and warms the OS file cache; nothing is measured in a warm interpreter
unless the line says "inside the process" or "warm".

Targets: importing the package adds at most a few milliseconds to a bare interpreter; a fresh process
loading a table costs at most 1.2x one doing pandas.read_parquet on the same file (1.3x for every table);
the first search(as_frame=False) in a fresh process adds at most 25 ms to the import; the build grows
linearly with the raw data.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
# Bytecode caches on, as in any installation: without them every fresh process compiles the package again.
ENV = {k: v for k, v in os.environ.items() if k not in ("EURASIA_SOURCES", "PYTHONDONTWRITEBYTECODE")}


def run_ms(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([PY, "-c", code], check=True, env=ENV, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def median_ms(code: str, repeat: int) -> float:
    run_ms(code)  # warm the OS file cache
    return statistics.median(run_ms(code) for _ in range(repeat))


def paired(a: str, b: str, repeat: int) -> tuple[float, float]:
    """Medians of two commands, interleaved so both see the same machine load."""
    ta, tb, _ = paired_runs(a, b, repeat)
    return statistics.median(ta), statistics.median(tb)


def paired_runs(a: str, b: str, repeat: int) -> tuple[list[float], list[float], list[float]]:
    """Times of two commands run alternately, and the difference b - a of each pair."""
    run_ms(a), run_ms(b)
    ta, tb = [], []
    for _ in range(repeat):
        ta.append(run_ms(a))
        tb.append(run_ms(b))
    return ta, tb, [y - x for x, y in zip(ta, tb)]


def spread(values: list[float]) -> str:
    """Quartiles of ``values``: the middle half of the runs."""
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"middle half {q1:+.1f} to {q3:+.1f} ms"


def load_average() -> str:
    try:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def inner_ms(code: str, repeat: int) -> float:
    """Median of a time the child process measures itself and prints."""
    values = []
    for _ in range(repeat):
        out = subprocess.run([PY, "-c", code], check=True, env=ENV, capture_output=True, text=True).stdout
        values.append(float(out.strip().splitlines()[-1]))
    return statistics.median(values)


def copied_facts(target: Path) -> list[tuple[str, str]]:
    """(table, id) of the records whose synthetic copies the build reports as the same fact from the same quote
    (every record without a reference to a copied record): found by checking two copies, not timed."""
    raw = synthetic_raw(2, target)
    result = subprocess.run([PY, str(ROOT / "build.py"), "check", "--raw", str(raw)], env=ENV, capture_output=True, text=True)
    found = re.findall(r"(\w+)\[(\S+)-s1\]\.id: the same fact as '\2-s0'", result.stdout + result.stderr)
    return sorted(set(found))


def synthetic_raw(factor: int, target: Path, copied: list[tuple[str, str]] = ()) -> Path:
    """raw/ with every record file repeated ``factor`` times under new ids (same quotes, so no texts needed)."""
    raw = target / "raw"
    (raw / "records").mkdir(parents=True)
    for name in ("sources.toml", "actors.toml", "aliases.toml", "places.toml", "quote_lines.tsv"):
        shutil.copy(ROOT / "raw" / name, raw / name)
    ref = re.compile(r'^(\s*(?:id|agreement|pipeline|record) = ")([^"]+)(")', re.M)
    conflicts = re.compile(r'^(\s*conflicts_with = \[)([^\]]*)(\])', re.M)
    for path in sorted((ROOT / "raw" / "records").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        for k in range(factor):
            suffix = f"-s{k}"
            copy = ref.sub(lambda m: m.group(1) + m.group(2) + suffix + m.group(3), text)
            copy = conflicts.sub(lambda m: m.group(1) + re.sub(r'"([^"]+)"', lambda q: f'"{q.group(1)}{suffix}"', m.group(2)) + m.group(3), copy)
            (raw / "records" / f"{path.stem}{suffix}.toml").write_text(copy, encoding="utf-8")
    blocks = (ROOT / "raw" / "acknowledged.toml").read_text(encoding="utf-8").split("[[ack]]")
    per_record = [b for b in blocks[1:] if 'check = "unsupported_field"' in b]  # about records: one per copy
    record = re.compile(r'^(record = ")([^"]+)(")', re.M)
    copies = [record.sub(lambda m: m.group(1) + m.group(2) + f"-s{k}" + m.group(3), b) for k in range(factor) for b in per_record]
    copies += [f'\ncheck = "duplicate_record"\ntable = "{t}"\nrecord = "{i}-s{k}"\nfield = "id"\nreason = "A synthetic copy of {i}-s0."\n\n'
               for k in range(1, factor) for t, i in copied]
    (raw / "acknowledged.toml").write_text("[[ack]]".join([blocks[0], *[b for b in blocks[1:] if b not in per_record], *copies]), encoding="utf-8")
    # The consistency checks name records by id templates: one set of checks per copy.
    head, *checks = re.split(r"(?m)^(?=\[\[)", (ROOT / "raw" / "consistency.toml").read_text(encoding="utf-8"))
    template = re.compile(r'^((?:part|parts|share|total|whole) = .*)$', re.M)
    ids = re.compile(r'"([^"]+)"')
    (raw / "consistency.toml").write_text(head + "".join(
        template.sub(lambda m: ids.sub(lambda q: f'"{q.group(1)}-s{k}"', m.group(1)), c) for k in range(factor) for c in checks), encoding="utf-8")
    return raw


def build_seconds(raw: Path, out: Path, extra: list[str] = ()) -> float:
    start = time.perf_counter()
    subprocess.run([PY, str(ROOT / "build.py"), *extra, "--raw", str(raw), "--out", str(out), "--schemas", str(out.parent / "schemas")],
                   check=True, env=ENV, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="skip the 100x build")
    parser.add_argument("--search-only", action="store_true", help="only the import and search figures")
    parser.add_argument("--sources", default=str(ROOT.parent / "shared" / "seeds"))
    args = parser.parse_args()
    n = args.repeat
    import eurasia_data

    agreements = eurasia_data.paths()["agreements"]
    all_files = [str(p) for p in eurasia_data.paths().values()]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}")
    print(f"repeats: median of {n} fresh processes, bytecode caches on (as installed); {load_average()}\n")

    bare, imported = paired("pass", "import eurasia_data", n)
    print(f"import eurasia_data          {imported:7.1f} ms  vs  python -c pass {bare:7.1f} ms   adds {imported - bare:+.1f} ms  (x{imported / bare:.2f})")

    ours, pandas_only = paired("import eurasia_data; eurasia_data.load_agreements()", f"import pandas; pandas.read_parquet({str(agreements)!r})", n)
    print(f"load_agreements()            {ours:7.1f} ms  vs  pandas.read_parquet {pandas_only:7.1f} ms   x{ours / pandas_only:.2f}  (target <= 1.20)")
    ours_all, pandas_all = paired(
        "import eurasia_data\nfor t in eurasia_data.tables(): eurasia_data.load(t)",
        f"import pandas\nfor p in {all_files!r}: pandas.read_parquet(p)", n)
    print(f"every table                  {ours_all:7.1f} ms  vs  pandas.read_parquet {pandas_all:7.1f} ms   x{ours_all / pandas_all:.2f}  (target <= 1.30)")

    only, searched, added = paired_runs("import eurasia_data", "import eurasia_data; eurasia_data.search('普京', as_frame=False)", n)
    imported_only, first_search, adds = statistics.median(only), statistics.median(searched), statistics.median(added)
    print(f"first search(as_frame=False) {first_search:7.1f} ms  vs  import eurasia_data {imported_only:7.1f} ms   adds {adds:+.1f} ms "
          f"({spread(added)})  target <= 25 ms: {'met' if adds <= 25 else 'NOT met'}")
    first = inner_ms("import time, eurasia_data\nt = time.perf_counter(); eurasia_data.search('普京')\nprint((time.perf_counter() - t) * 1000)", n)
    first_plain = inner_ms("import time, eurasia_data\nt = time.perf_counter(); eurasia_data.search('普京', as_frame=False)\nprint((time.perf_counter() - t) * 1000)", n)
    first_pd = inner_ms("import time, pandas, eurasia_data\nt = time.perf_counter(); eurasia_data.search('普京')\nprint((time.perf_counter() - t) * 1000)", n)
    warm = inner_ms("import time, eurasia_data\neurasia_data.search('普京')\nt = time.perf_counter()\nfor q in ['上合組織', '天然氣 2014', 'SCO exercise', '普京']: eurasia_data.search(q)\nprint((time.perf_counter() - t) * 1000 / 4)", max(3, n // 3))
    worst = inner_ms("import time, eurasia_data\neurasia_data.search('普京', as_frame=False)\nt = time.perf_counter()\neurasia_data.search('中' * 1000, as_frame=False)\nprint((time.perf_counter() - t) * 1000)", max(3, n // 3))
    print(f"first search() after import  {first:7.1f} ms  (of which pandas import ~{first - first_pd:.0f} ms; with pandas already imported: {first_pd:.1f} ms)")
    print(f"  measured inside the process  {first_plain:7.1f} ms  (plain hits, no pandas: what the command line does)")
    print(f"warm search()                {warm:7.1f} ms   search('中' * 1000) {worst:.1f} ms (bounded work per query)")
    if args.search_only:
        print(f"\n{load_average()}")
        return 0
    panels = inner_ms("import time, eurasia_data\neurasia_data.load_actors()\nt = time.perf_counter(); eurasia_data.state_years()\nprint((time.perf_counter() - t) * 1000)", max(3, n // 5))
    dyads = inner_ms("import time, eurasia_data\neurasia_data.load_actors()\nt = time.perf_counter(); eurasia_data.dyad_years()\nprint((time.perf_counter() - t) * 1000)", max(3, n // 5))
    print(f"state_years() / dyad_years() {panels:7.1f} ms / {dyads:.1f} ms  (pandas already imported)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print()
        t_audit = None
        if Path(args.sources).is_dir():
            start = time.perf_counter()
            subprocess.run([PY, str(ROOT / "build.py"), "audit", "--sources", args.sources], check=True, env=ENV, stdout=subprocess.DEVNULL)
            t_audit = time.perf_counter() - start
        factors = [1, 10] if args.quick else [1, 10, 100]
        times = {}
        copied = copied_facts(tmp / "probe")
        for f in factors:
            raw = synthetic_raw(f, tmp / f"x{f}", copied)
            records = sum(1 for p in (raw / "records").glob("*.toml") for line in p.read_text(encoding="utf-8").splitlines() if line.startswith(("[[", "  [")))
            times[f] = build_seconds(raw, tmp / f"x{f}" / "data")
            print(f"build, raw x{f:<3}              {times[f]:7.1f} s   ({records} blocks and table rows)")
        if t_audit is not None:
            print(f"audit (real data, with texts) {t_audit:7.1f} s   build + audit {times[1] + t_audit:.1f} s")
        for a, b in zip(factors, factors[1:]):
            print(f"growth x{a} -> x{b}: time x{times[b] / times[a]:.1f} for data x{b // a} (linear: at most x{b // a})")

    dist = tmp_dist = Path(tempfile.mkdtemp())
    subprocess.run([PY, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True, env=ENV, capture_output=True, cwd=dist)
    (wheel,) = dist.glob("*.whl")
    print(f"\nwheel: {wheel.name} {wheel.stat().st_size / 1024:.0f} KiB")
    shutil.rmtree(tmp_dist, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
