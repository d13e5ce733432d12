import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/ipc/errors';
import type { DocNode } from '../../../shared/models/document';
import { plainTextToDocument } from '../manuscript';
import { callThrough, createFixture, type Fixture } from '../testing/domain-fixture';
import { createSnapshotHandlers } from './handlers';
import { createSnapshotRepo } from './snapshot.repo';
import { createSnapshotService, type SnapshotService } from './snapshot.service';

const notFound = expect.objectContaining({ code: ErrorCode.NOT_FOUND });

describe('snapshots (real SQLite)', () => {
  let fx: Fixture;
  let service: SnapshotService;
  let projectId: string;

  beforeEach(() => {
    fx = createFixture();
    service = createSnapshotService({
      database: fx.database,
      projects: fx.projects,
      chapters: fx.chapters,
      scenes: fx.scenes,
      snapshots: createSnapshotRepo(fx.database.orm),
      events: fx.events,
      clock: fx.clock,
      ids: fx.ids,
    });
    projectId = fx.addProject();
  });
  afterEach(() => fx.close());

  /** The live manuscript as titles and texts, in order. */
  const manuscript = () =>
    fx.manuscript.outline(projectId).chapters.map((c) => ({ chapter: c.title, scenes: c.scenes.map((s) => `${s.title}: ${fx.textOf(s.id)}`) }));
  const search = (query: string) => fx.sceneIndex.search(projectId, query, 20).map((hit) => hit.sceneId);
  /** Removes a scene for good, as emptying the trash does. */
  const purgeScene = (id: string) => {
    fx.database.sqlite.prepare('delete from scenes where id = ?').run(id);
    fx.sceneIndex.remove(id);
  };

  it('captures a scene, a chapter and a project with their word counts', () => {
    const a = fx.addChapter(projectId, 'Arrival', { Dock: 'The ship came in.', Gate: 'Two guards waited' });
    fx.addChapter(projectId, 'Bells', { Tower: 'One bell rang' });
    const scene = service.create({ scope: 'scene', targetId: a.sceneIds[0] ?? '', label: 'just the dock' });
    fx.advance();
    const chapter = service.create({ scope: 'chapter', targetId: a.chapterId, label: '' });
    fx.advance();
    const project = service.create({ scope: 'project', targetId: projectId, label: 'first draft' });

    expect([scene.wordCount, chapter.wordCount, project.wordCount]).toEqual([4, 7, 10]);
    expect(scene).toMatchObject({ projectId, scope: 'scene', label: 'just the dock' });
    expect(service.list({ projectId }).map((s) => s.id)).toEqual([project.id, chapter.id, scene.id]);
    expect(service.list({ projectId, scope: 'chapter' }).map((s) => s.id)).toEqual([chapter.id]);
    expect(service.list({ projectId, targetId: a.sceneIds[0] }).map((s) => s.id)).toEqual([scene.id]);
    expect(fx.emitted.filter((e) => e.name === 'snapshot.changed')).toHaveLength(3);

    expect(service.preview(project.id).scenes).toEqual([
      { sceneId: a.sceneIds[0], chapterTitle: 'Arrival', title: 'Dock', text: 'The ship came in.', content: plainTextToDocument('The ship came in.') },
      { sceneId: a.sceneIds[1], chapterTitle: 'Arrival', title: 'Gate', text: 'Two guards waited', content: plainTextToDocument('Two guards waited') },
      expect.objectContaining({ chapterTitle: 'Bells', title: 'Tower', text: 'One bell rang' }),
    ]);
    expect(service.preview(scene.id).scenes).toEqual([expect.objectContaining({ chapterTitle: 'Arrival', title: 'Dock' })]);
  });

  it('previews each scene’s document with its formatting, through the contract', async () => {
    const a = fx.addChapter(projectId, 'Arrival', { Dock: '' });
    const sceneId = a.sceneIds[0] ?? '';
    const content: DocNode = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Plain, ' },
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' and ' },
            { type: 'text', text: 'italic', marks: [{ type: 'italic' }] },
          ],
        },
      ],
    };
    await fx.manuscript.saveScene({ id: sceneId, content, baseRevision: fx.manuscript.getScene(sceneId).revision });
    const snap = service.create({ scope: 'scene', targetId: sceneId, label: '' });
    const preview = await callThrough(createSnapshotHandlers(service)['snapshot.preview'], 'snapshot.preview', { id: snap.id });
    expect(preview.scenes[0]?.content).toEqual(content);
    expect(preview.scenes[0]?.text).toBe('Plain, bold and italic');
  });

  it('refuses unknown or trashed targets and hides snapshots of trashed projects', () => {
    const a = fx.addChapter(projectId, 'Arrival', { Dock: 'Text' });
    const unknown = fx.ids.newId();
    expect(() => service.create({ scope: 'scene', targetId: unknown, label: '' })).toThrow(notFound);
    expect(() => service.create({ scope: 'project', targetId: unknown, label: '' })).toThrow(notFound);
    expect(() => service.preview(unknown)).toThrow(notFound);
    expect(() => service.restore(unknown)).toThrow(notFound);
    expect(() => service.delete(unknown)).toThrow(notFound);

    const snap = service.create({ scope: 'chapter', targetId: a.chapterId, label: '' });
    fx.manuscript.deleteChapter(a.chapterId);
    expect(() => service.create({ scope: 'chapter', targetId: a.chapterId, label: '' })).toThrow(notFound);
    // The scene itself is live, but its chapter is in the trash.
    expect(() => service.create({ scope: 'scene', targetId: a.sceneIds[0] ?? '', label: '' })).toThrow(notFound);
    expect(() => service.restore(snap.id)).toThrow(notFound);

    fx.projects.setDeleted(projectId, fx.clock.now());
    expect(() => service.list({ projectId })).toThrow(notFound);
    expect(() => service.preview(snap.id)).toThrow(notFound);
  });

  it('restores a project: text, titles and order come back, later additions go to the trash, and the safety snapshot undoes it', async () => {
    const a = fx.addChapter(projectId, 'Arrival', { Dock: 'The tide came in slowly', Gate: 'Lanterns swung at the gate' });
    const b = fx.addChapter(projectId, 'Bells', { Tower: 'Ravens circled the tower' });
    const [dock = '', gate = ''] = a.sceneIds;
    const [tower = ''] = b.sceneIds;
    const original = manuscript();
    const snap = service.create({ scope: 'project', targetId: projectId, label: 'First draft' });

    fx.advance();
    await fx.write(dock, 'The ocean swallowed the harbour');
    fx.manuscript.updateChapter({ id: a.chapterId, title: 'Departure' });
    fx.manuscript.updateScene({ id: gate, title: 'Portcullis' });
    fx.manuscript.moveChapter({ id: b.chapterId, position: 0 });
    fx.manuscript.moveScene({ id: gate, chapterId: b.chapterId, position: 0 });
    const late = fx.manuscript.createScene({ chapterId: a.chapterId, title: 'Epilogue' }).id;
    const c = fx.addChapter(projectId, 'Coda', { Finale: 'Everything burned' });
    fx.manuscript.deleteScene(tower);
    const changed = manuscript();
    expect(changed).not.toEqual(original);
    const dockRevision = fx.scenes.findAny(dock)?.revision ?? -1;

    fx.advance();
    fx.emitted.length = 0;
    const result = service.restore(snap.id);

    expect(manuscript()).toEqual(original);
    expect(result.restoredSceneIds.sort()).toEqual([dock, gate, tower].sort());
    expect(fx.scenes.findAny(dock)?.revision).toBe(dockRevision + 1);
    expect(fx.scenes.findAny(late)?.deletedAt).toBe(fx.clock.now());
    expect(fx.chapters.findAny(c.chapterId)?.deletedAt).toBe(fx.clock.now());
    expect(search('tide')).toEqual([dock]);
    expect(search('swallowed')).toEqual([]);
    expect(search('Gate')).toEqual([gate]);

    // Only the scene whose text differed is rewritten; the editor reloads on this event.
    const saved = fx.emitted.filter((e) => e.name === 'scene.saved');
    expect(saved.map((e) => e.payload)).toEqual([{ id: dock, revision: dockRevision + 1, wordCount: 5, savedAt: fx.clock.now(), projectId }]);
    expect(fx.emitted.map((e) => e.name)).toEqual(expect.arrayContaining(['snapshot.changed', 'outline.changed']));

    const safety = service.list({ projectId })[0];
    expect(safety).toMatchObject({ id: result.safetySnapshotId, scope: 'project', targetId: projectId, label: 'Before restoring “First draft”' });

    fx.advance();
    service.restore(result.safetySnapshotId);
    expect(manuscript()).toEqual(changed);
    expect(search('swallowed')).toEqual([dock]);
    expect(fx.scenes.findAny(late)?.deletedAt).toBeNull();
    expect(fx.chapters.findAny(c.chapterId)?.deletedAt).toBeNull();
    expect(fx.scenes.findAny(tower)?.deletedAt).not.toBeNull();
  });

  it('restores a chapter: order, trashed and permanently deleted scenes, and trashes scenes added since', async () => {
    const a = fx.addChapter(projectId, 'Arrival', { One: 'alpha words', Two: 'beta words', Three: 'gamma words' });
    const other = fx.addChapter(projectId, 'Other', { Elsewhere: 'untouched text' });
    const [one = '', two = '', three = ''] = a.sceneIds;
    const snap = service.create({ scope: 'chapter', targetId: a.chapterId, label: '' });
    const original = manuscript();

    fx.advance();
    fx.manuscript.moveScene({ id: three, chapterId: a.chapterId, position: 0 });
    fx.manuscript.deleteScene(two);
    purgeScene(one);
    const added = fx.manuscript.createScene({ chapterId: a.chapterId, title: 'Four' }).id;
    await fx.write(added, 'delta words');
    fx.manuscript.updateChapter({ id: a.chapterId, title: 'Renamed', synopsis: 'new synopsis' });

    fx.advance();
    const result = service.restore(snap.id);
    expect(manuscript()).toEqual(original);
    expect(fx.chapters.findAny(a.chapterId)).toMatchObject({ title: 'Arrival', synopsis: '' });
    expect(result.restoredSceneIds).toEqual([one, two, three]);
    expect(fx.scenes.findAny(one)).toMatchObject({ chapterId: a.chapterId, plainText: 'alpha words', deletedAt: null });
    expect(fx.manuscript.outline(projectId).chapters[0]?.scenes[0]).toMatchObject({ id: one, position: 0 });
    expect(fx.scenes.findAny(added)?.deletedAt).toBe(fx.clock.now());
    expect(search('alpha')).toEqual([one]);
    expect(search('delta')).toEqual([]);
    expect(fx.textOf(other.sceneIds[0] ?? '')).toBe('untouched text');
    expect(service.list({ projectId, scope: 'chapter', targetId: a.chapterId })[0]?.label).toMatch(/^Before restoring “snapshot of /);
  });

  it('pulls a scene that moved to another chapter back and closes the gap it leaves', () => {
    const a = fx.addChapter(projectId, 'A', { A1: 'one', A2: 'two' });
    const b = fx.addChapter(projectId, 'B', { B1: 'three', B2: 'four' });
    const snap = service.create({ scope: 'chapter', targetId: a.chapterId, label: 'A' });
    fx.manuscript.moveScene({ id: a.sceneIds[1] ?? '', chapterId: b.chapterId, position: 0 });
    service.restore(snap.id);
    const outline = fx.manuscript.outline(projectId);
    expect(outline.chapters.map((c) => c.scenes.map((s) => `${s.title}@${s.position}`))).toEqual([
      ['A1@0', 'A2@1'],
      ['B1@0', 'B2@1'],
    ]);
    expect([...a.sceneIds, ...b.sceneIds].map((id) => fx.scenes.findAny(id)?.deletedAt)).toEqual([null, null, null, null]);
  });

  it('restores a single scene’s text and fields without touching its siblings', async () => {
    const a = fx.addChapter(projectId, 'A', { Dock: 'The tide came in', Gate: 'Guards' });
    const [dock = '', gate = ''] = a.sceneIds;
    fx.manuscript.updateScene({ id: dock, status: 'revised', pov: 'Mara', synopsis: 'arrival' });
    const snap = service.create({ scope: 'scene', targetId: dock, label: 'v1' });
    fx.advance();
    await fx.write(dock, 'A storm broke');
    fx.manuscript.updateScene({ id: dock, title: 'Storm', status: 'final', pov: 'Ilse', synopsis: '' });
    await fx.write(gate, 'Guards slept');

    const result = service.restore(snap.id);
    expect(result.restoredSceneIds).toEqual([dock]);
    expect(fx.manuscript.getScene(dock)).toMatchObject({ title: 'Dock', status: 'revised', pov: 'Mara', synopsis: 'arrival', wordCount: 4 });
    expect(fx.textOf(dock)).toBe('The tide came in');
    expect(fx.textOf(gate)).toBe('Guards slept');
    expect(search('storm')).toEqual([]);
    expect(service.preview(result.safetySnapshotId).scenes).toEqual([expect.objectContaining({ title: 'Storm', text: 'A storm broke' })]);
  });

  it('deletes a snapshot for good', () => {
    fx.addChapter(projectId, 'A', { Dock: 'text' });
    const snap = service.create({ scope: 'project', targetId: projectId, label: '' });
    service.delete(snap.id);
    expect(service.list({ projectId })).toEqual([]);
    expect(fx.count('snapshots')).toBe(0);
    expect(() => service.delete(snap.id)).toThrow(notFound);
  });

  it('serves the contract through its handlers', async () => {
    const a = fx.addChapter(projectId, 'A', { Dock: 'The tide came in' });
    const handlers = createSnapshotHandlers(service);
    const snap = await callThrough(handlers['snapshot.create'], 'snapshot.create', { scope: 'chapter', targetId: a.chapterId });
    expect(snap.label).toBe('');
    expect(await callThrough(handlers['snapshot.list'], 'snapshot.list', { projectId, scope: 'chapter' })).toHaveLength(1);
    expect((await callThrough(handlers['snapshot.preview'], 'snapshot.preview', { id: snap.id })).scenes).toHaveLength(1);
    await fx.write(a.sceneIds[0] ?? '', 'Changed');
    const restored = await callThrough(handlers['snapshot.restore'], 'snapshot.restore', { id: snap.id });
    expect(restored.restoredSceneIds).toEqual(a.sceneIds);
    const revision = fx.scenes.findAny(a.sceneIds[0] ?? '')?.revision;
    // Nothing differs now: a second restore rewrites nothing and bumps no revision.
    expect((await callThrough(handlers['snapshot.restore'], 'snapshot.restore', { id: snap.id })).restoredSceneIds).toEqual([]);
    expect(fx.scenes.findAny(a.sceneIds[0] ?? '')?.revision).toBe(revision);
    expect(await callThrough(handlers['snapshot.delete'], 'snapshot.delete', { id: restored.safetySnapshotId })).toEqual({ ok: true });
  });
});
