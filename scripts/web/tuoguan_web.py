"""What the browser walk-through and the screenshots share: a sample school's ledger with one account of
each role, `tuoguan serve` on a free loopback port (stopped at the end), and headless Chromium."""
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PASSWORD = "correct-horse-9"
ACCOUNTS = [("王会计", "clerk", None), ("张敏", "committee", None), ("刘校长", "principal", None), ("李老师", "teacher", "1年级1班")]
WAIT = 20  # seconds: every wait is bounded


def binary():
    for candidate in (".build/debug/tuoguan", ".build/release/tuoguan"):
        path = os.path.join(ROOT, candidate)
        if os.access(path, os.X_OK):
            return path
    raise SystemExit("build the tool first: swift build --product tuoguan")


def tuoguan(*args, stdin=None, cwd=None):
    env = dict(os.environ, LANG="zh_CN.UTF-8")
    env.pop("TUOGUAN_DB", None)
    run = subprocess.run([binary(), *args], input=stdin, capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=600)
    if run.returncode != 0:
        raise RuntimeError(f"tuoguan {' '.join(args)} failed ({run.returncode}): {run.stderr.strip()}")
    return run.stdout


def add_accounts(db):
    for name, role, scope in ACCOUNTS:
        extra = ["--class", scope] if scope else []
        tuoguan("user", "add", name, "--role", role, *extra, "--db", db, "--by", "walk", stdin=f"{PASSWORD}\n{PASSWORD}\n")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(db):
    """`tuoguan serve` on a free loopback port; yields its base URL; always stopped at the end."""
    port = free_port()
    env = dict(os.environ, LANG="zh_CN.UTF-8")
    started = time.monotonic()
    proc = subprocess.Popen([binary(), "serve", "--db", db, "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + WAIT
        while True:
            try:
                urllib.request.urlopen(url + "/login", timeout=2).read()
                break
            except Exception:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("tuoguan serve did not start: " + (proc.stdout.read() if proc.poll() is not None else "timeout"))
                time.sleep(0.05)
        print(f"serve: up in {time.monotonic() - started:.2f} s at {url}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextlib.contextmanager
def browser(width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}",
                "--lang=zh-CN", "--hide-scrollbars"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    # The browser's own words (a file field's button) in Chinese, as on a school's computer.
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver",
                      env=dict(os.environ, LANG="C.UTF-8", LANGUAGE="zh_CN:zh"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    # The page's width as asked (a phone's 390 px too, below the window's own minimum), the height the page's.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver, css):
    return WebDriverWait(driver, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def press(driver, element_id):
    """Clicks a form's button and waits (bounded) until the next page has replaced this one."""
    button = driver.find_element(By.ID, element_id)
    button.click()

    def replaced(_):
        # Chromium reports the old page's element as stale, or as not belonging to the document any more.
        try:
            button.is_enabled()
            return False
        except Exception:
            return True

    WebDriverWait(driver, WAIT).until(replaced)


def login(driver, url, name):
    driver.delete_all_cookies()
    driver.get(url + "/login")
    wait_for(driver, "#name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    press(driver, "login")
    WebDriverWait(driver, WAIT).until(lambda d: "/login" not in d.current_url)


def fill(driver, fields):
    """Types into the form's fields by name (a select by its value)."""
    for name, value in fields.items():
        element = driver.find_element(By.NAME, name)
        if element.tag_name == "select":
            from selenium.webdriver.support.ui import Select
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)


def sample_school(folder, students=120):
    """A sample school's ledger made like `tuoguan demo --keep-db`, with the four accounts."""
    db = os.path.join(folder, "school.sqlite")
    tuoguan("demo", "--students", str(students), "--keep-db", db, "--out", os.path.join(folder, "reports"))
    add_accounts(db)
    return db


def temp_folder(prefix):
    return tempfile.mkdtemp(prefix=prefix)


__all__ = ["By", "TimeoutException", "WebDriverWait", "EC"]
