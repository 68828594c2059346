"""FAKE Apache Airflow: a minimal stand-in used only by SparkRecs' DAG tests.

It is not Airflow. Airflow cannot be installed where these tests run, so this package provides the
few names the DAG files import (with the Airflow 2.x module paths), records what the DAG files
declare (DAGs, operators, their arguments and dependencies) and renders the template subset the
DAGs use. BashOperator.execute really runs the command with bash and raises the exceptions Airflow
raises, with Airflow's messages, so the exit-code handling is tested for real.
"""

from airflow.models.dag import DAG

__all__ = ["DAG"]
