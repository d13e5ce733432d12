import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../shared/models/jobs';
import type { SyncStatus } from '../../../../shared/models/sync';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { syncedContents } from '../../../testing/sync-convergence';
import { createTestCore } from '../../../testing/test-core';
import {
  createSyncClient,
  joinAccount,
  scanStoredBytes,
  syncAll,
  TEST_PASSPHRASE,
  TEST_PASSWORD,
  type SyncClient,
} from '../../../testing/sync-clients';
import { syncTestbed } from '../../../testing/sync-testbed';

const { cloud, client } = syncTestbed();
const email = 'writer@example.com';

const credentials = (name: string) => ({ serverUrl: cloud().url, email, password: TEST_PASSWORD, deviceName: name });
const errorOf = async (device: SyncClient, method: string, input: unknown) => {
  const result = await device.raw(method, input);
  if (result.ok) throw new Error(`${method} succeeded`);
  return result.error;
};

/** Signs up and shows the ceremony; returns the recovery key (the groups joined) and the answers. */
async function startKeys(device: SyncClient) {
  await device.call('sync.account.signUp', credentials(device.name));
  const ceremony = await device.call('sync.keys.create', { passphrase: TEST_PASSPHRASE });
  return { recoveryKey: ceremony.groups.join('-'), answers: ceremony.challenge.map((index) => ceremony.groups[index] ?? '') };
}

