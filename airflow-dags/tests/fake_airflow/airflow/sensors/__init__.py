"""FAKE airflow.sensors (see the fake package's docstring)."""
