"""The ``rashomon`` command: a thin layer over the Python API.

Each command validates its options, calls an importable function, and reports failures as one line
each on stderr. Exit status: 0 when every input was read, 1 when some input failed, 2 for a usage or
configuration error.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from rashomon.messages import RashomonError
from rashomon.records import Failure
from rashomon.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="rashomon: one news event through every source.")
err = Console(stderr=True, highlight=False, emoji=False)  # ":warning:" in a file name stays as written
FORMATS = ("jsonl", "json", "table")
EXIT_FAILED_INPUTS = 1
EXIT_USAGE = 2


# Options several commands share (one declaration each; Typer reads the same OptionInfo for each command).
MODEL_OPTION = typer.Option(None, "--model", help="spaCy model (default en_core_web_md; RASHOMON_MODEL).")
OUTLETS_OPTION = typer.Option(None, "--outlets", help="YAML/JSON mapping of domain -> outlet name.")
TERMS_OPTION = typer.Option(None, "--terms", help="YAML of contested terms extending the bundled lexicon.")
EXECUTOR_OPTION = typer.Option(None, "--executor", help="Where reading runs: auto, inline, processes, dask (RASHOMON_EXECUTOR).")
SCHEDULER_OPTION = typer.Option(None, "--scheduler", help="Dask scheduler address for --executor dask (default: a local cluster).")
CONFIG_OPTION = typer.Option(None, "--config", help="Settings file (YAML or JSON).")


def with_progress(items: Iterator, label: str, total: int | None = None) -> Iterator:
    """Wrap an iterator in a progress bar on stderr (with its total when known, advanced per item)
    when stderr is a terminal."""
    if not err.is_terminal:
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task(label, total=total)
        for item in items:
            progress.advance(task)
            yield item


# Characters that would act on a terminal rather than be shown: C0 and C1 controls (escape
# sequences start with ESC or CSI) and the bidirectional overrides and isolates (they reorder what
# follows: a file name could make a line read otherwise).
TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """``text`` for one terminal line: each unsafe character shown as its escape (``\\x1b``), lone
    surrogates (from a file name in an odd encoding) as U+FFFD."""
    text = TERMINAL_UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


def say(text: str) -> None:
    """One line on stderr, made safe."""
    err.print(safe(text), markup=False, soft_wrap=True, highlight=False)


def report_failure(failure: Failure) -> None:
    """One line on stderr for an input that could not be read."""
    err.print(f"[bold red]failed[/]: {escape(safe(str(failure)))}", markup=True, soft_wrap=True)


def ingested(paths: list[str], settings: Settings, skipped: Counter) -> list:
    """Every input ingested (articles and failures, in order), with a progress bar over the files:
    reading then knows its total."""
    from rashomon.ingest import ingest

    return list(with_progress(ingest(paths, settings, skipped=skipped), "ingesting"))


def read_all(items: list, settings: Settings) -> Iterator:
    """The readings of ingested items, in order, with a progress bar of known total."""
    from rashomon.api import read_articles

    return with_progress(read_articles(items, settings), "reading", total=len(items))


def note_skipped(skipped: Counter) -> None:
    """Say on stderr what was skipped on purpose, and how many of each (never silently)."""
    for what, n in sorted(skipped.items()):
        say(f"skipped: {n} {what}")


def guarded(run):
    """Run a command body: a RashomonError is one line and exit status 2; a closed standard output
    (``| head``) ends quietly; a standard output that cannot be written (a full disk) is one line."""
    try:
        return run()
    except RashomonError as exc:
        say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    except BrokenPipeError:
        quiet_stdout()
        raise typer.Exit(EXIT_FAILED_INPUTS) from None
    except OSError as exc:
        quiet_stdout()
        say(str(RashomonError("E047", path="standard output", reason=(exc.strerror or str(exc)).lower())))
        raise typer.Exit(EXIT_USAGE) from None


def quiet_stdout() -> None:
    """Point standard output at /dev/null, so that Python's final flush of a closed or full stdout
    does not print a traceback at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@app.command()
