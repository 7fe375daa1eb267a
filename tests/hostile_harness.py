"""Run ``rashomon read`` on every hostile input of ``tests/hostile.py`` and classify what happens.

    .venv/bin/python tests/hostile_harness.py [--only KIND[,KIND]] [--name SUBSTR] [--jobs N]
                                              [--batch] [--analyze] [--keep DIR] [--json FILE]

Each case runs in its own process (``rashomon read CASE --format jsonl --out TMP/out-N.jsonl --force``)
under a timeout (20 s, or the case's own for the big ones) and a 4 GiB address-space limit, and is
classified, worst first:

  hang       it ran past its timeout (killed)
  memory     MemoryError, or killed by the memory limit
  traceback  a Python traceback on stderr, or an exit status other than 0, 1, 2
  internal   a bug reported as a failure ("internal error ...", "reading failed (...)")
  lost       a readable article (``good``) whose record is missing from the output
  garbled    the record is there but its text lacks what a correct decoding gives (mojibake)
  unsafe     a string that must never come out raw (a terminal escape, /etc/passwd) came out
  unclear    a non-zero exit with no "failed: <input>" / "error[...]" line naming the input, or exit
             0 with no record and no message at all (a silent skip)
  ok         anything else (a record, or a clear refusal)

``--batch`` also reads all cases in one invocation (those marked ``batch=False`` left out: a FIFO,
/dev/zero, a 5 GiB file) and says whether every good case's articles came out and whether it ended in a
traceback; when the batch dies, it is run again without the cases that crashed alone. ``--analyze``
runs ``rashomon analyze`` on the batch and checks that report.html is written and holds no live script
from the inputs. Peak memory per case is the child's ru_maxrss (``os.wait4``).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from hostile import Case, generate_cases  # noqa: E402

ROOT = HERE.parent
CLI = ROOT / ".venv" / "bin" / "rashomon"
MEMORY_LIMIT = 4 * 2**30
DEFAULT_TIMEOUT = 20.0
CLASSES = ("hang", "memory", "traceback", "internal", "lost", "garbled", "unsafe", "unclear", "ok")
INTERNAL_MARKERS = ("internal error", "reading failed", "Please report this as a bug")
MEMORY_MARKERS = ("MemoryError", "std::bad_alloc", "Cannot allocate memory", "out of memory")


def limit_memory() -> None:
    """preexec_fn: cap the child's address space (and no core files)."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@dataclass
class Run:
    """What one process did."""

    rc: int | None  # exit status (negative: killed by that signal); None: timed out
    timed_out: bool
    seconds: float
    max_rss_mb: float
    stdout: str
    stderr: str


