"""FAKE airflow.models.Variable: values come from a dict the tests fill in."""

_MISSING = object()


class Variable:
    """Key/value store standing in for Airflow Variables (Admin -> Variables)."""

    values = {}

    @classmethod
    def get(cls, key, default_var=_MISSING, deserialize_json=False):
        if key in cls.values:
            return cls.values[key]
        if default_var is _MISSING:
            raise KeyError(f"Variable {key} does not exist")
        return default_var
