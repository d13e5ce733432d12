import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAiTestCore, type AiTestCore } from '../../testing/ai-test-core';
import type { FakeLlmServer } from '../../testing/fake-llm-server';
import { doc, type TestCore } from '../../testing/test-core';
import { bookWith, embedInputs, inspectDatabase, settleJobs } from '../../testing/memory-test-setup';
import { MEMORY_INDEX_JOB } from './index-jobs';

let ai: AiTestCore;
let t: TestCore;
let fake: FakeLlmServer;

const OCEAN = 'The ocean at night was black and loud against the harbour wall, and the waves came in one after another.';
const FOREST = 'The forest burned through the afternoon; flames ran along the pines and the smoke hid the road.';
const MARKET = 'At the market in the city square the merchants shouted prices over the noise of the street.';

beforeEach(async () => {
  ai = await startAiTestCore({
    ollamaModels: ['llama3.2:latest', 'nomic-embed-text:latest'],
    config: (server) => ({
      ai: { providerEndpoints: { openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl }, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } },
      memory: { indexDelayMs: 0 },
    }),
  });
  ({ t, fake } = ai);
});

afterEach(() => ai.close());

async function indexedBook() {
  const book = await bookWith(t, 'The Salt Road', [
    { title: 'The Harbour', paragraphs: [OCEAN] },
    { title: 'The Fire', paragraphs: [FOREST], chapter: 'Burning' },
    { title: 'Market Day', paragraphs: [MARKET], chapter: 'The City' },
  ]);
  await t.call('memory.reindex', { projectId: book.project.id });
  await settleJobs(t);
  return book;
}

