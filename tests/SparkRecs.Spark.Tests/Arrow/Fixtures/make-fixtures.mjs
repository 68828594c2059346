// Writes the Arrow IPC stream fixtures of the Arrow reader tests with an independent implementation
// (the npm package apache-arrow), plus, beside each .arrows file, a .json file holding the values the
// stream was built from (not values read back), so the C# tests compare against the writer's input.
//
// Run from a folder where apache-arrow is installed; the tests themselves need neither node nor npm:
//   mkdir /tmp/arrow-js && cd /tmp/arrow-js && npm install apache-arrow@21.2.0
//   node <repo>/tests/SparkRecs.Spark.Tests/Arrow/Fixtures/make-fixtures.mjs
//
// JSON value conventions: Int64 and Timestamp values are decimal strings (exact beyond 2^53), float
// specials are "NaN", "Infinity", "-Infinity", lists are arrays, structs are objects, null is null.
// Type names are the C# ArrowType.ToString() forms. Refused streams carry an "error" object instead of
// batches: the problem kind, the message index and field path the reader must name, and a word its
// detail must contain.

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arrow = createRequire(join(process.cwd(), 'noop.js'))('apache-arrow');
const {
  makeData, RecordBatch, RecordBatchStreamWriter, Schema, Field, Struct, List, Int32, Int64, Int8, Float32, Float64,
  Float16, Bool, Utf8, LargeUtf8, Binary, DateDay, DateMillisecond, TimestampMicrosecond, TimestampMillisecond,
  TimestampSecond, TimestampNanosecond, Dictionary, CompressionType, compressionRegistry,
} = arrow;

const outDir = fileURLToPath(new URL('.', import.meta.url));
const encoder = new TextEncoder();

// ---- Arrays from plain values -------------------------------------------------------------------

const nullCount = (values) => values.filter((v) => v === null).length;

function bitmap(values, isSet = (v) => v !== null) {
  const bytes = new Uint8Array(((values.length + 63) >> 6) << 3);
  values.forEach((v, i) => { if (isSet(v)) bytes[i >> 3] |= 1 << (i & 7); });
  return bytes;
}

function primitive(type, values, toStored) {
  return makeData({
    type, length: values.length, nullCount: nullCount(values), nullBitmap: bitmap(values),
    data: type.ArrayType.from(values.map((v) => toStored(v === null ? 0 : v))),
  });
}

const int32 = (values) => primitive(new Int32(), values, Number);
const int64 = (values) => primitive(new Int64(), values, BigInt);
const float32 = (values) => primitive(new Float32(), values, Number);
const float64 = (values) => primitive(new Float64(), values, Number);
const date32 = (values) => primitive(new DateDay(), values, Number);
const timestamp = (type, values) => primitive(type, values, BigInt);

function bool(values) {
  return makeData({
    type: new Bool(), length: values.length, nullCount: nullCount(values), nullBitmap: bitmap(values),
    data: bitmap(values, (v) => v === true),
  });
}

function strings(values, type = new Utf8(), Offsets = Int32Array) {
  const encoded = values.map((v) => encoder.encode(v ?? ''));
  const offsets = [0];
  for (const bytes of encoded) offsets.push(offsets[offsets.length - 1] + bytes.length);
  const data = new Uint8Array(offsets[offsets.length - 1]);
  encoded.forEach((bytes, i) => data.set(bytes, offsets[i]));
  return makeData({
    type, length: values.length, nullCount: nullCount(values), nullBitmap: bitmap(values),
    valueOffsets: Offsets === BigInt64Array ? BigInt64Array.from(offsets.map(BigInt)) : Int32Array.from(offsets),
    data,
  });
}

function list(elementField, values, childOf) {
  const offsets = [0];
  for (const v of values) offsets.push(offsets[offsets.length - 1] + (v === null ? 0 : v.length));
  return makeData({
    type: new List(elementField), length: values.length, nullCount: nullCount(values), nullBitmap: bitmap(values),
    valueOffsets: Int32Array.from(offsets), child: childOf(values.flatMap((v) => v ?? [])),
  });
}

function struct(fields, values, childrenOf) {
  return makeData({
    type: new Struct(fields), length: values.length, nullCount: nullCount(values), nullBitmap: bitmap(values),
    children: fields.map((f, i) => childrenOf[i](values.map((v) => (v === null ? null : v[f.name])))),
  });
}

function batch(schema, length, children) {
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length, nullCount: 0, children }));
}

// ---- Writing --------------------------------------------------------------------------------------

