import { describe, expect, it } from 'vitest';
import type { DocNode } from '../../../../shared/models/document';
import { createCrashJournal, journalIsNewer, type JournalStorage } from './crash-journal';

function memoryStorage(): JournalStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const doc = (text: string): DocNode => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const SCENE = '6b0f6a3e-3f57-4a8e-9b8e-0d7f1d7f2a11';

describe('crash journal', () => {
  it('writes, reads and clears a copy per scene', () => {
    const storage = memoryStorage();
    const journal = createCrashJournal(storage);
    journal.write({ sceneId: SCENE, content: doc('hello'), baseRevision: 3, writtenAt: 100 });
    expect(journal.read(SCENE)).toEqual({ sceneId: SCENE, content: doc('hello'), baseRevision: 3, writtenAt: 100 });
    journal.clear(SCENE);
    expect(journal.read(SCENE)).toBeNull();
  });

  it('ignores corrupt entries and survives a failing storage', () => {
    const storage = memoryStorage();
    storage.map.set(`nova.journal.${SCENE}`, '{not json');
    expect(createCrashJournal(storage).read(SCENE)).toBeNull();
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
    expect(journal.read(SCENE)).toBeNull();
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
