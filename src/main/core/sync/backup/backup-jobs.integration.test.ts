import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { syncContract } from '../../../../shared/ipc/contract/sync.contract';
import { bookOf, storedBlobBytes, writeBook, type BackupCore } from '../../../testing/backup-fixture';
import { createTestCore } from '../../../testing/test-core';
import { backupTestbed } from '../../../testing/backup-testbed';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { createKeyringService, MIN_KDF } from '../crypto';
import { applyPendingRestore, BACKUP_STAGING_FOLDER, createBackupHandlers, PENDING_RESTORE_FILE, type BackupTransport, type StartHashWorker } from '.';

const bed = backupTestbed();

const started = bed.core;

describe('the sync.backups.* handlers', () => {
  it('start jobs and list backups in the contract’s shapes', async () => {
    const source = started();
    await writeBook(source.t);
    const handlers = createBackupHandlers(source.service);
    const create = syncContract['sync.backups.create'];
    const { jobId } = create.output.parse(await handlers['sync.backups.create'](create.input.parse({ kind: 'full' })));
    const job = await source.finish(jobId);
    expect(job).toMatchObject({ kind: 'sync.backup', status: 'succeeded', title: 'Full encrypted backup' });
    const listed = syncContract['sync.backups.list'].output.parse(await handlers['sync.backups.list']({}));
    expect(listed).toHaveLength(1);
    const restore = syncContract['sync.backups.restore'];
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'nova-restore-')), 'to');
    bed.later(() => rmSync(path.dirname(folder), { recursive: true, force: true }));
    const restoring = restore.output.parse(await handlers['sync.backups.restore'](restore.input.parse({ backupId: listed[0]?.id, target: 'new-folder', folder })));
    expect((await source.finish(restoring.jobId)).status).toBe('succeeded');
  });

  it('refuses a new folder that is not empty, before downloading anything', async () => {
    const source = started();
    await writeBook(source.t);
    await source.finish(source.service.startBackup('full').jobId);
    const [backup] = await source.service.list();
    const folder = mkdtempSync(path.join(os.tmpdir(), 'nova-restore-'));
    bed.later(() => rmSync(folder, { recursive: true, force: true }));
    writeFileSync(path.join(folder, 'keep.txt'), 'mine');
    const job = await source.finish(source.service.startRestore({ backupId: backup?.id as string, target: 'new-folder', folder }).jobId);
    expect(job.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not empty') });
    expect(readFileSync(path.join(folder, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

const PIECE = 64 * 1024;

/**
 * A full backup uploading in 64 KiB pieces, cancelled once its upload reaches the third piece.
 * `calls` records its upload requests (createUpload, appendChunk <offset>) from then on too.
 */
async function backupCancelledMidUpload() {
  const calls: string[] = [];
  let source: BackupCore | null = null;
  let jobId = '';
  let cancelled = false;
  const cancelling: BackupTransport = {
    ...bed.world.http,
    createUpload(size) {
      calls.push('createUpload');
      return bed.world.http.createUpload(size);
    },
    async appendChunk(uploadId, offset, bytes, signal) {
      calls.push(`appendChunk ${offset}`);
      if (offset >= 2 * PIECE && !cancelled) {
        cancelled = true;
        source?.t.core.services.jobs.cancel(jobId);
        signal?.throwIfAborted();
      }
      return bed.world.http.appendChunk(uploadId, offset, bytes, signal);
    },
  };
  source = started({ transport: cancelling, uploadPieceBytes: PIECE });
  const { projectId } = await writeBook(source.t);
  jobId = source.service.startBackup('full').jobId;
  expect((await source.finish(jobId)).status).toBe('cancelled');
  expect(await bed.world.http.listBackups()).toEqual([]);
  return { source, jobId, calls, projectId };
}

describe('a cancelled backup', () => {
  it('stops mid-upload; run again, it resumes from the server’s offset', async () => {
    const { source, jobId, calls } = await backupCancelledMidUpload();
    const sentBefore = storedBlobBytes(bed.world);

    calls.length = 0;
    source.t.core.services.jobs.retry(jobId);
    expect((await source.finish(jobId)).status).toBe('succeeded');
    expect(calls[0]).toBe(`appendChunk ${2 * PIECE}`);
    expect(await bed.world.http.listBackups()).toHaveLength(1);
    expect(storedBlobBytes(bed.world)).toBeGreaterThan(sentBefore);
  });
});

describe('a staged pack torn by a system crash (written, never flushed)', () => {
  it('is found before the upload resumes and packed again into a new upload; the backup restores whole', async () => {
    const { source, jobId, calls, projectId } = await backupCancelledMidUpload();
    const expected = await bookOf(source.t, projectId);
    // A page the power cut never wrote: zeros where ciphertext was.
    const pack = path.join(source.t.dataDir, BACKUP_STAGING_FOLDER, jobId, 'pack.nvbs');
    const handle = openSync(pack, 'r+');
    writeSync(handle, new Uint8Array(4096), 0, 4096, 3 * PIECE);
    closeSync(handle);

    calls.length = 0;
    source.t.core.services.jobs.retry(jobId);
    expect((await source.finish(jobId)).status).toBe('succeeded');
    expect(calls.slice(0, 2)).toEqual(['createUpload', 'appendChunk 0']);
    const [backup] = await source.service.list();
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'nova-restore-')), 'to');
    bed.later(() => rmSync(path.dirname(folder), { recursive: true, force: true }));
    expect((await source.finish(source.service.startRestore({ backupId: backup?.id as string, target: 'new-folder', folder }).jobId)).status).toBe('succeeded');
    const restored = createTestCore({ dataDir: folder });
    bed.later(() => restored.core.close());
    expect(await bookOf(restored, projectId)).toEqual(expected);
  });
});

describe('locked keys', () => {
  it('are said at once when a backup or a restore is asked for', async () => {
    const locked = await createKeyringService({ sodium: bed.world.sodium, kdf: MIN_KDF }).createKeyring('a long test passphrase');
    locked.keyring.lock();
    const source = started({ keyring: locked.keyring });
    expect(() => source.service.startBackup()).toThrow(expect.objectContaining({ code: 'KEYS_LOCKED' }));
    expect(() => source.service.startRestore({ backupId: 'b', target: 'in-place' })).toThrow(expect.objectContaining({ code: 'KEYS_LOCKED' }));
    await expect(source.service.list()).rejects.toMatchObject({ code: 'KEYS_LOCKED' });
  });
});

describe('a backup that cannot fit', () => {
  it('fails at once with the plan’s sentence and frees its staged pack', async () => {
    const full: BackupTransport = {
      ...bed.world.http,
      createUpload: () => Promise.reject(new AppError(ErrorCode.TOO_LARGE, 'An upload of 2 MB does not fit in what the free plan has left: upgrade, or free space.')),
    };
    const source = started({ transport: full });
    await writeBook(source.t);
    const jobId = source.service.startBackup('full').jobId;
    const job = await source.finish(jobId);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'TOO_LARGE', message: expect.stringContaining('free plan') } });
    expect(existsSync(path.join(source.t.dataDir, BACKUP_STAGING_FOLDER, jobId))).toBe(false);
  });
});

