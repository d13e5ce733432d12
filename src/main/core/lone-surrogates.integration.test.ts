import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocNode } from '../../shared/models/document';
import { createTestCore, doc, type TestCore } from '../testing/test-core';

/*
 * Issue 6, point 30: text is never changed silently. A lone UTF-16 surrogate (half of an emoji,
 * say) cannot be stored in SQLite's UTF-8 text as it is; it used to become U+FFFD. Plain text
 * fields refuse it at the boundary with INVALID_INPUT and a sentence saying what is wrong; scene
 * documents keep it exactly (they are stored as JSON, where it is an escape).
 */

const LONE_HIGH = '\uD83D';
const LONE_LOW = '\uDE00';
const broken = `Chapter ${LONE_HIGH} one`;

let t: TestCore;
beforeEach(() => {
  t = createTestCore();
});
afterEach(() => t.dispose());

const refused = async (method: string, input: unknown, field: string) => {
  const result = await t.raw(method, input);
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const message = result.ok ? '' : result.error.message;
  expect(message).toContain(field);
  expect(message).toMatch(/broken character.*unpaired surrogate/);
};

async function project() {
  const created = await t.call('project.create', { title: 'The Salt Road' });
  const outline = await t.call('outline.get', { projectId: created.id });
  const chapter = outline.chapters[0];
  const scene = chapter?.scenes[0];
  if (!chapter || !scene) throw new Error('no scene');
  return { projectId: created.id, chapterId: chapter.id, sceneId: scene.id };
}

describe('lone surrogates at the boundary', () => {
  it('refuses them in titles and other plain text, naming the field, and stores nothing', async () => {
    await refused('project.create', { title: broken }, 'title');
    await refused('project.create', { title: `Ends badly ${LONE_LOW}` }, 'title');
    expect(await t.call('project.list', {})).toEqual([]);

    const { projectId, chapterId, sceneId } = await project();
    await refused('project.update', { id: projectId, description: broken }, 'description');
    await refused('chapter.update', { id: chapterId, title: broken }, 'title');
    await refused('scene.update', { id: sceneId, synopsis: broken }, 'synopsis');
    await refused('codex.create', { projectId, kind: 'character', name: broken }, 'name');
    await refused('codex.create', { projectId, kind: 'character', name: 'Mara', aliases: [broken] }, 'aliases');
    await refused('snapshot.create', { scope: 'scene', targetId: sceneId, label: broken }, 'label');
    await refused('search.query', { projectId, query: broken }, 'query');
    const session = await t.call('chat.create', { projectId });
    await refused('chat.send', { sessionId: session.id, text: broken }, 'text');
    await refused('chat.send', { sessionId: session.id, text: 'Hi', context: { selection: broken } }, 'selection');
    await refused('chat.rename', { id: session.id, title: broken }, 'title');
    await refused('ai.inline', { action: 'rewrite', sceneId, selection: broken }, 'selection');
    const prompt = await t.call('prompts.get', { id: 'rewrite' });
    await refused('prompts.edit', { id: 'rewrite', system: prompt.definition.system, user: `{{selection}} ${LONE_HIGH}`, summary: 'x' }, 'user');

    // Nothing was changed behind the writer's back.
    expect((await t.call('project.get', { id: projectId })).description).toBe('');
    expect((await t.call('outline.get', { projectId })).chapters[0]?.title).toBe('Chapter 1');
  });

  it('keeps well-formed text exactly, emoji and all', async () => {
    const title = 'Salt 🌊 Road — “ﬁn” é';
    const created = await t.call('project.create', { title });
    expect((await t.call('project.get', { id: created.id })).title).toBe(title);
  });

  it('stores a scene document with a lone surrogate exactly as sent', async () => {
    const { sceneId } = await project();
    const content: DocNode = doc(`Half an emoji: ${LONE_HIGH}, and the other half: ${LONE_LOW}.`);
    await t.call('scene.save', { id: sceneId, content, baseRevision: 0 });
    const scene = await t.call('scene.get', { id: sceneId });
    expect(scene.content).toEqual(content);
    expect(JSON.stringify(scene.content)).toContain('\\ud83d');
  });
});
