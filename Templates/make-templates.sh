#!/bin/sh
# make-templates.sh — regenerate the official report templates from their hand-written sources.
#
#   For every src/NAME.fodt (flat ODF 1.3 text document) LibreOffice writes, next to this script,
#     NAME.docx   (filter "MS Word 2007 XML"; then one schema fix-up, see below)
#     NAME.odt
#   Sources: src/bao-cao-dang-uy.fodt (Party report, Hướng dẫn 36-HD/VPTW) and
#            src/bao-cao-ubnd.fodt    (State report, Nghị định 30/2020/NĐ-CP).
#
# Output bytes are not reproducible (LibreOffice stamps dates and its build string);
# the content is.  Made with LibreOffice 7.4 and fonts-liberation2 (Times New Roman is
# substituted by the metric-compatible Liberation Serif when LibreOffice lays out pages).
#
# Usage: ./make-templates.sh [src/NAME.fodt ...]      (default: all src/*.fodt)
# Env:   SOFFICE=/path/to/soffice (default: soffice), PYTHON (default: python3)
set -eu
cd "$(dirname "$0")"
SOFFICE=${SOFFICE:-soffice}
PYTHON=${PYTHON:-python3}
[ $# -gt 0 ] || set -- src/*.fodt

# A throw-away LibreOffice profile: never touches (or waits on a lock of) the user's.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/docfill-templates.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
mkdir "$WORK/profile" "$WORK/out"
LO="$SOFFICE -env:UserInstallation=file://$WORK/profile --headless --norestore"

$LO --convert-to docx:"MS Word 2007 XML" --outdir "$WORK/out" "$@" >"$WORK/log" 2>&1 \
  || { cat "$WORK/log" >&2; exit 1; }
$LO --convert-to odt --outdir "$WORK/out" "$@" >>"$WORK/log" 2>&1 \
  || { cat "$WORK/log" >&2; exit 1; }

for src in "$@"; do
  name=$(basename "$src" .fodt)
  for ext in docx odt; do
    [ -s "$WORK/out/$name.$ext" ] || { cat "$WORK/log" >&2; echo "no $name.$ext produced" >&2; exit 1; }
  done
  # ---- .docx fix-up ---------------------------------------------------------------
  # LibreOffice 7.4 writes a section break as the FIRST child of w:pPr
  # (<w:pPr><w:sectPr>…</w:sectPr><w:pStyle …/>…), but CT_PPr wants w:sectPr after
  # w:pStyle … w:rPr (only w:pPrChange may follow), so the part fails the schema and
  # every rendered appendix would repeat the error.  Move each w:sectPr to the end of its
  # w:pPr.  Zip entry order, names, dates and compression are kept.
  "$PYTHON" - "$WORK/out/$name.docx" <<'PY'
import re, sys, zipfile
path = sys.argv[1]
PART = "word/document.xml"
with zipfile.ZipFile(path) as zin:
    infos = zin.infolist()
    data = {i.filename: zin.read(i.filename) for i in infos}
xml = data[PART].decode("utf-8")
pat = re.compile(r"<w:pPr>(<w:sectPr>(?:(?!</w:sectPr>).)*</w:sectPr>)((?:(?!</w:pPr>).)*)</w:pPr>", re.S)
xml, n = pat.subn(lambda m: "<w:pPr>" + m.group(2) + m.group(1) + "</w:pPr>", xml)
if "<w:pPr><w:sectPr>" in xml:
    sys.exit("make-templates: a w:sectPr is still first in its w:pPr")
data[PART] = xml.encode("utf-8")
with zipfile.ZipFile(path + ".tmp", "w") as zout:
    for i in infos:
        zout.writestr(i, data[i.filename], compress_type=i.compress_type)
print("  %s: moved %d section break(s) to the end of w:pPr" % (path.rsplit("/", 1)[-1], n))
PY
  mv "$WORK/out/$name.docx.tmp" "$name.docx"
  mv "$WORK/out/$name.odt" "$name.odt"
  echo "wrote $name.docx $name.odt"
done
