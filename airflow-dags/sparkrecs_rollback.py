"""SparkRecs rollback (manual): make an earlier run of a model live again, then check it is served.

Trigger it with params `model` (default "default") and `to` (a run id from `submit.sh runs`;
empty = the run that was live before the current one). The switch is one transaction, so serving
never sees a mix of runs.
"""

from datetime import datetime, timezone

from sparkrecs_common import DAG, ROLLBACK_COMMAND, SMOKE_CHECK_COMMAND, TASK_ENV, SparkRecsBashOperator

ROLLBACK_ENV = dict(TASK_ENV, SPARKRECS_MODEL="{{ params.model }}", SPARKRECS_ROLLBACK_TO="{{ params.to }}")

with DAG(
    dag_id="sparkrecs_rollback",
    schedule=None,
    start_date=datetime(2024, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    params={"model": "default", "to": ""},
    default_args={"owner": "sparkrecs", "retries": 0},
    tags=["sparkrecs"],
    doc_md=__doc__,
) as dag:
    rollback = SparkRecsBashOperator(task_id="rollback", bash_command=ROLLBACK_COMMAND, env=ROLLBACK_ENV)
    smoke_check = SparkRecsBashOperator(task_id="smoke_check", bash_command=SMOKE_CHECK_COMMAND, env=ROLLBACK_ENV)
    rollback >> smoke_check
