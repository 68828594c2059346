"""FAKE airflow.timetables (see the fake package's docstring)."""
