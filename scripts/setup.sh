#!/usr/bin/env bash
# Installs what building and testing need, and restores NuGet packages (with retries).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_dotnet
echo "Restoring NuGet packages…"
retry 3 dotnet restore Benchmark.sln --verbosity quiet
