"""Settings: each declared once, filled from defaults < file < RASHOMON_* variables < overrides; every
setting and every ``rashomon read`` option documented. No model needed."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest

from rashomon.messages import MESSAGES, RashomonError
from rashomon.settings import DEFAULTS, SETTINGS, Settings

ROOT = Path(__file__).resolve().parent.parent
CLI_DATA = Path(__file__).resolve().parent / "data" / "cli"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_each_setting_is_declared_once_with_help():
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    assert all(s.help.strip() for s in SETTINGS)
    # outlet_map is not a setting: it is what the `outlets` file holds, filled by load()
    assert {f.name for f in fields(Settings)} == set(names) | {"outlet_map"}


def test_defaults_when_nothing_is_given():
    settings = Settings.load(env={})
    assert {s.name: getattr(settings, s.name) for s in SETTINGS} == DEFAULTS
    assert settings == Settings()


def test_precedence_defaults_file_env_overrides(tmp_path):
    config = write(tmp_path / "settings.yaml", "model: from_file\nbatch_size: 4\nn_process: 3\n")
    from_file = Settings.load(config=config, env={})
    assert (from_file.model, from_file.batch_size, from_file.n_process) == ("from_file", 4, 3)
    assert from_file.default_language == DEFAULTS["default_language"]

    env = {"RASHOMON_MODEL": "from_env", "RASHOMON_BATCH_SIZE": "8"}
    from_env = Settings.load(config=config, env=env)
    assert (from_env.model, from_env.batch_size, from_env.n_process) == ("from_env", 8, 3)

    flags = Settings.load(config=config, env=env, model="from_flag", outlets=None)
    assert (flags.model, flags.batch_size, flags.n_process) == ("from_flag", 8, 3)
    assert flags.outlets is None  # an override of None (a flag not given) changes nothing


def test_environment_is_read_by_default(monkeypatch):
    monkeypatch.setenv("RASHOMON_DEFAULT_LANGUAGE", "ru")
    monkeypatch.setenv("RASHOMON_N_PROCESS", " 2 ")
    settings = Settings.load()
    assert settings.default_language == "ru" and settings.n_process == 2


def test_json_settings_file(tmp_path):
    config = write(tmp_path / "settings.json", json.dumps({"batch_size": 32, "default_language": "fr"}))
    settings = Settings.load(config=config, env={})
    assert settings.batch_size == 32 and settings.default_language == "fr"


def test_unknown_setting_in_file_is_e002_naming_it_and_listing_valid_ones():
    config = CLI_DATA / "unknown_setting.yaml"
    with pytest.raises(RashomonError) as info:
        Settings.load(config=config, env={})
    assert info.value.code == "E002"
    message = str(info.value)
    assert "batch_sise" in message and str(config) in message
    assert "valid settings are: " + ", ".join(s.name for s in SETTINGS) in message


@pytest.mark.parametrize("where", ["file", "override"])
def test_outlet_map_is_not_a_setting(tmp_path, where):
    """Only declared settings are accepted; the map is given through the `outlets` file."""
    with pytest.raises(RashomonError) as info:
        if where == "file":
            Settings.load(config=write(tmp_path / "s.yaml", "outlet_map: {a.example: A}\n"), env={})
        else:
            Settings.load(env={}, outlet_map={"a.example": "A"})
    assert info.value.code == "E002" and "outlet_map" in str(info.value)


def test_unknown_override_is_e002():
    with pytest.raises(RashomonError, match=r"E002.*batchsize in overrides"):
        Settings.load(env={}, batchsize=3)


@pytest.mark.parametrize("env, name", [({"RASHOMON_BATCH_SIZE": "abc"}, "RASHOMON_BATCH_SIZE"),
                                       ({"RASHOMON_N_PROCESS": "1.5"}, "RASHOMON_N_PROCESS")])
def test_non_integer_env_is_e003(env, name):
    with pytest.raises(RashomonError) as info:
        Settings.load(env=env)
    assert info.value.code == "E003"
    assert str(info.value).startswith(f"error[E003]: {name}=")
    assert "the environment" in str(info.value) and "whole number" in str(info.value)


@pytest.mark.parametrize("value", ["abc", "2.5", "true", "[1, 2]"])
def test_non_integer_in_file_is_e003(tmp_path, value):
    config = write(tmp_path / "settings.yaml", f"batch_size: {value}\n")
    with pytest.raises(RashomonError) as info:
        Settings.load(config=config, env={})
    assert info.value.code == "E003" and "batch_size" in str(info.value) and str(config) in str(info.value)


def test_integer_given_as_text_in_a_file_is_accepted(tmp_path):
    config = write(tmp_path / "settings.yaml", "batch_size: '12'\n")
    assert Settings.load(config=config, env={}).batch_size == 12


@pytest.mark.parametrize("content, reason", [(None, "No such file"),
                                             ("model: [unclosed\n", "not valid YAML/JSON"),
                                             ("- a list\n- not a mapping\n", "expected a mapping")],
                         ids=["missing", "invalid", "not-a-mapping"])
def test_unreadable_settings_file_is_e001(tmp_path, content, reason):
    config = tmp_path / "settings.yaml"
    if content is not None:
        write(config, content)
    with pytest.raises(RashomonError) as info:
        Settings.load(config=config, env={})
    assert info.value.code == "E001" and str(config) in str(info.value) and reason in str(info.value)
    assert ".." not in str(info.value)


def test_outlets_file_fills_the_outlet_map_lower_cased(tmp_path):
    outlets = write(tmp_path / "outlets.yaml", "ValleyCourier.example: The Valley Courier\n")
    settings = Settings.load(env={"RASHOMON_OUTLETS": str(outlets)})
    assert settings.outlets == str(outlets)
    assert settings.outlet_map == {"valleycourier.example": "The Valley Courier"}


def test_every_message_code_is_unique_and_one_line():
    assert all(re.fullmatch(r"E\d{3}", code) for code in MESSAGES)
    assert all("\n" not in text for text in MESSAGES.values())


# --- documentation -----------------------------------------------------------------------------------

def settings_docs() -> str:
    """docs/settings.md when it exists, else the "Settings" section of README.md; skip when neither."""
    page = ROOT / "docs" / "settings.md"
    if page.exists():
        return page.read_text(encoding="utf-8")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    match = re.search(r"^##+ *(Settings|Configuration)\b.*?(?=^## )|^##+ *(Settings|Configuration)\b.*",
                      text, flags=re.M | re.S)
    if not match:
        pytest.skip("neither docs/settings.md nor a '## Settings' section in README.md exists yet")
    return match.group(0)


def test_every_setting_is_documented():
    docs = settings_docs()
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in docs]
    assert not missing, f"settings not documented: {missing}"
    assert "RASHOMON_" in docs and "--config" in docs


def test_every_read_option_is_in_the_readme():
    import typer.main

    from rashomon.cli import app

    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("README.md is absent")
    text = readme.read_text(encoding="utf-8")
    command = typer.main.get_command(app).commands["read"]
    options = [p for p in command.params if p.param_type_name == "option"]
    missing = [o.opts[0] for o in options if o.opts[0] not in text]
    assert not missing, f"`rashomon read` options not in README.md: {missing}"


def test_story_threshold_is_a_number_between_zero_and_one(tmp_path):
    from rashomon.messages import RashomonError
    from rashomon.settings import Settings

    assert Settings.load(env={"RASHOMON_STORY_THRESHOLD": "0.45"}).story_threshold == 0.45
    for bad in ("high", "1.5", "-0.1"):
        with pytest.raises(RashomonError) as caught:
            Settings.load(env={"RASHOMON_STORY_THRESHOLD": bad})
        assert caught.value.code == "E004"


def test_a_lower_story_threshold_never_gives_more_stories(seeds_dir):
    import rashomon
    from rashomon.analysis import analyze_readings
    from rashomon.settings import Settings

    readings = [rashomon.read(p) for p in sorted(seeds_dir.glob("*.txt"))]
    strict = analyze_readings(readings, settings=Settings.load(env={}, story_threshold=0.99))
    loose = analyze_readings(readings, settings=Settings.load(env={}, story_threshold=0.30))
    assert len(strict.stories) == 2 and len(loose.stories) == 1