def run_cli(args: list, *, out_dir: Path, tag: str, timeout: float, cwd: Path | None = None,
            stdin: Path | None = None) -> Run:
    """Run the CLI with ``args`` under the limits; stdout and stderr go to files (no pipe can fill)."""
    out_path, err_path = out_dir / f"{tag}.stdout", out_dir / f"{tag}.stderr"
    # _TYPER_STANDARD_TRACEBACK: plain Python tracebacks instead of typer's boxed rich ones
    env = dict(os.environ, PYTHONUNBUFFERED="1", TERM="dumb", NO_COLOR="1", PYTHONFAULTHANDLER="1",
               _TYPER_STANDARD_TRACEBACK="1")
    with out_path.open("wb") as out, err_path.open("wb") as err, \
            (stdin.open("rb") if stdin else open(os.devnull, "rb")) as inp:
        start = time.monotonic()
        proc = subprocess.Popen([str(CLI), *args], stdin=inp, stdout=out, stderr=err, cwd=cwd, env=env,
                                preexec_fn=limit_memory, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                timed_out = True
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
    return Run(rc=None if timed_out else proc.returncode, timed_out=timed_out, seconds=seconds,
               max_rss_mb=usage.ru_maxrss / 1024, stdout=out_path.read_bytes().decode("utf-8", "replace"),
               stderr=err_path.read_bytes().decode("utf-8", "replace"))


def read_records(path: Path) -> tuple[list[dict], str]:
    """The JSONL records of an output file, and a note when it is missing or broken."""
    if not path.exists():
        return [], "no output file"
    records, bad = [], 0
    raw = path.read_bytes().decode("utf-8", "replace")
    for line in raw.split("\n"):  # not splitlines(): U+2028 and U+0085 may stand raw inside a JSON string
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                bad += 1
    return records, (f"{bad} unparsable output line(s)" if bad else "")


def arg_text(arg) -> str:
    return os.fsdecode(arg) if isinstance(arg, bytes) else str(arg)


def input_keys(case: Case) -> list[str]:
    """Strings that name the input in a message: each argument (its first line for names with a line
    break, its printable form for names that are not UTF-8), and the case's path."""
    keys = []
    for arg in case.cli_args():
        if arg == "--":
            continue
        text = arg_text(arg)
        if not text:  # an empty argument is named by its quoted form: failed: ''
            keys.append("failed: ''")
            continue
        raw = text.encode("utf-8", "surrogateescape")
        keys += [text, text.split("\n")[0], raw.decode("utf-8", "backslashreplace"), raw.decode("utf-8", "replace"),
                 "".join("?" if "\udc80" <= c <= "\udcff" else c for c in text),  # undecodable bytes shown as ?
                 "".join(f"\\x{ord(c):02x}" if ord(c) < 32 and c != "\n" or ord(c) == 127 else c for c in text)]
    keys.append(str(case.path).split("\n")[0])
    return [k for k in dict.fromkeys(keys) if k]


def message_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("failed:", "error["))]


def last_frames(stderr: str, n: int = 3) -> str:
    """The deepest ``n`` frames of the last traceback on stderr, and its exception line."""
    if "Traceback" not in stderr:
        return ""
    tail = stderr[stderr.rindex("Traceback"):].splitlines()
    frames = [line.strip() for line in tail if line.strip().startswith("File ")]
    if not frames:  # typer's rich traceback: "│ /path/file.py:58 in function │"
        frames = [m.group(1) for line in tail if (m := re.search(r"│ (/\S+\.py:\d+ in \S+)", line))]
    exc = next((line for line in reversed(tail) if line and not line.startswith(" ")), "")
    short = [f.replace(str(ROOT) + "/", "").replace(str(ROOT / ".venv/lib/python3.11/site-packages") + "/", "")
             for f in frames[-n:]]
    return " <- ".join(reversed(short)) + f" :: {exc[:200]}"


@dataclass
class Result:
    name: str
    kind: str
    cls: str
    rc: int | None
    seconds: float
    max_rss_mb: float
    records: int
    detail: str
    stderr_tail: list[str] = field(default_factory=list)
    frames: str = ""
    note: str = ""


