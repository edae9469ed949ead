"""Browser tests of `docfill serve` (run by scripts/browser-tests.sh).

Arguments: the server's URL, its workspace folder, the screenshot folder, a download folder.
Each step names what it checks; the first failure stops the run with its message.
"""
import io
import os
import re
import sys
import time
import urllib.request
import zipfile

import yaml
from openapi_spec_validator import validate as validate_openapi
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

URL, WORKSPACE, SHOTS, DOWNLOADS = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4]
REPORT = "pho-hoa-2023.yaml"
os.makedirs(DOWNLOADS, exist_ok=True)


def browser(javascript=True, language="vi-VN,vi"):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600",
                 "--lang=vi-VN"):
        options.add_argument(flag)
    prefs = {"intl.accept_languages": language, "download.default_directory": DOWNLOADS,
             "download.prompt_for_download": False}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": DOWNLOADS})
    return driver


def wait(driver, condition, seconds=60):
    return WebDriverWait(driver, seconds).until(condition)


def shot(driver, name):
    path = os.path.join(SHOTS, name + ".png")
    driver.save_screenshot(path)
    print("screenshot:", path)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def field(driver, path):
    return driver.find_element(By.CSS_SELECTOR, '[name="%s"]' % path)


def set_text(driver, path, text):
    element = field(driver, path)
    element.clear()
    element.send_keys(text)


