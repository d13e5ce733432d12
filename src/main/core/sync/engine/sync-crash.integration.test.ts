import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncedContents } from '../../../testing/sync-convergence';
import { createSyncClient, joinAccount, setUpFirstDevice, startTestCloud, syncAll, type SyncClient, type TestCloud } from '../../../testing/sync-clients';

let cloud: TestCloud;
const disposers: Array<() => void> = [];
beforeEach(async () => {
  cloud = await startTestCloud();
});
afterEach(async () => {
  for (const dispose of disposers.splice(0)) dispose();
  await cloud.dispose();
});

describe('a client killed mid-sync', () => {
  it('resumes after SIGKILL and converges with another device, nothing lost or doubled', async () => {
    const setup = createSyncClient('Crashing');
    await setUpFirstDevice(setup, cloud.url, 'crash@example.com');
    const secrets = Object.fromEntries(await Promise.all((await setup.secrets.list()).map(async (name) => [name, (await setup.secrets.get(name)) ?? ''] as const)));
    setup.core.close();
    const secretsFile = path.join(setup.dataDir, '..', `${path.basename(setup.dataDir)}-secrets.json`);
    writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
    disposers.push(() => rmSync(secretsFile, { force: true }));

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/testing/sync-crash-child.ts', setup.dataDir, secretsFile, '150'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const killed = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // Killed once some batches are on the server and more are to come.
        if (/push (5\d|[6-9]\d)\n/.test(output) && !child.killed) child.kill('SIGKILL');
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(output) : reject(new Error(`child ended without being killed:\n${output}`))));
    });
    expect(await killed).not.toContain('done');

    const again = createSyncClient('Crashing', { dataDir: setup.dataDir, secrets: setup.secrets });
    disposers.push(() => again.dispose());
    const other: SyncClient = createSyncClient('Other');
    disposers.push(() => other.dispose());
    await joinAccount(other, cloud.url, 'crash@example.com');
    await syncAll([again, other]);
    expect(syncedContents(other)).toEqual(syncedContents(again));
    expect(syncedContents(other).codex_entries).toHaveLength(150);
    expect((await again.call('sync.status', {})).pendingChanges).toBe(0);
  }, 120_000);
});
