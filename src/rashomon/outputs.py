"""Output files written safely: checked before any input is read, written whole or not at all.

Every file goes to a temporary file in the same folder and is renamed into place when complete, so
that a run that is killed or fails leaves no half-written file that looks complete (and no file that
blocks the next run). Nothing is overwritten without ``--force``; an ``--out`` that is not a regular
file or folder (a device, a FIFO) is refused, never replaced by a file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from rashomon.messages import RashomonError, describe_file, system_reason


def check_out_file(path: Path, force: bool) -> None:
    """Refuse ``path`` as an output file: E046 when it is a folder, a device or other non-file, E040
    when it exists and ``force`` is not given, E047 when its folder does not exist."""
    info = stat_or_none(path)
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise RashomonError("E046", path=str(path), what=describe_file(info.st_mode), want="a regular file")
        if not force:
            raise RashomonError("E040", path=str(path))
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise RashomonError("E047", path=str(path), reason=f"the folder {parent} does not exist")


def check_out_folder(folder: Path, names: Iterable[str], force: bool) -> None:
    """Refuse ``folder`` as the output folder: E046 when it exists and is not a folder; E040 when one
    of the files ``names`` is there already and ``force`` is not given (or is not a regular file; a
    name ending in ``/`` is a folder)."""
    info = stat_or_none(folder)
    if info is None:
        return
    if not stat.S_ISDIR(info.st_mode):
        raise RashomonError("E046", path=str(folder), what=describe_file(info.st_mode), want="a folder")
    for name in names:
        target = stat_or_none(folder / name)
        wanted, want = (stat.S_ISDIR, "a folder") if name.endswith("/") else (stat.S_ISREG, "a regular file")
        if target is not None and not wanted(target.st_mode):
            raise RashomonError("E046", path=str(folder / name), what=describe_file(target.st_mode), want=want)
        if target is not None and not force:
            raise RashomonError("E040", path=str(folder / name))


def stat_or_none(path: Path) -> os.stat_result | None:
    """``path``'s status (links followed), or None when nothing is there; E047 when the system refuses."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise RashomonError("E047", path=str(path), reason=system_reason(exc)) from None


@contextlib.contextmanager
def atomic_file(path: Path, binary: bool = False) -> Iterator[IO]:
    """A text stream (UTF-8; a byte stream when ``binary``) whose content replaces ``path`` when the
    block ends without error; on an error the temporary file is removed and ``path`` is left as it was."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name[:100]}.", suffix=".part")
    except OSError as exc:
        raise RashomonError("E047", path=str(path), reason=system_reason(exc)) from None
    try:
        with (os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")) as stream:
            yield stream
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise RashomonError("E047", path=str(path), reason=system_reason(exc)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def staged_folder(folder: Path, last: str) -> Iterator[Path]:
    """A temporary folder beside ``folder`` to write the outputs in; when the block ends without
    error its files are renamed into ``folder``, the file ``last`` (the report) after all the others,
    so that a report on disk always has its data beside it. On an error nothing is moved."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".rashomon-staging-"))
    except OSError as exc:
        raise RashomonError("E047", path=str(folder), reason=system_reason(exc)) from None
    try:
        yield staging
        files = sorted(staging.iterdir(), key=lambda p: (p.name == last, p.name))
        for file in files:
            target = folder / file.name
            if file.is_dir() and target.is_dir():  # a folder of pages: the old one is moved aside, then dropped
                os.replace(target, staging / f".old-{file.name}")
            os.replace(file, target)
    except OSError as exc:
        raise RashomonError("E047", path=str(folder), reason=system_reason(exc)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
