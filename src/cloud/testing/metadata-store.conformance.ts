import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Chain } from '../records/chain';
import type { FeedEntry, MetadataStore, RecordWrite } from '../storage';

/** Opens a metadata store on the adapter's storage; a second call opens the same storage again (a "restart"). */
export type MetadataStoreFactory = () => Promise<MetadataStore>;

const T0 = Date.UTC(2026, 0, 1);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const id = (): string => randomBytes(9).toString('base64url');

function write(recordId: string, version: number, bytes: Uint8Array | string): RecordWrite {
  const ciphertext = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return { id: recordId, version, ciphertext, ciphertextHash: sha(ciphertext) };
}

const options = (quotaBytes: number | null = null) => ({ quotaBytes, chain: sha256Chain, at: T0 });

/** Recomputes the chain over a whole feed: gap-free seqs from 1 and every link from the previous. */
function expectValidChain(entries: FeedEntry[], head: { seq: number; hash: string }): void {
  let hash = sha256Chain.genesis;
  entries.forEach((entry, index) => {
    expect(entry.seq).toBe(index + 1);
    hash = sha256Chain.next(hash, entry.seq, entry.id, entry.version, entry.ciphertextHash);
    expect(entry.chainHash).toBe(hash);
  });
  expect(head).toEqual({ seq: entries.length, hash });
}

/**
 * The behaviour every MetadataStore adapter shares, written once: SQLite and PostgreSQL run the
 * same cases. Each case makes its own accounts, so one store serves the whole suite.
 */
