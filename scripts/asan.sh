#!/usr/bin/env bash
# Builds and runs the whole test suite under AddressSanitizer, in its own scratch path
# (.build-asan), so the C boundary (libzip, libxml2, our buffers) is checked for overflows and
# use-after-free. The docfill binary the CLI tests start is instrumented too.
# Extra arguments go to `swift test` (e.g. --filter HostileCLITests).
#
# Leak detection is off by default: the Swift runtime and Foundation keep caches alive to the
# end of the process, which LeakSanitizer reports. ASAN_OPTIONS=detect_leaks=1 turns it on.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=0}"
# The hostile-input tests skip their time and memory bounds under a sanitizer.
export DOCFILL_SANITIZER=address
# Swift's own crash handler would take the signal before ASan prints its report.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
flags=(--scratch-path .build-asan -Xswiftc -sanitize=address)
swift build --build-tests "${flags[@]}"
swift test --skip-build "${flags[@]}" "$@"