def read(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output: jsonl (one object per article), json, table."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file instead of standard output."),
    force: bool = typer.Option(False, "--force", help="Overwrite --out if it exists."),
    model: Optional[str] = MODEL_OPTION,
    outlets: Optional[Path] = OUTLETS_OPTION,
    executor: Optional[str] = EXECUTOR_OPTION,
    scheduler: Optional[str] = SCHEDULER_OPTION,
    config: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Read articles: clean text, metadata, people and roles, quotes, times.

    Example: rashomon read article.txt page.html print.pdf --format table
    """
    from rashomon.outputs import check_out_file

    def run() -> tuple[int, Counter]:
        if format not in FORMATS:
            raise RashomonError("E041", value=format, valid=", ".join(FORMATS))
        if out is not None:
            check_out_file(out, force)
        settings = Settings.load(config=config, model=model, outlets=str(outlets) if outlets else None,
                                 executor=executor, scheduler=scheduler)
        skipped: Counter = Counter()
        return run_read(paths, settings, format, out, skipped), skipped

    failed, skipped = guarded(run)
    note_skipped(skipped)
    if failed:
        say(f"{failed} input(s) could not be read.")
        raise typer.Exit(EXIT_FAILED_INPUTS)


def run_read(paths: list[str], settings: Settings, format: str, out: Path | None,
             skipped: Counter | None = None) -> int:
    """Read ``paths`` and write the readings in ``format``; return how many inputs failed.

    ``out`` is written to a temporary file renamed at the end (``outputs.atomic_file``), so that an
    error or a kill leaves no empty or half-written ``out`` behind.
    """
    from rashomon.outputs import atomic_file

    skipped = skipped if skipped is not None else Counter()
    with atomic_file(out) if out else contextlib.nullcontext(sys.stdout) as stream:
        return write_readings(read_all(ingested(paths, settings, skipped), settings), format, stream,
                              width=None if out is None else 120)


def write_readings(results: Iterable, format: str, stream, width: int | None) -> int:
    """Write readings to ``stream`` (JSONL as they come); report failures; return how many failed."""
    failed = 0
    readings = []
    for item in results:
        if isinstance(item, Failure):
            failed += 1
            report_failure(item)
        elif format == "jsonl":
            stream.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
            stream.flush()
        else:
            readings.append(item)
    if format == "json":
        json.dump([r.to_json() for r in readings], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif format == "table":
        from rashomon.report.table import print_readings

        print_readings(readings, Console(file=stream, highlight=False, emoji=False, width=width))
    return failed


# What ``analyze`` writes in its folder; the report goes last (outputs.staged_folder).
OUTPUT_NAMES = ("analysis.json", "facets.jsonl", "facets.csv", "report.html", "stories/")


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    out: Path = typer.Option(Path("rashomon-report"), "--out", "-o", help="Folder for analysis.json and report.html."),
    force: bool = typer.Option(False, "--force", help="Overwrite the report files if they exist."),
    model: Optional[str] = MODEL_OPTION,
    outlets: Optional[Path] = OUTLETS_OPTION,
    terms: Optional[Path] = TERMS_OPTION,
    executor: Optional[str] = EXECUTOR_OPTION,
    scheduler: Optional[str] = SCHEDULER_OPTION,
    config: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Read, link and compare articles: stories, facts side by side, framing, voices, timeline.

    Writes OUT/report.html, OUT/analysis.json, OUT/facets.jsonl and OUT/facets.csv, and prints a summary.
    Example: rashomon analyze reports/ --out out/
    """
    from rashomon.outputs import check_out_folder

    def run():
        check_out_folder(out, OUTPUT_NAMES, force)
        settings = Settings.load(config=config, model=model, outlets=str(outlets) if outlets else None,
                                 contested_terms=str(terms) if terms else None, executor=executor,
                                 scheduler=scheduler)
        check_lexicons(settings)
        skipped: Counter = Counter()
        analysis = run_analyze(paths, settings, out, skipped)
        print_summary(analysis, out)
        return analysis, skipped

    analysis, skipped = guarded(run)
    note_skipped(skipped)
    if analysis.failures:
        raise typer.Exit(EXIT_FAILED_INPUTS)


def check_lexicons(settings: Settings) -> None:
    """Load the user's contested terms and event types before any input is read: a file of the wrong
    shape fails now, in one line, not after an hour of reading."""
    from rashomon.compare.framing import load_lexicon
    from rashomon.read.events import load_lexicon as load_event_types

    load_lexicon(settings.contested_terms)
    load_event_types(settings.event_types)