function write(name, schema, batches, options = {}) {
  const writer = new RecordBatchStreamWriter(options);
  writer.reset(undefined, schema);
  for (const b of batches) writer.write(b);
  writer.finish();
  const bytes = writer.toUint8Array(true);
  writeFileSync(join(outDir, `${name}.arrows`), bytes);
  return bytes;
}

function json(name, content) {
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(content, (k, v) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return v;
  }, 1) + '\n');
}

const fieldJson = (name, type, children = []) => ({ name, type, nullable: true, children });

// ---- Supported streams ----------------------------------------------------------------------------

// Every flat type, nulls in most columns, specials in the floats, non-ASCII text.
{
  const fields = [
    new Field('i32', new Int32(), true), new Field('i64', new Int64(), true), new Field('f32', new Float32(), true),
    new Field('f64', new Float64(), true), new Field('flag', new Bool(), true), new Field('name', new Utf8(), true),
    new Field('day', new DateDay(), true), new Field('ts_us_utc', new TimestampMicrosecond('UTC'), true),
    new Field('ts_ms', new TimestampMillisecond(), true), new Field('ts_s', new TimestampSecond('+02:00'), true),
    new Field('ts_ns', new TimestampNanosecond('Europe/Paris'), true),
  ];
  const schema = new Schema(fields);
  const v = {
    i32: [1, null, -2147483648, 2147483647, 0, 42, null, -7, 8, 9],
    i64: [1n, -9223372036854775808n, null, 9223372036854775807n, 0n, 5n, 6n, null, 8n, 9n],
    f32: [0.1, null, -1.5, Infinity, NaN, 3.25, -0, null, 1e-7, 65504],
    f64: [0.1, 1e300, null, -Infinity, NaN, 2.5, null, 7, 8, -9.75],
    flag: [true, false, null, true, true, false, null, false, true, true],
    name: ['alice', '', null, 'café', '日本語', 'x'.repeat(40), null, 'a"b\\c', 'z', 'end'],
    day: [0, -1, 19723, null, 1, 2, 3, null, -719162, 2932896],
    ts_us_utc: [0n, -1n, 1700000000123456n, null, 1n, 999n, 1000n, -1001n, null, 42n],
    ts_ms: [1700000000123n, null, -1n, 0n, 1n, 2n, 3n, 4n, 5n, null],
    ts_s: [1700000000n, null, 0n, -1n, 1n, 2n, 3n, 4n, 5n, 6n],
    ts_ns: [1700000000123456789n, -1n, null, 0n, 999999n, 1000000n, -1000001n, 3n, 4n, 5n],
  };
  const b = batch(schema, 10, [
    int32(v.i32), int64(v.i64), float32(v.f32), float64(v.f64), bool(v.flag), strings(v.name), date32(v.day),
    timestamp(fields[7].type, v.ts_us_utc), timestamp(fields[8].type, v.ts_ms), timestamp(fields[9].type, v.ts_s),
    timestamp(fields[10].type, v.ts_ns),
  ]);
  write('primitives', schema, [b]);
  json('primitives', {
    description: 'Every flat type in one batch of 10 rows, with nulls, float specials and non-ASCII strings.',
    schema: [
      fieldJson('i32', 'Int32'), fieldJson('i64', 'Int64'), fieldJson('f32', 'Float32'), fieldJson('f64', 'Float64'),
      fieldJson('flag', 'Bool'), fieldJson('name', 'Utf8'), fieldJson('day', 'Date32'),
      fieldJson('ts_us_utc', 'Timestamp(Microsecond, UTC)'), fieldJson('ts_ms', 'Timestamp(Millisecond)'),
      fieldJson('ts_s', 'Timestamp(Second, +02:00)'), fieldJson('ts_ns', 'Timestamp(Nanosecond, Europe/Paris)'),
    ],
    endMarker: true,
    batches: [{ length: 10, columns: v }],
  });
}

// LargeUtf8 (64-bit offsets), also written in the legacy framing (no continuation marker).
{
  const schema = new Schema([new Field('key', new LargeUtf8(), true)]);
  const values = ['u1', null, '', 'ünïcode', 'last'];
  const b = batch(schema, values.length, [strings(values, new LargeUtf8(), BigInt64Array)]);
  const expected = {
    schema: [fieldJson('key', 'LargeUtf8')], endMarker: true, batches: [{ length: values.length, columns: { key: values } }],
  };
  write('large-utf8', schema, [b]);
  json('large-utf8', { description: 'A LargeUtf8 column with a null and an empty string.', ...expected });
  write('legacy-framing', schema, [b], { writeLegacyIpcFormat: true });
  json('legacy-framing', { description: 'large-utf8 written in the pre-0.15 framing (no 0xFFFFFFFF marker).', ...expected });
}

