"""Fixtures of the browser tests: JupyterLab and Voila servers, headless Chromium.

Servers and the browser are started once for the package (the first test that needs
them) and stopped when its last test ends; each test gets a fresh browser context and page, with a JavaScript console log.
See docs/browser-tests.md.
"""

from __future__ import annotations

import json
import os
import sys

import pytest

from .helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    ConsoleLog,
    Lab,
    Server,
    Voila,
    file_digest,
    free_port,
    screenshot,
)

REQUIRE_ENV = "CRMSIM_REQUIRE_BROWSER"
INSTALL_HINT = "sudo apt-get install chromium"


def _missing_browser() -> tuple[str, str] | None:
    """What is missing to run the browser tests, in French and English (None if nothing)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "le paquet Python playwright manque (make test l'installe)",
            "Python package playwright is missing (make test installs it)",
        )
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (
            f"Chromium introuvable ({CHROMIUM}) : installez-le avec « {INSTALL_HINT} »",
            f"Chromium not found ({CHROMIUM}): install it with `{INSTALL_HINT}`",
        )
    return None


@pytest.fixture(scope="package")
def browser():
    """Headless Debian Chromium driven by Playwright (skip, or fail in CI, if missing)."""
    missing = _missing_browser()
    if missing is not None:
        french, english = missing
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(
                f"{REQUIRE_ENV}=1 : tests navigateur obligatoires, {french} / "
                f"browser tests required, {english}",
                pytrace=False,
            )
        pytest.skip(f"Tests navigateur ignorés : {french} / browser tests skipped: {english}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures know whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def console():
    """The JavaScript errors of the test's page (see helpers.CONSOLE_ALLOWLIST)."""
    return ConsoleLog()


@pytest.fixture
def page(browser, console, request):
    """A fresh page (own context: cookies, storage); screenshot saved if the test fails."""
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    console.attach(page)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        screenshot(page, f"{request.node.name}-failure")
    context.close()


@pytest.fixture(scope="package")
def jupyter_env(tmp_path_factory) -> dict:
    """Environment isolating Jupyter's runtime, config, data and Lab settings in tmp.

    Lab settings: no autosave and checkpoints in tmp (a test never writes into the
    repository), no news or update check (no notification to dismiss, no network call).
    """
    home = tmp_path_factory.mktemp("jupyter")
    names = ("runtime", "config", "data", "settings", "workspaces", "checkpoints")
    dirs = {name: home / name for name in names}
    for path in dirs.values():
        path.mkdir()
    settings = {
        "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
        "@jupyterlab/apputils-extension/notification": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }
    for name, values in settings.items():
        target = dirs["settings"] / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    (dirs["config"] / "jupyter_server_config.json").write_text(
        json.dumps(
            {
                "LabApp": {"news_url": None},
                # Checkpoints (written when a notebook is opened) go to tmp, not the repo.
                "FileCheckpoints": {"checkpoint_dir": str(dirs["checkpoints"])},
            }
        )
    )
    return {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
        "JUPYTER_CONFIG_DIR": str(dirs["config"]),
        "JUPYTER_DATA_DIR": str(dirs["data"]),
        "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
        "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture(scope="package")
def lab_server(browser, jupyter_env, tmp_path_factory):
    """JupyterLab on 127.0.0.1, no token, rooted at the repository, kernel from this env."""
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={ROOT}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    log = tmp_path_factory.mktemp("logs") / "jupyterlab.log"
    server = Server.start(
        "JupyterLab", argv, port=port, ready_path="/api/status", env=jupyter_env, log=log
    )
    yield server
    server.stop()


@pytest.fixture(scope="package")
def voila_server(browser, jupyter_env, tmp_path_factory):
    """Voila (0.5) serving notebooks/ on 127.0.0.1, no token; pages at /voila/render/."""
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "voila",
        str(ROOT / "notebooks"),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--Voila.ip=127.0.0.1",
        "--Voila.token=",
        "--show_tracebacks=True",
    ]
    log = tmp_path_factory.mktemp("logs") / "voila.log"
    server = Server.start("Voila", argv, port=port, ready_path="/", env=jupyter_env, log=log)
    yield server
    server.stop()


@pytest.fixture
def lab(lab_server, page):
    """JupyterLab as seen by a fresh page: ``lab.open(path).run_all(selector, text)``.

    Fails if a notebook opened by the test was modified on disk (it must not be saved).
    """
    lab = Lab(lab_server, page)
    yield lab
    for path, digest in lab.opened.items():
        assert file_digest(path) == digest, f"JupyterLab a modifié {path} / modified {path}"


@pytest.fixture
def voila(voila_server, page):
    """Voila as seen by a fresh page: ``voila.open(name, selector, text)``."""
    return Voila(voila_server, page)
