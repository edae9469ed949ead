#!/bin/sh
# make-templates.sh — regenerate the official report templates from their hand-written sources.
#
#   For every src/NAME.fodt (flat ODF 1.3 text document) LibreOffice writes, next to this script,
#     NAME.docx   (filter "MS Word 2007 XML"; then schema-order fix-ups, see below)
#     NAME.odt
#   Sources: src/bao-cao-dang-uy.fodt (Party report, Hướng dẫn 36-HD/VPTW) and
#            src/bao-cao-ubnd.fodt    (State report, Nghị định 30/2020/NĐ-CP).
#   Each source declares its data model in office:meta as
#     <meta:user-defined meta:name="docfill.model">official-report</meta:user-defined>
#   which LibreOffice keeps: a custom property in docProps/custom.xml (with its relationship
#   in _rels/.rels and its content-type override) and the same element in the .odt's meta.xml.
#
# Output bytes are not reproducible (LibreOffice stamps dates and its build string);
# the content is.  Made with LibreOffice 7.4 and fonts-liberation2 (Times New Roman is
# substituted by the metric-compatible Liberation Serif when LibreOffice lays out pages).
#
# Usage: ./make-templates.sh [src/NAME.fodt ...]      (default: all src/*.fodt)
# Env:   SOFFICE=/path/to/soffice (default: soffice), PYTHON (default: python3)
set -eu
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ $# -gt 0 ] || set -- src/*.fodt

# The LibreOffice conversion, shared with the test fixtures' make-fixtures.sh.
. ../scripts/lo-convert.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/docfill-templates.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
lo_convert "$WORK" "$@"

for src in "$@"; do
  name=$(basename "$src" .fodt)
  # ---- .docx fix-ups: schema validity ------------------------------------------------
  # LibreOffice 7.4 writes a few things the ECMA-376 schema does not allow, and every
  # render would carry the errors on; the fixes below make the parts valid.
  # Zip entry order, names, dates and compression are kept; a part no fix names is
  # copied as it was.
  #  * word/document.xml: a section break is the FIRST child of w:pPr
  #    (<w:pPr><w:sectPr>…</w:sectPr><w:pStyle …/>…), but CT_PPr wants w:sectPr after
  #    w:pStyle … w:rPr (only w:pPrChange may follow).  Each w:sectPr moves to the end of
  #    its w:pPr.
  #    The appendix table's explicit loops name ODF elements in the source
  #    ({{-table:table-row …}}, {{-table:table-cell …}}); in the .docx they name Word's
  #    ({{-w:tr …}}, {{-w:tc …}}).  A loop tag LibreOffice split across runs would be missed:
  #    the script stops if one is left.
  #    An appendix's section break (a w:sectPr whose page numbers restart at 1) sets up its
  #    first page style only when LibreOffice laid the template's appendix out on one page:
  #    one header (the empty one of "Appendix_First" / "Appendix_Portrait_First") and no
  #    w:titlePg, so its pages after the first had no number.  It gets the header references
  #    and w:titlePg of the document's last section, which LibreOffice writes as the pair
  #    (empty header on the first page, the number on the others): the header parts hold a
  #    centred number and fit either orientation.
  #    And the picture placeholders' VML fallback (mc:Fallback) names the shape in an
  #    attribute `ID` that VML does not have (CT_Shape has `id`): it is dropped (the name
  #    is also in wp:docPr/@name of the DrawingML choice).
  #  * word/numbering.xml: w:pStyle comes before w:numFmt in w:lvl, but CT_Lvl is start,
  #    numFmt, lvlRestart, pStyle, isLgl, suff, lvlText, lvlPicBulletId, legacy, lvlJc,
  #    pPr, rPr.  The children of each w:lvl are sorted into that order.
  "$PYTHON" - "$WORK/out/$name.docx" <<'PY'
import re, sys, zipfile
path = sys.argv[1]

def sectpr_last(xml):
    pat = re.compile(r"<w:pPr>(<w:sectPr>(?:(?!</w:sectPr>).)*</w:sectPr>)((?:(?!</w:pPr>).)*)</w:pPr>", re.S)
    xml, n = pat.subn(lambda m: "<w:pPr>" + m.group(2) + m.group(1) + "</w:pPr>", xml)
    if "<w:pPr><w:sectPr>" in xml:
        sys.exit("make-templates: a w:sectPr is still first in its w:pPr")
    return xml, "moved %d section break(s) to the end of w:pPr" % n

def vml_shape_id(xml):
    xml, n = re.subn(r'(<v:shape\s[^>]*?)\sID="[^"]*"', r"\1", xml)
    return xml, "dropped %d ID attribute(s) of v:shape" % n

