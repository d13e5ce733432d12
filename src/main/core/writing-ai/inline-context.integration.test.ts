import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/events';
import { startAiTestCore, type AiTestCore } from '../../testing/ai-test-core';
import { codexPassage, createFakeRetriever, fakePinnedMemories, scenePassage, type FakeRetriever } from '../../testing/fake-retriever';
import { doc } from '../../testing/test-core';

/*
 * Inline AI takes its context from retrieval too (issue 7, point 4): the query is the selection
 * and the text before the cursor, the passages found go to the model, and the suggestion comes
 * back with its sources. Real core and SQLite; the fake provider server records what was sent.
 */

let ai: AiTestCore;
let retriever: FakeRetriever;
const pinned = fakePinnedMemories();

beforeEach(async () => {
  retriever = createFakeRetriever({ lamp: ['lamp', 'light', 'wick', 'flame'], sea: ['sea', 'tide', 'water', 'harbour'] });
  ai = await startAiTestCore({ fake: { reply: 'The wick caught.' }, ollamaModels: ['llama3.2:latest'], config: () => ({ retriever, pinnedMemories: pinned }) });
});
afterEach(() => ai.close());

const ended = async (streamId: string) => {
  await ai.fake.waitFor(() => ai.events.some((e) => e.name === 'stream.end' && (e.payload as EventPayload<'stream.end'>).streamId === streamId), 10_000);
};
const sentPrompt = () => {
  const body = ai.fake.requests.filter((r) => r.path === '/api/chat').at(-1)?.body as { messages: Array<{ content: string }> };
  return body.messages.map((m) => m.content).join('\n');
};

async function lighthouse() {
  const project = await ai.t.call('project.create', { title: 'The Salt Road' });
  const outline = await ai.t.call('outline.get', { projectId: project.id });
  const chapterId = outline.chapters[0]?.id as string;
  const sceneId = outline.chapters[0]?.scenes[0]?.id as string;
  const before = 'Mara climbed the iron stair. At the top she struck a match for the lamp.';
  await ai.t.call('scene.save', { id: sceneId, content: doc(before), baseRevision: 0 });
  const earlier = await ai.t.call('scene.create', { chapterId, title: 'The Keeper' });
  const lamp = await ai.t.call('codex.create', { projectId: project.id, kind: 'object', name: 'The Lamp', description: 'A paraffin lamp.' });
  const keeper = 'Old Pell taught her to trim the wick short, so the flame would not smoke the glass.';
  retriever.setPassages(project.id, [
    // The open scene's own text is already in the prompt as the text before the cursor.
    scenePassage({ id: sceneId, chapterId }, 'Chapter 1 · Untitled', before),
    scenePassage({ id: earlier.id, chapterId }, 'Chapter 1 · The Keeper', keeper),
    codexPassage(lamp, 'The Lamp: paraffin, brass, lit each dusk.'),
  ]);
  return { projectId: project.id, sceneId, before, keeper, lamp };
}

describe('inline AI context from retrieval', () => {
  it('looks up the text before the cursor, sends what it found, and returns it as the suggestion’s sources', async () => {
    const p = await lighthouse();
    pinned.set(p.projectId, [{ id: '99999999-9999-4999-8999-999999999999', content: 'Mara never swears.' }]);
    const started = await ai.t.call('ai.inline', { action: 'continue', sceneId: p.sceneId, before: p.before });
    await ended(started.streamId);

    expect(retriever.queries.at(-1)).toMatchObject({ projectId: p.projectId, query: expect.stringContaining('struck a match for the lamp') });
    const prompt = sentPrompt();
    expect(prompt).toContain(`[Chapter 1 · The Keeper]\n${p.keeper}`);
    expect(prompt).toContain('[Codex · The Lamp]');
    expect(prompt).toContain('Mara never swears.');
    // The open scene's passage is not given a second time beside the text before the cursor.
    expect(prompt).not.toContain('[Chapter 1 · Untitled]');
    expect(started.sources.map((s) => [s.type, s.label])).toEqual([
      ['memory', 'Memory'],
      ['scene', 'Chapter 1 · The Keeper'],
      ['codex', 'Codex · The Lamp'],
    ]);
    expect(started.sources[2]).toMatchObject({ id: p.lamp.id, chapterId: null });
  });

  it('looks up the selection for a rewrite, and returns no sources when nothing relates', async () => {
    const p = await lighthouse();
    const found = await ai.t.call('ai.inline', { action: 'rewrite', sceneId: p.sceneId, selection: 'The flame guttered.', before: p.before });
    await ended(found.streamId);
    expect(retriever.queries.at(-1)?.query).toMatch(/^The flame guttered\./);
    expect(found.sources.map((s) => s.label)).toEqual(['Chapter 1 · The Keeper', 'Codex · The Lamp']);

    const none = await ai.t.call('ai.inline', { action: 'rewrite', sceneId: p.sceneId, selection: 'She said nothing.' });
    await ended(none.streamId);
    expect(none.sources).toEqual([]);
    expect(sentPrompt()).not.toContain(p.keeper);
  });
});
