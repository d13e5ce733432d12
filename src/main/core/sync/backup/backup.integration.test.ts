import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/models/jobs';
import { bookOf, mediaOf, scanServer, startBackupCore, writeBook, type BackupCore } from '../../../testing/backup-fixture';
import { backupTestbed } from '../../../testing/backup-testbed';
import { createTestCore, doc } from '../../../testing/test-core';
import type { BackupTransport } from '.';

const bed = backupTestbed();
const tempFolder = bed.tempFolder;

const track = bed.track;

async function succeeded(core: BackupCore, jobId: string): Promise<Job> {
  const job = await core.finish(jobId);
  expect(job.error).toBeNull();
  expect(job.status).toBe('succeeded');
  return job;
}

describe('full backup and restore into a new folder', () => {
  it('restores identical projects, scenes, codex and media files; the history says what the manifest says', async () => {
    // The second piece of the upload waits until the UI has seen the upload's progress (progress
    // is pushed at most every 250 ms, so a quick upload would otherwise show only its end).
    let uploadShown: () => void = () => undefined;
    const shown = new Promise<void>((resolve) => (uploadShown = resolve));
    let pieces = 0;
    const transport: BackupTransport = {
      ...bed.world.http,
      async appendChunk(uploadId, offset, bytes, signal) {
        pieces += 1;
        if (pieces === 2) await shown;
        return bed.world.http.appendChunk(uploadId, offset, bytes, signal);
      },
    };
    const source = track(startBackupCore(bed.world, { transport, uploadPieceBytes: 64 * 1024 }));
    const { projectId } = await writeBook(source.t);
    const progress: Job[] = [];
    source.t.core.events.subscribe((name, payload) => {
      if (name !== 'job.changed') return;
      const job = payload as Job;
      progress.push(job);
      if (job.progress.message === 'Uploading' && job.progress.total > 0) uploadShown();
    });
    await succeeded(source, source.service.startBackup('full').jobId);
    const messages = progress.map((job) => job.progress.message);
    expect(messages).toContain('Reading and encrypting');
    expect(messages).toContain('Uploading');
    expect(progress.at(-1)?.progress).toMatchObject({ done: 1, total: 1 });
    expect(progress.at(-1)?.progress.message).toMatch(/^Backed up \(/);

    const [listed] = await source.service.list();
    expect(listed).toMatchObject({ kind: 'full', parentId: null, deviceName: 'Test laptop', projects: 1, words: 9 });

    const folder = path.join(tempFolder('nova-restore-'), 'restored');
    await succeeded(source, source.service.startRestore({ backupId: listed?.id as string, target: 'new-folder', folder }).jobId);
    const restored = createTestCore({ dataDir: folder });
    bed.later(() => restored.dispose());
    expect(await bookOf(restored, projectId)).toEqual(await bookOf(source.t, projectId));
    expect(mediaOf(folder, projectId)).toEqual(mediaOf(source.t.dataDir, projectId));
    // A restored folder is a new device: it made its own device id.
    expect(restored.core.services.syncChanges.deviceId).not.toBe(source.t.core.services.syncChanges.deviceId);
  });

  it('leaves no plaintext on the server (canary scan of every stored byte)', async () => {
    const source = track(startBackupCore(bed.world));
    const canaries = ['canary-title-7f3a', 'canary-scene-91bc', 'canary-codex-55de', 'canary-media-0a1e'];
    const project = await source.t.call('project.create', { title: canaries[0] as string });
    const sceneId = (await source.t.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0]?.id as string;
    await source.t.call('scene.save', { id: sceneId, content: doc(`It began with ${canaries[1]}.`), baseRevision: 0 });
    await source.t.call('codex.create', { projectId: project.id, kind: 'location', name: canaries[2] as string });
    mkdirSync(path.join(source.t.dataDir, 'media', 'assets', project.id), { recursive: true });
    writeFileSync(path.join(source.t.dataDir, 'media', 'assets', project.id, 'notes.txt'), `media ${canaries[3]}`);
    await succeeded(source, source.service.startBackup('full').jobId);
    expect(scanServer(bed.world, canaries)).toEqual([]);
  });
});
