"""One settings object, each setting declared once.

A setting is declared as ``(name, default, help)`` in ``SETTINGS``. Values are filled, in order, from
the defaults, a user file (``--config FILE``, YAML or JSON), ``RASHOMON_<NAME>`` environment variables,
then explicit overrides (CLI flags). The object is passed explicitly; no module keeps constants that a
user might want to change.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rashomon.messages import RashomonError


@dataclass(frozen=True)
class Setting:
    """A declared setting."""

    name: str
    default: Any
    help: str
    low: float | None = None  # the smallest valid value of a number (inclusive)
    high: float | None = None  # the largest


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "en_core_web_md", "spaCy pipeline for English (en_core_web_md or en_core_web_sm, "
            "or a path). Installed offline by `make setup`."),
    Setting("batch_size", 64, "Articles per spaCy batch when reading (larger batches run the parser faster).",
            1, 10_000),
    Setting("n_process", 1, "Worker processes for reading (read/executor.py): 1 reads in this process; more "
            "start that many processes, each loading the models once (about 1 GB each), at most one per CPU "
            "core. Only records travel between processes; the output is the same as with 1.", 1, 64),
    Setting("max_input_bytes", 256 * 2**20, "Most bytes read from one input (a file, standard input, an "
            "archive once unpacked); a larger input fails with a clear message instead of filling memory.",
            1, 2**40),
    Setting("max_article_chars", 100_000, "Most characters of clean text read in one article (a long "
            "news feature is about 50,000); a longer text is cut at a paragraph break and the article says "
            "so (Article.removed kind \"cut\"). Reading memory grows with the tokens: spaCy's tok2vec takes "
            "about 1.6 GB for 200,000 characters of short quoted lines, so the default keeps one article "
            "under 2 GB whatever its shape.", 1_000, 10_000_000),
    Setting("max_json_depth", 64, "Deepest nesting of arrays and objects accepted in a JSON or JSONL "
            "input (an article record needs 2 or 3).", 2, 900),
    Setting("outlets", None, "YAML/JSON file mapping a domain or source name to an outlet name "
            "(e.g. `themoscowtimes.com: The Moscow Times`)."),
    Setting("default_language", "en", "Language assumed when a text is too short to identify."),
    Setting("story_threshold", 0.30, "Similarity (0-1) an article needs to join a story; lower merges more. "
            "Calibrated on the AllSides and ECB+ development sets (docs/measurements.md)."),
    Setting("topics", True, "Group stories into topics across languages (link/topics.py): embeds every "
            "article's lead once, about 0.08 s an article on two cores."),
    Setting("meaning", True, "Compare meanings with sentence embeddings (rashomon.meaning): story leads in "
            "clustering, claims and short texts in comparison. Off, both go by words alone: several times "
            "faster on large corpora, but paraphrases are missed."),
    Setting("contested_terms", None, "YAML file of contested terms that extends or overrides the bundled "
            "lexicon (data/contested_terms.yaml)."),
    Setting("event_types", None, "Folder (or one YAML file) of event types that extend or replace the bundled "
            "ones (data/events/, see its README): triggers, slots and the value type of each slot."),
    Setting("executor", "auto", "Where reading runs: inline (this process), processes (n_process local "
            "workers), dask (the cluster at `scheduler`, or a local Dask cluster of n_process workers), auto "
            "(inline with n_process 1, processes above). Every executor gives the same readings."),
    Setting("scheduler", None, "Address of a Dask scheduler (tcp://host:8786) for executor=dask; unset, a "
            "local cluster is started for the run."),
    Setting("store", "rashomon.db", "Where `rashomon add` and `rashomon serve` keep articles, readings, "
            "entities and stories: an SQLite file (created when missing) or a postgresql://user@host/db URL."),
    Setting("token", None, "The token `rashomon serve` asks of every request when it listens beyond this "
            "machine (any --host but 127.0.0.1, ::1 or localhost): 'Authorization: Bearer TOKEN'."),
)

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
# Settings whose value is a string (a name or a path): a number or a list given for them fails early.
TEXT_SETTINGS = frozenset({"model", "outlets", "default_language", "contested_terms", "event_types", "store",
                           "token", "executor", "scheduler"})
# Settings whose value is one of a few words.
CHOICES = {"executor": ("auto", "inline", "processes", "dask")}
DEFAULTS = {s.name: s.default for s in SETTINGS}
BY_NAME = {s.name: s for s in SETTINGS}
ENV_PREFIX = "RASHOMON_"


@dataclass
class Settings:
    """The values in force. Build with ``Settings.load(...)``."""

    model: str = DEFAULTS["model"]
    batch_size: int = DEFAULTS["batch_size"]
    n_process: int = DEFAULTS["n_process"]
    max_input_bytes: int = DEFAULTS["max_input_bytes"]
    max_article_chars: int = DEFAULTS["max_article_chars"]
    max_json_depth: int = DEFAULTS["max_json_depth"]
    outlets: str | None = DEFAULTS["outlets"]
    default_language: str = DEFAULTS["default_language"]
    contested_terms: str | None = DEFAULTS["contested_terms"]
    event_types: str | None = DEFAULTS["event_types"]
    story_threshold: float = DEFAULTS["story_threshold"]
    topics: bool = DEFAULTS["topics"]
    meaning: bool = DEFAULTS["meaning"]
    executor: str = DEFAULTS["executor"]
    scheduler: str | None = DEFAULTS["scheduler"]
    store: str = DEFAULTS["store"]
    token: str | None = field(default=DEFAULTS["token"], repr=False)
    outlet_map: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def load(cls, config: str | Path | None = None, env: dict[str, str] | None = None,
             **overrides: Any) -> Settings:
        """Defaults, then the config file, then ``RASHOMON_*`` variables, then ``overrides``."""
        values: dict[str, Any] = dict(DEFAULTS)
        if config:
            from_file = _check_names(read_mapping_file(config), str(config))
            values.update({k: _coerce(BY_NAME[k], v, k, str(config)) for k, v in from_file.items()})
        env = os.environ if env is None else env
        for s in SETTINGS:
            raw = env.get(ENV_PREFIX + s.name.upper())
            if raw is not None:
                values[s.name] = _coerce(s, raw, ENV_PREFIX + s.name.upper(), "the environment")
        given = _check_names({k: v for k, v in overrides.items() if v is not None}, "overrides")
        values.update({k: _coerce(BY_NAME[k], v, k, "overrides") for k, v in given.items()})
        settings = cls(**values)
        if settings.outlets:
            settings.outlet_map = {str(k).lower(): str(v) for k, v in read_mapping_file(settings.outlets).items()}
        return settings


def _coerce(setting: Setting, raw: Any, name: str, where: str) -> Any:
    """``raw`` (a string from the environment, or a value from a file) as the setting's type.

    A value of the wrong type fails here, with E003, rather than deep inside spaCy with a traceback.
    """
    if isinstance(raw, str) and len(raw) > 60:  # a message quotes the value: never a page of it
        shown = raw[:40] + f"... ({len(raw):,} characters)"
        if isinstance(setting.default, (bool, int, float)):
            raise RashomonError("E003", name=name, value=shown, where=where, example=setting.default)
    if isinstance(setting.default, bool):
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise RashomonError("E007", name=name, value=raw, where=where)
        return word in TRUE_WORDS
    if isinstance(setting.default, float):
        try:
            value = float(str(raw).strip()) if not isinstance(raw, bool) else None
        except ValueError:
            value = None
        if value is None or not 0.0 <= value <= 1.0:
            raise RashomonError("E004", name=name, value=raw, where=where, example=setting.default)
        return value
    if isinstance(setting.default, int):
        if isinstance(raw, int) and not isinstance(raw, bool):
            value = raw
        else:
            digits = str(raw).strip()
            if len(digits) > 20 or not re.fullmatch(r"[+-]?\d+", digits):  # no 4,300-digit int() calls
                raise RashomonError("E003", name=name, value=raw, where=where, example=setting.default)
            value = int(digits)
        if (setting.low is not None and value < setting.low) or (setting.high is not None and value > setting.high):
            raise RashomonError("E005", name=name, value=value, where=where, low=setting.low, high=setting.high)
        return value
    if setting.name in TEXT_SETTINGS and raw is not None and not isinstance(raw, str):
        raise RashomonError("E006", name=name, value=raw, where=where, type=type(raw).__name__)
    if setting.name in CHOICES and raw not in CHOICES[setting.name]:
        raise RashomonError("E056", name=name, value=raw, where=where, valid=", ".join(CHOICES[setting.name]))
    return raw


def _check_names(values: dict[str, Any], where: str) -> dict[str, Any]:
    """``values`` unchanged, or E002 naming the unknown settings and listing the valid ones."""
    unknown = sorted(set(values) - set(BY_NAME))
    if unknown:
        raise RashomonError("E002", names=", ".join(unknown), where=where,
                            valid=", ".join(s.name for s in SETTINGS))
    return values


def read_mapping_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML or JSON file holding one mapping."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise RashomonError("E001", path=str(p), reason=exc.strerror or str(exc)) from None
    try:
        if p.suffix.lower() == ".json":
            data = json.loads(raw)
        else:
            import yaml

            data = yaml.safe_load(raw)
    except Exception as exc:  # yaml and json raise different types; the message is what matters
        raise RashomonError("E001", path=str(p), reason=f"not valid YAML/JSON ({exc.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise RashomonError("E001", path=str(p), reason="expected a mapping of name: value")
    return data
