#!/usr/bin/env bash
# Runs the whole service locally with demo data: Azurite (the Azure Storage emulator) and the API.
# The first run generates fictional demo data and loads it; later runs keep what is stored.
# Stop with Ctrl+C. Settings: PORT (default 7071).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

port=${PORT:-7071}
data=.data
mkdir -p "$data/azurite"

scripts/setup.sh
echo "Building…"
dotnet build src/Benchmark.Cli --configuration Release --no-restore --verbosity quiet --nologo
dotnet build src/Benchmark.Functions --configuration Release --no-restore --verbosity quiet --nologo
cli=(dotnet src/Benchmark.Cli/bin/Release/net10.0/benchmark.dll)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if listening 10002; then
  echo "Azurite already runs on 127.0.0.1:10000-10002; using it."
else
  echo "Starting Azurite (data in $data/azurite)…"
  node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
    --location "$data/azurite" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    > "$data/azurite.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do listening 10002 && break; sleep 0.2; done
  listening 10002 || { echo "Azurite did not start; see $data/azurite.log" >&2; exit 1; }
fi

if [ ! -f "$data/demo/register-2026.json" ]; then
  "${cli[@]}" demo generate --seed 1 --out "$data/demo"
fi
"${cli[@]}" demo load --from "$data/demo" --if-empty --keys-out "$data/demo-keys.txt"
# Every demo round is benchmarked; a round whose inputs did not change keeps its run (and the reports made from it).
years=$(ls "$data/demo" | sed -n 's/^register-\([0-9]\{4\}\)\.json$/\1/p' | sort)
latest=$(echo "$years" | tail -n 1)
for year in $years; do
  "${cli[@]}" compute --cycle "$year" --if-changed
done

if listening "$port"; then
  echo "Port $port is taken; set PORT to another one." >&2
  exit 1
fi
# The app's secret encrypts the keys that protect sessions; it lives here, outside storage, made once.
if [ ! -s "$data/app-secret" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 > "$data/app-secret")
fi
echo "Starting the API on http://127.0.0.1:$port …"
# The log a person reads: information and up, in a file that is moved aside at 5 MB (one previous file is kept).
# Standard error keeps only what is printed before logging starts (a crash at start).
Security__Secret="$(cat "$data/app-secret")" Web__LocalDevelopment=true ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Logging__File__Path="$data/api.log" Logging__Console__LogLevel__Default=None \
  ASPNETCORE_CONTENTROOT="$PWD/src/Benchmark.Functions/bin/Release/net10.0" \
  dotnet src/Benchmark.Functions/bin/Release/net10.0/Benchmark.Functions.dll > /dev/null 2> "$data/api.err" &
pids+=($!)
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/api/health" >/dev/null || { echo "The API did not start; see $data/api.log and $data/api.err" >&2; exit 1; }

key() { grep "^$1" "$data/demo-keys.txt" | awk '{print $NF}'; }
code_of() { grep "^$1=" "$data/demo-keys.txt" | sed "s/^$1=\([^ ]*\).*/\1/"; }
code=$(code_of municipality)
drafting=$(code_of draft-municipality)
other=$(code_of other-municipality)

# Every council report and the national report, through the queue (quick when they are up to date),
# and one sample downloaded through the API as its council would.
"${cli[@]}" reports generate --cycle "$latest" --lang nl en
sample=$code # the demo municipality whose latest round is approved and benchmarked
mkdir -p "$data/reports"
api="http://127.0.0.1:$port/api/v1/cycles/$latest/submissions/$sample/report"
curl -fsS -H "Authorization: Bearer $(key council=)" "$api" -o "$data/reports/$sample-$latest.pdf"
curl -fsS -H "Authorization: Bearer $(key council=)" "$api?format=html" -o "$data/reports/$sample-$latest.html"
cat <<INFO

The benchmark runs (fictional demo data; every municipality in it is invented).

  Web:      http://127.0.0.1:$port/   (sign in with a demo key below: the municipality's to fill in
                                        the 2026 questionnaire, the analyst's to review and report)
  API:      http://127.0.0.1:$port/api/v1
  OpenAPI:  http://127.0.0.1:$port/api/openapi/v1.json
  Health:   http://127.0.0.1:$port/api/health
  Examples: docs/api.http

Demo keys (also in $data/demo-keys.txt):
$(printf '  %-58s %s\n' \
  "municipality $code (round $latest approved and benchmarked):" "$(key municipality=)" \
  "council of $code:" "$(key council=)" \
  "municipality $drafting (round $latest still a draft):" "$(key draft-municipality=)" \
  "other municipality $other:" "$(key other-municipality=)" \
  "analyst:" "$(key analyst)")

Try:
  curl -H "Authorization: Bearer $(key municipality=)" http://127.0.0.1:$port/api/v1/cycles/$latest/submissions/$code/position
  curl -H "Authorization: Bearer $(key municipality=)" http://127.0.0.1:$port/api/v1/cycles/$latest/submissions/$code/learn-from
  curl -H "Authorization: Bearer $(key analyst)" http://127.0.0.1:$port/api/v1/cycles/$latest/benchmark/national
  ./benchmark learn-from $code --cycle $latest

Council report of $sample (fictional), generated through the queue:
  PDF:       file://$PWD/$data/reports/$sample-2026.pdf
  HTML twin: file://$PWD/$data/reports/$sample-2026.html
  API:       $api (?format=html, ?lang=en; the council's key above)

Log: $data/api.log (information and up; at 5 MB it moves to api.log.1). Stop with Ctrl+C.
INFO
wait "${pids[@]}"
