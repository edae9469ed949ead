#!/usr/bin/env bash
# PDF hand-off benchmark: time per document of a 20-record `docfill batch --pdf` (one
# LibreOffice run for all) against 20 separate `docfill render -o x.pdf` (one cold LibreOffice
# start, with a fresh profile, each). Prints a table and the ratio (target: at least 3x).
#   scripts/bench-pdf.sh [N]      N records (default 20); DOCFILL=path to use a built binary
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
if [ -z "${DOCFILL:-}" ]; then
  # The time is LibreOffice's; a debug build of docfill changes nothing measurable.
  if ! log=$(swift build --product docfill 2>&1); then echo "$log" >&2; exit 1; fi
  DOCFILL="$(swift build --show-bin-path 2>/dev/null)/docfill"
fi
template=Tests/DocFillTests/Fixtures/row-loop.docx
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$n"); do
  echo "{\"ward\": \"Phường $i\", \"items\": [{\"name\": \"Táo $i\", \"qty\": $i, \"price\": \"1.50\"}], \"total_qty\": $i}" \
    | tee "$work/record-$i.json" >> "$work/records.jsonl"
done
now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }    # bc is not in every base image

start=$(now)
"$DOCFILL" batch "$template" "$work/records.jsonl" -o "$work/batch" --pdf --name '{{ward}}.pdf' 2>/dev/null
batch=$(calc "$(now) - $start")
[ "$(ls "$work/batch" | wc -l)" -eq "$n" ] || { echo "bench-pdf: the batch did not make $n PDFs" >&2; exit 1; }

mkdir "$work/cold"
start=$(now)
for i in $(seq 1 "$n"); do
  "$DOCFILL" render "$template" "$work/record-$i.json" -o "$work/cold/record-$i.pdf"
done
cold=$(calc "$(now) - $start")

printf '%-44s %10s %12s\n' "case ($n documents, row-loop.docx)" "total s" "s/document"
printf '%-44s %10.2f %12.3f\n' "batch --pdf (one soffice run)" "$batch" "$(calc "$batch / $n")"
printf '%-44s %10.2f %12.3f\n' "render -o .pdf, one cold soffice each" "$cold" "$(calc "$cold / $n")"
printf 'ratio: %.1fx faster per document (target: >= 3x)\n' "$(calc "$cold / $batch")"
