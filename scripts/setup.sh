#!/usr/bin/env bash
# Installs what DocFill needs on Debian/Ubuntu and is missing. Safe to run again.
#   build:  libzip-dev libxml2-dev pkg-config
#   tests:  libxml2-utils xsltproc unzip (schema validators), python3-jsonschema,
#           libreoffice-writer-nogui poppler-utils fonts-liberation2 (PDF conversion checks),
#           python3-uno (the preview service's LibreOffice kept warm),
#           chromium chromium-driver python3-venv (the browser tests of docfill serve)
#   --bench: python3 python3-venv (the docxtpl comparison of scripts/bench.sh)
set -euo pipefail
packages=(libzip-dev libxml2-dev pkg-config)
if [ "${1:-}" = "--bench" ]; then
  packages=(python3 python3-venv)
elif [ "${1:-}" = "--tests" ]; then
  packages+=(libxml2-utils xsltproc unzip python3-jsonschema libreoffice-writer-nogui poppler-utils fonts-liberation2 python3-uno
             chromium chromium-driver python3-venv)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null; then
  echo "setup: Swift 6 is not on PATH; install the Swift toolchain (swift.org) first" >&2
  exit 1
fi
