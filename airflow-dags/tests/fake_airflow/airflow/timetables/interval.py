"""FAKE airflow.timetables.interval.CronDataIntervalTimetable: records the cron and time zone."""


class CronDataIntervalTimetable:
    """One data interval per cron period; a run's logical date (ds) is the start of its interval."""

    def __init__(self, cron, timezone):
        self.cron = cron
        self.timezone = timezone
