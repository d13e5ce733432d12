import { notFound } from '../../../shared/ipc/errors';
import type { Job } from '../../../shared/models/jobs';
import type { MeaningStatus } from '../../../shared/models/memory';
import type { JobRunner } from '../jobs';
import type { ChunkRepo } from './chunk.repo';
import { describeSpace, NO_MODEL_NOTICE, REBUILDING_NOTICE, type Embedder } from './embedder';
import { MEMORY_INDEX_JOB, MEMORY_REINDEX_JOB, reindexJobKey } from './index-jobs';
import type { VectorStore } from './vector-store/vector-store.types';

export interface IndexStatusDeps {
  chunks: ChunkRepo;
  embedder: Embedder;
  vectors: VectorStore;
  jobs: JobRunner;
  projectExists(projectId: string): boolean;
}

const ACTIVE = ['queued', 'running', 'retrying'] as const;

/** How far a project is indexed, whether meaning search is on, and the door to a rebuild. */
export function createIndexStatusService(deps: IndexStatusDeps) {
  const { chunks, embedder, vectors, jobs } = deps;

  const requireProject = (projectId: string) => {
    if (!deps.projectExists(projectId)) throw notFound('The project');
  };
  const activeJob = (projectId: string, kinds: string[]): Job | null =>
    jobs.list({ projectId, kinds, statuses: [...ACTIVE], limit: 1 })[0] ?? null;

  return {
    requireProject,
    /** Whether a rebuild of the project's vectors is queued or running. */
    isRebuilding: (projectId: string) => activeJob(projectId, [MEMORY_REINDEX_JOB]) !== null,
    async status(projectId: string) {
      requireProject(projectId);
      // Before any call this run, one tiny embedding tells whether a model answers (then it is remembered).
      if (embedder.availability().status === 'unknown') {
        await embedder.embed(['ready'], AbortSignal.timeout(15_000)).catch(() => undefined);
      }
      const { chunks: total, pending } = chunks.counts(projectId);
      const job = activeJob(projectId, [MEMORY_REINDEX_JOB, MEMORY_INDEX_JOB]);
      const space = vectors.space();
      const availability = embedder.availability();
      let meaning: MeaningStatus;
      if (availability.status === 'no-model') meaning = 'no-model';
      else if (job?.kind === MEMORY_REINDEX_JOB) meaning = 'rebuilding';
      else if (total === 0 || (pending === total && vectors.count(projectId) === 0)) meaning = 'not-indexed';
      else meaning = 'ready';
      return {
        projectId,
        meaning,
        embeddingModel: space ? describeSpace(space) : null,
        chunks: total,
        pendingChunks: pending,
        job,
        notice: meaning === 'no-model' ? NO_MODEL_NOTICE : meaning === 'rebuilding' ? REBUILDING_NOTICE : null,
      };
    },
    /** Enqueues the rebuild of a project's index (an active one is returned instead of a second). */
    reindex(projectId: string): Job {
      requireProject(projectId);
      return jobs.enqueue({ kind: MEMORY_REINDEX_JOB, payload: { projectId }, projectId, idempotencyKey: reindexJobKey(projectId) });
    },
  };
}

export type IndexStatusService = ReturnType<typeof createIndexStatusService>;
