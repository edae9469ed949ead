# Sourced by scripts/browser-tests.sh and scripts/bench-serve.sh: starts `$docfill serve` on a
# free loopback port in a new folder (its default workspace is made there from this
# checkout's files) and sets `work`, `server_pid` and `url`; the server is stopped and the
# folder removed when the calling script exits, on every path.
#   serve_start NAME    NAME names the folder and the messages
serve_start() {
  local name=$1
  work=$(mktemp -d "${TMPDIR:-/tmp}/docfill-$name.XXXXXX")
  server_pid=""
  trap serve_stop EXIT INT TERM
  (cd "$work" && exec "$docfill" serve --port 0 >"$work/server.log" 2>&1) &
  server_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/server.log" | head -1 || true)
    [ -n "$url" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$name: the server did not start" >&2
  cat "$work/server.log" >&2
  exit 1
}

serve_stop() {
  if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "${work:-}"
}
