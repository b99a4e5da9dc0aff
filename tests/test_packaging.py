"""The installed package declares what it imports, so a fresh venv can read HTML."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    # the ray extra: imported by entente.distributed only, when --engine ray asks for it
    deps = project["dependencies"] + project["optional-dependencies"]["ray"]
    return {re.split(r"[=<>!~\[ ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in deps}


def _imported_top_levels() -> set[str]:
    names = set()
    for path in (ROOT / "src" / "entente").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"entente", "__future__"}


def test_every_imported_module_is_declared():
    owners = metadata.packages_distributions()
    declared = _declared()
    missing = []
    for mod in sorted(_imported_top_levels()):
        dists = {d.lower().replace("_", "-") for d in owners.get(mod, [mod])}
        if not dists & declared:
            missing.append(f"{mod} ({', '.join(sorted(dists))})")
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_html_cleaner_is_declared_and_pinned():
    # trafilatura imports lxml.html.clean, which lxml ships only as the separate lxml_html_clean
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(re.fullmatch(r"lxml[-_]html[-_]clean==[\d.]+", d) for d in deps)
    assert all("==" in d for d in deps)


def test_license_is_an_spdx_string():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"


def test_reading_html_imports_the_cleaner(tmp_path):
    from entente.corpus import read_path

    page = tmp_path / "visit.html"
    page.write_text(
        "<html><head><title>Ministers meet in Astana</title></head><body><article>"
        "<p>The two foreign ministers met in Astana on Tuesday and talked about rail freight, "
        "customs posts and a new crossing on the border river for most of the afternoon.</p>"
        "<p>They agreed to meet again before the end of the year to sign the customs papers.</p>"
        "</article></body></html>", encoding="utf-8")
    docs = read_path(page, max_bytes=1_000_000)
    assert docs and docs[0].format == "html"
    assert "rail freight" in docs[0].text
    assert "lxml_html_clean" in sys.modules or "lxml.html.clean" in sys.modules