describe('the sync account and keys', () => {
  it('keeps nothing until the recovery key is typed back, then needs-keys becomes synced', async () => {
    const a = client('A');
    const signedUp = await a.call('sync.account.signUp', credentials('A'));
    expect(signedUp).toMatchObject({ phase: 'needs-keys', keysOnServer: false, account: { email, deviceName: 'A', deviceId: a.core.services.syncChanges.deviceId } });
    const ceremony = await a.call('sync.keys.create', { passphrase: TEST_PASSPHRASE });
    expect(ceremony.challenge.length).toBeGreaterThan(0);
    const wrong = ceremony.challenge.map(() => 'WRONG');
    expect((await errorOf(a, 'sync.keys.confirm', { answers: wrong })).code).toBe(ErrorCode.INVALID_RECOVERY_KEY);
    expect((await cloud().call('GET', '/v1/keyring', { token: (await a.secrets.get('sync.token')) ?? '' })).status).toBe(404);
    const confirmed = await a.call('sync.keys.confirm', { answers: ceremony.challenge.map((index) => ceremony.groups[index] ?? '') });
    expect(['synced', 'syncing']).toContain(confirmed.phase);
    expect((await a.call('sync.now', {})).phase).toBe('synced');
  }, 60_000);

  it('unlocks another device with the passphrase or the recovery key; a wrong one is a clear error', async () => {
    const a = client('A');
    const { recoveryKey, answers } = await startKeys(a);
    await a.call('sync.keys.confirm', { answers });
    const b = client('B');
    expect(await b.call('sync.account.signIn', credentials('B'))).toMatchObject({ phase: 'needs-keys', keysOnServer: true });
    expect((await errorOf(b, 'sync.keys.unlock', { passphrase: 'not the passphrase at all' })).code).toBe(ErrorCode.WRONG_PASSPHRASE);
    expect((await errorOf(b, 'sync.keys.unlock', { recoveryKey: 'AAAA-BBBB' })).code).toBe(ErrorCode.INVALID_RECOVERY_KEY);
    expect((await b.call('sync.keys.unlock', { recoveryKey })).phase).not.toBe('needs-keys');
    const c = client('C');
    await joinAccount(c, cloud().url, email);
    expect((await c.call('sync.status', {})).phase).not.toBe('needs-keys');
    expect((await errorOf(c, 'sync.keys.create', { passphrase: TEST_PASSPHRASE })).code).toBe(ErrorCode.CONFLICT);
  }, 60_000);

  it('changes the passphrase (old one stops working elsewhere) and recovers with the recovery key', async () => {
    const a = client('A');
    const { recoveryKey, answers } = await startKeys(a);
    await a.call('sync.keys.confirm', { answers });
    expect((await errorOf(a, 'sync.keys.changePassphrase', { current: 'wrong passphrase here', next: 'a brand new passphrase' })).code).toBe(ErrorCode.WRONG_PASSPHRASE);
    await a.call('sync.keys.changePassphrase', { current: TEST_PASSPHRASE, next: 'a brand new passphrase' });
    const b = client('B');
    await b.call('sync.account.signIn', credentials('B'));
    expect((await errorOf(b, 'sync.keys.unlock', { passphrase: TEST_PASSPHRASE })).code).toBe(ErrorCode.WRONG_PASSPHRASE);
    await b.call('sync.keys.recover', { recoveryKey, next: 'the passphrase after recovery' });
    const c = client('C');
    await c.call('sync.account.signIn', credentials('C'));
    expect((await errorOf(c, 'sync.keys.unlock', { passphrase: 'a brand new passphrase' })).code).toBe(ErrorCode.WRONG_PASSPHRASE);
    await c.call('sync.keys.unlock', { passphrase: 'the passphrase after recovery' });
    // The same master key all along: what A sealed, C opens.
    await a.call('project.create', { title: 'Sealed before the change' });
    await syncAll([a, c]);
    expect(syncedContents(c)).toEqual(syncedContents(a));
  }, 60_000);

  it('restores the session at the next start and unlocks silently; the token and key live only in the secrets store', async () => {
    const first = createSyncClient('A');
    const { answers } = await startKeys(first);
    await first.call('sync.keys.confirm', { answers });
    await first.call('project.create', { title: 'Before restart' });
    await first.call('sync.now', {});
    const token = (await first.secrets.get('sync.token')) ?? '';
    const master = (await first.secrets.get('sync.master-key')) ?? '';
    expect(token.length).toBeGreaterThan(10);
    expect(master.length).toBeGreaterThan(10);
    first.core.close();
    expect(scanStoredBytes(first.dataDir, [token, master, TEST_PASSPHRASE, TEST_PASSWORD])).toEqual([]);

    const again = client('A', { dataDir: first.dataDir, secrets: first.secrets });
    const status = await again.call('sync.status', {});
    expect(status).toMatchObject({ phase: 'synced', account: { email } });
    await again.call('project.create', { title: 'After restart' });
    expect((await again.call('sync.now', {})).phase).toBe('synced');

    const signedOut = await again.call('sync.account.signOut', {});
    expect(signedOut.phase).toBe('off');
    expect(await again.secrets.list()).toEqual([]);
    expect((await cloud().call('GET', '/v1/keyring', { token })).status).toBe(401);
  }, 60_000);

  it('reports offline when the server is gone, with changes kept waiting', async () => {
    const a = client('A');
    const { answers } = await startKeys(a);
    await a.call('sync.keys.confirm', { answers });
    await a.call('sync.now', {});
    await cloud().close();
    await a.call('project.create', { title: 'Written offline' });
    const status = await a.call('sync.now', {});
    expect(status.phase).toBe('offline');
    expect(status.problem?.code).toBe(ErrorCode.SYNC_OFFLINE);
    expect(status.pendingChanges).toBeGreaterThan(0);
  }, 60_000);

  it('lists and revokes devices, shows the plan, and backs up and restores through the session', async () => {
    const a = client('Laptop');
    const { answers } = await startKeys(a);
    await a.call('sync.keys.confirm', { answers });
    const b = client('Desktop');
    await joinAccount(b, cloud().url, email);
    await a.call('project.create', { title: 'Counted' });
    await syncAll([a, b], 1);
    const devices = await a.call('sync.devices.list', {});
    expect(devices).toHaveLength(2);
    expect(devices.find((device) => device.current)).toMatchObject({ id: a.core.services.syncChanges.deviceId, name: 'Laptop' });
    const plan = await a.call('sync.plan.get', {});
    expect(plan).toMatchObject({ tier: 'team', quotaBytes: null });
    expect(plan.usedBytes).toBeGreaterThan(0);
    expect((await errorOf(a, 'sync.devices.revoke', { id: a.core.services.syncChanges.deviceId })).code).toBe(ErrorCode.INVALID_INPUT);
    await a.call('sync.devices.revoke', { id: b.core.services.syncChanges.deviceId });
    const revoked = await b.call('sync.now', {});
    expect(revoked).toMatchObject({ phase: 'error', problem: { code: ErrorCode.SYNC_SIGNED_OUT } });

    // Backups go through a's session (its server, token and unlocked keys); progress is job
    // progress, and the sync status (the status bar) shows it too while the job runs.
    expect(await a.call('sync.backups.list', {})).toEqual([]);
    const messages: string[] = [];
    const shown: SyncStatus[] = [];
    a.core.events.subscribe((name, payload) => {
      const job = payload as Job;
      if (name === 'job.changed' && job.kind === 'sync.backup' && job.progress.message) messages.push(job.progress.message);
      if (name === 'sync.changed') shown.push(payload as SyncStatus);
    });
    const { jobId } = await a.call('sync.backups.create', { kind: 'full' });
    expect(await a.core.services.jobs.whenFinished(jobId)).toMatchObject({ status: 'succeeded', error: null });
    expect(messages[0]).toBe('Reading and encrypting');
    expect(messages.at(-1)).toMatch(/^Backed up \(/);
    const backingUp = shown.filter((status) => status.progress?.stage === 'backup');
    expect(backingUp.length).toBeGreaterThan(0);
    expect(backingUp.every((status) => status.phase === 'syncing' && status.progress?.unit === 'bytes')).toBe(true);
    expect(backingUp.some((status) => (status.progress?.total ?? 0) > 0)).toBe(true);
    expect(shown.at(-1)).toMatchObject({ phase: 'synced', progress: null });
    const [backup] = await a.call('sync.backups.list', {});
    expect(backup).toMatchObject({ kind: 'full', parentId: null, deviceName: 'Laptop', projects: 1 });
    const folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'nova-engine-restore-')), 'restored');
    const restore = await a.call('sync.backups.restore', { backupId: backup?.id as string, target: 'new-folder', folder });
    expect(await a.core.services.jobs.whenFinished(restore.jobId)).toMatchObject({ status: 'succeeded' });
    expect(shown.some((status) => status.progress?.stage === 'restore')).toBe(true);
    expect(shown.at(-1)).toMatchObject({ phase: 'synced', progress: null });
    const restored = createTestCore({ dataDir: folder, config: { textWorker: null } });
    expect((await restored.call('project.list', {})).map((project) => project.title)).toEqual(['Counted']);
    restored.dispose();
    rmSync(path.dirname(folder), { recursive: true, force: true });
    // The revoked device is signed out for backups too.
    expect((await errorOf(b, 'sync.backups.list', {})).code).toBe(ErrorCode.SYNC_SIGNED_OUT);
  }, 60_000);
});
