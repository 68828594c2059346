// Writes the events-table fixtures with three independent Parquet writers (parquet-wasm = Rust arrow-rs,
// DuckDB, hyparquet-writer), the expected values they all encode, and - when SparkRecs' own writer has
// produced sparkrecs-writer.parquet - what two independent readers (hyparquet, DuckDB) see in that file.
// Run: npm install && node make-fixtures.mjs   (see README.md)
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import * as wasm from 'parquet-wasm';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parquetReadObjects } from 'hyparquet';

const here = dirname(fileURLToPath(import.meta.url));
const out = (name) => join(here, name);

// ---- 1. the events table: deterministic, with nulls, repeats (dictionary-friendly) and non-ASCII keys
const N = 2000;
let seed = 12345;
const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
const types = ['view', 'click', 'purchase', 'rate'];
const rows = [];
let ts = Date.UTC(2024, 2, 30, 22, 0, 0); // crosses a day boundary; ms-resolution timestamps
for (let i = 0; i < N; i++) {
  const r = next();
  ts += 1 + (r % 90_000);
  rows.push({
    user_id: (r % 13 === 0 ? 'usér-' : 'u') + ((r >>> 8) % 97),
    item_id: 'item-' + String((r >>> 4) % 211).padStart(4, '0'),
    ts_ms: ts,
    rating: i % 7 === 3 ? null : ((r >>> 12) % 10) / 2,
    event_type: types[(r >>> 16) % 4],
  });
}
const csvOf = (table) => ['user_id,item_id,ts_ms,rating,event_type',
  ...table.map((x) => [x.user_id, x.item_id, x.ts_ms, x.rating ?? '', x.event_type].join(','))].join('\n') + '\n';
writeFileSync(out('events.expected.csv'), csvOf(rows));

// ---- 2. parquet-wasm (arrow-rs): snappy + v1 + dictionary; gzip + v2 + plain/delta/byte-stream-split
const table = new arrow.Table({
  user_id: arrow.vectorFromArray(rows.map((x) => x.user_id), new arrow.Utf8()),
  item_id: arrow.vectorFromArray(rows.map((x) => x.item_id), new arrow.Utf8()),
  ts: arrow.vectorFromArray(rows.map((x) => x.ts_ms), new arrow.TimestampMillisecond()),
  rating: arrow.vectorFromArray(rows.map((x) => x.rating), new arrow.Float64()),
  event_type: arrow.vectorFromArray(rows.map((x) => x.event_type), new arrow.Utf8()),
});
const wasmTable = () => wasm.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
writeFileSync(out('arrow-rs-snappy-v1-dictionary.parquet'), wasm.writeParquet(wasmTable(), new wasm.WriterPropertiesBuilder()
  .setCompression(wasm.Compression.SNAPPY).setWriterVersion(wasm.WriterVersion.V1).setDictionaryEnabled(true)
  .setMaxRowGroupSize(600).setDataPageSizeLimit(2048).build()));
writeFileSync(out('arrow-rs-gzip-v2-delta.parquet'), wasm.writeParquet(wasmTable(), new wasm.WriterPropertiesBuilder()
  .setCompression(wasm.Compression.GZIP).setWriterVersion(wasm.WriterVersion.V2).setDictionaryEnabled(false)
  .setColumnEncoding('ts', wasm.Encoding.DELTA_BINARY_PACKED)
  .setColumnEncoding('rating', wasm.Encoding.BYTE_STREAM_SPLIT)
  .setColumnEncoding('item_id', wasm.Encoding.DELTA_LENGTH_BYTE_ARRAY)
  .setColumnEncoding('event_type', wasm.Encoding.DELTA_BYTE_ARRAY)
  .setMaxRowGroupSize(700).setDataPageSizeLimit(4096).build()));

// ---- 3. DuckDB: timestamps in microseconds; snappy v1 and gzip v2 (delta encodings)
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`CREATE TABLE events AS SELECT user_id, item_id, make_timestamp(ts_ms * 1000) AS ts, rating, event_type
  FROM read_csv('${out('events.expected.csv')}', header = true,
    columns = {'user_id': 'VARCHAR', 'item_id': 'VARCHAR', 'ts_ms': 'BIGINT', 'rating': 'DOUBLE', 'event_type': 'VARCHAR'})`);
await con.run(`COPY (SELECT * FROM events) TO '${out('duckdb-snappy-v1.parquet')}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 512)`);
await con.run(`COPY (SELECT * FROM events) TO '${out('duckdb-gzip-v2.parquet')}' (FORMAT parquet, COMPRESSION gzip, PARQUET_VERSION v2, ROW_GROUP_SIZE 512)`);

// ---- 4. hyparquet-writer: snappy, its own dictionary heuristics, millisecond timestamps
writeFileSync(out('hyparquet-snappy.parquet'), new Uint8Array(parquetWriteBuffer({
  columnData: [
    { name: 'user_id', data: rows.map((x) => x.user_id), type: 'STRING', nullable: false },
    { name: 'item_id', data: rows.map((x) => x.item_id), type: 'STRING', nullable: false },
    { name: 'ts', data: rows.map((x) => new Date(x.ts_ms)), type: 'TIMESTAMP', nullable: false },
    { name: 'rating', data: rows.map((x) => x.rating), type: 'DOUBLE' },
    { name: 'event_type', data: rows.map((x) => x.event_type), type: 'STRING', nullable: false },
  ],
  rowGroupSize: 750,
  pageSize: 4096,
})));

// ---- 5. SparkRecs' writer output, read back by two independent readers
const ours = out('sparkrecs-writer.parquet');
if (existsSync(ours)) {
  const bytes = readFileSync(ours);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const objects = await parquetReadObjects({ file: buffer });
  writeFileSync(out('sparkrecs-writer.read-by-hyparquet.csv'), csvOf(objects.map((o) => ({
    user_id: o.user_id, item_id: o.item_id, ts_ms: Number(o.ts instanceof Date ? o.ts.getTime() : o.ts),
    rating: o.rating, event_type: o.event_type,
  }))));
  const result = await con.runAndReadAll(`SELECT user_id, item_id, epoch_ms(ts) AS ts_ms, rating, event_type FROM read_parquet('${ours}')`);
  writeFileSync(out('sparkrecs-writer.read-by-duckdb.csv'), csvOf(result.getRowObjectsJS().map((o) => ({
    user_id: o.user_id, item_id: o.item_id, ts_ms: Number(o.ts_ms), rating: o.rating, event_type: o.event_type,
  }))));
} else {
  console.log('sparkrecs-writer.parquet not found: run the .NET tests with SPARKRECS_UPDATE_FIXTURES=1 first, then rerun this script.');
}
console.log('fixtures written to', here);
