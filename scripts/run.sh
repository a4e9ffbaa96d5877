#!/usr/bin/env bash
# Builds the tool, generates the fictional demo data once, and shows the results of a demo municipality.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

scripts/setup.sh
echo "Building…"
dotnet build src/Benchmark.Cli --configuration Release --no-restore --verbosity quiet --nologo
cli=(dotnet src/Benchmark.Cli/bin/Release/net10.0/benchmark.dll)

echo
echo "Checking the maturity model and questionnaires…"
"${cli[@]}" questionnaire validate questionnaires/*.yaml

demo=.data/demo
if [ ! -f "$demo/register-2026.json" ]; then
  echo
  "${cli[@]}" demo generate --seed 1 --out "$demo"
fi

sample=$(ls "$demo"/submissions/2026/*.json | head -n 1)
echo
echo "Scores of one demo municipality ($sample):"
echo
"${cli[@]}" score "$sample" --register "$demo/register-2026.json"

cat <<INFO

Demo data (fictional municipalities, GM9001 and up): $demo
Score any submission:   ./benchmark score $demo/submissions/2025/<code>.json --register $demo/register-2025.json
Import a real register: ./benchmark register import ../shared/data/gemeenten_nl_342.csv --year 2026
INFO
