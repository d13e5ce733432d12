import { z } from 'zod';
import { idSchema } from '../../../shared/models/common';
import type { JobContext, JobKind } from '../jobs';
import type { EmbedResult, Indexer } from './indexer';

/** Kind of the job that brings a project's index up to date (one scene, the codex, or all). */
export const MEMORY_INDEX_JOB = 'memory.index';
/** Kind of the job that indexes a project again from scratch (asked for, or a new embedding model). */
export const MEMORY_REINDEX_JOB = 'memory.reindex';

export const indexTargetSchema = z.discriminatedUnion('type', [
  /** Every source of the project. */
  z.object({ type: z.literal('project') }),
  /** One scene, after a save. */
  z.object({ type: z.literal('scene'), id: idSchema }),
  /** The codex entries, after a codex change. */
  z.object({ type: z.literal('codex') }),
  /** Only the chunks waiting for embeddings (memories are chunked when written). */
  z.object({ type: z.literal('pending') }),
]);
export type IndexTarget = z.infer<typeof indexTargetSchema>;

export const memoryIndexPayloadSchema = z.object({ projectId: idSchema, target: indexTargetSchema });
export type MemoryIndexPayload = z.infer<typeof memoryIndexPayloadSchema>;
export const memoryReindexPayloadSchema = z.object({ projectId: idSchema });
export type MemoryReindexPayload = z.infer<typeof memoryReindexPayloadSchema>;

/** The idempotency key of an index job: one waiting job per project and target. */
export function indexJobKey(payload: MemoryIndexPayload): string {
  const target = payload.target.type === 'scene' ? `scene:${payload.target.id}` : payload.target.type;
  return `${MEMORY_INDEX_JOB}:${payload.projectId}:${target}`;
}

export function reindexJobKey(projectId: string): string {
  return `${MEMORY_REINDEX_JOB}:${projectId}`;
}

export interface IndexJobDeps {
  indexer: Indexer;
  /** The project's title for the jobs view, or null when it is gone. */
  projectTitle(projectId: string): string | null;
  /** The index of a project changed (memory.changed). */
  changed(projectId: string): void;
}

/** An edit that lands while its scene's job embeds is picked up by the same job; this bounds the rounds. */
const MAX_SCENE_ROUNDS = 5;

/** The job kinds of the memory domain, to register with the runner. */
export function createIndexJobKinds(deps: IndexJobDeps): { index: JobKind<MemoryIndexPayload>; reindex: JobKind<MemoryReindexPayload> } {
  const { indexer } = deps;
  const name = (projectId: string) => `“${deps.projectTitle(projectId) ?? 'a deleted project'}”`;

  const embed = async (context: JobContext<{ projectId: string }>): Promise<EmbedResult> => {
    const result = await indexer.embedPending(context.payload.projectId, context.signal, ({ done, total }) =>
      context.progress({ done, total, message: total === 0 ? 'Up to date' : `Embedding passages: ${done} of ${total}` }),
    );
    if (result.meaning === 'no-model') {
      context.progress({ done: 0, total: 0, message: 'Indexed for word search. Meaning search is off: no embedding model is set up.' });
    }
    return result;
  };

  const index: JobKind<MemoryIndexPayload> = {
    kind: MEMORY_INDEX_JOB,
    payload: memoryIndexPayloadSchema,
    concurrency: 1,
    title: (payload) => (payload.target.type === 'scene' ? `Index a scene of ${name(payload.projectId)}` : `Index ${name(payload.projectId)}`),
    // Failures reach the runner as they are: it retries a provider's passing trouble (AppError codes).
    run: async (context) => {
      const { projectId, target } = context.payload;
      context.progress({ done: 0, total: 0, message: 'Reading the text' });
      if (target.type === 'scene') {
        indexer.syncScene(target.id);
        // A save that lands while this job embeds is covered here rather than lost.
        for (let round = 0; round < MAX_SCENE_ROUNDS; round += 1) {
          const result = await embed(context);
          if (result.meaning === 'no-model' || indexer.syncScene(target.id) === 0) break;
        }
      } else {
        if (target.type === 'project') await indexer.syncProject(projectId, context.signal);
        if (target.type === 'codex') indexer.syncCodex(projectId);
        await embed(context);
      }
      deps.changed(projectId);
    },
  };

  const reindex: JobKind<MemoryReindexPayload> = {
    kind: MEMORY_REINDEX_JOB,
    payload: memoryReindexPayloadSchema,
    concurrency: 1,
    title: (payload) => `Rebuild the index of ${name(payload.projectId)}`,
    run: async (context) => {
      const { projectId } = context.payload;
      indexer.dropVectors(projectId);
      deps.changed(projectId);
      await indexer.syncProject(projectId, context.signal);
      await embed(context);
      deps.changed(projectId);
    },
  };

  return { index, reindex };
}
