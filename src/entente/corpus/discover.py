"""Expand the user's inputs (files, directories, glob patterns) into files to read."""
from __future__ import annotations

import glob
import os
from pathlib import Path

from entente.errors import SourceError

from .readers import SUPPORTED_SUFFIXES

_GLOB_CHARS = set("*?[")


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _walk(root: Path, errors: list[SourceError]) -> list[Path]:
    """Supported, non-hidden files under ``root``, sorted; unreadable folders are reported."""
    found: list[Path] = []

    def on_error(exc: OSError) -> None:
        errors.append(SourceError(exc.filename or root, "cannot list the directory (permission denied)"
                                  if isinstance(exc, PermissionError) else f"cannot list the directory ({exc})"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if not name.startswith(".") and _supported(p):
                found.append(p)
    return found


def discover(inputs: list[str]) -> tuple[list[Path], list[SourceError]]:
    """Files to read from ``inputs``, and a SourceError for each input that gives none.

    Directories are searched recursively (sorted, hidden entries skipped, only
    SUPPORTED_SUFFIXES); patterns may use ``*``, ``?`` and ``**``. Never raises
    for a bad input. Paths come back absolute and without duplicates.

    >>> discover(["/no/such/place"])[1][0].reason
    'no such file or directory'
    """
    files: list[Path] = []
    errors: list[SourceError] = []
    for raw in inputs:
        raw = os.path.expanduser(str(raw))
        if _GLOB_CHARS & set(raw) and not os.path.exists(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            before = len(files)
            for m in matches:
                p = Path(m)
                if p.is_dir():
                    files.extend(_walk(p, errors))
                elif p.is_file() and _supported(p):
                    files.append(p)
            if len(files) == before:
                why = "no supported files match this pattern" if matches else "no files match this pattern"
                errors.append(SourceError(raw, why))
            continue
        p = Path(raw)
        if p.is_dir():
            if not os.access(p, os.R_OK | os.X_OK):
                errors.append(SourceError(p, "cannot list the directory (permission denied)"))
                continue
            found = _walk(p, errors)
            if not found:
                errors.append(SourceError(p, f"no supported files in the directory ({', '.join(SUPPORTED_SUFFIXES)})"))
            files.extend(found)
        elif p.is_file():
            if not _supported(p):
                errors.append(SourceError(p, f"unsupported file type '{p.suffix or '(no suffix)'}' "
                                             f"(supported: {', '.join(SUPPORTED_SUFFIXES)})"))
            elif not os.access(p, os.R_OK):
                errors.append(SourceError(p, "permission denied (cannot read the file)"))
            else:
                files.append(p)
        elif p.exists():
            errors.append(SourceError(p, "not a regular file"))
        else:
            errors.append(SourceError(p, "no such file or directory"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        a = f.absolute()
        if a not in seen:
            seen.add(a)
            unique.append(a)
    return unique, errors
