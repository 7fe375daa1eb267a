"""Reads of the store, for the web app, search and exports: plain functions over a connection that
return records or dicts (never rows), so that a page and its JSON twin share one source."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, desc, func, select, text

from rashomon.records import Analysis, CorpusEntity, Reading, Story
from rashomon.store import codec, tables
from rashomon.store.db import chunked, fold, readings_of

STORY_ORDERS = {
    "newest": (desc(tables.stories.c.last_published), tables.stories.c.id),
    "sources": (desc(tables.stories.c.n_sources), desc(tables.stories.c.n_articles), tables.stories.c.id),
    "conflicts": (desc(tables.stories.c.n_conflicts), desc(tables.stories.c.n_sources), tables.stories.c.id),
}
STORY_COLUMNS = ("id", "title", "first_published", "last_published", "n_articles", "n_sources", "n_conflicts")


def story_list(connection: Connection, order: str = "newest", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """One page of stories in ``order`` (newest, sources, conflicts), with the total."""
    columns = [tables.stories.c[name] for name in STORY_COLUMNS]
    rows = connection.execute(select(*columns).order_by(*STORY_ORDERS[order]).limit(limit).offset(offset))
    total = connection.execute(select(func.count()).select_from(tables.stories)).scalar_one()
    return {"total": total, "order": order, "limit": limit, "offset": offset,
            "stories": [dict(row._mapping) for row in rows]}


def story_analysis(connection: Connection, story_id: str) -> Analysis | None:
    """The Analysis of one story (its readings, entities, events and comparison), as the report
    renders it; None when there is no such story."""
    row = connection.execute(select(tables.stories.c.record, tables.stories.c.events)
                             .where(tables.stories.c.id == story_id)).first()
    if row is None:
        return None
    story = codec.story(row.record)
    readings = readings_of(connection, story.articles)
    return Analysis(readings=[readings[a] for a in story.articles if a in readings],
                    entities=entities_in(connection, story.articles), stories=[story],
                    events=codec.events(row.events), story_of={a: story.id for a in story.articles})


def entities_in(connection: Connection, article_ids: list[str]) -> list[CorpusEntity]:
    """The entities named in these articles, each with its parts in them only (its header and those
    slices: an entity named across the archive is not read whole), ordered by id."""
    links, order = tables.entity_articles, {a: i for i, a in enumerate(article_ids)}
    slices: dict[str, list[tuple[int, bytes]]] = {}
    for part in chunked(article_ids):
        for row in connection.execute(select(links.c.entity_id, links.c.article_id, links.c.record)
                                      .where(links.c.article_id.in_(part))):
            if row.record is not None:
                slices.setdefault(row.entity_id, []).append((order[row.article_id], row.record))
    return assemble(connection, slices)


def assemble(connection: Connection, slices: dict[str, list[tuple[int, bytes]]]) -> list[CorpusEntity]:
    """Entities from their headers and the given (order, slice) pairs, ordered by id."""
    out = []
    for part in chunked(sorted(slices)):
        for row in connection.execute(select(tables.entities.c.id, tables.entities.c.record)
                                      .where(tables.entities.c.id.in_(part))):
            out.append(codec.join_entity(row.record, [data for _, data in sorted(slices[row.id], key=lambda x: x[0])]))
    return sorted(out, key=lambda e: e.id)


def whole_entity(connection: Connection, entity_id: str) -> CorpusEntity | None:
    """An entity with all its slices, in the order its articles arrived."""
    links, a = tables.entity_articles, tables.articles
    rows = connection.execute(select(a.c.seq, links.c.record).join(a, a.c.id == links.c.article_id)
                              .where(links.c.entity_id == entity_id))
    found = assemble(connection, {entity_id: [(r.seq, r.record) for r in rows if r.record is not None]})
    if not found:  # an entity with no article (none is written so; kept for safety)
        header = connection.execute(select(tables.entities.c.record).where(tables.entities.c.id == entity_id)).scalar()
        return codec.entity(header) if header is not None else None
    return found[0]


def story_json(analysis: Analysis) -> dict[str, Any]:
    """A story's JSON twin: analysis.json's form, for one story."""
    return analysis.to_json()


def article(connection: Connection, article_id: str) -> tuple[Reading, str | None] | None:
    """An article's reading and its story id, or None."""
    row = connection.execute(select(tables.articles.c.reading).where(tables.articles.c.id == article_id)).first()
    if row is None:
        return None
    story = connection.execute(select(tables.story_articles.c.story_id)
                               .where(tables.story_articles.c.article_id == article_id)).scalar()
    return codec.reading(row.reading), story


