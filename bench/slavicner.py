"""SlavicNER: the lexicon tier on real news in six Slavic languages (../shared/datasets/slavicner/).

Usage::

    .venv/bin/python bench/slavicner.py [--per N] [--seed S]

Protocol:

* Sample: for each topic (asia_bibi, brexit, covid-19, nord_stream, ryanair) and language (bg, cs, pl,
  ru, sl, uk), the first ``--per`` documents in name order (default 8: 240 documents). Text = the raw
  file (first line the title, site boilerplate left in: as a user would feed a crawl), language as
  the folder says, no publication date.
* Reading: ``rashomon.api.read_articles`` (Russian at the model tier with natasha's names, the other
  five languages at the lexicon tier);
  then ``analyze_readings`` links entities and clusters stories over the whole sample, articles fed in
  a shuffled order (``--seed``).
* NER per language and type: a gold mention (PER, LOC, ORG; the gold's GPE-* ids are LOC) is found when
  an entity mention of the reading overlaps it with a matching type (PERSON -> PER, GPE/LOC -> LOC,
  ORG -> ORG); precision over our mentions of those types, overlap F1.
* Cross-lingual linking, pairwise F1 per type: over the gold PER and LOC mentions we found, every pair
  of mentions in different documents is a gold link when their cross-lingual ids agree and a
  predicted link when our corpus entities agree.
* Lemmas per language and type: over the gold mentions our mentions find with the same bounds, the
  share whose entity name (the base form the reader gives the name) equals the gold lemma.
* Topics: BCubed F1 of the topics the analysis groups the stories into (``link/topics.py``) against
  the gold topics (coarse: one topic, one cluster), across languages; and of the stories themselves.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "datasets" / "slavicner"
TYPES = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
LANGUAGES = ("bg", "cs", "pl", "ru", "sl", "uk")


def gold_mentions(path: Path, with_lemma: bool = False) -> list[tuple]:
    """(start, end, type, cross-lingual id[, lemma]) of one document's gold mentions of PER, LOC and ORG."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 6 or not parts[0].isdigit():
            continue
        kind = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}.get(parts[4])
        if kind:
            found.append((int(parts[0]), int(parts[1]), kind, parts[5]) + ((parts[3],) if with_lemma else ()))
    return found


