"""Story clustering against the AllSides round-ups and the ECB+ sub-topics (BCubed P/R/F1).

Usage::

    .venv/bin/python bench/stories.py [--dataset allsides|ecbplus|both] [--limit N] [--entities]
                                      [--linker] [--seed S] [--threshold T] [--sweep]

Protocol:

* AllSides (``allsides/val.source``): each line is one story of three articles (``[SEP]``-joined,
  ``TITLE=> ... ARTICLE=> ...``); gold story = the line. No dates.
* ECB+ (``ecbplus/<topic>/<t>_<n>ecb.xml`` and ``..ecbplus.xml``): gold story = topic + sub-topic
  (``ecb`` vs ``ecbplus``). Text = the XML tokens joined by spaces; the first sentence is taken as the
  title (in ECB+ it is usually the headline). No dates.
* The articles are fed ONE AT A TIME to ``StoryClusterer`` in a fixed pseudo-random order (``--seed``;
  the files group each story's articles together, which would flatter an incremental method).
* Entities: by default the fast mode, capitalised word sequences (``capitalised_names``), no model;
  ``--entities`` reads every article with the full pipeline (``rashomon.api.read_articles``) and uses
  the NER names; ``--linker`` also links them with ``EntityLinker`` and passes corpus ids.
* BCubed: per article, precision = |own cluster & own gold story| / |own cluster|, recall = the same
  over |own gold story|; averaged over articles; F1 of the two averages.
* Work: the article-to-story similarities computed, against the N(N-1)/2 pairs of an all-pairs method.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATASETS = ROOT.parent / "shared" / "datasets"

from rashomon.link.stories import THRESHOLD, StoryClusterer, linked_entity_ids, make_features  # noqa: E402


@dataclass
class Doc:
    """One benchmark article with its gold story."""

    id: str
    title: str
    text: str
    gold: str


def load_allsides(path: Path) -> list[Doc]:
    """The 921 AllSides articles; gold = the line they come from."""
    docs = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        for k, part in enumerate(line.split("[SEP]")):
            title, _, body = part.partition("ARTICLE=>")
            docs.append(Doc(f"as{line_no}_{k}", title.replace("TITLE=>", "").strip(), body.strip(), f"as{line_no}"))
    return docs


def load_ecbplus(folder: Path) -> list[Doc]:
    """The ECB+ documents; gold = topic + sub-topic (ecb / ecbplus)."""
    docs = []
    for path in sorted(folder.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name)):
        sentences: dict[int, list[str]] = {}
        for token in ET.parse(path).getroot().iter("token"):
            sentences.setdefault(int(token.get("sentence", 0)), []).append(token.text or "")
        texts = [detokenize(words) for _, words in sorted(sentences.items())]
        sub = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
        docs.append(Doc(path.stem, texts[0] if texts else "", " ".join(texts[1:]), f"{path.parent.name}_{sub}"))
    return docs


def detokenize(words: list[str]) -> str:
    """Tokens back to a readable sentence (no space before punctuation, none inside n't, 's)."""
    text = " ".join(words)
    text = re.sub(r" ([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a clustering (item -> cluster) against gold (item -> class)."""
    clusters: dict[str, set[str]] = {}
    classes: dict[str, set[str]] = {}
    for item in gold:
        clusters.setdefault(predicted[item], set()).add(item)
        classes.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in gold:
        shared = len(clusters[predicted[item]] & classes[gold[item]])
        precision += shared / len(clusters[predicted[item]])
        recall += shared / len(classes[gold[item]])
    p, r = precision / len(gold), recall / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def features_for(docs: list[Doc], mode: str) -> list:
    """Article features in the chosen entity mode (fast capitalised names, NER names, or linked ids)."""
    if mode == "fast":
        return [make_features(d.id, d.title, d.text) for d in docs]
    from rashomon.api import read_articles
    from rashomon.ingest import article_from_text
    from rashomon.link.entities import EntityLinker
    from rashomon.link.stories import features_of
    from rashomon.settings import Settings

    settings = Settings.load()
    articles = [article_from_text(d.text, id=d.id, title=d.title, language="en", settings=settings) for d in docs]
    linker = EntityLinker()
    features = []
    for reading in read_articles(articles, settings):
        if mode == "linker":
            linker.add(reading)
            features.append(features_of(reading, linked_entity_ids(reading, linker)))
        else:
            features.append(features_of(reading))
    return features


def run(name: str, docs: list[Doc], mode: str, seed: int, thresholds: list[float]) -> None:
    """Cluster ``docs`` in a seeded order at each threshold and print the figures."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    start = time.perf_counter()
    features = features_for([docs[i] for i in order], mode)
    prepared = time.perf_counter() - start
    gold = {d.id: d.gold for d in docs}
    n = len(docs)
    print(f"{name}: {n} articles, {len(set(gold.values()))} gold stories, entities: {mode} "
          f"(features in {prepared:.1f} s)")
    for threshold in thresholds:
        clusterer = StoryClusterer(threshold=threshold)
        start = time.perf_counter()
        predicted = {f.article_id: clusterer.add_features(f) for f in features}
        seconds = time.perf_counter() - start
        p, r, f1 = bcubed(predicted, gold)
        pairs = n * (n - 1) // 2
        print(f"  threshold {threshold:.2f}: BCubed P {p:.3f} R {r:.3f} F1 {f1:.3f}; "
              f"{len(clusterer.stories())} stories; {clusterer.comparisons} similarity computations "
              f"vs {pairs} pairs ({clusterer.comparisons / max(pairs, 1):.1%}); {seconds:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", choices=["allsides", "ecbplus", "both"], default="both")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of each set")
    parser.add_argument("--entities", action="store_true", help="NER names from the reading pipeline (slow)")
    parser.add_argument("--linker", action="store_true", help="with --entities: EntityLinker corpus ids")
    parser.add_argument("--seed", type=int, default=0, help="seed of the insertion order")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="try thresholds 0.15 .. 0.50 (calibration)")
    parser.add_argument("--data", type=Path, default=DATASETS)
    args = parser.parse_args(argv)
    mode = "linker" if args.linker else "ner" if args.entities else "fast"
    thresholds = [round(0.15 + 0.05 * i, 2) for i in range(8)] if args.sweep else [args.threshold]
    print("command: .venv/bin/python bench/stories.py " + " ".join(sys.argv[1:] if argv is None else argv))
    sets = {"allsides": lambda: load_allsides(args.data / "allsides" / "val.source"),
            "ecbplus": lambda: load_ecbplus(args.data / "ecbplus")}
    for name in (["allsides", "ecbplus"] if args.dataset == "both" else [args.dataset]):
        docs = sets[name]()[: args.limit]
        run(name, docs, mode, args.seed, thresholds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
