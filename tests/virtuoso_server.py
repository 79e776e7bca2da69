"""A private Virtuoso for tests and bench/scaleout_virtuoso.py: Debian's virtuoso-opensource
started on loopback with its own database folder and free, non-default ports, stopped by id.

    with VirtuosoServer(folder) as v:
        v.update_url   # http://127.0.0.1:PORT/sparql-auth (digest login dba/dba)
        v.isql("ld_dir(...)")
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

BINARY = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
USER, PASSWORD = "dba", "dba"  # the fresh database's administrator; the server listens on loopback only


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ini(folder: Path, sql_port: int, http_port: int, dirs_allowed: list[Path]) -> str:
    db = folder
    allowed = ", ".join([".", *(str(d) for d in dirs_allowed)])
    return f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = {allowed}
NumberOfBuffers = 40000
MaxDirtyBuffers = 30000
ThreadsPerQuery = 2
MaxQueryMem = 400M
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
MaxClientConnections = 6
ServerThreads = 6
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
; the estimator refuses proposals.rq on a fresh store (estimate ~1600 s, runs in ~1 s)
MaxQueryCostEstimationTime = 0
"""


class VirtuosoServer:
    def __init__(self, folder: Path, dirs_allowed: list[Path] | None = None, start_timeout: float = 180.0):
        if BINARY is None:
            raise RuntimeError("virtuoso-t not installed (apt-get install virtuoso-opensource)")
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.sql_port, self.http_port = free_port(), free_port()
        self.dirs_allowed = list(dirs_allowed or [])
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def update_url(self) -> str:
        return self.base_url + "/sparql-auth"

    @property
    def query_url(self) -> str:
        return self.base_url + "/sparql"

    def start(self) -> VirtuosoServer:
        ini = self.folder / "virtuoso.ini"
        ini.write_text(_ini(self.folder, self.sql_port, self.http_port, self.dirs_allowed), encoding="utf-8")
        # +foreground: the process is ours to stop by its id
        self.proc = subprocess.Popen([BINARY, "-c", str(ini), "+foreground"], cwd=self.folder,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log = (self.folder / "virtuoso.log")
                tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
                raise RuntimeError(f"virtuoso exited at start: {tail}")
            try:
                urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.1)  # it answers a second or two after the start: no need to overshoot by 0.5 s
        self.stop()
        raise RuntimeError("virtuoso did not answer within the start timeout")

    def isql(self, *statements: str, timeout: float = 600.0) -> str:
        """Run SQL statements through isql (the bulk loader's interface)."""
        return self.isql_script("\n".join(s.rstrip(";") + ";" for s in statements) + "\n", timeout)

    def isql_script(self, script: str, timeout: float = 600.0) -> str:
        if ISQL is None:
            raise RuntimeError("isql-vt not installed")
        res = subprocess.run([ISQL, str(self.sql_port), USER, PASSWORD], input=script, text=True,
                             capture_output=True, timeout=timeout)
        if res.returncode != 0 or "*** Error" in res.stdout:
            raise RuntimeError(f"isql failed: {res.stdout[-800:]} {res.stderr[-400:]}")
        return res.stdout

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.proc = None

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
