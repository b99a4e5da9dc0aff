"""Finding the text files behind an import's arguments, and what their first and last
bytes say, before DuckDB reads them.

Each argument is a plain file, a directory (its files, sorted) or a zip; a zip's
members are streamed to a temporary file one at a time (bounded memory) and a
bad checksum or a cut-off archive becomes one problem for that member or file,
never a traceback that loses the other files' rows.
"""
from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BOM = b"\xef\xbb\xbf"
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1 << 20


@dataclass
class Source:
    """One text file to import: ``label`` names it in reports (``a.zip:member.CSV``),
    ``path`` is where DuckDB reads it (the file itself, or a temporary copy of a zip member)."""

    label: str
    path: Path
    bom: bool = False
    header: list[str] | None = None   # the header line's fields, when the file has one
    first_fields: int = 0             # tab-separated fields on the first data line
    truncated: bool = False           # the file ends inside a line (no final newline)
    empty: bool = False


def sniff(label: str, path: Path) -> Source:
    """BOM, header and first-row width from the first bytes; truncation from the last byte."""
    src = Source(label, path)
    with open(path, "rb") as f:
        head = f.read(1 << 16)
        f.seek(0, 2)
        size = f.tell()
        if size:
            f.seek(size - 1)
            src.truncated = f.read(1) != b"\n"
    if head.startswith(BOM):
        src.bom, head = True, head[len(BOM):]
    lines = [ln for ln in head.split(b"\n") if ln.strip(b"\r")]
    if not lines:
        src.empty = True
        return src
    first = lines[0].rstrip(b"\r").decode("utf-8", "replace").split("\t")
    if not first[0].strip().isdigit():  # data rows start with a numeric id
        src.header = [h.strip() for h in first]
        lines = lines[1:]
    src.first_fields = len(lines[0].split(b"\t")) if lines else 0
    src.empty = not lines
    return src


def last_line(path: Path) -> tuple[int, str]:
    """(1-based number, text) of the file's last line: only read for a truncated file."""
    n, tail = 0, b""
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            n += chunk.count(b"\n")
            tail = (tail + chunk)[-(1 << 16):]
    return n + 1, tail.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")


def find_lines(path: Path, ids: set[str], id_field: int) -> dict[str, int]:
    """Line numbers of rows whose ``id_field``-th field is in ``ids`` (the rare rows
    rejected after parsing; one pass over the file)."""
    out: dict[str, int] = {}
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            fields = raw.split(b"\t", id_field + 1)
            if len(fields) > id_field:
                key = fields[id_field].strip().decode("utf-8", "replace").lstrip("\ufeff")
                if key in ids and key not in out:
                    out[key] = n
                    if len(out) == len(ids):
                        break
    return out


def expand(args: list[str | Path], problem) -> list[Path]:
    """The files named by the arguments (a directory gives its files); a missing one is a
    problem and the others still import."""
    out = []
    for a in args:
        p = Path(a)
        if p.is_dir():
            files = sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
            if not files:
                problem(str(p), 0, "directory holds no files")
            out.extend(files)
        elif p.is_file():
            out.append(p)
        else:
            problem(str(p), 0, "no such file")
    return out


@contextmanager
def sources(args: list[str | Path], problem) -> Iterator[Iterator[Source]]:
    """Yield a generator of sniffed Sources; temporary member copies live until the block ends."""
    tmp = Path(tempfile.mkdtemp(prefix="entente-import-"))
    try:
        yield _walk(expand(args, problem), tmp, problem)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _walk(paths: list[Path], tmp: Path, problem) -> Iterator[Source]:
    for p in paths:
        with open(p, "rb") as f:
            magic = f.read(4)
        if magic == ZIP_MAGIC or p.suffix.lower() == ".zip":
            yield from _members(p, tmp, problem)
        else:
            yield sniff(str(p), p)


def _members(p: Path, tmp: Path, problem) -> Iterator[Source]:
    if not zipfile.is_zipfile(p):
        problem(str(p), 0, "truncated or damaged zip (no central directory); nothing imported from it")
        return
    try:
        z = zipfile.ZipFile(p)
    except zipfile.BadZipFile as e:
        problem(str(p), 0, f"damaged zip: {e}; nothing imported from it")
        return
    with z:
        for i, info in enumerate(z.infolist()):
            if info.is_dir():
                continue
            label, out = f"{p}:{info.filename}", tmp / f"member-{i}"
            try:
                with z.open(info) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)  # streaming: zipfile checks the CRC at the end
            except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as e:
                problem(label, 0, f"damaged zip member: {e}; nothing imported from it")
                out.unlink(missing_ok=True)
                continue
            try:
                yield sniff(label, out)
            finally:
                out.unlink(missing_ok=True)
