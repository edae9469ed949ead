#!/bin/sh
# make-fixtures.sh — regenerate the DocFill test fixtures from their hand-written sources.
#
#   For every *.fodt (flat ODF 1.3 text document) in this folder, LibreOffice writes
#     NAME.docx   (filter "MS Word 2007 XML")
#     NAME.odt
#   and then variables.docx is post-processed into variables-prooferr.docx: Word's
#   spell-check markers <w:proofErr w:type="spellStart"/> / "spellEnd" are inserted
#   between the runs of the tag that is split over three runs (LibreOffice never
#   writes w:proofErr, Word does, and they sit between runs just like this).
#
# The .json / .expected.txt / .expected-errors.txt files are written by hand and are
# not touched. Output bytes are not reproducible (LibreOffice stamps dates and
# generator strings); the content is.
#
# Usage: ./make-fixtures.sh [NAME.fodt ...]      (default: all *.fodt here)
# Env:   SOFFICE=/path/to/soffice (default: soffice), PYTHON (default: python3)
set -eu
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ $# -gt 0 ] || set -- *.fodt

# The LibreOffice conversion, shared with Templates/make-templates.sh.
. ../../../scripts/lo-convert.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/docfill-fixtures.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
lo_convert "$WORK" "$@"

for src in "$@"; do
  name=$(basename "$src" .fodt)
  for ext in docx odt; do
    mv "$WORK/out/$name.$ext" "$name.$ext"
    echo "wrote $name.$ext"
  done
done

[ -f variables.docx ] || exit 0
# ---- variables-prooferr.docx ------------------------------------------------------
# Find the three consecutive runs whose texts are "{{cus", "tomer.na", "me}}" and put
# spellStart before the middle run and spellEnd after it (i.e. between the runs).
"$PYTHON" - variables.docx variables-prooferr.docx <<'PY'
import re, sys, zipfile

src, dst = sys.argv[1], sys.argv[2]
PART = "word/document.xml"
START = '<w:proofErr w:type="spellStart"/>'
END = '<w:proofErr w:type="spellEnd"/>'

with zipfile.ZipFile(src) as zin:
    infos = zin.infolist()
    data = {i.filename: zin.read(i.filename) for i in infos}

xml = data[PART].decode("utf-8")
# A run: <w:r> or <w:r ...>, up to its </w:r> (runs do not nest in w:p content).
RUN = r'<w:r(?:\s[^>]*)?>(?:(?!</w:r>).)*?<w:t(?:\s[^>]*)?>%s</w:t></w:r>'
pat = re.compile("(%s)(%s)(%s)" % (RUN % re.escape("{{cus"),
                                   RUN % re.escape("tomer.na"),
                                   RUN % re.escape("me}}")), re.S)
new, n = pat.subn(lambda m: m.group(1) + START + m.group(2) + END + m.group(3), xml)
if n != 1:
    sys.exit("make-fixtures: expected the split tag {{cus|tomer.na|me}} once in %s, found %d" % (PART, n))
data[PART] = new.encode("utf-8")

with zipfile.ZipFile(dst, "w") as zout:
    for i in infos:          # same entry order, names, dates and compression
        zout.writestr(i, data[i.filename], compress_type=i.compress_type)
print("wrote", dst)
PY
