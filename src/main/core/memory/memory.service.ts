import { AppError, ErrorCode, notFound } from '../../../shared/ipc/errors';
import type { MemoryEntry, MemoryKind, MemorySource, MemoryVersion } from '../../../shared/models/memory';
import { inTransaction, type AppDatabase } from '../db/connection';
import type { EventBus } from '../events';
import type { Clock, IdGenerator } from '../platform/clock';
import type { ChunkRepo } from './chunk.repo';
import type { Indexer } from './indexer';
import type { MemoryFilter, MemoryRepo } from './memory.repo';
import type { VectorStore } from './vector-store/vector-store.types';

/** A memory to add. Other domains (summaries, continuity links) pass where it came from. */
export interface MemoryCreate {
  projectId: string;
  kind: MemoryKind;
  content: string;
  markers?: readonly string[] | undefined;
  agentScope?: readonly string[] | undefined;
  /** Where it came from; the writer by default. */
  source?: MemorySource | undefined;
  pinned?: boolean | undefined;
}

export interface MemoryUpdate {
  id: string;
  /** The version the edit was based on: an older one than stored is a CONFLICT. */
  version: number;
  content?: string | undefined;
  markers?: readonly string[] | undefined;
  agentScope?: readonly string[] | undefined;
}

export interface MemoryServiceDeps {
  database: AppDatabase;
  repo: MemoryRepo;
  chunks: ChunkRepo;
  indexer: Indexer;
  vectors: VectorStore;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
  projectExists(projectId: string): boolean;
  /** A memory's chunk waits for its embedding: schedule the project's embedding job. */
  embedLater(projectId: string): void;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/**
 * What the studio remembers (issue 7, point 2): create, edit with history, pin, archive and
 * delete. A memory's words are indexed in the same transaction as the row (full-text search
 * finds it at once); its embedding follows in a job. Delete removes it from every index.
 */
export function createMemoryService(deps: MemoryServiceDeps) {
  const { database, repo, indexer, events, clock } = deps;

  const requireEntry = (id: string): MemoryEntry => {
    const entry = repo.find(id);
    if (!entry) throw notFound('The memory');
    return entry;
  };

  const changed = (projectId: string, reindexed: boolean) => {
    events.emit('memory.changed', { projectId });
    if (reindexed) deps.embedLater(projectId);
  };

  const setFlag = (id: string, flag: 'pinned' | 'archived', value: boolean): MemoryEntry => {
    const entry = requireEntry(id);
    if (entry[flag] === value) return entry;
    repo.setFlag(id, flag, value, clock.now());
    events.emit('memory.changed', { projectId: entry.projectId });
    return requireEntry(id);
  };

  return {
    list(filter: MemoryFilter): MemoryEntry[] {
      if (!deps.projectExists(filter.projectId)) throw notFound('The project');
      return repo.list(filter);
    },
    get: requireEntry,
    create(input: MemoryCreate): MemoryEntry {
      if (!deps.projectExists(input.projectId)) throw notFound('The project');
      const id = deps.ids.newId();
      inTransaction(database, () => {
        repo.insert({
          id,
          projectId: input.projectId,
          kind: input.kind,
          content: input.content,
          markers: [...new Set(input.markers ?? [])],
          agentScope: input.agentScope ?? ['*'],
          source: input.source ?? { type: 'writer', id: null, range: null },
          pinned: input.pinned === true,
          now: clock.now(),
        });
        indexer.syncMemory(id);
      });
      changed(input.projectId, true);
      return requireEntry(id);
    },
    /** Edits a memory; the text before the edit is kept as a version (see {@link history}). */
    update(input: MemoryUpdate): MemoryEntry {
      const before = requireEntry(input.id);
      if (input.version !== before.version) {
        throw new AppError(ErrorCode.CONFLICT, `This memory was changed elsewhere since you opened it (it is now at version ${before.version}). Reload it and edit again.`);
      }
      const next = {
        content: input.content ?? before.content,
        markers: input.markers ? [...new Set(input.markers)] : before.markers,
        agentScope: input.agentScope ? [...input.agentScope] : before.agentScope,
      };
      if (next.content === before.content && sameList(next.markers, before.markers) && sameList(next.agentScope, before.agentScope)) return before;
      inTransaction(database, () => {
        repo.update(before, next, clock.now());
        indexer.syncMemory(before.id);
      });
      changed(before.projectId, next.content !== before.content);
      return requireEntry(input.id);
    },
    /** Earlier versions, newest first (the current text is the entry itself). */
    history(id: string): MemoryVersion[] {
      requireEntry(id);
      return repo.history(id);
    },
    setPinned: (id: string, pinned: boolean) => setFlag(id, 'pinned', pinned),
    setArchived: (id: string, archived: boolean) => setFlag(id, 'archived', archived),
    /** Deletes for good: the row, its versions and markers, its chunks, words and vectors. */
    delete(id: string): void {
      const entry = requireEntry(id);
      const chunkIds = deps.chunks.chunkIdsOfSource('memory', id);
      inTransaction(database, () => repo.remove(id));
      if (chunkIds.length > 0) deps.vectors.delete(chunkIds);
      events.emit('memory.changed', { projectId: entry.projectId });
    },
  };
}

export type MemoryService = ReturnType<typeof createMemoryService>;
