"""Times pandas read_csv over the benchmark's CSV.gz day files; prints {"rows": N, "seconds": S, "cpuSeconds": C} as JSON.

The frame gets the same columns the SparkRecs ingest maps (user_id, item_id, event_type, timestamp),
read as strings (the C parser, no type inference cost on keys); timing covers reading, gunzip,
parsing and concatenating the days into one frame. Malformed rows are skipped (on_bad_lines="skip").
"""
import json
import sys
import time

import pandas as pd

files = sys.argv[1:]
start = time.perf_counter()
cpu_start = time.process_time()
frames = [
    pd.read_csv(f, usecols=["user_id", "item_id", "event_type", "timestamp"], dtype=str, engine="c", on_bad_lines="skip")
    for f in files
]
frame = pd.concat(frames, ignore_index=True)
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start
print(json.dumps({"rows": int(len(frame)), "seconds": seconds, "cpuSeconds": cpu_seconds}))
