# Convenience targets; the README's two commands are scripts/sample.sh and scripts/test.sh.
.PHONY: build test bench bench-pdf bench-serve sample asan fuzz docs
build:
	swift build -c release --static-swift-stdlib
test:
	scripts/test.sh
sample:
	scripts/sample.sh
bench:
	scripts/bench.sh
bench-pdf:
	scripts/setup.sh --tests
	scripts/bench-pdf.sh
asan:
	scripts/asan.sh
# One minute per fuzz target; `scripts/fuzz.sh 1800` for a longer run.
fuzz:
	scripts/fuzz.sh 60
# DocC documentation of DocFill and OfficialReport into out/docs; fails on any doc warning.
docs:
	scripts/docs.sh
# docfill serve under load (loopback): API renders/s, p50/p99, previews, the server's peak RSS.
bench-serve:
	scripts/bench-serve.sh
