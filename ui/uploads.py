"""Uploaded files: copied into the index's own ``uploads/`` folder under a safe name.

The browser chooses the file name, so it is untrusted: only its last path
component is kept, odd characters become ``_``, it cannot start with a dot
(hidden files are skipped by ingest, and ``..`` must never mean "up"), and
the resolved destination is checked to be inside the uploads folder. A file
over the size limit is refused before it is copied. The same name uploaded
again overwrites the old copy, so ingest sees a changed file and replaces
its article instead of keeping two versions.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ALLOWED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson")
MAX_NAME = 100
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


class UploadError(ValueError):
    """A file the UI will not take; the message says why."""


@dataclass(frozen=True)
class StoredUpload:
    name: str  # what the user called the file
    path: Path  # where it now lives, inside the uploads folder


def sanitize_name(name: str) -> str:
    """A file name that is safe to create in one folder: no separators, no leading dots."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name or ""))[-1]
    base = _UNSAFE.sub("_", base).strip(" ._-")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[ _]{2,}", "_", stem).strip(" ._-") or "upload"
    suffix = suffix.lower()[:10]
    room = MAX_NAME - len(suffix) - 1
    return f"{stem[:room]}.{suffix}" if suffix else stem[:MAX_NAME]


def uploads_dir(index_dir: Path) -> Path:
    return Path(index_dir) / "uploads"


def store_upload(source: Path, original_name: str, folder: Path, max_bytes: int) -> StoredUpload:
    """Copy one uploaded file into ``folder``; raise UploadError with a readable reason instead."""
    name = sanitize_name(original_name)
    display = Path(original_name or name).name or name
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
