#!/usr/bin/env bash
# The benchmark (`make bench`): DocFill beside docxtpl (Python) in one run, one table.
#   1. installs what is missing (scripts/setup.sh; python3-venv for the comparison)
#   2. bench/.venv: python-docx, docxtpl, PyYAML from PyPI (skipped with a reason if that fails)
#   3. bench/make_templates.py: the same cases for both engines into bench/work/
#      (without python-docx, DocFill runs its built-in cases only)
#   4. release build of docfill-bench and docfill; docfill-bench runs every DocFill case
#   5. bench/docxtpl_bench.py runs the docxtpl cases; both engines' outputs are compared
#   6. one table: docfill-bench --table … --compare …
# Timings on a busy machine are noisy; each case runs in its own process (peak RSS).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
scripts/setup.sh --bench || echo "bench: could not install python3-venv; trying without it" >&2

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
    if "$venv/bin/python" bench/make_templates.py; then generated=1; else skip="${skip:-bench/make_templates.py failed}"; fi
  fi
  if [ -z "$skip" ] && ! "$venv/bin/python" -c 'import docxtpl' 2>/dev/null; then skip="docxtpl is not installed"; fi
fi
[ -n "$generated" ] || echo "bench: python-docx is unavailable: DocFill runs its built-in cases only" >&2

# Built the way a release is shipped: with the Swift runtime and Foundation linked statically,
# which takes ~10 ms of dynamic linking off every `docfill` start (the whole-process case).
static=(-c release --static-swift-stdlib --scratch-path .build-static)
echo "bench: swift build ${static[*]} (docfill-bench, docfill)" >&2
swift build "${static[@]}" --product docfill-bench >&2 || exit 1
swift build "${static[@]}" --product docfill >&2 || exit 1
bin="$(swift build "${static[@]}" --show-bin-path)"

cases=()
[ -n "$generated" ] && cases=(--cases "$work/cases.json")
"$bin/docfill-bench" "${cases[@]}" --results "$work/docfill-results.json" --no-table || exit 1

compare=()
if [ -z "$skip" ] && [ -n "$generated" ]; then
  echo "bench: docxtpl cases…" >&2
  if "$venv/bin/python" bench/docxtpl_bench.py "$work/cases.json" > "$work/docxtpl-results.jsonl"; then
    compare=(--compare "$work/docxtpl-results.jsonl")
  else
    skip="bench/docxtpl_bench.py failed"
  fi
elif [ -z "$skip" ]; then
  skip="no generated templates (python-docx unavailable)"
fi

echo
"$bin/docfill-bench" --table "$work/docfill-results.json" "${compare[@]}"
if [ -n "$skip" ]; then
  echo "docxtpl comparison skipped: $skip"
else
  "$venv/bin/python" bench/docxtpl_bench.py --check "$bin/docfill" "$work/cases.json" \
    || echo "content check failed: the two engines' outputs differ (see above)"
fi