def run_analyze(paths: list[str], settings: Settings, out: Path, skipped: Counter | None = None):
    """Read ``paths`` (with progress bars), link and compare, write the report files; return the
    Analysis. Nothing is written when no article could be read (E048)."""
    from rashomon.analysis import analyze_readings
    from rashomon.outputs import staged_folder
    from rashomon.report.export import write_exports
    from rashomon.report.html import write_report

    skipped = skipped if skipped is not None else Counter()
    readings, failures = [], []
    for item in read_all(ingested(paths, settings, skipped), settings):
        if isinstance(item, Failure):
            failures.append(item)
            report_failure(item)
        else:
            readings.append(item)
    if not readings:
        note_skipped(skipped)
        raise RashomonError("E048", failed=len(failures))
    analysis = analyze_readings(readings, failures, settings)
    with staged_folder(out, last="report.html") as staging:
        write_exports(analysis, staging)
        write_report(analysis, staging)
    return analysis


def count(n: int, noun: str) -> str:
    """"1 story", "5 stories", "2 outlets"."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def print_summary(analysis, out: Path) -> None:
    """Stories, sources, conflicts found, and where the report is."""
    outlets = {r.article.source.outlet for r in analysis.readings if r.article.source.outlet}
    unnamed = sum(1 for r in analysis.readings if not r.article.source.outlet)
    conflicts = sum(1 for s in analysis.stories for f in s.facets if f.verdict == "conflict")
    multi = [s for s in analysis.stories if len(s.articles) > 1]
    sources = count(len(outlets), "outlet") + (f" ({count(unnamed, 'article')} naming none)" if unnamed else "")
    print(f"{count(len(analysis.readings), 'article')} from {sources}; {count(len(analysis.stories), 'story')} "
          f"({len(multi)} with more than one article); {count(conflicts, 'conflict')} found; "
          f"{len(analysis.failures)} inputs failed.")
    for story in multi:
        verdicts = [f.verdict for f in story.facets]
        print(safe(f"  {story.id} {story.title!r}: {len(story.articles)} articles, "
                   + ", ".join(f"{verdicts.count(v)} {v}" for v in ("agree", "compatible", "conflict", "single"))))
    print(safe(f"Report: {out / 'report.html'}  Data: {out / 'analysis.json'}"))


@app.command()
def demo(
    out: Path = typer.Option(Path("demo-report"), "--out", "-o", help="Folder for the demo's report files."),
    force: bool = typer.Option(False, "--force", help="Overwrite the report files if they exist."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default en_core_web_md)."),
) -> None:
    """Analyse the bundled demo corpus (22 made-up articles, 18 outlets, four languages) and write its report.

    Example: rashomon demo --out demo-report --force
    """
    from rashomon.knowledge import data_path

    corpus = data_path("demo/corpus")
    say(f"Analysing the bundled demo corpus {corpus} (described in {data_path('demo/CORPUS.md')}) ...")
    analyze([str(corpus)], out=out, force=force, model=model, outlets=None, terms=None, executor=None, scheduler=None,
            config=None)


STORE_HELP = "SQLite file or postgresql:// URL (default rashomon.db here; RASHOMON_STORE)."


@app.command()
def add(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
    model: Optional[str] = MODEL_OPTION,
    outlets: Optional[Path] = OUTLETS_OPTION,
    terms: Optional[Path] = TERMS_OPTION,
    executor: Optional[str] = EXECUTOR_OPTION,
    scheduler: Optional[str] = SCHEDULER_OPTION,
    config: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Add articles to the store: read the new ones, link them, and compare again the stories they join.

    Articles the store holds already (same outlet, title and text) are skipped and counted. Safe to
    interrupt: run it again and it goes on where it stopped.
    Example: rashomon add reports/ --store news.db
    """
    from rashomon.store import Store, add as add_articles

    def run():
        overrides = {"store": store} if store else {}
        settings = Settings.load(config=config, model=model, outlets=str(outlets) if outlets else None,
                                 contested_terms=str(terms) if terms else None, executor=executor,
                                 scheduler=scheduler, **overrides)
        check_lexicons(settings)
        skipped: Counter = Counter()
        with Store(settings.store) as opened:
            result = add_articles(paths, opened, settings, skipped=skipped,
                                  wrap=lambda items, label, total=None: with_progress(items, label, total),
                                  on_failure=report_failure, note=say)
            counts = opened.counts()
            where = opened.describe()
        note_skipped(skipped)
        print(f"{count(len(result.added), 'article')} added, {result.already} already in the store; "
              f"{count(result.linked, 'article')} linked; {count(len(result.stories), 'story')} compared again; "
              f"{len(result.failures)} inputs failed.")
        print(safe(f"Store {where}: {count(counts['articles'], 'article')}, {count(counts['stories'], 'story')}, "
                   f"{count(counts['entities'], 'entity')}."))
        return result

    result = guarded(run)
    if result.failures:
        raise typer.Exit(EXIT_FAILED_INPUTS)