# An entity named across the archive ("Trump" in thirty thousand articles) is shown through its newest
# stories and the quotes of its newest articles; the page says how many there are in all.
ENTITY_STORIES = 200
ENTITY_ARTICLES = 100


def entity(connection: Connection, entity_id: str) -> dict[str, Any] | None:
    """An entity with its names (all of them, counted over the archive), its newest stories
    (``ENTITY_STORIES``), and its mentions, roles and quotes in its newest articles
    (``ENTITY_ARTICLES``), with the totals; None when there is no such entity. A name across the
    archive ("Trump" in 15,000 articles of 100,000) is not read whole: that page took 0.8 s and
    its JSON twin was 5 MB."""
    links, a, sa, st = tables.entity_articles, tables.articles, tables.story_articles, tables.stories
    header = connection.execute(select(tables.entities.c.record).where(tables.entities.c.id == entity_id)).scalar()
    if header is None:
        return None
    of_entity = select(links.c.article_id).where(links.c.entity_id == entity_id)
    n_articles = connection.execute(select(func.count()).select_from(of_entity.subquery())).scalar_one()
    newest = connection.execute(select(a.c.seq, a.c.id, links.c.record).join(links, links.c.article_id == a.c.id)
                                .where(links.c.entity_id == entity_id).order_by(desc(a.c.seq))
                                .limit(ENTITY_ARTICLES)).all()
    record = codec.join_entity(header, [r.record for r in sorted(newest) if r.record is not None])
    story_ids = select(sa.c.story_id).where(sa.c.article_id.in_(of_entity))
    n_stories = connection.execute(select(func.count()).select_from(st).where(st.c.id.in_(story_ids))).scalar_one()
    story_rows = connection.execute(
        select(st.c.id, st.c.title, st.c.last_published).where(st.c.id.in_(story_ids))
        .order_by(desc(st.c.last_published), st.c.id).limit(ENTITY_STORIES))
    local = {(a, local_id) for a, local_id in record.members}
    quotes = []
    for article_id, reading in sorted(readings_of(connection, [r.id for r in newest]).items()):
        for quote in reading.quotes:
            if quote.speaker.entity and (article_id, quote.speaker.entity) in local:
                quotes.append({"article": article_id, "outlet": reading.article.source.outlet,
                               "kind": quote.kind, "text": quote.text, "cue": quote.cue,
                               "start": quote.start, "end": quote.end})
    return {"entity": record.to_json(), "articles": sorted(r.id for r in newest), "articles_total": n_articles,
            "stories": [dict(r._mapping) for r in story_rows], "stories_total": n_stories,
            "quotes": quotes, "quotes_from": len(newest)}


# Query words of at least this many characters also match longer words that share all but their
# last ``TRIM`` characters: a cheap stand-in for stemming in every language (Москва finds Москвы,
# Kyiv's finds Kyiv). SQLite FTS5 has no stemmer but Porter's (English); PostgreSQL has none for
# Ukrainian, Polish or Macedonian.
STEM_LENGTH = 5
TRIM = 1
WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(query: str) -> list[list[str]]:
    """The query's words, each as the prefixes it may match in its own script and romanised."""
    terms = []
    for word in WORD.findall(query.lower()):
        forms = {word, fold(word)} - {""}
        prefixes = sorted({f[:-TRIM] if len(f) >= STEM_LENGTH else f for f in forms for f in [f] if WORD.fullmatch(f)})
        if prefixes:
            terms.append(prefixes)
    return terms


