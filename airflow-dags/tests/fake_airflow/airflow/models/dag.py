"""FAKE airflow.models.dag.DAG: records its arguments and the tasks declared inside it."""

_current = []
registry = {}


class DAG:
    """Context manager collecting operators, as Airflow's DAG does; every DAG lands in `registry`."""

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.params = dict(kwargs.get("params") or {})
        self.default_args = dict(kwargs.get("default_args") or {})
        self.tasks = {}
        registry[dag_id] = self

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
        return False

    def add_task(self, task):
        if task.task_id in self.tasks:
            raise ValueError(f"duplicate task_id {task.task_id} in DAG {self.dag_id}")
        self.tasks[task.task_id] = task

    def edges(self):
        """Every (upstream, downstream) pair of task ids, sorted."""
        return sorted((t.task_id, d) for t in self.tasks.values() for d in t.downstream_task_ids)


def current_dag():
    return _current[-1] if _current else None
