/**
 * `npx tsx bench/sync-backup.ts`: encrypted backup and restore of a 256 MB data folder (a 64 MB
 * database + 192 MB of media) against a real endpoint on 127.0.0.1 (SQLite + folder storage, in
 * this process), native libsodium. Every row is wall-clock time from the job's start; what it
 * includes:
 *
 * - raw: crypto_secretstream over the same bytes in 1 MiB chunks already in memory (the
 *   ceiling; best of 3, measured after the backups in the same run);
 * - pack: from the job's start until the upload is announced — the parent's manifest (an
 *   incremental), the database's online copy, reading the files, keyed chunk ids, encryption, the
 *   staged pack written (not flushed: see staged-pack-check.ts) and the job's state file — as a ratio to raw (issue
 *   10's target: ≥ 0.8), with the process's CPU time over the same span (every thread);
 * - upload: the rest of the job — reading the staged pack, its SHA-256, the 8 MiB PATCHes, the
 *   endpoint's own work in this same process (a file and an fsync per piece, then re-reading,
 *   hashing, writing and flushing the whole blob at `complete`) and the registration;
 * - full backup end to end: pack + upload, what the user waits for here;
 * - an incremental backup after a one-scene edit: the same rows, with the bytes it read from
 *   disk (media unchanged since the full backup are not read) and uploaded;
 * - restore into a new folder (download, decrypt, check every chunk and file, write).
 *
 * The media are written over 2 s before the first backup (as a user's are): files changed
 * within 2 s of a backup are read again by the next one. BENCH_BACKUP_MB sets the size (default
 * 256; a quarter is database); BENCH_BACKUP_HASHER=inline hashes on the core's thread.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { startBackupCore, startBackupWorld, storedBlobBytes } from '../src/main/testing/backup-fixture';
import { doc } from '../src/main/testing/test-core';
import type { BackupTransport, StartHashWorker } from '../src/main/core/sync';
import { processCpuMs } from './stats';

const MB = Number(process.env.BENCH_BACKUP_MB ?? 256);
const MiB = 1024 * 1024;
const TOTAL = MB * MiB;
const world = await startBackupWorld();
/** When the pack was staged: the upload is announced right after (timed here, not through the throttled job progress). */
let packedAt = { wall: 0, cpu: 0 };
const timing: BackupTransport = {
  ...world.http,
  createUpload(size) {
    packedAt = { wall: performance.now(), cpu: processCpuMs() };
    return world.http.createUpload(size);
  },
};
/** Bytes of the files handed to the hashing thread to read (the worker, as in the app, with its messages counted). */
let readBytes = 0;
const countingWorker: StartHashWorker = (code, options) => {
  const worker = new Worker(code, { ...options, eval: true, execArgv: [] });
  const post = worker.postMessage.bind(worker);
  worker.postMessage = (message: { type: string; file?: string }, transfer) => {
    if (message.type === 'source' && message.file) readBytes += statSync(message.file).size;
    post(message, transfer);
  };
  return worker;
};
// BENCH_BACKUP_HASHER=inline reads and hashes on the core's thread (the worker is the default).
const source = startBackupCore(world, { transport: timing, startHashWorker: process.env.BENCH_BACKUP_HASHER === 'inline' ? null : countingWorker });

// The book: one project with a scene, a filler table making the database a quarter of the bytes,
// and media files (random, so nothing compresses or deduplicates) for the rest.
const project = await source.t.call('project.create', { title: 'Benchmark book' });
const sceneId = (await source.t.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0]?.id as string;
await source.t.call('scene.save', { id: sceneId, content: doc('The first line.'), baseRevision: 0 });
const dbFile = path.join(source.t.dataDir, 'nova.db');
{
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(dbFile);
  db.exec('create table if not exists bench_filler (id integer primary key, data blob)');
  const insert = db.prepare('insert into bench_filler (data) values (?)');
  db.transaction(() => {
    for (let i = 0; i < (TOTAL / 4) / (64 * 1024); i += 1) insert.run(randomBytes(64 * 1024));
  })();
  db.close();
}
const assets = path.join(source.t.dataDir, 'media', 'assets', project.id);
mkdirSync(assets, { recursive: true });
const mediaFiles = Math.max(1, Math.round((TOTAL * 3) / 4 / (8 * MiB)));
for (let i = 0; i < mediaFiles; i += 1) writeFileSync(path.join(assets, `clip-${i}.bin`), randomBytes(Math.round((TOTAL * 3) / 4 / mediaFiles)));
// Media written just now are read again by the next backup (a change within the same timestamp tick would not show).
await sleep(2100);

