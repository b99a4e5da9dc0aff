"""Read a file's bytes within a size limit and decode them to text, or say why not."""
from __future__ import annotations

import os
from pathlib import Path

from entente.errors import SourceError

_MB = 1024 * 1024
# Control characters that do not occur in real text (tab, newlines, form feed excluded).
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"} | {"\x7f"}


def _mb(n: int) -> str:
    return f"{n / _MB:.1f} MB"


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes; SourceError if missing, unreadable, empty or too big."""
    try:
        size = os.stat(path).st_size
        if path.is_dir():
            raise SourceError(path, "is a directory, not a file")
        if size > max_bytes:
            raise SourceError(path, f"file is {_mb(size)}, over the {_mb(max_bytes)} limit (--max-bytes)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise SourceError(path, "no such file") from None
    except PermissionError:
        raise SourceError(path, "permission denied (cannot read the file)") from None
    except IsADirectoryError:
        raise SourceError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise SourceError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # grew since stat
        raise SourceError(path, f"file is over the {_mb(max_bytes)} limit (--max-bytes)")
    if not data.strip():
        raise SourceError(path, "empty file" if not data else "empty file (only whitespace)")
    return data


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for ch in sample if ch in _CONTROL)
    return bad > max(2, len(sample) // 200)


def decode_text(data: bytes, path: Path | str) -> str:
    """Decode bytes as UTF-8 unchanged, else a confidently detected encoding.

    The result is the file content as is: no BOM stripping, no newline or
    whitespace changes, so character offsets index it exactly.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError(path, "invalid UTF-16 text") from None
    if b"\x00" in data:
        raise SourceError(path, "binary content (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, path)
    if _looks_binary(text):
        raise SourceError(path, "binary content (control characters), not text")
    return text


def _detect(data: bytes, path: Path | str) -> str:
    from charset_normalizer import from_bytes  # imported here: only needed for odd files

    best = from_bytes(data[:1_000_000]).best()
    # chaos is the detector's mess score (0 = clean); above ~0.1 the decode is guesswork.
    if best is None or best.encoding is None or best.chaos > 0.1 or best.encoding.startswith("utf_8"):
        raise SourceError(path, "not valid UTF-8 and no reliable encoding detected")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise SourceError(path, "not valid UTF-8 and no reliable encoding detected") from None
