import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startBackupCore, writeBook, type BackupCore } from '../../../testing/backup-fixture';
import { backupTestbed } from '../../../testing/backup-testbed';
import { DB_ENTRY, type StartHashWorker } from '.';

const bed = backupTestbed();

/**
 * A core whose hashing thread reports every file it is given to read, and whose clock runs a
 * minute ahead: the files the test writes count as written a minute before each backup (files
 * changed within 2 s of a backup are always read again by the next one, see media-index.ts).
 */
function observedCore(): { core: BackupCore; reads: string[] } {
  const reads: string[] = [];
  const startHashWorker: StartHashWorker = (source, options) => {
    const worker = new Worker(source, { ...options, eval: true, execArgv: [] });
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message: { type: string; file?: string }, transfer) => {
      if (message.type === 'source' && message.file) reads.push(path.basename(message.file));
      post(message, transfer);
    };
    return worker;
  };
  const core = startBackupCore(bed.world, { startHashWorker, clock: { now: () => Date.now() + 60_000 } });
  bed.later(() => core.t.dispose());
  return { core, reads };
}

async function backUp(core: BackupCore, kind: 'full' | 'incremental') {
  expect((await core.finish(core.service.startBackup(kind).jobId)).status).toBe('succeeded');
}

async function restored(core: BackupCore, projectId: string, name: string): Promise<Buffer> {
  const [newest] = await core.service.list();
  const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'nova-restore-')), 'to');
  bed.later(() => rmSync(path.dirname(folder), { recursive: true, force: true }));
  expect((await core.finish(core.service.startRestore({ backupId: newest?.id as string, target: 'new-folder', folder }).jobId)).status).toBe('succeeded');
  return readFileSync(path.join(folder, 'media', 'assets', projectId, name));
}

describe('an incremental backup', () => {
  it('does not read media unchanged since the backup it builds on, and restores them', async () => {
    const { core, reads } = observedCore();
    const { projectId } = await writeBook(core.t);
    await backUp(core, 'full');
    expect(reads.sort()).toEqual(['cover.png', DB_ENTRY, 'theme.mp3']);

    reads.length = 0;
    await backUp(core, 'incremental');
    expect(reads).toEqual([DB_ENTRY]);
    const cover = readFileSync(path.join(core.t.dataDir, 'media', 'assets', projectId, 'cover.png'));
    expect(await restored(core, projectId, 'cover.png')).toEqual(cover);
  });

  it('reads a file again whose content changed at the same size, even with its modification time set back', async () => {
    const { core, reads } = observedCore();
    const { projectId } = await writeBook(core.t);
    const cover = path.join(core.t.dataDir, 'media', 'assets', projectId, 'cover.png');
    await backUp(core, 'full');

    // Same size, new bytes: the modification time changes.
    const changed = Buffer.from(readFileSync(cover).map((byte) => byte ^ 0xff));
    writeFileSync(cover, changed);
    reads.length = 0;
    await backUp(core, 'incremental');
    expect(reads.sort()).toEqual(['cover.png', DB_ENTRY]);
    expect(await restored(core, projectId, 'cover.png')).toEqual(changed);

    // New bytes again with the modification time the last backup saw put back: only the change
    // time differs (a whole second, so utimes puts back exactly the nanoseconds recorded).
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    utimesSync(cover, anHourAgo, anHourAgo);
    await backUp(core, 'incremental');
    const again = Buffer.from(changed.map((byte) => byte ^ 0x0f));
    writeFileSync(cover, again);
    utimesSync(cover, anHourAgo, anHourAgo);
    expect(statSync(cover, { bigint: true }).mtimeNs).toBe(BigInt(anHourAgo) * 1_000_000_000n);
    reads.length = 0;
    await backUp(core, 'incremental');
    expect(reads.sort()).toEqual(['cover.png', DB_ENTRY]);
    expect(await restored(core, projectId, 'cover.png')).toEqual(again);
  });

  it('reads every file again when this device holds no index of the backup it builds on (made elsewhere, or the index lost)', async () => {
    const { core, reads } = observedCore();
    await writeBook(core.t);
    await backUp(core, 'full');
    rmSync(path.join(core.t.dataDir, 'sync-backup', 'media-index.json'));
    reads.length = 0;
    await backUp(core, 'incremental');
    expect(reads.sort()).toEqual(['cover.png', DB_ENTRY, 'theme.mp3']);
  });
});
