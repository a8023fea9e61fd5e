"""The README's course command really starts JupyterLab on the course index."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_make_course_serves_jupyterlab(tmp_path):
    port = _free_port()
    lab_args = (
        f"--no-browser --port={port} --ip=127.0.0.1 --IdentityProvider.token= "
        "--ServerApp.password= --ServerApp.disable_check_xsrf=True"
    )
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "course", f"LAB_ARGS={lab_args}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stdout.read().decode(errors="replace")
            try:
                code, body = _get(f"http://127.0.0.1:{port}/api/status")
                status = json.loads(body)
                break
            except OSError:
                time.sleep(0.5)
        assert status is not None, "JupyterLab did not answer within 90 s"
        assert code == 200 and "started" in status
        code, page = _get(f"http://127.0.0.1:{port}/lab/tree/notebooks/00_sommaire.ipynb")
        assert code == 200 and b"JupyterLab" in page
        code, body = _get(f"http://127.0.0.1:{port}/api/contents/notebooks/00_sommaire.ipynb")
        assert json.loads(body)["type"] == "notebook"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
