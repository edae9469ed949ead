#!/usr/bin/env bash
# Installs what is missing, then renders the bundled sample report to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
# The release build of the README, with the Swift runtime linked statically (a faster start).
build=(-c release --static-swift-stdlib)
swift build "${build[@]}" --product docfill
"$(swift build "${build[@]}" --show-bin-path)/docfill" render Templates/bao-cao-dang-uy.docx Samples/pho-hoa-2023.yaml \
  -o out/bao-cao-dang-uy.docx
echo "wrote out/bao-cao-dang-uy.docx"
