# Convenience targets; the README's two commands are scripts/sample.sh and scripts/test.sh.
.PHONY: build test bench sample
build:
	swift build -c release
test:
	scripts/test.sh
sample:
	scripts/sample.sh
bench:
	scripts/setup.sh
	swift build -c release --product docfill-bench
	.build/release/docfill-bench
