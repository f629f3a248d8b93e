"""Is a Chroma vector segment's on-disk HNSW index whole? Checked from file sizes alone.

Embedded Chroma persists each collection's HNSW graph as plain files in a
folder named after the segment (``header.bin``, ``data_level0.bin``,
``length.bin``, ``link_lists.bin``), rewritten in place. A SIGKILL while it
writes them can leave files that disagree with the header, and loading those
does not raise: it crashes the process (a segmentation fault in hnswlib, seen
with a 2.6 TB sparse ``link_lists.bin`` after a kill). The sizes the header
implies are exact, so a few ``stat`` calls tell a torn write from a whole one
before Chroma is allowed to load it.

What this module does not do: read the graph, repair it, or know which
collection a segment belongs to (``chroma`` does). A layout it does not
recognise (another Chroma version) counts as whole: the check then falls back
to Chroma's own errors, never to a false alarm.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

# hnswlib's header, after Chroma's 4-byte persistence version: offsetLevel0,
# max_elements, cur_element_count, size_data_per_element, label_offset,
# offsetData, maxlevel, enterpoint_node, maxM, maxM0, M, mult, ef_construction.
_HEADER = struct.Struct("<QQQQQQiIQQQdQ")
_HEADER_OFFSET = 4
_UINT = 4


@dataclass(frozen=True)
class _Header:
    max_elements: int
    count: int
    element_size: int
    max_level: int
    max_m: int

    @property
    def link_list_unit(self) -> int:
        """Bytes of one upper-level link list: the neighbour ids and their count."""
        return self.max_m * _UINT + _UINT


def _header(folder: Path) -> _Header | None:
    try:
        raw = (folder / "header.bin").read_bytes()
    except OSError:
        return None
    if len(raw) < _HEADER_OFFSET + _HEADER.size:
        return None
    fields = _HEADER.unpack_from(raw, _HEADER_OFFSET)
    header = _Header(
        max_elements=fields[1], count=fields[2], element_size=fields[3], max_level=fields[6], max_m=fields[8]
    )
    plausible = 0 < header.element_size < 1 << 20 and 0 < header.max_m < 1 << 12 and 0 <= header.max_level < 64
    return header if plausible else None


def intact(folder: Path) -> bool:
    """False only when the files are sure to be torn; True when whole, absent or not understood."""
    if not (folder / "header.bin").exists():
        return True  # nothing persisted yet: Chroma still holds everything in its log
    header = _header(folder)
    if header is None:
        return True
    sizes = {}
    for name in ("data_level0.bin", "length.bin", "link_lists.bin"):
        try:
            sizes[name] = (folder / name).stat().st_size
        except OSError:
            return False  # the header says there is a graph, and part of it is missing
    links = sizes["link_lists.bin"] - header.count * _UINT
    return (
        header.count <= header.max_elements
        and sizes["data_level0.bin"] == header.count * header.element_size
        and sizes["length.bin"] == header.count * _UINT
        and 0 <= links <= header.count * header.max_level * header.link_list_unit
        and links % header.link_list_unit == 0
    )
