import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/models/jobs';
import {
  bookOf,
  mediaOf,
  startBackupCore,
  storedBlobBytes,
  storedBlobFile,
  writeBook,
  type BackupCore,
} from '../../../testing/backup-fixture';
import { backupTestbed } from '../../../testing/backup-testbed';
import { createTestCore, doc } from '../../../testing/test-core';
import { createKeyringService, MIN_KDF } from '../crypto';
import { PENDING_RESTORE_FILE, RESTORE_SNAPSHOTS_FOLDER, RESTORE_STAGING_FOLDER, type BackupTransport } from '.';

const bed = backupTestbed();
const tempFolder = () => bed.tempFolder('nova-restore-');

const started = bed.core;

async function ended(core: BackupCore, jobId: string, status: Job['status'] = 'succeeded'): Promise<Job> {
  const job = await core.finish(jobId);
  if (status === 'succeeded') expect(job.error).toBeNull();
  expect(job.status).toBe(status);
  return job;
}

const editScene = async (core: BackupCore, sceneId: string, text: string) => {
  const scene = await core.t.call('scene.get', { id: sceneId });
  await core.t.call('scene.save', { id: sceneId, content: doc(text), baseRevision: scene.revision });
};

describe('incremental backups', () => {
  it('upload only what changed after a small edit, and restore the edit from the chain', async () => {
    const source = started();
    const { projectId, sceneId } = await writeBook(source.t);
    const full = await ended(source, source.service.startBackup('full').jobId);
    const afterFull = storedBlobBytes(bed.world);
    await editScene(source, sceneId, 'The lamp went out at midnight.');
    await ended(source, source.service.startBackup().jobId);
    const incrementalBytes = storedBlobBytes(bed.world) - afterFull;

    const [newest, oldest] = await source.service.list();
    expect(newest).toMatchObject({ kind: 'incremental', parentId: oldest?.id, words: 6 });
    expect(oldest?.kind).toBe('full');
    expect(full.status).toBe('succeeded');
    // The media are referenced, not sent again: the incremental is smaller than the media alone.
    expect(incrementalBytes).toBeLessThan((700 + 90) * 1024);

    const folder = path.join(tempFolder(), 'restored');
    await ended(source, source.service.startRestore({ backupId: newest?.id as string, target: 'new-folder', folder }).jobId);
    // The unchanged chunks of the database are referenced too: the incremental holds fewer bytes
    // than the database it restores (the restored file: every page). In a book this small a
    // one-scene edit rewrites pages in about half of its 64 KiB chunks (6 of 12 here); the
    // benchmark's 64 MB database sends 0.5 MB.
    const databaseBytes = statSync(path.join(folder, 'nova.db')).size;
    expect(incrementalBytes).toBeLessThan(databaseBytes * 0.6);
    const restored = createTestCore({ dataDir: folder });
    bed.later(() => restored.dispose());
    expect(await bookOf(restored, projectId)).toEqual(await bookOf(source.t, projectId));
    expect(mediaOf(folder, projectId)).toEqual(mediaOf(source.t.dataDir, projectId));
  });
});

describe('restore in place', () => {
  it('takes a snapshot of the current data first, then swaps the backup in at the next start', async () => {
    const source = startBackupCore(bed.world);
    const dataDir = source.t.dataDir;
    bed.later(() => rmSync(dataDir, { recursive: true, force: true }));
    const { projectId, sceneId } = await writeBook(source.t);
    await ended(source, source.service.startBackup('full').jobId);
    const backedUp = await bookOf(source.t, projectId);
    await editScene(source, sceneId, 'Written after the backup.');
    const [backup] = await source.service.list();
    await ended(source, source.service.startRestore({ backupId: backup?.id as string, target: 'in-place' }).jobId);

    // Nothing in place changed yet; the snapshot holds the data as it was, the edit included.
    expect((await source.t.call('scene.get', { id: sceneId })).content).toEqual(doc('Written after the backup.'));
    expect(existsSync(path.join(dataDir, PENDING_RESTORE_FILE))).toBe(true);
    const [snapshot] = readdirSync(path.join(dataDir, RESTORE_SNAPSHOTS_FOLDER));
    const snapshotDb = new Database(path.join(dataDir, RESTORE_SNAPSHOTS_FOLDER, snapshot as string, 'nova.db'), { readonly: true });
    expect(snapshotDb.prepare('select content from scenes where id = ?').pluck().get(sceneId)).toContain('Written after the backup.');
    snapshotDb.close();
    const deviceId = source.t.core.services.syncChanges.deviceId;
    source.t.core.close();

    const reopened = createTestCore({ dataDir });
    bed.later(() => reopened.core.close());
    expect(await bookOf(reopened, projectId)).toEqual(backedUp);
    expect(existsSync(path.join(dataDir, PENDING_RESTORE_FILE))).toBe(false);
    // The folder stays this device.
    expect(reopened.core.services.syncChanges.deviceId).toBe(deviceId);
  });
});

