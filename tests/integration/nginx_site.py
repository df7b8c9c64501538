"""A real nginx on loopback for the access-log tests: a small site, the combined log format,
log rotation by signal, real HTTP requests from several loopback addresses."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

from tests.support.components import which

PAGES = {
    "index.html": "<h1>หน้าแรก</h1>",
    "news/1.html": "<p>ข่าว ๑</p>",
    "news/2.html": "<p>ข่าว ๒</p>",
    "ข่าว/2569/00006/index.html": "<p>ประกาศ</p>",
    "css/site.css": "body{}",
    "js/app.js": "1;",
    "img/logo.png": "PNG",
    "files/plan.pdf": "%PDF-1.4 plan",
    "files/budget.xlsx": "PK budget",
}

_CONFIG = """
worker_processes 1;
daemon off;
master_process on;
{user}
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {root}/tmp/body;
    proxy_temp_path {root}/tmp/proxy;
    fastcgi_temp_path {root}/tmp/fastcgi;
    uwsgi_temp_path {root}/tmp/uwsgi;
    scgi_temp_path {root}/tmp/scgi;
    types {{ text/html html; text/css css; application/javascript js; image/png png;
            application/pdf pdf;
            application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx; }}
    access_log {logs}/access.log combined;
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
        location = /old.html {{ return 301 /index.html; }}
    }}
}}
"""


def nginx_binary() -> str | None:
    return which("nginx")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class NginxSite:
    root: Path
    logs: Path
    port: int
    process: subprocess.Popen[bytes]

    @classmethod
    def start(cls, root: Path, logs: Path) -> NginxSite:
        binary = nginx_binary()
        assert binary is not None
        for sub in ("tmp", "www"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        logs.mkdir(parents=True, exist_ok=True)
        for name, text in PAGES.items():
            target = root / "www" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        port = _free_port()
        user = "user root;" if os.geteuid() == 0 else ""
        config = root / "nginx.conf"
        config.write_text(_CONFIG.format(root=root, logs=logs, port=port, user=user))
        process = subprocess.Popen([binary, "-p", str(root), "-c", str(config),
                                    "-e", str(root / "error.log")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        site = cls(root, logs, port, process)
        site._wait_ready()
        return site

    def _wait_ready(self) -> None:
        for _ in range(200):
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stderr.read()!r}"  # type: ignore[union-attr]
                                   f" {(self.root / 'error.log').read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start listening")

    def get(self, path: str, *, agent: str, source: str = "127.0.0.1", method: str = "GET",
            headers: dict[str, str] | None = None) -> int:
        """One real HTTP request; returns the status code nginx answered."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10,
                                                source_address=(source, 0))
        try:
            connection.request(method, path, headers={"User-Agent": agent, **(headers or {})})
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()

    def last_modified(self, name: str) -> str:
        """The Last-Modified nginx sends for a file (an exact If-Modified-Since gets 304)."""
        return formatdate((self.root / "www" / name).stat().st_mtime, usegmt=True)

    def raw(self, data: bytes) -> None:
        """Send bytes that are not a valid request (nginx answers 400 and logs it)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(data)
            while sock.recv(4096):
                pass

    def rotate(self, new_name: str) -> Path:
        """What logrotate does: rename the log, then tell nginx to reopen its logs."""
        log = self.logs / "access.log"
        target = self.logs / new_name
        log.rename(target)
        self.process.send_signal(signal.SIGUSR1)
        for _ in range(200):
            if log.exists():
                return target
            time.sleep(0.05)
        raise RuntimeError("nginx did not reopen its log")

    def settle(self, expected_lines: int) -> None:
        """Wait until nginx has written ``expected_lines`` lines to the current log."""
        log = self.logs / "access.log"
        for _ in range(400):
            if log.exists() and log.read_bytes().count(b"\n") >= expected_lines:
                return
            time.sleep(0.025)
        raise RuntimeError("nginx did not write the expected log lines")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process.stderr is not None:
            self.process.stderr.close()
        shutil.rmtree(self.root / "tmp", ignore_errors=True)
