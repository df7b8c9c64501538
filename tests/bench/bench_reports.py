"""Benchmark: the reports of issue 13 against the baselines the issue names, same run.

* ``register_vs_writeonly``: the Register sheet (styled, typed BE dates) for 100,000
  requests, against openpyxl's write-only mode appending the same values with no styling.
  Target <= 1.3.
* ``goaccess_over_webdesk``: GoAccess (``goaccess FILE --log-format=COMBINED -o
  report.json``) against WebDesk's import of the same generated combined log (>= 2 million
  lines, into a fresh SQLite profile: parse, count, store).  Target >= 3.0, with WebDesk's
  peak memory under 250 MB (its process plus its worker processes; both peaks reported).
* ``import_vs_bare_regex``: the same import against a bare Python loop matching the same
  regular expression line by line and counting pages.  Target <= 1.5.

Each side runs in its own process (peak memory from wait4 / getrusage).  The generated log
is cached in ``--data`` (default ~/.cache/webdesk-bench).  Last line: one JSON object.

    .venv/bin/python tests/bench/bench_reports.py [--lines 2000000] [--rows 100000] [--rounds 1]
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
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

BROWSERS = [f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{v}.0.0.0 Safari/537.36" for v in range(100, 130)] + [
    f"Mozilla/5.0 (iPhone; CPU iPhone OS 17_{v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
    f"like Gecko) Version/17.0 Mobile/15E148 Safari/604.1" for v in range(6)]
BOTS = ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"]


def generate_log(path: Path, lines: int, seed: int = 13) -> None:
    """A realistic month of a government site: visitors with one browser each, sessions of
    pages + assets + documents, some bots, errors and Thai URLs."""
    rng = random.Random(seed)
    visitors = [(f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                 rng.choice(BROWSERS)) for _ in range(60_000)]
    visitors += [(f"66.249.{rng.randint(0, 255)}.{rng.randint(1, 254)}", rng.choice(BOTS))
                 for _ in range(60)]
    pages = [f"/news/{i}.html" for i in range(500)] + ["/", "/index.html"] + \
        [f"/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/2569/{i:05d}/index.html" for i in range(80)]
    assets = [f"/static/app{i}.css?v=3" for i in range(5)] + [f"/img/p{i}.jpg" for i in range(200)]
    docs = [f"/files/doc{i}.pdf" for i in range(100)] + [f"/files/form{i}.docx" for i in range(20)]
    statuses = ["200"] * 85 + ["304"] * 8 + ["404"] * 4 + ["301"] * 2 + ["500"]
    step = timedelta(seconds=30 * 86400 / lines)
    when = datetime(2026, 10, 1)
    written = 0
    tmp = path.with_suffix(".part")
    with open(tmp, "w", encoding="ascii") as out:
        while written < lines:
            ip, agent = rng.choice(visitors)
            for _ in range(rng.randint(1, 12)):
                roll = rng.random()
                target = rng.choice(pages) if roll < 0.45 else rng.choice(assets) \
                    if roll < 0.9 else rng.choice(docs)
                when += step
                out.write(f'{ip} - - [{when:%d/%b/%Y:%H:%M:%S} +0700] "GET {target} HTTP/1.1" '
                          f'{rng.choice(statuses)} {rng.randint(200, 90000)} '
                          f'"https://www.agency.go.th/" "{agent}"\n')
                written += 1
                if written >= lines:
                    break
    tmp.replace(path)


def run_measured(command: list[str]) -> tuple[float, int, str, float]:
    """(wall seconds, peak RSS in KiB of that process, stdout, CPU seconds of it and of the
    processes it started and waited for) via wait4."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    output = process.stdout.read().decode()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed with {process.returncode}: {output[-500:]}")
    return elapsed, usage.ru_maxrss, output, usage.ru_utime + usage.ru_stime


# -- children: each measured in its own process ---------------------------------------------

