// Reads every flat column of the apache/parquet-testing corpus with DuckDB (an independent reader) and
// records a SHA-256 digest of its values in a canonical text form, so that ParquetCorpusDigestTests can
// check SparkRecs' reader value by value on files the corpus ships no expectations for.
// Run: npm install && node corpus-digests.mjs /path/to/parquet-testing/data   (writes corpus-duckdb-digests.json)
// Canonical form, one line per row: null -> "null"; integers, dates (days) and timestamps (Unix ms) in
// decimal; FLOAT/DOUBLE/DECIMAL as the hex bits of the IEEE binary64 value ("NaN" for any NaN); booleans
// "true"/"false"; strings as text; other byte arrays as upper-case hex.
import { createHash } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = process.argv[2];
if (!root) {
  console.error('usage: node corpus-digests.mjs <parquet-testing data folder>');
  process.exit(2);
}

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.parquet')) files.push(path);
  }
};
walk(root);

const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await db.connect();
const bits = (x) => {
  if (Number.isNaN(x)) return 'NaN';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, true);
  return view.getBigUint64(0, true).toString(16).toUpperCase().padStart(16, '0');
};
const integerTypes = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT']);

const digests = [];
for (const file of files) {
  let columns;
  try {
    columns = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowObjectsJS();
  } catch (e) {
    continue; // DuckDB cannot read it either (encrypted, unsupported codec...)
  }

  for (const { column_name: name, column_type: type } of columns) {
    const quoted = '"' + name.replaceAll('"', '""') + '"';
    let select;
    let render;
    if (integerTypes.has(type)) { select = `${quoted}::VARCHAR`; render = (v) => v; }
    else if (type === 'DATE') { select = `(${quoted} - DATE '1970-01-01')::VARCHAR`; render = (v) => v; }
    else if (type.startsWith('TIMESTAMP')) { select = `epoch_ms(${quoted})::VARCHAR`; render = (v) => v; }
    else if (type === 'FLOAT' || type === 'DOUBLE' || type.startsWith('DECIMAL')) { select = `${quoted}::DOUBLE`; render = bits; }
    else if (type === 'BOOLEAN') { select = `${quoted}::VARCHAR`; render = (v) => v; }
    else if (type === 'VARCHAR') { select = quoted; render = (v) => v; }
    else if (type === 'BLOB') { select = `hex(${quoted})`; render = (v) => v; }
    else continue; // nested, TIME, UUID, INTERVAL...: not compared

    let rows;
    try {
      rows = (await con.runAndReadAll(`SELECT ${select} AS v FROM read_parquet('${file}')`)).getRowObjectsJS();
    } catch (e) {
      continue;
    }

    const text = rows.map((r) => (r.v === null || r.v === undefined ? 'null' : render(r.v))).join('\n');
    digests.push({
      file: relative(root, file).replaceAll('\\', '/'),
      column: name,
      duckdbType: type,
      rows: rows.length,
      sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    });
  }
}

writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'corpus-duckdb-digests.json'), JSON.stringify(digests, null, 1) + '\n');
console.log(`${digests.length} column digests from ${files.length} files`);
