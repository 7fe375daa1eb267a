"""The lexicon loaders and the one rule by which a user's file extends a packaged lexicon."""

from __future__ import annotations

import copy

from rashomon.knowledge.lexicons import (boilerplate_phrases, credit_markers, fold, load_lines,
                                         load_sections, load_table, load_time_phrases, load_words, load_yaml,
                                         merge_lexicon, read_yaml)

PACKAGED = {"concepts": {"kyiv": {"note": "spelling", "variants": {"Kyiv": ["kyiv"], "Kiev": ["kiev"]}},
                         "war": {"variants": {"war": ["war"]}}},
            "cues": {"distancing": ["so called"]}}


# --- merge_lexicon ---------------------------------------------------------------------------------

def test_a_user_mapping_extends_ours_key_by_key_at_every_depth():
    user = {"concepts": {"kyiv": {"variants": {"Kiev": ["kiev", "kieff"]}}, "fruit": {"variants": {"a": ["b"]}}}}
    merged = merge_lexicon(PACKAGED, user)
    assert list(merged["concepts"]) == ["kyiv", "war", "fruit"]  # ours keep their order, new keys follow
    assert merged["concepts"]["kyiv"] == {"note": "spelling", "variants": {"Kyiv": ["kyiv"], "Kiev": ["kiev", "kieff"]}}
    assert merged["cues"] == PACKAGED["cues"]


def test_a_list_or_a_string_replaces_ours():
    merged = merge_lexicon(PACKAGED, {"cues": {"distancing": ["supposed"]}, "concepts": {"kyiv": {"note": "new"}}})
    assert merged["cues"]["distancing"] == ["supposed"]
    assert merged["concepts"]["kyiv"]["note"] == "new"


def test_replace_true_replaces_ours_wholesale_at_any_depth():
    user = {"concepts": {"kyiv": {"replace": True, "variants": {"Kyiv": ["kyyiv"]}}}}
    assert merge_lexicon(PACKAGED, user)["concepts"]["kyiv"] == {"variants": {"Kyiv": ["kyyiv"]}}
    whole = merge_lexicon(PACKAGED, {"replace": True, "concepts": {"fruit": {"variants": {}}}})
    assert whole == {"concepts": {"fruit": {"variants": {}}}}


def test_a_key_set_to_null_drops_ours():
    merged = merge_lexicon(PACKAGED, {"concepts": {"war": None, "absent": None}, "cues": None})
    assert set(merged["concepts"]) == {"kyiv"} and "cues" not in merged


def test_merging_changes_neither_mapping():
    packaged, user = copy.deepcopy(PACKAGED), {"concepts": {"kyiv": {"variants": {"Kiev": None}}, "war": None}}
    before = copy.deepcopy(user)
    merge_lexicon(packaged, user)
    assert packaged == PACKAGED and user == before


def test_no_user_entries_give_ours():
    assert merge_lexicon(PACKAGED, {}) == PACKAGED


# --- the loaders -----------------------------------------------------------------------------------

def test_line_lists_and_tables_skip_comments():
    assert "mr" in load_words("honorifics.txt") and not any(w.startswith("#") for w in load_words("honorifics.txt"))
    assert load_table("institutions.tsv")["Kremlin"] == "Russia"
    assert all(line.strip() and not line.startswith("#") for line in load_lines("transliteration.tsv"))


def test_sections_are_read_in_file_order():
    sections = load_sections("speech_verbs.txt")
    assert {"verbs", "object", "phrases"} <= set(sections) and "say" in sections["verbs"]
    assert "announce" in sections["object"]


def test_a_packaged_yaml_file_is_read_once_and_each_caller_gets_its_own_copy():
    first = load_yaml("time_phrases.yaml")
    first["vague"] = None
    assert load_yaml("time_phrases.yaml")["vague"] and "recently" in load_time_phrases()["vague_index"]


def test_an_empty_yaml_file_reads_as_an_empty_mapping(tmp_path):
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    assert read_yaml(tmp_path / "empty.yaml") == {}


def test_ingest_lexicons_keep_their_order_and_case():
    phrases = boilerplate_phrases()
    assert phrases == tuple(sorted(phrases, key=len, reverse=True)) and all(p == p.lower() for p in phrases)
    assert any(marker != marker.lower() for marker in credit_markers())


def test_fold():
    assert fold("Zelens’kyy, Volodymyr") == "zelenskyy volodymyr" and fold("München") == "munchen"


def test_the_neutral_modules_import_no_stage():
    import ast
    from pathlib import Path

    import rashomon

    root = Path(rashomon.__file__).parent
    stages = ("ingest", "read", "link", "compare", "report")
    for path in [*(root / "knowledge").glob("*.py"), root / "dates.py", root / "numbers.py", root / "places.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[:2] in (["rashomon", s] for s in stages) for n in names), (path.name, names)