def cpu_seconds() -> float:
    """CPU used so far by this process and by the children it has waited for (workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child_import(log: str, workers: int) -> None:
    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.services.report_logs import import_local_logs

    home = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    try:
        ctx = AppContext.open(AppPaths.resolve(home, f"sqlite:///{home / 'db.sqlite3'}"))
        start, cpu_start = time.perf_counter(), cpu_seconds()
        result = import_local_logs(ctx, "www", [Path(log)], workers=workers)
        elapsed, cpu_used = time.perf_counter() - start, cpu_seconds() - cpu_start
        ctx.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(json.dumps({"seconds": elapsed, "cpu": cpu_used, "lines": result.lines,
                      "page_views": result.page_views,
                      "self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "worker_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))


def child_bare(log: str) -> None:
    from collections import Counter

    from desktop.reports.log_parse import _STRICT

    start, cpu_start = time.perf_counter(), cpu_seconds()
    pages: Counter[bytes] = Counter()
    match = _STRICT.match
    with open(log, "rb") as handle:
        for line in handle:
            found = match(line)
            if found:
                pages[found.group(3)] += 1
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": cpu_seconds() - cpu_start,
                      "pages": sum(pages.values())}))


def register_rows(count: int) -> Iterator[object]:
    from desktop.reports.report_model import RegisterRow

    start = datetime(2026, 10, 1, 8, 30)
    for i in range(count):
        received = start + timedelta(minutes=5 * i)
        yield RegisterRow(
            f"WD-2569-{i:05d}", f"ประกาศผลผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน รายการที่ {i}",
            "ข่าวประชาสัมพันธ์", "ข่าวจัดซื้อจัดจ้าง", "เผยแพร่แล้ว", "รายละเอียดตามเอกสารแนบ",
            "กลุ่มงานบริหารทั่วไป", date(2026, 10, 1), date(2027, 9, 30), received.date(),
            received.date() + timedelta(days=90), "https://www.agency.go.th/doc.pdf", "",
            "นางสาวกุลธิดา ศรีสุข", "นักวิชาการพัสดุ", "กลุ่มงานบริหารทั่วไป", "02-123-4567",
            "kulthida@agency.go.th", "letter", f"ที่ สธ 0201/{i}", received,
            received + timedelta(days=2), None, f"https://www.agency.go.th/news/{i}/", 2,
            1_234_567, 2, "")


def child_register(rows: int, styled: bool) -> None:
    from openpyxl import Workbook

    from desktop.reports.register_sheet import register_values, write_register
    from desktop.reports.xlsx_kit import use_body_font

    target = Path(tempfile.mkdtemp(prefix="bench-register-")) / "r.xlsx"
    start, cpu_start = time.perf_counter(), cpu_seconds()
    book = Workbook(write_only=True)
    if styled:
        use_body_font(book)
        write_register(book, register_rows(rows), lang="th", subtitle="ปีงบประมาณ พ.ศ. 2570")  # type: ignore[arg-type]
    else:
        sheet = book.create_sheet("Register")
        for row in register_rows(rows):
            sheet.append(register_values(row, "th"))  # type: ignore[arg-type]
    book.save(target)
    elapsed, cpu_used = time.perf_counter() - start, cpu_seconds() - cpu_start
    size = target.stat().st_size
    shutil.rmtree(target.parent, ignore_errors=True)
    print(json.dumps({"seconds": elapsed, "cpu": cpu_used, "bytes": size}))


# -- the benchmark ---------------------------------------------------------------------------

def measure(args: argparse.Namespace) -> None:
    data = Path(args.data).expanduser()
    data.mkdir(parents=True, exist_ok=True)
    log = data / f"access-{args.lines}.log"
    if not log.exists():
        print(f"generating {args.lines:,} lines into {log} ...", flush=True)
        generate_log(log, args.lines)
    goaccess = shutil.which("goaccess")
    if goaccess is None:
        raise SystemExit("goaccess is not installed (Debian: goaccess)")
    me = [sys.executable, str(Path(__file__).resolve())]
    work = Path(tempfile.mkdtemp(prefix="bench-goaccess-"))
    names = ("goaccess", "webdesk", "bare", "register", "writeonly")
    samples: dict[str, list[float]] = {k: [] for k in names}
    cpu: dict[str, list[float]] = {k: [] for k in names}
    peaks: dict[str, int] = {"goaccess": 0, "webdesk_self": 0, "webdesk_worker": 0}
    lines = page_views = 0
    load_before = os.getloadavg()[0]
    try:
        for round_number in range(args.rounds):
            print(f"round {round_number + 1}/{args.rounds}", flush=True)
            seconds, peak, _, used = run_measured([goaccess, str(log), "--log-format=COMBINED",
                                                   "-o", str(work / "report.json")])
            samples["goaccess"].append(seconds)
            cpu["goaccess"].append(used)
            peaks["goaccess"] = max(peaks["goaccess"], peak)
            _, _, out, used = run_measured([*me, "--child", "import", str(log),
                                            str(args.workers)])
            result = json.loads(out.strip().splitlines()[-1])
            samples["webdesk"].append(result["seconds"])
            cpu["webdesk"].append(result["cpu"])
            peaks["webdesk_self"] = max(peaks["webdesk_self"], result["self_kib"])
            peaks["webdesk_worker"] = max(peaks["webdesk_worker"], result["worker_kib"])
            lines, page_views = result["lines"], result["page_views"]
            _, _, out, _used = run_measured([*me, "--child", "bare", str(log)])
            bare = json.loads(out.strip().splitlines()[-1])
            samples["bare"].append(bare["seconds"])
            cpu["bare"].append(bare["cpu"])
            for name, styled in (("register", "1"), ("writeonly", "0")):
                _, _, out, _used = run_measured([*me, "--child", "register", str(args.rows),
                                                 styled])
                written = json.loads(out.strip().splitlines()[-1])
                samples[name].append(written["seconds"])
                cpu[name].append(written["cpu"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in samples.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    workers = args.workers
    webdesk_peak_mb = (peaks["webdesk_self"] + workers * peaks["webdesk_worker"]) / 1024
    metrics = {
        "log_lines": lines, "log_bytes": log.stat().st_size, "page_views": page_views,
        "goaccess_s": round(med["goaccess"], 2), "webdesk_import_s": round(med["webdesk"], 2),
        "bare_regex_s": round(med["bare"], 2), "webdesk_lines_per_s": round(lines / med["webdesk"]),
        "goaccess_peak_mb": round(peaks["goaccess"] / 1024, 1),
        "webdesk_peak_mb": round(webdesk_peak_mb, 1),
        "webdesk_main_process_peak_mb": round(peaks["webdesk_self"] / 1024, 1),
        "webdesk_worker_peak_mb": round(peaks["webdesk_worker"] / 1024, 1),
        "workers": workers, "register_rows": args.rows,
        "register_s": round(med["register"], 2), "writeonly_plain_s": round(med["writeonly"], 2),
        "rounds": args.rounds, "cpus": os.cpu_count(),
        "cpu_s": {k: round(v, 2) for k, v in med_cpu.items()},
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    ratios = {
        "register_vs_writeonly": round(med["register"] / med["writeonly"], 3),
        "register_vs_writeonly_target": 1.3,
        "goaccess_over_webdesk": round(med["goaccess"] / med["webdesk"], 3),
        "goaccess_over_webdesk_target": 3.0,
        "webdesk_peak_under_250mb": webdesk_peak_mb < 250,
        "import_vs_bare_regex": round(med["webdesk"] / med["bare"], 3),
        "import_vs_bare_regex_target": 1.5,
        # the same ratios in CPU seconds (what each side costs, whatever else the machine
        # runs; WebDesk's includes its worker processes; GoAccess's is the whole process)
        "register_vs_writeonly_cpu": round(med_cpu["register"] / med_cpu["writeonly"], 3),
        "goaccess_over_webdesk_cpu": round(med_cpu["goaccess"] / med_cpu["webdesk"], 3),
        "import_vs_bare_regex_cpu": round(med_cpu["webdesk"] / med_cpu["bare"], 3),
    }
    for key, value in {**metrics, **ratios}.items():
        print(f"{key}: {value}")
    print(json.dumps({"bench": "reports", "metrics": metrics, "ratios": ratios}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--data", default="~/.cache/webdesk-bench")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "import":
            child_import(rest[0], int(rest[1]))
        elif kind == "bare":
            child_bare(rest[0])
        else:
            child_register(int(rest[0]), rest[1] == "1")
        return
    measure(args)


if __name__ == "__main__":
    main()
