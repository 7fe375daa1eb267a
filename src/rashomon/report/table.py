"""A readable terminal summary of Readings (``rashomon read --format table``).

Text from the article (titles, names, quotes) is printed as plain text, never as rich markup: a quote
with "[the minister]" in it must show the brackets, and "[/x]" must not stop the run.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.panel import Panel
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from rashomon.records import Entity, Reading

# Longest quote shown in full in the table; longer ones are cut with an ellipsis.
QUOTE_WIDTH = 110
GROUP_TYPES = (("PERSON", "People"), ("ORG", "Organisations"), ("GPE", "Places"), ("LOC", "Places"))


def print_readings(readings: list[Reading], console: Console) -> None:
    """Print one block per reading."""
    for reading in readings:
        print_reading(reading, console)


def print_reading(reading: Reading, console: Console) -> None:
    """Header, people, other entities, quotes, times, facts, removed pieces of one article."""
    a = reading.article
    removed = Counter(r.kind for r in a.removed)
    header = (f"[bold]{escape(a.title or '(no title)')}[/]\n" + escape(
              f"id {a.id} · outlet {a.source.outlet or '—'} · published {a.published or '— (not stated)'} · "
              f"language {a.language or '—'} · {len(a.text.split())} words\n"
              f"removed: {', '.join(f'{k} ×{n}' for k, n in removed.items()) or 'nothing'}"))
    console.print(Panel(header, expand=False))
    console.print(people_table(reading))
    others = [e for e in reading.entities if e.type not in {"PERSON"}]
    if others:
        console.print("[bold]Organisations and places:[/] " + escape("; ".join(
            f"{e.name} ({e.type}{', ' + e.side if e.side else ''})" for e in others)), soft_wrap=True)
    if reading.descriptions:
        console.print(descriptions_table(reading))
    if reading.quotes:
        console.print(quotes_table(reading))
    if reading.times:
        console.print(times_table(reading))
    if reading.facts:
        console.print(facts_table(reading))
    if reading.terms:
        console.print("[bold]Terms in quotation marks (not statements):[/] "
                      + escape(", ".join(t.text for t in reading.terms)))
    console.print()


def cells(*values: str) -> list[Text]:
    """Table cells that show ``values`` as they are (no rich markup)."""
    return [Text(v) for v in values]


def new_table(title: str, *columns: str) -> Table:
    """A left-titled table with plain-text columns."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    return table


def people_table(reading: Reading) -> Table:
    """People with their mentions, roles and side."""
    table = new_table("People", "name", "mentions", "roles", "side")
    for e in reading.entities:
        if e.type == "PERSON":
            table.add_row(*cells(e.name, mention_summary(e), "; ".join(dict.fromkeys(r.text for r in e.roles)),
                                 e.side or ""))
    return table


def mention_summary(entity: Entity) -> str:
    """Distinct mention texts with their kind and count ("Medinsky ×2 (alias)")."""
    counts = Counter((m.text, m.kind) for m in entity.mentions)
    return ", ".join(f"{text}{' ×' + str(n) if n > 1 else ''}{'' if kind == 'name' else ' (' + kind + ')'}"
                     for (text, kind), n in counts.items())


def descriptions_table(reading: Reading) -> Table:
    """Role-only mentions and whom they stand for."""
    names = {e.id: e.name for e in reading.entities}
    table = new_table("Described, not named", "description", "role", "side", "refers to")
    for d in reading.descriptions:
        table.add_row(*cells(d.text, d.role, d.side or "", names.get(d.entity, "") if d.entity else ""))
    return table


def quotes_table(reading: Reading) -> Table:
    """Direct quotes and reported speech with their speakers."""
    names = {e.id: e.name for e in reading.entities}
    table = new_table("Who said what", "kind", "speaker", "cue", "what")
    for q in reading.quotes:
        who = names.get(q.speaker.entity) if q.speaker.entity else None
        speaker = q.speaker.text if not who or who == q.speaker.text else f"{q.speaker.text} = {who}"
        text = " ".join(q.text.split())
        table.add_row(*cells(q.kind, speaker or "?", q.cue or "",
                             text if len(text) <= QUOTE_WIDTH else text[:QUOTE_WIDTH] + "…"))
    return table


def facts_table(reading: Reading) -> Table:
    """The typed facts: slot, value, what it covers, event, how it is stated."""
    names = {e.id: e.name for e in reading.entities}
    table = new_table("Facts", "slot", "value", "covers", "event", "stated")
    for f in reading.facts:
        kind, _, who = f.slot.partition(":")
        slot = f"{kind} {names.get(who, who)}" if who else kind
        covers = ", ".join(x for x in (f.value.role if f.value.role not in (None, "actual") else None, f.period,
                                        names.get(f.scope or "", f.scope)) if x)
        stated = f.modality + (f" by {f.asserted_by.text}" if f.asserted_by and f.asserted_by.text else "")
        text = " ".join(f.value.text.split())
        table.add_row(*cells(slot, text if len(text) <= QUOTE_WIDTH else text[:QUOTE_WIDTH] + "…", covers,
                             f.event_type or "", stated))
    return table


def times_table(reading: Reading) -> Table:
    """Time expressions with their normalised values."""
    table = new_table("When", "text", "value", "kind")
    for t in reading.times:
        value = t.value or t.partial or "—"
        if t.clock:
            value += f" {t.clock}"
        kind = t.kind + (f", {t.direction}" if t.direction else "")
        table.add_row(*cells(" ".join(t.text.split()), value, kind))
    return table
