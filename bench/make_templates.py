#!/usr/bin/env python3
"""Generates the benchmark's synthetic templates and data (python-docx) into bench/work/.

Every case exists twice, for DocFill (Mustache tags) and for docxtpl (Jinja tags), built by the
same code from the same content: the two templates differ only in tag syntax, and the two
rendered documents hold the same text.

  tables of N rows x 6 columns (N = 1,000 / 10,000 / 100,000): a header row and one data row.
      DocFill:  {{#rows}}{{a}} | {{b}} | ... | {{f}}{{/rows}}   (tags in the data row itself)
      docxtpl:  {%tr for r in rows %} row, {{ r.a }} ... {{ r.f }} row, {%tr endfor %} row
      docxtpl's documented row syntax needs a row of its own before and after the repeated
      row; those rows vanish when it renders. DocFill repeats every row from the open tag's
      row to the close tag's row (a tag-only row would be repeated, empty), so its tags sit in
      the first and last cell of the data row. Both outputs: the header row and N data rows.
  seed report: a document like the seed Vietnamese official report (two-column header table,
      title, sections of paragraphs and bullet paragraphs, three appendix tables, signature
      table), data flattened from Samples/pho-hoa-2023.yaml into seed.json.

  the real seed report (with --bench DOCFILL_BENCH): Templates/bao-cao-dang-uy.docx itself, whose
      docxtpl twin bench/docxtpl_from_docfill.py writes (seed-real.docxtpl.docx) from the
      report model's view of Samples/pho-hoa-2023.yaml (`docfill-bench --dump-view`:
      seed-real.view.json; docxtpl's data, rich text as plain text: seed-real.docxtpl.json).
      DocFill keeps rendering the YAML through the model (docfill-bench's built-in case of the
      same name takes only the docxtpl template and data from this file).

Writes bench/work/cases.json: [{name, template, data, runs, floor, seed, docxtpl_template,
docxtpl_runs}], paths relative to bench/work/.
Run: bench/.venv/bin/python bench/make_templates.py [--bench PATH/TO/docfill-bench]
"""
import json
import os
import subprocess
import sys

try:
    import docx  # python-docx
except ImportError:
    sys.exit("make_templates: python-docx is not installed (pip install python-docx)")
try:
    import yaml
except ImportError:
    yaml = None

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
SAMPLE = os.path.join(ROOT, "Samples", "pho-hoa-2023.yaml")
COLUMNS = ["a", "b", "c", "d", "e", "f"]


class DocFillTags:
    """Mustache tags. `item` is the loop variable docxtpl needs; Mustache pushes the item."""
    name = "docfill"

    def var(self, path, item=None):
        return "{{%s}}" % path

    def value(self, item):
        return "{{.}}"

    def field(self, obj, key):
        return "{{%s.%s}}" % (obj, key)

    def p_open(self, list_path, item, parent=None):
        return "{{#%s}}" % list_path

    def p_close(self, list_path):
        return "{{/%s}}" % list_path


class DocxtplTags:
    name = "docxtpl"

    def var(self, path, item=None):
        return "{{ %s.%s }}" % (item, path) if item else "{{ %s }}" % path

    def value(self, item):
        return "{{ %s }}" % item

    def field(self, obj, key):
        return "{{ %s.%s }}" % (obj, key)

    def p_open(self, list_path, item, parent=None):
        source = "%s.%s" % (parent, list_path) if parent else list_path
        return "{%%p for %s in %s %%}" % (item, source)

    def p_close(self, list_path):
        return "{%p endfor %}"


def loop_table(document, tags, list_path, item, parent, header, fields):
    """A table: the header row, then a row repeated once per item of `list_path`."""
    rows = 2 if tags.name == "docfill" else 4
    table = document.add_table(rows=rows, cols=len(fields))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    data_row = table.rows[1] if tags.name == "docfill" else table.rows[2]
    for i, (cell, field) in enumerate(zip(data_row.cells, fields)):
        text = tags.var(field, item)
        if tags.name == "docfill":
            if i == 0:
                text = "{{#%s}}" % list_path + text
            if i == len(fields) - 1:
                text = text + "{{/%s}}" % list_path
        cell.text = text
    if tags.name == "docxtpl":
        source = "%s.%s" % (parent, list_path) if parent else list_path
        table.rows[1].cells[0].text = "{%%tr for %s in %s %%}" % (item, source)
        table.rows[3].cells[0].text = "{%tr endfor %}"
    return table


def table_template(tags, path):
    document = docx.Document()
    document.add_paragraph("Bảng kê " + tags.var("title"))
    loop_table(document, tags, "rows", "r", None,
               ["Mã", "Tên mặt hàng", "Số lượng", "Đơn giá", "Ngày", "Ghi chú"], COLUMNS)
    document.add_paragraph("Tổng số dòng: " + tags.var("count"))
    document.save(path)