describe('a new backup’s upload', () => {
  it('starts sending at byte 0 as created, without asking the server where it stands', async () => {
    const calls: string[] = [];
    const recording: BackupTransport = {
      ...bed.world.http,
      createUpload(size) {
        calls.push('createUpload');
        return bed.world.http.createUpload(size);
      },
      uploadStatus(uploadId) {
        calls.push('uploadStatus');
        return bed.world.http.uploadStatus(uploadId);
      },
      appendChunk(uploadId, offset, bytes, signal) {
        calls.push(`appendChunk ${offset}`);
        return bed.world.http.appendChunk(uploadId, offset, bytes, signal);
      },
    };
    const source = started({ transport: recording, uploadPieceBytes: 256 * 1024 });
    await writeBook(source.t);
    expect((await source.finish(source.service.startBackup('full').jobId)).status).toBe('succeeded');
    expect(calls.slice(0, 3)).toEqual(['createUpload', 'appendChunk 0', 'appendChunk 262144']);
    expect(calls).not.toContain('uploadStatus');
  });
});

describe('a backup whose hashing thread dies', () => {
  it('fails with a sentence saying so and leaves no staged files', async () => {
    const dying: StartHashWorker = (_source, options) => new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(7));", { ...options, eval: true });
    const source = started({ startHashWorker: dying });
    await writeBook(source.t);
    const jobId = source.service.startBackup('full').jobId;
    const job = await source.finish(jobId);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'INTERNAL', message: expect.stringContaining('the hashing thread stopped with code 7') } });
    expect(job.error?.message).not.toMatch(/\bat \S+:\d+/);
    expect(existsSync(path.join(source.t.dataDir, BACKUP_STAGING_FOLDER, jobId))).toBe(false);
    expect(await bed.world.http.listBackups()).toEqual([]);
  });
});

describe('a pending in-place restore', () => {
  it('finishes at the next start when a crash stopped it part-way (each step repeatable)', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-pending-'));
    bed.later(() => rmSync(dataDir, { recursive: true, force: true }));
    const staged = path.join(dataDir, 'sync-restore', 'job');
    mkdirSync(path.join(staged, 'media', 'assets', 'p'), { recursive: true });
    writeFileSync(path.join(staged, 'media', 'assets', 'p', 'cover.png'), 'restored cover');
    // The database was already swapped in before the crash; the old media are still in place.
    writeFileSync(path.join(dataDir, 'nova.db'), 'restored database');
    mkdirSync(path.join(dataDir, 'media', 'assets', 'p'), { recursive: true });
    writeFileSync(path.join(dataDir, 'media', 'assets', 'p', 'old.png'), 'old');
    writeFileSync(path.join(dataDir, PENDING_RESTORE_FILE), JSON.stringify({ backupId: 'b1', staged: 'sync-restore/job', snapshot: 'restore-snapshots/x', createdAt: 1 }));

    expect(applyPendingRestore(dataDir)?.backupId).toBe('b1');
    expect(readFileSync(path.join(dataDir, 'nova.db'), 'utf8')).toBe('restored database');
    expect(readFileSync(path.join(dataDir, 'media', 'assets', 'p', 'cover.png'), 'utf8')).toBe('restored cover');
    expect(existsSync(path.join(dataDir, 'media', 'assets', 'p', 'old.png'))).toBe(false);
    expect(existsSync(path.join(dataDir, PENDING_RESTORE_FILE))).toBe(false);
    expect(existsSync(staged)).toBe(false);
    expect(applyPendingRestore(dataDir)).toBeNull();
  });
});