def search(connection: Connection, query: str, *, outlet: str | None = None, language: str | None = None,
           since: str | None = None, until: str | None = None, entity_id: str | None = None,
           limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Articles matching every word of ``query`` (across scripts and inflections) or naming an
    entity one of whose aliases is the query, newest first, filtered by outlet, language, publication dates and an entity; with their stories."""
    terms = search_terms(query)
    a = tables.articles
    statement = select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.language,
                       tables.story_articles.c.story_id).outerjoin(
        tables.story_articles, tables.story_articles.c.article_id == a.c.id)
    if terms:
        # the words, or a name every script writes alike for the linker: "Varna" also finds the
        # articles that wrote Warna or فارنا, since linking made them one entity
        named = select(tables.entity_articles.c.article_id).where(tables.entity_articles.c.entity_id.in_(
            select(tables.aliases.c.entity_id).where(tables.aliases.c.folded == fold(query))))
        statement = statement.where(a.c.id.in_(matching_ids(connection, terms)) | a.c.id.in_(named))
    if outlet:
        statement = statement.where(a.c.outlet == outlet)
    if language:
        statement = statement.where(a.c.language == language)
    if since:
        statement = statement.where(a.c.published >= since)
    if until:
        statement = statement.where(a.c.published <= until)
    if entity_id:
        statement = statement.where(a.c.id.in_(select(tables.entity_articles.c.article_id)
                                               .where(tables.entity_articles.c.entity_id == entity_id)))
    total = connection.execute(select(func.count()).select_from(statement.subquery())).scalar_one()
    rows = connection.execute(statement.order_by(desc(a.c.published), a.c.seq).limit(limit).offset(offset))
    hits = [dict(row._mapping) for row in rows]
    entities = []
    if terms:
        folded = fold(query)
        entity_rows = connection.execute(
            select(tables.entities.c.id, tables.entities.c.name, tables.entities.c.type).where(
                tables.entities.c.id.in_(select(tables.aliases.c.entity_id)
                                         .where(tables.aliases.c.folded.like(f"%{escape_like(folded)}%", escape="\\"))))
            .order_by(tables.entities.c.name).limit(20))
        entities = [dict(r._mapping) for r in entity_rows]
    return {"query": query, "total": total, "limit": limit, "offset": offset, "articles": hits, "entities": entities,
            "filters": {"outlet": outlet, "language": language, "since": since, "until": until, "entity": entity_id}}


def matching_ids(connection: Connection, terms: list[list[str]]):
    """A subquery of the article ids whose text holds every term (one of its prefixes each)."""
    if connection.dialect.name == "sqlite":
        # FTS5 query syntax: each prefix quoted (no operator can be injected), OR within a term, AND between
        match = " AND ".join("(" + " OR ".join(f'"{p}"*' for p in prefixes) + ")" for prefixes in terms)
        return text("SELECT article_id FROM article_search WHERE article_search MATCH :match") \
            .bindparams(match=match).columns(article_id=tables.articles.c.id.type)
    # to_tsquery syntax: each prefix as a quoted lexeme with :* (prefix match)
    query = " & ".join("(" + " | ".join("'" + p.replace("'", "''") + "':*" for p in prefixes) + ")" for prefixes in terms)
    return text("SELECT article_id FROM article_search WHERE to_tsvector('simple', document) @@ to_tsquery('simple', :q)") \
        .bindparams(q=query).columns(article_id=tables.articles.c.id.type)


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def outlets(connection: Connection) -> list[str]:
    """The outlets of the stored articles, for the search filter."""
    column = tables.articles.c.outlet
    return list(connection.execute(select(column).where(column.is_not(None)).distinct().order_by(column)).scalars())


def corpus(connection: Connection):
    """The whole store as a ``report.graph.Corpus`` (article metadata, not texts): what exports need."""
    from rashomon.report.graph import ArticleMeta, Corpus

    a = tables.articles
    out = Corpus()
    out.articles = [ArticleMeta(r.id, r.title, r.outlet, r.published, r.language, r.url) for r in connection.execute(
        select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.language, a.c.url).order_by(a.c.seq))]
    for row in connection.execute(select(tables.stories.c.record, tables.stories.c.events)
                                  .order_by(tables.stories.c.id)):
        out.stories.append(codec.story(row.record))
        out.events.extend(codec.events(row.events))
    links = tables.entity_articles
    slices: dict[str, list[tuple[int, bytes]]] = {}
    for row in connection.execute(select(a.c.seq, links.c.entity_id, links.c.record)
                                  .join(a, a.c.id == links.c.article_id)):
        if row.record is not None:
            slices.setdefault(row.entity_id, []).append((row.seq, row.record))
    out.entities = assemble(connection, slices)
    return out
