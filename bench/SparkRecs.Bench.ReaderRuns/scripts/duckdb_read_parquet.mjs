// Times DuckDB (@duckdb/node-api) materialising the benchmark's Parquet day files into an in-memory
// table; prints {"rows": N, "seconds": S, "cpuSeconds": C} as JSON (CPU of all the process' threads). Usage: node duckdb_read_parquet.mjs THREADS FILE...
// The package is installed outside the repository: DUCKDB_NODE_MODULES names its node_modules folder.
import { createRequire } from 'node:module';
import path from 'node:path';

const modules = process.env.DUCKDB_NODE_MODULES;
if (!modules) {
  console.error('Set DUCKDB_NODE_MODULES to a node_modules folder holding @duckdb/node-api.');
  process.exit(2);
}
const require = createRequire(path.join(modules, 'noop.js'));
const { DuckDBInstance } = require('@duckdb/node-api');

const [threads, ...files] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
await connection.run(`CREATE TABLE events AS SELECT user_id, item_id, event_type, "timestamp" FROM read_parquet([${list}])`);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const reader = await connection.runAndReadAll('SELECT count(*)::BIGINT AS n FROM events');
const rows = Number(reader.getRows()[0][0]);
console.log(JSON.stringify({ rows, seconds, cpuSeconds }));
