import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/events';
import { startAiTestCore, type AiTestCore } from '../../testing/ai-test-core';
import { bookWith, settleJobs } from '../../testing/memory-test-setup';

/*
 * Chat context from the real hybrid retrieval (issue 7, point 4): the memory index over the
 * fake provider's meaning-aware embeddings, the chat's request recorded by the fake server. The
 * question shares no word with the scene it needs ("sorrow" ~ "wept", "funeral").
 */

const GRIEF = 'Mara wept at the funeral and would not leave the graveside until the tide had turned.';
const FIRE = 'The forest burned through the afternoon; flames ran along the pines and the smoke hid the road.';

let ai: AiTestCore;

beforeEach(async () => {
  ai = await startAiTestCore({ ollamaModels: ['llama3.2:latest', 'nomic-embed-text:latest'], config: () => ({ memory: { indexDelayMs: 0 } }) });
});
afterEach(() => ai.close());

describe('chat context from the memory index', () => {
  it('sends the passage that means what the question asks, and the pinned memory; the reply lists both', async () => {
    const { t, fake } = ai;
    const { project, sceneIds } = await bookWith(t, 'The Salt Road', [
      { title: 'The Fire', paragraphs: [FIRE] },
      { title: 'The Harbour', paragraphs: [GRIEF] },
    ]);
    const pinned = await t.call('memory.create', { projectId: project.id, kind: 'core', content: 'The author writes British English.' });
    await t.call('memory.setPinned', { id: pinned.id, pinned: true });
    await t.call('memory.reindex', { projectId: project.id });
    await settleJobs(t);

    const session = await t.call('chat.create', { projectId: project.id });
    const sent = await t.call('chat.send', { sessionId: session.id, text: 'How does Mara carry her sorrow?' });
    await fake.waitFor(() => ai.events.some((e) => e.name === 'stream.end' && (e.payload as EventPayload<'stream.end'>).streamId === sent.streamId), 10_000);

    const body = fake.requests.filter((r) => r.path === '/api/chat').at(-1)?.body as { messages: Array<{ content: string }> };
    const prompt = body.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain(`[Chapter 1 · The Harbour]\n${GRIEF}`);
    expect(prompt).toContain('The author writes British English.');

    const reply = (await t.call('chat.messages', { sessionId: session.id })).find((m) => m.role === 'assistant');
    expect(reply?.sources[0]).toMatchObject({ type: 'memory', id: pinned.id, pinned: true });
    expect(reply?.sources[1]).toMatchObject({ type: 'scene', id: sceneIds[1], label: 'Chapter 1 · The Harbour', excerpt: GRIEF });
  });
});
