#!/usr/bin/env bash
# Builds the DocC documentation of the two libraries into out/docs/<Target> (static HTML)
# and fails on any documentation warning: an unresolved symbol link or a broken article
# reference is caught here, not by a reader. Needs the swift-docc-plugin dependency of
# Package.swift and the toolchain's docc.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p out/docs
status=0
for target in DocFill OfficialReport; do
  log="out/docs/$target.log"
  # --warnings-as-errors goes through the plugin to docc, which then fails on a warning;
  # the grep below also catches one the plugin itself prints (it would not fail the run).
  if ! swift package --allow-writing-to-directory "out/docs/$target" \
      generate-documentation --target "$target" --output-path "out/docs/$target" \
      --warnings-as-errors --transform-for-static-hosting --hosting-base-path "$target" >"$log" 2>&1; then
    echo "docs: $target failed (see $log):" >&2
    grep -E "warning:|error:" "$log" >&2 || tail -20 "$log" >&2
    status=1
  elif grep -q "warning:" "$log"; then
    echo "docs: $target has warnings:" >&2
    grep "warning:" "$log" >&2
    status=1
  else
    echo "docs: $target built without warnings in out/docs/$target"
  fi
done
exit $status
