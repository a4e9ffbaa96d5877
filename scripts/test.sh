#!/usr/bin/env bash
# Runs every test in the solution, after installing what the tests need.
# Ends with one line: "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh || exit 1

log=$(mktemp)
# Build in parallel, then run the test projects one after the other: the browser tests, the package build and the
# load runs each want the machine's cores, and side by side they starve each other into time-outs.
dotnet build Benchmark.sln --configuration Release --no-restore --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  dotnet test Benchmark.sln --configuration Release --no-build --maxcpucount:1 2>&1 | tee -a "$log"
  status=${PIPESTATUS[0]}
fi

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- ' "$log" | awk -F'[:,]' '
  { failed += $2; passed += $4; skipped += $6 }
  END { printf "%d %d %d\n", passed, failed, skipped }')
rm -f "$log"

if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran: treating this as a failure." >&2
  status=1
fi

echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
