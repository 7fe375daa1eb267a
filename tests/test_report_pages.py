"""A report of many stories: report.html becomes an index and each story gets its own page
(report.html.write_report with ``pages_from``), so that no page grows with the corpus."""

from __future__ import annotations

import re

from report_fixture import SCRIPT, make_analysis

from rashomon.report.html import write_report


def test_many_stories_give_an_index_and_one_page_each(tmp_path):
    analysis = make_analysis()
    index = write_report(analysis, tmp_path, pages_from=2)
    html = index.read_text(encoding="utf-8")
    links = re.findall(r'href="(stories/[^"]+)"', html)
    assert len(links) == len(analysis.stories) == len(set(links))
    assert all((tmp_path / link).exists() for link in links)
    for story in analysis.stories:
        page = (tmp_path / "stories" / f"{story.id}.html").read_text(encoding="utf-8")
        assert 'href="../report.html"' in page and story.title.split()[0] in page
        # each page holds its own story only
        assert all(other.title not in page for other in analysis.stories if other.id != story.id)
        assert SCRIPT not in page
    assert "<script" not in html  # the index runs no script
    assert SCRIPT not in html


def test_few_stories_stay_one_page(tmp_path):
    analysis = make_analysis()
    write_report(analysis, tmp_path, pages_from=len(analysis.stories) + 1)
    assert not (tmp_path / "stories").exists()
    assert all(s.title.split()[0] in (tmp_path / "report.html").read_text(encoding="utf-8")
               for s in analysis.stories)


def test_writing_again_replaces_the_story_pages(tmp_path):
    """analyze --force over an earlier paged report: the folder of pages is replaced whole."""
    from rashomon.outputs import staged_folder

    analysis = make_analysis()
    for _ in range(2):
        with staged_folder(tmp_path, last="report.html") as staging:
            write_report(analysis, staging, pages_from=2)
    assert sorted(p.name for p in (tmp_path / "stories").iterdir()) == sorted(f"{s.id}.html" for s in analysis.stories)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".rashomon-staging")]