// ALS factors: features array<float>, three batches, a null list and an empty list.
{
  const element = new Field('element', new Float32(), false);
  const schema = new Schema([new Field('id', new Int32(), false), new Field('features', new List(element), true)]);
  const batches = [
    { id: [0, 1, 2], features: [[0.5, -1.25, 2], [1, 2, 3], [-0.1, 0.2, -0.3]] },
    { id: [3, 4], features: [null, []] },
    { id: [5], features: [[3.5, 4.5, 5.5]] },
  ];
  write('factors', schema, batches.map((v) => batch(schema, v.id.length, [int32(v.id), list(element, v.features, float32)])));
  json('factors', {
    description: 'ALS factors as Spark returns them (id int, features array<float>) in three batches.',
    schema: [{ name: 'id', type: 'Int32', nullable: false, children: [] },
      fieldJson('features', 'List', [{ name: 'element', type: 'Float32', nullable: false, children: [] }])],
    endMarker: true,
    batches: batches.map((v) => ({ length: v.id.length, columns: v })),
  });
}

// recommendForAllUsers: user int, recommendations array<struct<item:int, rating:float>>.
{
  const members = [new Field('item', new Int32(), true), new Field('rating', new Float32(), true)];
  const element = new Field('element', new Struct(members), true);
  const schema = new Schema([new Field('user', new Int32(), false), new Field('recommendations', new List(element), true)]);
  const v = {
    user: [10, 11, 12, 13],
    recommendations: [
      [{ item: 7, rating: 4.5 }, { item: 3, rating: 4.25 }, { item: 9, rating: -0.5 }],
      [],
      [{ item: 1, rating: 1 }, null, { item: null, rating: 2 }],
      null,
    ],
  };
  const rec = list(element, v.recommendations, (elements) => struct(members, elements, [int32, float32]));
  write('recommendations', schema, [batch(schema, 4, [int32(v.user), rec])]);
  json('recommendations', {
    description: 'recommendForAllUsers output: a list of (item, rating) structs per user, with null structs and members.',
    schema: [{ name: 'user', type: 'Int32', nullable: false, children: [] },
      fieldJson('recommendations', 'List', [fieldJson('element', 'Struct', [fieldJson('item', 'Int32'), fieldJson('rating', 'Float32')])])],
    endMarker: true,
    batches: [{ length: 4, columns: v }],
  });
}

// A top-level struct with null rows and null members, then an empty batch, then one more row.
{
  const members = [new Field('count', new Int64(), true), new Field('label', new Utf8(), true), new Field('ok', new Bool(), true)];
  const schema = new Schema([new Field('stats', new Struct(members), true)]);
  const batches = [
    [{ count: 1n, label: 'a', ok: true }, null, { count: null, label: 'c', ok: null }, { count: 4n, label: null, ok: false }],
    [],
    [{ count: 5n, label: 'e', ok: true }],
  ];
  write('struct-and-empty-batch', schema, batches.map((rows) => batch(schema, rows.length, [struct(members, rows, [int64, strings, bool])])));
  json('struct-and-empty-batch', {
    description: 'A nullable struct column over three batches, the middle one with zero rows.',
    schema: [fieldJson('stats', 'Struct', [fieldJson('count', 'Int64'), fieldJson('label', 'Utf8'), fieldJson('ok', 'Bool')])],
    endMarker: true,
    batches: batches.map((rows) => ({ length: rows.length, columns: { stats: rows } })),
  });
}

// A schema and the end-of-stream marker, no batch (what an empty query result looks like).
{
  const schema = new Schema([new Field('user', new Int32(), true), new Field('item', new Utf8(), true)]);
  write('zero-rows', schema, []);
  json('zero-rows', {
    description: 'A stream with a schema and no record batch.',
    schema: [fieldJson('user', 'Int32'), fieldJson('item', 'Utf8')], endMarker: true, batches: [],
  });
}

