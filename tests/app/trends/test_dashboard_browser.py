"""The dashboard in a real headless Chromium: sign in with GitHub (the stand-in), follow the links from
the organisation to a sprint's pull requests, filter by team, on a laptop and a phone; screenshots
are saved under build/screenshots/."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import uvicorn
from custody.reviewer.app.standin import StandIn, World
from custody.reviewer.app.store import Store
from custody.reviewer.app.webhook.app import create_app
from custody.reviewer.app.webhook.routes import extra_routers
from custody.reviewer.gather.scenario import load_scenario
from custody.reviewer.review import run_review
from custody.reviewer.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "churn-retrain"
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = os.environ.get("CUSTODY_TEST_CHROMIUM") or shutil.which("chromium")
CHROMEDRIVER = os.environ.get("CUSTODY_TEST_CHROMEDRIVER") or shutil.which("chromedriver")

webdriver = pytest.importorskip("selenium.webdriver")
if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser test: bash .ci/chromium.sh installs Chromium")
    pytest.skip("no Chromium here (bash .ci/chromium.sh installs it)", allow_module_level=True)

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    world = World.from_scenario(EXAMPLE, installation_id=5)
    world.members, world.browser_login = {"manager": {5}}, "manager"
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'b.db'}")
    store.upgrade()
    first = datetime(2026, 3, 2, tzinfo=UTC)
    for sprint in range(4):  # four sprints of history for one repository
        outcome = run_review(load_scenario(EXAMPLE))
        outcome.evidence.pull_request.milestone = None
        outcome.evidence.pull_request.created_at = first + timedelta(days=14 * sprint + 1)
        outcome.evidence.pull_request.number = 40 + sprint
        outcome.verdict.number = 40 + sprint
        store.save_review(outcome)
    with StandIn(world) as standin:
        port = _free_port()
        settings = Settings(webhook_secret="s", api_token="browser-token", github_api_url=standin.base_url,
                            github_web_url=standin.base_url, github_client_id=world.oauth_client[0],
                            github_client_secret=world.oauth_client[1])
        app = create_app(settings, store, lambda job: None, extra_routers=extra_routers(settings, store))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
        server.should_exit = True
        thread.join(timeout=10)
    store.close()


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[object]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_a_manager_signs_in_with_github_and_reads_sprints_down_to_the_prs(app_url: str, browser: object) -> None:
    driver: webdriver.Chrome = browser  # type: ignore[assignment]
    wait = WebDriverWait(driver, 20)
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.get(f"{app_url}/dashboard")
    assert driver.current_url.endswith("/dashboard/sign-in")  # anonymous: sent to sign in
    driver.find_element(By.ID, "github-sign-in").click()  # → the stand-in's github.com → back with a code
    wait.until(expected_conditions.url_to_be(f"{app_url}/dashboard"))
    assert "acme/churn-model" in driver.page_source
    assert driver.find_elements(By.CSS_SELECTOR, ".chart svg"), "the charts are drawn inline"
    driver.save_screenshot(str(SHOTS / "dashboard-overview.png"))

    driver.find_element(By.LINK_TEXT, "acme/churn-model").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "filters")))
    rows = driver.find_elements(By.CSS_SELECTOR, "table tr")
    assert len(rows) == 1 + 4, "one row per sprint"
    assert len(driver.find_elements(By.CSS_SELECTOR, ".chart svg")) == 5
    driver.save_screenshot(str(SHOTS / "dashboard-repository.png"))

    team = driver.find_element(By.NAME, "team")
    team.send_keys("@acme/churn-squad")
    driver.find_element(By.CSS_SELECTOR, "#filters button").click()
    wait.until(expected_conditions.url_contains("team=%40acme%2Fchurn-squad"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "table tr")) == 1 + 4  # the squad owns churn/: every PR
    team = driver.find_element(By.NAME, "team")
    team.clear()
    team.send_keys("@acme/nobody")
    driver.find_element(By.CSS_SELECTOR, "#filters button").click()
    wait.until(expected_conditions.url_contains("nobody"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "table tr")) == 1  # nothing of theirs

    driver.get(f"{app_url}/dashboard/repo/acme/churn-model")
    driver.find_elements(By.CSS_SELECTOR, "table tr td a")[0].click()
    wait.until(expected_conditions.url_contains("/sprint?name="))
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='/pull/']")]
    assert links and all(h.startswith("https://github.com/acme/churn-model/pull/") for h in links)
    driver.save_screenshot(str(SHOTS / "dashboard-sprint.png"))

    driver.set_window_size(390, 844)  # a phone
    driver.get(f"{app_url}/dashboard/repo/acme/churn-model")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, "the page fits a phone; wide tables scroll inside their box"
    driver.save_screenshot(str(SHOTS / "dashboard-phone.png"))
    assert (SHOTS / "dashboard-phone.png").stat().st_size > 10_000

    driver.find_element(By.ID, "sign-out").click()
    wait.until(expected_conditions.url_contains("/dashboard/sign-in"))
    driver.get(f"{app_url}/dashboard")
    assert driver.current_url.endswith("/dashboard/sign-in")