def classify(case: Case, run: Run, records: list[dict], out_note: str, raw_output: str) -> tuple[str, str]:
    """The class of a case's run and a one-line reason."""
    err = run.stderr
    if run.timed_out:
        return "hang", f"killed after {run.seconds:.0f} s"
    if any(m in err for m in MEMORY_MARKERS) or (run.rc is not None and run.rc < 0 and run.max_rss_mb > 3000):
        return "memory", f"rc {run.rc}, peak {run.max_rss_mb:.0f} MB"
    if "Traceback" in err or run.rc not in (0, 1, 2):
        return "traceback", f"rc {run.rc}"
    internal = [line for line in err.splitlines() if any(m in line for m in INTERNAL_MARKERS)]
    if internal:
        return "internal", internal[0][:300]
    found = len(records)
    if case.good and found < case.records:
        reason = message_lines(err)
        return "lost", (f"{found}/{case.records} records; " + (reason[0][:250] if reason else
                                                               f"no message (rc {run.rc}, {out_note or 'no record'})"))
    if case.expect_text and records:
        texts = " ".join(f"{r.get('title') or ''} {r.get('text') or ''}" for r in records)
        missing = [t for t in case.expect_text if t not in texts]
        if missing:
            sample = (records[0].get("text") or "")[:80]
            return "garbled", f"{missing[0]!r} not in the text; text starts {sample!r}"
    for bad in case.forbid:
        for where, text in (("stderr", err), ("stdout", run.stdout), ("output", raw_output)):
            if bad in text:
                return "unsafe", f"{bad!r} raw in {where}"
    keys = input_keys(case)
    named = [line for line in message_lines(err) if line.startswith("error[") or any(k in line for k in keys)]
    if run.rc != 0 and not named:
        lines = message_lines(err)
        return "unclear", (f"rc {run.rc}; message does not name the input: {lines[0][:200]!r}" if lines
                           else f"rc {run.rc}; no failed:/error[ line")
    if run.rc == 0 and not records and not err.strip():
        return "unclear", "exit 0, no record, no message (silent skip)"
    notes = []
    if case.expect_failure and records:
        notes.append(f"read {found} record(s) where a refusal was expected")
    if run.rc == 0 and not records:
        notes.append("exit 0 without a record: " + err.strip().splitlines()[-1][:120])
    return "ok", "; ".join(notes)


def run_case(args: tuple[int, Case, Path, float]) -> Result:
    index, case, work, scale = args
    out = work / f"out-{index}.jsonl"
    timeout = (case.timeout or DEFAULT_TIMEOUT) * scale
    cli = ["read", "--format", "jsonl", "--out", str(out), "--force", *case.cli_args()]  # options first: "--"
    run = run_cli(cli, out_dir=work, tag=f"case-{index}", timeout=timeout, cwd=case.cwd or work, stdin=case.stdin)
    records, out_note = read_records(out)
    raw = out.read_bytes().decode("utf-8", "replace") if out.exists() else ""
    cls, detail = classify(case, run, records, out_note, raw)
    tail = [line[:240] for line in run.stderr.strip().splitlines()[-3:]]
    return Result(case.name, case.kind, cls, run.rc, round(run.seconds, 1), round(run.max_rss_mb), len(records),
                  detail, tail, last_frames(run.stderr), case.note)


def recheck_hangs(results: list[Result], cases: list[Case], work: Path, scale: float) -> list[Result]:
    """Run each case that timed out again, alone, with three times its timeout (at least 60 s): a
    model that loads slowly while another case runs beside it is not a hang. A case that then ends is
    classified by that run, with its time noted."""
    by_name = {c.name: (i, c) for i, c in enumerate(cases)}
    again = [r for r in results if r.cls == "hang" and by_name[r.name][1].batch]
    if again:
        print(f"re-running {len(again)} timed-out case(s) alone with a longer timeout ...", flush=True)
    fixed = {}
    for r in again:
        index, case = by_name[r.name]
        first = (case.timeout or DEFAULT_TIMEOUT) * scale
        retry = run_case((index, case, work, max(3 * first, 60.0) / (case.timeout or DEFAULT_TIMEOUT)))
        if retry.cls != "hang":
            retry.detail = (f"slow: {retry.seconds} s alone (over the {first:.0f} s timeout under load)"
                            + (f"; {retry.detail}" if retry.detail else ""))
        else:
            retry.detail = f"killed after {first:.0f} s, and after {retry.seconds:.0f} s alone"
        print(f"  {retry.cls:<9} {retry.kind}/{retry.name}: {retry.detail[:150]}", flush=True)
        fixed[r.name] = retry
    return [fixed.get(r.name, r) for r in results]


# --- the batch --------------------------------------------------------------------------------------


def batch_args(case: Case) -> list:
    """The case's input as an absolute path for the batch (no cwd, no stdin, no "--")."""
    args = [a for a in case.cli_args() if a != "--"]
    if case.cwd is not None:
        return [os.fsencode(case.path) if isinstance(args[0], bytes) else str(case.path)]
    return args


