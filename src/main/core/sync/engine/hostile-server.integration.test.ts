import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedResponse } from '../../../../shared/cloud/records';
import { doc } from '../../../testing/test-core';
import { syncedContents } from '../../../testing/sync-convergence';
import { startHostileProxy, type FeedTamper, type HostileProxy } from '../../../testing/hostile-proxy';
import { createSyncClient, joinAccount, setUpFirstDevice, startTestCloud, syncAll, type SyncClient, type TestCloud } from '../../../testing/sync-clients';

let cloud: TestCloud;
let proxy: HostileProxy;
let victim: SyncClient;
let other: SyncClient;
const email = 'writer@example.com';

beforeEach(async () => {
  cloud = await startTestCloud();
  proxy = await startHostileProxy(cloud.url);
  victim = createSyncClient('Victim');
  other = createSyncClient('Other');
});
afterEach(async () => {
  victim.dispose();
  other.dispose();
  await proxy.close();
  await cloud.dispose();
});

/** The victim (through the proxy) and another device share a book; the victim then edits, the other edits more. */
async function shareABook() {
  await setUpFirstDevice(victim, proxy.url, email);
  const project = await victim.call('project.create', { title: 'Honest start' });
  const chapter = await victim.call('chapter.create', { projectId: project.id, title: 'One' });
  const scene = await victim.call('scene.create', { chapterId: chapter.id, title: 'First' });
  await victim.call('scene.save', { id: scene.id, content: doc('Plain text.'), baseRevision: scene.revision });
  await joinAccount(other, cloud.url, email);
  await syncAll([victim, other]);
  await victim.call('project.update', { id: project.id, title: 'Victim edit' });
  // One round: the victim's upload is acknowledged but not yet seen back in the feed.
  await syncAll([victim], 1);
  await other.call('scene.update', { id: scene.id, title: 'Other edit' });
  await other.call('chapter.update', { id: chapter.id, title: 'Other chapter edit' });
  await other.call('project.update', { id: project.id, genre: 'Other genre' });
  await syncAll([other]);
  return { project, chapter, scene };
}

async function expectRefused(tamper: FeedTamper, said: RegExp) {
  const before = syncedContents(victim);
  proxy.tamper = tamper;
  const status = await victim.call('sync.now', {});
  expect(status.phase).toBe('error');
  expect(status.problem?.code).toBe('SYNC_SERVER_TAMPERED');
  expect(status.problem?.message).toMatch(said);
  // Nothing was applied: the victim's data is as it was.
  expect(syncedContents(victim)).toEqual(before);
}

const swapFirstTwo = (page: FeedResponse): FeedResponse => {
  const [first, second, ...rest] = page.entries;
  return first && second ? { ...page, entries: [second, first, ...rest] } : page;
};

describe('a hostile sync server', () => {
  it('is caught reordering the feed (the hash chain breaks)', async () => {
    await shareABook();
    await expectRefused((page) => swapFirstTwo(page), /out of order|does not chain/);
  }, 60_000);

  it('is caught reordering even when it re-chains the feed to match', async () => {
    await shareABook();
    await expectRefused((page, after, p) => p.rechain(swapFirstTwo(page), after), /out of order/);
  }, 60_000);

  it('is caught withholding a change (dropped and re-chained)', async () => {
    await shareABook();
    await expectRefused((page, after, p) => p.rechain({ ...page, entries: page.entries.slice(1) }, after), /withheld/);
  }, 60_000);

  it('is caught withholding a record this device uploaded and the server acknowledged', async () => {
    await shareABook();
    // The victim's own upload is the first change it has not pulled: drop it, renumber the rest over it, re-chain.
    await expectRefused((page, after, p) => {
      const kept = page.entries.slice(1).map((entry, index) => ({ ...entry, seq: after + 1 + index }));
      return p.rechain({ ...page, entries: kept }, after);
    }, /uploaded/);
  }, 60_000);

  it('is caught rolling its head back in time', async () => {
    await shareABook();
    await expectRefused((page, after) => ({ entries: [], head: { seq: Math.max(0, after - 2), hash: '1'.repeat(64) } }), /back in time/);
  }, 60_000);

  it('is caught replaying an old version of a record', async () => {
    const { project } = await shareABook();
    void project;
    await expectRefused((page, after, p) => {
      // An older entry of a record that changed since, appended as if it were new.
      const entries = [...p.seen.values()].sort((x, y) => x.seq - y.seq);
      const old = entries.find((entry) => entry.ciphertext !== null && entries.some((later) => later.id === entry.id && later.version > entry.version));
      if (!old) throw new Error('no superseded entry to replay');
      const replay = { ...old, seq: page.head.seq + 1 };
      return p.rechain({ ...page, entries: [...page.entries, replay] }, after);
    }, /replayed|older version/);
  }, 60_000);

  it('is caught flipping a bit in a ciphertext (hashes recomputed to match)', async () => {
    await shareABook();
    await expectRefused((page, after, p) => {
      const entries = page.entries.map((entry, index) => {
        if (index !== page.entries.length - 1 || entry.ciphertext === null) return entry;
        const bytes = Buffer.from(entry.ciphertext, 'base64');
        bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0x01;
        return { ...entry, ciphertext: bytes.toString('base64') };
      });
      return p.rechain({ ...page, entries }, after);
    }, /does not open/);
  }, 60_000);

  it('syncs again once the server stops lying', async () => {
    await shareABook();
    proxy.tamper = (page) => swapFirstTwo(page);
    expect((await victim.call('sync.now', {})).phase).toBe('error');
    proxy.tamper = null;
    await syncAll([victim]);
    expect(syncedContents(victim)).toEqual(syncedContents(other));
  }, 60_000);
});
