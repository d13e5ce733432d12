import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Chain } from '../../records/chain';
import type { MetadataStore, RecordWrite } from '../metadata-store';

/** A metadata store under test and how to throw it away. */
export interface MetadataStoreFixture {
  store: MetadataStore;
  dispose(): Promise<void>;
}

const write = (id: string, version: number, text: string): RecordWrite => {
  const ciphertext = Buffer.from(text);
  return { id, version, ciphertext, ciphertextHash: createHash('sha256').update(ciphertext).digest('hex') };
};
const options = (quotaBytes: number | null = null) => ({ quotaBytes, chain: sha256Chain, at: 1 });

/**
 * The behaviour every MetadataStore adapter owes the endpoint (SQLite now; PostgreSQL next):
 * run it from each adapter's test file with a factory that makes an empty store.
 */
export function describeMetadataStoreContract(name: string, make: () => Promise<MetadataStoreFixture>): void {
  describe(`${name}: metadata store contract`, () => {
    let fixture: MetadataStoreFixture;
    let store: MetadataStore;
    beforeEach(async () => {
      fixture = await make();
      store = fixture.store;
      await store.createAccount({ id: 'acct', email: 'Writer@Example.com', passwordHash: 'h', tier: 'pro', createdAt: 1 });
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it('keeps emails unique without regard to case, and updates billing fields it is given', async () => {
      expect(await store.createAccount({ id: 'other', email: 'writer@example.COM', passwordHash: 'h', tier: 'free', createdAt: 2 })).toBe('email-taken');
      expect((await store.findAccountByEmail('WRITER@example.com'))?.id).toBe('acct');
      await store.updateBilling('acct', { tier: 'power', stripeCustomerId: 'cus_1', stripeSubscriptionId: 'sub_1' });
      await store.updateBilling('acct', { tier: 'team' });
      expect(await store.findAccountByStripeCustomer('cus_1')).toMatchObject({ id: 'acct', tier: 'team', stripeSubscriptionId: 'sub_1' });
    });

    it('revokes a device with all its tokens, and brings it back on the next sign-in', async () => {
      await store.upsertDevice({ accountId: 'acct', deviceId: 'd1', nameCiphertext: new Uint8Array([1]), at: 10 });
      await store.insertToken({ tokenHash: 't1', accountId: 'acct', deviceId: 'd1', createdAt: 10, expiresAt: 100, revokedAt: null });
      expect(await store.revokeDevice('acct', 'd1', 20)).toBe(true);
      expect(await store.revokeDevice('acct', 'nope', 20)).toBe(false);
      expect((await store.useToken('t1', 21))?.revokedAt).toBe(20);
      await store.upsertDevice({ accountId: 'acct', deviceId: 'd1', nameCiphertext: new Uint8Array([2]), at: 30 });
      expect((await store.listDevices('acct'))[0]).toMatchObject({ deviceId: 'd1', revokedAt: null, createdAt: 10, nameCiphertext: new Uint8Array([2]) });
      await store.setDeviceCursor('acct', 'd1', 5);
      await store.setDeviceCursor('acct', 'd1', 3);
      expect((await store.listDevices('acct'))[0]?.cursor).toBe(5);
    });

    it('swaps the keyring only from the stored version', async () => {
      expect(await store.swapKeyring('acct', 0, new Uint8Array([1]), 1)).toEqual({ ok: true, version: 1 });
      expect(await store.swapKeyring('acct', 0, new Uint8Array([2]), 2)).toEqual({ ok: false, currentVersion: 1 });
      expect((await store.getKeyring('acct'))?.blob).toEqual(new Uint8Array([1]));
    });

    it('applies record writes with CAS, replays and a chained feed; refuses a batch over quota whole', async () => {
      const first = await store.putRecords('acct', [write('a', 1, 'a1'), write('b', 1, 'b1')], options());
      expect(first.ok && first.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
      const second = await store.putRecords('acct', [write('a', 1, 'a1'), write('b', 1, 'bX'), write('c', 2, 'c2')], options());
      expect(second.ok && second.results).toEqual([
        { id: 'a', status: 'accepted', version: 1, seq: 1 },
        { id: 'b', status: 'conflict', currentVersion: 1 },
        { id: 'c', status: 'conflict', currentVersion: 0 },
      ]);
      const third = await store.putRecords('acct', [write('a', 2, 'a2')], options());
      expect(third.ok && third.results).toEqual([{ id: 'a', status: 'accepted', version: 2, seq: 3 }]);
      const page = await store.readFeed('acct', 0, 2);
      expect(page.entries.map((e) => [e.seq, e.id, e.version, e.ciphertext && Buffer.from(e.ciphertext).toString()])).toEqual([
        [1, 'a', 1, null],
        [2, 'b', 1, 'b1'],
      ]);
      expect(page.head.seq).toBe(3);
      const rest = await store.readFeed('acct', 2, 10);
      expect(rest.entries[0]?.chainHash).toBe(page.head.hash);
      expect((await store.getUsage('acct')).recordBytes).toBe(4);

      const over = await store.putRecords('acct', [write('c', 1, 'c1'), write('d', 1, 'way too many bytes')], options(10));
      expect(over).toMatchObject({ ok: false, reason: 'quota-exceeded', usedBytes: 4 });
      expect((await store.readFeed('acct', 0, 10)).head.seq).toBe(3);
      // A write that does not grow storage passes even at the limit.
      expect((await store.putRecords('acct', [write('a', 3, 'a3')], options(0))).ok).toBe(true);
    });

    it('reserves upload space, turns it into a blob, and frees it with the last backup using it', async () => {
      expect(await store.createUpload({ id: 'u1', accountId: 'acct', totalSize: 100, createdAt: 1 }, 50)).toBe('quota-exceeded');
      expect(await store.createUpload({ id: 'u1', accountId: 'acct', totalSize: 100, createdAt: 1 }, 100)).toBe('created');
      expect((await store.getUsage('acct')).reservedBytes).toBe(100);
      await store.completeUpload('acct', 'u1', { id: 'u1', accountId: 'acct', size: 100, sha256: 'f'.repeat(64), createdAt: 2 });
      expect(await store.getUsage('acct')).toMatchObject({ reservedBytes: 0, blobBytes: 100 });
      expect(await store.totalStoredBytes()).toBe(100);

      const backup = { accountId: 'acct', blobId: 'u1', manifestCiphertext: new Uint8Array(8), createdAt: 3 };
      expect(await store.createBackup({ ...backup, id: 'b1', kind: 'full', parentId: null }, null)).toBe('created');
      expect(await store.createBackup({ ...backup, id: 'b2', kind: 'incremental', parentId: 'nope' }, null)).toBe('parent-missing');
      expect(await store.createBackup({ ...backup, id: 'b2', kind: 'incremental', parentId: 'b1', blobId: 'nope' }, null)).toBe('blob-missing');
      expect(await store.createBackup({ ...backup, id: 'b2', kind: 'incremental', parentId: 'b1' }, null)).toBe('created');
      expect(await store.deleteBlob('acct', 'u1')).toBe('in-use');
      expect(await store.deleteBackup('acct', 'b1')).toEqual({ blobId: 'u1', blobRemoved: false });
      expect((await store.getBackup('acct', 'b2'))?.parentId).toBeNull();
      expect(await store.deleteBackup('acct', 'b2')).toEqual({ blobId: 'u1', blobRemoved: true });
      expect(await store.getUsage('acct')).toEqual({ recordBytes: 0, blobBytes: 0, reservedBytes: 0, backupBytes: 0 });
    });

    it('drops an open upload with its reservation', async () => {
      await store.createUpload({ id: 'u2', accountId: 'acct', totalSize: 40, createdAt: 1 }, null);
      await store.deleteUpload('acct', 'u2');
      expect(await store.getUpload('acct', 'u2')).toBeNull();
      expect((await store.getUsage('acct')).reservedBytes).toBe(0);
    });

    it('applies a Stripe event once', async () => {
      const change = { accountId: 'acct', billing: { tier: 'team' as const } };
      expect(await store.applyStripeEvent('evt_1', 1, change)).toBe('applied');
      await store.updateBilling('acct', { tier: 'free' });
      expect(await store.applyStripeEvent('evt_1', 2, change)).toBe('duplicate');
      expect((await store.getAccount('acct'))?.tier).toBe('free');
      expect(await store.applyStripeEvent('evt_2', 3, null)).toBe('applied');
    });
  });
}