def click(driver, element, seconds=60):
    """Clicks something that loads a new page, and waits until the new page has replaced the old."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait(driver, EC.staleness_of(old), seconds)


def save(driver):
    click(driver, driver.find_element(By.ID, "save"))
    wait(driver, EC.presence_of_element_located((By.ID, "banner")))


def docx_text(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml)


def step(name):
    print("--", name, flush=True)


def main():
    started = time.time()
    step("the OpenAPI document served validates (OpenAPI 3.1)")
    spec = yaml.safe_load(urllib.request.urlopen(URL + "/openapi.yaml").read())
    validate_openapi(spec)
    check(set(spec["paths"]) == {"/api/templates", "/api/templates/{name}/schema", "/api/render", "/api/check"},
          "the document does not describe the API's paths")
    a = browser()
    b = browser()
    try:
        step("home page in Vietnamese")
        a.get(URL + "/")
        check(a.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi", "the page is not in Vietnamese")
        check("Thư mục làm việc" in a.find_element(By.TAG_NAME, "h1").text, "no Vietnamese heading")
        check(a.find_elements(By.LINK_TEXT, REPORT), "the Party report is not listed")
        shot(a, "home")

        step("open the Party report, change the number and a paragraph with *italic*")
        click(a, a.find_element(By.LINK_TEXT, REPORT))
        wait(a, EC.presence_of_element_located((By.ID, "data-form")))
        check(a.find_element(By.ID, "template-name").text == "bao-cao-dang-uy.docx", "not the Party template")
        set_text(a, "number", "7")
        # The script checks as one types: the number's message appears beside it, unsaved.
        live = wait(a, EC.presence_of_element_located((By.CSS_SELECTOR, '[data-path="number"] p.note.live[data-code="bad_number_symbol"]')))
        check("7" in live.text, "the live message does not name the number: " + live.text)
        set_text(a, "number", "07")
        paragraph = "parts[0].sections[0].subsections[0].items[0].text"
        set_text(a, paragraph, "Phổ Hòa là một phường *nằm ở phía Nam* thị xã Đức Phổ.")
        save(a)
        check("Đã lưu" in a.find_element(By.ID, "banner").text, "no saved message")
        check(field(a, "number").get_attribute("value") == "07", "the number was not saved")
        check("*nằm ở phía Nam*" in field(a, paragraph).get_attribute("value"), "the paragraph was not saved")
        shot(a, "report-form")

        step("add an appendix row and see the total_mismatch message")
        table = a.find_element(By.ID, "f-appendices-5--rows")
        rows = len(table.find_elements(By.CSS_SELECTOR, "tbody tr[data-row]"))
        click(a, a.find_element(By.CSS_SELECTOR, 'button[value="add:appendices[5].rows"]'))
        wait(a, EC.presence_of_element_located((By.ID, "banner")))
        table = a.find_element(By.ID, "f-appendices-5--rows")
        check(len(table.find_elements(By.CSS_SELECTOR, "tbody tr[data-row]")) == rows + 1, "no row was added")
        set_text(a, "appendices[5].rows[%d].label" % rows, "2024")
        set_text(a, "appendices[5].rows[%d].cells[0]" % rows, "5")
        save(a)
        note = a.find_element(By.CSS_SELECTOR, '#f-appendices-5--stated_total-cells-0- ~ p.note[data-code="total_mismatch"]')
        check("7 + 25 + 5" in note.text, "the total_mismatch message does not count the new row: " + note.text)
        check(a.find_elements(By.CSS_SELECTOR, '#messages li[data-code="total_mismatch"]'), "total_mismatch is not listed at the top")
        shot(a, "report-check")

        step("preview: page images and page count")
        click(a, a.find_element(By.ID, "preview-link"), 180)
        count = int(wait(a, EC.presence_of_element_located((By.ID, "page-count")), 180).text)
        check(count >= 2, "the preview has %d pages" % count)
        images = a.find_elements(By.CSS_SELECTOR, "#pages img")
        check(len(images) == count, "%d images for %d pages" % (len(images), count))
        wait(a, lambda d: d.execute_script("return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"))
        shot(a, "preview")

        step("download the DOCX and check its text")
        a.get(URL + "/data/" + REPORT)
        a.find_element(By.ID, "download-docx").click()
        target = os.path.join(DOWNLOADS, "pho-hoa-2023.docx")
        wait(a, lambda d: os.path.exists(target) and not os.path.exists(target + ".crdownload"))
        text = docx_text(open(target, "rb").read())
        check("Số 07-BC/ĐU" in text, "the DOCX lacks the new number")
        check("nằm ở phía Nam" in text, "the DOCX lacks the edited paragraph")

        step("a second session's stale form is refused with a clear message")
        b.get(URL + "/data/" + REPORT)
        a.get(URL + "/data/" + REPORT)
        set_text(a, "place", "Phổ Hòa A")
        save(a)
        set_text(b, "place", "Phổ Hòa B")
        click(b, b.find_element(By.ID, "save"))
        banner = wait(b, EC.presence_of_element_located((By.CSS_SELECTOR, "#banner.stale")))
        check("CHƯA được lưu" in banner.text, "no stale-form message: " + banner.text)
        check(field(b, "place").get_attribute("value") == "Phổ Hòa B", "the second session's edit is not kept on the page")
        shot(b, "stale-form")
        a.get(URL + "/data/" + REPORT)
        check(field(a, "place").get_attribute("value") == "Phổ Hòa A", "the first session's save was lost")

        step("next year: the new file's to-dos are highlighted")
        click(a, a.find_element(By.ID, "next-year"))
        wait(a, EC.presence_of_element_located((By.CSS_SELECTOR, "#banner.ok")))
        check("pho-hoa-2024-2.yaml" in a.find_element(By.ID, "title").text, "not next year's file: " + a.find_element(By.ID, "title").text)
        todos = a.find_elements(By.CSS_SELECTOR, ".field.todo, input.todo")
        check(len(todos) >= 3, "only %d to-do fields are highlighted" % len(todos))
        check("todo" in a.find_element(By.CSS_SELECTOR, '[data-path="number"]').get_attribute("class"), "the number is not a to-do")
        check(a.find_elements(By.CSS_SELECTOR, '#messages li[data-code="open_todo"]'), "no open_todo messages listed")
        shot(a, "next-year-todos")

        step("what changed against last year")
        click(a, a.find_element(By.ID, "diff-link"), 120)
        diff = wait(a, EC.presence_of_element_located((By.ID, "diff"))).text
        check("[TODO" in diff, "the diff does not show the to-dos")
        step("English by the switch")
        a.get(URL + "/")
        click(a, a.find_element(By.ID, "switch-language"))
        wait(a, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        check("Workspace" in a.find_element(By.TAG_NAME, "h1").text, "the switch did not give English")
    finally:
        a.quit()
        b.quit()

    step("JavaScript off: edit, save, download")
    c = browser(javascript=False)
    try:
        c.get(URL + "/data/invoice.yaml")
        set_text(c, "customer.name", "Trần Thị Bích Ngọc")
        click(c, c.find_element(By.ID, "save"))
        wait(c, EC.presence_of_element_located((By.ID, "banner")))
        check(field(c, "customer.name").get_attribute("value") == "Trần Thị Bích Ngọc", "the edit was not saved without JavaScript")
        shot(c, "invoice-no-js")
        link = c.find_element(By.ID, "download-docx").get_attribute("href")
        text = docx_text(urllib.request.urlopen(link).read())
        check("Trần Thị Bích Ngọc" in text, "the downloaded DOCX lacks the edit")
    finally:
        c.quit()
    print("browser tests passed in %.0f s" % (time.time() - started))


if __name__ == "__main__":
    main()
