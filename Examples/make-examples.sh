#!/bin/sh
# make-examples.sh — regenerate the examples' documents from their hand-written sources.
#
#   For every */NAME.fodt (flat ODF 1.3 text document) LibreOffice writes, beside it,
#     NAME.docx   (filter "MS Word 2007 XML")
#     NAME.odt
#   with the conversion Templates/make-templates.sh and the test fixtures use
#   (scripts/lo-convert.sh).  The examples use no section breaks or numbered lists, so
#   LibreOffice's output needs none of the templates' schema fix-ups: the tests validate
#   the documents and their renders against the schemas.
#
# Output bytes are not reproducible (LibreOffice stamps dates and its build string);
# the content is.  Made with LibreOffice 7.4.
#
# Usage: ./make-examples.sh [DIR/NAME.fodt ...]      (default: all */*.fodt)
# Env:   SOFFICE=/path/to/soffice (default: soffice)
set -eu
cd "$(dirname "$0")"
[ $# -gt 0 ] || set -- */*.fodt

. ../scripts/lo-convert.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/docfill-examples.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
lo_convert "$WORK" "$@"

for src in "$@"; do
  name=$(basename "$src" .fodt)
  dir=$(dirname "$src")
  for ext in docx odt; do
    mv "$WORK/out/$name.$ext" "$dir/$name.$ext"
    echo "wrote $dir/$name.$ext"
  done
done
