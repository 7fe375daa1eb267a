"""Time expressions against TimeBank/AQUAINT (TempEval-3 training data in TimeML).

Usage::

    .venv/bin/python bench/timeml.py [--limit N] [--times-only] [--timing] [--data DIR]

What it measures (TempEval-3 style, on TIMEX3 of type DATE, with TIME reported apart):

1. strip the tags of each ``.tml`` file's ``<TEXT>``, keeping the gold TIMEX3 character spans;
   the ``<DCT>`` TIMEX3 value is the anchor (``doc._.published``);
2. run the reading pipeline with ``nlp.pipe`` (the full one from ``load_model``; ``--times-only``:
   the spaCy model plus ``rashomon_times`` alone);
3. span P/R/F1, strict (same offsets) and relaxed (overlap). A prediction that overlaps a gold
   DURATION or SET is left out of precision: rashomon excludes durations by design, and a
   reading of one is neither right nor wrong here;
4. value accuracy over relaxed matches, comparing ``times.to_timex(ref)`` with the gold value.
   Gold values lose trailing ``-XX`` ("1998-12-XX" -> "1998-12": unknown parts are not stated).

``--timing`` also times the spaCy model alone against the model plus ``rashomon_times``.
Data: ``../shared/datasets/timeml/TBAQ-cleaned`` (never copied into the repository).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "timeml" / "TBAQ-cleaned"
TAG_RE = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
SCORED_TYPES = ("DATE", "TIME")
IGNORED_TYPES = ("DURATION", "SET")


@dataclass
class Timex:
    """A gold TIMEX3: character span in the stripped text, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass
class Document:
    """One TimeML document: stripped text, creation date and gold TIMEX3s."""

    name: str
    text: str
    dct: str | None
    timexes: list[Timex] = field(default_factory=list)


def read_document(path: Path) -> Document:
    """Strip a ``.tml`` file's TEXT of its tags, keeping TIMEX3 spans and the DCT value."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d{2}-\d{2})", raw)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    parts: list[str] = []
    length, opened, timexes = 0, None, []
    position = 0
    for match in TAG_RE.finditer(body):
        chunk = html.unescape(body[position:match.start()])
        parts.append(chunk)
        length += len(chunk)
        position = match.end()
        closing, tag, attrs = match.groups()
        if tag != "TIMEX3":
            continue
        if not closing:
            opened = (length, dict(ATTR_RE.findall(attrs)))
        elif opened:
            start, values = opened
            timexes.append(Timex(start, length, values.get("type", ""), values.get("value", "")))
            opened = None
    parts.append(html.unescape(body[position:]))
    return Document(path.stem, "".join(parts), dct.group(1) if dct else None, timexes)


def load_documents(data: Path, limit: int | None) -> list[Document]:
    """All documents of TimeBank and AQUAINT, sorted by name, the first ``limit`` of them."""
    paths = sorted(data.glob("*/*.tml"))
    return [read_document(p) for p in paths[:limit]]


def load_pipeline(times_only: bool):
    """The full reading pipeline, or the spaCy model with ``rashomon_times`` alone."""
    from rashomon.read.pipeline import load_model

    if not times_only:
        return load_model("en_core_web_md")
    nlp = load_model("en_core_web_md", components=False)
    from rashomon.read import times  # noqa: F401  (registers the factory)

    if "rashomon_times" not in nlp.pipe_names:
        nlp.add_pipe("rashomon_times", last=True)
    return nlp


def predict(nlp, docs: list[Document]) -> list[list]:
    """TimeRefs of each document, with ``doc._.published`` set to its creation date."""
    made = []
    for doc in docs:
        spacy_doc = nlp.make_doc(doc.text)
        spacy_doc._.published = doc.dct
        made.append(spacy_doc)
    return [d._.times or [] for d in nlp.pipe(made, batch_size=16)]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether two character spans share at least one character."""
    return a_start < b_end and b_start < a_end


def gold_value(value: str) -> str:
    """The gold value without unknown trailing parts ("1998-12-XX" -> "1998-12")."""
    while value.endswith("-XX"):
        value = value[:-3]
    return value


