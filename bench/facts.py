"""Fact alignment against the hand gold of 30 AllSides stories (../shared/gold/allsides_val_facts.json).

Usage::

    .venv/bin/python bench/facts.py [--gold FILE] [--stories N] [--show] [--json OUT]

Protocol (the gold's ``about`` field says how to score; this is that, made exact):

* Each gold story names a line of ``allsides/val.source``; its three articles (``val{n}_{k}``) are
  analysed together with ``rashomon.analyze_readings`` (title and body as the text gives them; the
  round-ups carry no outlet names and no dates, so the outlets are ``val{n}_{k}`` and nothing is
  anchored to a publication day). Every facet of every story of that analysis is scored.
* **Mapping.** Each facet goes to the gold question whose evidence (or ``alt_evidence``) its values'
  evidence overlaps most: for each value, the share of the shorter of the two sentences that the
  overlap of their character spans covers (spans found in the clean text after normalising
  whitespace), summed over the facet's values. A facet whose best sum is under
  ``MIN_OVERLAP`` is unscored. Ties (several questions often share one lead sentence) go to the
  question whose values and wording share most words with the facet's values and name.
* **Measures**, over the mapped facets unless said otherwise:
  - gold conflicts surfaced: a gold conflict question with a mapped facet whose verdict is
    ``conflict`` and whose values come from two or more of the articles gold says state it
    (out of all gold conflicts, and out of those with a mapped facet);
  - conflict-vs-not accuracy, precision and recall; exact four-way accuracy (agree, compatible,
    conflict, single);
  - false conflicts: mapped facets called ``conflict`` where gold says otherwise (and, apart,
    conflicts on facets that map to no question: unscored, printed for a reader to check);
  - aligned: the share of questions that two or more articles state (gold values non-null) which
    have a mapped facet with values from two or more of those articles;
  - wrongly silent: per mapped facet, the articles gold says state the fact but the facet gives no
    value for, out of all such stated values; and values given where gold says the article is silent.

The figures this prints are the ones ``docs/measurements.md`` and the quality gate
(``tests/test_eval_gate.py``) pin.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "allsides_val_facts.json"
SOURCE = SHARED / "datasets" / "allsides" / "val.source"

# A facet maps to a question only when its evidence covers at least half of one gold sentence.
MIN_OVERLAP = 0.5
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "dozen": "12"}
WORD_RE = re.compile(r"[^\W_]+(?:[.,][0-9]+)*")
STOP = frozenset("the a an of to in on at by for and or with from is was were be as that this it its "
                 "who what which when where how whether number".split())


def digest(path: Path) -> str:
    """sha256 of a data file (the quality gate pins it beside its floors)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def story_articles(line: str, line_no: int) -> list[tuple[str, str, str]]:
    """(id, title, body) of the three articles of one val.source line."""
    out = []
    for k, part in enumerate(line.split("[SEP]")):
        title, _, body = part.partition("ARTICLE=>")
        out.append((f"val{line_no}_{k}", title.replace("TITLE=>", "").strip(), body.strip()))
    return out


def words(text: str) -> set[str]:
    """Content words of a value or question, number words as digits, digits without separators."""
    found = set()
    for w in WORD_RE.findall(str(text).lower()):
        w = NUMBER_WORDS.get(w, w).replace(",", "")
        if w not in STOP:
            found.add(w)
    return found


class Located:
    """An article's clean text with whitespace normalised, and a way to find a sentence in it."""

    def __init__(self, text: str) -> None:
        self.norm, self.index = [], []
        previous_space = False
        for i, ch in enumerate(text):
            space = ch.isspace()
            if space and previous_space:
                continue
            self.norm.append(" " if space else ch)
            self.index.append(i)
            previous_space = space
        self.norm = "".join(self.norm)

    def find(self, sentence: str | None) -> tuple[int, int] | None:
        """Span of ``sentence`` in the clean text (whitespace-normalised match), None when absent."""
        if not sentence:
            return None
        needle = " ".join(sentence.split())
        at = self.norm.find(needle)
        if at < 0:
            return None
        return self.index[at], self.index[at + len(needle) - 1] + 1


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Share of the shorter span that the two spans have in common."""
    common = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, common) / max(1, min(a[1] - a[0], b[1] - b[0]))


@dataclass
class Question:
    """One gold question with the spans of its evidence in each article."""

    story: int
    data: dict
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def stated(self) -> set[str]:
        return {a for a, v in self.data["values"].items() if v is not None}

    @property
    def verdict(self) -> str:
        return self.data["verdict"]


def locate_questions(story: dict, located: dict[str, Located]) -> list[Question]:
    """The story's questions with their evidence located in the clean texts."""
    questions = []
    for q in story["questions"]:
        question = Question(story["line"], q)
        for article, sentence in q["evidence"].items():
            found = [located[article].find(s) for s in [sentence, *q.get("alt_evidence", {}).get(article, [])]]
            question.spans[article] = [s for s in found if s]
        questions.append(question)
    return questions


