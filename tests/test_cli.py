"""The ``rashomon`` command: formats, failures and exit codes, stdin, --out, settings errors, demo, schema.

Most tests run the Typer app in-process (``CliRunner``: the model loads once for the module); two run the
installed console script in a subprocess, end to end. Fixtures under tests/data/cli/ are written for
the project (fictional outlets, people and places).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import MODEL
from rashomon.cli import FORMATS, app
from rashomon.knowledge import data_path
from rashomon.settings import SETTINGS

pytestmark = pytest.mark.model

CLI_DATA = Path(__file__).resolve().parent / "data" / "cli"
ARTICLES = CLI_DATA / "articles"
BRIDGE = ARTICLES / "bridge_vote.txt"
BRIEFS = ARTICLES / "two_briefs.jsonl"
EMPTY = ARTICLES / "empty.txt"
FRENCH = ARTICLES / "marche_fr.txt"
MISSING = ARTICLES / "no_such_article.txt"


def cli_env(**extra: str) -> dict[str, str | None]:
    """Environment for one CliRunner call: no RASHOMON_* from the caller's shell, the test model."""
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("RASHOMON_")}
    env["RASHOMON_MODEL"] = MODEL
    env["COLUMNS"] = "200"  # tables wide enough that a quote stays on one line
    env.update(extra)
    return env


def invoke(*args: str, input: str | None = None, **env: str):
    return CliRunner().invoke(app, [str(a) for a in args], input=input, env=cli_env(**env))


def run_script(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    """The installed ``rashomon`` script (or ``python -m rashomon.cli``) in a subprocess."""
    script = Path(sys.executable).with_name("rashomon")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "rashomon.cli"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("RASHOMON_")}
    env["RASHOMON_MODEL"] = MODEL
    return subprocess.run(command + [str(a) for a in args], input=input, capture_output=True, text=True,
                          env=env, timeout=120)


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def squash(text: str) -> str:
    return " ".join(text.split())


def spans_of(obj: dict) -> list[tuple[str, dict]]:
    """Every item of a reading's JSON form that carries offsets into ``text``."""
    items: list[tuple[str, dict]] = []
    for entity in obj["entities"]:
        items += [("mention", m) for m in entity["mentions"]] + [("role", r) for r in entity["roles"]]
    items += [("description", d) for d in obj["descriptions"]]
    items += [("quote", q) for q in obj["quotes"]]
    items += [("speaker", q["speaker"]) for q in obj["quotes"] if q["speaker"].get("start") is not None]
    items += [("time", t) for t in obj["times"]] + [("term", t) for t in obj["terms"]]
    return items


