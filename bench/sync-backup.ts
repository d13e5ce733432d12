/**
 * `npx tsx bench/sync-backup.ts`: encrypted backup and restore of a 256 MB data folder (a 64 MB
 * database + 192 MB of media) against a real endpoint on 127.0.0.1 (SQLite + folder storage, in
 * this process), native libsodium.
 *
 * - raw: crypto_secretstream over the same number of bytes in 1 MiB chunks from memory (the
 *   ceiling), measured in the same run;
 * - pack: the backup's first step — the database's online copy, reading every file in 1 MiB
 *   pieces, keyed chunk ids, encryption and the staged pack with its SHA-256 — as a ratio to raw
 *   (issue 10's target: ≥ 0.8);
 * - full backup end to end (pack + resumable upload + registration) and its ratio to raw;
 * - an incremental backup after a one-scene edit (bytes uploaded, time);
 * - restore into a new folder (download, decrypt, check every chunk and file, write).
 *
 * Wall-clock time (the upload and restore are I/O as much as CPU). BENCH_BACKUP_MB sets the size
 * (default 256; a quarter is database); BENCH_BACKUP_HASHER=inline hashes on the core's thread.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBackupCore, startBackupWorld, storedBlobBytes } from '../src/main/testing/backup-fixture';
import { doc } from '../src/main/testing/test-core';
import type { BackupTransport } from '../src/main/core/sync';

/** Milliseconds of this process's CPU time (user + system, every thread): comparable on a shared machine. */
function cpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const MB = Number(process.env.BENCH_BACKUP_MB ?? 256);
const MiB = 1024 * 1024;
const TOTAL = MB * MiB;
const world = await startBackupWorld();
/** When the pack was staged: the upload is announced right after (timed here, not through the throttled job progress). */
let packedAt = { wall: 0, cpu: 0 };
const timing: BackupTransport = {
  ...world.http,
  createUpload(size) {
    packedAt = { wall: performance.now(), cpu: cpu() };
    return world.http.createUpload(size);
  },
};
// BENCH_BACKUP_HASHER=inline reads and hashes on the core's thread (the worker is the default).
const source = startBackupCore(world, { transport: timing, ...(process.env.BENCH_BACKUP_HASHER === 'inline' && { startHashWorker: null }) });

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

async function timedBackup(kind: 'full' | 'incremental') {
  const started = performance.now();
  const cpuStart = cpu();
  const before = storedBlobBytes(world);
  const job = await source.t.core.services.jobs.whenFinished(source.service.startBackup(kind).jobId);
  if (job.status !== 'succeeded') throw new Error(`backup ${job.status}: ${JSON.stringify(job.error)}`);
  return { packMs: packedAt.wall - started, packCpu: packedAt.cpu - cpuStart, totalMs: performance.now() - started, uploaded: storedBlobBytes(world) - before };
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
    const [wall, cpuStart] = [performance.now(), cpu()];
    const pusher = world.sodium.streamPusher(key);
    pieces.forEach((piece, i) => pusher.push(piece, null, i === pieces.length - 1));
    runs.push({ wall: performance.now() - wall, cpu: cpu() - cpuStart });
  }
  return { wall: Math.min(...runs.map((r) => r.wall)), cpu: Math.min(...runs.map((r) => r.cpu)) };
})();
const rawMs = raw.wall;

console.log(`Encrypted backup of ${MB} MB (database ${MB / 4} MB + ${mediaFiles} media files), libsodium ${world.sodium.kind}, endpoint on 127.0.0.1:\n`);
const row = (name: string, ms: number, bytes: number, extra = '') =>
  console.log(`  ${name.padEnd(34)}${ms.toFixed(0).padStart(8)} ms${mbps(bytes, ms).toFixed(0).padStart(8)} MB/s${extra}`);
row('raw secretstream, same bytes in memory', rawMs, TOTAL);
row('backup: pack (copy, read, id, encrypt)', full.packMs, TOTAL, `   ratio to raw ${(rawMs / full.packMs).toFixed(2)} (CPU time ${full.packCpu.toFixed(0)} ms, ratio ${(raw.cpu / full.packCpu).toFixed(2)})`);
row('full backup end to end', full.totalMs, TOTAL, `   ratio to raw ${(rawMs / full.totalMs).toFixed(2)}; ${(full.uploaded / 1e6).toFixed(1)} MB stored`);
row('incremental: pack', incremental.packMs, TOTAL, `   ratio to raw ${(rawMs / incremental.packMs).toFixed(2)}`);
row('incremental after a one-scene edit', incremental.totalMs, TOTAL, `   ratio to raw ${(rawMs / incremental.totalMs).toFixed(2)}; ${(incremental.uploaded / 1e6).toFixed(2)} MB uploaded`);
row('restore into a new folder', restoreMs, TOTAL, `   ratio to raw ${(rawMs / restoreMs).toFixed(2)} (download, decrypt, check, write)`);

console.log('\nraw = crypto_secretstream alone on the same bytes already in memory, 1 MiB chunks (best of 3); pack = the backup until its upload starts;');
console.log('end to end includes the endpoint in this process (its chunk files, fsyncs and the final assembly of the blob).');
rmSync(restoreRoot, { recursive: true, force: true });
source.t.dispose();
await world.dispose();
