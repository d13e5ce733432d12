import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { ErrorCode } from '../../../shared/ipc/errors';
import { createCodexService, type CodexService } from '../codex';
import { createSnapshotRepo, createSnapshotService } from '../snapshots';
import { createTrashHandlers } from './handlers';
import { callThrough, createFixture, type Fixture } from '../testing/domain-fixture';
import { createTrashRepo } from './trash.repo';
import { createTrashService, type TrashService } from './trash.service';

const notFound = expect.objectContaining({ code: ErrorCode.NOT_FOUND });

describe('trash (real SQLite)', () => {
  let fx: Fixture;
  let trash: TrashService;
  let codex: CodexService;
  let projectId: string;

  beforeEach(() => {
    fx = createFixture();
    const { database, projects, chapters, scenes, sceneIndex, events, clock, ids } = fx;
    trash = createTrashService({ database, projects, chapters, scenes, codex: fx.codex, sceneIndex, trash: createTrashRepo(database.orm), events, clock });
    codex = createCodexService({ database, projects, codex: fx.codex, events, clock, ids });
    projectId = fx.addProject('Tides');
  });
  afterEach(() => fx.close());

  const chapterOrder = (id = projectId) => fx.manuscript.outline(id).chapters.map((c) => `${c.title}@${c.position}`);
  // Titles with their ordinal among the chapter's live scenes (the stored key is fractional).
  const sceneOrder = (chapterId: string) => fx.scenes.listLiveMeta(chapterId).map((s, ordinal) => `${s.title}@${ordinal}`);
  const indexed = (sceneId: string) =>
    (fx.database.sqlite.prepare('select count(*) as n from scene_fts where scene_id = ?').get(sceneId) as { n: number }).n;
  const addEntry = (name: string, id = projectId) => codex.create({ projectId: id, kind: 'lore', name, aliases: [], description: '', profile: {} }).id;

  it('lists trashed projects, or a project’s trashed chapters, scenes and codex entries, newest first', () => {
    const other = fx.addProject('Bells');
    const a = fx.addChapter(projectId, 'Arrival', { Dock: 'x', Gate: 'y' });
    const b = fx.addChapter(projectId, 'Bells', { Tower: 'z' });
    const lore = addEntry('The Flood');
    fx.advance();
    fx.manuscript.deleteScene(a.sceneIds[1] ?? '');
    fx.advance();
    codex.delete(lore);
    fx.advance();
    fx.manuscript.deleteChapter(b.chapterId);
    fx.advance();
    fx.projects.setDeleted(other, fx.clock.now());

    expect(trash.list(projectId).map((i) => `${i.kind}:${i.title}`)).toEqual(['chapter:Bells', 'codex:The Flood', 'scene:Gate']);
    expect(trash.list(projectId)[0]).toMatchObject({ id: b.chapterId, projectId, deletedAt: fx.clock.now() - 1000 });
    expect(trash.list()).toEqual([{ kind: 'project', id: other, projectId: other, title: 'Bells', deletedAt: fx.clock.now() }]);
    expect(() => trash.list(fx.ids.newId())).toThrow(notFound);
  });

  it('puts a chapter back at its old place, clamped to the end, renumbering densely', () => {
    const a = fx.addChapter(projectId, 'A');
    fx.addChapter(projectId, 'B');
    const c = fx.addChapter(projectId, 'C');
    fx.manuscript.deleteChapter(c.chapterId);
    fx.manuscript.deleteChapter(a.chapterId);
    expect(chapterOrder()).toEqual(['B@0']);

    trash.restore({ kind: 'chapter', id: c.chapterId });
    expect(chapterOrder()).toEqual(['B@0', 'C@1']);
    trash.restore({ kind: 'chapter', id: a.chapterId });
    expect(chapterOrder()).toEqual(['A@0', 'B@1', 'C@2']);
    expect(fx.emitted.at(-1)).toEqual({ name: 'outline.changed', payload: { projectId } });
  });

  it('puts a scene back at its old place in its chapter', () => {
    const a = fx.addChapter(projectId, 'A', { One: '1', Two: '2', Three: '3' });
    fx.manuscript.deleteScene(a.sceneIds[1] ?? '');
    expect(sceneOrder(a.chapterId)).toEqual(['One@0', 'Three@1']);
    trash.restore({ kind: 'scene', id: a.sceneIds[1] ?? '' });
    expect(sceneOrder(a.chapterId)).toEqual(['One@0', 'Two@1', 'Three@2']);
  });

  it('restores a scene of a trashed chapter together with its chapter', () => {
    const a = fx.addChapter(projectId, 'A', { One: '1', Two: '2' });
    fx.addChapter(projectId, 'B', { Three: '3' });
    fx.manuscript.deleteScene(a.sceneIds[0] ?? '');
    fx.manuscript.deleteChapter(a.chapterId);
    trash.restore({ kind: 'scene', id: a.sceneIds[0] ?? '' });
    expect(chapterOrder()).toEqual(['A@0', 'B@1']);
    expect(sceneOrder(a.chapterId)).toEqual(['One@0', 'Two@1']);
    expect(trash.list(projectId)).toEqual([]);
  });

  it('restores codex entries and projects with their events', () => {
    const lore = addEntry('The Flood');
    codex.delete(lore);
    trash.restore({ kind: 'codex', id: lore });
    expect(codex.list(projectId).map((e) => e.id)).toEqual([lore]);
    expect(fx.emitted.at(-1)).toEqual({ name: 'codex.changed', payload: { projectId } });

    fx.projects.setDeleted(projectId, fx.clock.now());
    trash.restore({ kind: 'project', id: projectId });
    expect(fx.projects.findLive(projectId)).toBeDefined();
    expect(fx.emitted.at(-1)).toEqual({ name: 'project.changed', payload: { projectId } });
  });

  it('refuses items that are gone for good, and items whose project is in the trash', () => {
    const a = fx.addChapter(projectId, 'A', { One: '1' });
    expect(() => trash.restore({ kind: 'scene', id: fx.ids.newId() })).toThrow(notFound);
    fx.manuscript.deleteScene(a.sceneIds[0] ?? '');
    trash.empty(projectId);
    expect(() => trash.restore({ kind: 'scene', id: a.sceneIds[0] ?? '' })).toThrow(notFound);
    fx.manuscript.deleteChapter(a.chapterId);
    fx.projects.setDeleted(projectId, fx.clock.now());
    expect(() => trash.restore({ kind: 'chapter', id: a.chapterId })).toThrow(expect.objectContaining({ code: ErrorCode.CONFLICT }));
    expect(fx.chapters.findAny(a.chapterId)?.deletedAt).not.toBeNull();
  });

  it('restoring an item that is already back (a stale Undo) changes nothing and is no error', () => {
    const a = fx.addChapter(projectId, 'A', { One: '1', Two: '2' });
    const lore = addEntry('The Flood');
    const sceneId = a.sceneIds[1] ?? '';
    fx.manuscript.deleteScene(sceneId);
    trash.restore({ kind: 'scene', id: sceneId });
    const emitted = fx.emitted.length;

    trash.restore({ kind: 'scene', id: sceneId });
    trash.restore({ kind: 'chapter', id: a.chapterId });
    trash.restore({ kind: 'codex', id: lore });
    trash.restore({ kind: 'project', id: projectId });
    expect(sceneOrder(a.chapterId)).toEqual(['One@0', 'Two@1']);
    expect(codex.list(projectId).map((e) => e.id)).toEqual([lore]);
    expect(fx.emitted.length).toBe(emitted);
  });

  it('restoring a live scene of a trashed chapter brings the chapter back', () => {
    const a = fx.addChapter(projectId, 'A', { One: '1' });
    fx.manuscript.deleteChapter(a.chapterId);
    trash.restore({ kind: 'scene', id: a.sceneIds[0] ?? '' });
    expect(chapterOrder()).toEqual(['A@0']);
    expect(sceneOrder(a.chapterId)).toEqual(['One@0']);
  });

  it('empties a project’s trash: rows and index entries go, everything else stays', () => {
    const a = fx.addChapter(projectId, 'A', { Kept: 'harbour lights', Binned: 'drowned bells' });
    const b = fx.addChapter(projectId, 'B', { Inside: 'ravens circling', AlsoTrashed: 'ashen sky' });
    const [kept = '', binned = ''] = a.sceneIds;
    const [inside = '', alsoTrashed = ''] = b.sceneIds;
    const keptEntry = addEntry('Kept lore');
    const binnedEntry = addEntry('Binned lore');
    const other = fx.addProject('Other');
    const otherChapter = fx.addChapter(other, 'Other A', { Elsewhere: 'drowned elsewhere' });
    fx.manuscript.deleteChapter(otherChapter.chapterId);
    const snapshots = createSnapshotService({ ...fx, snapshots: createSnapshotRepo(fx.database.orm) });
    snapshots.create({ scope: 'project', targetId: projectId, label: 'kept' });

    fx.manuscript.deleteScene(binned);
    fx.manuscript.deleteScene(alsoTrashed);
    fx.manuscript.deleteChapter(b.chapterId);
    codex.delete(binnedEntry);
    expect(trash.list(projectId)).toHaveLength(4);

    expect(trash.empty(projectId)).toEqual({ removed: 4 });
    expect(trash.list(projectId)).toEqual([]);
    for (const id of [binned, inside, alsoTrashed]) {
      expect(fx.scenes.findAny(id)).toBeUndefined();
      expect(indexed(id)).toBe(0);
    }
    expect(fx.chapters.findAny(b.chapterId)).toBeUndefined();
    expect(fx.codex.findAny(binnedEntry)).toBeUndefined();
    expect(fx.codex.findLive(keptEntry)).toBeDefined();
    expect(fx.scenes.findLive(kept)).toBeDefined();
    expect(fx.sceneIndex.search(projectId, 'harbour', 10).map((h) => h.sceneId)).toEqual([kept]);
    expect(fx.count('snapshots')).toBe(1);
    expect(trash.list(other)).toHaveLength(1);
    expect(indexed(otherChapter.sceneIds[0] ?? '')).toBe(1);
    expect(fx.emitted.at(-1)).toEqual({ name: 'project.changed', payload: { projectId } });
  });

  it('empties the trashed projects with everything in them, and only them', () => {
    const doomed = fx.addProject('Doomed');
    const d = fx.addChapter(doomed, 'D', { One: 'doomed words', Two: 'more doomed' });
    addEntry('Doomed lore', doomed);
    createSnapshotService({ ...fx, snapshots: createSnapshotRepo(fx.database.orm) }).create({ scope: 'project', targetId: doomed, label: '' });
    const live = fx.addChapter(projectId, 'Live', { Stays: 'safe words' });
    const liveTrashed = fx.addChapter(projectId, 'Live but trashed');
    fx.manuscript.deleteChapter(liveTrashed.chapterId);
    fx.projects.setDeleted(doomed, fx.clock.now());

    expect(trash.empty()).toEqual({ removed: 1 });
    expect(fx.projects.findAny(doomed)).toBeUndefined();
    expect(fx.chapters.findAny(d.chapterId)).toBeUndefined();
    expect(d.sceneIds.map(indexed)).toEqual([0, 0]);
    expect(fx.count('scenes')).toBe(1);
    expect(fx.count('codex_entries')).toBe(0);
    expect(fx.count('snapshots')).toBe(0);
    expect(fx.count('scene_fts')).toBe(1);
    expect(fx.scenes.findLive(live.sceneIds[0] ?? '')).toBeDefined();
    expect(trash.list(projectId).map((i) => i.title)).toEqual(['Live but trashed']);
    expect(fx.emitted.at(-1)).toEqual({ name: 'project.changed', payload: { projectId: null } });
  });

  it('serves the contract through its handlers, and emptying demands confirmation', async () => {
    const a = fx.addChapter(projectId, 'A', { One: '1' });
    fx.manuscript.deleteScene(a.sceneIds[0] ?? '');
    const handlers = createTrashHandlers(trash);
    expect(await callThrough(handlers['trash.list'], 'trash.list', { projectId })).toHaveLength(1);
    expect(await callThrough(handlers['trash.list'], 'trash.list', {})).toEqual([]);
    expect(await callThrough(handlers['trash.restore'], 'trash.restore', { kind: 'scene', id: a.sceneIds[0] })).toEqual({ ok: true });
    expect(contract['trash.empty'].input.safeParse({ projectId }).success).toBe(false);
    expect(await callThrough(handlers['trash.empty'], 'trash.empty', { projectId, confirm: true })).toEqual({ removed: 0 });
  });
});
