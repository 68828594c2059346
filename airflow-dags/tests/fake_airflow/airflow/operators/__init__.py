"""FAKE airflow.operators (see the fake package's docstring)."""
