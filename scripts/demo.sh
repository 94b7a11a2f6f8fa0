#!/usr/bin/env bash
# The main job on the bundled examples: validate, convert, and show the results.  Outputs go to out/.
set -uo pipefail
cd "$(dirname "$0")/.."
X=.venv/bin/xxgk
mkdir -p out
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step $X editions
step $X validate examples/dehui-2020.json
step $X convert examples/dehui-2020.json -o out/dehui-2020.csv --force
step $X convert out/dehui-2020.csv -o out/dehui-2020.roundtrip.json --force
step $X validate out/dehui-2020.csv
$X validate examples/sample-county-2024.json --format json > out/sample-county-2024.validation.json
echo "wrote out/sample-county-2024.validation.json"
echo
echo "demo: outputs in out/: $(ls out | tr '\n' ' ')"