@app.command()
def serve(
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (beyond this machine needs a token)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    token: Optional[str] = typer.Option(None, "--token", help="Token every request must send (RASHOMON_TOKEN)."),
    config: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Serve the store as a web app with a JSON API: stories, entities, articles, search.

    Every page has a JSON twin (add .json, or send Accept: application/json); the API is described
    at /openapi.json. Example: rashomon serve --store news.db --port 8000
    """
    from rashomon.serve import check_bind, make_app

    def run():
        overrides = {k: v for k, v in (("store", store), ("token", token)) if v}
        settings = Settings.load(config=config, **overrides)
        check_bind(host, settings.token)
        application = make_app(settings)
        import uvicorn

        from rashomon.messages import format_message

        opened = application.state.store
        if not opened.counts()["articles"]:
            say(format_message("E053", store=opened.describe()))
        say(f"Serving {opened.describe()} on http://{host}:{port}/ (Ctrl-C stops)")
        uvicorn.run(application, host=host, port=port, log_level="warning")

    guarded(run)


EXPORT_FORMATS = ("graphml", "jsonld", "jsonl", "csv")
EXPORT_TABLES = ("facets", "framing", "voices", "timeline")


@app.command()
def export(
    format: str = typer.Option(..., "--format", "-f", help="graphml, jsonld (entities, events, stories, articles "
                               "and their links), or jsonl / csv (one of the story tables: --table)."),
    table: str = typer.Option("facets", "--table", "-t", help="For jsonl/csv: facets, framing, voices, timeline."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file instead of standard output."),
    force: bool = typer.Option(False, "--force", help="Overwrite --out if it exists."),
    store: Optional[str] = typer.Option(None, "--store", "-s", help=STORE_HELP),
    config: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Export the store: a graph (GraphML for Gephi, JSON-LD) or a story table (JSONL, CSV).

    Example: rashomon export --format graphml --out corpus.graphml --store news.db
    """
    from rashomon.outputs import atomic_file, check_out_file

    def run():
        if format not in EXPORT_FORMATS:
            raise RashomonError("E041", value=format, valid=", ".join(EXPORT_FORMATS))
        if table not in EXPORT_TABLES:
            raise RashomonError("E041", value=table, valid=", ".join(EXPORT_TABLES))
        if out is not None:
            check_out_file(out, force)
        from rashomon.store import Store, queries

        settings = Settings.load(config=config, **({"store": store} if store else {}))
        with Store(settings.store) as opened, opened.reading() as connection:
            corpus = queries.corpus(connection)
        if format == "graphml":
            from rashomon.report.graph import write_graphml

            with atomic_file(out, binary=True) if out else contextlib.nullcontext(sys.stdout.buffer) as stream:
                write_graphml(corpus, stream)
            return
        with atomic_file(out) if out else contextlib.nullcontext(sys.stdout) as stream:
            write_export(corpus, format, table, stream)

    guarded(run)


def write_export(corpus, format: str, table: str, stream) -> None:
    """JSON-LD of the corpus, or one story table as JSONL or CSV."""
    import csv

    from rashomon.report import graph
    from rashomon.report.export import FACET_COLUMNS, csv_cell, facet_rows

    if format == "jsonld":
        json.dump(graph.to_jsonld(corpus), stream, ensure_ascii=False, indent=1)
        stream.write("\n")
        return
    outlets = {a.id: a.outlet for a in corpus.articles}
    rows, columns = {
        "facets": lambda: (facet_rows(corpus.stories, outlets), FACET_COLUMNS),
        "framing": lambda: (graph.framing_rows(corpus.stories, outlets), graph.FRAMING_COLUMNS),
        "voices": lambda: (graph.voices_rows(corpus.stories, outlets, {e.id: e.name for e in corpus.entities}),
                           graph.VOICES_COLUMNS),
        "timeline": lambda: (graph.timeline_rows(corpus.stories), graph.TIMELINE_COLUMNS),
    }[table]()
    if format == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(row[k]) for k in columns})


@app.command()
def schema() -> None:
    """Print the JSON Schema of `rashomon read --format jsonl` objects.

    Example: rashomon schema > reading.schema.json
    """
    from rashomon.knowledge import data_path

    sys.stdout.write(data_path("schemas/reading.schema.json").read_text(encoding="utf-8"))


def main(argv: Iterable[str] | None = None) -> None:
    """Console-script entry point."""
    app(args=list(argv) if argv is not None else None)


if __name__ == "__main__":
    main()