// Slices of larger arrays: the writer re-bases offsets and bitmaps, lists slice their child.
{
  const element = new Field('element', new Float32(), true);
  const schema = new Schema([new Field('key', new Utf8(), true), new Field('flag', new Bool(), true),
    new Field('vec', new List(element), true), new Field('n', new Int64(), true)]);
  const full = {
    key: ['k0', 'k1', null, 'k3', 'k4', 'k5', null, 'k7', 'k8', 'k9', 'k10', 'k11'],
    flag: [true, null, false, true, false, false, true, null, true, true, false, true],
    vec: [[0], [1, 1], null, [3, 3, 3], [], [5], [6, 6], null, [8], [9, 9], [10], [11]],
    n: [0n, 1n, 2n, null, 4n, 5n, 6n, 7n, null, 9n, 10n, 11n],
  };
  const whole = batch(schema, 12, [strings(full.key), bool(full.flag), list(element, full.vec, float32), int64(full.n)]);
  const cuts = [[3, 5], [8, 4], [1, 1]];
  write('slices', schema, cuts.map(([start, length]) => whole.slice(start, start + length)));
  json('slices', {
    description: 'Three slices (rows 3-7, 8-11, 1) of one 12-row batch, written as three batches.',
    schema: [fieldJson('key', 'Utf8'), fieldJson('flag', 'Bool'), fieldJson('vec', 'List', [fieldJson('element', 'Float32')]), fieldJson('n', 'Int64')],
    endMarker: true,
    batches: cuts.map(([start, length]) => ({
      length,
      columns: Object.fromEntries(Object.entries(full).map(([k, vs]) => [k, vs.slice(start, start + length)])),
    })),
  });
}

// Many small batches: the reader must keep the schema and walk every message.
{
  const schema = new Schema([new Field('n', new Int64(), false), new Field('s', new Utf8(), false)]);
  const batches = Array.from({ length: 6 }, (_, b) => ({
    n: Array.from({ length: b + 1 }, (_, i) => BigInt(b * 100 + i)),
    s: Array.from({ length: b + 1 }, (_, i) => `b${b}r${i}`),
  }));
  write('many-batches', schema, batches.map((v) => batch(schema, v.n.length, [int64(v.n), strings(v.s)])));
  json('many-batches', {
    description: 'Six batches of 1 to 6 rows.',
    schema: [{ name: 'n', type: 'Int64', nullable: false, children: [] }, { name: 's', type: 'Utf8', nullable: false, children: [] }],
    endMarker: true,
    batches: batches.map((v) => ({ length: v.n.length, columns: v })),
  });
}

// ---- Refused streams ------------------------------------------------------------------------------

function refused(name, description, schema, children, length, error, options) {
  write(name, schema, [batch(schema, length, children)], options);
  json(name, { description, error });
}

refused('unsupported-int8', 'An Int8 column (Spark ByteType): refused when the schema is read.',
  new Schema([new Field('ok', new Int32(), true), new Field('small', new Int8(), true)]),
  [int32([1]), primitive(new Int8(), [1], Number)], 1,
  { problem: 'Unsupported', messageIndex: 0, fieldPath: 'small', detailContains: 'Int8' });

refused('unsupported-binary', 'A Binary column nested in a struct: refused with its path.',
  new Schema([new Field('s', new Struct([new Field('blob', new Binary(), true)]), true)]),
  [struct([new Field('blob', new Binary(), true)], [{ blob: 'x' }], [(vs) => strings(vs, new Binary())])], 1,
  { problem: 'Unsupported', messageIndex: 0, fieldPath: 's.blob', detailContains: 'Binary' });

refused('unsupported-float16', 'A half-precision float column.',
  new Schema([new Field('h', new Float16(), true)]), [primitive(new Float16(), [0], Number)], 1,
  { problem: 'Unsupported', messageIndex: 0, fieldPath: 'h', detailContains: 'HALF' });

refused('unsupported-date64', 'A Date(MILLISECOND) column.',
  new Schema([new Field('d', new DateMillisecond(), true)]), [primitive(new DateMillisecond(), [0], BigInt)], 1,
  { problem: 'Unsupported', messageIndex: 0, fieldPath: 'd', detailContains: 'Date64' });

{
  const type = new Dictionary(new Utf8(), new Int32());
  const dictionary = strings(['red', 'green']);
  const indices = makeData({ type, length: 3, nullCount: 0, data: Int32Array.from([0, 1, 0]), dictionary: arrow.makeVector(dictionary) });
  refused('unsupported-dictionary', 'A dictionary-encoded string column (schema plus a DictionaryBatch message).',
    new Schema([new Field('color', type, true)]), [indices], 3,
    { problem: 'Unsupported', messageIndex: 0, fieldPath: 'color', detailContains: 'dictionary' });
}

