#!/usr/bin/env bash
# The one entry point for every SparkRecs job, and what Airflow calls.
#
#   ./submit.sh run --conf conf/local.json        the whole nightly job on the embedded engine
#   ./submit.sh run --conf conf/cluster.json      the same job on a Spark 4 cluster (run:engine spark, Spark Connect)
#   ./submit.sh schedule --conf conf/prod.json    keep running, firing the job on schedule:cron (Quartz.NET)
#   ./submit.sh sample --out warehouse            write the deterministic sample warehouse
#   ./submit.sh runs | rollback | pg stop | ...   see ./submit.sh help
#
# It builds the jobs program (Release) when it is missing or older than any source file, then runs
# it with the arguments given. The program's exit code is returned unchanged (see the README's
# exit-code table), so a scheduler can tell bad input from a refused quality gate.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dll="$root/jobs/SparkRecs.Jobs/bin/Release/net10.0/sparkrecs.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "submit.sh: the .NET SDK 10 is required (dotnet not found on PATH)." >&2
  exit 127
fi

needs_build=0
if [[ ! -f "$dll" ]]; then
  needs_build=1
elif [[ -n "$(find "$root/src" "$root/jobs" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.proto' \) -newer "$dll" -not -path '*/obj/*' -print -quit)" ]]; then
  needs_build=1
fi
if [[ $needs_build -eq 1 ]]; then
  echo "submit.sh: building the jobs program (Release)..." >&2
  dotnet build "$root/jobs/SparkRecs.Jobs/SparkRecs.Jobs.csproj" -c Release -nologo -v quiet >&2
fi

cd "$root"
exec dotnet "$dll" "$@"
