import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { FakeLlmServer } from './fake-llm-server';
import { CHAT_SUMMARY_JOB, SCENE_SUMMARY_JOB } from '../core/summaries';
import { doc, type TestCore } from './test-core';

/**
 * Test helpers of the memory domain's integration tests: a second connection on the core's
 * database to look into the index tables, and waiting for the indexing jobs to settle.
 */
export function inspectDatabase(t: TestCore) {
  const sqlite = new Database(t.core.info.dbFile, { readonly: true });
  sqliteVec.load(sqlite);
  const count = (sql: string, ...params: unknown[]) => (sqlite.prepare(sql).get(...params) as { n: number }).n;
  const hasVectors = () => sqlite.prepare("select 1 from sqlite_master where name = 'memory_vectors'").get() !== undefined;
  return {
    count,
    chunks: (projectId: string) => count('select count(*) as n from memory_chunks where project_id = ?', projectId),
    ftsRows: (ids: readonly number[]) => count('select count(*) as n from memory_chunk_fts where rowid in (select value from json_each(?))', JSON.stringify(ids)),
    vectorRows: (ids: readonly number[]) =>
      hasVectors() ? count('select count(*) as n from memory_vectors where rowid in (select value from json_each(?))', JSON.stringify(ids)) : 0,
    vectorCount: (projectId: string) => (hasVectors() ? count('select count(*) as n from memory_vectors where project_id = ?', projectId) : 0),
    chunkIds: (sourceId: string) => sqlite.prepare('select id from memory_chunks where source_id = ? order by id').pluck().all(sourceId) as number[],
    close: () => sqlite.close(),
  };
}

const SUMMARY_JOBS = new Set([CHAT_SUMMARY_JOB, SCENE_SUMMARY_JOB]);

/** Waits until no job is queued, running or retrying (jobs may enqueue others: it waits for those too). */
export async function settleJobs(t: TestCore): Promise<void> {
  const jobs = t.core.services.jobs;
  for (;;) {
    // Summaries wait minutes for a chat or scene to go quiet (notBefore); a test that wants one runs it.
    const active = jobs.list({ statuses: ['queued', 'running', 'retrying'], limit: 500 }).filter((job) => !SUMMARY_JOBS.has(job.kind));
    if (active.length === 0) return;
    await Promise.all(active.map((job) => jobs.whenFinished(job.id)));
  }
}

/** Inputs the fake embedding endpoint received since the last `clearRequests`. */
export function embedInputs(fake: FakeLlmServer): string[] {
  return fake.requests
    .filter((request) => request.path === '/api/embed' || request.path === '/v1/embeddings')
    .flatMap((request) => {
      const input = (request.body as { input?: unknown }).input;
      return Array.isArray(input) ? input.map(String) : typeof input === 'string' ? [input] : [];
    });
}

/** A project whose first chapter holds the given scenes (title → paragraphs). */
export async function bookWith(t: TestCore, title: string, scenes: ReadonlyArray<{ title: string; paragraphs: string[]; chapter?: string }>) {
  const project = await t.call('project.create', { title });
  const outline = await t.call('outline.get', { projectId: project.id });
  const firstChapter = outline.chapters[0];
  if (!firstChapter) throw new Error('no chapter');
  const chapters = new Map<string, string>();
  const ids: string[] = [];
  for (const [i, scene] of scenes.entries()) {
    let chapterId = firstChapter.id;
    if (scene.chapter !== undefined) {
      chapterId = chapters.get(scene.chapter) ?? (await t.call('chapter.create', { projectId: project.id, title: scene.chapter })).id;
      chapters.set(scene.chapter, chapterId);
    }
    const existing = i === 0 && scene.chapter === undefined ? firstChapter.scenes[0] : undefined;
    const id = existing?.id ?? (await t.call('scene.create', { chapterId, title: scene.title })).id;
    if (existing) await t.call('scene.update', { id, title: scene.title });
    await t.call('scene.save', { id, content: doc(...scene.paragraphs), baseRevision: 0 });
    ids.push(id);
  }
  return { project, sceneIds: ids };
}
