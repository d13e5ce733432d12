/**
 * Memory indexing (issue 7): a generated manuscript indexed through the real `memory.reindex`
 * job, embeddings served over HTTP by the fake provider (its meaning-aware hash, not a model)
 * running in a child process, so the event-loop figures are the core's own.
 * Prints chunks per second with and without the time spent waiting for embeddings, and the
 * core's event-loop delay (p50/p99/max) while indexing runs — what a writer typing meanwhile
 * would feel. Then one scene is edited and re-indexed: only its changed chunk is embedded again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../src/main/core';
import { documentToPlainText } from '../src/main/core/manuscript';
import { silentLogger } from '../src/main/core/platform/logger';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { doc } from '../src/main/testing/test-core';
import { createGeneratedBook, seededRandom } from './manuscript-generator';

/** Starts bench/fake-llm-process.ts (the fake provider in its own process) and reads its address. */
async function startFakeProcess(dimensions: number): Promise<{ ollamaUrl: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fake-llm-process.ts'), String(dimensions)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value as string]);
  const { ollamaUrl } = JSON.parse(line ?? '{}') as { ollamaUrl: string };
  return { ollamaUrl, close: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.stdin.end(); }) };
}

const CHAPTERS = Number(process.env.NOVA_BENCH_INDEX_CHAPTERS ?? 80);
const SCENES_PER_CHAPTER = 5;
const WORDS_PER_SCENE = 1_500;
const DIMENSIONS = 384;

const fake = await startFakeProcess(DIMENSIONS);
const dir = mkdtempSync(path.join(os.tmpdir(), 'nova-bench-memory-'));
// Edits during generation must not start indexing on their own: the bench starts it.
const core = createCore({ dataDir: dir, logger: silentLogger(), memory: { indexDelayMs: 3_600_000 } });
const call = async <T>(method: string, input: unknown): Promise<T> => {
  const handler = (core.handlers as unknown as Record<string, (i: unknown, c: { transport: 'direct' }) => unknown>)[method];
  if (!handler) throw new Error(method);
  return (await handler(input, { transport: 'direct' })) as T;
};

// Time inside the embed route (HTTP to the fake and its hashing), to be taken out of the indexing rate.
const { llm } = core.services.ai;
const embed = llm.embed.bind(llm);
let embedMs = 0;
let embedInputs = 0;
llm.embed = async (inputs, hooks, key) => {
  const started = performance.now();
  try {
    return await embed(inputs, hooks, key);
  } finally {
    embedMs += performance.now() - started;
    embedInputs += inputs.length;
  }
};

try {
  await call('llm.setOllamaUrl', { baseUrl: fake.ollamaUrl });
  const random = seededRandom(20261126);
  const { manuscript, projects, jobs } = core.services;
  const { projectId, sceneIds } = createGeneratedBook(core.services, random, { title: 'Indexing Bench', chapters: CHAPTERS, scenesPerChapter: SCENES_PER_CHAPTER, wordsPerScene: WORDS_PER_SCENE });
  const project = { id: projectId };
  const words = projects.get(project.id).wordCount;
  console.log(`Manuscript: ${sceneIds.length} scenes, ${words.toLocaleString('en')} words; embeddings: fake provider, ${DIMENSIONS} dimensions.\n`);

  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  const job = await call<{ id: string }>('memory.reindex', { projectId: project.id });
  const finished = await jobs.whenFinished(job.id);
  const totalMs = performance.now() - started;
  loop.disable();
  if (finished.status !== 'succeeded') throw new Error(`indexing ended ${finished.status}: ${finished.error?.message ?? ''}`);
  const status = await call<{ chunks: number; pendingChunks: number }>('memory.indexStatus', { projectId: project.id });

  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const ownMs = totalMs - embedMs;
  console.log(`Indexed ${status.chunks} chunks (${status.pendingChunks} waiting) in ${(totalMs / 1000).toFixed(2)} s; ${embedInputs} texts embedded.`);
  console.log(`  embedding route (HTTP + fake model): ${(embedMs / 1000).toFixed(2)} s`);
  console.log(`  chunks/s overall:                    ${Math.round(status.chunks / (totalMs / 1000)).toLocaleString('en')}`);
  console.log(`  chunks/s excluding embedding:        ${Math.round(status.chunks / (ownMs / 1000)).toLocaleString('en')}`);
  console.log(`  event-loop delay while indexing:     p50 ${ms(loop.percentile(50))} ms, p99 ${ms(loop.percentile(99))} ms, max ${ms(loop.max)} ms`);

  // One paragraph of one scene edited: only that chunk is embedded again.
  const sceneId = sceneIds[7] ?? '';
  const scene = manuscript.getScene(sceneId);
  const paragraphs = documentToPlainText(scene.content).split('\n\n');
  paragraphs[1] = `An edited paragraph. ${paragraphs[1] ?? ''}`;
  await call('scene.save', { id: sceneId, content: doc(...paragraphs), baseRevision: scene.revision });
  embedInputs = 0;
  const editStarted = performance.now();
  const edit = core.services.memory.indexProject(project.id);
  if (edit) await jobs.whenFinished(edit.id);
  console.log(`\nOne paragraph edited, project re-synced: ${((performance.now() - editStarted) / 1000).toFixed(2)} s, ${embedInputs} text(s) embedded again.`);
} finally {
  core.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
