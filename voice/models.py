"""Where speech models live, what a Vosk model folder must hold, and `heartline models fetch`."""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

from voice.errors import FetchError

DEFAULT_MODEL = "vosk-model-small-en-us-0.15"
DEFAULT_BASE_URL = "https://alphacephei.com/vosk/models/"
MODEL_URL_ENV = "HEARTLINE_MODEL_URL"
VOSK_MODEL_ENV = "HEARTLINE_VOSK_MODEL"

#: Files every Vosk model folder has, relative to its top.
VOSK_REQUIRED = ("am/final.mdl", "conf/mfcc.conf")
#: A Vosk graph is either a full HCLG or a lookahead pair HCLr + Gr.
VOSK_GRAPHS = (("graph/HCLG.fst",), ("graph/HCLr.fst", "graph/Gr.fst"))

_CHUNK = 64 * 1024


def vosk_model_problem(files: Iterable[str]) -> str | None:
    """What is missing from a Vosk model, given its file paths relative to its top; None if fine."""
    present = set(files)
    missing = [f for f in VOSK_REQUIRED if f not in present]
    if not any(all(f in present for f in graph) for graph in VOSK_GRAPHS):
        missing.append("graph/HCLG.fst (or graph/HCLr.fst + graph/Gr.fst)")
    return f"missing {', '.join(missing)}" if missing else None


def vosk_dir_problem(path: Path) -> str | None:
    """What is wrong with a Vosk model folder on disk; None if it looks complete."""
    if not path.is_dir():
        return "not a folder" if path.exists() else "does not exist"
    candidates = [*VOSK_REQUIRED, *(f for graph in VOSK_GRAPHS for f in graph)]
    present = [f for f in candidates if (path / f).is_file() and (path / f).stat().st_size > 0]
    return vosk_model_problem(present)


def is_vosk_model(path: Path) -> bool:
    """Whether a folder looks like a complete Vosk model."""
    return vosk_dir_problem(path) is None


def _preference(path: Path) -> tuple[int, int, str]:
    name = path.name
    return (name != DEFAULT_MODEL, "en-us" not in name, name)


def _models_in(folder: Path) -> list[Path]:
    try:
        found = [p for p in folder.iterdir() if p.is_dir() and is_vosk_model(p)]
    except OSError:
        return []
    return sorted(found, key=_preference)


def find_vosk_model(
    explicit: Path | None = None, folders: Sequence[Path] = ()
) -> Path | None:
    """The Vosk model to use: ``explicit``, $HEARTLINE_VOSK_MODEL, else the best in ``folders``.

    ``folders`` are searched in order (the caller says which); in each,
    the default model comes first, then any en-us one.

    An explicit or environment path is returned as given even if broken, so that loading it
    reports what is wrong instead of silently falling back to another engine.
    """
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get(VOSK_MODEL_ENV)
    if env:
        return Path(env)
    for folder in folders:
        found = _models_in(folder)
        if found:
            return found[0]
    return None


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).hostname or url


def _safe_members(names: list[str]) -> tuple[str | None, str, list[str]]:
    """(problem or None, the single top-level folder, its files relative to it) of a model zip."""
    tops = set()
    relative = []
    for name in names:
        p = PurePosixPath(name)
        if p.is_absolute() or ".." in p.parts or "\\" in name or (p.parts and ":" in p.parts[0]):
            return f"unsafe member name {name!r}", "", []
        if not p.parts:
            continue
        tops.add(p.parts[0])
        if len(p.parts) > 1 and not name.endswith("/"):
            relative.append(str(PurePosixPath(*p.parts[1:])))
    if len(tops) != 1:
        return f"expected one top-level folder, found {len(tops)} items", "", []
    return None, tops.pop(), relative


def _download(url: str, out: Path, progress: Callable[[int, int | None], None] | None,
              timeout: float) -> None:
    with urllib.request.urlopen(url, timeout=timeout) as response, out.open("wb") as f:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        if progress:
            progress(done, total)
        while block := response.read(_CHUNK):
            f.write(block)
            done += len(block)
            if progress:
                progress(done, total)
    if total is not None and done != total:
        raise FetchError(f"the download stopped after {done} of {total} bytes")


def fetch_model(
    name: str = DEFAULT_MODEL,
    dest: Path | None = None,
    *,
    base_url: str | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    timeout: float = 30,
    force: bool = False,
) -> Path:
    """Download and unpack ``{base_url}{name}.zip`` into ``dest/name``; returns that folder.

    Every failure raises FetchError with one line and leaves nothing half-written: the zip and the
    unpacked tree live in temporary names beside ``dest`` until one atomic rename.
    """
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise FetchError(f"{name!r} is not a model name (e.g. {DEFAULT_MODEL})")
    if dest is None:
        raise ValueError("fetch_model needs dest, the folder to install the model into")
    dest = Path(dest)
    target = dest / name
    if target.exists() and not force and is_vosk_model(target):
        return target
    base = base_url or os.environ.get(MODEL_URL_ENV) or DEFAULT_BASE_URL
    if not base.endswith("/"):
        base += "/"
    url = f"{base}{name}.zip"
    host = _host(url)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise FetchError(f"Could not create {dest}: {e.strerror}") from None
    zip_fd, zip_name = tempfile.mkstemp(prefix=f".{name}-", suffix=".zip.part", dir=dest)
    os.close(zip_fd)
    zip_path = Path(zip_name)
    unpack = Path(tempfile.mkdtemp(prefix=f".{name}-", suffix=".part", dir=dest))
    try:
        try:
            _download(url, zip_path, progress, timeout)
        except urllib.error.HTTPError as e:
            raise FetchError(
                f"{host} has no model {name} (HTTP {e.code} for {url}): check the name, "
                "see https://alphacephei.com/vosk/models"
            ) from None
        except (urllib.error.URLError, OSError) as e:
            raise FetchError(
                f"Could not reach {host} to download {name}: check the internet connection, "
                f"or download the zip elsewhere and unpack it into {dest}/"
            ) from e
        try:
            with zipfile.ZipFile(zip_path) as zf:
                bad = zf.testzip()
                if bad is not None:
                    raise FetchError(f"{name}.zip from {host} is corrupt ({bad}); try again")
                problem, top, files = _safe_members(zf.namelist())
                problem = problem or vosk_model_problem(files)
                if problem:
                    raise FetchError(f"{name}.zip from {host} is not a Vosk model: {problem}")
                zf.extractall(unpack)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as e:
            raise FetchError(f"{name}.zip from {host} is not a valid zip ({e})") from None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{name}-", suffix=".old", dir=dest))
            target.rename(old / name)
            try:
                (unpack / top).rename(target)
            except OSError:
                (old / name).rename(target)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            (unpack / top).rename(target)
    except OSError as e:
        raise FetchError(f"Could not install {name} into {dest}: {e}") from None
    finally:
        zip_path.unlink(missing_ok=True)
        shutil.rmtree(unpack, ignore_errors=True)
    return target
