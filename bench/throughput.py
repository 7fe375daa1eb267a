"""Throughput of `rashomon read` against plain spaCy on the same texts, in the same run.

Texts: the first N articles of the AllSides round-ups in ../shared/datasets (real news, varied
lengths), written to a temporary folder as .txt files so that `rashomon read` pays for ingest too;
the bundled sample article when the datasets are absent.

Five measures, run round-robin --repeat times after one warm-up (the median is reported):
  spacy-ner     nlp.pipe with only tok2vec + ner
  spacy-full    nlp.pipe with the whole model pipeline
  rashomon      ingest (sniff, clean, metadata) + read (model + rashomon components + records)
  lexicon-tier  ingest + the lexicon tier on the same texts (what an article costs in a language
                with no model: rashomon/read/lexicon.py)
  ru-model      ingest + the Russian model tier (natasha's names, rashomon/read/natasha.py) on the
                same texts labelled Russian: what the model costs per word, not what it finds
Ratios are against spacy-full: the goal is rashomon <= 1.25x spacy-full.

Then reading in worker processes (read/executor.py): `rashomon` on --parallel articles (default 200)
with n_process=1 and n_process=2, median of --repeat runs each, worker start-up included; the two
outputs must be identical (the run fails otherwise).

    make bench                      # or: .venv/bin/python bench/throughput.py --articles 100
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLSIDES = ROOT.parent / "shared" / "datasets" / "allsides" / "val.source"
POLNEAR = ROOT.parent / "shared" / "datasets" / "polnear" / "text"


def load_texts(limit: int, source: str = "allsides") -> list[str]:
    """Article texts for the benchmark: AllSides (short), PolNeAR (long), or the bundled sample repeated."""
    if source == "polnear" and POLNEAR.exists():
        return [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))][:limit]
    if ALLSIDES.exists():
        texts = []
        for line in ALLSIDES.read_text(encoding="utf-8").splitlines():
            for part in line.split("[SEP]"):
                title, _, body = part.partition("ARTICLE=>")
                title = title.replace("TITLE=>", "").strip()
                if body.strip():
                    texts.append(f"{title}\n\n{body.strip()}\n")
        return texts[:limit]
    from rashomon.knowledge import data_path

    sample = data_path("demo/sample.txt").read_text(encoding="utf-8")
    return [sample] * limit


def write_texts(texts: list[str], folder: Path) -> list[str]:
    """The texts as .txt files in ``folder`` (so that reading pays for ingest too); their paths."""
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"a{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def timed(run) -> float:
    """Seconds one call of ``run`` takes."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=80, help="number of articles (default 80)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measure (median is reported)")
    parser.add_argument("--model", default="en_core_web_md")
    parser.add_argument("--parallel", type=int, default=200,
                        help="articles for n_process=1 against n_process=2 (0 to skip; default 200)")
    parser.add_argument("--texts", choices=("allsides", "polnear"), default="allsides",
                        help="allsides: short round-up articles (~75 words); polnear: full articles (~700 words)")
    args = parser.parse_args()

    from rashomon.api import read_many
    from rashomon.read.pipeline import load_model
    from rashomon.settings import Settings

    texts = load_texts(args.articles, args.texts)
    words = sum(len(t.split()) for t in texts)
    bare = load_model(args.model, components=False)
    settings = Settings.load(model=args.model)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_texts(texts, Path(tmp))
        ner_only = [p for p in bare.pipe_names if p not in {"tok2vec", "ner"}]
        runs = {
            "spacy-ner": lambda: list(bare.pipe(texts, disable=ner_only)),
            "spacy-full": lambda: list(bare.pipe(texts)),
            "rashomon": lambda: check(list(read_many(paths, settings))),
            # the same texts read by the lexicon tier (as a language with no model is): its cost per tier
            "lexicon-tier": lambda: check(list(read_lexicon_tier(paths, settings))),
            "ru-model": lambda: check(list(read_lexicon_tier(paths, settings, "ru"))),
        }
        for run in runs.values():  # warm-up: model loads, caches, lexicons
            run()
        samples: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.repeat):  # round-robin, so that machine drift hits every measure alike
            for name, run in runs.items():
                samples[name].append(timed(run))
        results = {name: statistics.median(values) for name, values in samples.items()}
    print(f"{len(texts)} {args.texts} articles, {words} words, model {args.model}, median of {args.repeat} runs")
    print(f"{'measure':<12}{'seconds':>10}{'articles/s':>12}{'words/s':>10}{'ratio':>8}")
    base = results["spacy-full"]
    for name, seconds in results.items():
        print(f"{name:<12}{seconds:>10.2f}{len(texts) / seconds:>12.1f}{words / seconds:>10.0f}{seconds / base:>7.2f}x")
    ratio = results["rashomon"] / base
    print(f"rashomon / spacy-full = {ratio:.2f}x (goal <= 1.25x)")
    if args.parallel:
        compare_processes(load_texts(args.parallel, args.texts), args)


def compare_processes(texts: list[str], args) -> None:
    """n_process=1 against n_process=2 on the same files: seconds, speed-up, identical output."""
    import json
    import os

    from rashomon.api import read_many
    from rashomon.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_texts(texts, Path(tmp))
        outputs, seconds = {}, {}
        for n in (1, 2):
            settings = Settings.load(model=args.model, n_process=n)
            samples = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                items = list(read_many(paths, settings))
                samples.append(time.perf_counter() - start)
            check(items)
            outputs[n] = [json.dumps(r.to_json(), sort_keys=True) for r in items]
            seconds[n] = statistics.median(samples)
    same = outputs[1] == outputs[2]
    print(f"{len(texts)} articles on {os.cpu_count()} cores: n_process=1 {seconds[1]:.1f} s, n_process=2 "
          f"{seconds[2]:.1f} s (start-up included), speed-up {seconds[1] / seconds[2]:.2f}x; "
          f"outputs identical: {same}")
    if not same:
        sys.exit("n_process=2 gave another output than n_process=1")


def read_lexicon_tier(paths: list[str], settings, language: str = "nl") -> list:
    """Ingest each file and read it as ``language``: Dutch, a language with no pack, is the generic
    lexicon tier (dateparser's search included); Russian the natasha model tier."""
    import dataclasses

    from rashomon.api import read_articles
    from rashomon.ingest import ingest

    articles = [dataclasses.replace(a, language=language) for a in ingest(paths, settings)
                if not hasattr(a, "reason")]
    return list(read_articles(articles, settings))


def check(items: list) -> None:
    """Fail loudly if the benchmark read nothing (a silent failure would flatter the timing)."""
    from rashomon.records import Failure

    failures = [i for i in items if isinstance(i, Failure)]
    if failures:
        sys.exit(f"benchmark inputs failed: {failures[:3]}")


if __name__ == "__main__":
    main()
