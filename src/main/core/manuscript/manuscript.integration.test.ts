import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, doc, type TestCore } from '../../testing/test-core';

let t: TestCore;
beforeEach(() => {
  t = createTestCore();
});
afterEach(() => t.dispose());

async function newProject(title = 'The Lighthouse') {
  const project = await t.call('project.create', { title });
  const outline = await t.call('outline.get', { projectId: project.id });
  const chapter = outline.chapters[0];
  const scene = chapter?.scenes[0];
  if (!chapter || !scene) throw new Error('a new project should start with a chapter and a scene');
  return { project, chapter, scene };
}

describe('manuscript', () => {
  it('starts a new project with one chapter and one empty scene', async () => {
    const { project, chapter, scene } = await newProject();
    expect(project.title).toBe('The Lighthouse');
    expect(chapter.title).toBe('Chapter 1');
    expect(scene.title).toBe('Scene 1');
    expect(scene.wordCount).toBe(0);
  });

  it('saves text durably with counts and revisions, and lists word counts on the dashboard', async () => {
    const { project, scene } = await newProject();
    const saved = await t.call('scene.save', { id: scene.id, content: doc('The keeper climbed the stairs.', 'Night fell.'), baseRevision: scene.revision });
    expect(saved).toMatchObject({ id: scene.id, revision: scene.revision + 1, wordCount: 7 });
    const loaded = await t.call('scene.get', { id: scene.id });
    expect(loaded.content).toEqual(doc('The keeper climbed the stairs.', 'Night fell.'));
    expect(loaded.revision).toBe(saved.revision);
    const [summary] = await t.call('project.list', {});
    expect(summary).toMatchObject({ id: project.id, wordCount: 7, chapterCount: 1, sceneCount: 1 });
  });

  it('merges a save based on a stale revision with the newer text instead of overwriting it', async () => {
    const { scene } = await newProject();
    await t.call('scene.save', { id: scene.id, content: doc('Newer text.'), baseRevision: scene.revision });
    const stale = await t.call('scene.save', { id: scene.id, content: doc('Older text.'), baseRevision: scene.revision });
    // Both windows started from an empty scene and each typed a paragraph: both are kept.
    expect(stale.content?.content).toHaveLength(2);
    expect((await t.call('scene.get', { id: scene.id })).content).toEqual(stale.content);
    expect(JSON.stringify(stale.content)).toContain('Newer text.');
    expect(JSON.stringify(stale.content)).toContain('Older text.');
  });

  it('orders chapters and moves scenes within and between chapters', async () => {
    const { project, chapter: first, scene: a } = await newProject();
    const second = await t.call('chapter.create', { projectId: project.id, title: 'Chapter 2' });
    const b = await t.call('scene.create', { chapterId: first.id, title: 'B' });
    await t.call('scene.create', { chapterId: first.id, title: 'C', position: 0 });
    let outline = await t.call('outline.get', { projectId: project.id });
    expect(outline.chapters[0]?.scenes.map((s) => s.title)).toEqual(['C', 'Scene 1', 'B']);

    outline = await t.call('scene.move', { id: b.id, chapterId: second.id, position: 0 });
    expect(outline.chapters.map((ch) => ch.scenes.map((s) => s.title))).toEqual([['C', 'Scene 1'], ['B']]);
    expect(outline.chapters[0]?.scenes.map((s) => s.position)).toEqual([0, 1]);

    outline = await t.call('chapter.move', { id: second.id, position: 0 });
    expect(outline.chapters.map((ch) => ch.title)).toEqual(['Chapter 2', 'Chapter 1']);

    outline = await t.call('scene.move', { id: a.id, chapterId: first.id, position: 99 });
    expect(outline.chapters[1]?.scenes.map((s) => s.title)).toEqual(['C', 'Scene 1']);
  });

  it('refuses to move a scene into another project', async () => {
    const one = await newProject('One');
    const two = await newProject('Two');
    const result = await t.raw('scene.move', { id: one.scene.id, chapterId: two.chapter.id, position: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('hides trashed scenes and chapters from the outline, counts and search', async () => {
    const { project, chapter, scene } = await newProject();
    await t.call('scene.save', { id: scene.id, content: doc('A albatross circles.'), baseRevision: 0 });
    expect(await t.call('search.query', { projectId: project.id, query: 'albatross' })).toHaveLength(1);
    await t.call('chapter.delete', { id: chapter.id });
    const outline = await t.call('outline.get', { projectId: project.id });
    expect(outline.chapters).toHaveLength(0);
    expect(outline.wordCount).toBe(0);
    expect(await t.call('search.query', { projectId: project.id, query: 'albatross' })).toHaveLength(0);
    expect(await t.raw('scene.get', { id: scene.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('gives a live scene’s header (project, chapter, title) and NOT_FOUND once its chapter is in the trash', async () => {
    const { project, chapter, scene } = await newProject();
    const manuscript = t.core.services.manuscript;
    expect(manuscript.sceneHeader(scene.id)).toEqual({ id: scene.id, projectId: project.id, chapterId: chapter.id, title: 'Scene 1' });
    await t.call('chapter.delete', { id: chapter.id });
    expect(() => manuscript.sceneHeader(scene.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('searches titles and text with snippets, prefixes and phrases, and stays in step with edits', async () => {
    const { project, scene } = await newProject();
    await t.call('scene.save', { id: scene.id, content: doc('The lamp went dark over the harbour.'), baseRevision: 0 });
    const hits = await t.call('search.query', { projectId: project.id, query: 'harb' });
    expect(hits).toHaveLength(1);
    expect(hits[0]?.snippet).toContain('\u0002harbour\u0003');
    expect(await t.call('search.query', { projectId: project.id, query: '"lamp went"' })).toHaveLength(1);
    expect(await t.call('search.query', { projectId: project.id, query: '"went lamp"' })).toHaveLength(0);
    await t.call('scene.save', { id: scene.id, content: doc('Morning came.'), baseRevision: 1 });
    expect(await t.call('search.query', { projectId: project.id, query: 'harbour' })).toHaveLength(0);
    await t.call('scene.update', { id: scene.id, title: 'Dawn at Quillon' });
    expect(await t.call('search.query', { projectId: project.id, query: 'quillon' })).toHaveLength(1);
  });

  it('treats FTS syntax in a query as plain text', async () => {
    const { project } = await newProject();
    for (const query of ['"', 'NEAR(a b)', 'title:x', '* - ^', 'a AND OR NOT', "l'eau"]) {
      const result = await t.raw('search.query', { projectId: project.id, query });
      expect(result.ok, query).toBe(true);
    }
  });

  it('archives, lists and deletes projects', async () => {
    const { project } = await newProject();
    await t.call('project.update', { id: project.id, archived: true });
    expect(await t.call('project.list', {})).toHaveLength(0);
    expect(await t.call('project.list', { includeArchived: true })).toHaveLength(1);
    await t.call('project.delete', { id: project.id });
    expect(await t.call('project.list', { includeArchived: true })).toHaveLength(0);
    expect(await t.raw('outline.get', { projectId: project.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('reads the manuscript in order for export, optionally by chapter', async () => {
    const { project, chapter, scene } = await newProject();
    await t.call('scene.save', { id: scene.id, content: doc('One.'), baseRevision: 0 });
    const second = await t.call('chapter.create', { projectId: project.id, title: 'Chapter 2' });
    const manuscript = t.core.services.manuscript.readManuscript(project.id);
    expect(manuscript.chapters.map((c) => c.title)).toEqual(['Chapter 1', 'Chapter 2']);
    expect(manuscript.chapters[0]?.scenes[0]?.content).toEqual(doc('One.'));
    expect(t.core.services.manuscript.readManuscript(project.id, [second.id]).chapters.map((c) => c.title)).toEqual(['Chapter 2']);
    expect(chapter.id).toBeTruthy();
  });
});
