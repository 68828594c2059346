"""Times pandas read_csv of one headerless `user \t item \t count` file into int32 columns; prints {"rows": N, "seconds": S, "cpuSeconds": C} as JSON.

The C parser with dtype=int32 yields three integer arrays, the form the SparkRecs ingest ends in
(dense ids and values), so the timing is the parse alone: no key mapping or cleaning.
"""
import json
import sys
import time

import pandas as pd

start = time.perf_counter()
cpu_start = time.process_time()
frame = pd.read_csv(sys.argv[1], sep="\t", header=None, dtype="int32", engine="c")
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start
print(json.dumps({"rows": int(len(frame)), "seconds": seconds, "cpuSeconds": cpu_seconds}))