describe('memory search (hybrid retrieval over the fake provider’s meaning-aware embeddings)', () => {
  it('finds a scene by meaning without a shared word, labelled with its chapter', async () => {
    const { project, sceneIds } = await indexedBook();
    const byWords = await t.call('memory.search', { projectId: project.id, query: 'sea in darkness', mode: 'text' });
    expect(byWords.passages).toEqual([]);

    const result = await t.call('memory.search', { projectId: project.id, query: 'sea in darkness', mode: 'meaning' });
    expect(result.meaning).toBe('ready');
    expect(result.notice).toBeNull();
    expect(result.passages[0]).toMatchObject({
      source: { type: 'scene', id: sceneIds[0], label: 'Chapter 1 · The Harbour', range: { from: 0, to: OCEAN.length } },
      text: OCEAN,
      matchedBy: ['meaning'],
    });

    const hybrid = await t.call('memory.search', { projectId: project.id, query: 'flames and smoke', limit: 2 });
    expect(hybrid.passages[0]?.source).toMatchObject({ id: sceneIds[1], label: 'Chapter 2 · The Fire' });
    expect(hybrid.passages[0]?.matchedBy).toEqual(['meaning', 'text']);
  });

  it('holds kind, marker, agent-scope and source filters; archived memories never come back; pinned ones lead', async () => {
    const { project } = await indexedBook();
    const create = (content: string, extra: Record<string, unknown> = {}) =>
      t.call('memory.create', { projectId: project.id, kind: 'core', content, ...extra });
    const eyes = await create('Mara has grey eyes and fears the sea.', { markers: ['character:Mara'] });
    const tomas = await create('Tomas fears the sea since the wreck.', { kind: 'episodic', markers: ['character:Tomas'] });
    const secret = await create('The sea keeps the keeper’s secret.', { agentScope: ['continuity'] });
    const archived = await create('The sea was calm in the first draft.');
    await t.call('memory.setArchived', { id: archived.id, archived: true });
    await settleJobs(t);

    const ids = async (query: Record<string, unknown>) =>
      (await t.call('memory.search', { projectId: project.id, query: 'sea', ...query })).passages.map((p) => p.source.id);

    expect(await ids({ kinds: ['core'] })).toEqual(expect.arrayContaining([eyes.id, secret.id]));
    expect(await ids({ kinds: ['core'] })).not.toContain(tomas.id);
    expect(await ids({ markers: ['character:Tomas'] })).toEqual([tomas.id]);
    expect(await ids({ agent: 'writer-agent', sources: ['memory'] })).not.toContain(secret.id);
    expect(await ids({ agent: 'continuity', sources: ['memory'] })).toContain(secret.id);
    const all = await ids({ limit: 50 });
    expect(all).not.toContain(archived.id);
    expect((await t.call('memory.search', { projectId: project.id, query: 'sea', sources: ['scene'] })).passages.every((p) => p.source.type === 'scene')).toBe(true);

    await t.call('memory.setPinned', { id: tomas.id, pinned: true });
    expect((await ids({ sources: ['memory'] }))[0]).toBe(tomas.id);
    const labels = (await t.call('memory.search', { projectId: project.id, query: 'sea', sources: ['memory'] })).passages.map((p) => p.source.label);
    expect(new Set(labels)).toEqual(new Set(['Memory']));
  });

  it('re-embeds only the edited paragraph’s chunk after a save', async () => {
    const paragraph = (n: number) => `Paragraph ${n}. ${'The keeper climbed the stair and watched the lamp turn over the water. '.repeat(8)}`.trim();
    const { project, sceneIds } = await bookWith(t, 'Long Scene', [{ title: 'One', paragraphs: [1, 2, 3, 4].map(paragraph) }]);
    await settleJobs(t);
    const db = inspectDatabase(t);
    try {
      expect(db.chunks(project.id)).toBe(4);
      expect(db.vectorCount(project.id)).toBe(4);
      fake.clearRequests();
      const sceneId = sceneIds[0] ?? '';
      const scene = await t.call('scene.get', { id: sceneId });
      const edited = paragraph(2).replace('Paragraph 2.', 'Paragraph two, rewritten.');
      await t.call('scene.save', { id: sceneId, content: doc(paragraph(1), edited, paragraph(3), paragraph(4)), baseRevision: scene.revision });
      await settleJobs(t);
      expect(embedInputs(fake)).toEqual([expect.stringContaining('Paragraph two, rewritten.')]);
      expect(db.chunks(project.id)).toBe(4);
      expect(db.vectorCount(project.id)).toBe(4);
    } finally {
      db.close();
    }
  });

  it('deletes a memory from every index: row, versions, markers, chunks, words and vectors', async () => {
    const { project } = await indexedBook();
    const memory = await t.call('memory.create', { projectId: project.id, kind: 'core', content: 'Mara fears the sea.', markers: ['character:Mara'] });
    const edited = await t.call('memory.update', { id: memory.id, version: 1, content: 'Mara fears the open sea.' });
    expect(edited.version).toBe(2);
    await expect(t.raw('memory.update', { id: memory.id, version: 1, content: 'stale' })).resolves.toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.call('memory.history', { id: memory.id })).toEqual([expect.objectContaining({ version: 1, content: 'Mara fears the sea.', markers: ['character:Mara'] })]);
    await settleJobs(t);
    const db = inspectDatabase(t);
    try {
      const chunkIds = db.chunkIds(memory.id);
      expect(chunkIds).toHaveLength(1);
      expect(db.ftsRows(chunkIds)).toBe(1);
      expect(db.vectorRows(chunkIds)).toBe(1);

      await t.call('memory.delete', { id: memory.id });
      expect(db.count('select count(*) as n from memory_entries where id = ?', memory.id)).toBe(0);
      expect(db.count('select count(*) as n from memory_versions where memory_id = ?', memory.id)).toBe(0);
      expect(db.count('select count(*) as n from memory_markers where memory_id = ?', memory.id)).toBe(0);
      expect(db.chunkIds(memory.id)).toEqual([]);
      expect(db.ftsRows(chunkIds)).toBe(0);
      expect(db.vectorRows(chunkIds)).toBe(0);
      const found = await t.call('memory.search', { projectId: project.id, query: 'Mara fears', mode: 'text' });
      expect(found.passages).toEqual([]);
      await expect(t.raw('memory.history', { id: memory.id })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      db.close();
    }
  });

  it('re-indexes as a job when the embedding model’s dimension changes', async () => {
    const { project, sceneIds } = await indexedBook();
    expect((await t.call('memory.indexStatus', { projectId: project.id })).embeddingModel).toBe('nomic-embed-text:latest · 64 dimensions');
    fake.setEmbeddingDimensions(48);
    const during = await t.call('memory.search', { projectId: project.id, query: 'sea in darkness', mode: 'meaning' });
    expect(during.meaning).toBe('rebuilding');
    expect(during.notice).toMatch(/being rebuilt/);
    expect(t.core.services.jobs.list({ kinds: ['memory.reindex'], limit: 10 }).length).toBeGreaterThan(0);
    await settleJobs(t);
    const status = await t.call('memory.indexStatus', { projectId: project.id });
    expect(status).toMatchObject({ meaning: 'ready', embeddingModel: 'nomic-embed-text:latest · 48 dimensions', pendingChunks: 0 });
    const after = await t.call('memory.search', { projectId: project.id, query: 'sea in darkness', mode: 'meaning' });
    expect(after.passages[0]?.source.id).toBe(sceneIds[0]);
  });

  it('with no embedding model, indexes words, searches by words and says how to enable meaning search', async () => {
    fake.setModels('ollama', ['llama3.2:latest']);
    const { project, sceneIds } = await bookWith(t, 'No Model', [{ title: 'The Harbour', paragraphs: [OCEAN] }]);
    await t.call('memory.reindex', { projectId: project.id });
    await settleJobs(t);
    const status = await t.call('memory.indexStatus', { projectId: project.id });
    expect(status).toMatchObject({ meaning: 'no-model', chunks: 1, pendingChunks: 1, embeddingModel: null });
    expect(status.notice).toMatch(/nomic-embed-text/);
    expect(status.notice).toMatch(/OpenAI key/);
    const result = await t.call('memory.search', { projectId: project.id, query: 'harbour wall', mode: 'meaning' });
    expect(result.meaning).toBe('no-model');
    expect(result.notice).toMatch(/nomic-embed-text/);
    expect(result.passages.map((p) => [p.source.id, p.matchedBy])).toEqual([[sceneIds[0], ['text']]]);
    // A project with nothing indexed yet says "no model" too: indexing alone would not help.
    const empty = await t.call('project.create', { title: 'Empty' });
    expect((await t.call('memory.search', { projectId: empty.id, query: 'harbour', mode: 'meaning' })).meaning).toBe('no-model');
  });

  it('with Ollama gone, the chunks of several projects waiting for embeddings are tried once per setup change, not in a loop', async () => {
    const jobs = t.core.services.jobs;
    const indexJobs = (statuses?: Array<'queued' | 'running' | 'retrying'>) => jobs.list({ kinds: [MEMORY_INDEX_JOB], limit: 1000, ...(statuses && { statuses }) }).length;
    // Not settleJobs: were the tries to feed each other, it would never return.
    const idle = () => expect.poll(() => indexJobs(['queued', 'running', 'retrying']), { timeout: 5_000 }).toBe(0);
    // Nothing listens on ports 1 and 2: every call is refused.
    await t.call('llm.setOllamaUrl', { baseUrl: 'http://127.0.0.1:1' });
    const books = [await bookWith(t, 'First', [{ title: 'One', paragraphs: [OCEAN] }]), await bookWith(t, 'Second', [{ title: 'Two', paragraphs: [FOREST] }])];
    await idle();
    for (const { project } of books) expect(await t.call('memory.indexStatus', { projectId: project.id })).toMatchObject({ meaning: 'no-model', pendingChunks: 1 });
    const before = indexJobs();
    const changes = () => ai.events.filter((e) => e.name === 'llm.changed').length;
    const changesBefore = changes();

    // One setup change: each project's waiting chunks are tried once. Each try fails the same
    // way, which is no news: it must not announce itself and start the other project's try.
    await t.call('llm.setOllamaUrl', { baseUrl: 'http://127.0.0.1:2' });
    await idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await idle();
    expect(indexJobs() - before).toBe(books.length);
    // The address change, then the first failure under it; the second is the same failure.
    expect(changes() - changesBefore).toBe(2);
  });

  it('an index job run twice, or cancelled mid-embedding and run again, leaves no duplicate rows', async () => {
    const { project } = await bookWith(t, 'Twice', [{ title: 'The Harbour', paragraphs: [OCEAN, FOREST, MARKET] }]);
    await settleJobs(t);
    const db = inspectDatabase(t);
    try {
      const chunks = db.chunks(project.id);
      fake.failNext({ hang: true }, { path: '/api/embed' });
      const job = await t.call('memory.reindex', { projectId: project.id });
      await fake.waitFor(() => fake.openRequests().some((r) => r.path === '/api/embed'));
      t.core.services.jobs.cancel(job.id);
      expect((await t.core.services.jobs.whenFinished(job.id)).status).toBe('cancelled');
      await t.call('memory.reindex', { projectId: project.id });
      await settleJobs(t);
      await t.call('memory.reindex', { projectId: project.id });
      await settleJobs(t);
      expect(db.chunks(project.id)).toBe(chunks);
      expect(db.vectorCount(project.id)).toBe(chunks);
      expect(db.count('select count(*) as n from memory_chunk_fts')).toBe(db.count('select count(*) as n from memory_chunks'));
    } finally {
      db.close();
    }
  });
});
