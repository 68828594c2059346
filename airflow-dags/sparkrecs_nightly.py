"""SparkRecs nightly: wait for the day's partition, run the job on the window ending that day,
then check that a run is served.

Runs once per data interval of the cron in the Variable `sparkrecs_schedule` (Airflow's 5-field
cron, default "0 2 * * *", in `sparkrecs_timezone`, default UTC). With a data-interval timetable
the run that starts at 02:00 on the 24th covers the 23rd, so `ds` is the 23rd: the partition it
waits for and the last day of the window it trains on. No catch-up, one run at a time.

Tasks:
  wait_for_partition  sensor (reschedule mode, 5 min pokes, 6 h timeout) on
                      `<sparkrecs_events_path>/.../dt={{ ds }}/` holding a data file
  run_job             ./submit.sh run --ingest:window:lookbackDays N --ingest:window:end {{ ds }};
                      exit 5 (gate refused) -> skipped, 2/3/4 -> failed without retries,
                      6 and other failures -> retried
  smoke_check         ./submit.sh runs: the model has a live run; runs after a skipped run_job
                      too (the previous live run must still be served)
"""

from datetime import datetime, timedelta, timezone

from airflow.timetables.interval import CronDataIntervalTimetable

from sparkrecs_common import (
    DAG,
    RUN_COMMAND,
    SMOKE_CHECK_COMMAND,
    TASK_ENV,
    PythonSensor,
    SparkRecsBashOperator,
    partition_ready,
    variable,
)

DEFAULT_SCHEDULE = "0 2 * * *"

with DAG(
    dag_id="sparkrecs_nightly",
    schedule=CronDataIntervalTimetable(
        variable("sparkrecs_schedule", DEFAULT_SCHEDULE), timezone=variable("sparkrecs_timezone", "UTC")
    ),
    start_date=datetime(2024, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "sparkrecs", "retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["sparkrecs"],
    doc_md=__doc__,
) as dag:
    wait_for_partition = PythonSensor(
        task_id="wait_for_partition",
        python_callable=partition_ready,
        op_kwargs={
            "events_path": "{{ var.value.get('sparkrecs_events_path', '') }}",
            "day": "{{ ds }}",
            "date_key": "{{ var.value.get('sparkrecs_date_key', 'dt') }}",
            "marker": "{{ var.value.get('sparkrecs_partition_marker', '') }}",
        },
        mode="reschedule",
        poke_interval=300,
        timeout=6 * 3600,
        retries=0,
    )
    run_job = SparkRecsBashOperator(
        task_id="run_job",
        bash_command=RUN_COMMAND,
        env=dict(TASK_ENV),
        execution_timeout=timedelta(hours=8),
    )
    smoke_check = SparkRecsBashOperator(
        task_id="smoke_check",
        bash_command=SMOKE_CHECK_COMMAND,
        env=dict(TASK_ENV),
        trigger_rule="none_failed",
        retries=1,
        retry_delay=timedelta(minutes=2),
    )
    wait_for_partition >> run_job >> smoke_check
