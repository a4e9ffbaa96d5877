#!/usr/bin/env bash
# Runs the measurements behind docs/PERFORMANCE.md and the reliability runs behind docs/RELIABILITY.md, and prints
# their tables. Everything runs on this machine against loopback addresses only, bounded in count and time.
#
#   scripts/measure.sh                       every performance measurement (submission, scale, compute, reports, coldstart)
#   scripts/measure.sh submission            one of them (also: scale, compute, reports, coldstart)
#   scripts/measure.sh bdn --filter '*'      the BenchmarkDotNet benchmarks (arguments go to BenchmarkSwitcher)
#   scripts/measure.sh reliability           the reliability runs (the tests in tests/Benchmark.Reliability.Tests)
#
# Exits non-zero when a target was missed. Measure on a quiet machine: other work on the same cores skews the numbers.
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh >&2 || exit 1
dotnet build Benchmark.sln --configuration Release --no-restore --verbosity quiet --nologo >&2 || exit 1

if [ "${1:-}" = "reliability" ]; then
  exec dotnet test tests/Benchmark.Reliability.Tests --configuration Release --no-build --logger "console;verbosity=detailed"
fi

perf=(dotnet perf/Benchmark.Performance/bin/Release/net10.0/Benchmark.Performance.dll)
if [ $# -gt 0 ]; then
  exec "${perf[@]}" "$@"
fi

status=0
for measurement in submission scale compute reports coldstart; do
  echo "## $measurement"
  echo
  "${perf[@]}" "$measurement" || status=1
  echo
done
exit "$status"
