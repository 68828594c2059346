"""Shared pieces of the SparkRecs DAGs: imports that work on Airflow 2.7+ and 3, the Variables the
DAGs read, the shell commands they run through submit.sh, and how SparkRecs exit codes become task
states.

Exit codes (README, "Exit codes") -> task states:

    0            success
    5            skipped: the quality gate refused the candidate, nothing was published and the
                 live run stays served (BashOperator's skip_on_exit_code)
    2, 3, 4, 127 failed at once, without retries: configuration, data, training, or the .NET SDK
                 missing; running the same command again gives the same answer
    6, 7, 1, 130, any other
                 failed and retried (task retries): publishing (database down or locked), the
                 Spark cluster (unreachable or a failed query; a server older than Spark 4 also
                 exits 7 and fails again after the retries), an unexpected failure, a cancelled
                 or killed run may well pass next time
"""

import os
import re

try:  # Airflow 3, and Airflow 2 with the standard provider installed
    from airflow.providers.standard.operators.bash import BashOperator
    from airflow.providers.standard.sensors.python import PythonSensor
except ImportError:  # Airflow 2.7+
    from airflow.operators.bash import BashOperator
    from airflow.sensors.python import PythonSensor

try:  # Airflow 3
    from airflow.sdk import DAG, Variable

    _VARIABLE_DEFAULT_ARG = "default"
except ImportError:  # Airflow 2.7+
    from airflow import DAG
    from airflow.models import Variable

    _VARIABLE_DEFAULT_ARG = "default_var"

from airflow.exceptions import AirflowException, AirflowFailException, AirflowSkipException

__all__ = ["BashOperator", "DAG", "PythonSensor", "SparkRecsBashOperator", "Variable", "variable"]

#: The gate refused the candidate: the task is skipped, not failed.
GATE_REFUSED_EXIT_CODE = 5

#: Failures that a retry cannot fix, with what they mean.
PERMANENT_EXIT_CODES = {
    2: "configuration error: a key is unknown or invalid",
    3: "data error: too many bad rows, a corrupt file, or no events in the window",
    4: "training diverged or produced NaN",
    127: "the .NET SDK (dotnet) is not installed on the worker",
}

#: Environment of every SparkRecs task, rendered by Airflow from Variables and the run's logical
#: date. Values are passed as environment variables, never pasted into the command, so a path
#: with spaces or quotes cannot change the command.
TASK_ENV = {
    "SPARKRECS_HOME": "{{ var.value.get('sparkrecs_home', '/opt/sparkrecs') }}",
    "SPARKRECS_CONF": "{{ var.value.get('sparkrecs_conf', 'conf/local.json') }}",
    "SPARKRECS_MODEL": "{{ var.value.get('sparkrecs_model', 'default') }}",
    "SPARKRECS_LOOKBACK_DAYS": "{{ var.value.get('sparkrecs_lookback_days', '30') }}",
    "SPARKRECS_DAY": "{{ ds }}",
}

# The commands end with a quote or a brace, never with ".sh": BashOperator would take a command
# ending in ".sh" for the path of a template file.
RUN_COMMAND = """set -euo pipefail
cd "$SPARKRECS_HOME"
./submit.sh run --conf "$SPARKRECS_CONF" --run:model "$SPARKRECS_MODEL" \\
  --ingest:window:lookbackDays "$SPARKRECS_LOOKBACK_DAYS" --ingest:window:end "$SPARKRECS_DAY\""""

SMOKE_CHECK_COMMAND = """set -euo pipefail
cd "$SPARKRECS_HOME"
registry="$(./submit.sh runs --conf "$SPARKRECS_CONF" --model "$SPARKRECS_MODEL")"
printf '%s\\n' "$registry"
if ! grep -Eq '^ *[0-9]+ +live ' <<<"$registry"; then
  echo "smoke check: model '$SPARKRECS_MODEL' has no live run" >&2
  exit 1
fi"""

ROLLBACK_COMMAND = """set -euo pipefail
cd "$SPARKRECS_HOME"
args=(rollback --conf "$SPARKRECS_CONF" --model "$SPARKRECS_MODEL")
if [[ -n "${SPARKRECS_ROLLBACK_TO:-}" ]]; then args+=(--to "$SPARKRECS_ROLLBACK_TO"); fi
./submit.sh "${args[@]}\""""

_EXIT_CODE = re.compile(r"exit code (\d+)")


def variable(name, default):
    """An Airflow Variable read when the DAG file is parsed (only for what must be known then:
    the schedule), or `default` when it is not set."""
    return Variable.get(name, **{_VARIABLE_DEFAULT_ARG: default})


def exit_code_of(error):
    """The exit code in BashOperator's failure message ("... non-zero exit code 3."), or None."""
    match = _EXIT_CODE.search(str(error))
    return int(match.group(1)) if match else None


class SparkRecsBashOperator(BashOperator):
    """A BashOperator running submit.sh whose exit code decides the task state: 5 skips the task
    (skip_on_exit_code), the permanent codes fail it without retries, anything else fails it and
    leaves retrying to the task's `retries`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("skip_on_exit_code", GATE_REFUSED_EXIT_CODE)
        kwargs.setdefault("append_env", True)
        super().__init__(**kwargs)

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowSkipException:
            raise
        except AirflowException as error:
            code = exit_code_of(error)
            if code in PERMANENT_EXIT_CODES:
                raise AirflowFailException(
                    f"sparkrecs exited with code {code} ({PERMANENT_EXIT_CODES[code]}); not retried: "
                    "the same run would fail the same way. Fix the cause, then clear the task."
                ) from error
            raise


def partition_ready(events_path, day, date_key="dt", marker=""):
    """True when the day partition of `day` (YYYY-MM-DD) is ready under `events_path`, at any depth
    (nested keys such as region=eu/dt=... count), in either of the layouts the ingest reads
    (dt=2026-11-23 or dt=20261123).

    Ready means: with an empty `marker`, the partition holds at least one data file (hidden and
    underscore files such as _SUCCESS or .crc are not data); with a `marker` (e.g. "_SUCCESS", which
    Spark and Hive writers create when a partition is complete), every partition folder of the day
    holds that file, so a partition whose files are still arriving one by one is not trained on.
    An empty `events_path` means there is nothing to wait for (the generated sample warehouse).

    Only folders this worker can list are checked: an object-store or HDFS URI (s3a://, hdfs://,
    gs://, ...) fails the task at once with what to do, instead of waiting out the timeout."""
    if not events_path:
        return True
    if "://" in events_path:
        if not events_path.startswith("file://"):
            raise AirflowFailException(
                f"sparkrecs_events_path is {events_path!r}, which this sensor cannot list: it checks "
                "folders on the worker's file system. Use your provider's sensor for the partition "
                "(e.g. S3KeySensor on its _SUCCESS marker) in place of wait_for_partition, or set "
                "sparkrecs_events_path to a mounted path, or empty to not wait."
            )
        events_path = events_path[len("file://"):]
    names = {f"{date_key}={day}", f"{date_key}={day.replace('-', '')}"}
    partitions = [
        files for folder, _, files in os.walk(events_path) if os.path.basename(folder) in names
    ]
    if marker:
        return bool(partitions) and all(marker in files for files in partitions)
    return any(not f.startswith((".", "_")) for files in partitions for f in files)
