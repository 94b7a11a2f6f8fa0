#!/usr/bin/env bash
# The main job on the bundled examples: template → fill → validate → report, then reading published
# reports back and converting.  Outputs go to out/.
set -uo pipefail
cd "$(dirname "$0")/.."
X=.venv/bin/xxgk
mkdir -p out
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step $X editions
# 0. the locked Excel template a disclosure office sends out, the same workbook filled with the example's
#    figures (what a bureau sends back), checked, read back, and next year's template pre-filled from it
step $X template -o out/template-2024.xlsx --year 2024 --agency "示例县市场监督管理局" --kind department --force
step $X fill examples/sample-county-2024.json -o out/sample-county-2024.xlsx --force
step $X validate out/sample-county-2024.xlsx
step $X read out/sample-county-2024.xlsx -o out/sample-county-2024.read.json --force
step $X template -o out/template-2025.xlsx --year 2025 --agency "示例县市场监督管理局" --previous out/sample-county-2024.xlsx --force
# 1. check the data of a report (the seed report of 德惠市机关事务管理局, 2020)
step $X validate examples/dehui-2020.json
# 1. a disclosure office collects the workbooks: check the folder against its list of units
rm -rf out/submissions && mkdir -p out/submissions
cp out/sample-county-2024.xlsx out/submissions/
$X fill examples/dehui-2020.json -o out/submissions/dehui-2020.xlsx --force >/dev/null
printf '单位名称\n示例县市场监督管理局\n德惠市机关事务管理局\n示例县财政局\n' > out/roster.csv
step $X check out/submissions --roster out/roster.csv -o out/check-summary.xlsx --no-progress --force
# 2. the publishable document, in every format (PDF through LibreOffice when installed)
step $X report out/sample-county-2024.xlsx -o out/sample-county-2024.docx --figure out/sample-county-2024-一图读懂.svg --force
for ext in html md txt; do
  step $X report examples/sample-county-2024.json -o "out/sample-county-2024.$ext" --force
done
if command -v soffice >/dev/null; then
  step $X report examples/dehui-2020.json -o out/dehui-2020.docx --pdf --force
else
  step $X report examples/dehui-2020.json -o out/dehui-2020.docx --force
fi
# 3. read a published document back by its labels, and check it as an auditor would
step $X import out/sample-county-2024.html -o out/sample-county-2024.imported.json --force
step $X validate out/sample-county-2024.docx --explain
# 4. figures as a tidy CSV that Excel opens, and back
step $X convert examples/dehui-2020.json -o out/dehui-2020.csv --force
step $X convert out/dehui-2020.csv -o out/dehui-2020.roundtrip.json --force
$X validate examples/sample-county-2024.json --format json > out/sample-county-2024.validation.json
echo "已写入 out/sample-county-2024.validation.json"
echo
echo "demo: outputs in out/: $(ls out | tr '\n' ' ')"
