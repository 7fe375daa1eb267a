"""Shared fixtures. Seeds and datasets are read from ../shared (never copied into the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI replays a fixed set of examples so that a landing never depends on luck; local runs keep
# exploring new ones (and store any failure they find in .hypothesis/ to replay it).
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RASHOMON_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.yaml"
DATASETS = SHARED / "datasets"
DATA = Path(__file__).resolve().parent / "data"
MODEL = os.environ.get("RASHOMON_TEST_MODEL", "en_core_web_md")


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared seeds/datasets are read from ../shared")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _need(SEEDS)


@pytest.fixture(scope="session")
def seed_paths(seeds_dir) -> dict[str, Path]:
    """Seed files by article id (their file stem)."""
    return {p.stem: p for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture(scope="session")
def gold() -> dict:
    import yaml

    return yaml.safe_load(_need(GOLD).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    return _need(DATASETS)


@pytest.fixture(scope="session")
def nlp_bare():
    """The trained model without rashomon's components (for component-level tests)."""
    from rashomon.read.pipeline import load_model

    return load_model(MODEL, components=False)


@pytest.fixture(scope="session")
def nlp():
    """The full English reading pipeline (model + rashomon components)."""
    from rashomon.read.pipeline import load_model

    return load_model(MODEL)


@pytest.fixture()
def data_dir() -> Path:
    return DATA


# ---------------------------------------------------------------------------------------------
# The store: the demo corpus read once, and a real PostgreSQL server for the same store tests
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def demo_readings(nlp) -> list:
    """The bundled demo corpus, read once (readings in file order)."""
    import rashomon
    from rashomon.knowledge import data_path
    from rashomon.records import Reading
    from rashomon.settings import Settings

    settings = Settings.load(env={}, model=MODEL)
    return [r for r in rashomon.read_many([str(data_path("demo/corpus"))], settings) if isinstance(r, Reading)]


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server from Debian's postgresql package, started in a temporary folder for the
    test run and stopped after it; yields a function that makes a fresh, empty database URL.
    initdb refuses to run as root, so as root the server runs as the ``postgres`` user."""
    from pgserver import PostgresServer  # tests/pgserver.py

    server = PostgresServer.start_or_skip()
    try:
        yield server.new_database
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """Each store test runs on SQLite (a file) and on PostgreSQL (a fresh database)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("postgres")()
