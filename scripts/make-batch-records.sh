#!/usr/bin/env bash
# Records for measuring `docfill batch`: COUNT copies of the seed report's data
# (Samples/pho-hoa-2023.yaml, converted to JSON once) with the `number` field varied
# (0001, 0002, …), written as a JSON array (records.json) and as JSON Lines (records.jsonl).
#   usage: scripts/make-batch-records.sh [COUNT] [FOLDER]
# COUNT defaults to 1000; FOLDER to a new temporary folder. Prints the folder. Then e.g.
#   .build/release/docfill batch Templates/bao-cao-dang-uy.docx FOLDER/records.jsonl -o FOLDER/out --jobs 2
# Needs python3 with PyYAML (bench/.venv's when scripts/bench.sh made it; PYTHON=… to choose).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
folder=${2:-$(mktemp -d "${TMPDIR:-/tmp}/docfill-batch-records.XXXXXX")}
python=${PYTHON:-python3}
if [ -z "${PYTHON:-}" ] && [ -x bench/.venv/bin/python ]; then python=bench/.venv/bin/python; fi
mkdir -p "$folder"
"$python" - "$count" "$folder" <<'EOF'
import json, sys, yaml
count, folder = int(sys.argv[1]), sys.argv[2]
with open("Samples/pho-hoa-2023.yaml", encoding="utf-8") as f:
    seed = yaml.safe_load(f)
# The seed quotes its dates, so PyYAML's YAML 1.1 reading gives the same values as docfill's 1.2.
assert isinstance(seed.get("date"), str), "the seed's date must stay a string"
with open(f"{folder}/seed.json", "w", encoding="utf-8") as f:
    json.dump(seed, f, ensure_ascii=False, indent=1)
lines = []
for i in range(1, count + 1):
    seed["number"] = f"{i:04d}"
    lines.append(json.dumps(seed, ensure_ascii=False))
with open(f"{folder}/records.jsonl", "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
with open(f"{folder}/records.json", "w", encoding="utf-8") as f:
    f.write("[\n" + ",\n".join(lines) + "\n]\n")
EOF
echo "$folder"
