#!/usr/bin/env bash
# Installs what building, running and testing need: NuGet packages, Azurite (the Azure Storage
# emulator) from package-lock.json, and Debian's Chromium for the HTML reports' browser tests.
# Safe to run again; it only does what is missing. With --npm: only Node.js and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_dotnet

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Installing Node.js and npm (for Azurite)…"
  as_root apt-get update -qq
  retry 3 as_root apt-get install -y -qq nodejs npm
fi

# npm ci runs only when package-lock.json changed since the last install (a stamp keeps its hash).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.installed-lock-hash 2>/dev/null)" != "$lock_hash" ] || [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  echo "Installing Azurite from package-lock.json…"
  retry 4 npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.installed-lock-hash
fi

# --npm: only the npm packages (the report fonts and the web pages' CSS), as the CLI needs on its first run.
if [ "${1:-}" = "--npm" ]; then
  exit 0
fi

# The HTML report tests drive Debian's Chromium through Playwright. Playwright never downloads a browser here:
# the tests launch /usr/bin/chromium.
# chromium-l10n holds its Dutch (nl.pak): the pages' date and time fields then show 31-12-2026 and 23:59, as a Dutch
# user sees them, in the browser tests and their expected images.
if [ ! -x /usr/bin/chromium ] || ! ls /usr/lib/chromium/locales/nl.pak >/dev/null 2>&1; then
  echo "Installing Chromium and its Dutch (for the browser and HTML report tests)…"
  retry 3 as_root apt-get update -qq
  retry 3 as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "Restoring NuGet packages…"
retry 3 dotnet restore Benchmark.sln --verbosity quiet