def sample(per: int) -> list[tuple[str, str, str, Path, Path]]:
    """(id, topic, language, raw file, ner file) of the sampled documents."""
    docs = []
    for topic in sorted(p.name for p in (DATA / "raw").iterdir()):
        for lang in LANGUAGES:
            raws = sorted((DATA / "raw" / topic / lang).glob("*.txt"))[:per]
            for raw in raws:
                ner = DATA / "ner" / topic / lang / (raw.name[:-4] + ".tsv")
                if ner.exists():
                    docs.append((f"{topic}/{lang}/{raw.stem}", topic, lang, raw, ner))
    return docs


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, cluster in predicted.items():
        by_pred[cluster].add(item)
    for item, cluster in gold.items():
        by_gold[cluster].add(item)
    p = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_pred[predicted[i]]) for i in gold) / len(gold)
    r = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per", type=int, default=8, help="documents per topic and language (default 8)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"missing {DATA}: SlavicNER is read from ../shared/datasets")
    from rashomon.analysis import analyze_readings
    from rashomon.api import read_articles
    from rashomon.records import Article, Reading, Source
    from rashomon.settings import Settings

    settings = Settings.load()
    docs = sample(args.per)
    started = time.perf_counter()
    articles = [Article(doc_id, Source(path=str(raw), outlet=doc_id), None, None, lang, raw.read_text(encoding="utf-8"))
                for doc_id, _, lang, raw, _ in docs]
    readings = [r for r in read_articles(articles, settings) if isinstance(r, Reading)]
    read_seconds = time.perf_counter() - started
    random.Random(args.seed).shuffle(readings)
    analysis = analyze_readings(readings, [], settings)
    by_id = {r.article.id: r for r in readings}
    corpus_of = {(m.article, m.start, m.end): e.id for e in analysis.entities for m in e.mentions}

    ner = defaultdict(Counter)  # (lang, type) -> tp/fp/fn
    lemmas = defaultdict(Counter)  # (lang, type) -> right / checked
    linked: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)  # type -> (doc, gold id, our id)
    for doc_id, _, lang, _, ner_path in docs:
        reading = by_id.get(doc_id)
        gold = gold_mentions(ner_path, with_lemma=True)
        ours = [(m.start, m.end, TYPES[e.type], (doc_id, m.start, m.end), e.name)
                for e in (reading.entities if reading else []) if e.type in TYPES for m in e.mentions]
        used = set()
        for start, end, kind, gid, lemma in gold:
            hit = next((o for o in ours if o[2] == kind and o[0] < end and start < o[1]), None)
            ner[(lang, kind)]["tp" if hit else "fn"] += 1
            if hit and (hit[0], hit[1]) == (start, end):  # the lemma of a mention found exactly
                lemmas[(lang, kind)]["checked"] += 1
                lemmas[(lang, kind)]["right"] += hit[4].casefold() == lemma.casefold()
            if hit:
                used.add(hit[3])
                linked[kind].append((doc_id, gid, corpus_of.get(hit[3])))
        for o in ours:
            if o[3] not in used and not any(o[0] < e and s < o[1] for s, e, *_ in gold):
                ner[(lang, o[2])]["fp"] += 1

    tiers = Counter(r.tier for r in readings)
    print(f"{len(readings)} of {len(docs)} documents read ({read_seconds:.0f} s); tiers: "
          + ", ".join(f"{n} {tier}" for tier, n in sorted(tiers.items())))
    print("NER, overlap F1 (P / R / F1):")
    for lang in LANGUAGES:
        cells = []
        for kind in ("PER", "LOC", "ORG"):
            c = ner[(lang, kind)]
            p, r, f = f1(c["tp"], c["fp"], c["fn"])
            cells.append(f"{kind} {p:.2f}/{r:.2f}/{f:.2f}")
        print(f"  {lang}: " + "   ".join(cells))
    print("Lemmas (the entity's name = the gold lemma, over mentions found with exact bounds):")
    for lang in LANGUAGES:
        cells = [f"{kind} {c['right'] / c['checked']:.2f} of {c['checked']}" if (c := lemmas[(lang, kind)])["checked"]
                 else f"{kind} -" for kind in ("PER", "LOC", "ORG")]
        print(f"  {lang}: " + "   ".join(cells))
    for kind in ("PER", "LOC"):
        items = linked[kind]
        tp = fp = fn = 0
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                a, b = items[i], items[j]
                if a[0] == b[0]:
                    continue
                same_gold, same_ours = a[1] == b[1], a[2] is not None and a[2] == b[2]
                tp += same_gold and same_ours
                fp += same_ours and not same_gold
                fn += same_gold and not same_ours
        p, r, f = f1(tp, fp, fn)
        print(f"cross-document linking {kind}: pairwise P {p:.3f} R {r:.3f} F1 {f:.3f} over {len(items)} found mentions")
    topic_of = {s.id: s.topic for s in analysis.stories}
    predicted = {a: topic_of[s] for a, s in analysis.story_of.items()}
    gold_topics = {doc_id: topic for doc_id, topic, *_ in docs if doc_id in predicted}
    p, r, f = bcubed(predicted, gold_topics)
    print(f"topics across languages: BCubed P {p:.3f} R {r:.3f} F1 {f:.3f}; {len(set(predicted.values()))} topics "
          f"of {len(analysis.stories)} stories (gold: 5 topics)")
    p, r, f = bcubed(dict(analysis.story_of), gold_topics)
    print(f"  stories against the topics: BCubed P {p:.3f} R {r:.3f} F1 {f:.3f} (a story is one event, finer)")


if __name__ == "__main__":
    main()
