#!/usr/bin/env bash
# Builds SparkRecs and runs every test. This is the README's test command and what CI runs.
#
# Tests that need a PostgreSQL start a private throwaway cluster themselves (initdb/pg_ctl of the
# machine's PostgreSQL, 127.0.0.1, a free port), unless SPARKRECS_TEST_PG names one to use.
# Tests on real public data read SPARKRECS_DATASETS (MovieLens copies) and
# SPARKRECS_PARQUET_TESTING (the Apache parquet-testing corpus); when a checkout has the shared
# data folder beside it (../shared), both default to it. Without them those tests are skipped
# and say so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ -z "${SPARKRECS_DATASETS:-}" && -d ../shared/datasets ]]; then
  SPARKRECS_DATASETS="$(cd ../shared/datasets && pwd)"
fi
if [[ -z "${SPARKRECS_PARQUET_TESTING:-}" && -d ../shared/parquet-testing/data ]]; then
  SPARKRECS_PARQUET_TESTING="$(cd ../shared/parquet-testing/data && pwd)"
fi
export SPARKRECS_DATASETS="${SPARKRECS_DATASETS:-}" SPARKRECS_PARQUET_TESTING="${SPARKRECS_PARQUET_TESTING:-}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "datasets: ${SPARKRECS_DATASETS:-<unset: dataset tests will be skipped>}"
echo "parquet-testing: ${SPARKRECS_PARQUET_TESTING:-<unset: conformance tests will be skipped>}"

dotnet build SparkRecs.sln -c Release -nologo -v quiet

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test SparkRecs.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies: "Tests: N passed, N failed, N skipped", summed from
# each assembly's summary block ("     Passed: N", "     Failed: N", "    Skipped: N").
passed=0; failed=0; skipped=0
while read -r kind n; do
  case "$kind" in
    Passed) passed=$((passed + n)) ;;
    Failed) failed=$((failed + n)) ;;
    Skipped) skipped=$((skipped + n)) ;;
  esac
done < <(sed -nE 's/^[[:space:]]+(Passed|Failed|Skipped):[[:space:]]+([0-9]+)[[:space:]]*$/\1 \2/p' "$log")
# The Airflow DAG tests (Python's unittest against the fake airflow package in airflow-dags/tests).
if command -v python3 >/dev/null 2>&1; then
  pylog="$(mktemp)"
  trap 'rm -f "$log" "$pylog"' EXIT
  echo
  echo "Airflow DAG tests (python3 -m unittest, fake airflow package):"
  python3 -m unittest discover -s airflow-dags/tests -t airflow-dags -v 2>&1 | tee "$pylog" || status=1
  # unittest's summary: "Ran N tests", then "OK", "OK (skipped=S)" or "FAILED (failures=F, errors=E, skipped=S)".
  ran="$(sed -nE 's/^Ran ([0-9]+) tests? in .*/\1/p' "$pylog" | tail -n 1)"
  summary="$(grep -E '^(OK|FAILED)' "$pylog" | tail -n 1 || true)"
  py_failed=0; py_skipped=0
  for kind in failures errors; do
    n="$(sed -nE "s/.*${kind}=([0-9]+).*/\1/p" <<<"$summary")"
    py_failed=$((py_failed + ${n:-0}))
  done
  n="$(sed -nE 's/.*skipped=([0-9]+).*/\1/p' <<<"$summary")"
  py_skipped=${n:-0}
  if [[ -z "$ran" ]]; then
    echo "Airflow DAG tests did not report a result" >&2
    status=1
  else
    passed=$((passed + ran - py_failed - py_skipped)); failed=$((failed + py_failed)); skipped=$((skipped + py_skipped))
  fi
else
  echo
  echo "python3 not found: the Airflow DAG tests (airflow-dags/tests) are skipped; install python3 to run them."
fi

echo
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
  echo "no test ran" >&2
  exit 1
fi
exit $status
