#!/usr/bin/env bash
# Makes the function app's deployable package: the app published for linux-x64 as a .NET isolated worker, with host.json,
# the generated function metadata (functions.metadata, worker.config.json, extensions.json and the host-side extensions
# in .azurefunctions/), the questionnaires, the report fonts and the web pages' assets, zipped so that the Azure
# Functions host runs it as it is.
#
#   scripts/package.sh [output folder]      default: artifacts/package
#
# Self-contained with composite ReadyToRun by default: the app and the framework compiled together ahead of time
# (worker.config.json then starts the apphost, not "dotnet"); under the worker test host its cold start took half as
# long as the framework-dependent package's (docs/PERFORMANCE.md). BENCHMARK_PACKAGE=framework-dependent makes the
# small package instead (Flex Consumption's runtime "dotnet-isolated" 10.0 brings .NET).
#
# Leaves <output>/app/ (what the zip holds) and <output>/benchmark-functions.zip; `azd deploy` and the worker host tests use it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
require_dotnet

out=$(realpath -m "${1:-artifacts/package}")
app="$out/app"
zipfile="$out/benchmark-functions.zip"

# The build copies the report fonts and the web pages' CSS from npm packages; install them when missing.
if [ ! -f node_modules/source-sans/TTF/SourceSans3-Regular.ttf ] || [ ! -f node_modules/@utrecht/component-library-css/dist/index.css ]; then
  scripts/setup.sh
fi
if ! command -v zip >/dev/null 2>&1; then
  echo "Installing zip…"
  retry 3 as_root apt-get update -qq
  retry 3 as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zip
fi

# The package's own build folder (under the output), so the developer build in src/*/obj and bin is left alone.
build="$out/build"
mode="${BENCHMARK_PACKAGE:-self-contained}"
case "$mode" in
  framework-dependent) rid=(--runtime linux-x64 -p:SelfContained=false "-p:ArtifactsPath=$build") ;;
  self-contained) rid=(--runtime linux-x64 -p:SelfContained=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true "-p:ArtifactsPath=$build") ;;
  *) echo "BENCHMARK_PACKAGE is '$mode'; use framework-dependent or self-contained." >&2; exit 2 ;;
esac
echo "Restoring for linux-x64…"
retry 3 dotnet restore src/Benchmark.Functions "${rid[@]}" --verbosity quiet

echo "Publishing $mode for linux-x64 (a few minutes)…"
rm -rf "$app" "$zipfile"
dotnet publish src/Benchmark.Functions --configuration Release --no-restore "${rid[@]}" --output "$app" --nologo --verbosity quiet

# What the host needs beside the worker; a package without it would deploy and then fail at start.
missing=()
for needed in Benchmark.Functions.dll host.json functions.metadata worker.config.json extensions.json \
              questionnaires/model.yaml fonts/SourceSans3-Regular.ttf wwwroot/css/site.css; do
  [ -f "$app/$needed" ] || missing+=("$needed")
done
[ -d "$app/.azurefunctions" ] || missing+=(".azurefunctions/")
if [ "$mode" = self-contained ]; then
  [ -x "$app/Benchmark.Functions" ] || missing+=("Benchmark.Functions (executable)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "The package is incomplete; missing: ${missing[*]}" >&2
  exit 1
fi

# Zip from inside the folder: host.json must sit at the root of the package. -X leaves out extra fields but keeps the
# Unix permissions, so a self-contained worker stays executable when the platform unpacks it.
(cd "$app" && zip -q -r -X "$zipfile.partial" .)
mv "$zipfile.partial" "$zipfile"
echo "Package: $zipfile ($(du -h "$zipfile" | cut -f1)); contents in $app/"
