#!/usr/bin/env bash
# Browser tests of `docfill serve`: Debian's chromium driven through chromium-driver
# (WebDriver) by Python selenium, against one server on a free loopback port with a new
# workspace. Screenshots of the main pages go to out/screenshots/ (ignored by git).
#   scripts/browser-tests.sh            build first (debug), then test
#   DOCFILL=path scripts/browser-tests.sh   test that binary
# Needs: chromium chromium-driver python3-venv (scripts/setup.sh --tests), LibreOffice and
# poppler for the preview. The venv is made once under .venv-browser/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
started=$(date +%s)
docfill=${DOCFILL:-}
[ -n "$docfill" ] && docfill=$(cd "$(dirname "$docfill")" && pwd)/$(basename "$docfill")
if [ -z "$docfill" ]; then
  swift build --product docfill >/dev/null
  docfill="$(swift build --show-bin-path)/docfill"
fi
for tool in chromium chromedriver python3; do
  command -v "$tool" >/dev/null || { echo "browser-tests: $tool is missing; run scripts/setup.sh --tests" >&2; exit 1; }
done
venv=.venv-browser
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "selenium==4.27.1" "openapi-spec-validator==0.7.1"
fi
. scripts/serve-start.sh
serve_start browser
mkdir -p out/screenshots
status=0
"$venv/bin/python" Tests/Browser/serve_test.py "$url" "$work/docfill-workspace" "$repo/out/screenshots" "$work/downloads" || status=$?
[ $status -eq 0 ] || { echo "--- server log" >&2; tail -50 "$work/server.log" >&2; }
echo "browser-tests: $(( $(date +%s) - started )) s, screenshots in out/screenshots/"
exit $status