describe('damaged backups', () => {
  const flipBit = (file: string, at: number) => {
    const bytes = readFileSync(file);
    bytes[at] = (bytes[at] ?? 0) ^ 0x04;
    writeFileSync(file, bytes);
  };

  it('a bit flipped in a stored blob fails with TAMPERED and leaves the current data untouched', async () => {
    const source = started();
    const { projectId } = await writeBook(source.t);
    await ended(source, source.service.startBackup('full').jobId);
    const [backup] = await source.service.list();
    const blob = storedBlobFile(bed.world, (await bed.world.http.getBackup(backup?.id as string)).blobId);
    flipBit(blob, Math.floor(readFileSync(blob).length / 2));
    const before = await bookOf(source.t, projectId);

    const inPlace = await ended(source, source.service.startRestore({ backupId: backup?.id as string, target: 'in-place' }).jobId, 'failed');
    expect(inPlace.error?.code).toBe('TAMPERED');
    expect(existsSync(path.join(source.t.dataDir, PENDING_RESTORE_FILE))).toBe(false);
    expect(readdirSync(path.join(source.t.dataDir, RESTORE_STAGING_FOLDER))).toEqual([]);
    expect(await bookOf(source.t, projectId)).toEqual(before);

    const folder = path.join(tempFolder(), 'restored');
    const elsewhere = await ended(source, source.service.startRestore({ backupId: backup?.id as string, target: 'new-folder', folder }).jobId, 'failed');
    expect(elsewhere.error?.code).toBe('TAMPERED');
    expect(readdirSync(path.dirname(folder))).toEqual([]);
  });

  it('a blob served cut short at a chunk boundary fails with TRUNCATED and writes nothing', async () => {
    const cutAt = 30 + 2 ** 20 + 17;
    const cutting: BackupTransport = {
      ...bed.world.http,
      async *download(blobId, start, signal) {
        let sent = start;
        for await (const piece of bed.world.http.download(blobId, start, signal)) {
          const keep = Math.min(piece.length, cutAt - sent);
          if (keep > 0) yield piece.subarray(0, keep);
          sent += keep;
          if (sent >= cutAt) return;
        }
      },
    };
    const source = started({ transport: cutting });
    await writeBook(source.t);
    await ended(source, source.service.startBackup('full').jobId);
    const [backup] = await source.service.list();
    expect(backup?.bytes).toBeGreaterThan(cutAt);
    const folder = path.join(tempFolder(), 'restored');
    const job = await ended(source, source.service.startRestore({ backupId: backup?.id as string, target: 'new-folder', folder }).jobId, 'failed');
    expect(job.error?.code).toBe('TRUNCATED');
    expect(readdirSync(path.dirname(folder))).toEqual([]);
  });

  it('keys other than the backup’s give a clear error, for the history and for a restore', async () => {
    const source = started();
    await writeBook(source.t);
    await ended(source, source.service.startBackup('full').jobId);
    const [backup] = await source.service.list();
    const { keyring: other } = await createKeyringService({ sodium: bed.world.sodium, kdf: MIN_KDF }).createKeyring('another long passphrase');
    const stranger = started({ keyring: other });
    await expect(stranger.service.list()).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const job = await ended(stranger, stranger.service.startRestore({ backupId: backup?.id as string, target: 'new-folder', folder: path.join(tempFolder(), 'x') }).jobId, 'failed');
    expect(job.error).toMatchObject({ code: 'WRONG_PASSPHRASE', message: expect.stringContaining('other keys') });
    // Keys set up again start a chain of their own; the history shows what they can open.
    await ended(stranger, stranger.service.startBackup('incremental').jobId);
    const mine = await stranger.service.list();
    expect(mine.map((listed) => [listed.kind, listed.parentId])).toEqual([['full', null]]);
    expect(mine[0]?.id).not.toBe(backup?.id);
  });
});

describe('a backup killed mid-upload', () => {
  it('resumes after a restart from the server’s offset, not from zero', async () => {
    const piece = 64 * 1024;
    const offsets: number[] = [];
    let source: BackupCore | null = null;
    let killed = () => {};
    const wasKilled = new Promise<void>((resolve) => (killed = resolve));
    const killing: BackupTransport = {
      ...bed.world.http,
      async appendChunk(uploadId, offset, bytes, signal) {
        if (offset >= 3 * piece) {
          // The app quits mid-upload: the job stays `running` and resumes at the next start.
          source?.t.core.close();
          killed();
          throw new Error('killed');
        }
        return bed.world.http.appendChunk(uploadId, offset, bytes, signal);
      },
    };
    source = startBackupCore(bed.world, { transport: killing, uploadPieceBytes: piece });
    const dataDir = source.t.dataDir;
    bed.later(() => rmSync(dataDir, { recursive: true, force: true }));
    const { projectId } = await writeBook(source.t);
    const jobId = source.service.startBackup('full').jobId;
    await wasKilled;
    expect(await bed.world.http.listBackups()).toEqual([]);

    const recording: BackupTransport = {
      ...bed.world.http,
      appendChunk(uploadId, offset, bytes, signal) {
        offsets.push(offset);
        return bed.world.http.appendChunk(uploadId, offset, bytes, signal);
      },
    };
    const resumed = startBackupCore(bed.world, { dataDir, transport: recording, uploadPieceBytes: piece });
    bed.later(() => resumed.t.core.close());
    await ended(resumed, jobId);
    expect(offsets[0]).toBe(3 * piece);

    const [backup] = await resumed.service.list();
    const folder = path.join(tempFolder(), 'restored');
    await ended(resumed, resumed.service.startRestore({ backupId: backup?.id as string, target: 'new-folder', folder }).jobId);
    const restored = createTestCore({ dataDir: folder });
    bed.later(() => restored.dispose());
    expect(await bookOf(restored, projectId)).toEqual(await bookOf(resumed.t, projectId));
  });
});
