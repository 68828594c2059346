"""Tests of the SparkRecs DAG files against the FAKE airflow package in fake_airflow/ (Airflow
itself cannot be installed here): the task graphs, the DAG arguments, the commands and environment
rendered for a given ds, and the exit-code handling, with the commands really run by bash."""

import json
import os
import runpy
import shutil
import stat
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DAGS = os.path.dirname(HERE)
REPO = os.path.dirname(DAGS)
sys.path.insert(0, os.path.join(HERE, "fake_airflow"))
sys.path.insert(0, DAGS)

from airflow.exceptions import AirflowException, AirflowFailException, AirflowSkipException  # noqa: E402
from airflow.models import Variable  # noqa: E402
from airflow.models.dag import registry  # noqa: E402

import sparkrecs_common  # noqa: E402


def load_dag(file_name, dag_id, variables=None):
    """Parses a DAG file the way the scheduler would, with the given Airflow Variables set."""
    Variable.values = dict(variables or {})
    registry.clear()
    runpy.run_path(os.path.join(DAGS, file_name))
    return registry[dag_id]


def render(task, ds, params=None, variables=None):
    """Renders a task's templated fields for a run whose logical date is ds (YYYY-MM-DD)."""
    Variable.values = dict(variables or {})
    context = {"ds": ds, "ds_nodash": ds.replace("-", ""), "params": dict(task.dag.params, **(params or {}))}
    task.render_template_fields(context)
    return task