def record_matches(record: dict, arg) -> bool:
    path = record.get("source", {}).get("path") or ""
    text = arg_text(arg)
    # a name that is not UTF-8 comes out with U+FFFD for its undecodable bytes
    names = {text, text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")}
    return any(path == name or path.startswith(name + "!") or path.startswith(name.rstrip("/") + "/")
               for name in names)


def run_verdict(run: Run) -> str:
    """hang, memory, traceback (with the exit status or signal) or "exit N" for one big run."""
    if run.timed_out:
        return "hang"
    if any(m in run.stderr for m in MEMORY_MARKERS) or (run.rc is not None and run.rc < 0 and run.max_rss_mb > 3000):
        return f"memory (rc {run.rc})"
    if "Traceback" in run.stderr or run.rc not in (0, 1, 2):
        signame = f" = {signal.Signals(-run.rc).name}" if run.rc is not None and run.rc < 0 else ""
        return f"traceback (rc {run.rc}{signame})"
    return f"exit {run.rc}"


def run_batch(cases: list[Case], work: Path, timeout: float, label: str) -> dict:
    args, owners = [], []
    for case in cases:
        for arg in batch_args(case):
            args.append(arg)
            owners.append(case)
    out = work / f"{label}.jsonl"
    print(f"\n== {label}: {len(cases)} cases in one `rashomon read` (timeout {timeout:.0f} s) ...", flush=True)
    run = run_cli(["read", "--format", "jsonl", "--out", str(out), "--force", *args], out_dir=work, tag=label,
                  timeout=timeout, cwd=work)
    records, out_note = read_records(out)
    if not records and out.with_name(out.name + ".part").exists():
        out_note += " (a .part file was left)"
    lost = []
    for case in cases:
        if not case.good:
            continue
        arguments = batch_args(case)
        found = sum(1 for r in records if any(record_matches(r, a) for a in arguments))
        if found < case.records:
            lost.append(f"{case.name} ({found}/{case.records})")
    failed_lines = len(message_lines(run.stderr))
    verdict = run_verdict(run)
    print(f"   {verdict}; {run.seconds:.0f} s; peak {run.max_rss_mb:.0f} MB; {len(records)} records; "
          f"{failed_lines} failed:/error[ lines; {out_note}")
    if "Traceback" in run.stderr:
        print(f"   traceback: {last_frames(run.stderr, 4)}")
    good = sum(1 for c in cases if c.good)
    print(f"   good cases whose articles all came out: {good - len(lost)}/{good}")
    if lost:
        print("   lost: " + ", ".join(lost[:60]) + (" ..." if len(lost) > 60 else ""))
    return {"label": label, "verdict": verdict, "seconds": round(run.seconds), "max_rss_mb": round(run.max_rss_mb),
            "records": len(records), "lost": lost, "frames": last_frames(run.stderr, 4),
            "stderr_tail": run.stderr.strip().splitlines()[-3:], "args": len(args)}


def run_analyze(cases: list[Case], work: Path, timeout: float) -> dict:
    args = [a for case in cases for a in batch_args(case)]
    out = work / "analyze"
    print(f"\n== analyze: {len(cases)} cases in one `rashomon analyze` (timeout {timeout:.0f} s) ...", flush=True)
    run = run_cli(["analyze", "--out", str(out), "--force", *args], out_dir=work, tag="analyze", timeout=timeout,
                  cwd=work)
    report = out / "report.html"
    unsafe = []
    if report.exists():
        html = report.read_text(encoding="utf-8", errors="replace")
        for case in cases:
            for bad in case.forbid_report:
                if bad in html:
                    unsafe.append(f"{case.name}: {bad!r}")
        if "\x1b" in html:
            unsafe.append("a raw ESC character in report.html")
    verdict = run_verdict(run)
    print(f"   {verdict}; {run.seconds:.0f} s; peak {run.max_rss_mb:.0f} MB; report.html "
          f"{'written' if report.exists() else 'MISSING'}; {len(message_lines(run.stderr))} failed:/error[ lines")
    summary = [line for line in run.stdout.splitlines() if "articles" in line or "article from" in line]
    if summary:
        print(f"   {summary[0][:200]}")
    if "Traceback" in run.stderr:
        print(f"   traceback: {last_frames(run.stderr, 4)}")
    internal = [line for line in run.stderr.splitlines() if any(m in line for m in INTERNAL_MARKERS)]
    for line in internal[:10]:
        print(f"   internal: {line[:240]}")
    for item in unsafe:
        print(f"   UNSAFE in report.html: {item}")
    return {"verdict": verdict, "seconds": round(run.seconds), "report": report.exists(), "unsafe": unsafe,
            "internal": internal[:20], "frames": last_frames(run.stderr, 4),
            "stderr_tail": run.stderr.strip().splitlines()[-3:]}


# --- reporting --------------------------------------------------------------------------------------


def print_summary(results: list[Result]) -> None:
    counts = {c: sum(1 for r in results if r.cls == c) for c in CLASSES}
    print("\n== classes: " + ", ".join(f"{c} {n}" for c, n in counts.items() if n) + f"  (total {len(results)})")
    kinds = sorted({r.kind for r in results})
    shown = [c for c in CLASSES if counts[c]]
    print(f"{'kind':<10}" + "".join(f"{c:>10}" for c in shown) + f"{'total':>8}")
    for kind in kinds:
        row = [r for r in results if r.kind == kind]
        print(f"{kind:<10}" + "".join(f"{sum(1 for r in row if r.cls == c):>10}" for c in shown) + f"{len(row):>8}")
    bad = [r for r in results if r.cls != "ok"]
    if bad:
        print(f"\n== {len(bad)} non-ok cases (class, kind, name, rc, seconds, peak MB: detail)")
    for r in sorted(bad, key=lambda r: (CLASSES.index(r.cls), r.kind, r.name)):
        print(f"[{r.cls}] {r.kind}/{r.name} rc={r.rc} {r.seconds}s {r.max_rss_mb}MB: {r.detail}")
        if r.frames:
            print(f"      at {r.frames}")
        for line in r.stderr_tail:
            print(f"      | {line}")
    notes = [r for r in results if r.cls == "ok" and r.detail]
    if notes:
        print(f"\n== {len(notes)} ok cases with a remark")
        for r in notes:
            print(f"  {r.kind}/{r.name}: {r.detail}")
    heavy = sorted(results, key=lambda r: -r.max_rss_mb)[:5]
    slow = sorted(results, key=lambda r: -r.seconds)[:5]
    print("\n== peak memory: " + ", ".join(f"{r.name} {r.max_rss_mb} MB" for r in heavy))
    print("== slowest: " + ", ".join(f"{r.name} {r.seconds} s" for r in slow))


def unlock(root: Path) -> None:
    """Give back the permissions the generator took away, so that the folder can be removed."""
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                try:
                    os.chmod(path, 0o700)
                except OSError:
                    pass
    for dirpath, dirnames, _ in os.walk(root):  # folders that were unreadable during the first walk
        for name in dirnames:
            try:
                os.chmod(os.path.join(dirpath, name), 0o700)
            except OSError:
                pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run only these kinds (comma-separated): good, encoding, text, json, html, "
                                       "feed, pdf, archive, file")
    parser.add_argument("--name", action="append", help="run only cases whose name contains this (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="cases run at once (default 2)")
    parser.add_argument("--timeout-scale", type=float, default=1.0, help="multiply every timeout (slow machines)")
    parser.add_argument("--batch", action="store_true", help="also read all cases in one invocation")
    parser.add_argument("--batch-all", action="store_true", help="the batch includes the cases that block or "
                                                                 "eat memory by design (FIFO, /dev/zero)")
    parser.add_argument("--batch-timeout", type=float, default=3600)
    parser.add_argument("--analyze", action="store_true", help="also run `rashomon analyze` on the batch")
    parser.add_argument("--no-single", action="store_true", help="skip the case-by-case runs")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it (default: a temp folder)")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    parser.add_argument("--rerun", type=Path, help="run only the cases that were not ok in this --json file")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    opts = parser.parse_args(argv)

    if not CLI.exists():
        print(f"no CLI at {CLI}; run make setup", file=sys.stderr)
        return 2
    root = opts.keep or Path(tempfile.mkdtemp(prefix="rashomon-hostile-"))
    if opts.keep and root.exists():
        unlock(root)
        shutil.rmtree(root)
    start = time.monotonic()
    cases = generate_cases(root / "cases")
    print(f"generated {len(cases)} cases under {root / 'cases'} in {time.monotonic() - start:.1f} s", flush=True)
    if opts.only:
        kinds = set(opts.only.split(","))
        cases = [c for c in cases if c.kind in kinds]
    if opts.name:
        cases = [c for c in cases if any(n in c.name for n in opts.name)]
    if opts.rerun:
        previous = json.loads(opts.rerun.read_text(encoding="utf-8")).get("results", [])
        again = {r["name"] for r in previous if r["cls"] != "ok"}
        cases = [c for c in cases if c.name in again]
    if opts.list:
        for c in cases:
            print(f"{c.kind:<9} {c.name:<45} good={c.good!s:<5} fail={c.expect_failure!s:<5} {c.note}")
        return 0
    work = root / "runs"
    work.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    payload: dict = {"root": str(root)}
    try:
        if not opts.no_single:
            order = sorted(range(len(cases)), key=lambda i: -(cases[i].timeout or DEFAULT_TIMEOUT))
            jobs = [(i, cases[i], work, opts.timeout_scale) for i in order]
            print(f"running {len(jobs)} cases, {opts.jobs} at a time ...", flush=True)
            done = 0
            with concurrent.futures.ProcessPoolExecutor(max_workers=opts.jobs) as pool:
                for result in pool.map(run_case, jobs):
                    results.append(result)
                    done += 1
                    if result.cls != "ok" or done % 25 == 0:
                        print(f"  [{done}/{len(jobs)}] {result.cls:<9} {result.kind}/{result.name} "
                              f"({result.seconds} s, {result.max_rss_mb} MB) {result.detail[:150]}", flush=True)
            results = recheck_hangs(results, cases, work, opts.timeout_scale)
            print_summary(results)
            payload["results"] = [asdict(r) for r in results]
        if opts.batch or opts.analyze:
            batch = [c for c in cases if (c.batch or opts.batch_all) and c.stdin is None]
            left_out = [c.name for c in cases if c not in batch]
            if left_out:
                print(f"\n(batch leaves out {len(left_out)} cases: {', '.join(left_out)})")
            if opts.batch:
                payload["batch"] = [run_batch(batch, work, opts.batch_timeout, "batch")]
                if payload["batch"][0]["verdict"].startswith(("traceback", "hang", "memory")) and results:
                    crashers = {r.name for r in results if r.cls in ("traceback", "hang", "memory")}
                    clean = [c for c in batch if c.name not in crashers]
                    payload["batch"].append(run_batch(clean, work, opts.batch_timeout, "batch-without-crashers"))
            if opts.analyze:
                crashers = {r.name for r in results if r.cls in ("traceback", "hang", "memory")}
                payload["analyze"] = run_analyze([c for c in batch if c.name not in crashers], work,
                                                 opts.batch_timeout)
    finally:
        if opts.json:
            opts.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
            print(f"\nresults written to {opts.json}")
        if not opts.keep:
            unlock(root)
            shutil.rmtree(root, ignore_errors=True)
    print(f"\ndone in {time.monotonic() - start:.0f} s")
    return 1 if any(r.cls != "ok" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
