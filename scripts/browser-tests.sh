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
work=$(mktemp -d "${TMPDIR:-/tmp}/docfill-browser.XXXXXX")
server_pid=""
stop() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT INT TERM
# The default workspace: made by the server in its current folder, from this checkout's files.
(cd "$work" && exec "$docfill" serve --port 0 >"$work/server.log" 2>&1) &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/server.log" | head -1 || true)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "browser-tests: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
mkdir -p out/screenshots
status=0
"$venv/bin/python" Tests/Browser/serve_test.py "$url" "$work/docfill-workspace" "$repo/out/screenshots" "$work/downloads" || status=$?
[ $status -eq 0 ] || { echo "--- server log" >&2; tail -50 "$work/server.log" >&2; }
echo "browser-tests: $(( $(date +%s) - started )) s, screenshots in out/screenshots/"
exit $status
