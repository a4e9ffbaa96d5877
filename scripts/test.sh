#!/usr/bin/env bash
# Runs every test in the solution, after installing what the tests need.
# Ends with one line: "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh || exit 1

log=$(mktemp)
dotnet test Benchmark.sln --configuration Release --no-restore 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

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
