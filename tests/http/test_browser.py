"""The agent page in a real browser: headless Chromium driven by Selenium (Debian: chromium,
chromium-driver, python3-selenium). Signs in with a token, opens a case, applies an event the
guard refuses (the library's message is shown), applies it with the fact (the state changes),
sizes the offer and checks a draft reply; saves a screenshot to SCREENSHOT_DIR.
Exits 77 (skipped) when Chromium, chromedriver or Selenium is missing, unless
SVCR_REQUIRE_BROWSER=1 (CI), where that is a failure.
Run: python3 test_browser.py SVCR_DESK page SCREENSHOT_DIR."""
import os
import shutil
import sys

import http_fixture as fx
from http_fixture import Server, check, open_case

SKIP = 77


def browser_or_skip():
    required = os.environ.get("SVCR_REQUIRE_BROWSER") == "1"
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing = "python3-selenium"
    else:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        driver = shutil.which("chromedriver") or (
            "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
        missing = None if chromium and driver else "chromium and chromium-driver"
    if missing:
        print(f"skipped: {missing} not installed", file=sys.stderr)
        if required:
            raise fx.Failure(f"SVCR_REQUIRE_BROWSER=1 but {missing} is not installed")
        sys.exit(SKIP)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=420,1400", "--no-proxy-server"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(driver), options=options)


def test_page(tmp, screenshot_dir="."):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    driver = browser_or_skip()
    try:
        with Server(tmp) as s:
            s.token = fx.add_token(s.db, "alice", "agent")
            open_case(s, "C-7", customer="ann", severity=3)
            for event in ("apologized", "listened"):
                fx.expect(s.post("/v1/cases/C-7/events", {"event": event}), 200, event)
            wait = WebDriverWait(driver, 15)
            driver.get(f"http://127.0.0.1:{s.port}/")

            # A wrong token is refused on the page; the right one signs in (Enter submits).
            driver.find_element(By.ID, "token").send_keys("svcr_wrong" + Keys.ENTER)
            wait.until(lambda d: d.find_elements(By.ID, "login-error"))
            check("not valid" in driver.find_element(By.ID, "login-error").text, "no 401 message")
            field = driver.find_element(By.ID, "token")
            field.clear()
            field.send_keys(s.token + Keys.ENTER)
            wait.until(lambda d: d.find_element(By.ID, "desk").is_displayed())
            due = driver.find_element(By.ID, "due-list").text
            check("C-7" in due, f"the due list does not show C-7: {due!r}")

            # Every form control has a label.
            for control in driver.find_elements(By.CSS_SELECTOR, "input, select, textarea"):
                cid = control.get_attribute("id")
                check(driver.find_elements(By.CSS_SELECTOR, f"label[for='{cid}']"), f"#{cid} has no label")

            driver.find_element(By.ID, "case-id").send_keys("C-7" + Keys.ENTER)
            wait.until(lambda d: d.find_element(By.ID, "case").is_displayed()
                       and d.find_element(By.ID, "case-name").text == "C-7")
            check(driver.find_element(By.ID, "case-state").text.startswith("fix"), "state fix")
            check("Fix the problem" in driver.find_element(By.ID, "case-guidance").text, "guidance")

            # The guard refuses "fixed" without the customer's wish: the library's message shows.
            Select(driver.find_element(By.ID, "event")).select_by_value("fixed")
            driver.find_element(By.CSS_SELECTOR, "#apply-form button").click()
            wait.until(lambda d: "error" in d.find_element(By.ID, "status").get_attribute("class"))
            message = driver.find_element(By.ID, "status").text
            check("customer_wish" in message, f"the guard's message is not shown: {message!r}")
            check(driver.find_element(By.ID, "case-state").text.startswith("fix"), "a refused event moved the case")

            # With the fact, the event applies and the state changes.
            driver.find_element(By.ID, "facts").send_keys("customer_wish=a fresh cup, now")
            driver.find_element(By.ID, "note").send_keys("from the page")
            driver.find_element(By.CSS_SELECTOR, "#apply-form button").click()
            wait.until(lambda d: d.find_element(By.ID, "case-state").text.startswith("atone"))
            check("now in state atone" in driver.find_element(By.ID, "status").text, "no confirmation")
            check("alice: from the page" in driver.find_element(By.ID, "case-log").text, "the log")

            # Offers and their approval; the phrase check on a draft.
            driver.find_element(By.ID, "offer-button").click()
            wait.until(lambda d: "approval" in d.find_element(By.ID, "offer").text
                       or "may make" in d.find_element(By.ID, "offer").text)
            driver.find_element(By.ID, "draft").send_keys("I understand, and I know how you feel.")
            driver.find_element(By.CSS_SELECTOR, "#reply-form button").click()
            wait.until(lambda d: "discouraged" in d.find_element(By.ID, "reply-result").text)
            check("I can only imagine" in driver.find_element(By.ID, "reply-result").text, "suggestions")

            width, viewport = driver.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]")
            check(viewport <= 520 and width <= viewport,
                  f"the page scrolls sideways on a narrow screen ({width}px in {viewport}px)")
            driver.execute_script("window.scrollTo(0, 0)")
            os.makedirs(screenshot_dir, exist_ok=True)
            path = os.path.join(screenshot_dir, "desk-page.png")
            driver.set_window_size(420, driver.execute_script("return document.body.scrollHeight") + 100)
            check(driver.save_screenshot(path) and os.path.getsize(path) > 1000, "no screenshot")
            print(f"screenshot: {path}")
            check(s.get("/v1/cases/C-7").json["state"] == "atone", "the API does not see the change")
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(fx.run_named_test(sys.argv, globals()))
