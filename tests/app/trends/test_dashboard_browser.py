"""The dashboard in a real headless Chromium: sign in with GitHub (the stand-in), follow the links from
the organisation to a sprint's pull requests, filter by team, on a laptop and a phone; screenshots
are saved under build/screenshots/."""

from __future__ import annotations

import base64
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import yaml
from custody.reviewer.app.demo.run import record_history
from custody.reviewer.app.evaluate import find_scenarios
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
    with _serve(world, store) as url:
        yield url
    store.close()


@contextmanager
def _serve(world: World, store: Store) -> Iterator[str]:
    """The app (webhook, API and dashboard) on a free port, with the stand-in as GitHub."""
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


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo's history (every bundled scenario, recorded as a review) in one installation."""
    world = World.from_scenario(EXAMPLE, installation_id=5)
    world.members, world.browser_login = {"manager": {5}}, "manager"
    for folder in find_scenarios([ROOT / "benchmark" / "scenarios"]):
        repo = str(yaml.safe_load((folder / "scenario.yml").read_text(encoding="utf-8"))["repo"])
        if world.repo(repo) is None:
            World.from_scenario(folder, installation_id=5, world=world)
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'd.db'}")
    store.upgrade()
    record_history(store)
    with _serve(world, store) as url:
        yield url
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


def _api(driver: Any, path: str) -> Any:
    """The JSON API, called by the page's own session (the cookie), as a script on the page would."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.json()).then(done);", path)


def _at(document: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        document = document[part]
    return document


def _full_page(driver: Any, path: Path) -> None:
    """A screenshot of the whole page, charts below the fold included."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"captureBeyondViewport": True, "format": "png"})
    path.write_bytes(base64.b64decode(shot["data"]))


def _numbers(element: Any) -> dict[str, float]:
    """The numbers an element shows, keyed as the API names them (its cells' data-key)."""
    return {cell.get_attribute("data-key"): float(cell.text)
            for cell in element.find_elements(By.CSS_SELECTOR, "[data-key]")}


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_organisation_to_sprint_to_pr_to_finding_and_back_shows_the_apis_numbers(
        demo_url: str, browser: object, width: int, height: int) -> None:
    driver: webdriver.Chrome = browser  # type: ignore[assignment]
    driver.set_window_size(width, height)
    wait = WebDriverWait(driver, 20)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = f"{'desktop' if width > 600 else 'phone'}"
    driver.get(f"{demo_url}/dashboard")
    driver.find_element(By.ID, "github-sign-in").click()
    wait.until(expected_conditions.url_to_be(f"{demo_url}/dashboard"))

    # Organisation: every number of every sprint row is the API's.
    trends = {s["name"]: s for s in _api(driver, "/api/v1/trends")["sprints"]}
    rows = driver.find_elements(By.CSS_SELECTOR, "#sprints tr[data-sprint]")
    assert len(rows) >= 3
    for row in rows:
        expected = trends[row.get_attribute("data-sprint")]
        assert _numbers(row) == {key: float(_at(expected, key)) for key in _numbers(row)}
    headline = driver.find_element(By.ID, "riskier")
    riskier = headline.find_element(By.TAG_NAME, "a").text
    assert f"→ {trends[riskier]['risk']['mean']}" in headline.text  # the headline's numbers too
    assert driver.find_element(By.ID, "calendar").text.startswith("Sprints are fixed 14-day windows")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width + 10
    driver.save_screenshot(str(SHOTS / f"{shot}-1-organisation.png"))
    _full_page(driver, SHOTS / f"{shot}-1-organisation-full.png")
    for index, chart in enumerate(driver.find_elements(By.CSS_SELECTOR, ".chart")):
        driver.execute_script("arguments[0].scrollIntoView()", chart)
        chart.screenshot(str(SHOTS / f"{shot}-1-chart-{index + 1}.png"))
        assert chart.size["width"] <= width  # a chart fits the screen, labels and all
    names = [row.get_attribute("data-sprint") for row in rows]  # newest first
    previous = trends[names[names.index(riskier) + 1]]
    assert f"against {previous['name']}" in headline.text

    # Sprint: the riskier sprint's tiles and reviews are the sprint API's.
    headline.find_element(By.TAG_NAME, "a").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "numbers")))
    story = _api(driver, f"/api/v1/trends/sprint?name={riskier}")
    tiles = _numbers(driver.find_element(By.ID, "numbers"))
    assert tiles == {key: float(_at(story["numbers"], key)) for key in tiles} and len(tiles) == 6
    listed = driver.find_elements(By.CSS_SELECTOR, "#reviews tr[data-pr]")
    assert [r.get_attribute("data-pr") for r in listed] == [f"{r['repo']}#{r['number']}" for r in story["reviews"]]
    for row, review in zip(listed, story["reviews"], strict=True):
        assert _numbers(row) == {"risk": review["risk"], "blocking": review["blocking"], "findings": review["findings"]}
        assert row.find_element(By.CLASS_NAME, "placed").text == f"{review['placed_by']} on {review['placed_on']}"
    told = driver.find_element(By.ID, "retrospective").text  # the same change, told the same way
    assert f"Mean risk rose from {previous['risk']['mean']} to {trends[riskier]['risk']['mean']}" in told
    driver.save_screenshot(str(SHOTS / f"{shot}-2-sprint.png"))

    # PR: the riskiest PR of the sprint, as the PR API has it, and the sprint that placed it.
    riskiest = max(story["reviews"], key=lambda r: (r["risk"], r["findings"]))
    target = f"{riskiest['repo']}#{riskiest['number']}"
    row = next(r for r in listed if r.get_attribute("data-pr") == target)
    driver.execute_script("arguments[0].scrollIntoView()", row)
    row.find_element(By.CLASS_NAME, "pr-page").click()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "placement")))
    pr = _api(driver, f"/api/v1/prs/{riskiest['repo']}/{riskiest['number']}")
    assert int(driver.find_element(By.ID, "risk").text) == pr["risk"]["overall"]
    assert int(driver.find_element(By.ID, "finding-count").text) == len(pr["findings"]) > 0
    placement = driver.find_element(By.ID, "placement").text
    assert pr["sprint"]["name"] == riskier and riskier in placement and pr["sprint"]["placed_on"] in placement
    driver.save_screenshot(str(SHOTS / f"{shot}-3-pr.png"))

    # Finding: the first one, by its anchor, and back up the same way.
    driver.find_element(By.CSS_SELECTOR, "#finding-index a").click()
    wait.until(expected_conditions.url_contains("#finding-1"))
    finding = driver.find_element(By.ID, "finding-1")
    assert finding.is_displayed() and pr["findings"][0]["rule"] in finding.text
    driver.save_screenshot(str(SHOTS / f"{shot}-4-finding.png"))
    driver.back()
    wait.until(lambda d: "#finding" not in d.current_url)
    assert driver.find_element(By.ID, "placement")
    driver.back()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "numbers")))
    assert driver.find_element(By.TAG_NAME, "h1").text == riskier
    driver.back()
    wait.until(expected_conditions.presence_of_element_located((By.ID, "riskier")))
    assert driver.current_url == f"{demo_url}/dashboard"
