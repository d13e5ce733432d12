import { describe, expect, it } from 'vitest';
import type { DocNode } from '../../../../shared/models/document';
import { createCrashJournal, journalIsNewer, type JournalBlobStore, type JournalStorage } from './crash-journal';

function memoryStorage(): JournalStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** localStorage as browsers have it: a few megabytes, then QuotaExceededError. */
function quotaStorage(maxChars: number): JournalStorage & { map: Map<string, string> } {
  const storage = memoryStorage();
  return {
    ...storage,
    setItem: (key, value) => {
      if (value.length > maxChars) throw new Error('QuotaExceededError');
      storage.setItem(key, value);
    },
  };
}

/** IndexedDB's part: an asynchronous store with room for big texts. */
function memoryBlobs(): JournalBlobStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: async (key) => map.get(key) ?? null,
    set: async (key, value) => void map.set(key, value),
    remove: async (key) => void map.delete(key),
  };
}

const doc = (text: string): DocNode => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const SCENE = '6b0f6a3e-3f57-4a8e-9b8e-0d7f1d7f2a11';

describe('crash journal', () => {
  it('writes, reads and clears a copy per scene', async () => {
    const storage = memoryStorage();
    const journal = createCrashJournal(storage);
    journal.write({ sceneId: SCENE, content: doc('hello'), baseRevision: 3, writtenAt: 100 });
    expect(await journal.read(SCENE)).toEqual({ sceneId: SCENE, content: doc('hello'), baseRevision: 3, writtenAt: 100 });
    journal.clear(SCENE);
    expect(await journal.read(SCENE)).toBeNull();
  });

  it('ignores corrupt entries and survives a failing storage', async () => {
    const storage = memoryStorage();
    storage.map.set(`nova.journal.${SCENE}`, '{not json');
    expect(await createCrashJournal(storage).read(SCENE)).toBeNull();
    const broken: JournalStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    const journal = createCrashJournal(broken);
    expect(() => journal.write({ sceneId: SCENE, content: doc('x'), baseRevision: 1, writtenAt: 1 })).not.toThrow();
    expect(await journal.read(SCENE)).toBeNull();
  });

  it('keeps a text too big for localStorage in the blob store, and the newest copy wins', async () => {
    const storage = quotaStorage(1_000);
    const blobs = memoryBlobs();
    const journal = createCrashJournal(storage, blobs);
    journal.write({ sceneId: SCENE, content: doc('small first'), baseRevision: 1, writtenAt: 10 });
    const big = doc('word '.repeat(2_000));
    journal.write({ sceneId: SCENE, content: big, baseRevision: 1, writtenAt: 20 });
    expect(await journal.read(SCENE)).toEqual({ sceneId: SCENE, content: big, baseRevision: 1, writtenAt: 20 });
    expect(blobs.map.size).toBe(1);

    // Back under the quota: the small copy is newer, and the big one is let go.
    journal.write({ sceneId: SCENE, content: doc('trimmed'), baseRevision: 1, writtenAt: 30 });
    expect(await journal.read(SCENE)).toMatchObject({ content: doc('trimmed'), writtenAt: 30 });
    expect(blobs.map.size).toBe(0);

    journal.write({ sceneId: SCENE, content: big, baseRevision: 1, writtenAt: 40 });
    journal.clear(SCENE);
    expect(await journal.read(SCENE)).toBeNull();
    expect(blobs.map.size).toBe(0);
    expect(storage.map.size).toBe(0);
  });

  it('finds a big copy left by an earlier page, and removes it when cleared', async () => {
    const storage = quotaStorage(1_000);
    const blobs = memoryBlobs();
    const big = doc('word '.repeat(2_000));
    createCrashJournal(storage, blobs).write({ sceneId: SCENE, content: big, baseRevision: 4, writtenAt: 50 });
    const later = createCrashJournal(storage, blobs);
    await expect.poll(() => later.read(SCENE)).toEqual({ sceneId: SCENE, content: big, baseRevision: 4, writtenAt: 50 });
    later.clear(SCENE);
    expect(await later.read(SCENE)).toBeNull();
    expect(blobs.map.size).toBe(0);
  });

  it('offers recovery for a copy whose text the core does not have, even when the scene was stored after it', () => {
    const entry = { sceneId: SCENE, content: doc('unsaved'), baseRevision: 2, writtenAt: 200 };
    expect(journalIsNewer(entry, { revision: 2, updatedAt: 100, content: doc('saved') })).toBe(true);
    // Another window's save (a conflict left open), or a save of the words before the last ones.
    expect(journalIsNewer(entry, { revision: 3, updatedAt: 300, content: doc('saved') })).toBe(true);
    expect(journalIsNewer(entry, { revision: 3, updatedAt: 300, content: doc('unsaved') })).toBe(false);
    expect(journalIsNewer(entry, { revision: 2, updatedAt: 100, content: doc('unsaved') })).toBe(false);
    expect(journalIsNewer(null, { revision: 2, updatedAt: 100, content: doc('saved') })).toBe(false);
  });
});
