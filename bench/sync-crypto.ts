/**
 * `npx tsx bench/sync-crypto.ts`: the crypto of backup and sync, on both libsodium builds.
 *
 * - raw crypto_secretstream over 256 MB in 1 MiB chunks (the ceiling), then the blob-stream API
 *   on the same 256 MB arriving in 64 KiB pieces as a file stream delivers them — its
 *   throughput as a ratio to raw in the same run (issue 10's target for backup: ≥ 0.8);
 * - Argon2id at the production work factors (DEFAULT_KDF) — the time an unlock takes;
 * - sealing and opening 10,000 realistic records (a 150,000-word project's mix), and what the
 *   size padding costs on that mix.
 *
 * Times are this process's CPU time (user + system, all its threads), not wall-clock time: the
 * work is CPU-bound, and on a machine shared with other jobs CPU time is what stays comparable
 * from run to run. Set BENCH_SYNC_CLOCK=wall for wall-clock time.
 *
 * BENCH_SYNC_MB sets the blob size (default 256), BENCH_SYNC_RUNS the runs per row (default 7).
 */
import { performance } from 'node:perf_hooks';
import {
  paddedLength,
  RECORD_PAD_FLOOR,
  createKeyringService,
  createNativeSodium,
  createRecordSealer,
  createWasmSodium,
  DEFAULT_KDF,
  decryptBlobStream,
  encryptBlobStream,
  MIN_KDF,
  type SodiumPort,
} from '../src/main/core/sync';
import { seededRandom } from './manuscript-generator';
import { percentile, processCpuMs } from './stats';

const MB = Number(process.env.BENCH_SYNC_MB ?? 256);
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 7);
const WALL = process.env.BENCH_SYNC_CLOCK === 'wall';
/** Milliseconds of CPU time (or wall time) since an arbitrary start. */
const clock = () => (WALL ? performance.now() : processCpuMs());
const CHUNK = 1024 * 1024;
const READ_PIECE = 64 * 1024;
const TOTAL = MB * CHUNK;

const ports: SodiumPort[] = [createNativeSodium(), await createWasmSodium()];
const block = ports[0]?.randomBytes(CHUNK) ?? new Uint8Array(CHUNK);

async function median(fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up: JIT, WASM heap growth, first allocations
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = clock();
    await fn();
    times.push(clock() - start);
  }
  return percentile(times, 50);
}
/**
 * `a` and `b` run alternately, so a busy machine slows both alike: their medians, and their best
 * runs (the least disturbed, what the code itself costs).
 */
async function interleaved(a: () => unknown, b: () => unknown): Promise<{ a: number; b: number; bestA: number; bestB: number }> {
  await a();
  await b();
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < RUNS; i += 1) {
    for (const [index, fn] of [a, b].entries()) {
      const start = clock();
      await fn();
      times[index as 0 | 1].push(clock() - start);
    }
  }
  return { a: percentile(times[0], 50), b: percentile(times[1], 50), bestA: Math.min(...times[0]), bestB: Math.min(...times[1]) };
}
const mbps = (ms: number) => TOTAL / 1e6 / (ms / 1000);

/** The plaintext as a file stream hands it over (`piece` = its highWaterMark), never all in memory. */
async function* fileLike(piece: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < TOTAL; at += piece) yield block.subarray(at % CHUNK, (at % CHUNK) + piece);
}
async function drain(source: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const part of source) bytes += part.length;
  return bytes;
}

/** One stream's ciphertext, kept chunk by chunk for the decrypt rows. */
function rawEncrypt(sodium: SodiumPort, key: Uint8Array, keep: Uint8Array[] | null) {
  const pusher = sodium.streamPusher(key);
  for (let i = 0; i < MB; i += 1) {
    const out = pusher.push(block, null, i === MB - 1);
    if (keep) keep.push(out);
  }
  return pusher.header;
}

