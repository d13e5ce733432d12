import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../shared/ipc/events';
import { createTestCore, type TestCore } from '../../../testing/test-core';
import type { RecordState } from './index';

const cores: TestCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.dispose();
});
const device = () => {
  const core = createTestCore({ config: { textWorker: null } });
  cores.push(core);
  return core;
};
const sync = (t: TestCore) => t.core.services.syncChanges;
const dirtyStates = (t: TestCore): RecordState[] => sync(t).dirtyRecordsSince(0, 100_000).records.map((record) => record.state);
const ofCollection = (states: RecordState[], collection: string) => states.filter((state) => state.collection === collection);

/** Everything `from` has not uploaded yet, applied on `to`. */
const exchange = (from: TestCore, to: TestCore) => sync(to).applyRemoteStates(dirtyStates(from));

describe('applying remote states', () => {
  it('creates the records of another device, with defaults for local columns, and tells open views', async () => {
    const [a, b] = [device(), device()];
    const project = await a.call('project.create', { title: 'The Salt Road' });
    await a.call('codex.create', { projectId: project.id, kind: 'character', name: 'Mara' });
    const seen: EventName[] = [];
    b.core.events.subscribe((name) => seen.push(name));
    const result = exchange(a, b);
    expect(result.parked).toBe(0);
    expect(result.applied).toBeGreaterThanOrEqual(4);
    const outline = await b.call('outline.get', { projectId: project.id });
    expect(outline.chapters[0]?.scenes[0]?.title).toBe('Scene 1');
    const scene = await b.call('scene.get', { id: outline.chapters[0]?.scenes[0]?.id ?? '' });
    expect(scene.content).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect((await b.call('codex.list', { projectId: project.id })).map((entry) => entry.name)).toEqual(['Mara']);
    expect(seen).toEqual(expect.arrayContaining(['project.changed', 'outline.changed', 'codex.changed']));
  });

  it('parks a child whose parent has not arrived, and applies it when the parent does', async () => {
    const [a, b] = [device(), device()];
    const project = await a.call('project.create', { title: 'Parked' });
    const states = dirtyStates(a);
    const children = states.filter((state) => state.collection !== 'projects');
    expect(sync(b).applyRemoteStates(children).parked).toBe(children.length);
    await expect(b.call('outline.get', { projectId: project.id })).rejects.toThrow(/NOT_FOUND/);
    const later = sync(b).applyRemoteStates(ofCollection(states, 'projects'));
    expect(later.applied).toBe(1 + children.length);
    expect((await b.call('outline.get', { projectId: project.id })).chapters).toHaveLength(1);
    const parked = new Database(b.core.info.dbFile, { readonly: true });
    expect(parked.prepare('select count(*) from sync_parked').pluck().get()).toBe(0);
    parked.close();
  });

  it('merges concurrent edits per field, the later clock winning the same field, on both devices', async () => {
    const [a, b] = [device(), device()];
    const project = await a.call('project.create', { title: 'First' });
    exchange(a, b);
    await a.call('project.update', { id: project.id, genre: 'Fantasy', title: 'From A' });
    await b.call('project.update', { id: project.id, tone: 'Wry', title: 'From B, later' });
    const fromA = dirtyStates(a);
    const fromB = dirtyStates(b);
    sync(a).applyRemoteStates(fromB);
    sync(b).applyRemoteStates(fromA);
    for (const t of [a, b]) expect(await t.call('project.get', { id: project.id })).toMatchObject({ title: 'From B, later', genre: 'Fantasy', tone: 'Wry' });
    expect(sync(a).recordState('projects', project.id)).toEqual(sync(b).recordState('projects', project.id));
  });

  it('leaves a record dirty when what it merged is newer than what came in, and clean when equal', async () => {
    const [a, b] = [device(), device()];
    const project = await a.call('project.create', { title: 'Dirty' });
    exchange(a, b);
    // b applied exactly what a had: nothing to upload.
    expect(dirtyStates(b)).toEqual([]);
    const stale = sync(b).recordState('projects', project.id);
    if (!stale) throw new Error('no state');
    await a.call('project.update', { id: project.id, title: 'Newer' });
    sync(a).markUploaded(sync(a).dirtyRecordsSince(0, 1000).records.map(({ state, seq }) => ({ collection: state.collection, id: state.id, seq })));
    expect(dirtyStates(a)).toEqual([]);
    // An older copy arrives at a: a knows better, so it uploads the merged state again.
    sync(a).applyRemoteStates([stale]);
    expect(dirtyStates(a).map((state) => state.id)).toEqual([project.id]);
    expect(sync(a).recordState('projects', project.id)?.fields.title?.value).toBe('Newer');
    // The same state as a's arriving at b leaves b clean.
    const current = sync(a).recordState('projects', project.id);
    if (!current) throw new Error('no state');
    sync(b).applyRemoteStates([current]);
    expect(dirtyStates(b)).toEqual([]);
  });

  it('lets a tombstone win over a concurrent edit, deleting the children of the record too', async () => {
    const [a, b] = [device(), device()];
    const project = await a.call('project.create', { title: 'Doomed' });
    exchange(a, b);
    const chapterId = (await b.call('outline.get', { projectId: project.id })).chapters[0]?.id ?? '';
    await a.call('project.delete', { id: project.id });
    await a.call('trash.empty', { confirm: true });
    await b.call('chapter.update', { id: chapterId, title: 'Edited meanwhile' });
    const fromB = dirtyStates(b);
    exchange(a, b);
    sync(a).applyRemoteStates(fromB);
    for (const t of [a, b]) {
      expect((await t.call('project.list', { includeArchived: true })).map((p) => p.id)).not.toContain(project.id);
      expect(sync(t).recordState('chapters', chapterId)?.tombstone).toBeDefined();
    }
  });

  it('syncs the writer preferences row as present/absent, not the local bookkeeping rows of settings', async () => {
    const [a, b] = [device(), device()];
    await a.call('prefs.update', { sessionGoal: 2500 });
    const states = dirtyStates(a).filter((state) => state.collection === 'settings');
    expect(states.map((state) => state.id)).toEqual(['prefs']);
    expect(states[0]?.fields._exists?.value).toBe(1);
    sync(b).applyRemoteStates(states);
    expect((await b.call('prefs.get', {})).sessionGoal).toBe(2500);
  });

  it('brings back, on every device, a record deleted for good that a snapshot restore inserts again', async () => {
    const [a, b] = [device(), device()];
    const project = await a.call('project.create', { title: 'Restored' });
    const sceneId = (await a.call('outline.get', { projectId: project.id })).chapters[0]?.scenes[0]?.id ?? '';
    const snapshot = await a.call('snapshot.create', { scope: 'project', targetId: project.id });
    exchange(a, b);
    await a.call('scene.delete', { id: sceneId });
    await a.call('trash.empty', { projectId: project.id, confirm: true });
    expect(sync(a).recordState('scenes', sceneId)).toMatchObject({ fields: {}, tombstone: expect.any(String) });
    exchange(a, b);
    await expect(b.call('scene.get', { id: sceneId })).rejects.toThrow(/NOT_FOUND/);
    await a.call('snapshot.restore', { id: snapshot.id });
    const back = sync(a).recordState('scenes', sceneId);
    expect(back?.tombstone).toBeDefined();
    expect((back?.fields._exists?.hlc ?? '') > (back?.tombstone ?? '')).toBe(true);
    exchange(a, b);
    expect((await b.call('scene.get', { id: sceneId })).id).toBe(sceneId);
    expect(sync(b).recordState('scenes', sceneId)).toEqual(sync(a).recordState('scenes', sceneId));
  });
});
