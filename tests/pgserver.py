"""A throwaway PostgreSQL server for the store tests (Debian's ``postgresql`` package).

``make setup`` installs the package when it can (apt-get, as for chromium); without it the
PostgreSQL half of the store tests is skipped with the reason.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

START_TIMEOUT_S = 60


def find_binary(name: str) -> str | None:
    """``initdb`` / ``pg_ctl`` on PATH or in Debian's versioned folder (/usr/lib/postgresql/15/bin)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


class PostgresServer:
    def __init__(self, folder: Path, pg_ctl: str, as_user: list[str]) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.pg_ctl = pg_ctl
        self.as_user = as_user
        self.numbers = itertools.count(1)

    @classmethod
    def start_or_skip(cls) -> PostgresServer:
        """Start a server in a new folder under the system's temporary folder (pytest's own is
        private to root, and the server may run as another user)."""
        initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
        if not initdb or not pg_ctl:
            pytest.skip("PostgreSQL is not installed (Debian package postgresql; make setup installs it as root)")
        folder = Path(tempfile.mkdtemp(prefix="rashomon-postgres-"))
        as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("running as root and there is no postgres user to run the server as")
            as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(folder, "postgres")
            folder.chmod(0o700)
        server = cls(folder, pg_ctl, as_user)
        run(as_user + [initdb, "-D", str(server.data), "-A", "trust", "--no-sync", "-U", "postgres", "-E", "UTF8"])
        options = f"-k {folder} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        run(as_user + [pg_ctl, "-D", str(server.data), "-o", options, "-l", str(folder / "log"), "-w",
                       "-t", str(START_TIMEOUT_S), "start"])
        return server

    def new_database(self) -> str:
        """The URL of a new, empty database on the server."""
        import psycopg

        name = f"rashomon_test_{next(self.numbers)}"
        with psycopg.connect(f"host={self.folder} user=postgres dbname=postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@/{name}?host={self.folder}"

    def stop(self) -> None:
        subprocess.run(self.as_user + [self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=START_TIMEOUT_S)
        shutil.rmtree(self.folder, ignore_errors=True)


def run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S)
    if done.returncode != 0:
        program = Path(command[4] if command[0] == "runuser" else command[0]).name
        raise RuntimeError(f"{program} failed: {done.stderr.strip()[-500:]}")
