#!/usr/bin/env bash
# Installs what is missing, then renders the bundled sample report to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
swift run -c release --static-swift-stdlib docfill render Templates/bao-cao-dang-uy.docx Samples/pho-hoa-2023.yaml \
  -o out/bao-cao-dang-uy.docx
echo "wrote out/bao-cao-dang-uy.docx"