def map_facet(facet, questions: list[Question]) -> tuple[Question | None, float]:
    """The question a facet answers (see the module docstring), with its overlap score."""
    best, best_key = None, (MIN_OVERLAP, -1.0)
    for q in questions:
        score = 0.0
        for value in facet.values:
            if value.evidence is None:
                continue
            span = (value.evidence.start, value.evidence.end)
            score += max((overlap(span, g) for g in q.spans.get(value.article, [])), default=0.0)
        if score < MIN_OVERLAP:
            continue
        facet_words = words(facet.name.replace("_", " ").replace("/", " ")) | {
            w for v in facet.values for w in words(v.value if not isinstance(v.value, list) else " ".join(v.value))}
        gold_words = words(q.data["question"]) | {w for v in q.data["values"].values() if v for w in words(v)}
        similarity = len(facet_words & gold_words) / max(1, len(facet_words))
        key = (round(score, 3), similarity)
        if key > best_key:
            best, best_key = q, key
    return best, best_key[0]


@dataclass
class Tally:
    """The counts behind the printed measures."""

    questions: int = 0
    multi_source: int = 0
    aligned: int = 0
    gold_conflicts: int = 0
    conflicts_matched: int = 0
    conflicts_surfaced: int = 0
    facets: int = 0
    mapped: int = 0
    verdict_pairs: Counter = field(default_factory=Counter)  # (gold, program)
    stated_values: int = 0
    silent: int = 0
    extra_values: int = 0
    unscored_conflicts: list[str] = field(default_factory=list)
    false_conflicts: list[str] = field(default_factory=list)


def score_story(story: dict, analysis, tally: Tally, show: bool) -> None:
    """Map one story's facets to its questions and count."""
    texts = {r.article.id: r.article.text for r in analysis.readings}
    located = {a: Located(t) for a, t in texts.items()}
    questions = locate_questions(story, located)
    facets = [f for s in analysis.stories for f in s.facets]
    mapped: dict[str, list] = {}
    for facet in facets:
        tally.facets += 1
        question, _ = map_facet(facet, questions)
        label = f"val{story['line']} {facet.name} [{facet.verdict}] " + " | ".join(
            f"{v.article[-1]}:{v.value}" for v in facet.values)
        if question is None:
            if facet.verdict == "conflict":
                tally.unscored_conflicts.append(label)
            if show:
                print("   unscored", label)
            continue
        tally.mapped += 1
        mapped.setdefault(question.data["id"], []).append(facet)
        tally.verdict_pairs[(question.verdict, facet.verdict)] += 1
        if facet.verdict == "conflict" and question.verdict != "conflict":
            tally.false_conflicts.append(f"{label}  <- gold {question.data['id']} {question.verdict}")
        given = {v.article for v in facet.values}
        tally.stated_values += len(question.stated)
        tally.silent += len(question.stated - given)
        tally.extra_values += len(given - question.stated)
        if show:
            print(f"   {question.data['id']:>4} gold {question.verdict:<10} {label}")
    for q in questions:
        tally.questions += 1
        candidates = mapped.get(q.data["id"], [])
        if len(q.stated) >= 2:
            tally.multi_source += 1
            if any(len({v.article for v in f.values} & q.stated) >= 2 for f in candidates):
                tally.aligned += 1
        if q.verdict == "conflict":
            tally.gold_conflicts += 1
            tally.conflicts_matched += bool(candidates)
            tally.conflicts_surfaced += any(
                f.verdict == "conflict" and len({v.article for v in f.values} & q.stated) >= 2 for f in candidates)
        if show and not candidates:
            print(f"   {q.data['id']:>4} gold {q.verdict:<10} MISSED {q.data['question']}")


