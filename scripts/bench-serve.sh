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
. scripts/serve-start.sh
serve_start bench-serve
# The server's own pid (the subshell exec'd into it).
timeout 300 python3 bench/serve_load.py "$url" "$server_pid" "$work/docfill-workspace"
