"""Fixtures of the CLI gauntlet: a seeded profile copied per test (SQLite, or a PostgreSQL
database made from a seeded template), a refusing SFTP port, and hostile places to write:
a missing folder, a folder where a file should be, a read-only disk and a full disk (small
tmpfs mounts, root only; unmounted at the end)."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.places import Places, fill_up
from tests.cli.profiles import Profile, copy_profile, seed_template
from tests.support.components import require
from tests.support.postgres import PostgresServer


@pytest.fixture(scope="session")
def refusing_port() -> Iterator[int]:
    """A 127.0.0.1 port bound for the whole run but never listening: connections to it are
    refused (nothing else can take it meanwhile)."""
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    try:
        yield int(holder.getsockname()[1])
    finally:
        holder.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory, refusing_port: int) -> Profile:
    return seed_template(tmp_path_factory.mktemp("gauntlet-template") / "profile", None,
                         refusing_port)


@pytest.fixture
def profile(sqlite_template: Profile, tmp_path: Path) -> Profile:
    """This test's own copy of the seeded SQLite profile."""
    return copy_profile(sqlite_template, tmp_path / "profile")


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer, refusing_port: int,
                      tmp_path_factory: pytest.TempPathFactory) -> Iterator[Profile]:
    name = postgres_server.create_database()
    home = tmp_path_factory.mktemp("gauntlet-pg-template") / "profile"
    try:
        yield seed_template(home, postgres_server.url(name), refusing_port)
    finally:
        postgres_server.drop_database(name)


@pytest.fixture
def pg_profile(postgres_template: Profile, postgres_server: PostgresServer,
               tmp_path: Path) -> Iterator[Profile]:
    """This test's own copy of the seeded PostgreSQL database (CREATE DATABASE ... TEMPLATE)
    and of the profile folder that goes with it."""
    template = postgres_template.database_url.rsplit("/", 1)[1]
    name = f"g_{os.urandom(6).hex()}"
    postgres_server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield copy_profile(postgres_template, tmp_path / "profile", postgres_server.url(name))
    finally:
        postgres_server.drop_database(name)


def _mount_tmpfs(target: Path, options: str) -> None:
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], check=True,
                   capture_output=True)


@pytest.fixture(scope="session")
def disks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(read-only disk, full disk): two 64 KiB tmpfs mounts, unmounted at the end."""
    require(os.geteuid() == 0, "root, to mount the small tmpfs disks of the CLI gauntlet")
    base = tmp_path_factory.mktemp("gauntlet-disks")
    read_only, full = base / "ro", base / "full"
    mounted: list[Path] = []
    try:
        _mount_tmpfs(read_only, "ro,size=64k,mode=0755")
        mounted.append(read_only)
        _mount_tmpfs(full, "size=64k,mode=0755")
        mounted.append(full)
        fill_up(full)
        yield read_only, full
    finally:
        for target in mounted:
            subprocess.run(["umount", str(target)], check=False, capture_output=True)


@pytest.fixture
def places(tmp_path: Path, disks: tuple[Path, Path]) -> Places:
    out = tmp_path / "out"
    out.mkdir()
    folder = out / "a-folder.pdf"
    folder.mkdir()
    (out / "a-folder.xlsx").mkdir()
    (out / "fake.pdf").write_text("this is not a PDF\n", encoding="utf-8")
    (out / "scan\u202efdp.exe").write_bytes(b"MZ\x90\x00" + bytes(60))   # shows as scanexe.pdf
    (out / "fake.xlsx").write_text("not a workbook either\n", encoding="utf-8")
    (out / "binary.csv").write_bytes(bytes(range(256)) * 16)
    (out / "empty.csv").write_bytes(b"")
    read_only, full = disks
    return Places(out=out, missing=tmp_path / "no-such-folder", folder=folder, ro=read_only,
                  full=full, home=tmp_path / "profile")