// Real LZ4 frames and ZSTD frames, made of stored (uncompressed) blocks: valid for any decoder, and
// small enough to write here without a compression library. The reader refuses the batch from its
// BodyCompression header alone.
const XXH_PRIME = [2654435761, 2246822519, 3266489917, 668265263, 374761393];
const rotl = (x, r) => ((x << r) | (x >>> (32 - r))) >>> 0;

function xxh32(bytes) {
  let h = (XXH_PRIME[4] + bytes.length) >>> 0;
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const k = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0;
    h = Math.imul(rotl((h + Math.imul(k, XXH_PRIME[2])) >>> 0, 17), XXH_PRIME[3]) >>> 0;
  }
  for (; i < bytes.length; i++) h = Math.imul(rotl((h + Math.imul(bytes[i], XXH_PRIME[4])) >>> 0, 11), XXH_PRIME[0]) >>> 0;
  h = Math.imul(h ^ (h >>> 15), XXH_PRIME[1]) >>> 0;
  h = Math.imul(h ^ (h >>> 13), XXH_PRIME[2]) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function lz4StoredFrame(data) {
  const descriptor = [0x60, 0x40]; // version 01, independent blocks, no checksums; 64 KiB maximum block
  const out = [0x04, 0x22, 0x4d, 0x18, ...descriptor, (xxh32(Uint8Array.from(descriptor)) >>> 8) & 0xff];
  for (let at = 0; at < data.length; at += 65536) {
    const block = data.subarray(at, Math.min(data.length, at + 65536));
    const size = (block.length | 0x80000000) >>> 0; // high bit: stored block
    out.push(size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, size >>> 24, ...block);
  }
  out.push(0, 0, 0, 0); // end mark
  return Uint8Array.from(out);
}

function zstdStoredFrame(data) {
  const n = data.length;
  const out = [0x28, 0xb5, 0x2f, 0xfd, 0xa0, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24]; // single segment, 4-byte content size
  let at = 0;
  do {
    const block = data.subarray(at, Math.min(n, at + 131072));
    at += block.length;
    const header = ((block.length << 3) | (at >= n ? 1 : 0)) >>> 0; // raw block, last flag
    out.push(header & 0xff, (header >>> 8) & 0xff, (header >>> 16) & 0xff, ...block);
  } while (at < n);
  return Uint8Array.from(out);
}

for (const [codec, label, encode] of [[CompressionType.LZ4_FRAME, 'LZ4_FRAME', lz4StoredFrame], [CompressionType.ZSTD, 'ZSTD', zstdStoredFrame]]) {
  compressionRegistry.set(codec, { encode, decode: () => { throw new Error('not needed'); } });
  refused(`compressed-${label.toLowerCase().replace('_', '-')}`, `A record batch whose body is compressed with ${label}.`,
    new Schema([new Field('n', new Int32(), true)]), [int32([1, 2, 3])], 3,
    { problem: 'Unsupported', messageIndex: 1, fieldPath: null, detailContains: label }, { compressionType: codec });
}

// ---- Corrupt streams ------------------------------------------------------------------------------

function corruptStrings(name, description, offsets, data, error) {
  const schema = new Schema([new Field('s', new Utf8(), true)]);
  const column = makeData({ type: new Utf8(), length: offsets.length - 1, nullCount: 0, valueOffsets: Int32Array.from(offsets), data: encoder.encode(data) });
  refused(name, description, schema, [column], offsets.length - 1, error);
}

corruptStrings('corrupt-decreasing-offsets', 'String offsets that go back (0, 3, 2, 5).', [0, 3, 2, 5], 'abcde',
  { problem: 'Corrupt', messageIndex: 1, fieldPath: 's', detailContains: 'decrease' });
corruptStrings('corrupt-offset-past-data', 'A last string offset (100) beyond the 5 data bytes.', [0, 3, 100], 'abcde',
  { problem: 'Corrupt', messageIndex: 1, fieldPath: 's', detailContains: 'beyond' });

// A damaged metadata length: the first message claims 1 GiB of metadata.
{
  const schema = new Schema([new Field('n', new Int32(), true)]);
  const bytes = write('corrupt-metadata-length', schema, [batch(schema, 2, [int32([1, 2])])]);
  new DataView(bytes.buffer, bytes.byteOffset).setInt32(4, 1 << 30, true);
  writeFileSync(join(outDir, 'corrupt-metadata-length.arrows'), bytes);
  json('corrupt-metadata-length', {
    description: 'The schema message declares a metadata length of 2^30 bytes.',
    error: { problem: 'Corrupt', messageIndex: 0, fieldPath: null, detailContains: 'metadata length' },
  });
}

console.log(`fixtures written to ${outDir}`);
