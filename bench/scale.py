"""Scale: reading on each executor, then the store (link, cluster, compare, store) and serving as the
corpus grows (`make bench-scale`).

1. **Reading**, same run, same texts: real articles from ../shared/datasets (the 921 AllSides
   round-up articles, then ECB+ documents, then PolNeAR), written as .txt files so ingest is paid
   too, read inline, in 2 local processes and on a 2-worker Dask ``LocalCluster`` (worker start-up
   included). Articles/s, peak memory (this process, and the largest worker), and a check that the
   three outputs are identical.
2. **Store**, at each ``--sizes`` (default 1k, 10k; 100k with ``--sizes 1000,10000,100000``), each
   size in a fresh process and a fresh SQLite store: the readings of step 1 replicated until the size
   is reached, added in batches of ``--batch`` (one ``add`` each: store, then link, cluster and
   compare only the stories touched). Replication makes each copy a different set of events, not a
   copy: copy *k* gets new article ids, its dates moved *k* x 30 days later (a new month's news, so
   time windows and repeat periods keep the copies' stories apart), and every name of a person,
   organisation or place rewritten letter by letter with a permutation of the alphabet drawn for the
   copy (lengths kept, so every offset stays true; "Kyiv" becomes, say, "Tnbx" in copy 3 and
   "Oaqs" in copy 4), except the names with a word in 1% or more of the real articles
   (``COMMON_NAME_SHARE``: Trump, Biden, Congress, White House, Melania Trump...), which real news
   names every month; an article with no other name (its copy would be the same text, which the
   store skips) gets the copy's month after its title. So stories grow with the corpus
   and entities grow with it too; real news repeats its people more, so this still overstates entity
   growth, which is the harder case for linking.
   Reported: articles/s, peak memory, store size, and the growth exponent of time and memory between
   sizes (log ratio of the measures over log ratio of the sizes; 1.0 is linear).
3. **Serving**, at each size: ``rashomon serve`` on the store (uvicorn in a thread), ``--requests``
   story pages (HTML, random stories) and as many searches (a random name or word of the corpus)
   over HTTP, one at a time: p50 and p95 in milliseconds.

    .venv/bin/python bench/scale.py                      # 1k reading; store at 1k and 10k
    .venv/bin/python bench/scale.py --read 1000 --sizes 1000,10000,100000
    .venv/bin/python bench/scale.py --reuse bench/.scale-readings.pkl --sizes 1000,10000,100000 --words-only
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pickle
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
DATASETS = ROOT.parent / "shared" / "datasets"
DAY_SHIFT = 30
BASE_DATE = date(2024, 1, 1)
NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}
# Names with a word in at least this share of the real articles (Trump, Biden, Senate, China...) keep
# their spelling in every copy: real news names its well-known people and places every month.
# Rewriting them too made each copy's "Trump" a new, rare name, so its IDF rose and unrelated stories
# of a copy merged on it (stories of 66 articles at 20k where the real articles have 21 at most), and
# rewriting only the rare words of a name made a new "X Trump" in every copy.
COMMON_NAME_SHARE = 0.01


# ---------------------------------------------------------------------------------------------
# 1. reading
# ---------------------------------------------------------------------------------------------

def real_texts(limit: int) -> list[str]:
    """Up to ``limit`` real article texts: AllSides, then ECB+, then PolNeAR."""
    from stories import load_allsides, load_ecbplus

    texts = []
    allsides = DATASETS / "allsides" / "val.source"
    if allsides.exists():
        texts += [f"{d.title}\n\n{d.text}\n" for d in load_allsides(allsides) if d.text]
    if len(texts) < limit and (DATASETS / "ecbplus").exists():
        texts += [f"{d.title}\n\n{d.text}\n" for d in load_ecbplus(DATASETS / "ecbplus") if d.text]
    if len(texts) < limit and (DATASETS / "polnear" / "text").exists():
        texts += [p.read_text(encoding="utf-8") for p in sorted((DATASETS / "polnear" / "text").glob("*.txt"))]
    if not texts:
        sys.exit(f"no datasets under {DATASETS}: the scale benchmark reads real articles from ../shared")
    return texts[:limit]


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def read_with(executor: str, folder: Path) -> dict:
    """Read the folder in a fresh process with one executor; its time, memory and readings."""
    out = folder.parent / f"readings-{executor}.pkl"
    code = (
        "import pickle, resource, sys, time\n"
        "from rashomon.api import read_many\n"
        "from rashomon.settings import Settings\n"
        "if __name__ == '__main__':\n"
        f"    settings = Settings.load(env={{}}, topics=False, executor={executor!r}, n_process=2)\n"
        "    start = time.perf_counter()\n"
        f"    results = list(read_many([{str(folder)!r}], settings))\n"
        "    seconds = time.perf_counter() - start\n"
        f"    pickle.dump(results, open({str(out)!r}, 'wb'))\n"
        "    print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=folder.parent)
    if done.returncode != 0:
        sys.exit(f"reading with {executor} failed:\n{done.stderr[-2000:]}")
    seconds, main_mb, worker_mb = map(float, done.stdout.split()[-3:])
    results = pickle.loads(out.read_bytes())
    return {"executor": executor, "seconds": seconds, "main_mb": main_mb, "worker_mb": worker_mb,
            "results": results}


def bench_reading(count: int, work: Path) -> list:
    from throughput import write_texts

    folder = work / "articles"
    folder.mkdir()
    write_texts(real_texts(count), folder)
    runs = [read_with(executor, folder) for executor in ("inline", "processes", "dask")]
    base = [r.to_json() if hasattr(r, "to_json") else str(r) for r in runs[0]["results"]]
    print(f"\n1. Reading {len(base)} real articles (same run, worker start-up included)")
    print(f"{'executor':<12}{'seconds':>9}{'articles/s':>12}{'ratio':>8}{'main MB':>10}{'worker MB':>11}  identical")
    for run in runs:
        same = [r.to_json() if hasattr(r, "to_json") else str(r) for r in run["results"]] == base
        print(f"{run['executor']:<12}{run['seconds']:>9.1f}{len(base) / run['seconds']:>12.1f}"
              f"{runs[0]['seconds'] / run['seconds']:>7.2f}x{run['main_mb']:>10.0f}{run['worker_mb']:>11.0f}  {same}")
        if not same:
            sys.exit("the executors' readings differ")
    from rashomon.records import Reading

    return [r for r in runs[0]["results"] if isinstance(r, Reading)]


# ---------------------------------------------------------------------------------------------
# 2. replication
# ---------------------------------------------------------------------------------------------

DATE = re.compile(r'"(\d{4})-(\d{2})-(\d{2})')


def name_words(reading) -> list[set[str]]:
    """The words of each of the reading's names (persons, organisations, places...), 3 letters or
    more, but function words ("The" of "The White House")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    names = []
    for entity in reading.entities:
        if entity.type in NAME_TYPES:
            for text in [entity.name, *(m.text for m in entity.mentions)]:
                words = {w for w in re.findall(r"[^\W\d_]{3,}", text) if w[0].isupper() and w.lower() not in STOP_WORDS}
                if words:
                    names.append(words)
    return names


