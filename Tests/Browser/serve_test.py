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
import math
import struct
import zipfile
import zlib

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


def fits_width(driver, page):
    """The page needs no horizontal scrolling in the 1280 px window."""
    width = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth]")
    check(width[2] == 1280, "the window is %d px wide, not 1280" % width[2])
    check(width[0] <= width[1], "%s scrolls sideways: %d px of content in %d px" % (page, width[0], width[1]))


def png(path, width, height, ink):
    """Writes a PNG of a blue pen stroke (a signature) or a red ring (a seal) on white."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            if ink == "signature":
                on = abs(y - (height / 2 + height / 4 * math.sin(x / 9.0))) < 2.5 and 10 < x < width - 10
                row += bytes((20, 40, 160) if on else (255, 255, 255))
            else:
                r = math.hypot(x - width / 2, y - height / 2)
                on = width / 2 - 9 < r < width / 2 - 3 or width / 2 - 24 < r < width / 2 - 21
                row += bytes((200, 20, 20) if on else (255, 255, 255))
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))
    return path


def stored_picture(path):
    """The value the form gives a field after uploading the picture at `path`."""
    import hashlib
    return "pictures/docfill-%s.png" % hashlib.sha256(open(path, "rb").read()).hexdigest()[:16]


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
        fits_width(a, "the home page")
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
        fits_width(a, "the report's form")
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
        fits_width(a, "the preview")
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

        step("upload a signature picture: stored beside the data, named in it, shown as a thumbnail")
        signature = png(os.path.join(DOWNLOADS, "chu-ky.png"), 240, 90, "signature")
        a.find_element(By.CSS_SELECTOR, 'input[type="file"][name="_picture:signature.signature_image"]').send_keys(signature)
        save(a)
        check(field(a, "signature.signature_image").get_attribute("value") == stored_picture(signature),
              "the field does not name the stored picture: " + field(a, "signature.signature_image").get_attribute("value"))
        thumb = a.find_element(By.ID, "f-signature-signature_image-thumb")
        wait(a, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth === 240", thumb))
        saved = yaml.safe_load(open(os.path.join(WORKSPACE, "Samples", REPORT), encoding="utf-8"))
        check(saved["signature"]["signature_image"] == stored_picture(signature), "the data file does not name the picture")
        check(open(os.path.join(WORKSPACE, "Samples", stored_picture(signature)), "rb").read() == open(signature, "rb").read(),
              "the stored picture is not the uploaded one")
        a.execute_script("arguments[0].scrollIntoView({block: 'center'})", thumb)
        fits_width(a, "the report's form with a picture")
        shot(a, "signature-upload")

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
        fits_width(a, "what changed")
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
        fits_width(c, "the invoice's form")
        shot(c, "invoice-no-js")
        link = c.find_element(By.ID, "download-docx").get_attribute("href")
        text = docx_text(urllib.request.urlopen(link).read())
        check("Trần Thị Bích Ngọc" in text, "the downloaded DOCX lacks the edit")

        step("JavaScript off: a seal picture uploads with the form (multipart), and the DOCX carries it")
        seal = png(os.path.join(DOWNLOADS, "con-dau.png"), 140, 140, "seal")
        c.get(URL + "/data/" + REPORT)
        c.find_element(By.CSS_SELECTOR, 'input[type="file"][name="_picture:signature.seal_image"]').send_keys(seal)
        click(c, c.find_element(By.ID, "save"))
        wait(c, EC.presence_of_element_located((By.ID, "banner")))
        check(field(c, "signature.seal_image").get_attribute("value") == stored_picture(seal), "the seal was not stored without JavaScript")
        thumb = c.find_element(By.ID, "f-signature-seal_image-thumb")
        c.execute_script("arguments[0].scrollIntoView({block: 'center'})", thumb)
        shot(c, "seal-upload-no-js")
        link = c.find_element(By.ID, "download-docx").get_attribute("href")
        with zipfile.ZipFile(io.BytesIO(urllib.request.urlopen(link).read())) as z:
            media = [n for n in z.namelist() if n.startswith("word/media/docfill-")]
            check(z.read("word/media/" + stored_picture(seal).split("/")[1]) == open(seal, "rb").read(),
                  "the DOCX lacks the seal: " + ", ".join(media))

        step("a data file that is a list: one form per record, records added")
        c.get(URL + "/data/members.yaml")
        def count_records():
            buttons = c.find_elements(By.CSS_SELECTOR, 'button[value^="remove:["]')
            return len([b for b in buttons if re.fullmatch(r"remove:\[\d+\]", b.get_attribute("value"))])
        records = count_records()
        check(records >= 3 and field(c, "[0].name").get_attribute("value") == "Lê Minh Đức", "the records are not in the form")
        click(c, c.find_element(By.CSS_SELECTOR, 'button[value="add:"]'))
        wait(c, EC.presence_of_element_located((By.ID, "banner")))
        check(count_records() == records + 1, "no record was added")
        fits_width(c, "the records' form")
        shot(c, "records-list")
    finally:
        c.quit()
    print("browser tests passed in %.0f s" % (time.time() - started))


if __name__ == "__main__":
    main()
