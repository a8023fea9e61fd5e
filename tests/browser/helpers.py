"""Helpers for the browser tests: servers, console log, and lesson drivers.

A lesson's browser check stays a few lines::

    def test_my_lesson(lab):
        notebook = lab.open("notebooks/NN_sujet.ipynb")
        panel = notebook.run_all(".crmsim-mypanel", "texte attendu")
        chart = image_sources(panel)
        press_slider(panel, "Libellé du curseur :", "Home")
        expect(panel).to_contain_text("nouveau texte attendu")
        expect(panel.locator("img").first).not_to_have_attribute("src", chart[0])

Everything waits on selectors or text (Playwright's auto-waiting ``expect``); nothing
sleeps, except the fixtures polling a starting server's HTTP port.

Playwright is imported lazily so that this module imports (for doctest collection) on a
machine without it; the fixtures then skip with an explanation.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Error, Locator, Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("CRMSIM_CHROMIUM", "/usr/bin/chromium"))

#: Chromium flags: no sandbox (CI runs as root), and no background traffic (closed network).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Time allowed for the first render of a panel: kernel start, imports, all cells.
FIRST_RENDER_MS = 90_000
#: What an error output of a cell contains (IPython's traceback header).
TRACEBACK = "Traceback (most recent call last)"
#: Time allowed for a panel to react to a control (one round trip to the kernel).
UPDATE_MS = 30_000

#: Console messages of type "error" that are not bugs of the course. Each entry is a
#: regular expression and the reason it is harmless; anything else fails the test.
CONSOLE_ALLOWLIST: list[tuple[str, str]] = [
    (
        r"Failed to load resource: net::ERR_[A-Z_]+ \(https://cdn\.jsdelivr\.net/npm/@fortawesome/",
        "Voila's page links the Font Awesome icons from a CDN: unreachable offline, icons only",
    ),
]


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A server process started in its own process group, stopped with the whole group."""

    name: str
    url: str
    process: subprocess.Popen
    log: Path

    @classmethod
    def start(
        cls, name: str, argv: list[str], *, port: int, ready_path: str, env: dict, log: Path
    ) -> Server:
        handle = log.open("wb")
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()
        server = cls(name, f"http://127.0.0.1:{port}", process, log)
        try:
            server.wait_ready(ready_path)
        except BaseException:
            server.stop()
            raise
        return server

    def wait_ready(self, path: str, timeout: float = 90.0) -> None:
        """Poll ``path`` until it answers 200 (the only polling loop of the suite)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early:\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer within {timeout:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server, then anything it started that is still alive.

        SIGTERM to the server's process group lets Jupyter shut its kernels down cleanly
        (SIGKILL after 20 s). Kernels run in sessions of their own (jupyter_client starts
        them so), hence the sweep of the server's descendants afterwards.
        """
        children = _descendants(self.process.pid)
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for pid, started in children:
            if _start_time(pid) == started:  # same process, not a reused pid
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def _start_time(pid: int) -> int | None:
    """Start time of process ``pid`` (Linux ``/proc``), None if it is gone."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def _descendants(pid: int) -> list[tuple[int, int]]:
    """(pid, start time) of every descendant of ``pid`` (Linux ``/proc``; empty elsewhere)."""
    parents: dict[int, tuple[int, int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = (int(fields[1]), int(fields[19]))
    found: list[tuple[int, int]] = []
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        kids = [(child, start) for child, (ppid, start) in parents.items() if ppid == current]
        found += kids
        frontier += [child for child, _ in kids]
    return found


@dataclass
class ConsoleLog:
    """JavaScript errors seen by a page: console.error messages and uncaught exceptions."""

    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> ConsoleLog:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        return self

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console.error: {message.text} ({message.location.get('url')})")

    def _on_page_error(self, error: Error) -> None:
        self.errors.append(f"uncaught: {error.name}: {error.message}")

    def unexpected(self) -> list[str]:
        """Errors not matched by :data:`CONSOLE_ALLOWLIST`."""
        return [e for e in self.errors if not any(re.search(p, e) for p, _ in CONSOLE_ALLOWLIST)]

    def assert_clean(self) -> None:
        unexpected = self.unexpected()
        assert not unexpected, "JavaScript errors in the page:\n" + "\n".join(unexpected)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as ``test-artifacts/<name>.png``."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- Controls of an ipywidgets panel, located by their visible French label -------------


def slider(panel: Locator, label: str) -> Locator:
    """The ipywidgets slider whose description is ``label``."""
    return panel.locator(".widget-slider", has=panel.page.get_by_text(label, exact=True))


def press_slider(panel: Locator, label: str, key: str, *, times: int = 1) -> None:
    """Focus the slider handle and press ``key`` (ArrowLeft/ArrowRight/Home/End).

    The keyboard moves a slider by exactly one step per press and fires a "change"
    event, which updates the kernel even with ``continuous_update=False``.
    """
    handle = slider(panel, label).locator(".noUi-handle")
    handle.focus()
    for _ in range(times):
        handle.press(key)


def select_option(panel: Locator, label: str, option: str) -> None:
    """Choose ``option`` in the ipywidgets dropdown whose description is ``label``."""
    dropdown = panel.locator(".widget-dropdown", has=panel.page.get_by_text(label, exact=True))
    dropdown.locator("select").select_option(label=option)


def fill_number(panel: Locator, label: str, value: float) -> None:
    """Type ``value`` in the ipywidgets number box whose description is ``label``.

    Enter commits the value, as a student does (the box sends it to the kernel then).
    """
    box = panel.locator(".widget-text", has=panel.page.get_by_text(label, exact=True))
    field = box.locator("input")
    field.fill(str(value))
    field.press("Enter")


def image_sources(panel: Locator) -> list[str]:
    """The ``src`` of every image in the panel (figures are PNG data URLs)."""
    return panel.locator("img").evaluate_all("imgs => imgs.map(i => i.getAttribute('src'))")


def wait_for_panel(page: Page, selector: str, text: str) -> Locator:
    """The first ``selector`` element once it contains ``text``.

    Fails at once, with the traceback, if a cell raised instead: a broken lesson should
    say why in seconds, not after the render timeout.
    """
    from playwright.sync_api import expect

    panel = page.locator(selector).first
    traceback = page.locator(".jp-OutputArea-output", has_text=TRACEBACK).first
    expect(panel.or_(traceback)).to_be_visible(timeout=FIRST_RENDER_MS)
    if traceback.is_visible():
        raise AssertionError(f"A cell raised an error:\n{traceback.inner_text()[-3000:]}")
    expect(panel).to_contain_text(text, timeout=FIRST_RENDER_MS)
    return panel


# --- JupyterLab -------------------------------------------------------------------------


@dataclass
class LabNotebook:
    """A notebook open in JupyterLab."""

    page: Page

    def menu(self, menu: str, item: str) -> None:
        """Click ``menu`` in the menu bar, then ``item``, as a user would (Run > Run All Cells)."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{menu}$")).click()
        self.page.get_by_role("menuitem", name=item, exact=True).click()

    def run_all(self, panel_selector: str, text: str) -> Locator:
        """Clear stored outputs, run all cells, return the panel once it shows ``text``.

        Clearing first makes sure the panel found is the one the kernel just built, not
        the static copy restored from the notebook's saved widget state.
        """
        from playwright.sync_api import expect

        self.menu("Edit", "Clear Outputs of All Cells")
        expect(self.page.locator(panel_selector)).to_have_count(0)
        self.menu("Run", "Run All Cells")
        panel = wait_for_panel(self.page, panel_selector, text)
        # All cells done: no "[*]" prompt left and the kernel is idle.
        expect(self.page.locator(".jp-InputPrompt", has_text="[*]")).to_have_count(
            0, timeout=FIRST_RENDER_MS
        )
        return panel


