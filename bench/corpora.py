"""The corpora both sides read: one folder of plain ``.txt`` articles each.

Both sides get the *same folder*, so they read the same bytes:

* BBC (``../shared/data/bbc_news_2225/bbc``): the 2,225 article files are copied
  (without the dataset's ``README.TXT``, which the project would otherwise ingest
  as an article) into ``<workdir>/corpora/bbc[-N]/<category>/NNN.txt``. A subset
  of N articles takes the first files of each category in turn (round robin), so
  every subset mixes the five categories.
* Reuters-21578 (``../shared/data/reuters21578/reut2-*.sgm``): SGML, converted once
  into ``<workdir>/corpora/reuters[-N]/NNNNN.txt`` (``NEWID``), one story with a
  ``<BODY>`` per file (19,043 of 21,578): the title on the first line, a blank
  line, then the body (entities unescaped, the closing "Reuter" signature dropped).
  Title first is how both the project's text reader and a person read such a file.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
BBC = DATA / "bbc_news_2225" / "bbc"
REUTERS = DATA / "reuters21578"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_SIGNATURE = re.compile(r"\s*reuter\s*(&#3;)?\s*$", re.I)


def bbc_files(source: Path = BBC) -> list[Path]:
    """Every BBC article file, round robin over the categories (a prefix is a mixed subset)."""
    by_category = [sorted(d.glob("*.txt")) for d in sorted(source.iterdir()) if d.is_dir()]
    ordered: list[Path] = []
    for row in range(max((len(files) for files in by_category), default=0)):
        ordered.extend(files[row] for files in by_category if row < len(files))
    return ordered


def bbc_folder(workdir: Path, limit: int | None = None, source: Path = BBC) -> Path:
    files = bbc_files(source)[:limit]
    target = workdir / "corpora" / (f"bbc-{limit}" if limit else "bbc")
    if _complete(target, len(files)):
        return target
    shutil.rmtree(target, ignore_errors=True)
    for file in files:
        dest = target / file.parent.name / file.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, dest)
    (target / ".complete").write_text(str(len(files)))
    return target


def reuters_stories(source: Path = REUTERS) -> list[tuple[str, str, str]]:
    """(NEWID, title, body) of every story with a body, in file order."""
    stories = []
    for sgm in sorted(source.glob("reut2-*.sgm")):
        text = sgm.read_bytes().decode("latin-1")
        for attrs, inner in _STORY.findall(text):
            body_match = _BODY.search(inner)
            newid = _NEWID.search(attrs)
            if not body_match or not newid:
                continue
            title_match = _TITLE.search(inner)
            title = html.unescape(title_match.group(1)).strip() if title_match else ""
            body = html.unescape(_SIGNATURE.sub("", body_match.group(1))).strip()
            body = body.replace("\x03", "").strip()
            if body:
                stories.append((newid.group(1), " ".join(title.split()), body))
    return stories


def reuters_folder(workdir: Path, limit: int | None = None, source: Path = REUTERS) -> Path:
    target = workdir / "corpora" / (f"reuters-{limit}" if limit else "reuters")
    stories = reuters_stories(source)[:limit]
    if _complete(target, len(stories)):
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for newid, title, body in stories:
        head = f"{title}\n\n" if title else ""
        (target / f"{int(newid):05d}.txt").write_text(head + body + "\n", encoding="utf-8")
    (target / ".complete").write_text(str(len(stories)))
    return target


def _complete(folder: Path, count: int) -> bool:
    marker = folder / ".complete"
    return marker.exists() and marker.read_text().strip() == str(count)


def count_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*.txt") if not any(part.startswith(".") for part in p.parts))
