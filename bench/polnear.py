"""Attribution F1 of rashomon_quotes on the PolNeAR development split.

Usage::

    .venv/bin/python bench/polnear.py [--limit N] [--data ../shared/datasets/polnear] [--model en_core_web_md]

Protocol (documented here because the data allows several):

* Texts: every ``text/<name>.txt``. Gold: ``attributions/<name>_<annotator>.ann`` (brat standoff).
  Most texts have one annotator; two have six. We take ONE file per text, the alphabetically first
  annotator id, so that no text weighs more than another and the choice is reproducible.
* Gold attributions: the ``E`` lines (``Attribution`` and ``Attribution-no-source``), each tying a
  ``Content``, a ``Cue`` and usually a ``Source`` (``T`` lines; discontinuous spans ``a b;c d`` are
  kept as fragments). ``Discard``/``Discuss`` are ignored.
* Predictions: every QuoteSpan (direct and reported) of the full pipeline (``load_model``, run with
  ``nlp.pipe``): content = (start, end), cue, speaker.
* Matching is one-to-one and greedy, in text order:
  - content overlap: shared characters / characters of the longer span >= ``OVERLAP`` (0.5);
  - content exact: equal after normalising both sides (quotation marks, a leading "that", edge
    punctuation and spaces removed), since PolNeAR keeps the marks and "that" and we do not;
  - + source: the pair also has the predicted speaker overlapping a gold Source fragment (or both
    without a source).
  - cue F1: gold Cue spans against predicted cue spans, matched one-to-one by any overlap.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "polnear"
OVERLAP = 0.5          # the usual "half of the longer span" criterion for lenient span matching
TRIM = " \t\n,;:.—–-\"'“”‘’«»"

Fragments = list[tuple[int, int]]


@dataclass
class Attribution:
    """One attribution, gold or predicted: content, cue and source as character fragments."""

    content: Fragments
    cue: Fragments
    source: Fragments


def parse_fragments(field: str) -> Fragments:
    """'12 20;25 30' -> [(12, 20), (25, 30)]."""
    return [tuple(int(x) for x in part.split()) for part in field.split(";")]


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one brat ``.ann`` file."""
    spans: dict[str, Fragments] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = parse_fragments(offsets)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    return [Attribution(spans.get(e.get("Content", ""), []), spans.get(e.get("Cue", ""), []),
                        spans.get(e.get("Source", ""), [])) for e in events if e.get("Content") in spans]


def choose_files(data: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs: one annotation file per text, the first annotator alphabetically."""
    pairs = []
    for text in sorted((data / "text").glob("*.txt")):
        anns = sorted((data / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            pairs.append((text, anns[0]))
    return pairs


def extent(fragments: Fragments) -> tuple[int, int] | None:
    return (min(a for a, _ in fragments), max(b for _, b in fragments)) if fragments else None


def covered(a: Fragments, b: Fragments) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(fragments: Fragments) -> int:
    return sum(e - s for s, e in fragments)


def overlaps(gold: Fragments, pred: Fragments) -> bool:
    return covered(gold, pred) >= OVERLAP * max(length(gold), length(pred), 1)


def normalised(text: str, fragments: Fragments) -> str:
    joined = " ".join(text[s:e] for s, e in fragments).strip(TRIM)
    joined = re.sub(r"^that\s+", "", joined, flags=re.I)
    return re.sub(r"[\"“”‘’«»]", "", joined).strip(TRIM)


def predict(doc) -> list[Attribution]:
    """Our QuoteSpans as attributions."""
    return [Attribution([(q.start, q.end)], [q.cue] if q.cue else [], [q.speaker] if q.speaker else [])
            for q in doc._.quotes]


def match(gold: list[Attribution], pred: list[Attribution], same) -> int:
    """Greedy one-to-one matches under the predicate ``same(gold, pred)``."""
    used: set[int] = set()
    found = 0
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and same(g, p):
                used.add(j)
                found += 1
                break
    return found


def source_ok(g: Attribution, p: Attribution) -> bool:
    return covered(g.source, p.source) > 0 if g.source else not p.source


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(data: Path, limit: int | None, model: str) -> dict[str, tuple[int, int, int]]:
    """Run the pipeline over the texts and count matches for each measure."""
    from rashomon.read.pipeline import load_model

    nlp = load_model(model)
    pairs = choose_files(data)[:limit] if limit else choose_files(data)
    texts = [t.read_text(encoding="utf-8") for t, _ in pairs]
    counts = {k: [0, 0, 0] for k in ("content overlap", "content exact", "content overlap + source",
                                     "content exact + source", "cue")}
    for text, doc, (_, ann) in zip(texts, nlp.pipe(texts, batch_size=8), pairs):
        gold, pred = read_ann(ann), predict(doc)
        exact = lambda g, p: normalised(text, g.content) == normalised(text, p.content)  # noqa: E731
        tps = {
            "content overlap": match(gold, pred, lambda g, p: overlaps(g.content, p.content)),
            "content exact": match(gold, pred, exact),
            "content overlap + source": match(gold, pred, lambda g, p: overlaps(g.content, p.content) and source_ok(g, p)),
            "content exact + source": match(gold, pred, lambda g, p: exact(g, p) and source_ok(g, p)),
        }
        gold_cues = [Attribution(g.cue, [], []) for g in gold if g.cue]
        pred_cues = [Attribution(p.cue, [], []) for p in pred if p.cue]
        tps["cue"] = match(gold_cues, pred_cues, lambda g, p: covered(g.content, p.content) > 0)
        for key, tp in tps.items():
            n_gold, n_pred = (len(gold_cues), len(pred_cues)) if key == "cue" else (len(gold), len(pred))
            counts[key][0] += tp
            counts[key][1] += n_pred
            counts[key][2] += n_gold
    return {k: tuple(v) for k, v in counts.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the polnear folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--model", default="en_core_web_md", help="spaCy model name")
    args = parser.parse_args(argv)
    if not (args.data / "text").is_dir():
        print(f"no PolNeAR data under {args.data}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    counts = evaluate(args.data, args.limit, args.model)
    print(f"PolNeAR dev, {args.limit or 'all'} texts, {time.perf_counter() - started:.0f}s")
    print(f"{'measure':28} {'P':>6} {'R':>6} {'F1':>6}   tp/pred/gold")
    for key, (tp, n_pred, n_gold) in counts.items():
        p, r, f = prf(tp, n_pred, n_gold)
        print(f"{key:28} {p:6.3f} {r:6.3f} {f:6.3f}   {tp}/{n_pred}/{n_gold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
