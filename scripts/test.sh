#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
swift build --build-tests
swift test --skip-build
# docfill serve in a real browser (chromium through chromium-driver), on the binary just built.
DOCFILL="$(swift build --show-bin-path)/docfill" scripts/browser-tests.sh
