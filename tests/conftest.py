"""Shared fixtures: paths to ../shared, a temporary store, the loaded pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not present")
    return SHARED


@pytest.fixture
def store(tmp_path):
    from entente.store import db

    con = db.connect(tmp_path / "test.duckdb")
    yield con
    con.close()


@pytest.fixture(scope="session")
def coder():
    from entente.coding.coder import Coder

    return Coder().load()


@pytest.fixture(scope="session")
def rules_coder():
    """The rules stage alone (no learned scorer, no PETRARCH2 fallback verbs in play for the model)."""
    from entente.coding.coder import Coder

    return Coder(learned=False).load()