def permutation(copy: int) -> dict[str, str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    shuffled = list(letters)
    random.Random(copy).shuffle(shuffled)
    table = dict(zip(letters, shuffled))
    table.update({k.upper(): v.upper() for k, v in table.items()})
    return table


def replicate(readings: list, size: int):
    """``size`` readings: the originals, then copies 1, 2, ... (see the module docstring)."""
    from rashomon.store import codec

    from collections import Counter

    names = [name_words(r) for r in readings]
    df = Counter(w for found in names for w in set().union(*found))
    common = {w for w, n in df.items() if n >= COMMON_NAME_SHARE * len(readings)}
    # a name with a common word is kept whole ("Melania Trump" is the same person every month)
    kept = {w for found in names for name in found if name & common for w in name}
    encoded = []
    for r, found in zip(readings, names):
        words = sorted(set().union(*found) - kept, key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b") if words else None
        encoded.append((codec.encode(r).decode("utf-8"), pattern))
    made = 0
    from rashomon.store.add import content_hash

    seen: set[str] = set()
    copy = 0
    while made < size:
        table = permutation(copy)
        for i, (text, pattern) in enumerate(encoded):
            if made >= size:
                return
            if copy:
                if pattern is not None:  # one pass over the record: every name rewritten alike
                    text = pattern.sub(lambda m: "".join(table.get(c, c) for c in m[0]), text)
                text = DATE.sub(lambda m: shifted(m, copy), text)
                text = text.replace(f'"id":"{readings[i].article.id}"', f'"id":"{readings[i].article.id}~{copy}"')
                text = text.replace(f'"article":"{readings[i].article.id}"',
                                    f'"article":"{readings[i].article.id}~{copy}"')
            reading = codec.reading(text.encode("utf-8"))
            if reading.article.published is None:
                # an undated original (AllSides): its story's articles a day or two apart
                reading.article.published = (BASE_DATE + timedelta(days=copy * DAY_SHIFT + (i // 3) % 3)).isoformat()
            key = content_hash(reading.article)
            if key in seen:  # nothing rare to rewrite: the same text again, which the store would skip
                reading.article.title = f"{reading.article.title or ''} ({reading.article.published[:7]})".strip()
                key = content_hash(reading.article)
            seen.add(key)
            made += 1
            yield reading
        copy += 1


def shifted(match: re.Match, copy: int) -> str:
    try:
        day = date(int(match[1]), int(match[2]), int(match[3])) + timedelta(days=copy * DAY_SHIFT)
    except ValueError:
        return match[0]
    return f'"{day.isoformat()}'


# ---------------------------------------------------------------------------------------------
# 2-3. store and serving at one size (run in its own process)
# ---------------------------------------------------------------------------------------------

def one_size(readings_path: Path, size: int, batch: int, requests: int, work: Path, words_only: bool = False) -> dict:
    from rashomon.settings import Settings
    from rashomon.store import Store
    from rashomon.store.add import add_readings

    readings = pickle.loads(readings_path.read_bytes())
    settings = Settings.load(env={}, topics=False, meaning=not words_only)
    db = work / f"store-{size}.db"
    store = Store(db)
    start = time.perf_counter()
    pending = []
    for reading in replicate(readings, size):
        pending.append(reading)
        if len(pending) >= batch:
            add_readings(store, pending, settings)
            pending = []
    if pending:
        add_readings(store, pending, settings)
    seconds = time.perf_counter() - start
    counts = store.counts()
    size_mb = sum(p.stat().st_size for p in work.glob(f"store-{size}.db*")) / 2**20
    latency = serve_latency(store, requests)
    store.close()
    return {"size": size, "seconds": seconds, "peak_mb": peak_mb(), "store_mb": size_mb, **counts, **latency}


def serve_latency(store, requests: int) -> dict:
    import httpx
    import uvicorn
    from sqlalchemy import select

    from rashomon.serve import make_app
    from rashomon.settings import Settings
    from rashomon.store import tables

    with store.reading() as connection:
        stories = list(connection.execute(select(tables.stories.c.id)).scalars())
        names = list(connection.execute(select(tables.aliases.c.alias).limit(5000)).scalars())
    rng = random.Random(7)
    server = uvicorn.Server(uvicorn.Config(make_app(Settings.load(env={}), store=store), host="127.0.0.1",
                                           port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    timings: dict[str, list[float]] = {"story": [], "search": []}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        client.get("/stories")  # warm
        for _ in range(requests):
            for kind, path in (("story", f"/stories/{rng.choice(stories)}"),
                               ("search", f"/search?q={rng.choice(names)}")):
                began = time.perf_counter()
                response = client.get(path)
                timings[kind].append((time.perf_counter() - began) * 1000)
                if response.status_code != 200:
                    sys.exit(f"{path}: {response.status_code}")
    server.should_exit = True
    thread.join(timeout=10)
    out = {}
    for kind, values in timings.items():
        values.sort()
        out[f"{kind}_p50"] = statistics.median(values)
        out[f"{kind}_p95"] = values[min(len(values) - 1, math.ceil(0.95 * len(values)) - 1)]
    return out


def bench_store(readings: list, sizes: list[int], batch: int, requests: int, work: Path,
                words_only: bool = False, keep: Path | None = None) -> None:
    path = work / "base-readings.pkl"
    path.write_bytes(pickle.dumps(readings))
    rows = []
    for size in sizes:
        done = subprocess.run([sys.executable, __file__, "--one-size", str(size), "--readings", str(path),
                               "--batch", str(batch), "--requests", str(requests), "--work", str(keep or work)]
                              + (["--words-only"] if words_only else []),
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"size {size} failed:\n{done.stderr[-3000:]}")
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"\n2-3. Store (add in batches of {batch}: store, link, cluster, compare"
          f"{'; meaning off: words only' if words_only else ''}) and serving "
          f"({requests} story pages and {requests} searches over HTTP)")
    print(f"{'articles':>9}{'seconds':>9}{'art/s':>8}{'peak MB':>9}{'store MB':>9}{'stories':>9}{'entities':>9}"
          f"{'story p50/p95 ms':>18}{'search p50/p95 ms':>19}")
    for row in rows:
        if row["articles"] != row["size"]:
            print(f"  note: {row['size']} articles offered, {row['articles']} stored (the rest were the same texts)")
        print(f"{row['size']:>9}{row['seconds']:>9.1f}{row['size'] / row['seconds']:>8.1f}{row['peak_mb']:>9.0f}"
              f"{row['store_mb']:>9.0f}{row['stories']:>9}{row['entities']:>9}"
              f"{row['story_p50']:>9.1f}/{row['story_p95']:<8.1f}{row['search_p50']:>10.1f}/{row['search_p95']:<8.1f}")
    for a, b in zip(rows, rows[1:]):
        scale = math.log(b["size"] / a["size"])
        print(f"growth {a['size']} -> {b['size']}: time exponent {math.log(b['seconds'] / a['seconds']) / scale:.2f}, "
              f"memory exponent {math.log(b['peak_mb'] / a['peak_mb']) / scale:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--read", type=int, default=1000, help="real articles read on each executor (default 1000)")
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes for the store (default 1000,10000)")
    parser.add_argument("--batch", type=int, default=2000, help="articles per add (default 2000)")
    parser.add_argument("--requests", type=int, default=200, help="story pages and searches per size (default 200)")
    parser.add_argument("--words-only", action="store_true", help="the store stage with meaning=false (no "
                        "embeddings): what linking, clustering and comparison cost without the model")
    parser.add_argument("--reuse", type=Path, help="readings pickled by an earlier run (skips step 1)")
    parser.add_argument("--keep", type=Path, help="write the stores (store-SIZE.db) in this folder and keep them")
    parser.add_argument("--serve-only", type=Path, help="only measure serving on this store (one kept by --keep)")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--readings", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_only:
        from rashomon.store import Store

        with Store(args.serve_only) as store:
            print(json.dumps({**store.counts(), **serve_latency(store, args.requests)}))
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for old in args.keep.glob("store-*.db*"):
            old.unlink()
    if args.one_size:
        print(json.dumps(one_size(args.readings, args.one_size, args.batch, args.requests, args.work,
                                  args.words_only)))
        return
    with tempfile.TemporaryDirectory(prefix="rashomon-scale-") as folder:
        work = Path(folder)
        if args.reuse:
            readings = pickle.loads(args.reuse.read_bytes())
        else:
            readings = bench_reading(args.read, work)
            (ROOT / "bench" / ".scale-readings.pkl").write_bytes(pickle.dumps(readings))
        bench_store(readings, [int(s) for s in args.sizes.split(",")], args.batch, args.requests, work,
                    args.words_only, args.keep)


if __name__ == "__main__":
    main()
