"""FAKE airflow.models.BaseOperator: arguments, default_args, dependencies and template rendering."""

import re

from airflow.models.dag import current_dag
from airflow.models.variable import Variable

_EXPRESSION = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_VAR_GET = re.compile(r"""var\.value\.get\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)$""")


def render(template, context):
    """Renders the template subset the SparkRecs DAGs use: {{ ds }}, {{ ds_nodash }},
    {{ params.NAME }}, {{ var.value.NAME }} and {{ var.value.get('NAME', 'DEFAULT') }}.
    Anything else is an error, so a DAG cannot silently use a construct this fake does not render."""

    def one(match):
        expression = match.group(1)
        if expression in ("ds", "ds_nodash"):
            return str(context[expression])
        if expression.startswith("params."):
            return str(context["params"][expression[len("params."):]])
        var_get = _VAR_GET.match(expression)
        if var_get:
            return str(Variable.get(var_get.group(1), default_var=var_get.group(2)))
        if expression.startswith("var.value."):
            return str(Variable.get(expression[len("var.value."):]))
        raise ValueError(f"the fake renderer does not support '{{{{ {expression} }}}}'")

    if "{%" in template or "{#" in template:
        raise ValueError("the fake renderer does not support Jinja statements or comments")
    return _EXPRESSION.sub(one, template)


class BaseOperator:
    """Records task_id, every keyword argument (after default_args) and the task graph."""

    template_fields = ()

    def __init__(self, task_id, dag=None, **kwargs):
        self.task_id = task_id
        self.dag = dag or current_dag()
        merged = dict(self.dag.default_args) if self.dag is not None else {}
        merged.update(kwargs)
        self.kwargs = merged
        self.retries = merged.get("retries", 0)
        self.trigger_rule = merged.get("trigger_rule", "all_success")
        self.downstream_task_ids = set()
        self.upstream_task_ids = set()
        if self.dag is not None:
            self.dag.add_task(self)

    def set_downstream(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            self.downstream_task_ids.add(task.task_id)
            task.upstream_task_ids.add(self.task_id)

    def set_upstream(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            task.set_downstream(self)

    def __rshift__(self, other):
        self.set_downstream(other)
        return other

    def __lshift__(self, other):
        self.set_upstream(other)
        return other

    def render_template_fields(self, context):
        """Renders every templated field in place, as Airflow does before execute()."""
        for field in self.template_fields:
            value = getattr(self, field)
            if isinstance(value, str):
                setattr(self, field, render(value, context))
            elif isinstance(value, dict):
                setattr(self, field, {k: render(v, context) if isinstance(v, str) else v for k, v in value.items()})