# CT_SectPr: the elements that come after w:titlePg.
AFTER_TITLEPG = re.compile(r"<w:(textDirection|bidi|rtlGutter|docGrid|printerSettings|sectPrChange)\b|</w:sectPr>")

def appendix_headers(xml):
    last = re.search(r"<w:sectPr>((?:(?!<w:sectPr>).)*)</w:sectPr>\s*</w:body>", xml, re.S)
    if not last or "<w:titlePg/>" not in last.group(1):
        sys.exit("make-templates: the document's last section has no first-page header pair")
    refs = "".join(re.findall(r"<w:headerReference [^>]*/>", last.group(1)))
    fixed = 0
    def fix(m):
        nonlocal fixed
        sect = m.group(0)
        if "<w:titlePg/>" in sect or not re.search(r'<w:pgNumType w:start="1"', sect):
            return sect
        fixed += 1
        sect = re.sub(r"<w:headerReference [^>]*/>", "", sect)
        sect = sect.replace("<w:sectPr>", "<w:sectPr>" + refs, 1)
        at = AFTER_TITLEPG.search(sect).start()
        return sect[:at] + "<w:titlePg/>" + sect[at:]
    head, tail = xml[:last.start()], xml[last.start():]
    head = re.sub(r"<w:sectPr>(?:(?!<w:sectPr>).)*?</w:sectPr>", fix, head, flags=re.S)
    return head + tail, "gave %d appendix section(s) the first-page header pair" % fixed

def loop_elements(xml):
    names = {"row": "w:tr", "cell": "w:tc"}
    xml, n = re.subn(r"\{\{-table:table-(row|cell) ", lambda m: "{{-%s " % names[m.group(1)], xml)
    if "-table:table-" in xml:
        sys.exit("make-templates: an ODF loop element is left in word/document.xml")
    return xml, "named %d loop element(s) for Word" % n

def document(xml):
    xml, moved = sectpr_last(xml)
    xml, dropped = vml_shape_id(xml)
    xml, loops = loop_elements(xml)
    xml, headers = appendix_headers(xml)
    return xml, moved + "; " + dropped + "; " + loops + "; " + headers

LVL_ORDER = ["start", "numFmt", "lvlRestart", "pStyle", "isLgl", "suff", "lvlText",
             "lvlPicBulletId", "legacy", "lvlJc", "pPr", "rPr"]

def children(content):
    """The top-level elements of an element's content, as strings (only elements allowed)."""
    out, depth, start = [], 0, 0
    for m in re.finditer(r"<(/?)w:[A-Za-z]+[^>]*?(/?)>", content):
        if depth == 0:
            if content[start:m.start()].strip():
                sys.exit("make-templates: text in w:lvl: %r" % content[start:m.start()])
            start = m.start()
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
        if depth == 0:
            out.append(content[start:m.end()])
            start = m.end()
    if depth != 0 or content[start:].strip():
        sys.exit("make-templates: cannot split w:lvl content")
    return out

def lvl_order(xml):
    moved = 0
    def fix(m):
        nonlocal moved
        kids = children(m.group(2))
        def rank(kid):
            name = re.match(r"<w:([A-Za-z]+)", kid).group(1)
            if name not in LVL_ORDER:
                sys.exit("make-templates: unexpected w:%s in w:lvl" % name)
            return LVL_ORDER.index(name)
        ordered = sorted(kids, key=rank)   # stable: repeated names keep their order
        moved += ordered != kids
        return m.group(1) + "".join(ordered) + m.group(3)
    xml = re.sub(r"(<w:lvl\b[^>]*>)((?:(?!</w:lvl>).)*)(</w:lvl>)", fix, xml, flags=re.S)
    return xml, "put the children of %d w:lvl in schema order" % moved

FIXES = {"word/document.xml": document, "word/numbering.xml": lvl_order}
with zipfile.ZipFile(path) as zin:
    infos = zin.infolist()
    data = {i.filename: zin.read(i.filename) for i in infos}
for part, fix in FIXES.items():
    if part not in data:
        sys.exit("make-templates: no %s in %s" % (part, path))
    xml, what = fix(data[part].decode("utf-8"))
    data[part] = xml.encode("utf-8")
    print("  %s: %s: %s" % (path.rsplit("/", 1)[-1], part, what))
with zipfile.ZipFile(path + ".tmp", "w") as zout:
    for i in infos:
        zout.writestr(i, data[i.filename], compress_type=i.compress_type)
PY
  mv "$WORK/out/$name.docx.tmp" "$name.docx"
  mv "$WORK/out/$name.odt" "$name.odt"
  echo "wrote $name.docx $name.odt"
done
