"""FAKE airflow.exceptions: the three exceptions the SparkRecs DAGs raise or catch."""


class AirflowException(Exception):
    """Base failure; Airflow retries a task that raises it while it has retries left."""


class AirflowSkipException(AirflowException):
    """The task is marked skipped."""


class AirflowFailException(AirflowException):
    """The task fails at once, without retries."""