async function timedBackup(kind: 'full' | 'incremental') {
  const started = performance.now();
  const cpuStart = processCpuMs();
  const before = storedBlobBytes(world);
  readBytes = 0;
  const job = await source.t.core.services.jobs.whenFinished(source.service.startBackup(kind).jobId);
  if (job.status !== 'succeeded') throw new Error(`backup ${job.status}: ${JSON.stringify(job.error)}`);
  return { packMs: packedAt.wall - started, packCpu: packedAt.cpu - cpuStart, totalMs: performance.now() - started, uploaded: storedBlobBytes(world) - before, read: readBytes };
}

const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const full = await timedBackup('full');
const edited = await source.t.call('scene.get', { id: sceneId });
await source.t.call('scene.save', { id: sceneId, content: doc('The first line, changed.'), baseRevision: edited.revision });
const incremental = await timedBackup('incremental');

const [newest] = await source.service.list();
const restoreRoot = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-restore-'));
const restoreStart = performance.now();
const restore = await source.t.core.services.jobs.whenFinished(
  source.service.startRestore({ backupId: newest?.id as string, target: 'new-folder', folder: path.join(restoreRoot, 'restored') }).jobId,
);
const restoreMs = performance.now() - restoreStart;
if (restore.status !== 'succeeded') throw new Error(`restore ${restore.status}: ${JSON.stringify(restore.error)}`);

/**
 * Raw secretstream on the same bytes (the database file and every media file, read into memory
 * first, in 1 MiB pieces): wall and CPU time, the best of 3 (the least disturbed run).
 */
// Measured after the backup and the restore: 256 MB held in memory would slow them (garbage collection).
const raw = (() => {
  const files = [dbFile, ...readdirSync(assets).map((name) => path.join(assets, name))];
  const pieces = files.flatMap((file) => {
    const bytes = readFileSync(file);
    return Array.from({ length: Math.ceil(bytes.length / MiB) }, (_, i) => bytes.subarray(i * MiB, (i + 1) * MiB));
  });
  const key = world.sodium.randomBytes(32);
  const runs: Array<{ wall: number; cpu: number }> = [];
  for (let run = 0; run < 3; run += 1) {
    const [wall, cpuStart] = [performance.now(), processCpuMs()];
    const pusher = world.sodium.streamPusher(key);
    pieces.forEach((piece, i) => pusher.push(piece, null, i === pieces.length - 1));
    runs.push({ wall: performance.now() - wall, cpu: processCpuMs() - cpuStart });
  }
  return { wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)) };
})();
const rawMs = raw.wall;

console.log(`Encrypted backup of ${MB} MB (database ${MB / 4} MB + ${mediaFiles} media files), libsodium ${world.sodium.kind}, endpoint on 127.0.0.1:\n`);
const row = (name: string, ms: number, bytes: number, extra = '') =>
  console.log(`  ${name.padEnd(34)}${ms.toFixed(0).padStart(8)} ms${mbps(bytes, ms).toFixed(0).padStart(8)} MB/s${extra}`);
row('raw secretstream, same bytes in memory', rawMs, TOTAL);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
row('full: pack (copy, read, id, encrypt)', full.packMs, TOTAL, `   ratio to raw ${(rawMs / full.packMs).toFixed(2)} (CPU time ${full.packCpu.toFixed(0)} ms, ratio ${(raw.cpu / full.packCpu).toFixed(2)}); ${mb(full.read)} read`);
row('full: upload (client + endpoint)', full.totalMs - full.packMs, TOTAL);
row('full backup end to end', full.totalMs, TOTAL, `   ratio to raw ${(rawMs / full.totalMs).toFixed(2)}; ${mb(full.uploaded)} stored`);
row('incremental: pack', incremental.packMs, TOTAL, `   ratio to raw ${(rawMs / incremental.packMs).toFixed(2)}; ${mb(incremental.read)} read`);
row('incremental after a one-scene edit', incremental.totalMs, TOTAL, `   ratio to raw ${(rawMs / incremental.totalMs).toFixed(2)}; ${(incremental.uploaded / 1e6).toFixed(2)} MB uploaded`);
row('restore into a new folder', restoreMs, TOTAL, `   ratio to raw ${(rawMs / restoreMs).toFixed(2)} (download, decrypt, check, write)`);

console.log('\nraw = crypto_secretstream alone on the same bytes already in memory, 1 MiB chunks (best of 3); pack = the job until its upload is announced');
console.log('(staged pack written); upload = the rest, with the endpoint in this process (its chunk files, fsyncs and the final assembly of the blob).');
console.log(`Load: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (1, 5, 15 min) on ${os.cpus().length} cores.`);
rmSync(restoreRoot, { recursive: true, force: true });
source.t.dispose();
await world.dispose();