def measures(t: Tally) -> dict[str, float]:
    """The headline figures from a tally."""
    pairs = t.verdict_pairs
    mapped = sum(pairs.values()) or 1
    tp = sum(n for (g, p), n in pairs.items() if g == "conflict" and p == "conflict")
    fp = sum(n for (g, p), n in pairs.items() if g != "conflict" and p == "conflict")
    fn = sum(n for (g, p), n in pairs.items() if g == "conflict" and p != "conflict")
    return {
        "conflicts_surfaced": t.conflicts_surfaced / max(1, t.gold_conflicts),
        "conflicts_surfaced_of_matched": t.conflicts_surfaced / max(1, t.conflicts_matched),
        "conflict_vs_not_accuracy": sum(n for (g, p), n in pairs.items() if (g == "conflict") == (p == "conflict"))
        / mapped,
        "conflict_precision": tp / max(1, tp + fp),
        "conflict_recall": tp / max(1, tp + fn),
        "exact_accuracy": sum(n for (g, p), n in pairs.items() if g == p) / mapped,
        "false_conflicts_per_10_stories": 10 * fp / max(1, STORIES_SCORED),
        "aligned": t.aligned / max(1, t.multi_source),
        "wrongly_silent": t.silent / max(1, t.stated_values),
        "values_where_gold_silent": t.extra_values / max(1, t.stated_values),
    }


STORIES_SCORED = 0


def analyse_story(story: dict, lines: list[str], settings):
    """Read and analyse one gold story's three articles."""
    from rashomon.analysis import analyze_readings
    from rashomon.api import read_articles
    from rashomon.ingest import article_from_text

    articles = [article_from_text(f"{title}\n\n{body}\n", id=aid, title=title, outlet=aid, settings=settings)
                for aid, title, body in story_articles(lines[story["line"]], story["line"])]
    readings = [r for r in read_articles(articles, settings) if not hasattr(r, "reason")]
    return analyze_readings(readings, [], settings)


def run(gold_path: Path = GOLD, limit: int | None = None, show: bool = False) -> tuple[Tally, dict[str, float]]:
    """Score every gold story; return the tally and the measures."""
    global STORIES_SCORED
    from rashomon.settings import Settings

    settings = Settings.load()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    stories = gold["stories"][:limit] if limit else gold["stories"]
    tally = Tally()
    for story in stories:
        if show:
            print(f"## val{story['line']} {story['kind']}: {story['title']}")
        score_story(story, analyse_story(story, lines, settings), tally, show)
    STORIES_SCORED = len(stories)
    return tally, measures(tally)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--stories", type=int, default=None, help="score only the first N stories")
    parser.add_argument("--show", action="store_true", help="print every facet with its question")
    parser.add_argument("--json", type=Path, default=None, help="write the measures to this file")
    args = parser.parse_args()
    if not args.gold.exists() or not SOURCE.exists():
        sys.exit(f"missing {args.gold} or {SOURCE}: the gold and the AllSides data are read from ../shared")
    started = time.perf_counter()
    tally, figures = run(args.gold, args.stories, args.show)
    print(f"\n{STORIES_SCORED} stories, {tally.questions} questions ({tally.multi_source} stated by 2+ sources), "
          f"{tally.facets} facets, {tally.mapped} mapped, {time.perf_counter() - started:.0f} s")
    print(f"gold conflicts surfaced: {tally.conflicts_surfaced} of {tally.gold_conflicts} "
          f"({tally.conflicts_matched} matched by a facet)")
    for name, value in figures.items():
        print(f"  {name:<32} {value:.3f}")
    print("verdicts (gold -> program):", dict(sorted(tally.verdict_pairs.items())))
    for label in tally.false_conflicts:
        print("  false conflict:", label)
    for label in tally.unscored_conflicts:
        print("  unscored conflict:", label)
    if args.json:
        args.json.write_text(json.dumps({"digest": digest(args.gold), **figures}, indent=2) + "\n")


if __name__ == "__main__":
    main()
