"""FAKE airflow.sensors.python.PythonSensor: poke() calls python_callable(**op_kwargs)."""

from airflow.models.baseoperator import BaseOperator


class PythonSensor(BaseOperator):
    """Records poke_interval, timeout and mode; op_kwargs are templated like Airflow's."""

    template_fields = ("op_kwargs",)

    def __init__(self, task_id, python_callable, op_kwargs=None, **kwargs):
        super().__init__(task_id, **kwargs)
        self.python_callable = python_callable
        self.op_kwargs = dict(op_kwargs or {})
        self.poke_interval = kwargs.get("poke_interval", 60)
        self.timeout = kwargs.get("timeout", 7 * 24 * 3600)
        self.mode = kwargs.get("mode", "poke")

    def poke(self, context):
        return bool(self.python_callable(**self.op_kwargs))
