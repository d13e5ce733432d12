import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createTestCore, doc, type TestCore } from '../../../testing/test-core';
import type { RecordState } from './index';

let t: TestCore;
afterEach(() => t.dispose());

const sync = () => t.core.services.syncChanges;
const state = (collection: string, id: string): RecordState => {
  const found = sync().recordState(collection, id);
  if (!found) throw new Error(`no state for ${collection}/${id}`);
  return found;
};
const clockOf = (collection: string, id: string, field: string) => state(collection, id).fields[field]?.hlc ?? '';

async function book() {
  const project = await t.call('project.create', { title: 'The Salt Road' });
  const outline = await t.call('outline.get', { projectId: project.id });
  const chapter = outline.chapters[0];
  const scene = chapter?.scenes[0];
  if (!chapter || !scene) throw new Error('no first chapter or scene');
  return { project, chapterId: chapter.id, sceneId: scene.id };
}

describe('change capture', () => {
  it('gives an inserted record a clock on every synced field, and none on local ones', async () => {
    t = createTestCore();
    const { project, sceneId } = await book();
    const projectState = state('projects', project.id);
    expect(projectState.fields.title).toMatchObject({ value: 'The Salt Road' });
    expect(projectState.fields.title?.hlc).toMatch(new RegExp(`^\\d{15}-\\d{6}-${sync().deviceId}$`));
    const scene = state('scenes', sceneId);
    expect(Object.keys(scene.fields).sort()).toEqual(['_exists', 'chapter_id', 'created_at', 'deleted_at', 'position', 'pov', 'project_id', 'status', 'synopsis', 'title']);
    expect(scene.fields.content).toBeUndefined();
  });

  it('bumps only the clocks of the fields an update changed, and marks the record dirty again', async () => {
    t = createTestCore();
    const { project } = await book();
    const before = state('projects', project.id);
    const { cursor } = sync().dirtyRecordsSince(0, 10_000);
    await t.call('project.update', { id: project.id, genre: 'Fantasy' });
    const after = state('projects', project.id);
    expect(after.fields.genre).toMatchObject({ value: 'Fantasy' });
    expect((after.fields.genre?.hlc ?? '') > (before.fields.genre?.hlc ?? '')).toBe(true);
    expect(after.fields.title?.hlc).toBe(before.fields.title?.hlc);
    const dirty = sync().dirtyRecordsSince(cursor);
    expect(dirty.records.map((record) => record.state.id)).toEqual([project.id]);
  });

  it('captures moves, trash and restore as field changes', async () => {
    t = createTestCore();
    const { project, chapterId, sceneId } = await book();
    const second = await t.call('chapter.create', { projectId: project.id, title: 'Two' });
    const moved = clockOf('scenes', sceneId, 'chapter_id');
    await t.call('scene.move', { id: sceneId, chapterId: second.id, position: 0 });
    expect(state('scenes', sceneId).fields.chapter_id?.value).toBe(second.id);
    expect(clockOf('scenes', sceneId, 'chapter_id') > moved).toBe(true);

    const position = clockOf('chapters', chapterId, 'position');
    await t.call('chapter.move', { id: chapterId, position: 1 });
    expect(clockOf('chapters', chapterId, 'position') > position).toBe(true);

    await t.call('chapter.delete', { id: second.id });
    const trashed = state('chapters', second.id).fields.deleted_at;
    expect(trashed?.value).toEqual(expect.any(Number));
    await t.call('trash.restore', { kind: 'chapter', id: second.id });
    const restored = state('chapters', second.id).fields.deleted_at;
    expect(restored?.value).toBeNull();
    expect((restored?.hlc ?? '') > (trashed?.hlc ?? '')).toBe(true);
  });

  it('does not touch the scene record when only its text is saved (the text is the scene-doc collection)', async () => {
    t = createTestCore();
    const { project, sceneId } = await book();
    const before = state('scenes', sceneId);
    const { cursor } = sync().dirtyRecordsSince(0, 10_000);
    await t.call('scene.save', { id: sceneId, content: doc('A lighthouse, forgotten.'), baseRevision: 0 });
    expect(state('scenes', sceneId)).toEqual(before);
    // The save touches the project's updated_at (the project list's "last edited"): that syncs.
    const dirty = sync().dirtyRecordsSince(cursor).records;
    expect(dirty.map((record) => [record.state.collection, record.state.id])).toEqual([['projects', project.id]]);
  });

  it('leaves tombstones when the trash is emptied, for the record and every record its deletion cascades to', async () => {
    t = createTestCore();
    const { project, chapterId, sceneId } = await book();
    const entry = await t.call('codex.create', { projectId: project.id, kind: 'character', name: 'Mara' });
    await t.call('project.delete', { id: project.id });
    await t.call('trash.empty', { confirm: true });
    for (const [collection, id] of [['projects', project.id], ['chapters', chapterId], ['scenes', sceneId], ['codex-entries', entry.id]] as const) {
      const gone = state(collection, id);
      expect(gone.fields).toEqual({});
      expect(gone.tombstone).toMatch(/^\d{15}-\d{6}-/);
    }
  });

  it('keeps the clock increasing across a restart with the wall clock set back', async () => {
    let now = 2_000_000_000_000;
    const clock = { now: () => now };
    t = createTestCore({ config: { clock } });
    const { project } = await book();
    const first = clockOf('projects', project.id, 'title');
    const dataDir = t.dataDir;
    t.core.close();
    now -= 3_600_000;
    t = createTestCore({ dataDir, config: { clock } });
    await t.call('project.update', { id: project.id, title: 'Later' });
    expect(clockOf('projects', project.id, 'title') > first).toBe(true);
  });

  it('gives rows written before capture existed their first clocks (from their own last change) and marks them for upload', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-sync-old-'));
    const old = openDatabase({ file: path.join(dataDir, 'nova.db') });
    // As a release before capture left it: the row, no sync record (openDatabase alone installs no triggers).
    old.sqlite.prepare('insert into projects (id, title, created_at, updated_at) values (?, ?, ?, ?)').run('11111111-1111-4111-8111-111111111111', 'Old novel', 1_000, 1_700_000_000_000);
    old.close();
    t = createTestCore({ dataDir });
    const restored = state('projects', '11111111-1111-4111-8111-111111111111');
    expect(restored.fields.title).toEqual({ value: 'Old novel', hlc: `001700000000000-000000-${sync().deviceId}` });
    expect(sync().dirtyRecordsSince(0, 10_000).records.map((record) => record.state.id)).toContain('11111111-1111-4111-8111-111111111111');
  });

  it('puts back a capture trigger a table rebuild dropped, at the next start', async () => {
    t = createTestCore();
    const { project } = await book();
    const dataDir = t.dataDir;
    t.core.close();
    const rebuilt = openDatabase({ file: path.join(dataDir, 'nova.db') });
    const names = rebuilt.sqlite.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'projects' and name like 'sync_capture_%'").pluck().all() as string[];
    expect(names).toHaveLength(3);
    for (const name of names) rebuilt.sqlite.exec(`drop trigger ${name}`);
    rebuilt.close();
    t = createTestCore({ dataDir });
    const before = clockOf('projects', project.id, 'title');
    await t.call('project.update', { id: project.id, title: 'Captured again' });
    expect(clockOf('projects', project.id, 'title') > before).toBe(true);
  });

  it('keeps the device id of the data folder across restarts', () => {
    t = createTestCore();
    const id = sync().deviceId;
    expect(id).toMatch(/^[A-Za-z0-9]{8,64}$/);
    const dataDir = t.dataDir;
    t.core.close();
    t = createTestCore({ dataDir });
    expect(sync().deviceId).toBe(id);
  });

  it('lets another connection opened through openDatabase write the synced tables, capturing nothing', async () => {
    t = createTestCore();
    const { project } = await book();
    const other = openDatabase({ file: t.core.info.dbFile });
    other.sqlite.prepare("insert into codex_entries (id, project_id, kind, name, created_at, updated_at) values ('c1', ?, 'lore', 'Salt', 1, 1)").run(project.id);
    other.sqlite.prepare("update codex_entries set name = 'Sea salt' where id = 'c1'").run();
    other.sqlite.prepare("delete from settings where key = 'prefs'").run();
    other.sqlite.prepare("delete from codex_entries where id = 'c1'").run();
    other.close();
    expect(sync().recordState('codex-entries', 'c1')).toBeNull();
  });
});