class FakeSubmit:
    """A temporary SPARKRECS_HOME whose submit.sh records its arguments, prints a canned registry
    and exits with a chosen code."""

    def __init__(self, exit_code=0, registry_text=""):
        self.home = tempfile.mkdtemp(prefix="sparkrecs-dag-")
        self.calls = os.path.join(self.home, "calls.txt")
        script = os.path.join(self.home, "submit.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write("#!/usr/bin/env bash\n")
            f.write(f'printf "%s\\n" "$*" >> "{self.calls}"\n')
            f.write(f"cat <<'REGISTRY'\n{registry_text}\nREGISTRY\n")
            f.write(f"exit {exit_code}\n")
        os.chmod(script, os.stat(script).st_mode | stat.S_IEXEC)

    def args(self):
        with open(self.calls, encoding="utf-8") as f:
            return [line.rstrip("\n") for line in f]

    def cleanup(self):
        shutil.rmtree(self.home, ignore_errors=True)


LIVE_REGISTRY = """   run  status    created (UTC)        published (UTC)          users     items  window                   note
     2  live      2026-11-24 02:00:05  2026-11-24 02:09:41       9,824     2,000  2026-10-25..2026-11-23
     1  retired   2026-11-23 02:00:04  2026-11-23 02:08:55       9,801     2,000  2026-10-24..2026-11-22"""


class NightlyDagTests(unittest.TestCase):
    def setUp(self):
        self.dag = load_dag("sparkrecs_nightly.py", "sparkrecs_nightly")

    def test_the_graph_waits_for_the_partition_then_runs_then_checks_what_is_served(self):
        self.assertEqual(set(self.dag.tasks), {"wait_for_partition", "run_job", "smoke_check"})
        self.assertEqual(self.dag.edges(), [("run_job", "smoke_check"), ("wait_for_partition", "run_job")])

    def test_one_run_at_a_time_no_catchup_and_the_default_cron_is_two_in_the_morning_utc(self):
        self.assertFalse(self.dag.kwargs["catchup"])
        self.assertEqual(self.dag.kwargs["max_active_runs"], 1)
        timetable = self.dag.kwargs["schedule"]
        self.assertEqual(type(timetable).__name__, "CronDataIntervalTimetable")
        self.assertEqual((timetable.cron, timetable.timezone), ("0 2 * * *", "UTC"))

    def test_the_schedule_comes_from_airflow_variables(self):
        dag = load_dag("sparkrecs_nightly.py", "sparkrecs_nightly",
                       {"sparkrecs_schedule": "30 3 * * 1-5", "sparkrecs_timezone": "Europe/Berlin"})
        self.assertEqual((dag.kwargs["schedule"].cron, dag.kwargs["schedule"].timezone), ("30 3 * * 1-5", "Europe/Berlin"))

    def test_a_refused_gate_skips_run_job_and_the_smoke_check_still_runs(self):
        run_job = self.dag.tasks["run_job"]
        self.assertEqual(run_job.skip_on_exit_code, [5])
        self.assertGreater(run_job.retries, 0)
        self.assertEqual(self.dag.tasks["smoke_check"].trigger_rule, "none_failed")

    def test_the_sensor_reschedules_instead_of_holding_a_worker_slot(self):
        sensor = self.dag.tasks["wait_for_partition"]
        self.assertEqual(sensor.mode, "reschedule")
        self.assertEqual(sensor.poke_interval, 300)
        self.assertEqual(sensor.timeout, 6 * 3600)
        self.assertEqual(sensor.retries, 0)

    def test_the_job_command_rendered_for_a_day_reads_the_window_ending_that_day(self):
        run_job = render(self.dag.tasks["run_job"], "2026-11-23", variables={
            "sparkrecs_home": "/srv/spark recs", "sparkrecs_conf": "conf/prod.json",
            "sparkrecs_model": "shop", "sparkrecs_lookback_days": "45"})
        self.assertEqual(run_job.env, {
            "SPARKRECS_HOME": "/srv/spark recs", "SPARKRECS_CONF": "conf/prod.json", "SPARKRECS_MODEL": "shop",
            "SPARKRECS_LOOKBACK_DAYS": "45", "SPARKRECS_DAY": "2026-11-23"})
        self.assertTrue(run_job.append_env)
        self.assertIn('./submit.sh run --conf "$SPARKRECS_CONF" --run:model "$SPARKRECS_MODEL"', run_job.bash_command)
        self.assertIn('--ingest:window:lookbackDays "$SPARKRECS_LOOKBACK_DAYS" --ingest:window:end "$SPARKRECS_DAY"', run_job.bash_command)
        self.assertFalse(run_job.bash_command.endswith(".sh"))

    def test_defaults_apply_when_no_variable_is_set(self):
        run_job = render(self.dag.tasks["run_job"], "2026-11-23")
        self.assertEqual(run_job.env["SPARKRECS_HOME"], "/opt/sparkrecs")
        self.assertEqual(run_job.env["SPARKRECS_CONF"], "conf/local.json")
        self.assertEqual(run_job.env["SPARKRECS_LOOKBACK_DAYS"], "30")

    def test_the_rendered_job_command_passes_exactly_these_arguments_to_submit(self):
        fake = FakeSubmit()
        try:
            run_job = render(self.dag.tasks["run_job"], "2026-11-23", variables={"sparkrecs_home": fake.home, "sparkrecs_lookback_days": "7"})
            run_job.execute({})
            self.assertEqual(fake.args(), ["run --conf conf/local.json --run:model default --ingest:window:lookbackDays 7 --ingest:window:end 2026-11-23"])
        finally:
            fake.cleanup()

    def test_the_smoke_check_passes_with_a_live_run_and_fails_without_one(self):
        for registry_text, expected in ((LIVE_REGISTRY, None), (LIVE_REGISTRY.replace(" live ", " retired "), AirflowException)):
            fake = FakeSubmit(registry_text=registry_text)
            try:
                dag = load_dag("sparkrecs_nightly.py", "sparkrecs_nightly")
                smoke = render(dag.tasks["smoke_check"], "2026-11-23", variables={"sparkrecs_home": fake.home})
                if expected is None:
                    smoke.execute({})
                else:
                    with self.assertRaises(expected) as raised:
                        smoke.execute({})
                    self.assertNotIsInstance(raised.exception, AirflowFailException)
                self.assertEqual(fake.args(), ["runs --conf conf/local.json --model default"])
            finally:
                fake.cleanup()


class PartitionSensorTests(unittest.TestCase):
    def setUp(self):
        self.warehouse = tempfile.mkdtemp(prefix="sparkrecs-warehouse-")
        self.addCleanup(shutil.rmtree, self.warehouse, True)

    def poke(self, ds, events_path=None, marker=None):
        dag = load_dag("sparkrecs_nightly.py", "sparkrecs_nightly")
        variables = {"sparkrecs_events_path": self.warehouse if events_path is None else events_path}
        if marker is not None:
            variables["sparkrecs_partition_marker"] = marker
        return render(dag.tasks["wait_for_partition"], ds, variables=variables).poke({})

    def write(self, *parts):
        folder = os.path.join(self.warehouse, *parts[:-1])
        os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, parts[-1]), "w", encoding="utf-8").close()

    def test_waits_until_the_days_partition_holds_a_data_file(self):
        self.write("dt=2026-11-22", "part-00000.csv.gz")
        self.assertFalse(self.poke("2026-11-23"))
        self.write("dt=2026-11-23", "_SUCCESS")
        self.assertFalse(self.poke("2026-11-23"), "a marker file alone is not data")
        self.write("dt=2026-11-23", "part-00000.csv.gz")
        self.assertTrue(self.poke("2026-11-23"))

    def test_nested_partition_keys_and_compact_dates_count(self):
        self.write("region=eu", "dt=20261123", "part-00000.parquet")
        self.assertTrue(self.poke("2026-11-23"))

    def test_without_an_events_path_there_is_nothing_to_wait_for(self):
        self.assertTrue(self.poke("2026-11-23", events_path=""))

    def test_with_a_marker_every_partition_of_the_day_must_hold_it(self):
        self.write("region=eu", "dt=2026-11-23", "part-00000.parquet")
        self.write("region=us", "dt=2026-11-23", "part-00000.parquet")
        self.assertFalse(self.poke("2026-11-23", marker="_SUCCESS"), "data files alone are not complete")
        self.write("region=eu", "dt=2026-11-23", "_SUCCESS")
        self.assertFalse(self.poke("2026-11-23", marker="_SUCCESS"), "one region still writing")
        self.write("region=us", "dt=2026-11-23", "_SUCCESS")
        self.assertTrue(self.poke("2026-11-23", marker="_SUCCESS"))

    def test_a_file_uri_is_read_as_its_path(self):
        self.write("dt=2026-11-23", "part-00000.csv.gz")
        self.assertTrue(self.poke("2026-11-23", events_path="file://" + self.warehouse))

    def test_an_object_store_path_fails_at_once_with_what_to_do(self):
        with self.assertRaises(AirflowFailException) as raised:
            self.poke("2026-11-23", events_path="s3a://lake/events")
        self.assertIn("S3KeySensor", str(raised.exception))


