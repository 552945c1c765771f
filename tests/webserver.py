"""A real nginx for the tests: Debian's binary, started as a child of the test on free loopback ports.

Everything nginx writes (pid, logs, temp folders) stays in a folder of the test; it runs in the
foreground as one process (no master: no switch to another user, so it reads what the test can
read) and is stopped when the `with` block ends, whatever happened inside it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass(frozen=True)
class Site:
    """One server block: the unpacked site folder and its include, served under prefix."""

    site: Path
    include: Path
    prefix: str


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(folder: Path, servers: dict[int, Site]) -> str:
    """nginx.conf as a server administrator writes it: a location per site with alias and include."""
    temp = {name: folder / "tmp" / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    blocks = [
        f"""    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        location {s.prefix} {{
            alias {s.site}/;
            include {s.include};
        }}
    }}""" for port, s in servers.items()]
    return "\n".join([
        "daemon off;",
        "master_process off;",
        f"pid {folder / 'nginx.pid'};",
        f"error_log {folder / 'error.log'} warn;",
        "events { worker_connections 256; }",
        "http {",
        f"    access_log {folder / 'access.log'};",
        f"    client_body_temp_path {temp['body']};",
        f"    proxy_temp_path {temp['proxy']};",
        f"    fastcgi_temp_path {temp['fastcgi']};",
        f"    uwsgi_temp_path {temp['uwsgi']};",
        f"    scgi_temp_path {temp['scgi']};",
        *blocks,
        "}",
        "",
    ])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def nginx(folder: Path, sites: list[Site], seconds: float = 30) -> Iterator[list[str]]:
    """Serve each site on its own free port; yields their origins ('http://127.0.0.1:port')."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tmp").mkdir(exist_ok=True)
    servers = {_free_port(): site for site in sites}
    conf = folder / "nginx.conf"
    conf.write_text(config(folder, servers), encoding="utf-8")
    log = folder / "error.log"
    command = [NGINX, "-p", str(folder), "-c", str(conf), "-e", str(log)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t faalde:\n{checked.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        end = time.monotonic() + seconds
        while not all(_answers(port) for port in servers):
            if process.poll() is not None or time.monotonic() > end:
                raise RuntimeError("nginx antwoordde niet:\n" + log.read_text(encoding="utf-8"))
            time.sleep(0.05)
        yield [f"http://127.0.0.1:{port}" for port in servers]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
