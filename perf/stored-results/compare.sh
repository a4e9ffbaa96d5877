#!/usr/bin/env bash
# Shows that this checkout stores the same benchmark results as an earlier commit: both load the same demo data into an
# in-memory Azurite (each under its own table prefix), compute the rounds 2024–2026 with their own CLI, back up their
# tables, and compare every stored result, flag and note, with run ids, times and fingerprints set aside, and every
# compressed result row byte for byte. Issue 19 used it against ad6efc4, the commit before its compute changes.
#
#   perf/stored-results/compare.sh <earlier commit>
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
earlier=${1:?usage: perf/stored-results/compare.sh <earlier commit>}
work=$(mktemp -d)
trap 'kill "${azurite_pid:-0}" 2>/dev/null || true; git -C "$root" worktree remove --force "$work/earlier" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/earlier" "$earlier" >/dev/null
ln -s "$root/node_modules" "$work/earlier/node_modules"
dotnet build "$work/earlier/src/Benchmark.Cli" -c Release -v q -nologo >/dev/null
dotnet build src/Benchmark.Cli -c Release -v q -nologo >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
node node_modules/azurite/dist/src/azurite.js --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
  --blobPort $((port + 1)) --queuePort $((port + 2)) --tablePort "$port" >"$work/azurite.log" 2>&1 &
azurite_pid=$!
sleep 4
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$((port + 1))/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((port + 2))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;"

dotnet src/Benchmark.Cli/bin/Release/net10.0/benchmark.dll demo generate --out "$work/demo" --seed 1 --questionnaires questionnaires >/dev/null
for side in old new; do
  [ "$side" = old ] && cli="$work/earlier/src/Benchmark.Cli/bin/Release/net10.0/benchmark.dll" || cli="src/Benchmark.Cli/bin/Release/net10.0/benchmark.dll"
  dotnet "$cli" demo load --from "$work/demo" --storage "$storage" --table-prefix "$side" --questionnaires questionnaires >/dev/null
  for cycle in 2024 2025 2026; do
    dotnet "$cli" benchmark compute --cycle "$cycle" --storage "$storage" --table-prefix "$side" --questionnaires questionnaires >/dev/null
  done
  dotnet "$cli" backup --out "$work/$side-backup" --storage "$storage" --table-prefix "$side" >/dev/null
done
python3 perf/stored-results/compare.py "$work/old-backup" "$work/new-backup"