class ExitCodeTests(unittest.TestCase):
    def operator(self, code):
        from airflow.models.dag import DAG

        with DAG("exit_codes"):
            return sparkrecs_common.SparkRecsBashOperator(task_id=f"exit_{code}", bash_command=f"exit {code}", env={})

    def test_success_is_success(self):
        self.operator(0).execute({})

    def test_a_refused_gate_is_skipped_not_failed(self):
        with self.assertRaises(AirflowSkipException):
            self.operator(5).execute({})

    def test_configuration_data_and_training_errors_fail_without_retry(self):
        for code in (2, 3, 4, 127):
            with self.subTest(code=code), self.assertRaises(AirflowFailException) as raised:
                self.operator(code).execute({})
            self.assertIn(f"code {code}", str(raised.exception))

    def test_publish_failures_and_crashes_are_retried(self):
        for code in (6, 1, 130, 137):
            with self.subTest(code=code), self.assertRaises(AirflowException) as raised:
                self.operator(code).execute({})
            self.assertNotIsInstance(raised.exception, (AirflowFailException, AirflowSkipException))

    def test_the_exit_code_is_read_from_bash_operators_message(self):
        message = "Bash command failed. The command returned a non-zero exit code 3."
        self.assertEqual(sparkrecs_common.exit_code_of(AirflowException(message)), 3)
        self.assertIsNone(sparkrecs_common.exit_code_of(AirflowException("timeout")))


