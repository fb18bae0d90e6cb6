"""Shared by the cross-edge tests: where the three edges are, and how to run the two that are commands."""
from __future__ import annotations

import json
import os
import pty
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SRC = Path(os.environ.get("KW_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BUILD = Path(os.environ.get("KW_BUILD_DIR", SRC / "build" / "dev"))
DATA = Path(os.environ.get("KW_SHARED_DATA_DIR", SRC.parent / "shared" / "data"))
KW = BUILD / "bin" / "kwartier"
CTOOL = BUILD / "bin" / "c_edge_tool"
MINI = SRC / "data" / "gtfs" / "mini-brussels"
MINI_OSM = SRC / "data" / "osm" / "mini-brussels.osm"
CATALOGUE = SRC / "data" / "catalogue"
TF = DATA / "gtfs-malformed-transitfeed"


@dataclass
class Run:
    rc: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run(exe: Path, *args: Any, tty: bool = False) -> Run:
    cmd = [str(exe), *[str(a) for a in args]]
    if not tty:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        return Run(p.returncode, p.stdout, p.stderr)
    # stderr on a pseudo-terminal, so the command sees isatty(stderr)
    master, slave = pty.openpty()
    p2 = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    out = p2.stdout.read() if p2.stdout else ""
    chunks = []
    while True:
        try:
            b = os.read(master, 65536)
        except OSError:
            break
        if not b:
            break
        chunks.append(b)
    os.close(master)
    rc = p2.wait(timeout=600)
    return Run(rc, out, b"".join(chunks).decode("utf-8", "replace"))


def cli(*args: Any, tty: bool = False) -> Run:
    return run(KW, *args, tty=tty)


def ctool(*args: Any) -> Run:
    return run(CTOOL, *args)


@pytest.fixture(scope="session")
def search_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("edges") / "index"
    r = cli("search", "build", CATALOGUE, "-o", d, "-q")
    assert r.rc == 0, r.err
    return d
