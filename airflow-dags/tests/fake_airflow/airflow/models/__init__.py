"""FAKE airflow.models (see the fake package's docstring)."""

from airflow.models.baseoperator import BaseOperator
from airflow.models.dag import DAG
from airflow.models.variable import Variable

__all__ = ["BaseOperator", "DAG", "Variable"]
