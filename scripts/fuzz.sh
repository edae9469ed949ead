#!/usr/bin/env bash
# Builds the libFuzzer targets (FuzzTemplate, FuzzArchive, FuzzData) in .build-fuzz and runs each for
# SECONDS (default 60) on a seed corpus made from the test fixtures. Findings (crash-*,
# leak-*, timeout-*, oom-*) land in .build-fuzz/findings/<target>/; the grown corpus is kept
# in .build-fuzz/corpus/<target>/ for the next run. Exit status 1 if anything was found.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]       e.g. scripts/fuzz.sh 1800 FuzzArchive
# Environment: FUZZ_JOBS (parallel workers per target, default 1), FUZZ_NICE (default 10),
# FUZZ_SANITIZE (default "fuzzer"; "fuzzer,address" adds ASan).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzTemplate FuzzArchive FuzzData)
scratch=.build-fuzz
sanitize="${FUZZ_SANITIZE:-fuzzer}"
nice_level="${FUZZ_NICE:-10}"

scripts/setup.sh
# The default gold linker fails on -sanitize=fuzzer objects; the toolchain's lld works.
flags=(-c release --scratch-path "$scratch"
       -Xswiftc "-sanitize=$sanitize" -Xswiftc -parse-as-library
       -Xswiftc -DDOCFILL_FUZZING -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)
for t in "${targets[@]}"; do
    nice -n "$nice_level" swift build "${flags[@]}" --product "$t"
done
bin="$(swift build "${flags[@]}" --show-bin-path 2>/dev/null)"

seed() {   # seed corpus: fixtures for the archive, texts of their parts and small templates for tags
    local target="$1" dir="$scratch/corpus/$1"
    mkdir -p "$dir"
    case "$target" in
    FuzzArchive)
        cp -n Tests/DocFillTests/Fixtures/*.docx Tests/DocFillTests/Fixtures/*.odt \
              Tests/DocFillTests/Fixtures/*.fodt "$dir"/ 2>/dev/null || true ;;
    FuzzTemplate)
        cp -n Tests/DocFillTests/FuzzSeeds/templates/* "$dir"/ 2>/dev/null || true
        for f in Tests/DocFillTests/Fixtures/*.json; do
            # a template made of the fixture's tags, with its data after a NUL byte
            name="$(basename "$f" .json)"
            [ -e "$dir/fixture-$name" ] && continue
            { unzip -p "Tests/DocFillTests/Fixtures/$name.docx" word/document.xml 2>/dev/null \
                | grep -o '{{[^}]*}}' | head -200 | tr '\n' ' ' || true
              printf '\0'; cat "$f"; } > "$dir/fixture-$name"
        done ;;
    FuzzData)
        cp -n Tests/DocFillTests/FuzzSeeds/data/* "$dir"/ 2>/dev/null || true
        for f in Samples/*.yaml Tests/DocFillTests/Fixtures/*.json; do
            cp -n "$f" "$dir/sample-$(basename "$f")" 2>/dev/null || true
        done ;;
    esac
}

status=0
for t in "${targets[@]}"; do
    seed "$t"
    findings="$scratch/findings/$t"
    mkdir -p "$findings"
    echo "== $t: ${seconds}s, corpus $(ls "$scratch/corpus/$t" | wc -l) files"
    set +e
    SWIFT_BACKTRACE=enable=no nice -n "$nice_level" "$bin/$t" "$scratch/corpus/$t" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -dict=Tests/DocFillTests/FuzzSeeds/$t.dict -artifact_prefix="$findings/" \
        -print_final_stats=1 ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} 2>&1 | tee "$scratch/$t.log" | grep -E '^(#[0-9]+ +(DONE|INITED|pulse)|==|stat::|SUMMARY|.*(ERROR|Test unit written|crash|Live Heap))'
    rc=${PIPESTATUS[0]}   # libFuzzer's status (not grep's: no `|| true` here, set +e is on)
    set -e
    [ "$rc" -eq 0 ] || { echo "$t: libFuzzer exited $rc; see $scratch/$t.log and $findings/"; status=1; }
    [ -z "$(ls -A "$findings")" ] || { echo "$t: findings in $findings/ (keep each as a regression file)"; status=1; }
done
exit $status
