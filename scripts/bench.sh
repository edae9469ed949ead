#!/usr/bin/env bash
# The benchmark (`make bench`): DocFill beside docxtpl (Python) in one run, one table.
#   1. installs what is missing (scripts/setup.sh; python3-venv for the comparison)
#   2. bench/.venv: python-docx, docxtpl, PyYAML from PyPI (skipped with a reason if that fails)
#   3. release build of docfill-bench and docfill (static Swift runtime)
#   4. bench/make_templates.py: the same cases for both engines into bench/work/, and the real
#      seed report's docxtpl twin (bench/docxtpl_from_docfill.py, from the model's view that
#      docfill-bench --dump-view writes); without python-docx, DocFill runs its built-in cases only
#   5. docfill-bench runs every case in rounds: a DocFill process, then a docxtpl process
#      (bench/docxtpl_bench.py), again and again; medians, ratio per round, outputs checked
#   6. one table, with the load average before and after
# Timings on a busy machine are noisy: the load average is printed with the table.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
scripts/setup.sh --bench || echo "bench: could not install python3-venv; trying without it" >&2

# Built the way a release is shipped: with the Swift runtime and Foundation linked statically,
# which takes ~10 ms of dynamic linking off every `docfill` start (the whole-process case). Built first:
# make_templates.py asks docfill-bench for the report model's view.
static=(-c release --static-swift-stdlib --scratch-path .build-static)
echo "bench: swift build ${static[*]} (docfill-bench, docfill)" >&2
swift build "${static[@]}" --product docfill-bench >&2 || exit 1
swift build "${static[@]}" --product docfill >&2 || exit 1
bin="$(swift build "${static[@]}" --show-bin-path)"

work=bench/work
venv=bench/.venv
mkdir -p "$work"
skip=""        # why docxtpl is not compared, if it is not
generated=""   # set when bench/work/cases.json was generated

if ! command -v python3 >/dev/null; then
  skip="python3 is not installed"
else
  if [ ! -x "$venv/bin/python" ]; then
    if ! out=$(python3 -m venv "$venv" 2>&1); then
      rm -rf "$venv"
      skip="python3 -m venv failed: $(echo "$out" | tail -n 1)"
    fi
  fi
  if [ -z "$skip" ] && ! "$venv/bin/python" -c 'import docx, docxtpl, yaml' 2>/dev/null; then
    echo "bench: pip install python-docx docxtpl pyyaml into $venv" >&2
    if ! out=$("$venv/bin/python" -m pip install -q --disable-pip-version-check python-docx docxtpl pyyaml 2>&1); then
      skip="pip install failed: $(echo "$out" | grep -v '^\s*$' | tail -n 1)"
    fi
  fi
  # python-docx alone is enough to generate the templates.
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import docx' 2>/dev/null; then
    rm -f "$work/cases.json"
    if "$venv/bin/python" bench/make_templates.py --bench "$bin/docfill-bench"; then generated=1; else skip="${skip:-bench/make_templates.py failed}"; fi
  fi
  if [ -z "$skip" ] && ! "$venv/bin/python" -c 'import docxtpl' 2>/dev/null; then skip="docxtpl is not installed"; fi
fi
[ -n "$generated" ] || echo "bench: python-docx is unavailable: DocFill runs its built-in cases only" >&2

cases=()
[ -n "$generated" ] && cases=(--cases "$work/cases.json")
# 1,000 seed records as JSON Lines for the `docfill batch` cases (needs PyYAML: the venv's).
records=()
rm -rf "$work/records"
if PYTHON="$venv/bin/python" scripts/make-batch-records.sh 1000 "$work/records" >/dev/null 2>&1; then
  records=(--records "$work/records/records.jsonl")
else
  echo "bench: scripts/make-batch-records.sh failed: no batch CLI cases" >&2
fi
peer=()
[ -z "$skip" ] && [ -n "$generated" ] && peer=(--peer "$venv/bin/python")
[ -z "$skip" ] && [ -z "$generated" ] && skip="no generated templates (python-docx unavailable)"
# One run: every case in rounds, DocFill and docxtpl interleaved, outputs checked; the exit
# status is non-zero when a case failed or an output's text was not what it must be.
"$bin/docfill-bench" "${cases[@]}" "${peer[@]}" "${records[@]}" --results "$work/docfill-results.json"
status=$?
[ -n "$skip" ] && echo "docxtpl comparison skipped: $skip"
exit $status