def score(docs: list[Document], predictions: list[list]) -> dict[str, dict[str, float]]:
    """Counts per gold type, then P/R/F1 (strict, relaxed) and value accuracy."""
    from rashomon.read.times import to_timex

    counts = {t: dict(gold=0, strict=0, relaxed=0, value=0) for t in SCORED_TYPES}
    pred_total = pred_strict = pred_relaxed = 0
    for doc, refs in zip(docs, predictions):
        scored = [t for t in doc.timexes if t.type in SCORED_TYPES]
        ignored = [t for t in doc.timexes if t.type in IGNORED_TYPES]
        for ref in refs:
            hits = [t for t in scored if overlaps(ref.start, ref.end, t.start, t.end)]
            if not hits and any(overlaps(ref.start, ref.end, t.start, t.end) for t in ignored):
                continue
            pred_total += 1
            pred_relaxed += bool(hits)
            pred_strict += any((t.start, t.end) == (ref.start, ref.end) for t in hits)
        for timex in scored:
            c = counts[timex.type]
            c["gold"] += 1
            hits = [r for r in refs if overlaps(r.start, r.end, timex.start, timex.end)]
            c["strict"] += any((r.start, r.end) == (timex.start, timex.end) for r in hits)
            if hits:
                c["relaxed"] += 1
                c["value"] += to_timex(hits[0]) == gold_value(timex.value)
    return summarise(counts, pred_total, pred_strict, pred_relaxed)


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall."""
    return 2 * p * r / (p + r) if p + r else 0.0


def summarise(counts, pred_total, pred_strict, pred_relaxed) -> dict[str, dict[str, float]]:
    """Precision over all predictions; recall and value accuracy per gold type and together."""
    out = {}
    total = {k: sum(c[k] for c in counts.values()) for k in ("gold", "strict", "relaxed", "value")}
    for name, c in (*counts.items(), ("DATE+TIME", total)):
        gold = max(c["gold"], 1)
        row = {"gold": c["gold"], "recall_strict": c["strict"] / gold, "recall_relaxed": c["relaxed"] / gold,
               "value_accuracy": c["value"] / max(c["relaxed"], 1), "value_recall": c["value"] / gold}
        out[name] = row
    p_strict, p_relaxed = pred_strict / max(pred_total, 1), pred_relaxed / max(pred_total, 1)
    both = out["DATE+TIME"]
    out["spans"] = {"predictions": pred_total, "precision_strict": p_strict, "precision_relaxed": p_relaxed,
                    "f1_strict": f1(p_strict, both["recall_strict"]),
                    "f1_relaxed": f1(p_relaxed, both["recall_relaxed"])}
    return out


def time_pipelines(texts: list[str]) -> tuple[float, float]:
    """Seconds for the spaCy model alone and for the model plus ``rashomon_times`` (same texts)."""
    import spacy

    from rashomon.read import times  # noqa: F401
    from rashomon.read.pipeline import resolve_model

    nlp = spacy.load(resolve_model("en_core_web_md"))
    list(nlp.pipe(texts[:5]))  # warm up
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=16))
    plain = time.perf_counter() - started
    nlp.add_pipe("rashomon_times", last=True)
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=16))
    return plain, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Read the corpus, predict, score, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--times-only", action="store_true", help="spaCy model + rashomon_times only")
    parser.add_argument("--timing", action="store_true", help="time the model with and without times")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    docs = load_documents(args.data, args.limit)
    nlp = load_pipeline(args.times_only)
    results = score(docs, predict(nlp, docs))
    print(f"{len(docs)} documents, {sum(len(d.text.split()) for d in docs)} words")
    for name, row in results.items():
        print(f"{name:10s} " + "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                         for k, v in row.items()))
    if args.timing:
        plain, with_times = time_pipelines([d.text for d in docs])
        print(f"timing: model {plain:.2f}s, model+times {with_times:.2f}s, ratio {with_times / plain:.3f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
