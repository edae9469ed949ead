#!/usr/bin/env bash
# Load test of `docfill serve` (make bench-serve): one server on a free loopback port with a new
# workspace, then bench/serve_load.py: 50 concurrent API renders of the seed report (250 in
# all), 5 concurrent previews of five documents, a cold and a warm preview; it reports
# renders/s, p50/p99 latency, the previews' times and the server's peak RSS. Bounded: at most
# 250 renders and 5 minutes; loopback only.
#   scripts/bench-serve.sh                 release build first
#   DOCFILL=path scripts/bench-serve.sh    that binary
set -euo pipefail
cd "$(dirname "$0")/.."
docfill=${DOCFILL:-}
[ -n "$docfill" ] && docfill=$(cd "$(dirname "$docfill")" && pwd)/$(basename "$docfill")
if [ -z "$docfill" ]; then
  swift build -c release --product docfill >/dev/null
  docfill="$(swift build -c release --show-bin-path)/docfill"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/docfill-bench-serve.XXXXXX")
server_pid=""
stop() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT INT TERM
(cd "$work" && exec "$docfill" serve --port 0 >"$work/server.log" 2>&1) &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/server.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "bench-serve: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
# The server's own pid (the subshell exec'd into it).
timeout 300 python3 bench/serve_load.py "$url" "$server_pid" "$work/docfill-workspace"
