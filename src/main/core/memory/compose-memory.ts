import type { Logger } from 'pino';
import type { Job } from '../../../shared/models/jobs';
import type { EventPayload } from '../../../shared/ipc/events';
import type { AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { JobRunner } from '../jobs';
import type { Clock, IdGenerator } from '../platform/clock';
import { createChunkRepo } from './chunk.repo';
import { createEmbedder, type EmbedCall } from './embedder';
import { createIndexSources } from './index-sources';
import { createIndexStatusService } from './index-status.service';
import { createIndexer } from './indexer';
import { createIndexJobKinds, indexJobKey, MEMORY_INDEX_JOB, MEMORY_REINDEX_JOB, reindexJobKey, type IndexTarget, type MemoryIndexPayload } from './index-jobs';
import { createMemoryHandlers } from './handlers';
import { createMemoryRepo } from './memory.repo';
import { createMemoryService } from './memory.service';
import { createPassageRepo } from './passage.repo';
import { createRetriever } from './retriever';
import type { VectorStore } from './vector-store/vector-store.types';

/** How long after a save (or codex/outline change) its indexing waits, so typing bursts index once. */
export const INDEX_DELAY_MS = 4_000;

export interface MemoryDeps {
  database: AppDatabase;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  jobs: JobRunner;
  /** The vector store (exact sqlite-vec, or an ANN index beside it). */
  vectors: VectorStore;
  /** The `embed` route of the LLM service. */
  embed: EmbedCall;
  projectTitle(projectId: string): string | null;
  /** Delay of indexing after an edit (ms, default {@link INDEX_DELAY_MS}; tests use 0). */
  indexDelayMs?: number;
  /** Inputs per embedding call (default 32). */
  embedBatchSize?: number;
}

/**
 * Builds the memory domain: entries, the chunk index and its jobs, hybrid retrieval and the
 * `memory.*` handlers. Registers its job kinds with the runner and listens to the events that
 * make indexing follow the writer's edits.
 */
export function createMemory(deps: MemoryDeps) {
  const { database, events, clock, jobs, vectors } = deps;
  const sqlite = database.sqlite;
  const chunks = createChunkRepo(sqlite);
  const repo = createMemoryRepo(sqlite);
  const passages = createPassageRepo(sqlite);
  const embedder = createEmbedder(deps.embed);
  const delay = deps.indexDelayMs ?? INDEX_DELAY_MS;
  const projectExists = (projectId: string) => deps.projectTitle(projectId) !== null;

  const enqueueIndex = (projectId: string, target: IndexTarget, notBefore?: number): Job | null => {
    if (!projectExists(projectId)) return null;
    const payload: MemoryIndexPayload = { projectId, target };
    // A debounced job and one asked for now are keyed apart: "now" must not return one that waits.
    const idempotencyKey = `${indexJobKey(payload)}${notBefore === undefined ? '' : ':later'}`;
    return jobs.enqueue({ kind: MEMORY_INDEX_JOB, payload, projectId, idempotencyKey, ...(notBefore !== undefined && { notBefore }) });
  };
  const enqueueReindex = (projectId: string) => {
    if (!projectExists(projectId)) return;
    jobs.enqueue({ kind: MEMORY_REINDEX_JOB, payload: { projectId }, projectId, idempotencyKey: reindexJobKey(projectId) });
  };

  const indexer = createIndexer({
    chunks,
    sources: createIndexSources(sqlite),
    embedder,
    vectors,
    clock,
    onSpaceChanged: (projectIds) => projectIds.forEach(enqueueReindex),
    ...(deps.embedBatchSize !== undefined && { batchSize: deps.embedBatchSize }),
  });
  const status = createIndexStatusService({ chunks, embedder, vectors, jobs, projectExists });
  const service = createMemoryService({
    database,
    repo,
    chunks,
    indexer,
    vectors,
    events,
    clock,
    ids: deps.ids,
    projectExists,
    embedLater: (projectId) => enqueueIndex(projectId, { type: 'pending' }),
  });
  const retriever = createRetriever({ passages, embedder, vectors, onSpaceMismatch: enqueueReindex, isRebuilding: status.isRebuilding });
  const kinds = createIndexJobKinds({ indexer, projectTitle: deps.projectTitle, changed: (projectId) => events.emit('memory.changed', { projectId }) });
  jobs.register(kinds.index);
  jobs.register(kinds.reindex);

  const unsubscribe = followEdits({
    events,
    logger: deps.logger,
    later: () => clock.now() + delay,
    enqueueIndex,
    modelsChanged: () => {
      // A model or key may have arrived: chunks that wait for embeddings get them now.
      embedder.forget();
      chunks.projectsWithPending().forEach((projectId) => enqueueIndex(projectId, { type: 'pending' }));
    },
  });

  return {
    service,
    retriever,
    handlers: createMemoryHandlers({ service, retriever, status }),
    /** For the trash: sources deleted for good leave the index (rows, words and vectors). */
    forget: {
      sources: (type: 'scene' | 'codex', ids: readonly string[]) => indexer.forgetSources(type, ids),
      project: (projectId: string) => indexer.forgetProject(projectId),
    },
    /** Brings a project's index up to date now, as a job (only changed chunks are embedded); null when the project is gone. */
    indexProject: (projectId: string): Job | null => enqueueIndex(projectId, { type: 'project' }),
    close: () => unsubscribe(),
  };
}

export type Memory = ReturnType<typeof createMemory>;

/** Schedules indexing after the edits that change what is indexed (debounced), and after model changes. */
function followEdits(deps: {
  events: EventBus;
  logger: Logger;
  later(): number;
  enqueueIndex(projectId: string, target: IndexTarget, notBefore?: number): unknown;
  modelsChanged(): void;
}): () => void {
  return deps.events.subscribe((name, payload) => {
    try {
      if (name === 'scene.saved') {
        const { id, projectId } = payload as { id: string; projectId: string };
        deps.enqueueIndex(projectId, { type: 'scene', id }, deps.later());
      } else if (name === 'codex.changed') deps.enqueueIndex((payload as { projectId: string }).projectId, { type: 'codex' }, deps.later());
      else if (name === 'outline.changed') deps.enqueueIndex((payload as { projectId: string }).projectId, { type: 'project' }, deps.later());
      // A failed call makes no embedding model usable: retrying pending chunks on it would
      // fail again, and each failure would announce itself again (a loop across projects).
      else if (name === 'llm.changed' && (payload as EventPayload<'llm.changed'>).cause !== 'call-failed') deps.modelsChanged();
    } catch (error) {
      deps.logger.error({ err: error, event: name }, 'could not schedule indexing');
    }
  });
}