console.log(`Sync crypto, ${MB} MB blobs, ${RUNS} runs a row (median of ${WALL ? 'wall-clock' : 'CPU'} time):\n`);
console.log(`${'secretstream (MB/s, p50)'.padEnd(30)}${['raw enc', 'API enc', 'ratio', 'best', 'raw dec', 'API dec', 'ratio', 'best'].map((h) => h.padStart(9)).join('')}`);
for (const sodium of ports) {
  for (const piece of [READ_PIECE, CHUNK]) {
    const key = sodium.randomBytes(32);
    const enc = await interleaved(
      () => rawEncrypt(sodium, key, null),
      () => drain(encryptBlobStream(fileLike(piece), { sodium, key })),
    );
    const chunks: Uint8Array[] = [];
    const header = rawEncrypt(sodium, key, chunks);
    // The API's own ciphertext, re-read in pieces of the same size, as a download would deliver it.
    const sealedParts: Uint8Array[] = [];
    for await (const part of encryptBlobStream(fileLike(piece), { sodium, key })) sealedParts.push(part);
    const sealed = async function* () {
      for (const part of sealedParts) for (let at = 0; at < part.length; at += piece) yield part.subarray(at, at + piece);
    };
    const dec = await interleaved(
      () => {
        const puller = sodium.streamPuller(header, key);
        for (const chunk of chunks) if (!puller.pull(chunk, null)) throw new Error('raw pull failed');
      },
      () => drain(decryptBlobStream(sealed(), { sodium, key })),
    );
    chunks.length = 0;
    sealedParts.length = 0;
    const cells = [mbps(enc.a), mbps(enc.b), `${(enc.a / enc.b).toFixed(2)}x`, `${(enc.bestA / enc.bestB).toFixed(2)}x`, mbps(dec.a), mbps(dec.b), `${(dec.a / dec.b).toFixed(2)}x`, `${(dec.bestA / dec.bestB).toFixed(2)}x`];
    const name = `${sodium.kind}, reads of ${piece / 1024} KiB`;
    console.log(`${name.padEnd(30)}${cells.map((v) => (typeof v === 'number' ? v.toFixed(0) : v).padStart(9)).join('')}`);
  }
}
console.log('raw = crypto_secretstream alone, 1 MiB chunks already in memory; API = encryptBlobStream / decryptBlobStream fed');
console.log('in pieces of that size. ratio = API throughput / raw throughput on the same build, runs alternated, of the medians');
console.log('and of the best runs (target ≥ 0.8).\n');

console.log(`Argon2id at DEFAULT_KDF (ops ${DEFAULT_KDF.ops}, ${DEFAULT_KDF.mem / 1024 / 1024} MiB), one unlock (median of ${RUNS}):`);
for (const sodium of ports) {
  const salt = sodium.randomBytes(16);
  const password = new TextEncoder().encode('correct horse battery staple');
  const ms = await median(() => sodium.pwhash(32, password, salt, DEFAULT_KDF.ops, DEFAULT_KDF.mem));
  console.log(`  ${sodium.kind.padEnd(8)}${ms.toFixed(0).padStart(7)} ms`);
}

/** A 150,000-word project's records: what sync seals. Sizes are plaintext bytes (JSON of an LWW map, or a Yjs update). */
function realisticRecords(): Array<{ collection: string; id: string; plaintext: Uint8Array }> {
  const random = seededRandom(10);
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const mix: Array<[string, number, number, number]> = [
    ['scene-doc', 300, 2500, 7000], // 500-word scenes as Yjs updates (~8.4 bytes a word)
    ['scenes', 300, 350, 700],
    ['chapters', 60, 250, 450],
    ['codex', 240, 600, 4000],
    ['prompt-versions', 100, 800, 4000],
    ['chat-sessions', 100, 200, 400],
    ['chat-messages', 8900, 150, 3000],
  ];
  return mix.flatMap(([collection, count, low, high]) =>
    Array.from({ length: count }, (_, i) => ({ collection, id: `${collection}-${i}`, plaintext: new Uint8Array(between(low, high)).fill(65) })),
  );
}

const records = realisticRecords();
const plainBytes = records.reduce((sum, r) => sum + r.plaintext.length, 0);
const paddedBytes = records.reduce((sum, r) => sum + paddedLength(r.plaintext.length, RECORD_PAD_FLOOR), 0);
console.log(`\n${records.length.toLocaleString('en')} records (${(plainBytes / 1e6).toFixed(2)} MB of plaintext), seal + open:`);
for (const sodium of ports) {
  const { keyring } = await createKeyringService({ sodium, kdf: MIN_KDF }).createKeyring('bench');
  const sealer = createRecordSealer({ sodium, keyring });
  let sealedBytes = 0;
  const ms = await median(() => {
    sealedBytes = 0;
    for (const [version, record] of records.entries()) {
      const sealed = sealer.sealRecord({ ...record, version });
      sealedBytes += sealed.length;
      sealer.openRecord({ ...record, version, sealed });
      sealer.serverIdOf(record.collection, record.id);
    }
  });
  const rate = records.length / (ms / 1000);
  console.log(`  ${sodium.kind.padEnd(8)}${ms.toFixed(0).padStart(7)} ms → ${Math.round(rate).toLocaleString('en').padStart(8)} records/s; on the wire ${(sealedBytes / 1e6).toFixed(2)} MB = ${((sealedBytes / plainBytes - 1) * 100).toFixed(1)}% over plaintext (padding alone ${((paddedBytes / plainBytes - 1) * 100).toFixed(1)}%, + 41 bytes a record)`);
}