class RollbackDagTests(unittest.TestCase):
    def setUp(self):
        self.dag = load_dag("sparkrecs_rollback.py", "sparkrecs_rollback")

    def test_it_is_manual_and_checks_what_is_served_after_the_switch(self):
        self.assertIsNone(self.dag.kwargs["schedule"])
        self.assertEqual(self.dag.edges(), [("rollback", "smoke_check")])
        self.assertEqual(self.dag.tasks["rollback"].retries, 0)

    def test_the_target_run_is_passed_only_when_given(self):
        for params, expected in (({}, "rollback --conf conf/local.json --model default"),
                                 ({"model": "shop", "to": "3"}, "rollback --conf conf/local.json --model shop --to 3")):
            fake = FakeSubmit()
            try:
                dag = load_dag("sparkrecs_rollback.py", "sparkrecs_rollback")
                render(dag.tasks["rollback"], "2026-11-23", params=params, variables={"sparkrecs_home": fake.home}).execute({})
                self.assertEqual(fake.args(), [expected])
            finally:
                fake.cleanup()


class TemplateSubsetTests(unittest.TestCase):
    """The fake renders a subset of Jinja; when Jinja is installed, check it agrees with Jinja."""

    def test_the_fake_renderer_agrees_with_jinja(self):
        try:
            import jinja2
        except ImportError:
            self.skipTest("jinja2 is not installed (Debian: apt-get install python3-jinja2); the fake renderer alone was used")
        from airflow.models.baseoperator import render as fake_render

        Variable.values = {"sparkrecs_home": "/srv/recs"}

        class Var:
            class value:  # noqa: N801 - mirrors Airflow's template variable `var.value`
                get = staticmethod(lambda name, default: Variable.values.get(name, default))

        context = {"ds": "2026-11-23", "ds_nodash": "20261123", "params": {"model": "shop", "to": ""}}
        templates = list(sparkrecs_common.TASK_ENV.values()) + ["{{ params.model }}", "{{ params.to }}"]
        for template in templates:
            self.assertEqual(fake_render(template, context), jinja2.Template(template).render(var=Var, **context))


@unittest.skipUnless(shutil.which("dotnet"), "dotnet is not installed: the job command is not run for real")
class RealJobCommandTests(unittest.TestCase):
    """The rendered run_job command, run once for real on a small generated sample warehouse."""

    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="sparkrecs-dag-run-")
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.conf = os.path.join(self.folder, "small.json")
        with open(self.conf, "w", encoding="utf-8") as f:
            json.dump({
                "run": {"outputDir": os.path.join(self.folder, "runs"), "stateDir": os.path.join(self.folder, "state"),
                        "threads": 2, "publish": "never"},
                "sample": {"users": 1500, "items": 400, "events": 60000, "days": 20, "startDate": "2024-01-01"},
                "als": {"rank": 16, "iterations": 6, "regParam": 1, "alpha": 5},
                "recommend": {"topN": 20, "similarItems": 5},
                "evaluation": {"bootstrapResamples": 200, "itemKnnNeighbors": 50},
            }, f)

    def run_job(self, ds):
        dag = load_dag("sparkrecs_nightly.py", "sparkrecs_nightly")
        return render(dag.tasks["run_job"], ds, variables={
            "sparkrecs_home": REPO, "sparkrecs_conf": self.conf, "sparkrecs_lookback_days": "20"})

    def test_the_job_runs_on_the_window_ending_at_ds_and_a_day_without_data_fails_without_retry(self):
        task = self.run_job("2024-01-20")
        try:
            task.execute({})
            self.assertIn("not published (run:publish = never)", task.output)
        except AirflowSkipException:
            self.assertIn("quality gate refused", task.output)
        self.assertIn("20 files", task.output)  # the 20 day partitions of the window

        with self.assertRaises(AirflowFailException) as raised:
            self.run_job("2025-06-01").execute({})
        self.assertIn("code 3", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
