"""Ingest: files and folders of articles in, cleaned Articles (or IngestErrors) out.

Formats: text (headline on the first line, optional 'Published:'/'Outlet:'/'URL:'
header lines), HTML (trafilatura), JSONL/JSON, CSV, RSS/Atom.  Bad input never
stops a batch: it yields an IngestError naming the file (and line or item).
"""
from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path
from typing import Iterator, Optional

from ..records import Article, IngestError
from .build import ArticleError, make_article
from .formats import READERS, parse_date

__all__ = ["article_from_text", "read_path", "read_file", "IngestFailure", "IngestError", "parse_date"]

MAX_FILE_BYTES = 50 * 1024 * 1024   # a feed file; single articles are capped by MAX_ARTICLE_CHARS
SKIP_NAMES = {".DS_Store", "manifest.json"}


class IngestFailure(Exception):
    """Raised by read_file when a single file cannot be read; the message names the file."""


def article_from_text(text: str, *, published: Optional[dt.date] = None, outlet: Optional[str] = None,
                      title: Optional[str] = None, url: Optional[str] = None,
                      source_path: Optional[str] = None) -> Article:
    """Plain text with the headline on the first line -> cleaned Article."""
    return make_article(text, title=title, published=published, outlet=outlet, url=url, source_path=source_path)


def _utf16(data: bytes) -> Optional[str]:
    """UTF-16 text, with a byte-order mark or without one (then told by where the zero bytes are:
    English text in UTF-16-LE has a zero at nearly every odd offset); None when it is not."""
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        codec = "utf-32"
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        codec = "utf-16"
    else:
        head = data[:8192]
        if len(head) < 4:
            return None
        even, odd = head[0::2].count(0) / len(head[0::2]), head[1::2].count(0) / len(head[1::2])
        if odd > 0.4 and even < 0.05:
            codec = "utf-16-le"
        elif even > 0.4 and odd < 0.05:
            codec = "utf-16-be"
        else:
            return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise IngestFailure(f"not valid {codec.upper()} (offset {exc.start})") from None
    sample = text[:4096]
    if codec.endswith(("le", "be")) and sum(c.isprintable() or c in "\n\r\t" for c in sample) < 0.9 * len(sample):
        return None  # zeros in the right places, but not text: left to the binary check
    return text


def _decode(path: Path, data: bytes) -> str:
    wide = _utf16(data)
    if wide is not None:
        return wide
    if b"\x00" in data[:8192] or _binary_share(data[:8192]) > 0.3:
        raise IngestFailure(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if path.suffix.lower() in (".html", ".htm"):
            import re
            m = re.search(rb"charset=[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
            if m:
                try:
                    return data.decode(m.group(1).decode("ascii"))
                except (LookupError, UnicodeDecodeError):
                    pass
        from .formats import decode_bytes  # Windows-1252 and other legacy charsets: detected
        try:
            return decode_bytes(data)
        except UnicodeDecodeError:
            pass
        raise IngestFailure(f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def _binary_share(chunk: bytes) -> float:
    if not chunk:
        return 0.0
    text_bytes = set(range(32, 127)) | {9, 10, 13} | set(range(128, 256))
    return sum(b not in text_bytes for b in chunk) / len(chunk)


def _read_one(path: Path, published, outlet) -> Iterator[Article | IngestError]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield IngestError(source=str(path), reason=f"unsupported file type {path.suffix!r}")
        return
    try:
        size = path.stat().st_size
        if size == 0:
            raise IngestFailure(f"{path}: empty file")
        if size > MAX_FILE_BYTES:
            raise IngestFailure(f"{path}: file too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")
        text = _decode(path, path.read_bytes())
    except IngestFailure as exc:
        yield IngestError(source=str(path), reason=str(exc).removeprefix(f"{path}: "))
        return
    except OSError as exc:
        yield IngestError(source=str(path), reason=f"cannot read: {exc.strerror or exc}")
        return
    yield from _each_item(path, lambda: reader(path, text, published, outlet))


def _each_item(path: Path, read) -> Iterator[Article | IngestError]:
    """The reader's items; an exception the reader did not foresee ends the file with an error
    naming it, after the items already read (they stay good)."""
    n = 0
    try:
        for item in read():
            n += 1
            yield item
    except Exception as exc:  # noqa: BLE001 - a reader bug must cost one file, never the batch
        yield IngestError(source=str(path), reason=f"reading stopped after {n} items: {type(exc).__name__}: {exc}")


def _broken_link(path: Path) -> Optional[str]:
    """Why a symbolic link cannot be read (None when it resolves to something)."""
    try:
        path.stat()
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            return f"dangling symbolic link (target {os.readlink(path)!r} does not exist)"
        return f"cannot follow symbolic link: {exc.strerror or exc}"


def read_path(path, *, published: Optional[dt.date] = None, outlet: Optional[str] = None,
              recursive: bool = True) -> Iterator[Article | IngestError]:
    """A file or a folder (sorted, recursive); per-item metadata overrides the defaults."""
    path = Path(path)
    if path.is_symlink() and (why := _broken_link(path)):
        yield IngestError(source=str(path), reason=why)
        return
    if not path.exists():
        yield IngestError(source=str(path), reason="no such file or folder")
        return
    if path.is_file():
        yield from _read_one(path, published, outlet)
        return
    files = sorted(path.rglob("*") if recursive else path.iterdir())
    for f in files:  # one file at a time: a caller storing as it goes never holds the batch
        if f.name.startswith(".") or f.name in SKIP_NAMES:
            continue
        if f.is_symlink() and (why := _broken_link(f)):
            yield IngestError(source=str(f), reason=why)
        elif f.is_file():
            yield from _read_one(f, published, outlet)


def read_file(path, *, published: Optional[dt.date] = None, outlet: Optional[str] = None) -> list[Article]:
    """Strict single-file read for `sitrep extract`: any error raises IngestFailure naming the file."""
    path = Path(path)
    if path.is_dir():
        raise IngestFailure(f"{path}: is a folder (use `sitrep ingest` for folders)")
    items = list(read_path(path, published=published, outlet=outlet))
    errors = [i for i in items if isinstance(i, IngestError)]
    articles = [i for i in items if isinstance(i, Article)]
    if errors and not articles:
        raise IngestFailure("; ".join(f"{e.source}: {e.reason}" for e in errors))
    return articles
