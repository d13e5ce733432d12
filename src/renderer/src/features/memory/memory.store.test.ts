import { describe, expect, it, vi } from 'vitest';
import { createFakeApi } from '../../testing/fake-api';
import { memoryEntry, MEMORY_PROJECT, serveMemory } from '../../testing/fake-memory';
import { createMemoryStore } from './memory.store';

describe('memory store', () => {
  it('asks the core with the filters set, and keeps core memory apart from the filtered list', async () => {
    const api = createFakeApi();
    serveMemory(api, [
      memoryEntry({ kind: 'core', content: 'Mara has grey eyes', markers: ['character:Mara'] }),
      memoryEntry({ kind: 'episodic', content: 'Chapter 1: the harbour', markers: ['chapter:1'], source: { type: 'scene', id: '00000000-0000-4000-8000-0000000000f1', range: null } }),
    ]);
    const store = createMemoryStore(api);
    await store.getState().load(MEMORY_PROJECT);
    expect(store.getState().entries).toHaveLength(2);
    expect(store.getState().core.map((e) => e.content)).toEqual(['Mara has grey eyes']);
    expect(store.getState().knownMarkers).toEqual(['chapter:1', 'character:Mara']);

    await store.getState().setFilters(MEMORY_PROJECT, { kinds: ['episodic'], sourceTypes: ['scene'], markers: ['chapter:1'], agent: 'editor' });
    expect(api.inputsOf('memory.list').at(-2)).toEqual({ projectId: MEMORY_PROJECT, includeArchived: false, limit: 500, kinds: ['episodic'], markers: ['chapter:1'], agent: 'editor', sourceTypes: ['scene'] });
    expect(store.getState().entries.map((e) => e.content)).toEqual(['Chapter 1: the harbour']);
    // The core list is never narrowed by the view's filters.
    expect(store.getState().core).toHaveLength(1);
  });

  it('an edit on a stale version comes back as a conflict (not thrown), and the newest version can be fetched', async () => {
    const api = createFakeApi();
    const entry = memoryEntry({ content: 'Mara has grey eyes' });
    const { rows } = serveMemory(api, [entry]);
    const store = createMemoryStore(api);
    await store.getState().load(MEMORY_PROJECT);
    rows.set(entry.id, { ...entry, content: 'Mara has green eyes', version: 2 });

    const result = await store.getState().update(entry.id, 1, { content: 'Mara has storm-grey eyes' });
    expect(result).toEqual({ kind: 'conflict', message: 'This memory was changed elsewhere (now version 2).' });
    expect(rows.get(entry.id)?.content).toBe('Mara has green eyes');

    const latest = await store.getState().fetchLatest(entry.id);
    expect(latest?.version).toBe(2);
    expect(store.getState().entries[0]?.content).toBe('Mara has green eyes');
    const saved = await store.getState().update(entry.id, 2, { content: 'Mara has storm-grey eyes' });
    expect(saved).toMatchObject({ kind: 'saved', entry: { version: 3, content: 'Mara has storm-grey eyes' } });
  });

  it('pins to the top, hides archived memories unless asked, and deletes for good', async () => {
    const api = createFakeApi();
    const a = memoryEntry({ content: 'A', updatedAt: 10 });
    const b = memoryEntry({ content: 'B', updatedAt: 20 });
    serveMemory(api, [a, b]);
    const store = createMemoryStore(api);
    await store.getState().load(MEMORY_PROJECT);
    expect(store.getState().entries.map((e) => e.content)).toEqual(['B', 'A']);

    await store.getState().setPinned(a.id, true);
    expect(store.getState().entries.map((e) => [e.content, e.pinned])).toEqual([
      ['A', true],
      ['B', false],
    ]);

    await store.getState().setArchived(b.id, true);
    expect(store.getState().entries.map((e) => e.content)).toEqual(['A']);
    expect(store.getState().core.map((e) => e.content)).toEqual(['A']);
    await store.getState().setFilters(MEMORY_PROJECT, { includeArchived: true });
    expect(store.getState().entries.map((e) => [e.content, e.archived])).toEqual([
      ['A', false],
      ['B', true],
    ]);

    await store.getState().remove(a.id);
    expect(store.getState().entries.map((e) => e.content)).toEqual(['B']);
    expect(api.inputsOf('memory.delete')).toEqual([{ id: a.id }]);
  });

  it('follows memory.changed while watched and lets go of it after the last watcher', async () => {
    const api = createFakeApi();
    const { rows } = serveMemory(api, []);
    const store = createMemoryStore(api);
    const stopA = store.getState().watch(MEMORY_PROJECT);
    const stopB = store.getState().watch(MEMORY_PROJECT);
    await vi.waitFor(() => expect(store.getState().status).toBe('ready'));
    const added = memoryEntry({ content: 'Keep British spelling' });
    rows.set(added.id, added);
    api.emit('memory.changed', { projectId: MEMORY_PROJECT });
    await vi.waitFor(() => expect(store.getState().core.map((e) => e.content)).toEqual(['Keep British spelling']));
    // A reconnect reads the lists again (a change may have been missed meanwhile).
    const reads = api.inputsOf('memory.list').length;
    rows.clear();
    api.setStatus('open');
    await vi.waitFor(() => expect(store.getState().core).toEqual([]));
    expect(api.inputsOf('memory.list').length).toBeGreaterThan(reads);
    stopA();
    expect(api.listenerCount('memory.changed')).toBe(1);
    stopB();
    expect(api.listenerCount('memory.changed')).toBe(0);
  });
});
