"""The ``rashomon`` command: a thin layer over the Python API.

Each command validates its options, calls an importable function, and reports failures as one line
each on stderr. Exit status: 0 when every input was read, 1 when some input failed, 2 for a usage or
configuration error.
"""

from __future__ import annotations

import json
import sys
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
err = Console(stderr=True, highlight=False)
FORMATS = ("jsonl", "json", "table")
EXIT_FAILED_INPUTS = 1
EXIT_USAGE = 2


def load_settings(config: Optional[Path], model: Optional[str], outlets: Optional[Path]) -> Settings:
    """Settings from defaults, the config file, RASHOMON_* variables and the flags."""
    return Settings.load(config=config, model=model, outlets=str(outlets) if outlets else None)


def with_progress(items: Iterator, label: str) -> Iterator:
    """Wrap an iterator in a progress bar on stderr when stderr is a terminal."""
    if not err.is_terminal:
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task(label, total=None)
        for item in items:
            progress.advance(task)
            yield item


def report_failure(failure: Failure) -> None:
    """One line on stderr for an input that could not be read."""
    err.print(f"[bold red]failed[/]: {escape(str(failure))}", markup=True, soft_wrap=True)


@app.command()
def read(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    format: str = typer.Option("jsonl", "--format", "-f", help="Output: jsonl (one object per article), json, table."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file instead of standard output."),
    force: bool = typer.Option(False, "--force", help="Overwrite --out if it exists."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default en_core_web_md; RASHOMON_MODEL)."),
    outlets: Optional[Path] = typer.Option(None, "--outlets", help="YAML/JSON mapping of domain -> outlet name."),
    config: Optional[Path] = typer.Option(None, "--config", help="Settings file (YAML or JSON)."),
) -> None:
    """Read articles: clean text, metadata, people and roles, quotes, times.

    Example: rashomon read article.txt page.html print.pdf --format table
    """
    try:
        if format not in FORMATS:
            raise RashomonError("E041", value=format, valid=", ".join(FORMATS))
        if out is not None and out.exists() and not force:
            raise RashomonError("E040", path=str(out))
        settings = load_settings(config, model, outlets)
        failed = run_read(paths, settings, format, out)
    except RashomonError as exc:
        err.print(str(exc), markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    note_assets(paths)
    if failed:
        err.print(f"{failed} input(s) could not be read.", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_FAILED_INPUTS)


def note_assets(paths: list[str]) -> None:
    """Say on stderr how many files of saved pages were skipped as assets (never silently)."""
    from rashomon.ingest import count_page_assets

    skipped = count_page_assets(paths)
    if skipped:
        err.print(f"{skipped} page asset file(s) skipped (scripts, styles, images, fonts of saved pages).",
                  markup=False, soft_wrap=True)


def run_read(paths: list[str], settings: Settings, format: str, out: Path | None) -> int:
    """Read ``paths`` and write the readings in ``format``; return how many inputs failed.

    ``out`` is written through a ``.part`` file renamed at the end, so that an error (a model that
    does not load) leaves no empty or half-written ``out`` behind to block the next run.
    """
    from rashomon.api import read_many

    part = out.with_name(out.name + ".part") if out else None
    stream = part.open("w", encoding="utf-8") if part else sys.stdout
    failed = 0
    done = False
    readings = []
    try:
        for item in with_progress(read_many(paths, settings), "reading"):
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

            print_readings(readings, Console(file=stream, highlight=False, width=None if out is None else 120))
        done = True
    finally:
        if part:
            stream.close()
            if done:
                part.replace(out)
            else:
                part.unlink(missing_ok=True)
    return failed


@app.command()
def analyze(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    out: Path = typer.Option(Path("rashomon-report"), "--out", "-o", help="Folder for analysis.json and report.html."),
    force: bool = typer.Option(False, "--force", help="Overwrite the report files if they exist."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default en_core_web_md; RASHOMON_MODEL)."),
    outlets: Optional[Path] = typer.Option(None, "--outlets", help="YAML/JSON mapping of domain -> outlet name."),
    terms: Optional[Path] = typer.Option(None, "--terms", help="YAML of contested terms extending the bundled lexicon."),
    config: Optional[Path] = typer.Option(None, "--config", help="Settings file (YAML or JSON)."),
) -> None:
    """Read, link and compare articles: stories, facts side by side, framing, voices, timeline.

    Writes OUT/report.html, OUT/analysis.json, OUT/facets.jsonl and OUT/facets.csv, and prints a summary.
    Example: rashomon analyze reports/ --out out/
    """
    try:
        targets = [out / "analysis.json", out / "report.html"]
        existing = [t for t in targets if t.exists()]
        if existing and not force:
            raise RashomonError("E040", path=str(existing[0]))
        settings = Settings.load(config=config, model=model, outlets=str(outlets) if outlets else None,
                                 contested_terms=str(terms) if terms else None)
        analysis = run_analyze(paths, settings, out)
    except RashomonError as exc:
        err.print(str(exc), markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    print_summary(analysis, out)
    note_assets(paths)
    if analysis.failures:
        raise typer.Exit(EXIT_FAILED_INPUTS)


def run_analyze(paths: list[str], settings: Settings, out: Path):
    """Read ``paths`` (with a progress bar), link and compare, write the report files; return the Analysis."""
    from rashomon.analysis import analyze_readings
    from rashomon.api import read_many
    from rashomon.report.export import write_exports
    from rashomon.report.html import write_report

    readings, failures = [], []
    for item in with_progress(read_many(paths, settings), "reading"):
        if isinstance(item, Failure):
            failures.append(item)
            report_failure(item)
        else:
            readings.append(item)
    analysis = analyze_readings(readings, failures, settings)
    write_exports(analysis, out)
    write_report(analysis, out)
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
        print(f"  {story.id} {story.title!r}: {len(story.articles)} articles, "
              + ", ".join(f"{verdicts.count(v)} {v}" for v in ("agree", "compatible", "conflict", "single")))
    print(f"Report: {out / 'report.html'}  Data: {out / 'analysis.json'}")


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
    err.print(f"Analysing the bundled demo corpus {corpus} (described in {data_path('demo/CORPUS.md')}) ...",
              markup=False, soft_wrap=True)
    analyze([str(corpus)], out=out, force=force, model=model, outlets=None, terms=None, config=None)


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
