"""FAKE airflow.operators.bash.BashOperator: runs the command with bash like Airflow 2.7+."""

import os
import subprocess

from airflow.exceptions import AirflowException, AirflowSkipException
from airflow.models.baseoperator import BaseOperator


class BashOperator(BaseOperator):
    """Runs bash_command; exit codes in skip_on_exit_code skip the task, other non-zero codes fail it
    with Airflow's message ("... non-zero exit code N.")."""

    template_fields = ("bash_command", "env", "cwd")

    def __init__(self, task_id, bash_command, env=None, append_env=False, skip_on_exit_code=99, cwd=None, **kwargs):
        super().__init__(task_id, **kwargs)
        self.bash_command = bash_command
        self.env = env
        self.append_env = append_env
        codes = skip_on_exit_code
        self.skip_on_exit_code = [] if codes is None else ([codes] if isinstance(codes, int) else list(codes))
        self.cwd = cwd
        self.output = ""

    def execute(self, context):
        env = None
        if self.env is not None:
            env = dict(os.environ, **self.env) if self.append_env else dict(self.env)
        result = subprocess.run(["bash", "-c", self.bash_command], cwd=self.cwd, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        self.output = result.stdout
        if result.returncode in self.skip_on_exit_code:
            raise AirflowSkipException(f"Bash command returned exit code {result.returncode}. Skipping.")
        if result.returncode != 0:
            raise AirflowException(f"Bash command failed. The command returned a non-zero exit code {result.returncode}.")
        lines = result.stdout.strip().splitlines()
        return lines[-1] if lines else ""