def table_data(n):
    return {
        "title": "%d dòng" % n,
        "count": str(n),
        "rows": [{
            "a": "MH-%06d" % i,
            "b": "Mặt hàng số %d — gạo tẻ Quảng Ngãi" % i,
            "c": str(i % 97 + 1),
            "d": "%d.%03d,50" % (i % 90 + 10, i % 1000),
            "e": "%02d/%02d/2023" % (i % 28 + 1, i % 12 + 1),
            "f": "Đã giao" if i % 3 else "Chờ duyệt",
        } for i in range(n)],
    }


# ---- seed-sized report ----------------------------------------------------------------

def plain(text):
    """Seed text without the sample's *italic* markers or line breaks (docxtpl would need
    special handling for a newline; DocFill makes it a line break)."""
    return " ".join(str(text).replace("*", "").split())


def flatten_items(items, paragraphs, bullets):
    for item in items or []:
        if "text" in item:
            text = plain(item["text"])
            if "number" in item:
                text = "%s. %s" % (item["number"], text)
            paragraphs.append(text)
        for bullet in item.get("bullets") or []:
            bullets.append(plain(bullet.get("text", "")))
            sub_paragraphs, sub_bullets = [], []
            flatten_items(bullet.get("bullets"), sub_paragraphs, sub_bullets)
            bullets.extend(sub_paragraphs + sub_bullets)


def seed_data():
    if yaml is None:
        raise RuntimeError("PyYAML is not installed")
    with open(SAMPLE, encoding="utf-8") as f:
        report = yaml.safe_load(f)
    sections = []
    for part in report.get("parts", []):
        for number, section in enumerate(part.get("sections") or [], 1):
            paragraphs, bullets = [], []
            for sub in section.get("subsections") or []:
                paragraphs.append(plain(sub["title"]))
                flatten_items(sub.get("items"), paragraphs, bullets)
            flatten_items(section.get("items"), paragraphs, bullets)
            sections.append({"title": "%d. %s" % (number, plain(section["title"])),
                             "paragraphs": paragraphs, "bullets": bullets})
    appendices = []
    for index, appendix in enumerate(report.get("appendices", [])[:3], 1):
        width = max(len(r["cells"]) for r in appendix["rows"]) + 1
        rows = []
        for row in appendix["rows"]:
            values = [row.get("label", "")] + list(row["cells"])
            values += [""] * (width - len(values))
            rows.append({"c%d" % i: plain(v) for i, v in enumerate(values)})
        appendices.append({"label": "Phụ lục %d" % index, "title": plain(appendix["title"]),
                           "width": width, "rows": rows})
    year, month, day = str(report["date"]).split("-")
    issuer = report["issuer"]
    signature = report["signature"]
    data = {
        "superior": plain(issuer["superior"]),
        "issuer": plain(" ".join(issuer["name_lines"])),
        "number_line": "Số %s-%s" % (report["number"], report["symbol"]),
        "party": "ĐẢNG CỘNG SẢN VIỆT NAM",
        "date_line": "%s, ngày %s tháng %s năm %s" % (report["place"], day, int(month), year),
        "document_type": plain(report["document_type"]),
        "subject": plain(report["subject"]),
        "sections": sections,
        "closing": plain(report["closing"]),
        "recipients": [plain(r) for r in report.get("recipients", [])] + [plain(report.get("archive", ""))],
        "authority": plain(signature["authority"]),
        "signer_title": plain(signature["title"]),
        "signer": plain(signature["name"]),
    }
    for appendix in appendices:
        data["appendix%s" % appendix["label"][-1]] = {k: appendix[k] for k in ("label", "title", "rows")}
    return data, [a["width"] for a in appendices]


def paragraph_loop(document, tags, list_path, item, parent, body, style=None):
    """`list_path` repeated over paragraphs: the open and close tags each alone in a paragraph."""
    document.add_paragraph(tags.p_open(list_path, item, parent))
    body(style)
    document.add_paragraph(tags.p_close(list_path))


