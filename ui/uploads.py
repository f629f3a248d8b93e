"""Uploaded files: copied into the index's own ``uploads/`` folder under a safe name.

The browser chooses the file name, so it is untrusted: only its last path
component is kept, characters other than letters and digits (of any script),
``.``, ``-``, ``_`` and spaces become ``_`` (so no separators, control or
bidi characters, or Windows-reserved punctuation), it cannot start with a dot
(hidden files are skipped by ingest, and ``..`` must never mean "up"), it is
cut to fit file systems' 255-byte limit, and the resolved destination is
checked to be inside the uploads folder. Letters of every script are kept
because a name that sanitises to nothing becomes ``upload-<hash>``: mapping
every Cyrillic or Chinese name to one ``upload.txt`` would let each such
upload replace the previous one's article. A file
over the size limit is refused before it is copied. The same name uploaded
again overwrites the old copy, so ingest sees a changed file and replaces
its article instead of keeping two versions.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ALLOWED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson")
MAX_NAME = 100  # characters
MAX_NAME_BYTES = 200  # UTF-8 bytes: file systems allow 255, leave room for the suffix and a margin
_UNSAFE = re.compile(r"[^\w. -]+")  # \w is Unicode-aware: letters and digits of every script, and _


class UploadError(ValueError):
    """A file the UI will not take; the message says why."""


@dataclass(frozen=True)
class StoredUpload:
    name: str  # what the user called the file
    path: Path  # where it now lives, inside the uploads folder


def sanitize_name(name: str) -> str:
    """A file name that is safe to create in one folder: no separators, no leading dots.

    The same original name always gives the same safe name, so uploading a file
    again replaces its earlier copy (and article) rather than adding a second.
    """
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name or ""))[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,10}", suffix):
        stem, suffix = base, ""
    stem = _UNSAFE.sub("_", stem)
    stem = re.sub(r"[ _]{2,}", "_", stem).strip(" ._-")
    if not stem.strip("_"):
        stem = "upload-" + hashlib.blake2b((name or "").encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    suffix = suffix.lower()[:10]
    stem = _fit(stem, MAX_NAME - len(suffix) - 1, MAX_NAME_BYTES - len(suffix.encode()) - 1)
    return f"{stem}.{suffix}" if suffix else stem


def _fit(stem: str, chars: int, utf8_bytes: int) -> str:
    """``stem`` cut to at most ``chars`` characters and ``utf8_bytes`` bytes, never mid-character."""
    stem = stem[:chars]
    while len(stem.encode("utf-8")) > utf8_bytes:
        stem = stem[:-1]
    return stem.rstrip(" .")


def _display(original_name: str, safe: str) -> str:
    """The user's own file name for messages: last component, printable characters only."""
    shown = "".join(c for c in re.split(r"[\\/]", original_name or "")[-1] if c.isprintable())
    return shown[:MAX_NAME] or safe


def uploads_dir(index_dir: Path) -> Path:
    return Path(index_dir) / "uploads"


def store_upload(source: Path, original_name: str, folder: Path, max_bytes: int) -> StoredUpload:
    """Copy one uploaded file into ``folder``; raise UploadError with a readable reason instead."""
    name = sanitize_name(original_name)
    display = _display(original_name, name)
    if not name.endswith(ALLOWED_SUFFIXES):
        raise UploadError(f"{display}: not a supported file type (use {', '.join(ALLOWED_SUFFIXES)})")
    size = source.stat().st_size
    if size > max_bytes:
        raise UploadError(f"{display}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:g} MB limit")
    if size == 0:
        raise UploadError(f"{display}: the file is empty")
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    target = (root / name).resolve()
    if target.parent != root:  # belt and braces: sanitize_name already removed separators
        raise UploadError(f"{display}: refused file name")
    shutil.copyfile(source, target)
    return StoredUpload(display, target)
