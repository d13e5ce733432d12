import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bookOf, startBackupCore, writeBook } from '../../../testing/backup-fixture';
import { backupTestbed } from '../../../testing/backup-testbed';
import { createTestCore } from '../../../testing/test-core';
import type { BackupTransport } from '.';

const repoRoot = fileURLToPath(new URL('../../../../..', import.meta.url));
const bed = backupTestbed();

describe('a backup whose process is killed (SIGKILL) mid-upload', () => {
  it('resumes at the next start from the offset the server has, and restores whole', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-backup-crash-'));
    bed.later(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    const writer = createTestCore({ dataDir });
    const { projectId } = await writeBook(writer);
    const expected = await bookOf(writer, projectId);
    writer.core.close();
    const envelopeFile = path.join(dir, 'envelope.json');
    writeFileSync(envelopeFile, JSON.stringify(bed.world.keyring.envelope));

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/testing/backup-crash-child.ts', dataDir, bed.world.cloud.url, bed.world.token, envelopeFile], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bed.later(() => child.kill('SIGKILL'));
    let output = '';
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const jobId = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const id = /^job (\S+)$/m.exec(output)?.[1];
        const offset = Math.max(0, ...[...output.matchAll(/^offset (\d+)$/gm)].map((match) => Number(match[1])));
        if (id && offset >= 4 * 64 * 1024) resolve(id);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error(`the child exited early:\n${output}`)));
    });
    child.kill('SIGKILL');
    await exited;
    const acknowledged = Math.max(...[...output.matchAll(/^offset (\d+)$/gm)].map((match) => Number(match[1])));
    expect(await bed.world.http.listBackups()).toEqual([]);

    const offsets: number[] = [];
    const recording: BackupTransport = {
      ...bed.world.http,
      appendChunk(uploadId, offset, bytes, signal) {
        offsets.push(offset);
        return bed.world.http.appendChunk(uploadId, offset, bytes, signal);
      },
    };
    const resumed = startBackupCore(bed.world, { dataDir, transport: recording, uploadPieceBytes: 64 * 1024 });
    bed.later(() => resumed.t.core.close());
    const job = await resumed.finish(jobId);
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2 });
    // The server may have kept one piece more than the child lived to print, never fewer.
    expect(offsets[0]).toBeGreaterThanOrEqual(acknowledged);
    expect(offsets[0]).toBeLessThanOrEqual(acknowledged + 64 * 1024);

    const [backup] = await resumed.service.list();
    const folder = path.join(dir, 'restored');
    expect((await resumed.finish(resumed.service.startRestore({ backupId: backup?.id as string, target: 'new-folder', folder }).jobId)).status).toBe('succeeded');
    const restored = createTestCore({ dataDir: folder });
    bed.later(() => restored.core.close());
    expect(await bookOf(restored, projectId)).toEqual(expected);
  }, 60_000);
});