def seed_template(tags, path, widths):
    document = docx.Document()
    header = document.add_table(rows=3, cols=2)
    cells = header.rows
    cells[0].cells[0].text = tags.var("superior")
    cells[0].cells[1].text = tags.var("party")
    cells[1].cells[0].text = tags.var("issuer")
    cells[1].cells[1].text = ""
    cells[2].cells[0].text = tags.var("number_line")
    cells[2].cells[1].text = tags.var("date_line")
    document.add_paragraph(tags.var("document_type"), style="Title")
    document.add_paragraph(tags.var("subject"))

    def section_body(_):
        document.add_paragraph(tags.var("title", "s"), style="Heading 2")
        paragraph_loop(document, tags, "paragraphs", "p", "s",
                       lambda _: document.add_paragraph(tags.value("p")))
        paragraph_loop(document, tags, "bullets", "b", "s",
                       lambda _: document.add_paragraph(tags.value("b"), style="List Bullet"))
    paragraph_loop(document, tags, "sections", "s", None, section_body)
    document.add_paragraph(tags.var("closing"))

    signature = document.add_table(rows=3, cols=2)
    left = signature.rows[0].cells[0]
    left.text = "Nơi nhận:"
    # A paragraph loop inside a table cell.
    left.add_paragraph(tags.p_open("recipients", "x"))
    left.add_paragraph(tags.value("x"))
    left.add_paragraph(tags.p_close("recipients"))
    signature.rows[0].cells[1].text = tags.var("authority")
    signature.rows[1].cells[1].text = tags.var("signer_title")
    signature.rows[2].cells[1].text = tags.var("signer")

    for index, width in enumerate(widths, 1):
        name = "appendix%d" % index
        document.add_page_break()
        document.add_paragraph(tags.field(name, "label"), style="Heading 1")
        document.add_paragraph(tags.field(name, "title"))
        header_row = ["TT"] + ["(%d)" % i for i in range(1, width)]
        if tags.name == "docfill":
            list_path, parent = "%s.rows" % name, None
        else:
            list_path, parent = "rows", name
        loop_table(document, tags, list_path, "r", parent, header_row, ["c%d" % i for i in range(width)])
    document.save(path)


REAL_SEED = "seed report (Templates)"   # docfill-bench's realSeedName


def real_seed_case(bench):
    """The real seed report's docxtpl twin and its data, converted from the DocFill template."""
    import docxtpl_from_docfill
    view = os.path.join(WORK, "seed-real.view.json")
    subprocess.run([bench, "--dump-view", view], check=True)
    docxtpl_from_docfill.convert_file(os.path.join(ROOT, "Templates", "bao-cao-dang-uy.docx"), view,
                                      os.path.join(WORK, "seed-real.docxtpl.docx"),
                                      os.path.join(WORK, "seed-real.docxtpl.json"))
    return {"name": REAL_SEED, "template": "../../Templates/bao-cao-dang-uy.docx", "data": "seed-real.docxtpl.json",
            "runs": 200, "floor": "template", "docxtpl_template": "seed-real.docxtpl.docx", "docxtpl_runs": 5}


def main(argv):
    os.makedirs(WORK, exist_ok=True)
    cases = []
    for n, runs, docxtpl_runs in [(1_000, 30, 5), (10_000, 10, 5), (100_000, 3, 1)]:
        stem = "table-%d" % n
        for tags in (DocFillTags(), DocxtplTags()):
            table_template(tags, os.path.join(WORK, "%s.%s.docx" % (stem, tags.name)))
        with open(os.path.join(WORK, stem + ".json"), "w", encoding="utf-8") as f:
            json.dump(table_data(n), f, ensure_ascii=False)
        cases.append({"name": "table %s rows × 6" % format(n, ","), "template": stem + ".docfill.docx",
                      "data": stem + ".json", "runs": runs, "floor": "output", "rows": n,
                      "docxtpl_template": stem + ".docxtpl.docx", "docxtpl_runs": docxtpl_runs})
    try:
        data, widths = seed_data()
    except Exception as error:  # the tables still make a benchmark
        print("make_templates: seed report skipped: %s" % error, file=sys.stderr)
    else:
        with open(os.path.join(WORK, "seed.json"), "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
        for tags in (DocFillTags(), DocxtplTags()):
            seed_template(tags, os.path.join(WORK, "seed.%s.docx" % tags.name), widths)
        cases.insert(0, {"name": "seed report (generated)", "template": "seed.docfill.docx",
                         "data": "seed.json", "runs": 200, "floor": "template", "seed": True,
                         "docxtpl_template": "seed.docxtpl.docx", "docxtpl_runs": 5})
    if "--bench" in argv:
        try:
            cases.insert(0, real_seed_case(argv[argv.index("--bench") + 1]))
        except Exception as error:  # the other cases still make a benchmark
            print("make_templates: the real seed's docxtpl twin skipped: %s" % error, file=sys.stderr)
    with open(os.path.join(WORK, "cases.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
    print("make_templates: %d cases in %s" % (len(cases), os.path.relpath(os.path.join(WORK, "cases.json"), ROOT)))


if __name__ == "__main__":
    main(sys.argv[1:])
