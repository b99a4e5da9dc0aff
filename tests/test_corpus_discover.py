"""discover(): files, directories, globs, and bad inputs reported, never raised."""
from __future__ import annotations

from pathlib import Path

from entente.corpus import discover


def tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for rel in ["b.txt", "a.md", "sub/c.html", "sub/deep/d.pdf", "sub/e.jsonl", "f.htm",
                "skip.docx", ".hidden.txt", ".git/x.txt", "sub/.cache/y.txt", "UPPER.TXT"]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    return root


def names(paths, root):
    return [str(p.relative_to(root.absolute())) for p in paths]


def test_directory_is_recursive_sorted_and_filtered(tmp_path):
    root = tree(tmp_path)
    paths, errors = discover([str(root)])
    assert errors == []
    assert names(paths, root) == ["UPPER.TXT", "a.md", "b.txt", "f.htm", "sub/c.html",
                                  "sub/e.jsonl", "sub/deep/d.pdf"]
    assert all(p.is_absolute() for p in paths)


def test_glob_patterns(tmp_path):
    root = tree(tmp_path)
    paths, errors = discover([f"{root}/*.txt", f"{root}/**/*.html"])
    assert errors == []
    assert names(paths, root) == ["b.txt", "sub/c.html"]


def test_missing_path_and_empty_pattern_are_errors(tmp_path):
    root = tree(tmp_path)
    paths, errors = discover([str(root / "b.txt"), str(tmp_path / "nope.txt"), f"{root}/*.xyz"])
    assert names(paths, root) == ["b.txt"]
    assert [(e.path, e.reason) for e in errors] == [
        (str(tmp_path / "nope.txt"), "no such file or directory"),
        (f"{root}/*.xyz", "no files match this pattern"),
    ]


def test_explicit_unsupported_file_is_reported(tmp_path):
    root = tree(tmp_path)
    paths, errors = discover([str(root / "skip.docx")])
    assert paths == [] and "unsupported file type '.docx'" in errors[0].reason


def test_duplicates_are_dropped(tmp_path):
    root = tree(tmp_path)
    paths, errors = discover([str(root / "b.txt"), str(root), f"{root}/b.*"])
    assert names(paths, root).count("b.txt") == 1 and errors == []


def test_directory_without_supported_files(tmp_path):
    (tmp_path / "empty").mkdir()
    paths, errors = discover([str(tmp_path / "empty")])
    assert paths == [] and errors[0].reason.startswith("no supported files")