@dataclass
class Lab:
    """A JupyterLab server seen from one browser page."""

    server: Server
    page: Page
    #: Notebooks opened, with their digest on disk when opened (checked after the test).
    opened: dict[Path, str] = field(default_factory=dict)

    def open(self, path: str) -> LabNotebook:
        """Open ``path`` (relative to the repository) and wait for its kernel to be idle.

        The status bar's "<kernel> | Idle" is the signal: the notebook toolbar's execution
        indicator already says "idle" before a kernel exists.
        """
        from playwright.sync_api import expect

        self.opened[ROOT / path] = file_digest(ROOT / path)
        self.page.goto(f"{self.server.url}/lab/tree/{path}")
        expect(self.page.locator(".jp-NotebookPanel .jp-Cell").first).to_be_visible(
            timeout=FIRST_RENDER_MS
        )
        kernel_status = self.page.locator(".jp-StatusBar-TextItem", has_text=" | ")
        expect(kernel_status).to_have_text(
            re.compile(r"^Python 3.* \| Idle$"), timeout=FIRST_RENDER_MS
        )
        return LabNotebook(self.page)


# --- Voila ------------------------------------------------------------------------------


@dataclass
class Voila:
    """A Voila server (serving ``notebooks/``) seen from one browser page."""

    server: Server
    page: Page

    def open(self, name: str, panel_selector: str, text: str) -> Locator:
        """Render ``notebooks/<name>`` as a page; return the panel once it shows ``text``."""

        self.page.goto(f"{self.server.url}/voila/render/{name}")
        return wait_for_panel(self.page, panel_selector, text)
