import { describe, expect, it } from 'vitest';
import type { CodexEntry } from '../../../../shared/models/codex';
import { createFakeApi } from '../../testing/fake-api';
import { createCodexStore } from './codex.store';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const OTHER_PROJECT = '00000000-0000-4000-8000-000000000002';

function entry(id: string, name: string): CodexEntry {
  return { id, projectId: PROJECT, kind: 'character', name, aliases: [], description: '', profile: {}, createdAt: 1, updatedAt: 1 };
}
const mara = entry('00000000-0000-4000-8000-00000000000a', 'Mara');
const tobias = entry('00000000-0000-4000-8000-00000000000b', 'Tobias');

describe('codex store against a fake client', () => {
  it('loads a project’s entries and moves one to the trash', async () => {
    const api = createFakeApi({ 'codex.list': [mara, tobias], 'codex.delete': { ok: true } });
    const store = createCodexStore(api);

    await store.getState().load(PROJECT);
    expect(store.getState()).toMatchObject({ projectId: PROJECT, status: 'ready', entries: [mara, tobias] });

    await store.getState().remove(mara.id);
    expect(api.inputsOf('codex.delete')).toEqual([{ id: mara.id }]);
    expect(store.getState().entries).toEqual([tobias]);
  });

  it('shows the core’s sentence when loading fails', async () => {
    const store = createCodexStore(createFakeApi());
    await store.getState().load(PROJECT);
    expect(store.getState()).toMatchObject({ status: 'error', error: 'The fake API has no answer for codex.list.' });
  });

  it('follows codex.changed for the watched project while watched, and lets go after', async () => {
    const api = createFakeApi({ 'codex.list': [mara] });
    const store = createCodexStore(api);
    const release = [store.getState().watch(PROJECT), store.getState().watch(PROJECT)];
    await expect.poll(() => store.getState().status).toBe('ready');
    expect(api.listenerCount('codex.changed')).toBe(1);

    api.answer('codex.list', [mara, tobias]);
    api.emit('codex.changed', { projectId: OTHER_PROJECT });
    api.emit('codex.changed', { projectId: PROJECT });
    await expect.poll(() => store.getState().entries).toEqual([mara, tobias]);
    expect(api.inputsOf('codex.list').map((input) => input.projectId)).toEqual([PROJECT, PROJECT]);

    for (const off of release) off();
    expect(api.listenerCount('codex.changed')).toBe(0);
  });

  it('keeps each store’s state to itself', async () => {
    const first = createCodexStore(createFakeApi({ 'codex.list': [mara] }));
    const second = createCodexStore(createFakeApi({ 'codex.list': [tobias] }));
    await Promise.all([first.getState().load(PROJECT), second.getState().load(PROJECT)]);
    expect(first.getState().entries).toEqual([mara]);
    expect(second.getState().entries).toEqual([tobias]);
  });
});