def check_reading_json(obj: dict, validator: jsonschema.protocols.Validator, original: str | None = None) -> None:
    """Valid against the schema; every offset indexes ``text``; ``removed`` offsets index ``original``."""
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(obj)]
    assert not errors, errors[:5]
    text = obj["text"]
    for kind, item in spans_of(obj):
        assert 0 <= item["start"] <= item["end"] <= len(text), (kind, item)
        assert squash(text[item["start"]:item["end"]]) == squash(item["text"]), (kind, item)
    if original is not None:
        for piece in obj["removed"]:
            # A removed line broken by the print layout ("Russian-\nUkrainian") is stored joined:
            # compare without white space.
            got = original[piece["start"]:piece["end"]]
            assert "".join(got.split()) == "".join(piece["text"].split()), piece


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(data_path("schemas/reading.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def bridge_batch():
    """``rashomon read bridge_vote.txt two_briefs.jsonl`` (jsonl, the default format)."""
    result = invoke("read", BRIDGE, BRIEFS)
    assert result.exit_code == 0, result.stderr
    return result


# --- jsonl -------------------------------------------------------------------------------------------

def test_jsonl_prints_one_valid_object_per_article(bridge_batch, validator):
    objects = jsonl(bridge_batch.stdout)
    assert [o["id"] for o in objects] == ["bridge_vote", "vc-1", "vc-2"]
    original = BRIDGE.read_text(encoding="utf-8")
    check_reading_json(objects[0], validator, original)
    for obj in objects[1:]:
        check_reading_json(obj, validator)
    assert bridge_batch.stderr == ""


def test_jsonl_object_has_the_required_keys_and_what_was_read(bridge_batch, validator):
    bridge = jsonl(bridge_batch.stdout)[0]
    assert set(validator.schema["required"]) <= set(bridge)
    assert bridge["title"] == "Lakemont Council Approves Toll-Free Bridge After Heated Session"
    assert bridge["published"] == "2024-10-07"
    assert {r["kind"] for r in bridge["removed"]} >= {"title", "dateline", "footer"}
    assert "valleycourier.example" not in bridge["text"]  # the footer URL left the body
    people = {e["name"] for e in bridge["entities"] if e["type"] == "PERSON"}
    assert {"Adaeze Okafor", "Petra Lindqvist"} <= people
    direct = [q for q in bridge["quotes"] if q["kind"] == "direct"]
    assert any("We listened to the people" in q["text"] for q in direct)
    assert any(t["value"] == "2024-11-01" for t in bridge["times"])


def test_seeds_through_the_cli_are_valid(seed_paths, validator):
    if not seed_paths:
        pytest.skip("no seed articles (*.txt) in ../shared/seeds")
    result = invoke("read", *seed_paths.values())
    assert result.exit_code == 0, result.stderr
    objects = jsonl(result.stdout)
    assert [o["id"] for o in objects] == list(seed_paths)
    for obj, path in zip(objects, seed_paths.values()):
        check_reading_json(obj, validator, path.read_text(encoding="utf-8"))
        assert obj["entities"] and obj["quotes"], obj["id"]


# --- json and table ----------------------------------------------------------------------------------

def test_json_format_prints_one_list(validator):
    result = invoke("read", BRIEFS, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and [o["id"] for o in data] == ["vc-1", "vc-2"]
    for obj in data:
        check_reading_json(obj, validator)


def test_table_format_shows_title_people_and_quotes():
    result = invoke("read", BRIDGE, "-f", "table")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Lakemont Council Approves Toll-Free Bridge" in out
    assert "People" in out and "Adaeze Okafor" in out and "Petra Lindqvist" in out
    assert "Who said what" in out and "We listened to the people" in out
    assert "2024-11-01" in out
    assert not out.lstrip().startswith(("{", "["))


def test_table_shows_brackets_in_article_text_literally():
    """Article text is never read as rich markup: "[of Lakemont]" stays, "[/x]" does not crash."""
    text = ("Toll Vote Delayed in Lakemont [/x]\n\nMayor Adaeze Okafor said on Monday that \"the council "
            "[of Lakemont] will vote again next week,\" adding that commuters deserved an answer soon.\n")
    result = invoke("read", "-", "--format", "table", input=text)
    assert result.exit_code == 0, result.stderr
    assert "[/x]" in result.stdout
    assert "the council [of Lakemont] will vote again next week" in result.stdout


def test_failure_line_shows_brackets_in_a_path(tmp_path):
    missing = tmp_path / "draft[/x].txt"
    result = invoke("read", missing)
    assert result.exit_code == 1
    assert f"{missing}: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error_listing_the_formats():
    result = invoke("read", BRIDGE, "--format", "yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error[E041]") and "'yaml'" in lines[0]
    assert all(f in lines[0] for f in FORMATS)
    assert "Traceback" not in result.stderr


# --- failures, stdin: the installed script end to end ------------------------------------------------

def test_script_reads_stdin_and_reports_failures_one_line_each():
    """End to end: the good input's JSON on stdout, one line per failure on stderr, exit status 1."""
    proc = run_script("read", MISSING, "-", EMPTY, input=BRIDGE.read_text(encoding="utf-8"))
    assert proc.returncode == 1, proc.stderr
    [obj] = jsonl(proc.stdout)
    assert obj["id"].startswith("stdin-") and obj["source"]["path"] == "-"
    assert obj["title"].startswith("Lakemont Council Approves")
    assert any(e["name"] == "Adaeze Okafor" for e in obj["entities"])
    lines = proc.stderr.strip().splitlines()
    assert lines == [f"failed: {MISSING}: no such file or directory",
                     f"failed: {EMPTY}: empty: no text to read",
                     "2 input(s) could not be read."], proc.stderr


def test_all_inputs_read_exits_0_with_nothing_on_stderr(bridge_batch):
    assert bridge_batch.exit_code == 0 and bridge_batch.stderr == ""


def test_a_language_without_a_model_is_read_not_refused(tmp_path):
    dutch = tmp_path / "brug_nl.txt"
    dutch.write_text("De nieuwe brug over de Maas in Maastricht is woensdag geopend. Burgemeester Anke de Vries "
                     "sprak van een belangrijke dag voor de stad en haar inwoners.\n", encoding="utf-8")
    result = invoke("read", str(dutch), FRENCH, BRIEFS)
    assert result.exit_code == 0 and result.stderr == ""
    assert [(o["id"], o["language"], o["tier"]) for o in jsonl(result.stdout)] == [
        ("brug_nl", "nl", "lexicon"), ("marche_fr", "fr", "model"), ("vc-1", "en", "model"), ("vc-2", "en", "model")]


def test_directory_is_read_in_sorted_order():
    result = invoke("read", ARTICLES)
    assert result.exit_code == 1
    assert [o["id"] for o in jsonl(result.stdout)] == ["bridge_vote", "marche_fr", "vc-1", "vc-2"]
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert [line.split(": ")[1] for line in failed] == [str(EMPTY)]


# --- --out -------------------------------------------------------------------------------------------

def test_out_writes_the_file_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "readings.jsonl"
    first = invoke("read", BRIEFS, "--out", out)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    assert [o["id"] for o in jsonl(out.read_text(encoding="utf-8"))] == ["vc-1", "vc-2"]

    out.write_text("keep me\n", encoding="utf-8")
    refused = invoke("read", BRIEFS, "-o", out)
    assert refused.exit_code == 2
    assert refused.stderr.startswith("error[E040]") and str(out) in refused.stderr and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"

    forced = invoke("read", BRIEFS, "--out", out, "--force", "--format", "json")
    assert forced.exit_code == 0, forced.stderr
    assert [o["id"] for o in json.loads(out.read_text(encoding="utf-8"))] == ["vc-1", "vc-2"]


def test_out_left_absent_when_the_model_fails(tmp_path):
    out = tmp_path / "readings.jsonl"
    result = invoke("read", BRIEFS, "--out", out, RASHOMON_MODEL="no_such_model")
    assert result.exit_code == 2
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_table_to_out_file(tmp_path):
    out = tmp_path / "readings.txt"
    result = invoke("read", BRIDGE, "--format", "table", "--out", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "Adaeze Okafor" in text and "\x1b[" not in text  # no terminal colour codes in a file


# --- settings through the CLI ------------------------------------------------------------------------

def test_outlets_map_names_the_outlet():
    plain = jsonl(invoke("read", BRIDGE).stdout)[0]
    assert plain["source"]["outlet"] == "valleycourier.example"
    mapped = jsonl(invoke("read", BRIDGE, "--outlets", CLI_DATA / "outlets.yaml").stdout)[0]
    assert mapped["source"]["outlet"] == "The Valley Courier"
    assert mapped["metadata_evidence"]["outlet"].startswith("outlet_map: valleycourier.example")


def one_error_line(result, code: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error[{code}]: "), result.stderr
    return lines[0]


def test_unknown_setting_in_config_names_it_and_lists_valid_ones():
    line = one_error_line(invoke("read", BRIDGE, "--config", CLI_DATA / "unknown_setting.yaml"), "E002")
    assert "batch_sise" in line and "unknown_setting.yaml" in line
    assert all(s.name in line for s in SETTINGS)


def test_non_integer_env_variable_is_e003():
    line = one_error_line(invoke("read", BRIDGE, RASHOMON_BATCH_SIZE="abc"), "E003")
    assert "RASHOMON_BATCH_SIZE" in line and "'abc'" in line


def test_non_integer_in_config_file_is_e003_not_a_traceback(tmp_path):
    config = tmp_path / "settings.yaml"
    config.write_text("batch_size: abc\n", encoding="utf-8")
    line = one_error_line(invoke("read", BRIDGE, "--config", config), "E003")
    assert "batch_size" in line and str(config) in line


def test_missing_model_is_e010_with_a_fix():
    line = one_error_line(invoke("read", BRIDGE, RASHOMON_MODEL="no_such_model"), "E010")
    assert "'no_such_model'" in line
    assert "make setup" in line and "RASHOMON_MODEL" in line
    assert ".." not in line


def test_model_flag_overrides_the_environment():
    line = one_error_line(invoke("read", BRIDGE, "--model", "no_such_flag_model"), "E010")
    assert "'no_such_flag_model'" in line


# --- help, demo, schema ------------------------------------------------------------------------------

def test_every_read_option_is_in_its_help():
    import typer.main

    command = typer.main.get_command(app).commands["read"]
    result = invoke("read", "--help")
    assert result.exit_code == 0
    helptext = " ".join(result.stdout.split())
    options = [p for p in command.params if p.param_type_name == "option"]
    assert {o.name for o in options} >= {"format", "out", "force", "model", "outlets", "config"}
    for option in options:
        assert all(opt in helptext for opt in option.opts), option.opts
        assert option.help and " ".join(option.help.split()) in helptext, option.name
    assert "Example: rashomon read" in helptext


@pytest.mark.parametrize("command", ["read", "demo", "schema"])
def test_every_command_shows_an_example(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert f"Example: rashomon {command}" in result.stdout


def test_demo_analyses_the_bundled_corpus(tmp_path):
    out = tmp_path / "demo"
    result = invoke("demo", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    summary = " ".join(result.stdout.split())
    assert "22 articles from 18 outlets" in summary and "conflicts found" in summary
    assert (out / "report.html").exists() and (out / "analysis.json").exists()
    again = invoke("demo", "--out", str(out))
    assert again.exit_code == 2 and "E040" in again.stderr  # never overwrites without --force
    assert invoke("demo", "--out", str(out), "--force").exit_code == 0


def test_analyze_writes_report_files_and_summary(tmp_path):
    out = tmp_path / "report"
    result = invoke("analyze", str(ARTICLES / "bridge_vote.txt"), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert {p.name for p in out.iterdir()} >= {"report.html", "analysis.json", "facets.jsonl", "facets.csv"}
    assert "1 article from 1 outlet" in " ".join(result.stdout.split())


def test_schema_command_prints_a_valid_json_schema():
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == json.loads(data_path("schemas/reading.schema.json").read_text(encoding="utf-8"))


def test_no_arguments_prints_usage():
    result = invoke()
    assert "Usage: " in result.output and "Traceback" not in result.output
    assert all(name in result.output for name in ("read", "demo", "schema"))


def test_skipped_page_assets_are_counted_on_stderr(tmp_path):
    (tmp_path / "page.txt").write_text("Ferry crews return\n\nCrews of the ferry line returned to work in Varna on "
                                       "Tuesday after a three-day strike, the union said.\n", encoding="utf-8")
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "app.js").write_text("var x = 1;", encoding="utf-8")
    (tmp_path / "style.css").write_text("p { color: red }", encoding="utf-8")
    result = invoke("read", str(tmp_path))
    assert result.exit_code == 0 and [o["id"] for o in jsonl(result.stdout)] == ["page"]
    assert "skipped: 2 page asset file (scripts, styles, images, fonts of saved pages)" in result.stderr


def test_out_refuses_anything_but_a_regular_file_or_folder(tmp_path):
    """--out /dev/null or a folder is refused before anything is read; the device is never replaced."""
    refused = invoke("read", BRIEFS, "--out", "/dev/null", "--force")
    assert refused.exit_code == 2 and refused.stderr.startswith("error[E046]") and "a device" in refused.stderr
    assert Path("/dev/null").is_char_device()
    folder = invoke("read", BRIEFS, "--out", str(tmp_path), "--force")
    assert folder.exit_code == 2 and "is a folder, not a regular file" in folder.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    not_folder = invoke("analyze", BRIEFS, "--out", str(tmp_path / "file"))
    assert not_folder.exit_code == 2 and "not a folder" in not_folder.stderr


def test_analyze_overwrites_none_of_its_outputs_without_force(tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    (out / "facets.csv").write_text("a user's own table\n", encoding="utf-8")
    result = invoke("analyze", str(BRIDGE), "--out", str(out))
    assert result.exit_code == 2 and "facets.csv exists" in result.stderr
    assert [p.name for p in out.iterdir()] == ["facets.csv"]
    assert (out / "facets.csv").read_text(encoding="utf-8") == "a user's own table\n"


def test_nothing_read_writes_no_report(tmp_path):
    out = tmp_path / "report"
    result = invoke("analyze", str(EMPTY), str(MISSING), "--out", str(out))
    assert result.exit_code == 2 and "error[E048]: nothing could be read (2 input(s) failed)" in result.stderr
    assert result.stderr.count("failed:") == 2 and (not out.exists() or list(out.iterdir()) == [])


def test_an_interrupted_analysis_leaves_no_output_that_looks_complete(tmp_path, monkeypatch):
    import rashomon.report.html as html

    def broken(analysis, out_dir):
        (Path(out_dir) / "report.html").write_text("<html>half", encoding="utf-8")
        raise KeyboardInterrupt  # a kill in the middle of writing the report

    monkeypatch.setattr(html, "write_report", broken)
    out = tmp_path / "report"
    invoke("analyze", str(BRIDGE), "--out", str(out))
    assert list(out.iterdir()) == []  # neither the data nor a half report; no staging folder left
    monkeypatch.undo()
    assert invoke("analyze", str(BRIDGE), "--out", str(out)).exit_code == 0  # nothing blocks the next run


def test_a_bad_terms_file_fails_before_any_input_is_read(tmp_path):
    terms = tmp_path / "terms.yaml"
    terms.write_text("concepts:\n  occupation: [a, b]\n", encoding="utf-8")
    result = invoke("analyze", str(BRIDGE), "--terms", str(terms), "--out", str(tmp_path / "out"),
                    RASHOMON_MODEL="no_such_model")  # the model would fail first if inputs were read
    assert result.exit_code == 2 and result.stderr.startswith("error[E001]") and "occupation" in result.stderr


def test_terminal_escapes_in_text_and_file_names_are_neutralised(tmp_path):
    name = tmp_path / "evil\x1b]0;pwned\x07.txt"
    name.write_text("", encoding="utf-8")
    article = tmp_path / "escape.txt"
    article.write_text("Harbour \x1b[2Jpier closed\n\nThe \x1b[31mharbour authority closed the northern pier on "
                       "Tuesday after a storm, a spokeswoman said.\n", encoding="utf-8")
    result = invoke("read", str(name), str(article), "--format", "table")
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr and "\\x1b]0;pwned\\x07" in result.stderr
    assert "northern pier" in result.stdout


def test_a_closed_or_full_standard_output_ends_without_a_traceback():
    script = Path(sys.executable).with_name("rashomon")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RASHOMON_")} | {"RASHOMON_MODEL": MODEL}
    with open("/dev/full", "w") as full:
        result = subprocess.run([str(script), "read", str(BRIEFS)], stdout=full, stderr=subprocess.PIPE, text=True,
                                env=env, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot write standard output: no space left on device" in result.stderr
    closed = subprocess.Popen([str(script), "read", str(BRIEFS), str(BRIEFS)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    closed.stdout.close()  # like `| head -0`
    assert "Traceback" not in closed.stderr.read()
    closed.wait(timeout=120)