export function describeMetadataStore(name: string, open: MetadataStoreFactory): void {
  describe(`MetadataStore conformance: ${name}`, () => {
    let store: MetadataStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    const newAccount = async (tier: 'free' | 'pro' | 'power' | 'team' = 'team'): Promise<string> => {
      const accountId = id();
      expect(await store.createAccount({ id: accountId, email: `${accountId}@example.com`, passwordHash: 'h', tier, createdAt: T0 })).toBe('created');
      return accountId;
    };
    const readAll = async (accountId: string): Promise<{ entries: FeedEntry[]; head: { seq: number; hash: string } }> => {
      const entries: FeedEntry[] = [];
      for (;;) {
        const page = await store.readFeed(accountId, entries.at(-1)?.seq ?? 0, 7);
        entries.push(...page.entries);
        if (page.entries.length === 0) return { entries, head: page.head };
      }
    };

    it('creates accounts once per email, compared lowercased, and finds them', async () => {
      const accountId = id();
      const email = `Mixed.${accountId}@Example.com`;
      expect(await store.createAccount({ id: accountId, email, passwordHash: 'hash', tier: 'pro', createdAt: T0 })).toBe('created');
      expect(await store.createAccount({ id: id(), email: email.toUpperCase(), passwordHash: 'x', tier: 'pro', createdAt: T0 })).toBe('email-taken');
      const found = await store.findAccountByEmail(email.toUpperCase());
      expect(found).toMatchObject({ id: accountId, email: email.toLowerCase(), passwordHash: 'hash', tier: 'pro', stripeCustomerId: null });
      expect(await store.getAccount(accountId)).toEqual(found);
      expect(await store.getAccount(id())).toBeNull();
    });

    it('changes billing, keeping the Stripe ids a change leaves out', async () => {
      const accountId = await newAccount('free');
      const customer = `cus_${id()}`;
      await store.updateBilling(accountId, { tier: 'pro', stripeCustomerId: customer, stripeSubscriptionId: 'sub_1' });
      await store.updateBilling(accountId, { tier: 'power' });
      expect(await store.findAccountByStripeCustomer(customer)).toMatchObject({ id: accountId, tier: 'power', stripeSubscriptionId: 'sub_1' });
      await store.updateBilling(accountId, { tier: 'free', stripeSubscriptionId: null });
      expect(await store.getAccount(accountId)).toMatchObject({ tier: 'free', stripeCustomerId: customer, stripeSubscriptionId: null });
    });

    it('registers devices, looks tokens up by hash, bumps last-seen, and revokes a device with its tokens', async () => {
      const accountId = await newAccount();
      const name = new Uint8Array([1, 2, 3]);
      await store.upsertDevice({ accountId, deviceId: 'd1', nameCiphertext: name, at: T0 });
      const tokenHash = sha(randomBytes(32));
      await store.insertToken({ tokenHash, accountId, deviceId: 'd1', createdAt: T0, expiresAt: T0 + 1000, revokedAt: null });
      expect(await store.useToken(tokenHash, T0 + 10)).toEqual({ tokenHash, accountId, deviceId: 'd1', createdAt: T0, expiresAt: T0 + 1000, revokedAt: null });
      expect((await store.listDevices(accountId))[0]?.lastSeenAt).toBe(T0);
      await store.useToken(tokenHash, T0 + 120_000);
      expect((await store.listDevices(accountId))[0]).toEqual({ deviceId: 'd1', nameCiphertext: name, createdAt: T0, lastSeenAt: T0 + 120_000, revokedAt: null, cursor: 0 });
      expect(await store.useToken(sha(randomBytes(32)), T0)).toBeNull();

      expect(await store.revokeDevice(accountId, 'd1', T0 + 5)).toBe(true);
      expect(await store.revokeDevice(accountId, 'unknown', T0 + 5)).toBe(false);
      expect((await store.useToken(tokenHash, T0 + 6))?.revokedAt).toBe(T0 + 5);
      expect((await store.listDevices(accountId))[0]?.revokedAt).toBe(T0 + 5);
      await store.upsertDevice({ accountId, deviceId: 'd1', nameCiphertext: name, at: T0 + 7 });
      expect((await store.listDevices(accountId))[0]?.revokedAt).toBeNull();

      const other = sha(randomBytes(32));
      await store.insertToken({ tokenHash: other, accountId, deviceId: 'd1', createdAt: T0, expiresAt: T0 + 1000, revokedAt: null });
      await store.revokeToken(other, T0 + 9);
      await store.revokeToken(other, T0 + 99);
      expect((await store.useToken(other, T0 + 10))?.revokedAt).toBe(T0 + 9);
    });

    it('moves a device cursor forward only', async () => {
      const accountId = await newAccount();
      await store.upsertDevice({ accountId, deviceId: 'd', nameCiphertext: new Uint8Array(1), at: T0 });
      await store.setDeviceCursor(accountId, 'd', 10);
      await store.setDeviceCursor(accountId, 'd', 4);
      expect((await store.listDevices(accountId))[0]?.cursor).toBe(10);
    });

    it('swaps the keyring by compare-and-swap, one winner among concurrent first swaps', async () => {
      const accountId = await newAccount();
      expect(await store.getKeyring(accountId)).toBeNull();
      const outcomes = await Promise.all(Array.from({ length: 6 }, (_, n) => store.swapKeyring(accountId, 0, new Uint8Array([n]), T0)));
      expect(outcomes.filter((outcome) => outcome.ok)).toEqual([{ ok: true, version: 1 }]);
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual(Array(5).fill({ ok: false, currentVersion: 1 }));
      expect(await store.swapKeyring(accountId, 1, new Uint8Array([9]), T0 + 1)).toEqual({ ok: true, version: 2 });
      expect(await store.swapKeyring(accountId, 1, new Uint8Array([8]), T0 + 2)).toEqual({ ok: false, currentVersion: 2 });
      expect(await store.getKeyring(accountId)).toEqual({ version: 2, blob: new Uint8Array([9]), updatedAt: T0 + 1 });
    });

    it('accepts a batch by version CAS, replays an accepted write idempotently and chains the feed', async () => {
      const accountId = await newAccount();
      const first = await store.putRecords(accountId, [write('a', 1, 'a1'), write('b', 1, 'b1'), write('c', 2, 'c2')], options());
      expect(first).toMatchObject({
        ok: true,
        results: [
          { id: 'a', status: 'accepted', version: 1, seq: 1 },
          { id: 'b', status: 'accepted', version: 1, seq: 2 },
          { id: 'c', status: 'conflict', currentVersion: 0 },
        ],
      });
      const second = await store.putRecords(accountId, [write('a', 1, 'a1'), write('a', 2, 'a2'), write('b', 1, 'other')], options());
      // The replay of a1 keeps its seq; a2 is judged against the state before the batch, where a is at 1.
      expect(second.ok && second.results).toEqual([
        { id: 'a', status: 'accepted', version: 1, seq: 1 },
        { id: 'a', status: 'accepted', version: 2, seq: 3 },
        { id: 'b', status: 'conflict', currentVersion: 1 },
      ]);
      const { entries, head } = await readAll(accountId);
      expectValidChain(entries, head);
      expect(second.ok && second.head).toEqual(head);
      expect(entries.map((entry) => [entry.id, entry.version, entry.ciphertext && new TextDecoder().decode(entry.ciphertext)])).toEqual([
        ['a', 1, null],
        ['b', 1, 'b1'],
        ['a', 2, 'a2'],
      ]);
      expect((await store.getUsage(accountId)).recordBytes).toBe(4);
    });

    it('pages the feed after a seq and answers the genesis head for an empty feed', async () => {
      const accountId = await newAccount();
      expect(await store.readFeed(accountId, 0, 10)).toEqual({ entries: [], head: { seq: 0, hash: sha256Chain.genesis } });
      await store.putRecords(accountId, Array.from({ length: 5 }, (_, n) => write(`r${n}`, 1, `v${n}`)), options());
      const page = await store.readFeed(accountId, 2, 2);
      expect(page.entries.map((entry) => entry.seq)).toEqual([3, 4]);
      expect(page.head.seq).toBe(5);
    });

    it('refuses a whole batch over quota and lets a shrinking write through', async () => {
      const accountId = await newAccount('pro');
      expect((await store.putRecords(accountId, [write('a', 1, new Uint8Array(60))], options(100))).ok).toBe(true);
      const refused = await store.putRecords(accountId, [write('b', 1, new Uint8Array(10)), write('c', 1, new Uint8Array(40))], options(100));
      expect(refused).toEqual({ ok: false, reason: 'quota-exceeded', usedBytes: 60, neededBytes: 50 });
      expect((await store.readFeed(accountId, 0, 10)).head.seq).toBe(1);
      expect((await store.putRecords(accountId, [write('a', 2, new Uint8Array(20))], options(10))).ok).toBe(true);
      expect(await store.getUsage(accountId)).toEqual({ recordBytes: 20, blobBytes: 0, reservedBytes: 0, backupBytes: 0 });
    });

    it('serialises concurrent batches on one account: gap-free seqs and a valid chain', async () => {
      const accountId = await newAccount();
      const otherId = await newAccount();
      const batches = Array.from({ length: 24 }, (_, b) => Array.from({ length: 5 }, (_, n) => write(`b${b}-r${n}`, 1, `${b}:${n}`)));
      const outcomes = await Promise.all([
        ...batches.map((batch) => store.putRecords(accountId, batch, options())),
        ...batches.map((batch) => store.putRecords(otherId, batch, options())),
      ]);
      const seqs = outcomes.slice(0, batches.length).flatMap((outcome) => (outcome.ok ? outcome.results.map((r) => (r.status === 'accepted' ? r.seq : -1)) : []));
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, n) => n + 1));
      for (const account of [accountId, otherId]) {
        const { entries, head } = await readAll(account);
        expect(entries).toHaveLength(120);
        expectValidChain(entries, head);
      }
    });

    it('lets exactly one of concurrent writes of the same version win', async () => {
      const accountId = await newAccount();
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, n) => store.putRecords(accountId, [write('same', 1, `v${n}`)], options())));
      const statuses = outcomes.map((outcome) => (outcome.ok ? outcome.results[0]?.status : 'refused'));
      expect(statuses.filter((status) => status === 'accepted')).toHaveLength(1);
      expect(statuses.filter((status) => status === 'conflict')).toHaveLength(7);
    });

    it('reserves quota for uploads, even under concurrency, and turns a reservation into a blob', async () => {
      const accountId = await newAccount('pro');
      const tries = await Promise.all(Array.from({ length: 8 }, () => store.createUpload({ id: id(), accountId, totalSize: 30, createdAt: T0 }, 100)));
      expect(tries.filter((outcome) => outcome === 'created')).toHaveLength(3);
      expect((await store.getUsage(accountId)).reservedBytes).toBe(90);

      const uploadId = id();
      const accountB = await newAccount('pro');
      expect(await store.createUpload({ id: uploadId, accountId: accountB, totalSize: 50, createdAt: T0 }, 100)).toBe('created');
      expect(await store.getUpload(accountB, uploadId)).toEqual({ id: uploadId, accountId: accountB, totalSize: 50, createdAt: T0, completedAt: null });
      expect(await store.getUpload(accountId, uploadId)).toBeNull();
      await store.completeUpload(accountB, uploadId, { id: uploadId, accountId: accountB, size: 50, sha256: 'f'.repeat(64), createdAt: T0 + 1 });
      await store.completeUpload(accountB, uploadId, { id: uploadId, accountId: accountB, size: 50, sha256: 'f'.repeat(64), createdAt: T0 + 2 });
      expect(await store.getUsage(accountB)).toEqual({ recordBytes: 0, blobBytes: 50, reservedBytes: 0, backupBytes: 0 });
      expect((await store.getUpload(accountB, uploadId))?.completedAt).toBe(T0 + 1);
      expect(await store.getBlob(accountB, uploadId)).toEqual({ id: uploadId, accountId: accountB, size: 50, sha256: 'f'.repeat(64), createdAt: T0 + 1 });

      const dropped = id();
      await store.createUpload({ id: dropped, accountId: accountB, totalSize: 20, createdAt: T0 }, null);
      await store.deleteUpload(accountB, dropped);
      expect(await store.getUpload(accountB, dropped)).toBeNull();
      expect((await store.getUsage(accountB)).reservedBytes).toBe(0);
      expect(await store.deleteBlob(accountB, uploadId)).toBe('deleted');
      expect(await store.deleteBlob(accountB, uploadId)).toBe('not-found');
      expect((await store.getUsage(accountB)).blobBytes).toBe(0);
    });

    it('keeps backups with their blobs and parents, and frees a blob with its last backup', async () => {
      const accountId = await newAccount('pro');
      const blobId = id();
      await store.createUpload({ id: blobId, accountId, totalSize: 10, createdAt: T0 }, null);
      await store.completeUpload(accountId, blobId, { id: blobId, accountId, size: 10, sha256: 'a'.repeat(64), createdAt: T0 });
      const backup = (backupId: string, parentId: string | null, at: number, manifest = 4) => ({
        id: backupId,
        accountId,
        blobId,
        kind: parentId ? ('incremental' as const) : ('full' as const),
        parentId,
        manifestCiphertext: new Uint8Array(manifest),
        createdAt: at,
      });
      expect(await store.createBackup({ ...backup('x', null, T0), blobId: 'missing' }, null)).toBe('blob-missing');
      expect(await store.createBackup(backup('x', 'nope', T0), null)).toBe('parent-missing');
      expect(await store.createBackup(backup('full1', null, T0), null)).toBe('created');
      expect(await store.createBackup(backup('inc1', 'full1', T0 + 1), null)).toBe('created');
      expect(await store.createBackup(backup('big', null, T0 + 2, 100), 50)).toBe('quota-exceeded');
      expect((await store.listBackups(accountId)).map((row) => row.id)).toEqual(['full1', 'inc1']);
      expect(await store.getBackup(accountId, 'inc1')).toEqual(backup('inc1', 'full1', T0 + 1));
      expect(await store.deleteBlob(accountId, blobId)).toBe('in-use');
      expect((await store.getUsage(accountId)).backupBytes).toBe(8);

      expect(await store.deleteBackup(accountId, 'full1')).toEqual({ blobId, blobRemoved: false });
      expect((await store.getBackup(accountId, 'inc1'))?.parentId).toBeNull();
      expect(await store.deleteBackup(accountId, 'inc1')).toEqual({ blobId, blobRemoved: true });
      expect(await store.deleteBackup(accountId, 'inc1')).toBeNull();
      expect(await store.getBlob(accountId, blobId)).toBeNull();
      expect(await store.getUsage(accountId)).toEqual({ recordBytes: 0, blobBytes: 0, reservedBytes: 0, backupBytes: 0 });
    });

    it('applies a Stripe event once, even when it is delivered twice at the same time', async () => {
      const accountId = await newAccount('free');
      const eventId = `evt_${id()}`;
      const change = { accountId, billing: { tier: 'pro' as const, stripeCustomerId: 'cus_x' } };
      const outcomes = await Promise.all([store.applyStripeEvent(eventId, T0, change), store.applyStripeEvent(eventId, T0, change)]);
      expect([...outcomes].sort()).toEqual(['applied', 'duplicate']);
      await store.updateBilling(accountId, { tier: 'free' });
      expect(await store.applyStripeEvent(eventId, T0 + 1, change)).toBe('duplicate');
      expect((await store.getAccount(accountId))?.tier).toBe('free');
      expect(await store.applyStripeEvent(`evt_${id()}`, T0, null)).toBe('applied');
    });

    it('counts stored bytes across accounts', async () => {
      const before = await store.totalStoredBytes();
      const accountId = await newAccount();
      await store.putRecords(accountId, [write('z', 1, new Uint8Array(33))], options());
      expect(await store.totalStoredBytes()).toBe(before + 33);
      await store.ping();
    });

    it('keeps everything across a restart (a second store on the same storage)', async () => {
      const accountId = await newAccount();
      await store.putRecords(accountId, [write('p', 1, 'persist')], options());
      const again = await open();
      try {
        const { entries, head } = await again.readFeed(accountId, 0, 10);
        expectValidChain(entries, head);
        expect(new TextDecoder().decode(entries[0]?.ciphertext ?? new Uint8Array())).toBe('persist');
        const next = await again.putRecords(accountId, [write('p', 2, 'next')], options());
        expect(next.ok && next.head.seq).toBe(2);
      } finally {
        await again.close();
      }
    });
  });
}
