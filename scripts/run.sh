#!/usr/bin/env bash
# Runs the whole service locally with demo data: Azurite (the Azure Storage emulator) and the API.
# The first run generates fictional demo data and loads it; later runs keep what is stored.
# Stop with Ctrl+C.
# Settings (environment variables; none is needed):
#   PORT             the app's port on 127.0.0.1 (default 7071)
#   BENCHMARK_DATA   the folder for Azurite's data, the demo files and keys, the app's secret and its log (default .data)
#   AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT   Azurite's ports (default 10000, 10001, 10002)
set -euo pipefail
data=${BENCHMARK_DATA:-.data}
# A folder given relative to where the script is started, as any path on a command line.
case "$data" in /* | .data) ;; *) data="$PWD/$data" ;; esac
cd "$(dirname "$0")/.."
source scripts/lib.sh

port=${PORT:-7071}
blob_port=${AZURITE_BLOB_PORT:-10000}
queue_port=${AZURITE_QUEUE_PORT:-10001}
table_port=${AZURITE_TABLE_PORT:-10002}
mkdir -p "$data/azurite"
data_path=$(cd "$data" && pwd)

# Every step, the command line's and the app's, uses the Azurite of this script, never storage named elsewhere in the
# environment: the command line reads BENCHMARK_STORAGE, the app Storage__ConnectionString.
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
export BENCHMARK_STORAGE="$storage" Storage__ConnectionString="$storage"
unset BENCHMARK_STORAGE_ACCOUNT BENCHMARK_TABLE_PREFIX Storage__AccountName Storage__TablePrefix

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Said before anything is built or loaded, so a taken port costs no wait.
if listening "$port"; then
  echo "Port $port is taken; set PORT to another one." >&2
  exit 1
fi

scripts/setup.sh

# dotnet's own check that nothing changed takes 10-20 s here (most of it the Functions SDK's extension build), so the
# build is skipped when no input (sources, questionnaires, build settings, the npm lock file with the report fonts) is
# newer than both outputs; run.sh stamps the outputs after each build it makes, as a build may leave them untouched.
cli_dll=src/Benchmark.Cli/bin/Release/net10.0/benchmark.dll
app_dll=src/Benchmark.Functions/bin/Release/net10.0/Benchmark.Functions.dll
built() {
  local output=$1 references=()
  [ -f "$output" ] || return 1
  references+=(-newer "$output")
  [ -f "$output.run-sh-built" ] && references+=(-newer "$output.run-sh-built")
  local newer
  newer=$(find src questionnaires ./*.props global.json package-lock.json .editorconfig \
    \( -name bin -o -name obj \) -prune -o -type f "${references[@]}" -print -quit) || return 1
  [ -z "$newer" ]
}
if built "$cli_dll" && built "$app_dll"; then
  echo "The build is up to date."
else
  echo "Building…"
  dotnet build src/Benchmark.Cli --configuration Release --no-restore --verbosity quiet --nologo
  dotnet build src/Benchmark.Functions --configuration Release --no-restore --verbosity quiet --nologo
  touch "$cli_dll.run-sh-built" "$app_dll.run-sh-built"
fi
cli=(dotnet "$cli_dll")

# What this script started in the background (Azurite, the app): stopped, and waited for, when it ends, so Azurite
# saves its data and no port stays taken. Ctrl+C reaches a command in the foreground itself.
pids=()
cleanup() {
  local started=("${pids[@]}")
  pids=()
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 75); do
    local running=0
    for pid in "${started[@]}"; do kill -0 "$pid" 2>/dev/null && running=1; done
    [ "$running" -eq 0 ] && break
    sleep 0.2
  done
  for pid in "${started[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

azurite_listens() { listening "$blob_port" && listening "$queue_port" && listening "$table_port"; }
if listening "$table_port"; then
  echo "Azurite already runs on 127.0.0.1 (tables on port $table_port); using it."
else
  echo "Starting Azurite (data in $data/azurite)…"
  node node_modules/azurite/dist/src/azurite.js --silent --skipApiVersionCheck --disableTelemetry \
    --location "$data/azurite" --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" > "$data/azurite.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do azurite_listens && break; sleep 0.2; done
  azurite_listens || { echo "Azurite did not start; see $data/azurite.log" >&2; exit 1; }
fi

if [ ! -f "$data/demo/register-2026.json" ]; then
  "${cli[@]}" demo generate --seed 1 --out "$data/demo"
fi
"${cli[@]}" demo load --from "$data/demo" --if-empty --keys-out "$data/demo-keys.txt"

# The app starts while the rounds are benchmarked, so neither waits for the other.
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
  dotnet "$app_dll" > /dev/null 2> "$data/api.err" &
app=$!
pids+=("$app")

# Every demo round is benchmarked; a round whose inputs did not change keeps its run (and the reports made from it).
# One round after the other: side by side they take longer, as they all wait for the one Azurite.
years=$(ls "$data/demo" | sed -n 's/^register-\([0-9]\{4\}\)\.json$/\1/p' | sort)
latest=$(echo "$years" | tail -n 1)
for year in $years; do
  "${cli[@]}" compute --cycle "$year" --if-changed
done

for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || break
  sleep 0.2
done
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

# The command line finds Azurite on its usual ports by itself; on others it is told where.
cli_storage=""
if [ "$blob_port/$queue_port/$table_port" != "10000/10001/10002" ]; then
  cli_storage="BENCHMARK_STORAGE='$storage' "
fi
cat <<INFO

The benchmark runs (fictional demo data; every municipality in it is invented).

  Web:      http://127.0.0.1:$port/   (sign in with a demo key below: the municipality's to fill in
                                        the $latest questionnaire, the analyst's to review and report)
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
  ${cli_storage}./benchmark learn-from $code --cycle $latest

Council report of $sample (fictional), generated through the queue:
  PDF:       file://$data_path/reports/$sample-$latest.pdf
  HTML twin: file://$data_path/reports/$sample-$latest.html
  API:       $api (?format=html, ?lang=en; the council's key above)

Log: $data/api.log (information and up; at 5 MB it moves to api.log.1). Stop with Ctrl+C.
INFO

# Until Ctrl+C, or until the app or Azurite stops by itself (then the other is stopped too).
wait -n "${pids[@]}" || true
echo "The API or Azurite stopped; see $data/api.log, $data/api.err and $data/azurite.log." >&2
exit 1
